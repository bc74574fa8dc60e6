"""Planning sessions onto real dates: pure functions from a program to dated sessions.

The rules (each one a property test in ``tests/test_schedule.py``):

- **Grid**: a series' sessions fall on its weekday, on the grid start + k * cadence weeks
  (a phase may have its own cadence), at its local start time, the same wall-clock time
  across daylight-saving changes.
- **Closures**: a closed slot is skipped, with its reason, and the series continues on the
  next open grid slot; the curriculum order is kept and no session is lost.
- **Minimality**: no open grid slot is left unused between the first and the last session.
- **Conflicts**: no person leads or attends two overlapping sessions; no venue hosts more
  sessions at once than it has rooms. A clash is resolved by the skip rule or reported.
- **Chain precedence**: no group session is led by a worker before that worker's training ends.
- **Change**: a cancelled session moves, with the ones after it, to the next open slots;
  earlier sessions are untouched. Planning is deterministic.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .closures import Closure, ClosureCalendar
from .curriculum import Curriculum, Session
from .errors import JoinUsError, UnknownId

if TYPE_CHECKING:
    import zoneinfo

    from .program import Group, Program

__all__ = [
    "ClashMode",
    "PlannedSession",
    "PlanningError",
    "ProgramPlan",
    "Series",
    "SeriesKind",
    "SeriesPlan",
    "SkippedSlot",
    "Violation",
    "group_series",
    "plan_group",
    "plan_program",
    "plan_series",
]

MAX_SLOTS = 5000
"""Most grid slots one series may look at before planning gives up."""


class PlanningError(JoinUsError, ValueError):
    """A plan cannot be made from these inputs."""


class SeriesKind(enum.StrEnum):
    """What a series of sessions is."""

    GROUP = "group"
    TRAINING = "training"
    EVENT = "event"


class ClashMode(enum.StrEnum):
    """What planning several series together does with a clash."""

    SKIP = "skip"
    """Skip the clashing slot of the later series, as for a closure."""
    REPORT = "report"
    """Plan every series on its own and report each clash as a violation."""


@attrs.frozen
class Series:
    """What every session of one group, training cohort or event has in common."""

    id: str
    kind: SeriesKind
    title: str
    program: str
    curriculum: str
    start_time: dt.time
    zone: zoneinfo.ZoneInfo = attrs.field(eq=False, repr=False)
    venue: str | None
    leaders: tuple[str, ...]
    """The people who lead the sessions: the two workers of a group, the coach of a training."""
    participants: tuple[str, ...] = ()
    """People attending who must be free too: the workers in a training."""
    school_holidays: bool = True

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone who must be present."""
        return (*self.leaders, *self.participants)


@attrs.frozen
class PlannedSession:
    """One session of a series on a real date."""

    series: Series = attrs.field(repr=lambda s: repr(s.id))
    round: int
    """0 for the first pass through the curriculum, 1 when it started again, and so on."""
    number: int
    """Position of the session in the curriculum, from 1."""
    session: Session = attrs.field(repr=lambda s: repr(s.id))
    day: dt.date
    minutes: int

    @property
    def start(self) -> dt.datetime:
        """Start, time-zone aware, at the series' local start time."""
        return dt.datetime.combine(self.day, self.series.start_time, tzinfo=self.series.zone)

    @property
    def end(self) -> dt.datetime:
        """End, time-zone aware (same wall clock arithmetic as the start)."""
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def uid(self) -> str:
        """An identifier that stays the same when the session moves to another date."""
        s = self.series
        return f"{s.program}.{s.kind.value}.{s.id}.r{self.round}.{self.session.id}@joinus-method"

    @property
    def title(self) -> str:
        """The session's title."""
        return self.session.title


@attrs.frozen
class SkippedSlot:
    """A grid date on which a series could not meet, and why."""

    series: str
    day: dt.date
    reason: str


@attrs.frozen
class SeriesPlan:
    """The dated sessions of one series and the grid dates it skipped."""

    series: Series
    sessions: tuple[PlannedSession, ...]
    skipped: tuple[SkippedSlot, ...]

    @property
    def days(self) -> tuple[dt.date, ...]:
        """The dates of the sessions, in order."""
        return tuple(s.day for s in self.sessions)


