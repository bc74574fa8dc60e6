"""The closure calendar: public holidays, school holidays, closures and leave."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from pathlib import Path

import attrs
import holidays
import pytest
import tomli
from hypothesis import given

from joinus_method import (
    Closure,
    ClosureList,
    InvalidValue,
    Program,
    SchoolHoliday,
    SchoolHolidays,
    SchoolRegion,
)
from joinus_method.documents.bundled import load_bundled
from joinus_method.model.holidays import HolidayRegion
from joinus_method.planning.closures import (
    ClosureCalendar,
    OutsideCalendar,
    PlanningError,
    public_holidays,
    school_holidays,
)
from joinus_method.planning.schedule import plan_program
from tests.calendar_model import koningsdag, shipped_school_holidays
from tests.paths import REPO
from tests.seed import CURRICULA
from tests.seed import NOORDWIJK as SEED
from tests.strategies import closures

HOLIDAYS = school_holidays()
LENGTHS = {
    "herfstvakantie": 9,
    "voorjaarsvakantie": 9,
    "meivakantie": 9,
    "kerstvakantie": 16,
    "zomervakantie": 44,
}
YEARS = [f"{y}-{y + 1}" for y in range(2020, 2029)]


def test_the_data_file_is_versioned_and_sourced() -> None:
    """The shipped file has a version, and every holiday names its source."""
    assert HOLIDAYS.version
    assert len(HOLIDAYS.holidays) >= len(YEARS) * 11
    assert all(h.source.startswith("https://") for h in HOLIDAYS.holidays)
    assert {h.status for h in HOLIDAYS.holidays} == {"verplicht", "advies"}


def test_dates_run_saturday_to_sunday_with_their_length() -> None:
    """Each holiday starts on a Saturday, ends on a Sunday and has its usual length."""
    for h in HOLIDAYS.holidays:
        assert h.start.weekday() == 5, h
        assert h.end.weekday() == 6, h
        assert (h.end - h.start).days + 1 == LENGTHS[h.kind], h


@pytest.mark.parametrize("year", YEARS)
def test_each_region_has_each_holiday_once(year: str) -> None:
    """Every school year gives each region one autumn, spring, christmas and summer holiday."""
    entries = [h for h in HOLIDAYS.holidays if h.school_year == year]
    for region in ("noord", "midden", "zuid"):
        mine = Counter(h.kind for h in entries if h.region in (region, "heel-nederland"))
        for kind in ("herfstvakantie", "voorjaarsvakantie", "kerstvakantie", "zomervakantie"):
            assert mine[kind] == 1, (year, region, kind)
    assert sum(h.kind == "meivakantie" and h.status == "verplicht" for h in entries) == 1


@pytest.mark.parametrize("year", YEARS)
def test_summer_holidays_are_staggered(year: str) -> None:
    """The three regions start their summer holidays on three Saturdays a week apart."""
    starts = sorted(
        h.start for h in HOLIDAYS.holidays if h.school_year == year and h.kind == "zomervakantie"
    )
    assert len(starts) == 3
    assert [(b - a).days for a, b in itertools.pairwise(starts)] == [7, 7]


def test_shipped_file_matches_the_checked_source() -> None:
    """The package's copy holds the same holidays as the checked shared data file."""
    import tomllib

    shared = REPO.parent / "shared" / "data" / "nl-school-holidays.toml"
    if not shared.exists():
        pytest.skip("the shared data folder is not next to this checkout")
    entries = tomllib.loads(shared.read_text(encoding="utf-8"))["holiday"]
    assert [(e["start"], e["end"], e["region"], e["kind"]) for e in entries] == [
        (h.start, h.end, h.region, h.kind) for h in HOLIDAYS.holidays
    ]


def test_public_holidays_have_dutch_names() -> None:
    """Public holidays come from the holidays package, named in Dutch."""
    days = public_holidays(2021, 2022)
    assert days[dt.date(2021, 5, 13)] == "Hemelvaartsdag"
    assert days[dt.date(2022, 4, 27)] == "Koningsdag"
    assert days[dt.date(2021, 12, 25)] == "Eerste kerstdag"


PROGRAM = load_bundled("noordwijk-katwijk-2021")
assert isinstance(PROGRAM, Program)
CALENDAR = ClosureCalendar.for_program(PROGRAM)


