"""Signals for workers as of a date: each kind, its boundaries, and the date cutting events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method.errors import InvalidValue, UnknownId
from joinus_method.model.program import Program
from joinus_method.planning.schedule import plan_program
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    ExitReason,
    IntakeOutcome,
    SignalSource,
)
from joinus_method.tracking.signals import Signal, SignalKind, SignalOptions, Subject, signals
from tests.seed import CURRICULA, FRAMEWORK, NOORDWIJK, without_trainings
from tests.tracking.roads import GROUP, event

PLAN = plan_program(NOORDWIJK, CURRICULA)
BASE = "groep-12-18-the-base"
EVENINGS = PLAN.plan(GROUP).sessions
DAYS = [s.day for s in EVENINGS]
START = DAYS[0]  # 2021-05-11
WORKERS = ("daan-kuijpers", "esra-yildiz")
COACH = "marieke-verhoef"
DOMAINS = [d.id for d in FRAMEWORK.domains]
WEEK = dt.timedelta(weeks=1)
DAY = dt.timedelta(days=1)


# -- roads -----------------------------------------------------------------------------------


def member_of(youth: str, joined: dt.date = START, group: str = GROUP) -> list[Event]:
    """The events that make *youth* a member of *group* from *joined*, placed a week before."""
    before = joined - WEEK
    return [
        event(EventKind.SIGNALLED, youth, before, source=SignalSource.SCHOOL),
        event(EventKind.REGISTERED, youth, before),
        event(EventKind.INTAKE_HELD, youth, before, outcome=IntakeOutcome.SUITABLE),
        event(EventKind.CONSENT_GIVEN, youth, before, by=ConsentBy.YOUTH),
        event(EventKind.PLACED, youth, before, group=group),
        event(EventKind.JOINED, youth, joined, group=group),
    ]


def at(youth: str, index: int, status: AttendanceStatus, group: str = GROUP) -> Event:
    """Attendance of *youth* at the *index*-th planned session of *group*."""
    session = PLAN.plan(group).sessions[index]
    return event(
        EventKind.ATTENDED,
        youth,
        session.day,
        group=group,
        session_uid=session.uid,
        status=status,
    )


def absent(youth: str, *indices: int) -> list[Event]:
    return [at(youth, i, AttendanceStatus.ABSENT) for i in indices]


def present(youth: str, *indices: int) -> list[Event]:
    return [at(youth, i, AttendanceStatus.PRESENT) for i in indices]


def assessed(
    youth: str,
    day: dt.date,
    level: int | dict[str, int] | None = None,
    answers: dict[int, str] | None = None,
) -> Event:
    """An assessment: every domain at *level* (or the levels given), and DJG-6 *answers*."""
    levels = dict.fromkeys(DOMAINS, level) if isinstance(level, int) else (level or {})
    return event(
        EventKind.ASSESSED,
        youth,
        day,
        rater="daan-kuijpers",
        levels=tuple(levels.items()),
        answers=(("djg-6", tuple(answers.items())),) if answers else (),
    )


def left(youth: str, day: dt.date, group: str = GROUP) -> Event:
    return event(EventKind.LEFT, youth, day, group=group)


# DJG-6 answered on the side away from loneliness: total 0, "niet eenzaam".
NOT_LONELY = {
    item.number: ("nee" if item.keyed == "negative" else "ja")
    for item in FRAMEWORK.instrument("djg-6").items
}
LONELY = {
    item.number: ("ja" if item.keyed == "negative" else "nee")
    for item in FRAMEWORK.instrument("djg-6").items
}


def run(
    events: Sequence[Event], as_of: dt.date, *, program: Program = NOORDWIJK, **options: Any
) -> list[Signal]:
    """The signals of *events* as of *as_of*, in the seed program and plan."""
    return signals(events, program, PLAN, FRAMEWORK, as_of, **options)


def of(found: Sequence[Signal], kind: SignalKind, who: str | None = None) -> list[Signal]:
    """The signals of *kind* (about *who*, when given)."""
    return [s for s in found if s.kind is kind and (who is None or s.who == who)]


# -- consecutive absences --------------------------------------------------------------------


def test_exactly_n_absences_make_a_signal_since_the_first_of_them() -> None:
    """Two sessions in a row recorded absent (the default) call the group's workers, since
    the first of them."""
    road = [*member_of("y-a"), *present("y-a", 0, 1, 2), *absent("y-a", 3, 4)]
    (found,) = of(run(road, DAYS[4]), SignalKind.ABSENCES)
    assert found.who == "y-a"
    assert found.about is Subject.YOUTH
    assert found.group == GROUP
    assert found.since == DAYS[3]
    assert found.attention == WORKERS
    assert "2 sessions" in found.message
    assert found.message.id.startswith("absent from the last session")


def test_one_absence_fewer_makes_no_signal() -> None:
    """N-1 absences in a row are not a signal: the day before the second one, and with a
    threshold of three."""
    road = [*member_of("y-a"), *present("y-a", 0, 1, 2), *absent("y-a", 3, 4)]
    assert of(run(road, DAYS[4] - DAY), SignalKind.ABSENCES) == []
    assert of(run(road, DAYS[4], absences=3), SignalKind.ABSENCES) == []
    longer = [*road, *absent("y-a", 5)]
    (found,) = of(run(longer, DAYS[5], absences=3), SignalKind.ABSENCES)
    assert found.since == DAYS[3]


def test_a_longer_run_counts_from_its_first_absence() -> None:
    """A run longer than the threshold keeps its start: since is the first absence of it."""
    road = [*member_of("y-a"), *present("y-a", 0), *absent("y-a", 1, 2, 3, 4)]
    (found,) = of(run(road, DAYS[4]), SignalKind.ABSENCES)
    assert found.since == DAYS[1]
    assert "4 sessions" in found.message


@pytest.mark.parametrize("status", [AttendanceStatus.LATE, AttendanceStatus.EXCUSED])
def test_late_or_excused_breaks_the_run(status: AttendanceStatus) -> None:
    """A session recorded late or excused is not an absence: the run starts again after it."""
    broken = [*member_of("y-a"), *absent("y-a", 2), at("y-a", 3, status), *absent("y-a", 4)]
    assert of(run(broken, DAYS[4]), SignalKind.ABSENCES) == []
    again = [*broken, *absent("y-a", 5)]
    (found,) = of(run(again, DAYS[5]), SignalKind.ABSENCES)
    assert found.since == DAYS[4]


def test_a_session_not_recorded_breaks_the_run() -> None:
    """Only sessions recorded absent count: one with no record between two absences is not
    one of them."""
    road = [*member_of("y-a"), *absent("y-a", 2, 4)]
    assert of(run(road, DAYS[4]), SignalKind.ABSENCES) == []


def test_a_correction_wins() -> None:
    """The latest record of a session counts: an absence corrected to present is none, a
    presence corrected to absent is one."""
    road = [*member_of("y-a"), *absent("y-a", 3, 4)]
    corrected = [*road, *present("y-a", 4)]
    assert of(run(corrected, DAYS[4]), SignalKind.ABSENCES) == []
    back = [*corrected, *absent("y-a", 4)]
    assert len(of(run(back, DAYS[4]), SignalKind.ABSENCES)) == 1


def test_only_sessions_while_a_member_count() -> None:
    """Sessions before joining are not the youth's, nor those while out of the group: the
    run stops at joining and runs on over a time away."""
    late_joiner = [*member_of("y-b", joined=DAYS[3]), *absent("y-b", 3, 4)]
    (found,) = of(run(late_joiner, DAYS[4]), SignalKind.ABSENCES)
    assert (found.since, "2 sessions" in found.message) == (DAYS[3], True)
    away = [
        *member_of("y-c"),
        *present("y-c", 0, 1),
        *absent("y-c", 2),
        left("y-c", DAYS[3]),
        event(EventKind.PLACED, "y-c", DAYS[4], group=GROUP),
        event(EventKind.JOINED, "y-c", DAYS[5], group=GROUP),
        *absent("y-c", 5),
    ]
    (found,) = of(run(away, DAYS[5]), SignalKind.ABSENCES)
    assert found.since == DAYS[2]


def test_a_youth_who_left_has_no_absence_signal() -> None:
    """Signals about a youth are for members on the date: one who left is not called for."""
    road = [*member_of("y-a"), *absent("y-a", 3, 4), left("y-a", DAYS[4] + DAY)]
    assert of(run(road, DAYS[4]), SignalKind.ABSENCES) != []
    assert [s for s in run(road, DAYS[5]) if s.about is Subject.YOUTH] == []


def test_absences_after_the_date_are_ignored() -> None:
    """As of a date, a later absence does not count yet."""
    road = [*member_of("y-a"), *absent("y-a", 3, 4, 5)]
    (found,) = of(run(road, DAYS[4]), SignalKind.ABSENCES)
    assert "2 sessions" in found.message
    assert of(run(road, DAYS[3]), SignalKind.ABSENCES) == []


# -- an evaluation overdue ---------------------------------------------------------------------


def test_the_first_evaluation_is_due_weeks_after_the_first_evening() -> None:
    """With only the baseline of the intake, the clock starts at the first evening: the
    evaluation is overdue the day after evaluation_weeks have passed."""
    road = [*member_of("y-a"), assessed("y-a", START - WEEK, level=2)]
    due = START + dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
    assert of(run(road, due), SignalKind.EVALUATION_OVERDUE) == []
    (found,) = of(run(road, due + DAY), SignalKind.EVALUATION_OVERDUE)
    assert (found.who, found.since, found.attention) == ("y-a", due, WORKERS)
    assert "first evening" in found.message


def test_the_next_evaluation_is_due_weeks_after_the_last() -> None:
    """After an evaluation, the next is due evaluation_weeks after it; one after the date
    does not count."""
    last = dt.date(2021, 9, 14)
    due = last + dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
    road = [*member_of("y-a"), assessed("y-a", last, level=2)]
    assert of(run(road, due), SignalKind.EVALUATION_OVERDUE) == []
    (found,) = of(run(road, due + DAY), SignalKind.EVALUATION_OVERDUE)
    assert found.since == due
    held_later = [*road, assessed("y-a", due + WEEK, level=3)]
    assert of(run(held_later, due + DAY), SignalKind.EVALUATION_OVERDUE) == [found]
    assert of(run(held_later, due + WEEK), SignalKind.EVALUATION_OVERDUE) == []


def test_the_first_evening_is_the_first_session_from_joining() -> None:
    """A youth who joins between two sessions starts at the next one."""
    road = member_of("y-a", joined=START + DAY)
    due = DAYS[1] + dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
    assert of(run(road, due), SignalKind.EVALUATION_OVERDUE) == []
    (found,) = of(run(road, due + DAY), SignalKind.EVALUATION_OVERDUE)
    assert found.since == due


# -- no progress -------------------------------------------------------------------------------


def test_no_rise_over_the_last_three_evaluations() -> None:
    """Three assessments (the default) with no domain level higher at the last than at the
    first are a signal, since the first; two are not."""
    days = [START - WEEK, dt.date(2021, 8, 3), dt.date(2021, 10, 26)]
    road = [*member_of("y-a"), *(assessed("y-a", d, level=2) for d in days)]
    (found,) = of(run(road, days[2]), SignalKind.NO_PROGRESS)
    assert (found.since, found.attention) == (days[0], WORKERS)
    assert "3 evaluations" in found.message
    assert of(run(road, days[2] - DAY), SignalKind.NO_PROGRESS) == []
    (found,) = of(run(road, days[1], no_progress_over=2), SignalKind.NO_PROGRESS)
    assert found.since == days[0]


def test_a_rise_in_one_domain_is_progress() -> None:
    """One domain rated higher at the last of the evaluations than at the first is enough."""
    days = [START - WEEK, dt.date(2021, 8, 3), dt.date(2021, 10, 26)]
    risen = {**dict.fromkeys(DOMAINS, 2), DOMAINS[-1]: 3}
    road = [
        *member_of("y-a"),
        assessed("y-a", days[0], level=2),
        assessed("y-a", days[1], level=2),
        assessed("y-a", days[2], level=risen),
    ]
    assert of(run(road, days[2]), SignalKind.NO_PROGRESS) == []


def test_the_run_without_progress_starts_after_the_last_rise() -> None:
    """Levels 2, 3, 3, 3: no rise over the last three, since the second; a rise that is lost
    again (2, 3, 2) is no progress."""
    days = [dt.date(2021, 5, 4), dt.date(2021, 8, 3), dt.date(2021, 10, 26), dt.date(2022, 1, 18)]
    road = [
        *member_of("y-a"),
        *(assessed("y-a", d, level=v) for d, v in zip(days, [2, 3, 3, 3], strict=True)),
    ]
    (found,) = of(run(road, days[3]), SignalKind.NO_PROGRESS)
    assert found.since == days[1]
    lost = [
        *member_of("y-b"),
        *(assessed("y-b", d, level=v) for d, v in zip(days, [2, 3, 2], strict=False)),
    ]
    (found,) = of(run(lost, days[2]), SignalKind.NO_PROGRESS)
    assert found.since == days[0]


def test_a_domain_rated_for_the_first_time_is_no_rise() -> None:
    """A domain with no level at the first of the evaluations cannot have risen since."""
    first, second = DOMAINS[:2]
    days = [START - WEEK, dt.date(2021, 8, 3), dt.date(2021, 10, 26)]
    road = [
        *member_of("y-a"),
        assessed("y-a", days[0], level={first: 2}),
        assessed("y-a", days[1], level={first: 2, second: 3}),
        assessed("y-a", days[2], level={first: 2, second: 3}),
    ]
    assert len(of(run(road, days[2]), SignalKind.NO_PROGRESS)) == 1


def test_assessments_with_answers_only_are_not_evaluations_of_levels() -> None:
    """Only assessments with levels are compared: questionnaires between them do not count."""
    days = [START - WEEK, dt.date(2021, 8, 3), dt.date(2021, 10, 26)]
    road = [
        *member_of("y-a"),
        assessed("y-a", days[0], level=2),
        assessed("y-a", days[1], answers=LONELY),
        assessed("y-a", days[2], level=2),
    ]
    assert of(run(road, days[2]), SignalKind.NO_PROGRESS) == []


# -- ready to leave ----------------------------------------------------------------------------


def test_ready_to_leave_since_the_rule_is_met() -> None:
    """Every domain at level 4 and a complete DJG-6 out of the lonely range meet the rule,
    the latest answers counting with the latest levels; since is the assessment from which
    it holds."""
    days = [START - WEEK, dt.date(2021, 8, 3)]
    road = [
        *member_of("y-a"),
        assessed("y-a", days[0], level=3, answers=NOT_LONELY),
        assessed("y-a", days[1], level=4),
    ]
    assert of(run(road, days[1] - DAY), SignalKind.READY_TO_LEAVE) == []
    (found,) = of(run(road, days[1]), SignalKind.READY_TO_LEAVE)
    assert (found.who, found.since, found.attention) == ("y-a", days[1], WORKERS)


def test_ready_holds_from_the_assessment_after_the_last_gap() -> None:
    """Ready, then lonely, then ready again: since the last time it came back (and since
    the first, before the gap)."""
    days = [dt.date(2021, 5, 4), dt.date(2021, 8, 3), dt.date(2021, 10, 26)]
    road = [
        *member_of("y-a"),
        assessed("y-a", days[0], level=4, answers=NOT_LONELY),
        assessed("y-a", days[1], level=4, answers=LONELY),
        assessed("y-a", days[2], level=4, answers=NOT_LONELY),
    ]
    (found,) = of(run(road, days[2]), SignalKind.READY_TO_LEAVE)
    assert found.since == days[2]
    (found,) = of(run(road, days[1] - DAY), SignalKind.READY_TO_LEAVE)
    assert found.since == days[0]


@pytest.mark.parametrize(
    ("levels", "answers"),
    [
        ({**dict.fromkeys(DOMAINS, 4), DOMAINS[0]: 3}, NOT_LONELY),
        (dict.fromkeys(DOMAINS, 4), LONELY),
        (dict.fromkeys(DOMAINS, 4), {k: v for k, v in NOT_LONELY.items() if k != 1}),
        (dict.fromkeys(DOMAINS[1:], 4), NOT_LONELY),
        (dict.fromkeys(DOMAINS, 5), None),
    ],
    ids=["a-domain-below", "lonely", "an-answer-missing", "a-domain-unrated", "no-answers"],
)
def test_not_ready_with_a_gap(levels: dict[str, int], answers: dict[int, str] | None) -> None:
    """Each gap of the rule keeps the signal away."""
    road = [*member_of("y-a"), assessed("y-a", START, level=levels, answers=answers)]
    assert of(run(road, START), SignalKind.READY_TO_LEAVE) == []


def test_a_youth_ready_to_leave_is_not_said_to_make_no_progress() -> None:
    """Levels that stay at the rule's level are readiness, not a lack of progress."""
    days = [START - WEEK, dt.date(2021, 8, 3), dt.date(2021, 10, 26)]
    road = [*member_of("y-a"), *(assessed("y-a", d, level=4, answers=NOT_LONELY) for d in days)]
    found = run(road, days[2])
    assert [s.since for s in of(found, SignalKind.READY_TO_LEAVE)] == [days[0]]
    assert of(found, SignalKind.NO_PROGRESS) == []