@attrs.frozen
class Violation:
    """A rule the plan breaks, with the series and date it concerns."""

    rule: str
    message: str
    series: tuple[str, ...]
    day: dt.date | None = None

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


@attrs.frozen
class ProgramPlan:
    """The plan of a whole program: every series, and every rule it breaks."""

    program: str
    plans: tuple[SeriesPlan, ...]
    violations: tuple[Violation, ...]

    @property
    def sessions(self) -> tuple[PlannedSession, ...]:
        """Every planned session, by date and time, then series."""
        found = [s for plan in self.plans for s in plan.sessions]
        return tuple(sorted(found, key=lambda s: (s.day, s.series.start_time, s.series.id)))

    @property
    def skipped(self) -> tuple[SkippedSlot, ...]:
        """Every skipped grid date, by date, then series."""
        return tuple(
            sorted((k for p in self.plans for k in p.skipped), key=lambda k: (k.day, k.series))
        )

    def plan(self, series_id: str) -> SeriesPlan:
        """The plan of one series."""
        for plan in self.plans:
            if plan.series.id == series_id:
                return plan
        raise UnknownId("series", series_id)


# -- one series --------------------------------------------------------------------------
Extra = Callable[[dt.date, int], str | None]
"""Asked for each grid date with the session's length: a reason it is closed, or None."""


def plan_series(
    series: Series,
    curriculum: Curriculum,
    start: dt.date,
    calendar: ClosureCalendar,
    *,
    until: dt.date | None = None,
    cancelled: Mapping[dt.date, str] | None = None,
    extra: Extra | None = None,
) -> SeriesPlan:
    """Plan *curriculum* for *series* from *start* onto the grid, skipping closed dates.

    Without *until* the curriculum is planned once, to its last session (a repeating
    curriculum needs *until*). With *until*, planning stops after that date, and a repeating
    curriculum starts again from its first session when it ends before then.
    *cancelled* holds dates on which this series does not meet, with the reason.
    """
    if until is None and curriculum.repeats:
        raise PlanningError(f"curriculum {curriculum.id!r} repeats: give an end date (until)")
    sessions = curriculum.sessions
    steps = [dt.timedelta(weeks=curriculum.cadence_of(s)) for s in sessions]
    minutes = [s.length(curriculum.default_minutes) for s in sessions]
    planned: list[PlannedSession] = []
    skipped: list[SkippedSlot] = []
    closed = calendar.closed
    venue, people, school = series.venue, series.people, series.school_holidays
    cancelled = cancelled or {}
    index = 0
    cycle = 0
    day = start
    for _ in range(MAX_SLOTS):
        if until is not None and day > until:
            break
        reason = (
            cancelled.get(day)
            or closed(day, venue=venue, people=people, school=school)
            or (extra(day, minutes[index]) if extra is not None else None)
        )
        if reason:
            skipped.append(SkippedSlot(series.id, day, reason))
        else:
            planned.append(
                PlannedSession(series, cycle, index + 1, sessions[index], day, minutes[index])
            )
            index += 1
            if index == len(sessions):
                if not curriculum.repeats:
                    break
                index = 0
                cycle += 1
        day += steps[index]
    else:
        raise PlanningError(
            f"{series.kind.value} {series.id!r}: no open date found in {MAX_SLOTS} grid slots"
        )
    return SeriesPlan(series, tuple(planned), tuple(skipped))


def group_series(program: Program, group: Group, curriculum: Curriculum) -> Series:
    """The series of sessions of *group*."""
    return Series(
        id=group.id,
        kind=SeriesKind.GROUP,
        title=group.name,
        program=program.id,
        curriculum=curriculum.id,
        start_time=group.start_time,
        zone=program.zone,
        venue=group.venue,
        leaders=tuple(group.workers),
        school_holidays=group.follows_school_holidays,
    )


