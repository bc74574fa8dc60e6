"""The scheduling rules, each a property test whose docstring is the rule's text."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby, pairwise
from typing import NamedTuple

import attrs
import holidays
import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from joinus_method import Closure, Curriculum, Program, Training, UnknownId, Weekday
from joinus_method.planning.closures import ClosureCalendar, OutsideCalendar
from joinus_method.planning.schedule import (
    MAX_CLASH_SHARE,
    ClashMode,
    PlanningError,
    Series,
    SeriesKind,
    SkippedSlot,
    Violation,
    default_until,
    group_series,
    plan_group,
    plan_program,
    plan_series,
)
from tests.calendar_model import koningsdag, shipped_school_holidays
from tests.seed import (
    CURRICULA,
    EVENINGS,
    NOORDWIJK,
    TRAINING,
    trained_elsewhere,
    without_trainings,
)
from tests.strategies import (
    closures,
    dates,
    grid_curricula,
    random_calendars,
    shared_programs,
)

REAL = ClosureCalendar.for_program(NOORDWIJK)
OLDER, YOUNGER = NOORDWIJK.groups


@functools.cache
def seed_closed_days() -> Mapping[dt.date, str]:
    """The closed days of the seed's groups by the plainest means, not by the calendar:
    Dutch public holidays straight from the holidays package, then the school holidays of
    the seed's region straight from the shipped data file."""
    assert not NOORDWIJK.closures
    assert not any(v.closures for v in NOORDWIJK.venues)
    assert not any(w.leave for w in NOORDWIJK.workers)
    days = dict(holidays.country_holidays("NL", years=range(2019, 2032), language="nl"))
    for first, last, name in shipped_school_holidays(NOORDWIJK.school_region.value):
        for n in range((last - first).days + 1):
            days.setdefault(first + dt.timedelta(days=n), name)
    return days


def replaced(items, *new):
    """*items* with those of the same id as one of *new* replaced by it."""
    by_id = {item.id: item for item in new}
    return tuple(by_id.get(item.id, item) for item in items)


def seed_plan(group_id: str, **kwargs: object):
    return plan_group(NOORDWIJK, group_id, EVENINGS, REAL, until=dt.date(2022, 5, 31), **kwargs)


class Case(NamedTuple):
    """One series to plan, with what closes its grid slots by the plainest means."""

    series: Series
    curriculum: Curriculum
    start: dt.date
    calendar: ClosureCalendar
    closed: Mapping[dt.date, str]
    """The closed days with their reasons, built from the sources and the closures drawn,
    not by the calendar: public holidays, the program's closures, school holidays, the
    venue's closures, then the workers' leave; the first reason found counts."""


def plain_days(closures: Iterable[Closure]) -> Iterator[tuple[dt.date, str]]:
    """Every day of *closures* with its reason, walked from start to end."""
    for closure in closures:
        day = closure.start
        while day <= (closure.end or closure.start):
            yield day, closure.reason
            day += dt.timedelta(days=1)