# -- the size of a group -----------------------------------------------------------------------


def test_a_group_below_its_minimum_calls_its_workers_and_their_coach() -> None:
    """A started group with fewer members than its minimum is a group signal, for its
    workers and the coach of their training."""
    found = run(member_of("y-a"), START + DAY)
    (signal,) = of(found, SignalKind.BELOW_MINIMUM)
    assert (signal.who, signal.group, signal.about) == (GROUP, GROUP, Subject.GROUP)
    assert signal.since == START
    assert signal.attention == (*WORKERS, COACH)
    assert "1 member," in signal.message


def test_below_the_minimum_since_a_member_left() -> None:
    """Three members are enough (min_size 3); since is the day the third left."""
    road = [*member_of("y-a"), *member_of("y-b"), *member_of("y-c"), left("y-c", DAYS[3])]
    assert of(run(road, DAYS[3] - DAY), SignalKind.BELOW_MINIMUM) == []
    (found,) = of(run(road, DAYS[3]), SignalKind.BELOW_MINIMUM)
    assert found.since == DAYS[3]
    assert "2 members" in found.message


def test_no_group_signal_before_the_group_starts_or_after_it_ends() -> None:
    """A group that has not started, or has ended, is not counted."""
    road = [*member_of("y-a")]
    assert of(run(road, START - DAY), SignalKind.BELOW_MINIMUM) == []
    ended = _with_group(end_date=DAYS[5])
    assert len(of(run(road, DAYS[5], program=ended), SignalKind.BELOW_MINIMUM)) == 1
    assert of(run(road, DAYS[5] + DAY, program=ended), SignalKind.BELOW_MINIMUM) == []


