"""iCalendar and CSV exports of a plan."""

from __future__ import annotations

import csv
import datetime as dt
import io

import attrs
import icalendar

from joinus_method import Closure, Venue
from joinus_method.planning.exports import CSV_COLUMNS, to_csv, to_ics
from joinus_method.planning.schedule import ProgramPlan, plan_program
from tests.seed import CURRICULA, NOORDWIJK

PROGRAM = NOORDWIJK
UNTIL = dt.date(2022, 5, 31)
STAMP = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
DAY = dt.date(2021, 5, 11)
"""The first evening of the seed's 18-25 group, a Tuesday."""
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


def test_exports_do_not_depend_on_the_order_of_the_series() -> None:
    """The same sessions give the same bytes, whatever the order of the series in the plan."""
    shuffled = ProgramPlan(PLAN.program, (*PLAN.plans[1:], PLAN.plans[0]), PLAN.violations)
    assert [p.series.id for p in shuffled.plans] != [p.series.id for p in PLAN.plans]
    assert to_ics(shuffled, PROGRAM, stamp=STAMP) == to_ics(PLAN, PROGRAM, stamp=STAMP)
    assert to_csv(shuffled, PROGRAM) == to_csv(PLAN, PROGRAM)


def last_sunday(year: int, month: int) -> dt.date:
    """The last Sunday of *month*: the day clocks change in the EU."""
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def test_vtimezone_covers_every_daylight_saving_change() -> None:
    """The file's own VTIMEZONE, read without the system's zone database, holds each clock
    change of the plan's years and puts every session at its true UTC instant."""
    calendar = icalendar.Calendar.from_ical(to_ics(PLAN, PROGRAM, stamp=STAMP))
    (timezone,) = calendar.walk("VTIMEZONE")
    changes = set()
    for rule in timezone.walk("DAYLIGHT") + timezone.walk("STANDARD"):
        changes.add(rule.decoded("dtstart").date())
        rdates = rule.get("rdate", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            changes |= {d.dt.date() for d in rdate.dts}
    years = range(PLAN.sessions[0].day.year, PLAN.sessions[-1].day.year + 1)
    assert list(years) == [2021, 2022]
    assert {last_sunday(y, m) for y in years for m in (3, 10)} <= changes
    own = timezone.to_tz(lookup_tzid=False)
    starts = {}
    for event in calendar.walk("VEVENT"):
        local = event.decoded("dtstart").replace(tzinfo=None)
        starts[str(event["uid"])] = local.replace(tzinfo=own).astimezone(dt.UTC)
    for session in PLAN.sessions:
        assert starts[session.uid] == session.start.astimezone(dt.UTC), session
    april, winter = (
        next(s for s in PLAN.plan(NOORDWIJK.groups[0].id).sessions if s.day.month == month)
        for month in (4, 1)
    )
    assert april.day.year == winter.day.year == 2022
    assert starts[april.uid].time() == dt.time(17, 0)
    assert starts[winter.uid].time() == dt.time(18, 0)


def test_csv_rows() -> None:
    """The CSV holds a header, every planned session and every skipped date with its reason."""
    rows = list(csv.DictReader(io.StringIO(to_csv(PLAN, PROGRAM))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    planned = [r for r in rows if r["status"] == "planned"]
    skipped = [r for r in rows if r["status"] == "skipped"]
    assert len(planned) == len(PLAN.sessions)
    assert len(skipped) == len(PLAN.skipped)
    order = [(r["date"], r["start"], r["status"] != "planned", r["series"]) for r in rows]
    assert order == sorted(order)
    first = planned[0]
    assert (first["date"], first["start"], first["kind"]) == ("2021-03-04", "13:30", "training")
    assert any(r["reason"] == "zomervakantie regio midden" for r in skipped)


def test_csv_rows_of_one_day_run_by_start_time() -> None:
    """On one day the earlier session comes first, whatever its series id; a skipped date
    stands at its start time, after what is planned at that time."""
    workers = (
        *PROGRAM.workers,
        *(attrs.evolve(PROGRAM.workers[0], id=f"werker-{n}") for n in (5, 6)),
    )
    closed = Venue("de-schuur", "De Schuur", "noordwijk", closures=(Closure(DAY, "lekkage"),))
    older = PROGRAM.groups[0]
    late, early, also_late = (
        attrs.evolve(older, id="b-laat"),
        attrs.evolve(
            older,
            id="c-vroeg",
            start_time=dt.time(17, 0),
            venue="the-base",
            workers=("joost-van-der-meer", "noor-bakker"),
        ),
        attrs.evolve(older, id="a-ook-laat", venue="de-schuur", workers=("werker-5", "werker-6")),
    )
    program = attrs.evolve(
        PROGRAM,
        workers=workers,
        venues=(*PROGRAM.venues, closed),
        groups=(late, early, also_late),
    )
    plan = plan_program(program, CURRICULA, until=dt.date(2021, 6, 30))
    rows = list(csv.DictReader(io.StringIO(to_csv(plan, program))))
    assert [(r["start"], r["series"], r["status"]) for r in rows if r["date"] == str(DAY)] == [
        ("17:00", "c-vroeg", "planned"),
        ("19:00", "b-laat", "planned"),
        ("19:00", "a-ook-laat", "skipped"),
    ]