def test_region_midden_for_noordwijk() -> None:
    """Noordwijk follows the school holidays of region midden."""
    assert CALENDAR.closed(dt.date(2021, 7, 20)) == "zomervakantie regio midden"
    assert CALENDAR.closed(dt.date(2021, 7, 13)) is None
    assert CALENDAR.closed(dt.date(2021, 7, 20), school=False) is None


def test_reason_order_and_prefixes() -> None:
    """Public holidays come first; venue closures and leave say what they are."""
    calendar = CALENDAR.with_closures([Closure(dt.date(2021, 6, 1), "stembureau")])
    assert calendar.closed(dt.date(2021, 12, 25)) == "Eerste kerstdag"
    assert calendar.closed(dt.date(2021, 6, 1)) == "stembureau"
    assert CALENDAR.closed(dt.date(2021, 6, 1), venue="nowhere", people=["nobody"]) is None


def test_outside_the_known_school_years() -> None:
    """A date before or after the shipped school years is an error, not an open day."""
    with pytest.raises(OutsideCalendar, match="outside the known school holidays of region midden"):
        CALENDAR.closed(dt.date(2020, 7, 1))
    with pytest.raises(OutsideCalendar):
        CALENDAR.closed(dt.date(2029, 9, 1))
    assert CALENDAR.closed(dt.date(2029, 8, 19)) == "zomervakantie regio midden"
    assert CALENDAR.closed(dt.date(2029, 9, 1), school=False) is None


@pytest.mark.parametrize("region", ["noord", "midden", "zuid"])
def test_a_school_holiday_is_closed_to_its_last_day(region: str) -> None:
    """The last day of each school holiday is closed, with its name; the day after is open
    unless another holiday or a public holiday closes it."""
    calendar = ClosureCalendar.for_program(
        attrs.evolve(PROGRAM, school_region=SchoolRegion(region))
    )
    found = shipped_school_holidays(region)
    closed = {a + dt.timedelta(days=n) for a, b, _ in found for n in range((b - a).days + 1)}
    public = holidays.country_holidays("NL", years=range(2020, 2031))
    covered = max(b for _, b, _ in found)
    for _, last, name in found:
        after = last + dt.timedelta(days=1)
        assert calendar.closed(last) == public.get(last, name), (last, name)
        if last < covered and after not in closed and after not in public:
            assert calendar.closed(after) is None, (after, name)


def test_public_holidays_of_every_year_up_to_the_horizon() -> None:
    """A calendar made for a plan up to 2033 knows the public holidays of every year until
    then."""
    calendar = ClosureCalendar.for_program(PROGRAM, until=dt.date(2033, 12, 31))
    for year in range(2021, 2034):
        assert calendar.closed(koningsdag(year), school=False) == "Koningsdag", year
        assert calendar.closed(dt.date(year, 12, 26), school=False) == "Tweede kerstdag", year
        assert calendar.closed(dt.date(year, 12, 27), school=False) is None, year
    assert koningsdag(2025) == dt.date(2025, 4, 26)


@given(closures())
def test_closure_days(closure: Closure) -> None:
    """A closure's days run from its start to its last day, all inside it."""
    days = list(closure.days())
    assert days[0] == closure.start
    assert days[-1] == closure.last
    assert all(d in closure for d in days)
    assert closure.start - dt.timedelta(days=1) not in closure


def test_closure_cannot_end_before_it_starts() -> None:
    """A closure that ends before it starts cannot be built."""
    with pytest.raises(InvalidValue):
        Closure(dt.date(2021, 5, 13), "x", dt.date(2021, 5, 12))