def test_a_group_above_its_capacity() -> None:
    """More members than the capacity: a signal since the day the one too many joined, gone
    when one leaves."""
    small = _with_group(capacity=3, min_size=1)
    road = [
        *member_of("y-a"),
        *member_of("y-b"),
        *member_of("y-c"),
        *member_of("y-d", joined=DAYS[2]),
        left("y-a", DAYS[4]),
    ]
    assert of(run(road, DAYS[2] - DAY, program=small), SignalKind.ABOVE_CAPACITY) == []
    (found,) = of(run(road, DAYS[3], program=small), SignalKind.ABOVE_CAPACITY)
    assert (found.since, found.who) == (DAYS[2], GROUP)
    assert "4 members" in found.message
    assert of(run(road, DAYS[4], program=small), SignalKind.ABOVE_CAPACITY) == []


def test_the_groups_to_count_can_be_named() -> None:
    """By default the groups the events name are counted; a named group with no events is
    counted too, with no members since its start."""
    road = member_of("y-a")
    as_of = dt.date(2021, 6, 1)
    assert {s.who for s in of(run(road, as_of), SignalKind.BELOW_MINIMUM)} == {GROUP}
    (found,) = of(run(road, as_of, groups=[BASE]), SignalKind.BELOW_MINIMUM)
    assert (found.who, found.since) == (BASE, NOORDWIJK.group(BASE).start_date)
    assert "0 members" in found.message


