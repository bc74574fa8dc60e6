"""A youth's personal milestones, each on a real session date of their group."""

from __future__ import annotations

import bisect
import datetime as dt
import enum

import attrs

from joinus_method.messages import Message, msg
from joinus_method.model.framework import ProgressFramework

from .schedule import PlannedSession, PlanningError, SeriesPlan

__all__ = ["Milestone", "MilestoneKind", "youth_milestones"]

# The milestones a plan may end before, as said in a message.
_FIRST_EVENING = msg("the first evening")
_EVALUATION = msg("the evaluation")
_EXIT = msg("the exit")
_FOLLOW_UP = msg("the follow-up")


class MilestoneKind(enum.StrEnum):
    """The steps of a youth's road through a group."""

    INTAKE = "intake"
    BASELINE = "baseline"
    EVALUATION = "evaluation"
    EXIT = "exit"
    FOLLOW_UP = "follow-up"


@attrs.frozen
class Milestone:
    """One step of a youth's road, on the date of a group session."""

    kind: MilestoneKind
    day: dt.date
    session_uid: str
    number: int = 0
    """For evaluations: 1 for the first, 2 for the second, and so on."""


def youth_milestones(
    plan: SeriesPlan,
    joined: dt.date,
    framework: ProgressFramework,
    *,
    leaves: dt.date | None = None,
    stay_weeks: int = 52,
    follow_up_weeks: int | None = None,
) -> tuple[Milestone, ...]:
    """The milestones of a youth who joins the group of *plan* on *joined*.

    - intake: at the last session before the first evening (a youth who starts with the
      group has the intake on the first evening, before it begins);
    - baseline: at the first evening on or after *joined*;
    - evaluations: at the first session on or after every ``framework.evaluation_weeks``
      weeks from the baseline, while the youth is in the group;
    - exit: at the last session before *leaves*, or, when not known, at the first session
      on or after *stay_weeks* weeks (a youth stays about a year);
    - follow-up: at the first session *follow_up_weeks* weeks after the exit (by default
      the framework's evaluation interval).

    Raises :class:`~joinus_method.schedule.PlanningError` when the plan does not reach a
    milestone: plan further ahead.
    """
    road = _Sessions(plan)
    first = road.on_or_after(joined, _FIRST_EVENING)
    intake = road.before(first)
    exit_session = road.exit(first, leaves, stay_weeks)
    evaluations = road.evaluations(first, exit_session, framework.evaluation_weeks)
    weeks = framework.evaluation_weeks if follow_up_weeks is None else follow_up_weeks
    follow = road.on_or_after(exit_session.day + dt.timedelta(weeks=weeks), _FOLLOW_UP)
    return (
        Milestone(MilestoneKind.INTAKE, intake.day, intake.uid),
        Milestone(MilestoneKind.BASELINE, first.day, first.uid),
        *evaluations,
        Milestone(MilestoneKind.EXIT, exit_session.day, exit_session.uid),
        Milestone(MilestoneKind.FOLLOW_UP, follow.day, follow.uid),
    )


class _Sessions:
    """The sessions of one group's plan, found by date."""

    def __init__(self, plan: SeriesPlan) -> None:
        self.plan = plan
        self.sessions = plan.sessions
        self.days = [s.day for s in self.sessions]

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

    def before(self, first: PlannedSession) -> PlannedSession:
        """The session before *first*, or *first* itself when the group starts with it."""
        before = bisect.bisect_left(self.days, first.day) - 1
        return self.sessions[before] if before >= 0 else first

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

    def evaluations(
        self, first: PlannedSession, exit_session: PlannedSession, every_weeks: int
    ) -> list[Milestone]:
        """An evaluation every *every_weeks* weeks from *first*, before *exit_session*."""
        step = dt.timedelta(weeks=every_weeks)
        target = first.day + step
        # Two targets can land on one session after a long closure: it counts once.
        seen = {first.day}
        found: list[Milestone] = []
        while target < exit_session.day:
            session = self.on_or_after(target, _EVALUATION)
            if session.day >= exit_session.day:
                break
            if session.day not in seen:
                seen.add(session.day)
                found.append(
                    Milestone(MilestoneKind.EVALUATION, session.day, session.uid, len(found) + 1)
                )
            target += step
        return found