class TestKnownSpan:
    """Closures are known from 1 January of the first year whose public holidays are loaded
    to 31 December of the last, and school holidays only within the shipped school years;
    outside them a date is an error that says which limit it passed."""

    def test_years_loaded_by_default(self) -> None:
        """By default public holidays are loaded from 2020 (the first shipped school year)
        to 2030 (the year after the last shipped summer), two years past a late start, and
        to the horizon."""
        assert CALENDAR.public_years == (2020, 2030)
        assert CALENDAR.region == "midden"
        late = attrs.evolve(PROGRAM.groups[0], start_date=dt.date(2029, 5, 8))
        program = attrs.evolve(PROGRAM, groups=(late, *PROGRAM.groups[1:]))
        assert ClosureCalendar.for_program(program).public_years == (2020, 2031)
        horizon = ClosureCalendar.for_program(PROGRAM, until=dt.date(2033, 1, 1))
        assert horizon.public_years == (2020, 2033)
        assert CALENDAR.known_span(False) == (dt.date(2020, 1, 1), dt.date(2030, 12, 31))
        assert CALENDAR.known_span(True) == (dt.date(2020, 9, 7), dt.date(2029, 8, 19))

    def test_repr_counts_the_closed_days(self) -> None:
        """The calendar's repr names its region and counts its public and school holidays
        and closures, each day once per source."""
        public = holidays.country_holidays("NL", years=range(2020, 2031))
        school = {
            first + dt.timedelta(days=n)
            for first, last, _ in shipped_school_holidays("midden")
            for n in range((last - first).days + 1)
        }
        calendar = CALENDAR.with_closures([Closure(dt.date(2021, 6, 1), "x", dt.date(2021, 6, 3))])
        count = len(public) + len(school) + 3
        assert repr(calendar) == f"<ClosureCalendar region=midden with {count} closed days>"

    def test_the_first_and_last_known_days(self) -> None:
        """The first and last known day pass, with school holidays and without; the days just
        outside raise, naming the limit they passed."""
        school_msg = (
            "{} lies outside the known school holidays of region midden (2020-09-07 to 2029-08-19)"
        )
        public_msg = (
            "{} lies outside the years whose public holidays are loaded (2020 to 2030): "
            "make the calendar with more years"
        )
        for day in (dt.date(2020, 9, 7), dt.date(2029, 8, 19)):
            CALENDAR.check_known(day)
        for day in (dt.date(2020, 1, 1), dt.date(2030, 12, 31)):
            CALENDAR.check_known(day, school=False)
        for day in (dt.date(2020, 9, 6), dt.date(2029, 8, 20)):
            with pytest.raises(OutsideCalendar) as raised:
                CALENDAR.check_known(day)
            assert str(raised.value) == school_msg.format(day)
        for day in (dt.date(2019, 12, 31), dt.date(2031, 1, 1)):
            with pytest.raises(OutsideCalendar) as raised:
                CALENDAR.check_known(day, school=False)
            assert str(raised.value) == public_msg.format(day)

    def test_fewer_public_years_than_school_years(self) -> None:
        """With public holidays of 2021 to 2025 only, a school day outside those years raises
        for the public holidays, even on the first and last shipped school day."""
        calendar = ClosureCalendar.for_program(PROGRAM, years=(2021, 2025))
        calendar.check_known(dt.date(2021, 1, 1))
        calendar.check_known(dt.date(2025, 12, 31))
        for day in (dt.date(2020, 9, 7), dt.date(2029, 8, 19), dt.date(2026, 1, 1)):
            with pytest.raises(OutsideCalendar) as raised:
                calendar.check_known(day)
            assert str(raised.value) == (
                f"{day} lies outside the years whose public holidays are loaded (2021 to 2025): "
                "make the calendar with more years"
            )


def test_venue_closures_and_leave_close_their_sessions_only() -> None:
    """A day the venue is closed or a worker is on leave is closed, with that reason, for
    sessions there or with them, and open for the others; school holidays count unless
    told otherwise."""
    venue = attrs.evolve(PROGRAM.venues[0], closures=(Closure(dt.date(2021, 6, 1), "verbouwing"),))
    worker = attrs.evolve(PROGRAM.workers[0], leave=(Closure(dt.date(2021, 6, 2), "ziek"),))
    program = attrs.evolve(
        PROGRAM,
        venues=(venue, *PROGRAM.venues[1:]),
        workers=(worker, *PROGRAM.workers[1:]),
    )
    calendar = ClosureCalendar.for_program(program)
    june_1, june_2 = dt.date(2021, 6, 1), dt.date(2021, 6, 2)
    assert calendar.closed(june_1, venue=venue.id) == "venue closed: verbouwing"
    assert calendar.closed(june_1, venue=PROGRAM.venues[1].id) is None
    assert calendar.closed(june_2, people=[worker.id]) == f"leave of {worker.id}: ziek"
    assert calendar.closed(june_2, people=[PROGRAM.workers[1].id]) is None
    summer = dt.date(2021, 7, 20)
    assert calendar.reasons_for()(summer) == "zomervakantie regio midden"
    assert calendar.reasons_for(school=False)(summer) is None