def test_the_coach_who_trained_the_workers_elsewhere() -> None:
    """A worker trained elsewhere names their coach by trained_by; with no coach known the
    workers alone are called."""
    elsewhere = without_trainings(NOORDWIJK)
    (found,) = of(run(member_of("y-a"), START, program=elsewhere), SignalKind.BELOW_MINIMUM)
    assert found.attention == (*WORKERS, COACH)
    unknown = attrs.evolve(NOORDWIJK, trainings=())
    (found,) = of(run(member_of("y-a"), START, program=unknown), SignalKind.BELOW_MINIMUM)
    assert found.attention == WORKERS


def _with_group(**changes: object) -> Program:
    groups = tuple(
        attrs.evolve(g, **changes) if g.id == GROUP else g  # type: ignore[arg-type]
        for g in NOORDWIJK.groups
    )
    return attrs.evolve(NOORDWIJK, groups=groups)


# -- waiting -----------------------------------------------------------------------------------


def waiting(youth: str, day: dt.date, kind: EventKind = EventKind.WAITLISTED) -> list[Event]:
    return [
        *member_of(youth, joined=day + WEEK)[:4],
        event(kind, youth, day, group=GROUP),
    ]


def test_waiting_longer_than_six_weeks() -> None:
    """On the waiting list longer than six weeks (the default): a signal since the day the
    wait began, for the workers of the group waited for."""
    began = dt.date(2021, 5, 4)
    road = waiting("y-w", began)
    limit = began + dt.timedelta(weeks=6)
    assert of(run(road, limit), SignalKind.WAITING) == []
    (found,) = of(run(road, limit + DAY), SignalKind.WAITING)
    assert (found.who, found.group, found.since, found.attention) == ("y-w", GROUP, began, WORKERS)
    assert "waiting list" in found.message
    assert (
        len(
            of(
                run(road, began + dt.timedelta(weeks=2, days=1), waiting_weeks=2),
                SignalKind.WAITING,
            )
        )
        == 1
    )


