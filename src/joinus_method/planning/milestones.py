"""A youth's personal milestones, each on a real session date of their group."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Sequence

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import Message, msg
from joinus_method.model.curriculum import SegmentKind
from joinus_method.model.framework import ProgressFramework

from .schedule import PlannedSession, PlanningError, SeriesPlan

__all__ = ["Joining", "Milestone", "MilestoneKind", "group_milestones", "youth_milestones"]

# The milestones a plan may end before, as said in a message.
_FIRST_EVENING = msg("the first evening")
_EXIT = msg("the exit")
_FOLLOW_UP = msg("the follow-up")


class MilestoneKind(enum.StrEnum):
    """The steps of a youth's road through a group."""

    INTAKE = "intake"
    BASELINE = "baseline"
    FIRST_EVENING = "first-evening"
    EVALUATION = "evaluation"
    EXIT = "exit"
    FOLLOW_UP = "follow-up"


@attrs.frozen
@shared_repr
class Milestone:
    """One step of a youth's road: on the date of a group session (``session_uid``), or, for
    the intake and the baseline taken there, on a meeting of its own (``session_uid`` empty)."""

    kind: MilestoneKind
    day: dt.date
    session_uid: str
    number: int = 0
    """For evaluations: 1 for the first, 2 for the second, and so on."""
    due: dt.date | None = None
    """For evaluations: the day it fell due; ``day`` is the first evening from then with room."""


@attrs.frozen
@shared_repr
class Joining:
    """A youth who joins a group on *joined* (the day they may start: their first evening
    is the group's first session on or after it), and leaves on *leaves* when known."""

    youth: str
    joined: dt.date
    leaves: dt.date | None = None


def youth_milestones(
    plan: SeriesPlan,
    joined: dt.date,
    framework: ProgressFramework,
    *,
    leaves: dt.date | None = None,
    stay_weeks: int = 52,
    follow_up_weeks: int | None = None,
) -> tuple[Milestone, ...]:
    """The milestones of a youth who joins the group of *plan* on *joined*, alone:

    - intake, with the baseline taken there: a meeting of its own
      ``framework.intake_weeks`` weeks before the first evening (for a founding member,
      before the group starts);
    - first evening: the first session on or after *joined*;
    - evaluations: due every ``framework.evaluation_weeks`` weeks from the first evening,
      each at the first session on or after its due date that has a one-to-one segment
      with room for a talk (``framework.talk_minutes``), while the youth is in the group;
    - exit: at the last session before *leaves*, or, when not known, at the first session
      on or after *stay_weeks* weeks (a youth stays about a year);
    - follow-up: at the first session *follow_up_weeks* weeks after the exit (by default
      the framework's evaluation interval).

    Raises :class:`~joinus_method.planning.schedule.PlanningError` when the plan does not
    reach a milestone: plan further ahead. For the youths of a whole group, whose
    evaluations share the evenings' room for talks, use :func:`group_milestones`.
    """
    joining = Joining("", joined, leaves)
    found = group_milestones(
        plan, [joining], framework, stay_weeks=stay_weeks, follow_up_weeks=follow_up_weeks
    )
    return found[""]