class TestOwnCalendar:
    """A program's own school holidays take the place of the shipped years and extend the
    known span; its closure lists close days for everyone; both must be given when named."""

    SUMMER_2030 = SchoolHoliday(
        "2029-2030",
        "zomervakantie",
        HolidayRegion.MIDDEN,
        dt.date(2030, 7, 13),
        dt.date(2030, 8, 25),
    )
    AUTUMN_2029 = SchoolHoliday(
        "2029-2030",
        "herfstvakantie",
        HolidayRegion.MIDDEN,
        dt.date(2029, 10, 13),
        dt.date(2029, 10, 21),
    )

    def own(self, covers_from: dt.date) -> SchoolHolidays:
        """School holidays of 2029-2030, known from *covers_from*."""
        return SchoolHolidays("eigen", covers_from, (self.AUTUMN_2029, self.SUMMER_2030))

    def test_own_years_extend_the_known_span(self) -> None:
        """The own years' holidays close their days and the span runs to their summer."""
        shipped_end = HOLIDAYS.last("midden")
        calendar = ClosureCalendar.for_program(SEED, own_school_holidays=self.own(shipped_end))
        assert calendar.school_span == (HOLIDAYS.first, dt.date(2030, 8, 25))
        assert calendar.closed(dt.date(2029, 10, 16)) == "herfstvakantie regio midden"
        assert calendar.closed(dt.date(2029, 10, 22)) is None
        calendar.check_known(dt.date(2030, 8, 25))
        with pytest.raises(OutsideCalendar):
            calendar.check_known(dt.date(2030, 8, 26))

    @pytest.mark.parametrize(("days", "gap"), [(7, False), (8, True)])
    def test_no_days_between(self, days: int, gap: bool) -> None:
        """An own file may start up to a week after the shipped years end, not later."""
        start = HOLIDAYS.last("midden") + dt.timedelta(days=days)
        if not gap:
            ClosureCalendar.for_program(SEED, own_school_holidays=self.own(start))
            return
        with pytest.raises(PlanningError) as caught:
            ClosureCalendar.for_program(SEED, own_school_holidays=self.own(start))
        assert str(caught.value) == (
            f"the own school holidays are known from {start}, but the shipped ones of region "
            f"midden end on {HOLIDAYS.last('midden')}: add the school years between"
        )

    def test_closure_lists_close_days_for_everyone(self) -> None:
        """Every day of every closure list is closed, with its reason."""
        lists = [
            ClosureList("a", (Closure(dt.date(2021, 6, 1), "verbouwing", dt.date(2021, 6, 2)),)),
            ClosureList("b", (Closure(dt.date(2021, 6, 9), "studiedag"),)),
        ]
        calendar = ClosureCalendar.for_program(SEED, closure_lists=lists)
        found = {d: calendar.closed(d) for d in (dt.date(2021, 6, n) for n in range(1, 11))}
        assert {d: r for d, r in found.items() if r} == {
            dt.date(2021, 6, 1): "verbouwing",
            dt.date(2021, 6, 2): "verbouwing",
            dt.date(2021, 6, 9): "studiedag",
        }

    def test_named_files_must_be_given(self) -> None:
        """A program that names files is not given a calendar without them."""
        named = attrs.evolve(SEED, school_holidays_file="v.toml", closures_files=("c.toml",))
        with pytest.raises(PlanningError) as caught:
            ClosureCalendar.for_program(named)
        assert str(caught.value) == (
            "program 'noordwijk-katwijk-2021' names school_holidays_file 'v.toml': load it "
            "(load_school_holidays) and pass it as own_school_holidays"
        )
        own = self.own(HOLIDAYS.last("midden"))
        with pytest.raises(PlanningError) as caught:
            ClosureCalendar.for_program(named, own_school_holidays=own)
        assert str(caught.value) == (
            "program 'noordwijk-katwijk-2021' names closures_files: load them (load_closures) "
            "and pass them as closure_lists"
        )
        ClosureCalendar.for_program(named, own_school_holidays=own, closure_lists=[])