def test_placed_without_joining_waits_on_from_the_waiting_list() -> None:
    """A youth placed after the waiting list still waits since the waiting list; joining or
    leaving the programme ends the wait."""
    began = dt.date(2021, 5, 4)
    road = [*waiting("y-w", began), event(EventKind.PLACED, "y-w", began + 3 * WEEK, group=GROUP)]
    as_of = began + 7 * WEEK
    (found,) = of(run(road, as_of), SignalKind.WAITING)
    assert found.since == began
    assert "placed" in found.message
    joined = [*road, event(EventKind.JOINED, "y-w", as_of, group=GROUP)]
    assert of(run(joined, as_of), SignalKind.WAITING) == []
    exited = [
        *waiting("y-x", began),
        event(EventKind.EXITED, "y-x", as_of, reason=ExitReason.MOVED),
    ]
    assert of(run(exited, as_of), SignalKind.WAITING) == []


def test_a_new_wait_after_leaving_a_group() -> None:
    """A youth who left a group and waits for another waits since the new waiting list."""
    again = dt.date(2021, 9, 1)
    road = [
        *member_of("y-a"),
        left("y-a", DAYS[3]),
        event(EventKind.WAITLISTED, "y-a", again, group=BASE),
    ]
    (found,) = of(run(road, again + 7 * WEEK), SignalKind.WAITING)
    assert (found.since, found.group) == (again, BASE)
    assert found.attention == NOORDWIJK.group(BASE).workers


