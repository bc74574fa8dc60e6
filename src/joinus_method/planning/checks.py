"""What is wrong with a program's calendar before it is planned.

A plan shows a clash as skipped slots; when two groups share a worker or a venue at the same
time on the same grid, every slot of the later one is lost. These rules are checked on the
program and its curricula alone, so ``joinus check`` reports them with the lines they concern.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import Problem
from joinus_method.messages import msg, msg_n
from joinus_method.model.curriculum import Curriculum
from joinus_method.model.program import Group, Program

from .closures import ClosureCalendar
from .schedule import minute_of_day, trained_on_differs, training_ends

__all__ = ["program_problems", "recurring_clashes", "training_problems"]


def program_problems(
    program: Program, curricula: Mapping[str, Curriculum], calendar: ClosureCalendar | None = None
) -> list[Problem]:
    """Every calendar rule *program* breaks whatever the dates: clashes that recur on every
    slot, and ``trained_on`` dates that differ from the end of the worker's training."""
    return recurring_clashes(program, curricula) + training_problems(program, curricula, calendar)


def training_problems(
    program: Program, curricula: Mapping[str, Curriculum], calendar: ClosureCalendar | None = None
) -> list[Problem]:
    """A problem for each worker whose ``trained_on`` is not the day their cohort ends."""
    if program.curricula.training not in curricula:
        return []
    ends = training_ends(program, curricula, calendar)
    problems = []
    for i, worker in enumerate(program.workers):
        cohort = ends.get(worker.id)
        if cohort is not None and worker.trained_on not in (None, cohort[0]):
            assert worker.trained_on is not None
            message = trained_on_differs(worker.id, worker.trained_on, *cohort)
            problems.append(Problem(message, ("workers", i, "trained_on")))
    return problems


@attrs.frozen
@shared_repr
class _Slot:
    """When a group meets, as far as a clash is concerned."""

    index: int
    group: Group
    step: int
    """Days between two slots."""
    begin: int
    """Minutes after midnight the sessions start."""
    end: int
    """Minutes after midnight the shortest session ends."""

    def meets_whenever(self, other: _Slot) -> bool:
        """Whether every slot of this group falls on a slot of *other* while both run."""
        a, b = self.group, other.group
        ends = [g.end_date for g in (a, b) if g.end_date is not None]
        return (
            max(a.start_date, b.start_date) <= min(ends, default=dt.date.max)
            and a.weekday is b.weekday
            and self.step % other.step == 0
            and (a.start_date - b.start_date).days % other.step == 0
        )

    def overlaps(self, other: _Slot) -> bool:
        """Whether the sessions of the two groups overlap in time of day."""
        return self.begin < other.end and other.begin < self.end


def recurring_clashes(program: Program, curricula: Mapping[str, Curriculum]) -> list[Problem]:
    """A problem for each group that clashes on every one of its slots with groups listed
    before it (planned first): a worker of both, or a venue with no room left.

    Two groups clash on every slot when they meet on the same weekday, every slot of the
    later one falls on a slot of the earlier one, and even their shortest sessions overlap.
    """
    slots = []
    for i, group in enumerate(program.groups):
        cur = curricula.get(group.curriculum or program.curricula.groups)
        if cur is None or cur.even_gap is None:
            continue
        begin = minute_of_day(group.start_time)
        slots.append(_Slot(i, group, cur.even_gap.days, begin, begin + min(cur.lengths)))
    rooms = {v.id: v.rooms for v in program.venues}
    problems = []
    for n, later in enumerate(slots):
        earlier = [s for s in slots[:n] if later.meets_whenever(s) and later.overlaps(s)]
        for s in earlier:
            shared = [w for w in later.group.workers if w in s.group.workers]
            if shared:
                problems.append(_clash(later, s, worker=shared[0]))
                break
        else:
            taken = _venue_full(later, [s for s in earlier if s.group.venue == later.group.venue])
            if taken is not None and len(taken) >= rooms.get(later.group.venue, 1):
                problems.append(_clash(later, taken[-1], venue=later.group.venue))
    return problems


def _venue_full(later: _Slot, same_venue: list[_Slot]) -> list[_Slot] | None:
    """The groups using the venue at the busiest moment of *later*'s sessions."""
    moments = {later.begin, *(s.begin for s in same_venue if later.begin < s.begin < later.end)}
    busiest = max(
        ([s for s in same_venue if s.begin <= m < s.end] for m in sorted(moments)),
        key=len,
        default=None,
    )
    return busiest or None


def _clash(
    later: _Slot, earlier: _Slot, *, worker: str | None = None, venue: str | None = None
) -> Problem:
    """The clash of *later* with *earlier*: a *worker* of both, or else a *venue* with no
    room left."""
    a, b = later.group, earlier.group
    weeks = later.step // 7
    params = {
        "group": a.id,
        "weekday": a.weekday.label,
        "other": b.id,
        "since": max(a.start_date, b.start_date),
        "time": _time(later.begin),
        "cadence": msg_n("every week", "every {count} weeks", weeks),
    }
    if worker is not None:
        message = msg(
            "group {group!r} clashes at every session with group {other!r}, which is "
            "planned first, from {since}: worker {worker!r} guides both on {weekday} at "
            "{time}, {cadence}; move one of them to another day, time or week",
            worker=worker,
            **params,
        )
    else:
        message = msg(
            "group {group!r} clashes at every session with group {other!r}, which is "
            "planned first, from {since}: venue {venue!r} has no room left on {weekday} at "
            "{time}, {cadence}; move one of them to another day, time or week",
            venue=venue,
            **params,
        )
    return Problem(message, ("groups", later.index), related=("groups", earlier.index))


def _time(minutes: int) -> str:
    return dt.time(minutes // 60, minutes % 60).strftime("%H:%M")
