"""iCalendar and CSV exports of a plan."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar

from joinus_method import Closure
from joinus_method.planning.exports import CSV_COLUMNS, to_csv, to_ics
from joinus_method.planning.schedule import plan_program
from tests.seed import CURRICULA, NOORDWIJK

PROGRAM = NOORDWIJK
UNTIL = dt.date(2022, 5, 31)
STAMP = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
PLAN = plan_program(PROGRAM, CURRICULA, until=UNTIL)


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_every_event_matches_the_plan() -> None:
    """Parsed back, each VEVENT has the session's UID, times, place and description."""
    data = to_ics(PLAN, PROGRAM, stamp=STAMP)
    parsed = events(data)
    assert len(parsed) == len(PLAN.sessions)
    by_uid = {s.uid: s for s in PLAN.sessions}
    venues = {v.id: v for v in PROGRAM.venues}
    for event in parsed:
        session = by_uid[str(event["uid"])]
        start = event.decoded("dtstart")
        assert start == session.start
        assert str(start.tzinfo) == "Europe/Amsterdam"
        assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
        assert event.decoded("dtend") == session.end
        venue = session.series.venue
        assert str(event["location"]).startswith(venues[venue].name if venue else "online")
        description = str(event["description"])
        assert description.startswith(session.title)
        for segment in session.session.segments:
            assert segment.title in description
    calendar = icalendar.Calendar.from_ical(data)
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "Europe/Amsterdam"


def test_uids_survive_replanning() -> None:
    """A cancelled and moved session keeps its UID in the calendar."""
    group = PROGRAM.groups[0].id
    day = PLAN.plan(group).days[2]
    moved = plan_program(
        PROGRAM, CURRICULA, until=UNTIL, cancellations={group: [Closure(day, "storm")]}
    )
    before = {
        str(e["uid"]): e.decoded("dtstart") for e in events(to_ics(PLAN, PROGRAM, stamp=STAMP))
    }
    after = {
        str(e["uid"]): e.decoded("dtstart") for e in events(to_ics(moved, PROGRAM, stamp=STAMP))
    }
    uid = PLAN.plan(group).sessions[2].uid
    assert uid in after
    assert after[uid] > before[uid]


def test_ics_is_deterministic() -> None:
    """The same plan and stamp give the same bytes."""
    assert to_ics(PLAN, PROGRAM, stamp=STAMP) == to_ics(PLAN, PROGRAM, stamp=STAMP)


def test_csv_rows() -> None:
    """The CSV holds a header, every planned session and every skipped date with its reason."""
    rows = list(csv.DictReader(io.StringIO(to_csv(PLAN, PROGRAM))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    planned = [r for r in rows if r["status"] == "planned"]
    skipped = [r for r in rows if r["status"] == "skipped"]
    assert len(planned) == len(PLAN.sessions)
    assert len(skipped) == len(PLAN.skipped)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    first = planned[0]
    assert (first["date"], first["start"], first["kind"]) == ("2021-03-04", "13:30", "training")
    assert any(r["reason"] == "zomervakantie regio midden" for r in skipped)