# -- the entry point ---------------------------------------------------------------------------


def test_signals_are_sorted_by_since_then_who() -> None:
    """Sorted by since, then who: the youth or group named."""
    road = [
        *member_of("y-b"),
        *member_of("y-a"),
        *absent("y-b", 3, 4),
        *absent("y-a", 3, 4),
        *waiting("y-w", START),
    ]
    found = run(road, DAYS[4] + DAY)
    keys = [(s.since, s.who) for s in found]
    assert keys == sorted(keys)
    assert [s.who for s in found] == [GROUP, "y-w", "y-a", "y-b"]


def test_plans_can_be_given_one_by_one() -> None:
    """The plans of the groups may be given as a list of series plans."""
    road = [*member_of("y-a"), *absent("y-a", 3, 4)]
    assert signals(road, NOORDWIJK, list(PLAN.plans), FRAMEWORK, DAYS[4]) == run(road, DAYS[4])


def test_a_group_without_a_plan_has_no_sessions_to_miss() -> None:
    """Without the group's plan, no session is missed and the first evening is the day of
    joining."""
    road = [*member_of("y-a"), *absent("y-a", 3, 4)]
    others = [p for p in PLAN.plans if p.series.id != GROUP]
    due = START + dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
    found = signals(road, NOORDWIJK, others, FRAMEWORK, due + DAY)
    assert of(found, SignalKind.ABSENCES) == []
    assert [s.since for s in of(found, SignalKind.EVALUATION_OVERDUE)] == [due]


