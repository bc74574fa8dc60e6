"""``joinus record``: attendance or assessments from a CSV file, such as a filled-in sign-in
sheet, checked row by row before anything is stored."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._language import _, error_text, os_error_text, translate
from ._tracking import add_tracker_options, opened_tracker

if TYPE_CHECKING:
    from joinus_method.planning.schedule import PlannedSession
    from joinus_method.tracking.events import Event
    from joinus_method.tracking.tracker import Tracker

__all__ = ["add_parser", "run"]

# How a status may be written on a sheet, in English or in Dutch.
_STATUSES = {
    "present": "present",
    "aanwezig": "present",
    "late": "late",
    "te laat": "late",
    "excused": "excused",
    "afgemeld": "excused",
    "absent": "absent",
    "afwezig": "absent",
}
_CHUNK = 500


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``record`` subcommand to *commands*."""
    record = commands.add_parser(
        "record",
        help=_("record attendance or assessments from a CSV file"),
        description=_(
            "Record the rows of a CSV file (commas or semicolons, as a spreadsheet saves "
            "it). Attendance: the columns youth, status (present, late, excused, absent; or "
            "aanwezig, te laat, afgemeld, afwezig) and either session_uid or group and day "
            "(YYYY-MM-DD). Assessments (--kind assessment): youth, day, and a column "
            "level:DOMAIN for each domain rated. Every row is checked first; when one is "
            "wrong, the wrong rows are listed by number and nothing is stored, unless "
            "--skip-bad is given. Recording the same file again stores nothing twice."
        ),
    )
    record.add_argument("file", type=Path, metavar="FILE", help=_("the CSV file"))
    record.add_argument(
        "--by", required=True, metavar="WORKER", help=_("the id of the worker who records")
    )
    record.add_argument(
        "--kind",
        choices=("attendance", "assessment"),
        default="attendance",
        help=_("what the rows hold (default: attendance)"),
    )
    record.add_argument(
        "--skip-bad", action="store_true", help=_("store the good rows, skip the wrong ones")
    )
    add_tracker_options(record)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check every row of the file, then store them (or none)."""
    from joinus_method.errors import JoinUsError

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        why = os_error_text(exc) if isinstance(exc, OSError) else _("not UTF-8 text")
        print(_("error: cannot read {path}: {why}", path=args.file, why=why), file=err)
        return 1
    with opened_tracker(args, err) as tracker:
        if tracker is None:
            return 1
        rows = _rows(text)
        made: list[tuple[int, Event]] = []
        problems: list[tuple[int, str]] = []
        for number, row in rows:
            try:
                made.append((number, _event(tracker, args, row, number)))
            except ValueError as exc:
                problems.append((number, str(exc)))
            except JoinUsError as exc:
                problems.append((number, error_text(exc)))
        refused, stored_ids = _refused(tracker, made)
        problems += refused
        bad = {n for n, _ in problems}
        for number, why in sorted(problems):
            print(_("row {row}: {why}", row=number, why=why), file=err)
        if problems and not args.skip_bad:
            print(
                _(
                    "error: {count} of {total} rows are wrong: nothing was stored",
                    count=len(bad),
                    total=len(rows),
                ),
                file=err,
            )
            return 1
        good = [e for n, e in made if n not in bad and e.id not in stored_ids]
        stored = 0
        showing = err.isatty() and len(good) > _CHUNK
        try:
            for start in range(0, len(good), _CHUNK):
                stored += tracker.record(good[start : start + _CHUNK])
                if showing:
                    done = min(start + _CHUNK, len(good))
                    said = _("{done} of {total} rows", done=done, total=len(good))
                    print("\r" + said, end="", file=err)
        except JoinUsError as exc:
            print(error_text(exc), file=err)
            return 1
        if showing:
            print(file=err)
    print(
        _(
            "{stored} new of {total} rows stored ({skipped} skipped)",
            stored=stored,
            total=len(rows),
            skipped=len(bad),
        ),
        file=out,
    )
    return 0


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of *text* by row number (the header is row 1), with their keys in lower case."""
    import csv
    import io

    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    found = []
    for index, row in enumerate(reader, start=2):
        cleaned = {
            (k or "").strip().lower(): (v or "").strip()
            for k, v in row.items()
            if k is not None and not isinstance(v, list)
        }
        if any(cleaned.values()):
            found.append((index, cleaned))
    return found


