"""iCalendar and CSV exports of a plan."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest

from joinus_method import Closure, Venue
from joinus_method.planning.exports import CSV_COLUMNS, to_csv, to_ics
from joinus_method.planning.schedule import ProgramPlan, plan_program
from tests.seed import CURRICULA, NOORDWIJK, trained_elsewhere

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
        *(trained_elsewhere(attrs.evolve(PROGRAM.workers[0], id=f"werker-{n}")) for n in (5, 6)),
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


def event_of(data: bytes, uid: str) -> icalendar.Event:
    """The one VEVENT of *data* whose UID is *uid*."""
    (found,) = (e for e in events(data) if str(e["uid"]) == uid)
    return found


def test_calendar_names_the_program_and_the_exporter() -> None:
    """The calendar carries iCalendar version 2.0, this package's PRODID and the program's
    title as its name."""
    calendar = icalendar.Calendar.from_ical(to_ics(PLAN, PROGRAM, stamp=STAMP))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//joinus_method//plan//NL"
    assert str(calendar["x-wr-calname"]) == "Join Us Noordwijk en Katwijk 2021"


def test_every_event_is_stamped_with_the_export_time_in_utc() -> None:
    """Every event's DTSTAMP is the given time, written in UTC."""
    amsterdam = STAMP.astimezone(ZoneInfo("Europe/Amsterdam"))
    text = to_ics(PLAN, PROGRAM, stamp=amsterdam).decode()
    assert text.count("\r\nDTSTAMP:20261127T120000Z\r\n") == len(PLAN.sessions)


def _evening_lines() -> list[str]:
    return [
        "- 20 min: Openingsrondje (youths)",
        "- 35 min: Ons activiteitenplan (youths)",
        "- 15 min: Pauze",
        "- 40 min: Activiteit voorbereid door jongeren (youths)",
        "- 60 min: Eén-op-ééngesprekken",
        "- 10 min: Afsluiting",
    ]


WORKERS = ["Daan Kuijpers", "Esra Yildiz", "Joost van der Meer", "Noor Bakker"]
PEOPLE = {
    "groep-18-25-x-out": (
        ["Leiding: Daan Kuijpers, Esra Yildiz"],
        [
            ("Daan Kuijpers", "CHAIR", "urn:joinus:person:daan-kuijpers"),
            ("Esra Yildiz", "CHAIR", "urn:joinus:person:esra-yildiz"),
        ],
    ),
    "training-voorjaar-2021": (
        ["Leiding: Marieke Verhoef", f"Deelnemers: {', '.join(WORKERS)}"],
        [("Marieke Verhoef", "CHAIR", "urn:joinus:person:marieke-verhoef")]
        + [
            (name, "REQ-PARTICIPANT", f"urn:joinus:person:{name.lower().replace(' ', '-')}")
            for name in WORKERS
        ],
    ),
    "webinar-eenzaamheid-jongeren-2021": ([], []),
}