@st.composite
def single_series(draw: st.DrawFn, *, real: bool | None = None) -> Case:
    """A group of the seed program moved to a random start, with a curriculum, the real
    calendar or random closed days, and closures of its venue and leave of its workers."""
    use_real = draw(st.booleans()) if real is None else real
    curriculum = draw(grid_curricula())
    # Real school holidays are known to the summer of 2029: keep the plan inside them.
    span = dt.timedelta(weeks=2 * len(curriculum.sessions) * curriculum.cadence_weeks + 20)
    latest = dt.date(2029, 6, 30) - span
    use_real = use_real and latest > dt.date(2020, 9, 7)
    start = draw(dates(dt.date(2020, 9, 7), latest) if use_real else dates())
    group = attrs.evolve(
        OLDER,
        start_date=start,
        weekday=OLDER.weekday.of(start),
        follows_school_holidays=use_real,
    )
    venue = attrs.evolve(
        NOORDWIJK.venue(group.venue), closures=tuple(draw(st.lists(closures(), max_size=3)))
    )
    workers = [
        attrs.evolve(NOORDWIJK.worker(w), leave=tuple(draw(st.lists(closures(), max_size=2))))
        for w in group.workers
    ]
    program = attrs.evolve(
        NOORDWIJK,
        groups=(group, YOUNGER),
        venues=replaced(NOORDWIJK.venues, venue),
        workers=replaced(NOORDWIJK.workers, *workers),
    )
    calendar = ClosureCalendar.for_program(program)
    closed = dict(seed_closed_days()) if use_real else {}
    if not use_real:
        general = draw(st.lists(closures(), max_size=40))
        calendar = attrs.evolve(
            calendar,
            public={},
            school={},
            school_span=(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
            public_years=(1, 9999),
        ).with_closures(general)
        for day, reason in plain_days(general):
            closed.setdefault(day, reason)
    for day, reason in plain_days(venue.closures):
        closed.setdefault(day, f"venue closed: {reason}")
    for worker in workers:
        for day, reason in plain_days(worker.leave):
            closed.setdefault(day, f"leave of {worker.id}: {reason}")
    series = group_series(program, group, curriculum)
    return Case(series, curriculum, start, calendar, closed)


def grid(start: dt.date, weeks: int, last: dt.date) -> list[dt.date]:
    return [
        start + dt.timedelta(weeks=weeks * k) for k in range((last - start).days // (7 * weeks) + 1)
    ]


class TestGrid:
    """A group's sessions fall on its weekday, on the grid start + k x cadence weeks, at its
    local start time (the same wall-clock time across daylight-saving changes)."""

    @given(single_series())
    def test_sessions_on_the_grid(self, case) -> None:
        """Every planned and skipped date is start + k x cadence, on the start's weekday."""
        series, curriculum, start, calendar, _ = case
        plan = plan_series(series, curriculum, start, calendar)
        step = 7 * curriculum.cadence_weeks
        for day in [*plan.days, *(k.day for k in plan.skipped)]:
            assert (day - start).days % step == 0
            assert day.weekday() == start.weekday()

    @given(single_series())
    def test_same_wall_clock_time(self, case) -> None:
        """Each session starts at the local start time in the program's zone, DST or not."""
        series, curriculum, start, calendar, _ = case
        plan = plan_series(series, curriculum, start, calendar)
        for s in plan.sessions:
            assert s.start.tzinfo is not None
            assert s.start.time() == series.start_time
            assert s.start.tzname() in {"CET", "CEST"}
            assert s.end - s.start == dt.timedelta(minutes=s.minutes)

    def test_across_daylight_saving(self) -> None:
        """The seed's 18-25 group meets at 19:00 both in winter (CET) and summer (CEST)."""
        plan = seed_plan(OLDER.id)
        offsets = {s.start.utcoffset() for s in plan.sessions}
        assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
        assert {s.start.strftime("%H:%M") for s in plan.sessions} == {"19:00"}


class TestClosures:
    """No session falls on a closed day. A closed slot is skipped and the series continues on
    the next open grid slot; the curriculum order is kept and no session is lost."""

    @given(single_series())
    def test_no_session_on_a_closed_day(self, case) -> None:
        """Planned dates are open; skipped dates are closed, with the first reason found."""
        series, curriculum, start, calendar, closed = case
        plan = plan_series(series, curriculum, start, calendar)
        for s in plan.sessions:
            assert s.day not in closed
        for k in plan.skipped:
            assert closed.get(k.day) == k.reason

    @given(single_series())
    def test_order_kept_and_nothing_lost(self, case) -> None:
        """All sessions are planned, once each, in curriculum order, on rising dates."""
        series, curriculum, start, calendar, _ = case
        plan = plan_series(series, curriculum, start, calendar)
        assert [s.session for s in plan.sessions] == list(curriculum.sessions)
        assert [s.number for s in plan.sessions] == list(range(1, len(curriculum.sessions) + 1))
        assert all(a < b for a, b in pairwise(plan.days))

    def test_known_holidays_on_the_seed_grid(self) -> None:
        """Known holidays on the seed groups' grids are skipped with the right reason."""
        older = {k.day: k.reason for k in seed_plan(OLDER.id).skipped}
        younger = {k.day: k.reason for k in seed_plan(YOUNGER.id).skipped}
        assert older[dt.date(2021, 7, 20)] == "zomervakantie regio midden"
        assert older[dt.date(2022, 1, 4)] == "kerstvakantie"
        assert older[dt.date(2022, 3, 1)] == "voorjaarsvakantie regio midden"
        assert younger[dt.date(2021, 10, 18)] == "herfstvakantie regio midden"
        assert younger[dt.date(2022, 4, 18)] == "Tweede paasdag"
        assert younger[dt.date(2022, 5, 2)] == "meivakantie"
        assert seed_plan(OLDER.id).days[:3] == (
            dt.date(2021, 5, 11),
            dt.date(2021, 5, 25),
            dt.date(2021, 6, 8),
        )

    def test_hemelvaartsdag_on_a_thursday_group(self) -> None:
        """A Thursday group on Ascension Day 2021 skips it as Hemelvaartsdag."""
        start = dt.date(2021, 4, 29)
        group = attrs.evolve(OLDER, start_date=start, weekday=OLDER.weekday.of(start))
        program = attrs.evolve(NOORDWIJK, groups=(group, YOUNGER))
        plan = plan_group(program, group.id, EVENINGS, REAL, until=dt.date(2021, 7, 1))
        assert plan.skipped[0].day == dt.date(2021, 5, 13)
        assert plan.skipped[0].reason == "Hemelvaartsdag"
        assert plan.days[:2] == (dt.date(2021, 4, 29), dt.date(2021, 5, 27))

    def test_venue_closure_and_worker_leave(self) -> None:
        """Venue closures and a worker's leave skip the group's slot, with their reason."""
        venue = attrs.evolve(
            NOORDWIJK.venue("x-out"), closures=(Closure(dt.date(2021, 5, 25), "verbouwing"),)
        )
        worker = attrs.evolve(
            NOORDWIJK.worker(OLDER.workers[0]), leave=(Closure(dt.date(2021, 6, 22), "vakantie"),)
        )
        program = attrs.evolve(
            NOORDWIJK,
            venues=replaced(NOORDWIJK.venues, venue),
            workers=replaced(NOORDWIJK.workers, worker),
        )
        calendar = ClosureCalendar.for_program(program)
        plan = plan_group(program, OLDER.id, EVENINGS, calendar, until=dt.date(2021, 7, 31))
        reasons = {k.day: k.reason for k in plan.skipped}
        assert reasons[dt.date(2021, 5, 25)] == "venue closed: verbouwing"
        assert reasons[dt.date(2021, 6, 22)] == f"leave of {worker.id}: vakantie"

    @pytest.mark.parametrize("planner", ["group", "program"])
    def test_leave_alone_closes_slots(self, planner: str) -> None:
        """A worker's leave of two weeks skips both slots in it, also when nothing else
        closes anything at the group's venue."""
        leave = Closure(dt.date(2021, 6, 22), "vakantie", dt.date(2021, 7, 6))
        worker = attrs.evolve(NOORDWIJK.worker(OLDER.workers[1]), leave=(leave,))
        program = attrs.evolve(NOORDWIJK, workers=replaced(NOORDWIJK.workers, worker))
        assert not program.venue(OLDER.venue).closures
        until = dt.date(2021, 7, 15)
        if planner == "group":
            plan = plan_group(program, OLDER.id, EVENINGS, until=until)
        else:
            plan = plan_program(program, CURRICULA, until=until).plan(OLDER.id)
        assert plan.days == (dt.date(2021, 5, 11), dt.date(2021, 5, 25), dt.date(2021, 6, 8))
        reason = f"leave of {worker.id}: vakantie"
        assert [(k.day, k.reason) for k in plan.skipped] == [
            (dt.date(2021, 6, 22), reason),
            (dt.date(2021, 7, 6), reason),
        ]

    @pytest.mark.parametrize("path", ["slot-by-slot", "even-grid"])
    def test_a_trainees_leave_closes_a_training_slot(self, path: str) -> None:
        """A worker attending a training must be free as much as its coach: their leave
        skips the training's slot, with follow-up coaching on its own cadence or weekly."""
        worker = attrs.evolve(
            NOORDWIJK.worker("noor-bakker"), leave=(Closure(dt.date(2021, 3, 18), "bruiloft"),)
        )
        program = attrs.evolve(NOORDWIJK, workers=replaced(NOORDWIJK.workers, worker))
        curricula = dict(CURRICULA)
        if path == "even-grid":
            curricula[TRAINING.id] = attrs.evolve(
                EVENINGS, id=TRAINING.id, cadence_weeks=1, repeats=False, repeat_from=None
            )
        (training,) = program.trainings
        assert worker.id in training.workers
        plan = plan_program(program, curricula, until=dt.date(2021, 5, 31)).plan(training.id)
        assert plan.days[:3] == (dt.date(2021, 3, 4), dt.date(2021, 3, 11), dt.date(2021, 3, 25))
        assert plan.skipped[0] == SkippedSlot(
            training.id, dt.date(2021, 3, 18), "leave of noor-bakker: bruiloft"
        )

    @pytest.mark.parametrize("planner", ["group", "program"])
    def test_a_cancellation_of_several_days(self, planner: str) -> None:
        """A cancellation with an end cancels every slot up to its last day, not only the
        first."""
        cancelled = Closure(dt.date(2021, 5, 25), "verbouwing", dt.date(2021, 6, 8))
        until = dt.date(2021, 7, 15)
        if planner == "group":
            plan = plan_group(
                NOORDWIJK, OLDER.id, EVENINGS, REAL, until=until, cancellations=[cancelled]
            )
        else:
            plan = plan_program(
                NOORDWIJK, CURRICULA, REAL, until=until, cancellations={OLDER.id: [cancelled]}
            ).plan(OLDER.id)
        assert plan.days == (dt.date(2021, 5, 11), dt.date(2021, 6, 22), dt.date(2021, 7, 6))
        assert [(k.day, k.reason) for k in plan.skipped] == [
            (dt.date(2021, 5, 25), "cancelled: verbouwing"),
            (dt.date(2021, 6, 8), "cancelled: verbouwing"),
        ]

    def test_a_school_holiday_is_closed_to_its_last_day(self) -> None:
        """A Sunday group skips the last day of the summer holiday (29 August 2021, region
        midden); a Monday group meets on the day after."""
        last = dt.date(2021, 8, 29)
        plans = {}
        for start in (last, last + dt.timedelta(days=1)):
            group = attrs.evolve(OLDER, start_date=start, weekday=OLDER.weekday.of(start))
            program = attrs.evolve(NOORDWIJK, groups=(group, YOUNGER))
            plans[start] = plan_group(program, group.id, EVENINGS, REAL, until=dt.date(2021, 10, 1))
        sunday, monday = plans.values()
        assert [(k.day, k.reason) for k in sunday.skipped] == [(last, "zomervakantie regio midden")]
        assert sunday.days[0] == last + dt.timedelta(weeks=2)
        assert monday.skipped == ()
        assert monday.days[0] == last + dt.timedelta(days=1)

    def test_public_holidays_in_every_year_of_a_long_plan(self) -> None:
        """Weekly groups on each day of the week, planned up to 2031, skip Koningsdag and
        Tweede kerstdag of every year, whichever weekday it falls on."""
        until = dt.date(2031, 12, 31)
        weekly = attrs.evolve(EVENINGS, cadence_weeks=1)
        skipped = {}
        for n in range(7):
            start = dt.date(2021, 1, 4) + dt.timedelta(days=n)
            group = attrs.evolve(
                OLDER,
                start_date=start,
                weekday=OLDER.weekday.of(start),
                follows_school_holidays=False,
            )
            program = attrs.evolve(NOORDWIJK, groups=(group, YOUNGER))
            plan = plan_group(program, group.id, weekly, until=until)
            skipped.update((k.day, k.reason) for k in plan.skipped)
        for year in range(2021, 2032):
            assert skipped.get(koningsdag(year)) == "Koningsdag", year
            assert skipped.get(dt.date(year, 12, 26)) == "Tweede kerstdag", year

    def test_outside_the_known_school_years(self) -> None:
        """A group that follows school holidays cannot be planned past the shipped years."""
        with pytest.raises(OutsideCalendar, match="outside the known school holidays"):
            plan_group(NOORDWIJK, OLDER.id, EVENINGS, REAL, until=dt.date(2030, 1, 1))
        early = attrs.evolve(OLDER, start_date=dt.date(2019, 5, 14))
        program = attrs.evolve(NOORDWIJK, groups=(early, YOUNGER))
        with pytest.raises(OutsideCalendar):
            plan_group(program, OLDER.id, EVENINGS, REAL, until=dt.date(2019, 6, 1))


class TestMinimality:
    """No open grid slot is left unused between the first and the last session."""

    @given(single_series())
    def test_every_slot_used_or_closed(self, case) -> None:
        """Between first and last session, each grid date is a session or a closed skip."""
        series, curriculum, start, calendar, _ = case
        plan = plan_series(series, curriculum, start, calendar)
        assume(plan.sessions)
        used = set(plan.days) | {k.day for k in plan.skipped}
        for day in grid(start, curriculum.cadence_weeks, plan.days[-1]):
            assert day in used


class TestConflicts:
    """No worker leads two overlapping sessions; no venue room hosts two. Planning several
    groups together either resolves a clash by the same skip rule or reports it, never
    silently double-books."""

    @staticmethod
    def overlaps(plan):
        found = []
        sessions = plan.sessions
        for i, a in enumerate(sessions):
            for b in sessions[i + 1 :]:
                if a.day != b.day or not (a.start < b.end and b.start < a.end):
                    continue
                shared = set(a.series.people) & set(b.series.people)
                if shared or (a.series.venue is not None and a.series.venue == b.series.venue):
                    found.append((a, b, shared))
        return found

    @given(shared_programs(), st.data())
    def test_skip_mode_never_double_books(self, program: Program, data: st.DataObject) -> None:
        """With the skip rule no person is in two places and no venue over its rooms."""
        curriculum = data.draw(grid_curricula(max_sessions=12))
        until = max(g.start_date for g in program.groups) + dt.timedelta(weeks=20)
        plan = plan_program(program, {"plan": curriculum}, until=until)
        rooms = {v.id: v.rooms for v in program.venues}
        for a, b, shared in self.overlaps(plan):
            note(f"{a} / {b}")
            assert not shared
            same_time = [
                s
                for s in plan.sessions
                if s.series.venue == a.series.venue and s.start < a.end and a.start < s.end
            ]
            assert len(same_time) <= rooms[a.series.venue]
        for p in plan.plans:
            assert [s.number for s in p.sessions] == list(range(1, len(p.sessions) + 1))
        # What the skipping cost is named: every series without a session, or that lost more
        # than a fifth of its slots to clashes, and only those.
        named = {v.series[0]: v for v in plan.violations}
        for p in plan.plans:
            clashed = [k for k in p.skipped if k.reason.startswith("clash: ")]
            slots = len(p.sessions) + len(p.skipped)
            if not p.sessions and slots:
                assert named.pop(p.series.id).rule == "no-sessions"
            elif len(clashed) * 5 > slots:
                violation = named.pop(p.series.id)
                assert violation.rule == "lost-to-clashes"
                assert f"loses {len(clashed)} of its {slots} slots" in violation.message
                others = {k.reason.rsplit(" ", 1)[1] for k in clashed}
                assert others <= set(violation.series[1:])
        assert named == {}

    @given(shared_programs(), st.data())
    def test_report_mode_names_every_clash(self, program: Program, data: st.DataObject) -> None:
        """In report mode every person-overlap is a violation naming both series."""
        curriculum = data.draw(grid_curricula(max_sessions=12))
        until = max(g.start_date for g in program.groups) + dt.timedelta(weeks=20)
        plan = plan_program(program, {"plan": curriculum}, until=until, clashes=ClashMode.REPORT)
        reported = {(v.day, frozenset(v.series)) for v in plan.violations if v.rule == "clash"}
        for a, b, shared in self.overlaps(plan):
            if shared:
                assert any(
                    day == a.day and {a.series.id, b.series.id} <= ids for day, ids in reported
                )

    def test_shared_worker_clash_is_skipped(self) -> None:
        """A second group with the same worker at the same time moves to a free slot."""
        twin = attrs.evolve(OLDER, id="tweeling", venue="the-base")
        program = attrs.evolve(NOORDWIJK, groups=(OLDER, twin), max_groups_per_worker=3)
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 7, 15))
        twin_plan = plan.plan("tweeling")
        assert twin_plan.skipped[0].reason.startswith("clash: ")
        assert set(twin_plan.days).isdisjoint(plan.plan(OLDER.id).days)
        reported = plan_program(
            program, CURRICULA, until=dt.date(2021, 7, 15), clashes=ClashMode.REPORT
        )
        assert {v.rule for v in reported.violations} == {"clash"}

    @pytest.mark.parametrize("shared", ["worker", "venue"])
    def test_back_to_back_is_no_clash(self, shared: str) -> None:
        """17:00-19:00 and 19:00-21:00 with the same worker, or in the same one-room venue,
        both take place; starting a minute earlier, the second one clashes."""
        two_hours = attrs.evolve(
            EVENINGS,
            sessions=tuple(attrs.evolve(s, minutes=120, segments=()) for s in EVENINGS.sessions),
        )
        curricula = {**CURRICULA, EVENINGS.id: two_hours}
        first = attrs.evolve(OLDER, id="vroeg", start_time=dt.time(17, 0))
        if shared == "worker":
            second = attrs.evolve(
                OLDER,
                id="laat",
                venue=YOUNGER.venue,
                workers=(OLDER.workers[0], YOUNGER.workers[0]),
            )
        else:
            second = attrs.evolve(OLDER, id="laat", workers=YOUNGER.workers)
        assert NOORDWIJK.venue(OLDER.venue).rooms == 1
        until = dt.date(2021, 7, 15)
        for start, clashes in ((dt.time(19, 0), False), (dt.time(18, 59), True)):
            later = attrs.evolve(second, start_time=start)
            program = attrs.evolve(NOORDWIJK, groups=(first, later), max_groups_per_worker=3)
            plan = plan_program(program, curricula, until=until)
            moved = [k for k in plan.plan("laat").skipped if k.reason.startswith("clash: ")]
            reported = plan_program(program, curricula, until=until, clashes=ClashMode.REPORT)
            if clashes:
                assert moved
                assert {v.rule for v in reported.violations} == {"clash"}
            else:
                assert moved == []
                assert plan.plan("laat").days == plan.plan("vroeg").days
                assert reported.violations == ()


