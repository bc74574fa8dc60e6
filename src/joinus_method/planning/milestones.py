"""A youth's personal milestones, each on a real session date of their group."""

from __future__ import annotations

import bisect
import datetime as dt
import enum

import attrs

from joinus_method.model.framework import ProgressFramework

from .schedule import PlannedSession, PlanningError, SeriesPlan

__all__ = ["Milestone", "MilestoneKind", "youth_milestones"]


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
    sessions = plan.sessions
    days = [s.day for s in sessions]

    def on_or_after(day: dt.date, what: str) -> PlannedSession:
        i = bisect.bisect_left(days, day)
        if i == len(sessions):
            raise PlanningError(
                f"the plan of {plan.series.id!r} ends before the {what} (on or after {day})"
            )
        return sessions[i]

    first = on_or_after(joined, "first evening")
    before = bisect.bisect_left(days, first.day) - 1
    intake = sessions[before] if before >= 0 else first
    if leaves is not None:
        last = bisect.bisect_left(days, leaves) - 1
        if last < 0 or sessions[last].day < first.day:
            raise PlanningError(f"the youth leaves on {leaves}, before their first evening")
        exit_session = sessions[last]
    else:
        exit_session = on_or_after(first.day + dt.timedelta(weeks=stay_weeks), "exit")
    result = [
        Milestone(MilestoneKind.INTAKE, intake.day, intake.uid),
        Milestone(MilestoneKind.BASELINE, first.day, first.uid),
    ]
    step = dt.timedelta(weeks=framework.evaluation_weeks)
    target = first.day + step
    seen = {first.day}
    number = 0
    while target < exit_session.day:
        session = on_or_after(target, "evaluation")
        if session.day >= exit_session.day:
            break
        if session.day not in seen:
            number += 1
            seen.add(session.day)
            result.append(Milestone(MilestoneKind.EVALUATION, session.day, session.uid, number))
        target += step
    result.append(Milestone(MilestoneKind.EXIT, exit_session.day, exit_session.uid))
    weeks = framework.evaluation_weeks if follow_up_weeks is None else follow_up_weeks
    follow = on_or_after(exit_session.day + dt.timedelta(weeks=weeks), "follow-up")
    result.append(Milestone(MilestoneKind.FOLLOW_UP, follow.day, follow.uid))
    return tuple(result)