def plan_group(
    program: Program,
    group_id: str,
    curriculum: Curriculum,
    calendar: ClosureCalendar | None = None,
    *,
    until: dt.date | None = None,
    cancellations: Iterable[Closure] = (),
) -> SeriesPlan:
    """Plan one group of *program* on its own, with *cancellations* of its sessions."""
    group = program.group(group_id)
    calendar = calendar or ClosureCalendar.for_program(program)
    return plan_series(
        group_series(program, group, curriculum),
        curriculum,
        group.start_date,
        calendar,
        until=until,
        cancelled=_cancelled(cancellations),
    )


def _cancelled(closures: Iterable[Closure]) -> dict[dt.date, str]:
    days: dict[dt.date, str] = {}
    for closure in closures:
        for day in closure.days():
            days.setdefault(day, f"cancelled: {closure.reason}")
    return days


# -- a whole program ---------------------------------------------------------------------
class _Bookings:
    """Who and what is taken when, to find overlaps in time."""

    def __init__(self, rooms: Mapping[str, int]) -> None:
        self.rooms = rooms
        self.people: dict[tuple[str, dt.date], list[tuple[int, int, str]]] = {}
        self.venues: dict[tuple[str, dt.date], list[tuple[int, int, str]]] = {}

    @staticmethod
    def _span(series: Series, minutes: int) -> tuple[int, int]:
        begin = series.start_time.hour * 60 + series.start_time.minute
        return begin, begin + minutes

    def overlapping(self, series: Series, day: dt.date, minutes: int) -> list[tuple[str, str]]:
        """Every booking *series* would collide with: (what collides, the other series)."""
        begin, end = self._span(series, minutes)
        found = []
        for person in series.people:
            for b, e, other in self.people.get((person, day), ()):
                if b < end and begin < e:
                    found.append((f"{person} is already in {other}", other))
        if series.venue is not None:
            taken = [
                o for b, e, o in self.venues.get((series.venue, day), ()) if b < end and begin < e
            ]
            if len(taken) >= self.rooms.get(series.venue, 1):
                found += [(f"venue {series.venue} is in use by {other}", other) for other in taken]
        return found

    def clash(self, series: Series, day: dt.date, minutes: int) -> str | None:
        """Why *series* cannot meet on *day*, or None when everyone and the venue are free."""
        found = self.overlapping(series, day, minutes)
        return f"clash: {found[0][0]}" if found else None

    def book(self, plan: SeriesPlan) -> None:
        series = plan.series
        for s in plan.sessions:
            span = (*self._span(series, s.minutes), series.id)
            for person in series.people:
                self.people.setdefault((person, s.day), []).append(span)
            if series.venue is not None:
                self.venues.setdefault((series.venue, s.day), []).append(span)