class TestChainPrecedence:
    """A worker leads no group session before finishing the training curriculum; the coach's
    follow-up sessions with workers fall on their own cadence."""

    def test_seed_groups_start_after_the_training(self) -> None:
        """The seed's training ends on 29 April 2021, before both groups start."""
        plan = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2022, 5, 31))
        training = plan.plan("training-voorjaar-2021")
        core = [s.day for s in training.sessions if not TRAINING.is_follow_up(s.session)]
        assert max(core) == dt.date(2021, 4, 29)
        for group in NOORDWIJK.groups:
            assert min(plan.plan(group.id).days) > max(core)

    def test_follow_up_on_its_own_cadence(self) -> None:
        """Follow-up coaching sessions are six weeks apart, after weekly training sessions."""
        plan = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2022, 5, 31))
        sessions = plan.plan("training-voorjaar-2021").sessions
        follow = [s.day for s in sessions if TRAINING.is_follow_up(s.session)]
        core = [s.day for s in sessions if not TRAINING.is_follow_up(s.session)]
        assert follow
        assert {(b - a).days for a, b in pairwise(core)} == {7}
        assert all((b - a).days % 42 == 0 for a, b in pairwise([core[-1], *follow]))

    @given(shared_programs(max_groups=3), st.data())
    def test_no_session_before_training_ends(self, program: Program, data: st.DataObject) -> None:
        """In skip mode a group waits for its workers; in report mode an early start is named."""
        curriculum = data.draw(grid_curricula(max_sessions=8))
        until = max(g.start_date for g in program.groups) + dt.timedelta(weeks=12)
        done = {w.id: w.trained_on for w in program.workers}
        plan = plan_program(program, {"plan": curriculum}, until=until)
        for p in plan.plans:
            if p.series.kind is SeriesKind.GROUP:
                ready = max(done[w] for w in p.series.leaders)
                assert all(day > ready for day in p.days)
        reported = plan_program(
            program, {"plan": curriculum}, until=until, clashes=ClashMode.REPORT
        )
        early = {g.id for g in program.groups if g.start_date <= max(done[w] for w in g.workers)}
        named = {v.series[0] for v in reported.violations if v.rule == "untrained-worker"}
        assert named == early

    def test_trained_when_the_first_training_ends(self) -> None:
        """A worker in two training cohorts is trained once the first ends, not the last."""
        (spring,) = NOORDWIJK.trainings
        autumn_start = dt.date(2021, 9, 1)
        autumn = Training(
            id="training-najaar-2021",
            coach=spring.coach,
            workers=OLDER.workers,
            weekday=Weekday.of(autumn_start),
            start_date=autumn_start,
            start_time=dt.time(13, 30),
            venue=YOUNGER.venue,
        )
        program = attrs.evolve(
            NOORDWIJK,
            workers=tuple(attrs.evolve(w, trained_on=None) for w in NOORDWIJK.workers),
            trainings=(spring, autumn),
        )
        until = dt.date(2021, 12, 31)
        plan = plan_program(program, CURRICULA, until=until)
        assert plan.plan(spring.id).days[0] < OLDER.start_date < plan.plan(autumn.id).days[0]
        assert plan.plan(OLDER.id).days[0] == OLDER.start_date
        assert plan.violations == ()
        assert (
            plan_program(program, CURRICULA, until=until, clashes=ClashMode.REPORT).violations == ()
        )

    def test_the_cohort_decides_without_trained_on(self) -> None:
        """Left out, trained_on changes nothing: the workers of the cohort are trained when
        its last session that is not follow-up coaching is held (29 April 2021)."""
        program = attrs.evolve(
            NOORDWIJK, workers=tuple(attrs.evolve(w, trained_on=None) for w in NOORDWIJK.workers)
        )
        until = dt.date(2022, 5, 31)
        plan = plan_program(program, CURRICULA, until=until)
        assert plan == plan_program(NOORDWIJK, CURRICULA, until=until)
        assert plan.violations == ()

    @pytest.mark.parametrize("mode", list(ClashMode))
    def test_trained_on_that_differs_from_the_cohort(self, mode: ClashMode) -> None:
        """A trained_on before the cohort ends does not let a group meet during the
        training: the cohort decides, and the difference is a violation in both modes."""
        early = dt.date(2021, 4, 1)
        workers = tuple(
            trained_elsewhere(w, early) if w.id in OLDER.workers else w for w in NOORDWIJK.workers
        )
        starting = attrs.evolve(OLDER, start_date=dt.date(2021, 4, 13))
        program = attrs.evolve(NOORDWIJK, workers=workers, groups=(starting, YOUNGER))
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 7, 31), clashes=mode)
        (training,) = NOORDWIJK.trainings
        message = (
            "worker {!r} has trained_on 2021-04-01, but their training "
            "'training-voorjaar-2021' ends on 2021-04-29: leave trained_on out, the training "
            "decides"
        )
        differs = [
            Violation("trained-on-differs", message.format(w), (training.id,), early)
            for w in OLDER.workers
        ]
        if mode is ClashMode.SKIP:
            assert plan.violations == tuple(differs)
            assert plan.plan(OLDER.id).days[0] == dt.date(2021, 5, 11)
        else:
            assert plan.violations[:2] == tuple(differs)
            assert [v.rule for v in plan.violations[2:]] == ["untrained-worker"]
            assert "complete their training on 2021-04-29" in plan.violations[2].message

    def test_untrained_worker_is_a_violation(self) -> None:
        """A group whose worker has no training at all is not planned and is reported."""
        elsewhere = without_trainings(NOORDWIJK)
        worker = attrs.evolve(elsewhere.worker(OLDER.workers[0]), trained_on=None)
        program = attrs.evolve(
            elsewhere,
            workers=tuple(worker if w.id == worker.id else w for w in elsewhere.workers),
        )
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 12, 31))
        assert [v.rule for v in plan.violations] == ["untrained-worker"]
        assert OLDER.id not in {p.series.id for p in plan.plans}