@pytest.mark.parametrize(
    "options",
    [{"absences": 0}, {"no_progress_over": 1}, {"waiting_weeks": -1}, {"absences": "2"}],
)
def test_thresholds_out_of_range_are_refused(options: dict[str, Any]) -> None:
    """A threshold that cannot make sense raises the library's InvalidValue."""
    with pytest.raises(InvalidValue):
        run(member_of("y-a"), START, **options)


def test_the_default_thresholds() -> None:
    """Two absences, three evaluations, six weeks."""
    assert attrs.astuple(SignalOptions()) == (2, 3, 6)


def test_the_date_must_be_a_date() -> None:
    """A date-time is not a date: comparing it with the days of events would fail."""
    with pytest.raises(InvalidValue, match="as_of"):
        run(member_of("y-a"), dt.datetime(2021, 6, 1, tzinfo=dt.UTC))


def test_levels_the_framework_refuses() -> None:
    """A level of a domain the framework does not have raises the library's InvalidValue
    when the leaving rule is checked."""
    road = [
        *member_of("y-a"),
        assessed("y-a", START, level={**dict.fromkeys(DOMAINS, 4), "onbekend-domein": 4}),
    ]
    with pytest.raises(InvalidValue, match="onbekend-domein"):
        run(road, START)


def test_a_group_unknown_to_the_program() -> None:
    """A member of a group the program does not have raises UnknownId."""
    with pytest.raises(UnknownId, match="groep-onbekend"):
        run(member_of("y-a", group="groep-onbekend"), START)


# -- properties --------------------------------------------------------------------------------

SMALL = _with_group(capacity=2, min_size=1)
"""The seed program with room for two in GROUP, so that it overflows."""
FIRST_DAY = dt.date(2021, 4, 1)
days = st.integers(0, 450).map(lambda n: FIRST_DAY + dt.timedelta(days=n))
statuses = st.sampled_from([None, *AttendanceStatus, AttendanceStatus.ABSENT])
levels = st.one_of(
    st.integers(3, 5).map(lambda v: dict.fromkeys(DOMAINS, v)),
    st.dictionaries(st.sampled_from(DOMAINS), st.integers(1, 5), min_size=1),
)
answer_sets = st.sampled_from([None, NOT_LONELY, LONELY])


