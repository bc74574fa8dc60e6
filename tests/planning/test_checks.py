"""Calendar rules checked on a program before it is planned: clashes that recur on every slot,
and trained_on dates that differ from the training."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from joinus_method import Closure, Curriculum, Program, Weekday
from joinus_method.errors import Problem
from joinus_method.planning.checks import program_problems, recurring_clashes, training_problems
from joinus_method.planning.closures import ClosureCalendar
from joinus_method.planning.schedule import plan_program
from tests.seed import CURRICULA, EVENINGS, NOORDWIJK, trained_elsewhere, without_trainings

OLDER, YOUNGER = NOORDWIJK.groups
DAAN = "daan-kuijpers"


def every(weeks: int) -> Curriculum:
    """The group evenings every *weeks* weeks, each two hours long."""
    return attrs.evolve(
        EVENINGS,
        id=f"elke-{weeks}",
        cadence_weeks=weeks,
        phases=tuple(attrs.evolve(p, cadence_weeks=None) for p in EVENINGS.phases),
        sessions=tuple(attrs.evolve(s, minutes=120, segments=()) for s in EVENINGS.sessions),
    )


UNIFORM = {f"elke-{w}": every(w) for w in (1, 2, 4)}


def program_with(*groups: dict[str, object], rooms: int = 1) -> Program:
    """The seed without its training, with two more workers, and with groups changed from
    the older one by *groups*."""
    seed = without_trainings(NOORDWIJK)
    new = [trained_elsewhere(attrs.evolve(seed.workers[0], id=f"werker-{n}")) for n in (5, 6)]
    seed = attrs.evolve(seed, workers=(*seed.workers, *new))
    venues = tuple(attrs.evolve(v, rooms=rooms, closures=()) for v in seed.venues)
    built = tuple(
        attrs.evolve(OLDER, id=f"groep-{i}", **changes)  # type: ignore[arg-type]
        for i, changes in enumerate(groups)
    )
    return attrs.evolve(seed, venues=venues, groups=built, max_groups_per_worker=9)


class TestRecurringClashes:
    """A group clashes on every slot with one planned before it when they meet on the same
    weekday, every slot of the later falls on a slot of the earlier, their sessions overlap,
    and they share a worker or a venue with no room left."""

    def test_the_message_names_both_groups(self) -> None:
        """The later group is named with the worker, the time, the cadence and the other."""
        program = program_with(
            {"start_date": dt.date(2021, 5, 11)},
            {"start_date": dt.date(2021, 5, 25), "workers": ("noor-bakker", DAAN)},
        )
        assert recurring_clashes(program, CURRICULA) == [
            Problem(
                "group 'groep-1' clashes at every session with group 'groep-0', which is planned "
                "first, from 2021-05-25: worker 'daan-kuijpers' guides both on tuesday at 19:00, "
                "every 2 weeks; move one of them to another day, time or week",
                ("groups", 1),
                related=("groups", 0),
            )
        ]

    @pytest.mark.parametrize(
        ("later", "clash"),
        [
            # Three weeks after: the other week of the fortnight.
            ({"start_date": dt.date(2021, 6, 1)}, False),
            ({"start_date": dt.date(2021, 6, 8)}, True),
            # Before the other starts, the clash begins when the other does.
            ({"start_date": dt.date(2021, 4, 27)}, True),
            # Back to back: 17:00-19:00 then 19:00.
            ({"start_time": dt.time(17), "curriculum": "elke-2"}, False),
            ({"start_time": dt.time(17, 1), "curriculum": "elke-2"}, True),
            # Back to back the other way: 19:00-21:00 then 21:00.
            ({"start_time": dt.time(21), "curriculum": "elke-2"}, False),
            ({"start_time": dt.time(20, 59), "curriculum": "elke-2"}, True),
            # The other group has ended by then; or it ends on the day this one starts.
            (
                {"start_date": dt.date(2021, 6, 8), "end_date": None, "x": dt.date(2021, 6, 7)},
                False,
            ),
            ({"start_date": dt.date(2021, 6, 8), "end_date": None, "x": dt.date(2021, 6, 8)}, True),
            # Another weekday.
            ({"weekday": Weekday.WEDNESDAY, "start_date": dt.date(2021, 5, 12)}, False),
            # Weekly against fortnightly: only every other evening clashes.
            ({"curriculum": "elke-1"}, False),
            # Every four weeks on a fortnightly group's evenings: every evening clashes.
            ({"curriculum": "elke-4"}, True),
        ],
    )
    def test_when_every_slot_clashes(self, later: dict[str, object], clash: bool) -> None:
        """Only a clash on every slot of the later group is found before planning."""
        first: dict[str, object] = {"start_date": dt.date(2021, 5, 11), "curriculum": "elke-2"}
        later = dict(later)
        if "x" in later:
            # The day the first group ends.
            first["end_date"] = later.pop("x")
        second = {"workers": ("noor-bakker", DAAN), **first, **later}
        program = program_with(first, second)
        found = recurring_clashes(program, {**CURRICULA, **UNIFORM})
        assert [p.path for p in found] == ([("groups", 1)] if clash else [])

    @pytest.mark.parametrize(("rooms", "clashes"), [(1, [1, 2]), (2, [2]), (3, [])])
    def test_a_venue_with_rooms(self, rooms: int, clashes: list[int]) -> None:
        """Three groups of different workers in one venue at once need three rooms."""
        day = {"start_date": dt.date(2021, 5, 11), "venue": "x-out"}
        program = program_with(
            {**day, "workers": (DAAN, "esra-yildiz")},
            {**day, "workers": ("joost-van-der-meer", "noor-bakker")},
            {**day, "workers": ("werker-5", "werker-6")},
            rooms=rooms,
        )
        found = recurring_clashes(program, CURRICULA)
        assert [p.path for p in found] == [("groups", i) for i in clashes]
        for p in found:
            assert "venue 'x-out' has no room left on tuesday at 19:00" in p.message

    @given(
        st.tuples(st.sampled_from([1, 2, 4]), st.sampled_from([1, 2, 4])),
        st.tuples(st.integers(0, 5), st.integers(0, 5)),
        st.tuples(st.sampled_from([17, 18, 19, 20]), st.sampled_from([17, 18, 19, 20])),
        st.sampled_from(["worker", "venue", "nothing"]),
        st.sampled_from([Weekday.TUESDAY, Weekday.WEDNESDAY]),
    )
    def test_found_before_planning_as_the_plan_finds_it(
        self,
        cadences: tuple[int, int],
        weeks: tuple[int, int],
        hours: tuple[int, int],
        shared: str,
        second_day: Weekday,
    ) -> None:
        """A clash on every slot is reported exactly when the plan gives the later group no
        evening on a day the earlier one meets, from the day both run."""
        base = dt.date(2021, 9, 7)
        starts = [base + dt.timedelta(weeks=w) for w in weeks]
        starts[1] += dt.timedelta(days=second_day.number - Weekday.TUESDAY.number)
        first = {
            "start_date": starts[0],
            "start_time": dt.time(hours[0]),
            "curriculum": f"elke-{cadences[0]}",
            "venue": "x-out",
        }
        second = {
            "start_date": starts[1],
            "weekday": second_day,
            "start_time": dt.time(hours[1]),
            "curriculum": f"elke-{cadences[1]}",
            "venue": "x-out" if shared == "venue" else "the-base",
            "workers": (DAAN, "noor-bakker")
            if shared == "worker"
            else ("joost-van-der-meer", "noor-bakker"),
        }
        program = program_with(first, second)
        curricula = {**CURRICULA, **UNIFORM}
        found = recurring_clashes(program, curricula)
        since = max(starts)
        plan = plan_program(program, curricula, until=since + dt.timedelta(weeks=10))
        earlier, later = (plan.plan(g.id) for g in program.groups)
        met = {d for d in earlier.days if d >= since}
        slots = [d for d in later.days if d >= since]
        clashed = {k.day for k in later.skipped if k.reason.startswith("clash: ")}
        note(f"earlier {sorted(met)}, later {slots}, clashed {sorted(clashed)}")
        if found:
            assert met.isdisjoint(later.days)
            assert clashed
        else:
            open_or_other = [d for d in later.days if d >= since]
            open_or_other += [
                k.day for k in later.skipped if k.day >= since and k.day not in clashed
            ]
            assert open_or_other


class TestRecurringClashDetails:
    """The busiest moment of a venue, weekly cadences, and groups that cannot be looked at."""

    @pytest.mark.parametrize(("rooms", "clash"), [(1, True), (2, False)])
    def test_the_busiest_moment(self, rooms: int, clash: bool) -> None:
        """Groups at 18-20 and 20-22 never hold two rooms at once, so one at 19-21 needs two
        rooms, not three."""
        day = {"start_date": dt.date(2021, 5, 11), "venue": "x-out", "curriculum": "elke-2"}
        program = program_with(
            {**day, "start_time": dt.time(18), "workers": (DAAN, "esra-yildiz")},
            {**day, "start_time": dt.time(20), "workers": ("joost-van-der-meer", "noor-bakker")},
            {**day, "start_time": dt.time(19), "workers": ("werker-5", "werker-6")},
            rooms=rooms,
        )
        found = recurring_clashes(program, {**CURRICULA, **UNIFORM})
        assert [p.path for p in found] == ([("groups", 2)] if clash else [])

    def test_every_week(self) -> None:
        """A weekly clash says so."""
        first = {"start_date": dt.date(2021, 5, 11), "curriculum": "elke-1"}
        program = program_with(first, {**first, "workers": ("noor-bakker", DAAN)})
        (problem,) = recurring_clashes(program, {**CURRICULA, **UNIFORM})
        assert "guides both on tuesday at 19:00, every week; move one" in problem.message

    def test_groups_without_a_fixed_cadence_are_left_to_the_plan(self) -> None:
        """A group whose curriculum is not given, or changes cadence, is skipped, and the
        groups after it are still looked at."""
        uneven = attrs.evolve(
            every(2),
            id="ongelijk",
            phases=(
                attrs.evolve(EVENINGS.phases[0], cadence_weeks=1),
                *EVENINGS.phases[1:],
            ),
        )
        assert uneven.even_gap is None
        first = {"start_date": dt.date(2021, 5, 11), "curriculum": "elke-2"}
        program = program_with(
            {**first, "curriculum": "ontbreekt", "workers": ("werker-5", "werker-6")},
            {**first, "curriculum": "ongelijk", "workers": ("werker-6", "werker-5")},
            first,
            {**first, "workers": ("noor-bakker", DAAN)},
        )
        found = recurring_clashes(program, {**CURRICULA, **UNIFORM, "ongelijk": uneven})
        assert [p.path for p in found] == [("groups", 3)]


class TestTrainedOn:
    """A trained_on that is not the day the worker's cohort ends is named at its key."""

    def test_named_at_the_key(self) -> None:
        """Only the worker whose date differs is named, with the day the training ends."""
        workers = tuple(
            attrs.evolve(w, trained_by="marieke-verhoef", trained_on=day)
            for w, day in zip(
                NOORDWIJK.workers,
                [dt.date(2021, 4, 29), dt.date(2021, 4, 1), None, dt.date(2021, 5, 6)],
                strict=True,
            )
        )
        program = attrs.evolve(NOORDWIJK, workers=workers)
        message = (
            "worker {!r} has trained_on {}, but their training 'training-voorjaar-2021' ends "
            "on 2021-04-29: leave trained_on out, the training decides"
        )
        expected = [
            Problem(message.format("esra-yildiz", "2021-04-01"), ("workers", 1, "trained_on")),
            Problem(message.format("noor-bakker", "2021-05-06"), ("workers", 3, "trained_on")),
        ]
        assert training_problems(program, CURRICULA) == expected
        assert program_problems(program, CURRICULA) == expected
        plan = plan_program(program, CURRICULA, until=dt.date(2021, 6, 30))
        assert [v.message for v in plan.violations] == [p.message for p in expected]

    def test_the_calendar_given_is_the_one_used(self) -> None:
        """With the training's last day closed, the training ends a week later, and that is
        the day trained_on must name."""
        later = dt.date(2021, 5, 6)
        workers = tuple(
            attrs.evolve(w, trained_by="marieke-verhoef", trained_on=later)
            for w in NOORDWIJK.workers
        )
        program = attrs.evolve(NOORDWIJK, workers=workers)
        closed = ClosureCalendar.for_program(
            program, extra=[Closure(dt.date(2021, 4, 29), "studiedag")]
        )
        assert training_problems(program, CURRICULA, closed) == []
        assert program_problems(program, CURRICULA, closed) == []
        assert len(training_problems(program, CURRICULA)) == 4
        assert len(program_problems(program, CURRICULA)) == 4

    def test_no_training_curriculum_no_problem(self) -> None:
        """Without the training's curriculum nothing is planned, and nothing is said."""
        assert training_problems(NOORDWIJK, {}) == []
        assert program_problems(NOORDWIJK, CURRICULA) == []