class TestChange:
    """Cancelling one session moves that session and later ones to the next open slots and
    leaves earlier ones untouched; planning is deterministic (same input, same output)."""

    @given(single_series(), st.data())
    def test_cancel_moves_later_sessions_only(self, case, data: st.DataObject) -> None:
        """Sessions before the cancelled one keep their dates; it and later ones move later."""
        series, curriculum, start, calendar, _ = case
        before = plan_series(series, curriculum, start, calendar)
        index = data.draw(st.integers(0, len(before.sessions) - 1))
        cancelled_day = before.days[index]
        after = plan_series(series, curriculum, start, calendar, cancelled={cancelled_day: "storm"})
        assert after.days[:index] == before.days[:index]
        assert cancelled_day not in after.days
        assert all(
            new > old for new, old in zip(after.days[index:], before.days[index:], strict=True)
        )
        assert [s.session for s in after.sessions] == [s.session for s in before.sessions]

    @given(single_series(real=False), st.data())
    def test_adding_a_closure_replans_the_same_way(self, case, data: st.DataObject) -> None:
        """A closure added afterwards gives the same plan as cancelling those days."""
        series, curriculum, start, calendar, _ = case
        closure = Closure(data.draw(dates(start, start + dt.timedelta(days=400))), "storm")
        closed = plan_series(series, curriculum, start, calendar.with_closures([closure]))
        cancelled = plan_series(
            series, curriculum, start, calendar, cancelled={closure.start: "storm"}
        )
        assert closed.days == cancelled.days

    @given(single_series())
    def test_deterministic(self, case) -> None:
        """Equal inputs give equal plans: here a calendar rebuilt with each of its closed days
        listed in the other order, and copies of the series and curriculum."""
        series, curriculum, start, calendar, _ = case

        def flipped(days: Mapping[dt.date, str]) -> dict[dt.date, str]:
            return dict(reversed(days.items()))

        rebuilt = ClosureCalendar(
            public=flipped(calendar.public),
            school=flipped(calendar.school),
            school_span=calendar.school_span,
            general=flipped(calendar.general),
            venues={v: flipped(days) for v, days in reversed(calendar.venues.items())},
            people={p: flipped(days) for p, days in reversed(calendar.people.items())},
            region=calendar.region,
            public_years=calendar.public_years,
        )
        assert rebuilt == calendar
        assert plan_series(
            attrs.evolve(series), attrs.evolve(curriculum), start, rebuilt
        ) == plan_series(series, curriculum, start, calendar)

    def test_uid_is_stable_across_replanning(self) -> None:
        """A moved session keeps its UID; no two sessions share one."""
        before = seed_plan(OLDER.id)
        after = seed_plan(OLDER.id, cancellations=[Closure(before.days[3], "zieke begeleider")])
        assert [s.uid for s in before.sessions][:10] == [s.uid for s in after.sessions][:10]
        assert before.sessions[3].day != after.sessions[3].day
        assert len({s.uid for s in before.sessions}) == len(before.sessions)