class TestEventText:
    """An event's summary is the series' title and the session's; its location the venue's
    name and address, or "online"; its description the session's title, description and
    timed segments, naming a segment's leader unless it is the workers."""

    @pytest.mark.parametrize(
        ("series", "session", "start", "minutes", "summary", "location", "kind", "segments"),
        [
            (
                "groep-18-25-x-out",
                "activiteitenplan",
                dt.datetime(2021, 6, 22, 19, 0),
                180,
                "Join Us-groep 18 tot en met 25 jaar, X-Out Noordwijkerhout: "
                "Een plan voor de komende maanden",
                "X-Out, Noordwijkerhout",
                "group",
                _evening_lines(),
            ),
            (
                "training-voorjaar-2021",
                "oefenavond",
                dt.datetime(2021, 4, 22, 13, 30),
                180,
                "Training voor jongerenwerkers: de Join Us-methode (training-voorjaar-2021): "
                "Oefenavond: een groepsavond in de praktijk",
                "The Base, Noordwijk",
                "training",
                [
                    "- 25 min: Voorbereiding in duo's",
                    "- 80 min: De oefenavond",
                    "- 15 min: Pauze",
                    "- 45 min: Feedback",
                    "- 15 min: Afsluiting",
                ],
            ),
            (
                "webinar-eenzaamheid-jongeren-2021",
                "webinar-eenzaamheid-jongeren",
                dt.datetime(2021, 4, 20, 19, 30),
                90,
                "Webinar eenzaamheid onder jongeren: "
                "Eenzaamheid onder jongeren: herkennen, bespreken en doorverwijzen",
                "online",
                "event",
                [
                    "- 5 min: Welkom en programma",
                    "- 20 min: Eenzaamheid onder jongeren",
                    "- 15 min: Wat is Join Us?",
                    "- 15 min: Een ervaringsdeskundige vertelt (expert-by-experience)",
                    "- 20 min: Laagdrempelig signaleren en doorverwijzen",
                    "- 12 min: Vragen",
                    "- 3 min: Afsluiting",
                ],
            ),
        ],
        ids=["group-evening", "training", "online-webinar"],
    )
    def test_event_text(
        self,
        series: str,
        session: str,
        start: dt.datetime,
        minutes: int,
        summary: str,
        location: str,
        kind: str,
        segments: list[str],
    ) -> None:
        """One session's event, property by property, as a calendar app shows it."""
        planned = next(s for s in PLAN.plan(series).sessions if s.session.id == session)
        event = event_of(to_ics(PLAN, PROGRAM, stamp=STAMP), planned.uid)
        zone = ZoneInfo("Europe/Amsterdam")
        assert event.decoded("dtstart") == start.replace(tzinfo=zone)
        assert event.decoded("dtend") == (start + dt.timedelta(minutes=minutes)).replace(
            tzinfo=zone
        )
        assert str(event["summary"]) == summary
        assert str(event["location"]) == location
        categories = event["categories"]
        assert isinstance(categories, icalendar.prop.vCategory)
        assert [str(c) for c in categories.cats] == [kind]
        own = planned.session
        people, attendees = PEOPLE[series]
        expected = "\n".join([own.title, *people, "", own.description, "", *segments])
        assert str(event["description"]) == expected
        found = event.get("attendee", [])
        found = found if isinstance(found, list) else [found]
        assert [(a.params["cn"], a.params["role"], str(a)) for a in found] == attendees

    def test_a_venue_without_address_is_named_alone(self) -> None:
        """A venue with no address is its name alone, in the calendar and in the CSV."""
        venues = tuple(
            attrs.evolve(v, address="") if v.id == "the-base" else v for v in PROGRAM.venues
        )
        program = attrs.evolve(PROGRAM, venues=venues)
        data = to_ics(PLAN, program, stamp=STAMP)
        base, out = (
            PLAN.plan(series).sessions[0]
            for series in ("groep-12-18-the-base", "groep-18-25-x-out")
        )
        assert str(event_of(data, base.uid)["location"]) == "The Base"
        assert str(event_of(data, out.uid)["location"]) == "X-Out, Noordwijkerhout"
        rows = list(csv.DictReader(io.StringIO(to_csv(PLAN, program))))
        assert {r["venue"] for r in rows if r["series"] == "groep-12-18-the-base"} == {"The Base"}