def _event(tracker: Tracker, args: argparse.Namespace, row: dict[str, str], number: int) -> Event:
    """The event of one row; raises ValueError saying what is wrong."""
    from joinus_method.tracking.events import AttendanceStatus, Event, EventKind

    youth = row.get("youth", "")
    if not youth:
        raise ValueError(_("no youth"))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    if args.kind == "attendance":
        status = _STATUSES.get(row.get("status", "").lower())
        if status is None:
            raise ValueError(
                _(
                    "status {status!r} is not present, late, excused or absent",
                    status=row.get("status", ""),
                )
            )
        session = _session(tracker, row)
        return Event(
            EventKind.ATTENDED,
            youth,
            session.day,
            args.by,
            stamp,
            f"{youth}@{session.uid}#{status}",
            group=session.series.id,
            session_uid=session.uid,
            status=AttendanceStatus(status),
        )
    day = _day(row.get("day", ""))
    levels = []
    for key, value in row.items():
        if key.startswith("level:") and value:
            if not value.isdigit():
                raise ValueError(
                    _("level {value!r} of {key} is not a whole number", value=value, key=key)
                )
            levels.append((key.removeprefix("level:"), int(value)))
    if not levels:
        raise ValueError(_("no level:DOMAIN column filled in"))
    known = tracker.framework.domain_ids
    for domain, _level in levels:
        if domain not in known:
            raise ValueError(_("no domain {domain!r} in the framework", domain=domain))
    fingerprint = ",".join(f"{d}={n}" for d, n in sorted(levels))
    return Event(
        EventKind.ASSESSED,
        youth,
        day,
        args.by,
        stamp,
        f"{youth}@{day}#{fingerprint}",
        rater=row.get("rater") or args.by,
        levels=tuple(levels),
    )


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("not a date (YYYY-MM-DD): {text!r}", text=text)) from None


def _session(tracker: Tracker, row: dict[str, str]) -> PlannedSession:
    uid = row.get("session_uid", "")
    if uid:
        for plan in tracker.plan.plans:
            for session in plan.sessions:
                if session.uid == uid:
                    return session
        raise ValueError(_("no planned session {uid!r}", uid=uid))
    group = row.get("group", "")
    day = _day(row.get("day", ""))
    for session in tracker.series_plan(group).sessions:
        if session.day == day:
            return session
    raise ValueError(_("group {group!r} does not meet on {day}", group=group, day=day))


def _refused(
    tracker: Tracker, made: list[tuple[int, Event]]
) -> tuple[list[tuple[int, str]], set[str]]:
    """The rows whose event may not follow on the youth's road, walked as if stored; and
    the ids of the events stored already (a row recorded before)."""
    from joinus_method.tracking.journey import EventRefused, YouthState, apply

    states: dict[str, YouthState] = {}
    births: dict[str, dt.date | None] = {}
    stored: dict[str, set[str]] = {}
    found = []
    seen: set[str] = set()
    for number, event in made:
        youth = event.youth
        if youth not in states:
            states[youth] = tracker.store.state(youth)
            personal = tracker.store.personal(youth)
            births[youth] = personal.date_of_birth if personal else None
            stored[youth] = {e.id for e in tracker.journey(youth)}
        if event.id in seen or event.id in stored[youth]:
            continue  # stored already, or twice in the file: stored once
        seen.add(event.id)
        try:
            states[youth] = apply(states[youth], event, births[youth])
        except EventRefused as exc:
            found.append((number, translate(exc.message)))
    return found, set().union(*stored.values())