class TestOpenGroups:
    """When the curriculum ends before the horizon, a repeating curriculum starts again."""

    @given(st.integers(1, 10), dates(dt.date(2020, 1, 1), dt.date(2029, 1, 1)), random_calendars())
    def test_repeats_in_order(self, n: int, start: dt.date, calendar: ClosureCalendar) -> None:
        """Rounds follow each other, each in curriculum order, until the horizon."""
        curriculum = attrs.evolve(
            EVENINGS, sessions=EVENINGS.sessions[:n], repeats=True, repeat_from=None
        )
        series = group_series(
            NOORDWIJK, attrs.evolve(OLDER, follows_school_holidays=False), curriculum
        )
        until = start + dt.timedelta(weeks=60)
        plan = plan_series(series, curriculum, start, calendar, until=until)
        assert all(s.day <= until for s in plan.sessions)
        assert [(s.round, s.number) for s in plan.sessions] == [
            (i // n, i % n + 1) for i in range(len(plan.sessions))
        ]

    @given(
        st.integers(1, 6),
        st.integers(1, 6),
        dates(dt.date(2020, 1, 1), dt.date(2029, 1, 1)),
        random_calendars(),
    )
    def test_the_start_runs_once(
        self, once: int, cycle: int, start: dt.date, calendar: ClosureCalendar
    ) -> None:
        """With repeat_from, the sessions before that phase run once; the rest repeats."""
        phases = (
            attrs.evolve(EVENINGS.phases[0], id="start"),
            attrs.evolve(EVENINGS.phases[1], id="ronde"),
        )
        sessions = tuple(
            attrs.evolve(
                s, phase="start" if i < once else "ronde", requires=(), pinned=None, goals=()
            )
            for i, s in enumerate(EVENINGS.sessions[: once + cycle])
        )
        curriculum = attrs.evolve(
            EVENINGS, phases=phases, sessions=sessions, goals=(), repeat_from="ronde"
        )
        series = group_series(
            NOORDWIJK, attrs.evolve(OLDER, follows_school_holidays=False), curriculum
        )
        until = start + dt.timedelta(weeks=60)
        plan = plan_series(series, curriculum, start, calendar, until=until)
        numbers = [s.number for s in plan.sessions]
        expected = list(range(1, once + 1)) + [
            once + 1 + k % cycle for k in range(len(numbers) - once)
        ]
        assert numbers == expected[: len(numbers)]
        assert [s.round for s in plan.sessions][once:] == [
            k // cycle for k in range(len(numbers) - once)
        ]
        assert len({s.uid for s in plan.sessions}) == len(plan.sessions)

    def test_repeating_needs_a_horizon(self) -> None:
        """A repeating curriculum without an end date is refused."""
        with pytest.raises(PlanningError, match="give an end date"):
            plan_group(NOORDWIJK, OLDER.id, EVENINGS, REAL)

    def test_a_year_of_evenings(self) -> None:
        """Up to 31 May 2022 the seed's 18-25 group has 23 evenings: its start's 3 and the
        whole yearly cycle of 17 in round 0, then the cycle again from its first evening."""
        plan = seed_plan(OLDER.id)
        assert len(plan.sessions) == 23
        assert [(s.round, s.number) for s in plan.sessions[19:]] == [
            (0, 20),
            (1, 4),
            (1, 5),
            (1, 6),
        ]


class CancellationMachine(RuleBasedStateMachine):
    """Sequences of cancellations and added closures, against a plain model of the grid."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled: dict[dt.date, str] = {}
        self.closures: list[Closure] = []
        self.curriculum = attrs.evolve(EVENINGS, repeats=False, repeat_from=None)
        self.series = group_series(NOORDWIJK, OLDER, self.curriculum)
        self.plan = self.replan()

    def replan(self):
        calendar = REAL.with_closures(self.closures)
        return plan_series(
            self.series, self.curriculum, OLDER.start_date, calendar, cancelled=self.cancelled
        )

    def model_days(self) -> list[dt.date]:
        """The plan by the plainest means: walk the grid, skip any closed date."""
        closed = set(self.cancelled)
        for c in self.closures:
            closed.update(c.days())
        days, day = [], OLDER.start_date
        while len(days) < len(self.curriculum.sessions):
            if day not in closed and day not in seed_closed_days():
                days.append(day)
            day += dt.timedelta(weeks=2)
        return days

    @precondition(lambda self: len(self.cancelled) < 8)
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.plan.sessions) - 1))
        before = self.plan
        self.cancelled[before.days[index]] = "storm"
        self.plan = self.replan()
        assert self.plan.days[:index] == before.days[:index]

    @precondition(lambda self: len(self.closures) < 5)
    @rule(start=dates(dt.date(2021, 5, 1), dt.date(2022, 12, 31)), length=st.integers(0, 30))
    def close(self, start: dt.date, length: int) -> None:
        closure = Closure(start, "extra dicht", start + dt.timedelta(days=length))
        before = self.plan
        self.closures.append(closure)
        self.plan = self.replan()
        untouched = [d for d in before.days if d < start]
        assert list(self.plan.days[: len(untouched)]) == untouched

    @precondition(lambda self: self.cancelled)
    @rule(data=st.data())
    def lift_cancellation(self, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from(sorted(self.cancelled)))
        del self.cancelled[day]
        self.plan = self.replan()

    @invariant()
    def matches_model(self) -> None:
        assert list(self.plan.days) == self.model_days()

    @invariant()
    def nothing_lost(self) -> None:
        assert [s.session for s in self.plan.sessions] == list(self.curriculum.sessions)


TestCancellations = CancellationMachine.TestCase


class TestEvenGridShortcut:
    """The whole-list planner for even cadences gives the very plan of the slot-by-slot loop."""

    @given(single_series(), st.booleans(), st.integers(0, 120))
    def test_same_plan(self, case, repeats: bool, weeks: int) -> None:
        """With and without a horizon, repeating or not, both ways agree date for date."""
        series, curriculum, start, calendar, _ = case
        restart = curriculum.sessions[-1].phase if repeats else None
        curriculum = attrs.evolve(curriculum, repeats=repeats, repeat_from=restart)
        until = start + dt.timedelta(weeks=weeks) if repeats or weeks % 2 else None

        def open_slot(day: dt.date, minutes: int) -> None:
            return None

        try:
            quick = plan_series(series, curriculum, start, calendar, until=until)
        except OutsideCalendar:
            with pytest.raises(OutsideCalendar):
                plan_series(series, curriculum, start, calendar, until=until, extra=open_slot)
            return
        slow = plan_series(series, curriculum, start, calendar, until=until, extra=open_slot)
        assert quick == slow
        assert quick.sessions == slow.sessions


class TestReviewedEdges:
    """Edges of the rules: trainings clash too, ids are shared, and the calendar's reach."""

    def test_two_trainings_of_one_coach(self) -> None:
        """A coach cannot give two trainings at once: skip moves one, report names it."""
        (first,) = NOORDWIJK.trainings
        second = attrs.evolve(first, id="training-tweede", workers=first.workers[:1])
        program = attrs.evolve(NOORDWIJK, trainings=(first, second))
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 12, 31))
        assert set(plan.plan(first.id).days).isdisjoint(plan.plan(second.id).days)
        assert plan.plan(second.id).skipped[0].reason.startswith("clash: ")
        reported = plan_program(
            program, CURRICULA, until=dt.date(2021, 12, 31), clashes=ClashMode.REPORT
        )
        assert {v.rule for v in reported.violations} == {"clash"}

    def test_public_holidays_beyond_the_school_years(self) -> None:
        """A group that does not follow school holidays still skips Christmas 2030."""
        start = dt.date(2030, 12, 11)
        group = attrs.evolve(
            OLDER, start_date=start, weekday=OLDER.weekday.of(start), follows_school_holidays=False
        )
        program = attrs.evolve(NOORDWIJK, groups=(group, YOUNGER))
        plan = plan_group(program, group.id, EVENINGS, until=dt.date(2031, 3, 1))
        assert {k.day: k.reason for k in plan.skipped}[dt.date(2030, 12, 25)] == "Eerste kerstdag"
        assert dt.date(2031, 1, 8) in plan.days

    def test_summer_2020_is_not_known(self) -> None:
        """The 2020 summer holiday is not shipped: August 2020 is outside the calendar."""
        start = dt.date(2020, 8, 3)
        group = attrs.evolve(OLDER, start_date=start, weekday=OLDER.weekday.of(start))
        program = attrs.evolve(NOORDWIJK, groups=(group, YOUNGER))
        with pytest.raises(OutsideCalendar):
            plan_group(program, group.id, EVENINGS, until=dt.date(2020, 12, 1))

    def test_no_session_past_midnight(self) -> None:
        """A session that would run past midnight is refused, not planned."""
        late = attrs.evolve(OLDER, start_time=dt.time(23, 0))
        program = attrs.evolve(NOORDWIJK, groups=(late, YOUNGER))
        with pytest.raises(PlanningError, match="past midnight"):
            plan_group(program, late.id, EVENINGS, until=dt.date(2021, 7, 1))

    def test_a_session_may_end_at_midnight(self) -> None:
        """An evening of 180 minutes from 21:00 ends at midnight and is planned; from 21:01 it
        would run past midnight and is refused."""
        assert EVENINGS.longest == 180
        for start, fits in ((dt.time(21, 0), True), (dt.time(21, 1), False)):
            late = attrs.evolve(OLDER, start_time=start)
            program = attrs.evolve(NOORDWIJK, groups=(late, YOUNGER))
            if fits:
                plan = plan_group(program, late.id, EVENINGS, until=dt.date(2021, 7, 1))
                midnight = dt.datetime(2021, 5, 12, tzinfo=NOORDWIJK.zone)
                assert plan.sessions[0].end == midnight
            else:
                with pytest.raises(PlanningError, match="past midnight"):
                    plan_group(program, late.id, EVENINGS, until=dt.date(2021, 7, 1))

    @pytest.mark.parametrize(
        "extra", [None, lambda day, minutes: None], ids=["even-grid", "slot-by-slot"]
    )
    def test_the_horizon_day_is_planned(self, extra) -> None:
        """A slot on the horizon day itself is planned when open and skipped when closed."""
        series = group_series(NOORDWIJK, OLDER, EVENINGS)
        start = OLDER.start_date
        plan = plan_series(series, EVENINGS, start, REAL, until=dt.date(2021, 6, 8), extra=extra)
        assert plan.days[-1] == dt.date(2021, 6, 8)
        plan = plan_series(series, EVENINGS, start, REAL, until=dt.date(2021, 7, 20), extra=extra)
        assert plan.skipped[-1].day == dt.date(2021, 7, 20)

    def test_the_horizon_day_is_planned_for_a_program(self) -> None:
        """A program planned up to a day of its training holds that day's training session."""
        until = dt.date(2021, 4, 29)
        plan = plan_program(NOORDWIJK, CURRICULA, until=until)
        assert plan.plan(NOORDWIJK.trainings[0].id).days[-1] == until

    def test_rooms_are_counted_at_each_moment(self) -> None:
        """With two rooms, sessions 16-19, 19-22 and 17:30-20:30 of different workers all fit
        on one evening; with one room the 17:30 group has to move."""
        workers = (
            *NOORDWIJK.workers,
            *(
                trained_elsewhere(attrs.evolve(NOORDWIJK.workers[0], id=f"werker-{n}"))
                for n in (5, 6)
            ),
        )
        groups = tuple(
            attrs.evolve(OLDER, id=f"g{i}", start_time=start, workers=pair)
            for i, (start, pair) in enumerate(
                [
                    (dt.time(16), ("daan-kuijpers", "esra-yildiz")),
                    (dt.time(19), ("joost-van-der-meer", "noor-bakker")),
                    (dt.time(17, 30), ("werker-5", "werker-6")),
                ]
            )
        )
        assert all(g.venue == "x-out" for g in groups)
        for rooms in (2, 1):
            venue = attrs.evolve(NOORDWIJK.venue("x-out"), rooms=rooms)
            program = attrs.evolve(
                NOORDWIJK,
                workers=workers,
                venues=replaced(NOORDWIJK.venues, venue),
                groups=groups,
            )
            plan = plan_program(program, CURRICULA, until=dt.date(2021, 6, 30))
            first, third = plan.plan("g0"), plan.plan("g2")
            assert plan.plan("g1").days == first.days
            if rooms == 2:
                assert third.days == first.days
            else:
                assert third.skipped[0].reason == "clash: venue x-out is in use by g0"

    def test_slot_limit_is_the_same_both_ways(self) -> None:
        """Both planners look at the same number of grid slots before giving up."""
        from joinus_method.planning.schedule import MAX_SLOTS

        series = group_series(
            NOORDWIJK, attrs.evolve(OLDER, follows_school_holidays=False), EVENINGS
        )
        calendar = ClosureCalendar(
            public={}, school={}, school_span=(dt.date(1, 1, 1), dt.date(9999, 1, 1)), general={},
            venues={}, people={}, region="midden",
        )  # fmt: skip
        for slots in (MAX_SLOTS, MAX_SLOTS + 1):
            until = OLDER.start_date + dt.timedelta(weeks=2 * (slots - 1))
            outcomes = []
            for extra in (None, lambda day, minutes: None):
                try:
                    outcomes.append(
                        len(
                            plan_series(
                                series,
                                EVENINGS,
                                OLDER.start_date,
                                calendar,
                                until=until,
                                extra=extra,
                            ).days
                        )
                    )
                except PlanningError:
                    outcomes.append(-1)
            assert outcomes[0] == outcomes[1], (slots, outcomes)