def test_vtimezone_spans_the_calendar_years_of_the_plan() -> None:
    """The VTIMEZONE runs from 1 January of the first session's year to 1 January after the
    last session's year, with exactly the clock changes in between."""
    group = PLAN.plan(NOORDWIJK.groups[0].id)
    days = (dt.date(2021, 12, 28), dt.date(2022, 6, 7), dt.date(2023, 1, 3))
    spread = attrs.evolve(
        group,
        day_numbers=tuple(d.toordinal() for d in days),
        indices=(0, 1, 2),
        skipped_numbers=(),
        skipped_reasons=(),
    )
    plan = ProgramPlan(PLAN.program, (spread,), ())
    assert [s.day for s in plan.sessions] == list(days)
    calendar = icalendar.Calendar.from_ical(to_ics(plan, PROGRAM, stamp=STAMP))
    (timezone,) = calendar.walk("VTIMEZONE")
    starts = set()
    for rule in timezone.walk("DAYLIGHT") + timezone.walk("STANDARD"):
        starts.add(rule.decoded("dtstart"))
        rdates = rule.get("rdate", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            starts |= {d.dt for d in rdate.dts}
    assert min(starts) == dt.datetime(2021, 1, 1)
    changes = {s.date() for s in starts} - {dt.date(2021, 1, 1)}
    assert changes == {last_sunday(y, m) for y in (2021, 2022, 2023) for m in (3, 10)}
    assert "2021-01-01 to 2024-01-01" in str(timezone["comment"])


CSV_LINES = {
    "header": "date,start,end,kind,series,round,number,session,title,venue,people,names,"
    "status,reason,uid",
    "training": "2021-03-04,13:30,16:30,training,training-voorjaar-2021,0,1,"
    "eenzaamheid-onder-jongeren,Eenzaamheid onder jongeren begrijpen,"
    '"The Base, Noordwijk",'
    "marieke-verhoef daan-kuijpers esra-yildiz joost-van-der-meer noor-bakker,"
    '"Marieke Verhoef, Daan Kuijpers, Esra Yildiz, Joost van der Meer, Noor Bakker",planned,,'
    "noordwijk-katwijk-2021.training.training-voorjaar-2021.r0.eenzaamheid-onder-jongeren"
    "@joinus-method",
    "online event": "2021-04-20,19:30,21:00,event,webinar-eenzaamheid-jongeren-2021,0,1,"
    "webinar-eenzaamheid-jongeren,"
    '"Eenzaamheid onder jongeren: herkennen, bespreken en doorverwijzen",online,,,planned,,'
    "noordwijk-katwijk-2021.event.webinar-eenzaamheid-jongeren-2021.r0."
    "webinar-eenzaamheid-jongeren@joinus-method",
    "group evening": "2021-06-22,19:00,22:00,group,groep-18-25-x-out,0,4,activiteitenplan,"
    'Een plan voor de komende maanden,"X-Out, Noordwijkerhout",daan-kuijpers esra-yildiz,'
    '"Daan Kuijpers, Esra Yildiz",'
    "planned,,noordwijk-katwijk-2021.group.groep-18-25-x-out.r0.activiteitenplan"
    "@joinus-method",
    "skipped date": '2021-07-20,19:00,,group,groep-18-25-x-out,,,,,"X-Out, Noordwijkerhout",'
    'daan-kuijpers esra-yildiz,"Daan Kuijpers, Esra Yildiz",skipped,zomervakantie regio '
    "midden,",
}


def test_csv_for_excel_under_a_dutch_locale() -> None:
    """The excel-nl dialect starts with a byte-order mark and separates with semicolons;
    the rows are the same values."""
    nl = to_csv(PLAN, PROGRAM, dialect="excel-nl")
    assert nl.startswith("\ufeffdate;start;end;kind;")
    rows = list(csv.reader(io.StringIO(nl.removeprefix("\ufeff")), delimiter=";"))
    assert rows == list(csv.reader(io.StringIO(to_csv(PLAN, PROGRAM))))
    assert "Joost van der Meer" in nl
    with pytest.raises(ValueError, match="unknown CSV dialect 'tsv'"):
        to_csv(PLAN, PROGRAM, dialect="tsv")


@pytest.mark.parametrize("line", CSV_LINES.values(), ids=CSV_LINES.keys())
def test_csv_lines_are_exact(line: str) -> None:
    """Each kind of row is written exactly: times as HH:MM, people by id, an empty reason
    for a planned session and empty session fields for a skipped date, lines ending in LF."""
    text = to_csv(PLAN, PROGRAM)
    assert "\r" not in text
    assert text.endswith("\n")
    assert line in text.split("\n")