class TestOutsideCalendar:
    """A day outside what is known says which day, region and span, and whether school
    holidays or public holidays are missing."""

    def test_past_the_school_holidays(self) -> None:
        """Past the last summer the school holidays are unknown."""
        calendar = ClosureCalendar.for_program(SEED)
        day = HOLIDAYS.last("midden") + dt.timedelta(days=1)
        with pytest.raises(OutsideCalendar) as caught:
            calendar.check_known(day)
        error = caught.value
        assert (error.day, error.region, error.known, error.school, error.series) == (
            day,
            "midden",
            (HOLIDAYS.first, HOLIDAYS.last("midden")),
            True,
            None,
        )
        assert str(error) == (
            f"{day} lies outside the known school holidays of region midden "
            f"({HOLIDAYS.first} to {HOLIDAYS.last('midden')})"
        )

    def test_past_the_public_holidays(self) -> None:
        """Without school holidays, the public holidays' years bound what is known."""
        calendar = ClosureCalendar.for_program(SEED, years=(2021, 2022))
        day = dt.date(2023, 1, 2)
        with pytest.raises(OutsideCalendar) as caught:
            calendar.check_known(day, school=False)
        error = caught.value
        assert (error.day, error.known, error.school) == (
            day,
            (dt.date(2021, 1, 1), dt.date(2022, 12, 31)),
            False,
        )
        assert str(error) == (
            "2023-01-02 lies outside the years whose public holidays are loaded (2021 to "
            "2022): make the calendar with more years"
        )

    @pytest.mark.parametrize("follows", [True, False])
    def test_planning_names_the_series(self, follows: bool) -> None:
        """Planning past the known days names the group, the day and the ways on."""
        older = attrs.evolve(SEED.groups[0], follows_school_holidays=follows)
        program = attrs.evolve(SEED, groups=(older, *SEED.groups[1:]))
        until = dt.date(2031, 6, 30)
        calendar = ClosureCalendar.for_program(program, years=(2020, 2030))
        with pytest.raises(OutsideCalendar) as caught:
            plan_program(program, CURRICULA, calendar, until=until, groups=[older.id])
        error = caught.value
        assert error.series == older.id
        if follows:
            assert error.school
            assert str(error) == (
                f"group {older.id!r} would meet on {error.day}, outside the school holidays "
                f"known for region midden ({HOLIDAYS.first} to {HOLIDAYS.last('midden')}): "
                "name a school-holiday file of your own in the program (school_holidays_file), "
                "or set follows_school_holidays = false for this group"
            )
            assert error.day > HOLIDAYS.last("midden")
            assert (error.day - HOLIDAYS.last("midden")).days <= 14
        else:
            assert not error.school
            assert error.day == dt.date(2031, 1, 7)
            assert str(error) == (
                f"group {older.id!r} would meet on 2031-01-07: 2031-01-07 lies outside the "
                "years whose public holidays are loaded (2020 to 2030): make the calendar with "
                "more years"
            )


def test_public_holidays_are_kept_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The holidays package's answer is kept for the installed version, read back the next
    time without importing it, and made again when the kept file is damaged or cannot be
    written."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    public_holidays.cache_clear()
    first = dict(public_holidays(2024, 2026))
    (kept,) = (tmp_path / "cache" / "joinus_method").glob("public-holidays-nl-2024-2026-*.toml")
    assert first[dt.date(2024, 4, 27)] == "Koningsdag"
    public_holidays.cache_clear()
    with monkeypatch.context() as asked:
        asked.setattr(holidays, "country_holidays", None)  # asking it now fails
        assert dict(public_holidays(2024, 2026)) == first
    kept.write_text("[[", "utf-8")
    public_holidays.cache_clear()
    assert dict(public_holidays(2024, 2026)) == first
    assert next(iter(tomli.loads(kept.read_text("utf-8")))) == min(first).isoformat()
    monkeypatch.setenv("XDG_CACHE_HOME", str(kept))  # a file, not a folder: nothing kept
    public_holidays.cache_clear()
    assert dict(public_holidays(2024, 2026)) == first
    public_holidays.cache_clear()