class TestExactOutput:
    """What a user reads is exact: the series' fields, the reasons and the messages."""

    def test_series_of_the_seed_training_and_webinar(self) -> None:
        """The seed's training is led by its coach, attended by its four workers, at its venue,
        and ignores school holidays; the webinar has no venue, leaders or participants."""
        plan = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2022, 5, 31))
        (training,) = NOORDWIJK.trainings
        (event,) = NOORDWIJK.events
        assert plan.plan(training.id).series == Series(
            id="training-voorjaar-2021",
            kind=SeriesKind.TRAINING,
            title="Training voor jongerenwerkers: de Join Us-methode (training-voorjaar-2021)",
            program="noordwijk-katwijk-2021",
            curriculum="werkerstraining",
            start_time=dt.time(13, 30),
            zone=NOORDWIJK.zone,
            venue="the-base",
            leaders=("marieke-verhoef",),
            participants=("daan-kuijpers", "esra-yildiz", "joost-van-der-meer", "noor-bakker"),
            school_holidays=False,
        )
        assert plan.plan(event.id).series == Series(
            id="webinar-eenzaamheid-jongeren-2021",
            kind=SeriesKind.EVENT,
            title="Webinar eenzaamheid onder jongeren",
            program="noordwijk-katwijk-2021",
            curriculum="webinar-bewustwording",
            start_time=dt.time(19, 30),
            zone=NOORDWIJK.zone,
            venue=None,
            leaders=(),
            participants=(),
            school_holidays=False,
        )
        assert plan.plan(OLDER.id).series == Series(
            id="groep-18-25-x-out",
            kind=SeriesKind.GROUP,
            title="Join Us-groep 18 tot en met 25 jaar, X-Out Noordwijkerhout",
            program="noordwijk-katwijk-2021",
            curriculum="groepsavonden",
            start_time=dt.time(19, 0),
            zone=NOORDWIJK.zone,
            venue="x-out",
            leaders=("daan-kuijpers", "esra-yildiz"),
            participants=(),
            school_holidays=True,
        )
        for found in plan.plans:
            assert str(found.series.zone) == "Europe/Amsterdam"
        assert plan.plan(event.id).days == (dt.date(2021, 4, 20),)

    def test_an_unknown_series_is_named(self) -> None:
        """Asking a program plan for a series it lacks raises UnknownId naming the series."""
        plan = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2021, 6, 30))
        with pytest.raises(UnknownId) as raised:
            plan.plan("geen-groep")
        assert str(raised.value) == "no series with id 'geen-groep'"
        assert (raised.value.kind, raised.value.wanted) == ("series", "geen-groep")

    def test_cut_off_keeps_skipped_slots_up_to_the_day(self) -> None:
        """A plan cut off after a day keeps its sessions and skipped slots up to that day,
        both included."""
        plan = seed_plan(OLDER.id)
        last = dt.date(2021, 8, 3)
        cut = plan.until(last)
        assert cut.days == tuple(d for d in plan.days if d <= last)
        assert [(k.day, k.reason) for k in cut.skipped] == [
            (dt.date(2021, 7, 20), "zomervakantie regio midden"),
            (dt.date(2021, 8, 3), "zomervakantie regio midden"),
        ]
        assert len(plan.skipped) > 2

    @pytest.mark.parametrize("mode", list(ClashMode))
    def test_waiting_for_the_later_trained_worker(self, mode: ClashMode) -> None:
        """A group whose workers complete a training elsewhere on 11 and 25 May skips its
        slots up to and including 25 May as "workers not yet trained"; a plan that only
        reports keeps them and names the later day."""
        ready = {"daan-kuijpers": dt.date(2021, 5, 11), "esra-yildiz": dt.date(2021, 5, 25)}
        program = without_trainings(NOORDWIJK, ready)
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 7, 31), clashes=mode)
        older = plan.plan(OLDER.id)
        if mode is ClashMode.SKIP:
            assert older.days[:3] == (
                dt.date(2021, 6, 8),
                dt.date(2021, 6, 22),
                dt.date(2021, 7, 6),
            )
            assert [(k.day, k.reason) for k in older.skipped] == [
                (dt.date(2021, 5, 11), "workers not yet trained"),
                (dt.date(2021, 5, 25), "workers not yet trained"),
                (dt.date(2021, 7, 20), "zomervakantie regio midden"),
            ]
            assert plan.violations == ()
        else:
            assert older.days[:2] == (dt.date(2021, 5, 11), dt.date(2021, 5, 25))
            assert plan.violations == (
                Violation(
                    "untrained-worker",
                    "group 'groep-18-25-x-out' starts 2021-05-11, before its workers complete "
                    "their training on 2021-05-25",
                    ("groep-18-25-x-out",),
                    dt.date(2021, 5, 11),
                ),
            )
        # The younger group starts on 17 May, after its workers' training on 29 April.
        assert plan.plan(YOUNGER.id).days[0] == YOUNGER.start_date

    def test_untrained_workers_are_named_and_their_groups_not_planned(self) -> None:
        """Each worker with no training guides their group in a violation of its own, and
        those groups are not planned; *groups* limits the groups looked at."""
        new = [
            attrs.evolve(NOORDWIJK.workers[0], id=f"werker-{n}", trained_on=None) for n in (5, 6)
        ]
        groups = (
            attrs.evolve(OLDER, workers=("werker-5", "daan-kuijpers")),
            attrs.evolve(YOUNGER, workers=("werker-5", "werker-6")),
        )
        program = attrs.evolve(NOORDWIJK, workers=(*NOORDWIJK.workers, *new), groups=groups)
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 9, 30))
        assert [p.series.id for p in plan.plans] == [
            "training-voorjaar-2021",
            "webinar-eenzaamheid-jongeren-2021",
        ]
        message = "worker {!r} guides group {!r} but has no completed training"
        assert plan.violations == (
            Violation("untrained-worker", message.format("werker-5", OLDER.id), (OLDER.id,)),
            Violation("untrained-worker", message.format("werker-5", YOUNGER.id), (YOUNGER.id,)),
            Violation("untrained-worker", message.format("werker-6", YOUNGER.id), (YOUNGER.id,)),
        )
        only = plan_program(program, CURRICULA, until=dt.date(2021, 9, 30), groups=[OLDER.id])
        assert [v.series for v in only.violations] == [(OLDER.id,)]
        seed = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2021, 9, 30), groups=[YOUNGER.id])
        assert [p.series.id for p in seed.plans][2:] == [YOUNGER.id]


class TestClashReports:
    """In report mode each clash of a session with one booked before it is a violation that
    names the person or venue and the other series; back-to-back sessions do not clash."""

    @staticmethod
    def program(*groups: tuple[str, dt.time, str, tuple[str, str], dt.date]) -> Program:
        """The seed with three more workers, three more venues and these Tuesday groups."""
        worker = NOORDWIJK.workers[0]
        venue = NOORDWIJK.venue("x-out")
        return attrs.evolve(
            NOORDWIJK,
            workers=(
                *NOORDWIJK.workers,
                *(trained_elsewhere(attrs.evolve(worker, id=f"werker-{n}")) for n in (5, 6, 7)),
            ),
            venues=(*NOORDWIJK.venues, *(attrs.evolve(venue, id=f"zaal-{n}") for n in (3, 4, 5))),
            groups=tuple(
                attrs.evolve(OLDER, id=id, start_time=at, venue=where, workers=pair, start_date=day)
                for id, at, where, pair, day in groups
            ),
            max_groups_per_worker=5,
        )

    def test_every_clash_named_exactly(self) -> None:
        """Eight two-hour groups on the same two Tuesdays give exactly the clashes worked
        out by hand, in planning order, a person's before the venue's."""
        two_hours = attrs.evolve(
            EVENINGS,
            sessions=tuple(attrs.evolve(s, minutes=120, segments=()) for s in EVENINGS.sessions),
        )
        day = OLDER.start_date
        daan, esra, joost, noor = (
            "daan-kuijpers",
            "esra-yildiz",
            "joost-van-der-meer",
            "noor-bakker",
        )
        program = self.program(
            ("a", dt.time(19), "x-out", (daan, esra), day),
            ("b", dt.time(19), "the-base", (daan, "werker-5"), day),
            ("c", dt.time(20, 59), "zaal-3", ("werker-5", "werker-6"), day),
            ("d", dt.time(17, 30), "zaal-4", (daan, noor), day),
            ("e", dt.time(19), "x-out", ("werker-6", esra), day),
            ("f", dt.time(21, 30), "zaal-4", (daan, joost), day),  # a and b end at 21:00
            ("g", dt.time(16), "zaal-3", (daan, noor), day),  # ends 18:00, d starts 17:30
            ("h", dt.time(19, 30), "zaal-5", (joost, "werker-7"), day),  # ends as f starts
        )
        plan = plan_program(
            program,
            {**CURRICULA, EVENINGS.id: two_hours},
            until=dt.date(2021, 5, 25),
            clashes=ClashMode.REPORT,
        )
        expected = [
            ("b", "a", f"{daan} is already in a"),
            ("c", "b", "werker-5 is already in b"),
            ("d", "a", f"{daan} is already in a"),
            ("d", "b", f"{daan} is already in b"),
            ("e", "c", "werker-6 is already in c"),
            ("e", "a", f"{esra} is already in a"),
            ("e", "a", "venue x-out is in use by a"),
            ("g", "d", f"{daan} is already in d"),
            ("g", "d", f"{noor} is already in d"),
        ]
        days = [dt.date(2021, 5, 11), dt.date(2021, 5, 25)]
        assert [(v.rule, v.series, v.day, str(v)) for v in plan.violations] == [
            ("clash", (mine, other), when, f"clash: group '{mine}' on {when}: {what}")
            for mine, group in groupby(expected, key=lambda e: e[0])
            for rows in [list(group)]
            for when in days
            for _, other, what in rows
        ]

    def test_a_booking_on_other_days_keeps_the_earlier_ones(self) -> None:
        """A series booked on days nobody else uses does not hide the earlier bookings of the
        same person: a third series on the first one's days still clashes with it."""
        daan = "daan-kuijpers"
        program = self.program(
            ("p", dt.time(19), "x-out", (daan, "werker-5"), dt.date(2021, 5, 11)),
            ("q", dt.time(19), "the-base", (daan, "werker-6"), dt.date(2021, 6, 1)),
            ("r", dt.time(19), "zaal-3", (daan, "werker-7"), dt.date(2021, 5, 11)),
        )
        plan = plan_program(
            program, CURRICULA, until=dt.date(2021, 6, 30), clashes=ClashMode.REPORT
        )
        assert set(plan.plan("p").days).isdisjoint(plan.plan("q").days)
        assert [(v.series, v.day) for v in plan.violations] == [
            (("r", "p"), day) for day in plan.plan("p").days
        ]
        assert len(plan.violations) == 4