def plan_program(
    program: Program,
    curricula: Mapping[str, Curriculum],
    calendar: ClosureCalendar | None = None,
    *,
    until: dt.date | None = None,
    clashes: ClashMode = ClashMode.SKIP,
    cancellations: Mapping[str, Sequence[Closure]] | None = None,
    groups: Sequence[str] | None = None,
) -> ProgramPlan:
    """Plan the trainings, events and groups of *program* together.

    *curricula* maps ids to the curricula the program names. Series are planned in a fixed
    order (trainings, events, then groups as listed), so planning is deterministic. With
    ``ClashMode.SKIP`` a later series skips a slot where a person or venue is taken; with
    ``ClashMode.REPORT`` each series is planned on its own and every clash is a violation.
    No group session is planned on or before the day a worker's training ends; a worker
    with no training at all is a violation and their group is not planned.
    *groups* limits the groups planned (trainings and events are always planned).
    """
    calendar = calendar or ClosureCalendar.for_program(program)
    cancellations = cancellations or {}

    def curriculum(curriculum_id: str) -> Curriculum:
        found = curricula.get(curriculum_id)
        if found is None:
            raise PlanningError(f"curriculum {curriculum_id!r} is not given")
        return found

    bookings = _Bookings({v.id: v.rooms for v in program.venues})
    plans: list[SeriesPlan] = []
    violations: list[Violation] = []

    def plan(series: Series, cur: Curriculum, start: dt.date, extra: Extra | None) -> SeriesPlan:
        def blocked(day: dt.date, minutes: int) -> str | None:
            reason = extra(day, minutes) if extra is not None else None
            if reason is None and clashes is ClashMode.SKIP:
                reason = bookings.clash(series, day, minutes)
            return reason

        result = plan_series(
            series,
            cur,
            start,
            calendar,
            until=until,
            cancelled=_cancelled(cancellations.get(series.id, ())),
            extra=blocked,
        )
        if clashes is ClashMode.REPORT:
            violations.extend(_clashes(bookings, result))
        bookings.book(result)
        plans.append(result)
        return result

    completed: dict[str, dt.date] = {
        w.id: w.trained_on for w in program.workers if w.trained_on is not None
    }
    training_curriculum = curriculum(program.curricula.training) if program.trainings else None
    for training in program.trainings:
        assert training_curriculum is not None
        series = Series(
            id=training.id,
            kind=SeriesKind.TRAINING,
            title=f"{training_curriculum.title} ({training.id})",
            program=program.id,
            curriculum=training_curriculum.id,
            start_time=training.start_time,
            zone=program.zone,
            venue=training.venue,
            leaders=(training.coach,),
            participants=tuple(training.workers),
            school_holidays=training.follows_school_holidays,
        )
        # A training is planned to its end even past the horizon: it decides who is trained.
        result = plan_series(
            series,
            training_curriculum,
            training.start_date,
            calendar,
            cancelled=_cancelled(cancellations.get(training.id, ())),
        )
        end = max(
            (s.day for s in result.sessions if not training_curriculum.is_follow_up(s.session)),
            default=training.start_date,
        )
        for worker in training.workers:
            completed.setdefault(worker, end)
        if until is not None:
            result = attrs.evolve(
                result,
                sessions=tuple(s for s in result.sessions if s.day <= until),
                skipped=tuple(k for k in result.skipped if k.day <= until),
            )
        bookings.book(result)
        plans.append(result)

    for event in program.events:
        cur = curriculum(event.curriculum)
        series = Series(
            id=event.id,
            kind=SeriesKind.EVENT,
            title=event.title,
            program=program.id,
            curriculum=cur.id,
            start_time=event.start_time,
            zone=program.zone,
            venue=event.venue,
            leaders=(),
            school_holidays=False,
        )
        plan(series, attrs.evolve(cur, repeats=False), event.date, None)

    for group in program.groups:
        if groups is not None and group.id not in groups:
            continue
        cur = curriculum(group.curriculum or program.curricula.groups)
        untrained = [w for w in group.workers if w not in completed]
        if untrained:
            violations.extend(
                Violation(
                    "untrained-worker",
                    f"worker {w!r} guides group {group.id!r} but has no completed training",
                    (group.id,),
                )
                for w in untrained
            )
            continue
        ready = max(completed[w] for w in group.workers)
        wait: Extra | None = None
        if group.start_date <= ready:
            if clashes is ClashMode.REPORT:
                violations.append(
                    Violation(
                        "untrained-worker",
                        f"group {group.id!r} starts {group.start_date}, before its workers "
                        f"complete their training on {ready}",
                        (group.id,),
                        group.start_date,
                    )
                )
            else:

                def wait(day: dt.date, minutes: int, ready: dt.date = ready) -> str | None:
                    return "workers not yet trained" if day <= ready else None

        plan(group_series(program, group, cur), cur, group.start_date, wait)
    return ProgramPlan(program.id, tuple(plans), tuple(violations))


def _clashes(bookings: _Bookings, plan: SeriesPlan) -> list[Violation]:
    found = []
    for s in plan.sessions:
        for what, other in bookings.overlapping(plan.series, s.day, s.minutes):
            found.append(
                Violation(
                    "clash",
                    f"{plan.series.kind.value} {plan.series.id!r} on {s.day}: {what}",
                    (plan.series.id, other),
                    s.day,
                )
            )
    return found
