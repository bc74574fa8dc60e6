"""The personal moments of a planned evening: who is welcomed, evaluated, said goodbye to.

Memberships come from the JOINED and LEFT events of the store; the evenings the moments fall
on come from the group's plan and :func:`~joinus_method.planning.milestones.group_milestones`,
so an evening never holds more evaluations than its one-to-one part has room for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import UnknownId
from joinus_method.messages import msg
from joinus_method.model.framework import ProgressFramework
from joinus_method.model.youths import Membership
from joinus_method.planning.milestones import Joining, MilestoneKind, group_milestones
from joinus_method.planning.schedule import PlannedSession, SeriesPlan

from .events import Event, EventKind
from .journey import EventRefused

__all__ = ["Agenda", "agenda", "memberships", "session_on"]


@attrs.frozen
@shared_repr
class Agenda:
    """The personal moments of one planned evening, by youth (pseudonyms)."""

    session: PlannedSession
    joins: tuple[str, ...]
    """Youths whose first evening it is: welcome them."""
    evaluations: tuple[str, ...]
    """Youths whose evaluation falls on it, in the one-to-one part."""
    leaves: tuple[str, ...]
    """Youths whose last evening it is: say goodbye."""


def memberships(events: Iterable[Event]) -> list[Membership]:
    """The memberships the JOINED and LEFT events of *events* make, in the order joined."""
    found: list[Membership] = []
    open_: dict[tuple[str, str], int] = {}
    for event in events:
        key = (event.youth, event.group or "")
        if event.kind is EventKind.JOINED:
            open_[key] = len(found)
            found.append(Membership(event.youth, event.group or "", event.occurred))
        elif event.kind is EventKind.LEFT and key in open_:
            index = open_.pop(key)
            found[index] = attrs.evolve(found[index], left=event.occurred)
    return found


def agenda(
    plan: SeriesPlan,
    session_uid: str,
    events: Iterable[Event],
    framework: ProgressFramework,
    *,
    stay_weeks: int = 52,
) -> Agenda:
    """The agenda of personal moments of the planned evening *session_uid* of *plan*.

    The plan must reach every youth's milestones (plan a year and a quarter past the last
    joining); raises :class:`~joinus_method.planning.schedule.PlanningError` otherwise.
    """
    session = next((s for s in plan.sessions if s.uid == session_uid), None)
    if session is None:
        raise UnknownId(msg("planned session"), session_uid)
    joinings = [
        Joining(m.youth, m.joined, m.left) for m in memberships(events) if m.group == plan.series.id
    ]
    roads = group_milestones(plan, joinings, framework, stay_weeks=stay_weeks)
    moments: dict[MilestoneKind, list[str]] = {
        MilestoneKind.FIRST_EVENING: [],
        MilestoneKind.EVALUATION: [],
        MilestoneKind.EXIT: [],
    }
    for youth, road in roads.items():
        for m in road:
            if m.session_uid == session_uid and m.kind in moments:
                moments[m.kind].append(youth)
    return Agenda(
        session,
        tuple(moments[MilestoneKind.FIRST_EVENING]),
        tuple(moments[MilestoneKind.EVALUATION]),
        tuple(moments[MilestoneKind.EXIT]),
    )


def session_on(plan: SeriesPlan, day: dt.date, event: Event) -> PlannedSession:
    """The session of *plan* on *day*, for attendance given by group and date; refuses
    *event* when the group does not meet that day."""
    for s in plan.sessions:
        if s.day == day:
            return s
    raise EventRefused(
        msg("group {group!r} does not meet on {day}", group=plan.series.id, day=day), event
    )