class TestNothingDisappears:
    """A series with slots up to the horizon but no session, or that loses more than a share
    of its slots to clashes (a fifth by default), is a violation naming the other series."""

    @staticmethod
    def program() -> Program:
        """The seed with a meeting at X-Out on 25 May 2021, when the older group meets."""
        (webinar,) = NOORDWIJK.events
        meeting = attrs.evolve(
            webinar, id="bijeenkomst", date=dt.date(2021, 5, 25), online=False, venue="x-out"
        )
        return attrs.evolve(NOORDWIJK, events=(webinar, meeting))

    @pytest.mark.parametrize(
        ("until", "share", "lost"),
        [
            # 11 May, 25 May (taken), 8 June, 22 June, 6 July: one of five slots is a fifth.
            (dt.date(2021, 7, 6), MAX_CLASH_SHARE, False),
            # Up to 22 June: one of four slots is more than a fifth.
            (dt.date(2021, 6, 22), MAX_CLASH_SHARE, True),
            (dt.date(2021, 6, 22), 0.25, False),
            (dt.date(2021, 7, 6), 0.19, True),
            (dt.date(2021, 7, 6), 0.0, True),
        ],
    )
    def test_the_share_lost_to_clashes(self, until: dt.date, share: float, lost: bool) -> None:
        """One slot lost of four is too many at most a fifth, one of five is not."""
        plan = plan_program(self.program(), CURRICULA, until=until, max_clash_share=share)
        older = plan.plan(OLDER.id)
        assert [(k.day, k.reason) for k in older.skipped] == [
            (dt.date(2021, 5, 25), "clash: venue x-out is in use by bijeenkomst")
        ]
        slots = 4 if until.month == 6 else 5
        expected = Violation(
            "lost-to-clashes",
            f"group {OLDER.id!r} loses 1 of its {slots} slots to clashes with 'bijeenkomst' "
            f"(at most {share:.0%} may be lost)",
            (OLDER.id, "bijeenkomst"),
            dt.date(2021, 5, 25),
        )
        assert plan.violations == ((expected,) if lost else ())

    def test_no_session_at_all(self) -> None:
        """A group whose every slot up to the horizon is taken, or closed, is named."""
        taken = plan_program(
            self.program(), CURRICULA, until=dt.date(2021, 5, 25), groups=[OLDER.id]
        )
        # 11 May is open: only the 25th is taken, so the group has a session.
        assert [v.rule for v in taken.violations] == ["lost-to-clashes"]
        late = attrs.evolve(OLDER, start_date=dt.date(2021, 5, 25))
        program = attrs.evolve(self.program(), groups=(late, YOUNGER))
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 6, 1))
        assert plan.violations == (
            Violation(
                "no-sessions",
                f"group {OLDER.id!r} gets no session up to 2021-06-01: 1 of its 1 slots clash "
                "with 'bijeenkomst'",
                (OLDER.id, "bijeenkomst"),
                dt.date(2021, 5, 25),
            ),
        )
        summer = attrs.evolve(OLDER, start_date=dt.date(2021, 7, 20))
        program = attrs.evolve(NOORDWIJK, groups=(summer, YOUNGER))
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 8, 3))
        assert plan.violations == (
            Violation(
                "no-sessions",
                f"group {OLDER.id!r} gets no session up to 2021-08-03: all 2 of its slots are "
                "closed",
                (OLDER.id,),
            ),
        )
        # A group that starts after the horizon has no slots: nothing is missing.
        assert plan_program(program, CURRICULA, until=dt.date(2021, 7, 19)).violations == ()

    @pytest.mark.parametrize("share", [-0.1, 1.5])
    def test_a_share_is_a_fraction(self, share: float) -> None:
        """The largest share lost lies between 0 and 1."""
        with pytest.raises(PlanningError, match=f"between 0 and 1, not {share}"):
            plan_program(NOORDWIJK, CURRICULA, until=dt.date(2021, 7, 6), max_clash_share=share)


class TestProgramPlanning:
    """A program plans its trainings, events and groups in turn: waiting for training,
    cancellations and clashes all close slots of the same series."""

    def test_waiting_cancelled_and_clashing_slots_together(self) -> None:
        """A group that waits for a worker trained elsewhere on 25 May, has 22 June cancelled
        and shares a worker with a one-evening group on 8 June skips each slot for its own
        reason."""
        one = attrs.evolve(
            EVENINGS,
            id="kennismaking",
            sessions=EVENINGS.sessions[:1],
            repeats=False,
            repeat_from=None,
        )
        twin = attrs.evolve(
            OLDER,
            id="tweeling",
            venue="the-base",
            workers=("daan-kuijpers", "noor-bakker"),
            start_date=dt.date(2021, 6, 8),
            curriculum="kennismaking",
        )
        program = attrs.evolve(
            without_trainings(NOORDWIJK, {"esra-yildiz": dt.date(2021, 5, 25)}),
            groups=(twin, OLDER),
            max_groups_per_worker=3,
        )
        plan = plan_program(
            program,
            {**CURRICULA, "kennismaking": one},
            until=dt.date(2021, 7, 31),
            cancellations={OLDER.id: [Closure(dt.date(2021, 6, 22), "bezoek")]},
        )
        assert plan.program == NOORDWIJK.id
        assert plan.plan("tweeling").series.curriculum == "kennismaking"
        assert [s.session for s in plan.plan("tweeling").sessions] == [EVENINGS.sessions[0]]
        older = plan.plan(OLDER.id)
        assert older.days == (dt.date(2021, 7, 6),)
        assert [(k.day, k.reason) for k in older.skipped] == [
            (dt.date(2021, 5, 11), "workers not yet trained"),
            (dt.date(2021, 5, 25), "workers not yet trained"),
            (dt.date(2021, 6, 8), "clash: daan-kuijpers is already in tweeling"),
            (dt.date(2021, 6, 22), "cancelled: bezoek"),
            (dt.date(2021, 7, 20), "zomervakantie regio midden"),
        ]

    @pytest.mark.parametrize("end", [dt.date(2021, 6, 21), dt.date(2021, 6, 22)])
    def test_a_group_meets_up_to_its_end(self, end: dt.date) -> None:
        """A group with an end date meets up to and including that day, not after."""
        program = attrs.evolve(NOORDWIJK, groups=(attrs.evolve(OLDER, end_date=end), YOUNGER))
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 12, 31))
        older = plan.plan(OLDER.id)
        expected = [dt.date(2021, 5, 11), dt.date(2021, 5, 25), dt.date(2021, 6, 8)]
        assert list(older.days) == expected + ([end] if end.day == 22 else [])
        assert older.skipped == ()
        assert plan.plan(YOUNGER.id).days[-1] > dt.date(2021, 12, 1)

    def test_an_event_is_planned_once_and_within_the_horizon(self) -> None:
        """An event on a repeating curriculum holds each session once; an event after the
        horizon holds none."""
        (event,) = NOORDWIJK.events
        repeating = attrs.evolve(event, curriculum=EVENINGS.id, venue="the-base", online=False)
        program = attrs.evolve(NOORDWIJK, events=(repeating,))
        plan = plan_program(program, CURRICULA, until=dt.date(2023, 12, 31))
        assert plan.plan(event.id).series.venue == "the-base"
        assert [s.number for s in plan.plan(event.id).sessions] == list(
            range(1, len(EVENINGS.sessions) + 1)
        )
        early = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2021, 4, 19))
        assert early.plan(event.id).days == ()
        assert plan_program(NOORDWIJK, CURRICULA, until=event.date).plan(event.id).days == (
            event.date,
        )

    def test_the_calendar_reaches_the_horizon(self) -> None:
        """Groups without school holidays planned to 2032 skip the public holidays of 2032
        too: the program's own calendar is made up to the horizon."""
        groups = tuple(attrs.evolve(g, follows_school_holidays=False) for g in NOORDWIJK.groups)
        program = attrs.evolve(NOORDWIJK, groups=groups)
        until = dt.date(2032, 12, 31)
        plan = plan_program(program, CURRICULA, until=until).plan(OLDER.id)
        public = holidays.country_holidays("NL", years=range(2021, 2033), language="nl")
        grid_days = grid(OLDER.start_date, 2, until)
        assert list(plan.days) == [d for d in grid_days if d not in public]

    def test_without_groups_or_horizon(self) -> None:
        """A program without groups needs no group curriculum and, without a horizon, plans
        its training to the end."""
        program = attrs.evolve(NOORDWIJK, groups=())
        curricula = {k: v for k, v in CURRICULA.items() if k != EVENINGS.id}
        plan = plan_program(program, curricula)
        assert len(plan.plan(NOORDWIJK.trainings[0].id).days) == len(TRAINING.sessions)
        with pytest.raises(PlanningError) as raised:
            plan_program(NOORDWIJK, curricula, until=dt.date(2021, 12, 31))
        assert str(raised.value) == "curriculum 'groepsavonden' is not given"


FOUR = attrs.evolve(
    EVENINGS, id="vier", sessions=EVENINGS.sessions[:4], repeats=False, repeat_from=None
)
PLANNERS = pytest.mark.parametrize(
    "extra", [None, lambda day, minutes: None], ids=["even-grid", "slot-by-slot"]
)


def open_grid(start: dt.date, closed: Mapping[dt.date, str], count: int) -> list[dt.date]:
    """The first *count* fortnightly dates from *start* not in *closed*, walked one by one."""
    found = []
    day = start
    while len(found) < count:
        if day not in closed:
            found.append(day)
        day += dt.timedelta(weeks=2)
    return found