@st.composite
def roads(draw: st.DrawFn) -> list[Event]:
    """The roads of a few youths through the two seed groups: waiting, or joined with
    attendance and assessments, and perhaps left."""
    events: list[Event] = []
    for n in range(draw(st.integers(1, 4))):
        youth = f"y-{n}"
        group = draw(st.sampled_from([GROUP, BASE]))
        placed = draw(days)
        road = member_of(youth, joined=placed + WEEK, group=group)[:4]
        road.append(
            event(
                draw(st.sampled_from([EventKind.WAITLISTED, EventKind.PLACED])),
                youth,
                placed,
                group=group,
            )
        )
        if draw(st.booleans()):
            joined = placed + dt.timedelta(days=draw(st.integers(0, 60)))
            road.append(event(EventKind.PLACED, youth, joined, group=group))
            road.append(event(EventKind.JOINED, youth, joined, group=group))
            sessions = [s for s in PLAN.plan(group).sessions if s.day >= joined]
            marks = draw(st.lists(statuses, min_size=len(sessions), max_size=len(sessions)))
            for session, status in zip(sessions, marks, strict=True):
                if status is not None:
                    road.append(
                        event(
                            EventKind.ATTENDED,
                            youth,
                            session.day,
                            group=group,
                            session_uid=session.uid,
                            status=status,
                        )
                    )
            for _ in range(draw(st.integers(0, 4))):
                day = joined + dt.timedelta(days=draw(st.integers(-7, 300)))
                road.append(assessed(youth, day, level=draw(levels), answers=draw(answer_sets)))
            if draw(st.booleans()):
                road.append(
                    left(youth, joined + dt.timedelta(days=draw(st.integers(1, 300))), group)
                )
        events.extend(road)
    return events


@st.composite
def later(draw: st.DrawFn, as_of: dt.date, youths: list[str]) -> list[Event]:
    """Events of any youth, a new one too, that occur after *as_of*."""
    found: list[Event] = []
    for _ in range(draw(st.integers(1, 8))):
        youth = draw(st.sampled_from([*youths, "y-later"]))
        day = as_of + dt.timedelta(days=draw(st.integers(1, 200)))
        group = draw(st.sampled_from([GROUP, BASE]))
        session = draw(st.sampled_from(PLAN.plan(group).sessions))
        found.append(
            draw(
                st.sampled_from(
                    [
                        event(
                            EventKind.ATTENDED,
                            youth,
                            day,
                            group=group,
                            session_uid=session.uid,
                            status=AttendanceStatus.ABSENT,
                        ),
                        assessed(youth, day, level=4, answers=NOT_LONELY),
                        left(youth, day, group),
                        event(EventKind.JOINED, youth, day, group=group),
                        event(EventKind.WAITLISTED, youth, day, group=group),
                        event(EventKind.EXITED, youth, day, reason=ExitReason.OTHER),
                    ]
                )
            )
        )
    return found


@given(data=st.data(), events=roads())
def test_signals_name_only_whom_the_events_name_and_ignore_later_events(
    data: st.DataObject, events: list[Event]
) -> None:
    """Every signal names a youth with an event by the date, or a group the events name; it
    began by the date and calls people of the program; and events after the date, wherever
    they stand in the list, change nothing."""
    as_of = data.draw(st.one_of(days, st.sampled_from(sorted({e.occurred for e in events}))))
    program = data.draw(st.sampled_from([NOORDWIJK, SMALL]))
    found = run(events, as_of, program=program)
    youths = {e.youth for e in events if e.occurred <= as_of}
    groups = {e.group for e in events if e.occurred <= as_of and e.group is not None}
    people = {w.id for w in NOORDWIJK.workers} | {c.id for c in NOORDWIJK.coaches}
    for signal in found:
        assert signal.who in (youths if signal.about is Subject.YOUTH else groups)
        assert signal.group in groups
        assert signal.since <= as_of
        assert signal.attention
        assert set(signal.attention) <= people
    keys = [(s.since, s.who) for s in found]
    assert keys == sorted(keys)
    more = data.draw(later(as_of, sorted({e.youth for e in events})))
    assert run([*events, *more], as_of, program=program) == found
    assert run([*more, *events], as_of, program=program) == found