def group_milestones(
    plan: SeriesPlan,
    youths: Sequence[Joining],
    framework: ProgressFramework,
    *,
    stay_weeks: int = 52,
    follow_up_weeks: int | None = None,
) -> dict[str, tuple[Milestone, ...]]:
    """The milestones of every youth of *youths* in the group of *plan*, by youth.

    Each youth's road is as :func:`youth_milestones` says, and the evaluations of all of
    them share the evenings: an evening holds at most as many evaluations as its one-to-one
    segments have room for (their minutes over ``framework.talk_minutes``). Evaluations are
    placed in the order they fall due (a tie in the order of *youths*), each at the first
    evening on or after its due date that still has room; one that finds no room before the
    youth's exit is left to the exit.
    """
    road = _Sessions(plan, framework.talk_minutes)
    weeks = framework.evaluation_weeks if follow_up_weeks is None else follow_up_weeks
    starts: dict[str, tuple[PlannedSession, PlannedSession]] = {}
    due: list[tuple[dt.date, int, int, str]] = []
    for order, youth in enumerate(youths):
        first = road.on_or_after(youth.joined, _FIRST_EVENING)
        exit_session = road.exit(first, youth.leaves, stay_weeks)
        starts[youth.youth] = (first, exit_session)
        step = dt.timedelta(weeks=framework.evaluation_weeks)
        k = 1
        while (day := first.day + k * step) < exit_session.day:
            due.append((day, order, k, youth.youth))
            k += 1
    evaluations: dict[str, list[Milestone]] = {y.youth: [] for y in youths}
    for day, _, _, who in sorted(due):
        _, exit_session = starts[who]
        found = evaluations[who]
        session = road.room_on_or_after(day, exit_session.day, found[-1].day if found else None)
        if session is not None:
            found.append(
                Milestone(
                    MilestoneKind.EVALUATION, session.day, session.uid, len(found) + 1, due=day
                )
            )
    result: dict[str, tuple[Milestone, ...]] = {}
    for youth in youths:
        first, exit_session = starts[youth.youth]
        intake = first.day - dt.timedelta(weeks=framework.intake_weeks)
        follow = road.on_or_after(exit_session.day + dt.timedelta(weeks=weeks), _FOLLOW_UP)
        result[youth.youth] = (
            Milestone(MilestoneKind.INTAKE, intake, ""),
            Milestone(MilestoneKind.BASELINE, intake, ""),
            Milestone(MilestoneKind.FIRST_EVENING, first.day, first.uid),
            *evaluations[youth.youth],
            Milestone(MilestoneKind.EXIT, exit_session.day, exit_session.uid),
            Milestone(MilestoneKind.FOLLOW_UP, follow.day, follow.uid),
        )
    return result


class _Sessions:
    """The sessions of one group's plan, found by date, with the room each has for talks."""

    def __init__(self, plan: SeriesPlan, talk_minutes: int) -> None:
        self.plan = plan
        self.sessions = plan.sessions
        self.days = [s.day for s in self.sessions]
        self.room = [
            sum(g.minutes for g in s.session.segments if g.kind is SegmentKind.ONE_TO_ONE)
            // talk_minutes
            for s in self.sessions
        ]

    def on_or_after(self, day: dt.date, what: Message) -> PlannedSession:
        """The first session on or after *day*, for the milestone *what* ("the exit")."""
        i = bisect.bisect_left(self.days, day)
        if i == len(self.sessions):
            raise PlanningError(
                msg(
                    "the plan of {series!r} ends before {what} (on or after {day})",
                    series=self.plan.series.id,
                    what=what,
                    day=day,
                )
            )
        return self.sessions[i]

    def room_on_or_after(
        self, day: dt.date, before: dt.date, last: dt.date | None
    ) -> PlannedSession | None:
        """The first session from *day* and before *before* with room for a talk left, its
        room then one less; None when there is none, or when it is not after *last* (the
        youth's evaluation before: two due dates that meet after a long closure count
        once)."""
        i = bisect.bisect_left(self.days, day)
        while i < len(self.sessions) and self.days[i] < before:
            if self.room[i] > 0:
                if last is not None and self.days[i] <= last:
                    return None
                self.room[i] -= 1
                return self.sessions[i]
            i += 1
        return None

    def exit(
        self, first: PlannedSession, leaves: dt.date | None, stay_weeks: int
    ) -> PlannedSession:
        """The last session before *leaves*, or the first after a stay of *stay_weeks*."""
        if leaves is None:
            return self.on_or_after(first.day + dt.timedelta(weeks=stay_weeks), _EXIT)
        last = bisect.bisect_left(self.days, leaves) - 1
        if last < 0 or self.sessions[last].day < first.day:
            raise PlanningError(
                msg("the youth leaves on {leaves}, before their first evening", leaves=leaves)
            )
        return self.sessions[last]