class TestCalendarReach:
    """Both planners skip school holidays only for series that follow them, check that the
    closures of every slot they look at are known, and give up after MAX_SLOTS slots."""

    @PLANNERS
    def test_a_group_without_school_holidays_meets_in_summer(self, extra) -> None:
        """A group that does not follow school holidays meets through the summer, skipping
        public holidays only."""
        group = attrs.evolve(OLDER, follows_school_holidays=False)
        series = group_series(NOORDWIJK, group, EVENINGS)
        until = dt.date(2022, 5, 31)
        plan = plan_series(series, EVENINGS, group.start_date, REAL, until=until, extra=extra)
        public = holidays.country_holidays("NL", years=range(2021, 2023), language="nl")
        grid_days = grid(group.start_date, 2, until)
        assert list(plan.days) == [d for d in grid_days if d not in public]
        assert [(k.day, k.reason) for k in plan.skipped] == [
            (d, public[d]) for d in grid_days if d in public
        ]
        assert dt.date(2021, 7, 20) in plan.days

    @PLANNERS
    def test_beyond_the_school_years_without_school_holidays(self, extra) -> None:
        """A group without school holidays plans the autumn of 2030, after the last shipped
        school year, and stops at the end of the last year whose public holidays are known."""
        start = dt.date(2030, 9, 3)
        group = attrs.evolve(
            OLDER, start_date=start, weekday=OLDER.weekday.of(start), follows_school_holidays=False
        )
        series = group_series(NOORDWIJK, group, EVENINGS)
        until = dt.date(2030, 12, 31)
        plan = plan_series(series, EVENINGS, start, REAL, until=until, extra=extra)
        public = holidays.country_holidays("NL", years=[2030], language="nl")
        assert list(plan.days) == [d for d in grid(start, 2, until) if d not in public]
        with pytest.raises(OutsideCalendar) as raised:
            plan_series(series, EVENINGS, start, REAL, until=dt.date(2031, 1, 10), extra=extra)
        assert str(raised.value) == (
            "2031-01-07 lies outside the years whose public holidays are loaded (2020 to 2030): "
            "make the calendar with more years"
        )

    @PLANNERS
    def test_past_the_last_school_summer(self, extra) -> None:
        """A group that follows school holidays cannot be planned past the last shipped
        summer holiday of its region."""
        start = dt.date(2029, 5, 1)
        group = attrs.evolve(OLDER, start_date=start, weekday=OLDER.weekday.of(start))
        series = group_series(NOORDWIJK, group, EVENINGS)
        plan = plan_series(series, EVENINGS, start, REAL, until=dt.date(2029, 8, 19), extra=extra)
        assert plan.days[0] == dt.date(2029, 5, 15)  # 1 May is in the meivakantie
        assert plan.skipped[0] == SkippedSlot(OLDER.id, start, "meivakantie")
        with pytest.raises(OutsideCalendar) as raised:
            plan_series(series, EVENINGS, start, REAL, until=dt.date(2029, 8, 25), extra=extra)
        assert str(raised.value) == (
            "2029-08-21 lies outside the known school holidays of region midden "
            "(2020-09-07 to 2029-08-19)"
        )

    @PLANNERS
    def test_nothing_open_gives_up(self, extra) -> None:
        """A curriculum with no horizon and every date closed for 250 years fails with a
        message naming the series and the slot limit."""
        closure = Closure(
            OLDER.start_date, "dicht", OLDER.start_date + dt.timedelta(days=250 * 366)
        )
        calendar = attrs.evolve(
            REAL,
            public={},
            school={},
            school_span=(dt.date(1, 1, 1), dt.date(9999, 1, 1)),
            public_years=(1, 9999),
        ).with_closures([closure])
        series = group_series(NOORDWIJK, OLDER, FOUR)
        with pytest.raises(PlanningError) as raised:
            plan_series(series, FOUR, OLDER.start_date, calendar, extra=extra)
        assert str(raised.value) == (
            "group 'groep-18-25-x-out' needs more than 5000 slots of its grid: plan up to an "
            "earlier date (until), or check that its dates are not all closed"
        )

    @PLANNERS
    def test_a_short_curriculum_after_a_long_closure(self, extra) -> None:
        """Four evenings without a horizon, after a closure of a year and a half, fall on the
        first four open fortnightly dates after it."""
        closure = Closure(dt.date(2021, 5, 1), "verbouwing", dt.date(2022, 10, 31))
        calendar = REAL.with_closures([closure])
        series = group_series(NOORDWIJK, OLDER, FOUR)
        plan = plan_series(series, FOUR, OLDER.start_date, calendar, extra=extra)
        closed = dict(seed_closed_days())
        for day, reason in plain_days([closure]):
            closed.setdefault(day, reason)
        assert list(plan.days) == open_grid(OLDER.start_date, closed, 4)
        assert plan.skipped[0] == SkippedSlot(OLDER.id, OLDER.start_date, "verbouwing")

    @PLANNERS
    def test_nothing_skipped_after_the_last_session(self, extra) -> None:
        """A curriculum that ends before the horizon skips no slot after its last session."""
        calendar = REAL.with_closures([Closure(dt.date(2021, 7, 6), "verbouwing")])
        series = group_series(NOORDWIJK, OLDER, FOUR)
        plan = plan_series(
            series, FOUR, OLDER.start_date, calendar, until=dt.date(2021, 8, 20), extra=extra
        )
        assert plan.days == (
            dt.date(2021, 5, 11),
            dt.date(2021, 5, 25),
            dt.date(2021, 6, 8),
            dt.date(2021, 6, 22),
        )
        assert plan.skipped == ()

    @PLANNERS
    def test_a_repeating_curriculum_starts_again_from_its_first_session(self, extra) -> None:
        """Four repeating evenings over a year run 1, 2, 3, 4, 1, 2, ... in turn."""
        series = group_series(NOORDWIJK, OLDER, FOUR)
        four = attrs.evolve(FOUR, repeats=True)
        plan = plan_series(
            series, four, OLDER.start_date, REAL, until=dt.date(2022, 5, 31), extra=extra
        )
        assert len(plan.sessions) > 8
        assert [s.number for s in plan.sessions] == [k % 4 + 1 for k in range(len(plan.sessions))]
        assert [s.round for s in plan.sessions] == [k // 4 for k in range(len(plan.sessions))]


class TestApiDefaults:
    """The API plans as the command does when nothing more is said."""

    def test_the_default_end_is_the_commands(self) -> None:
        """Without until, plan_program runs to a year after the last group starts."""
        assert default_until(NOORDWIJK) == YOUNGER.start_date + dt.timedelta(weeks=52)
        plain = plan_program(NOORDWIJK, CURRICULA)
        assert plain == plan_program(NOORDWIJK, CURRICULA, until=default_until(NOORDWIJK))
        assert max(s.day for s in plain.sessions) <= default_until(NOORDWIJK)
        assert max(plain.plan(OLDER.id).days) > YOUNGER.start_date + dt.timedelta(weeks=48)

    def test_without_groups(self) -> None:
        """Without groups, the year runs from the last training."""
        program = attrs.evolve(NOORDWIJK, groups=())
        (training,) = NOORDWIJK.trainings
        (event,) = NOORDWIJK.events
        assert default_until(program) == max(training.start_date, event.date) + dt.timedelta(
            weeks=52
        )


class TestSessionValues:
    """The sessions a plan makes in bulk are the values the class itself makes."""

    def test_made_as_the_class_makes_them(self) -> None:
        """Each field set straight into its slot gives the value ``__init__`` gives: the
        class has nothing else to run (no validator, converter, default or post-init)."""
        from joinus_method.planning.schedule import PlannedSession, _planned

        assert not hasattr(PlannedSession, "__attrs_post_init__")
        for field in attrs.fields(PlannedSession):
            assert field.validator is None, field.name
            assert field.converter is None, field.name
            assert field.default is attrs.NOTHING, field.name
        plan = plan_group(NOORDWIJK, OLDER.id, EVENINGS, REAL, until=dt.date(2022, 7, 1))
        for made in plan.sessions:
            values = [getattr(made, f.name) for f in attrs.fields(PlannedSession)]
            by_class = PlannedSession(*values)
            assert made == by_class
            assert hash(made) == hash(by_class)
            assert repr(made) == repr(by_class)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            plan.sessions[0].minutes = 1  # type: ignore[misc]
        assert _planned(*values) == by_class

    def test_groups_on_one_grid_each_get_the_plan_they_would_get_alone(self) -> None:
        """Groups that share workers, venue and start date at other hours share the work of
        planning their grid, and each still gets its own plan: that of the group alone,
        with or without the school holidays."""
        from tests.seed import CURRICULA

        twin = attrs.evolve(OLDER, id="tweeling", start_time=dt.time(14, 0))
        free = attrs.evolve(
            OLDER, id="zonder-vakanties", start_time=dt.time(9, 0), follows_school_holidays=False
        )
        program = attrs.evolve(NOORDWIJK, groups=(*NOORDWIJK.groups, twin, free))
        calendar = ClosureCalendar.for_program(program)
        plan = plan_program(program, CURRICULA, calendar)
        assert not plan.violations
        until = default_until(program)
        for group in (OLDER, twin, free):
            alone = plan_group(program, group.id, EVENINGS, calendar, until=until)
            assert plan.plan(group.id).days == alone.days, group.id
            assert plan.plan(group.id).skipped == alone.skipped, group.id
        assert plan.plan(OLDER.id).days != plan.plan(free.id).days
