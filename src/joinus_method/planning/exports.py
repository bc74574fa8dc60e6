"""Plans as iCalendar files and CSV tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence

from joinus_method.messages import msg
from joinus_method.model.curriculum import Leader
from joinus_method.model.program import Program

from .schedule import PlannedSession, ProgramPlan, Series, SkippedSlot

__all__ = ["CSV_COLUMNS", "CSV_DIALECTS", "to_csv", "to_ics"]

CSV_COLUMNS = (
    "date",
    "start",
    "end",
    "kind",
    "series",
    "round",
    "number",
    "session",
    "title",
    "venue",
    "people",
    "names",
    "status",
    "reason",
    "uid",
)


CSV_DIALECTS = ("excel", "excel-nl")
"""``excel``: commas, as spreadsheets read CSV in English; ``excel-nl``: semicolons and a
UTF-8 byte-order mark, so Excel under a Dutch locale opens it in columns with the accents
intact."""


def _names(program: Program, people: Sequence[str]) -> str:
    """The names of *people*, by their ids in *program*."""
    known = program.people_names
    return ", ".join(known.get(p, p) for p in people)


def _venue_text(program: Program, venue_id: str | None) -> str:
    if venue_id is None:
        return "online"
    venue = program.venue(venue_id)
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def _description(s: PlannedSession, program: Program) -> str:
    lines = [s.session.title]
    if s.series.leaders:
        lines.append(f"Leiding: {_names(program, s.series.leaders)}")
    if s.series.participants:
        lines.append(f"Deelnemers: {_names(program, s.series.participants)}")
    if s.session.description:
        lines += ["", s.session.description]
    if s.session.segments:
        lines.append("")
        for seg in s.session.segments:
            who = f" ({seg.led_by.value})" if seg.led_by not in (None, Leader.WORKERS) else ""
            lines.append(f"- {seg.minutes} min: {seg.title}{who}")
    return "\n".join(lines)


def to_ics(plan: ProgramPlan, program: Program, *, stamp: dt.datetime) -> bytes:
    """The planned sessions as an iCalendar file, one VEVENT each.

    Each event's UID stays the same when re-planning moves the session to another date;
    times carry ``TZID`` of the program's zone, whose VTIMEZONE is included. *stamp* is the
    DTSTAMP of every event (pass the current time; it is a parameter to keep this pure).
    """
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//joinus_method//plan//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", program.title)
    sessions = plan.sessions
    for s in sessions:
        event = icalendar.Event()
        event.add("uid", s.uid)
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", s.start)
        event.add("dtend", s.end)
        event.add("summary", f"{s.series.title}: {s.title}")
        event.add("location", _venue_text(program, s.series.venue))
        event.add("description", _description(s, program))
        event.add("categories", [s.series.kind.value])
        for role, people in (
            ("CHAIR", s.series.leaders),
            ("REQ-PARTICIPANT", s.series.participants),
        ):
            for person in people:
                attendee = icalendar.vCalAddress(f"urn:joinus:person:{person}")
                attendee.params["cn"] = _names(program, [person])
                attendee.params["role"] = role
                event.add("attendee", attendee, encode=False)
        cal.add_component(event)
    if sessions:
        cal.add_missing_timezones(
            first_date=dt.date(sessions[0].day.year, 1, 1),
            last_date=dt.date(sessions[-1].day.year + 1, 1, 1),
        )
    return bytes(cal.to_ical())


def to_csv(
    plan: ProgramPlan,
    program: Program,
    *,
    dialect: str = "excel",
    translate: Callable[[str], str] = str,
) -> str:
    """Planned sessions and skipped dates as CSV, with a header row.

    Rows run by date, then start time, then series; a skipped date stands at its series'
    start time like a session would, after the sessions planned at that same time. People
    are given by id (``people``) and by name (``names``). *dialect* is one of
    :data:`CSV_DIALECTS`. The reasons of skipped dates are written by *translate* (such as
    ``translator("nl")``); the column names and codes (``kind``, ``status``) stay as they
    are, for programs that read the file.
    """
    if dialect not in CSV_DIALECTS:
        raise ValueError(
            msg(
                "unknown CSV dialect {dialect!r}; expected one of {dialects}",
                dialect=dialect,
                dialects=CSV_DIALECTS,
            )
        )
    out = io.StringIO()
    if dialect == "excel-nl":
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if dialect == "excel-nl" else ",", lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows: list[tuple[dt.date, dt.time, int, str, Sequence[object]]] = []
    for s in plan.sessions:
        row: Sequence[object] = (
            s.day.isoformat(),
            s.start.strftime("%H:%M"),
            s.end.strftime("%H:%M"),
            s.series.kind.value,
            s.series.id,
            s.round,
            s.number,
            s.session.id,
            s.title,
            _venue_text(program, s.series.venue),
            " ".join(s.series.people),
            _names(program, s.series.people),
            "planned",
            "",
            s.uid,
        )
        rows.append((s.day, s.series.start_time, 0, s.series.id, row))
    series = {p.series.id: p.series for p in plan.plans}
    for k in plan.skipped:
        found = series[k.series]
        row = _skipped_row(program, found, k, translate(k.reason))
        rows.append((k.day, found.start_time, 1, k.series, row))
    for *_, row in sorted(rows, key=lambda r: r[:4]):
        writer.writerow(row)
    return out.getvalue()


def _skipped_row(program: Program, series: Series, k: SkippedSlot, reason: str) -> Sequence[object]:
    return (
        k.day.isoformat(),
        series.start_time.strftime("%H:%M"),
        "",
        series.kind.value,
        series.id,
        "",
        "",
        "",
        "",
        _venue_text(program, series.venue),
        " ".join(series.people),
        _names(program, series.people),
        "skipped",
        reason,
        "",
    )
