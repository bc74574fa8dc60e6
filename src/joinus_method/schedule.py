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

import bisect
import datetime as dt
import enum
import functools
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
    """The dated sessions of one series and the grid dates it skipped.

    A plan is kept compact (the dates and which session falls on each); the session and
    skipped-slot values are made when first asked for.
    """

    series: Series
    curriculum: Curriculum = attrs.field(repr=lambda c: repr(c.id))
    days: tuple[dt.date, ...]
    """The dates of the sessions, in order."""
    indices: tuple[int, ...]
    """For each date, the index of its session in the curriculum."""
    skipped_days: tuple[dt.date, ...]
    skipped_reasons: tuple[str, ...]

    @functools.cached_property
    def sessions(self) -> tuple[PlannedSession, ...]:
        """The planned sessions, in order."""
        sessions = self.curriculum.sessions
        default = self.curriculum.default_minutes
        out = []
        cycle = 0
        previous = -1
        for day, index in zip(self.days, self.indices, strict=True):
            if index <= previous:
                cycle += 1
            previous = index
            session = sessions[index]
            out.append(
                PlannedSession(self.series, cycle, index + 1, session, day, session.length(default))
            )
        return tuple(out)

    @functools.cached_property
    def skipped(self) -> tuple[SkippedSlot, ...]:
        """The skipped grid dates with their reasons, in order."""
        return tuple(
            SkippedSlot(self.series.id, day, reason)
            for day, reason in zip(self.skipped_days, self.skipped_reasons, strict=True)
        )

    def until(self, last: dt.date) -> SeriesPlan:
        """This plan cut off after *last*."""
        kept = bisect.bisect_right(self.days, last)
        skipped = bisect.bisect_right(self.skipped_days, last)
        return attrs.evolve(
            self,
            days=self.days[:kept],
            indices=self.indices[:kept],
            skipped_days=self.skipped_days[:skipped],
            skipped_reasons=self.skipped_reasons[:skipped],
        )

    def minutes_on(self, day: dt.date) -> int | None:
        """The length of the session on *day*, or None when there is none."""
        return self._minutes.get(day)

    @functools.cached_property
    def _minutes(self) -> dict[dt.date, int]:
        sessions = self.curriculum.sessions
        default = self.curriculum.default_minutes
        return {
            d: sessions[i].length(default) for d, i in zip(self.days, self.indices, strict=True)
        }


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

    @functools.cached_property
    def sessions(self) -> tuple[PlannedSession, ...]:
        """Every planned session, by date and time, then series."""
        found = [s for plan in self.plans for s in plan.sessions]
        return tuple(sorted(found, key=lambda s: (s.day, s.series.start_time, s.series.id)))

    @functools.cached_property
    def skipped(self) -> tuple[SkippedSlot, ...]:
        """Every skipped grid date, by date, then series."""
        found = [k for p in self.plans for k in p.skipped]
        return tuple(sorted(found, key=lambda k: (k.day, k.series)))

    def plan(self, series_id: str) -> SeriesPlan:
        """The plan of one series."""
        for plan in self.plans:
            if plan.series.id == series_id:
                return plan
        raise UnknownId("series", series_id)


# -- one series --------------------------------------------------------------------------
Extra = Callable[[dt.date, int], str | None]
"""Asked for each open grid date with the session's length: a reason it is closed, or None."""


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
    *cancelled* holds dates on which this series does not meet, with the reason; *extra*
    may close more dates (a clash, workers not yet trained).
    """
    if until is None and curriculum.repeats:
        raise PlanningError(f"curriculum {curriculum.id!r} repeats: give an end date (until)")
    if (
        extra is None
        and not cancelled
        and curriculum.even_gap
        and series.venue not in calendar.venues_closed
        and calendar.people_away.isdisjoint(series.people)
    ):
        return _plan_on_even_grid(series, curriculum, start, calendar, until)
    at_venue = calendar.venues.get(series.venue) if series.venue is not None else None
    away = [calendar.people[p] for p in series.people if p in calendar.people_away]
    count = len(curriculum.sessions)
    steps = curriculum.gaps
    minutes = curriculum.lengths
    school = series.school_holidays
    # The calendar's checks inlined, in ClosureCalendar.closed's order: this loop is the
    # planner's hot path.
    everyone = calendar.everyone(school).get
    first_known, last_known = calendar.school_span
    cancelled_on = cancelled.get if cancelled else None
    repeats = curriculum.repeats
    days: list[dt.date] = []
    indices: list[int] = []
    skipped_days: list[dt.date] = []
    skipped_reasons: list[str] = []
    index = 0
    day = start
    for _ in range(MAX_SLOTS):
        if until is not None and day > until:
            break
        if school and not first_known <= day <= last_known:
            calendar.check_known(day)
        reason = cancelled_on(day) if cancelled_on is not None else None
        if reason is None:
            reason = everyone(day)
        if reason is None and at_venue:
            reason = at_venue.get(day)
        if reason is None and away:
            for leave in away:
                reason = leave.get(day)
                if reason is not None:
                    break
        if reason is None and extra is not None:
            reason = extra(day, minutes[index])
        if reason is not None:
            skipped_days.append(day)
            skipped_reasons.append(reason)
        else:
            days.append(day)
            indices.append(index)
            index += 1
            if index == count:
                if not repeats:
                    break
                index = 0
        day += steps[index]
    else:
        raise PlanningError(
            f"{series.kind.value} {series.id!r}: no open date found in {MAX_SLOTS} grid slots"
        )
    return SeriesPlan(
        series, curriculum, tuple(days), tuple(indices), tuple(skipped_days), tuple(skipped_reasons)
    )


@functools.lru_cache(maxsize=64)
def _positions(count: int) -> tuple[int, ...]:
    return tuple(range(count))


@functools.lru_cache(maxsize=64)
def _offsets(step: dt.timedelta, count: int) -> tuple[dt.timedelta, ...]:
    return tuple(step * k for k in range(count))


def _plan_on_even_grid(
    series: Series,
    curriculum: Curriculum,
    start: dt.date,
    calendar: ClosureCalendar,
    until: dt.date | None,
) -> SeriesPlan:
    """plan_series for the common case: one cadence, and only the calendar closes dates.

    The same plan as the slot-by-slot loop (a property test holds them equal), made with
    whole-list operations: grid dates in blocks, the closed ones looked up at once.
    """
    step = curriculum.gaps[0]
    count = len(curriculum.sessions)
    first_known, last_known = calendar.school_span
    closed = calendar.everyone(series.school_holidays)
    block = count + 16 if until is None else max((until - start) // step + 1, 0)
    offsets = _offsets(step, block)
    seen: list[dt.date] = []
    first = start
    while True:
        grid = [first + offset for offset in offsets]
        if until is not None:
            seen = grid[: bisect.bisect_right(grid, until)]
            open_days = [d for d in seen if d not in closed]
            break
        seen += grid
        open_days = [d for d in seen if d not in closed]
        if len(open_days) >= count:
            break
        if len(seen) > MAX_SLOTS:
            raise PlanningError(
                f"{series.kind.value} {series.id!r}: no open date found in {MAX_SLOTS} grid slots"
            )
        first = grid[-1] + step
    if not curriculum.repeats and len(open_days) >= count:
        open_days = open_days[:count]
        seen = seen[: bisect.bisect_right(seen, open_days[-1])]
    if series.school_holidays and seen and not first_known <= seen[0] <= seen[-1] <= last_known:
        # Dates only grow: the first and last date seen bound all the others.
        calendar.check_known(seen[0])
        calendar.check_known(seen[-1])
    skipped = tuple([d for d in seen if d in closed])
    rounds = len(open_days) // count + 1
    return SeriesPlan(
        series,
        curriculum,
        tuple(open_days),
        (_positions(count) * rounds)[: len(open_days)],
        skipped,
        tuple(map(closed.__getitem__, skipped)),
    )


def group_series(
    program: Program,
    group: Group,
    curriculum: Curriculum,
    zone: zoneinfo.ZoneInfo | None = None,
) -> Series:
    """The series of sessions of *group* (*zone* is the program's, when already at hand)."""
    return Series(
        group.id,
        SeriesKind.GROUP,
        group.name,
        program.id,
        curriculum.id,
        group.start_time,
        zone or program.zone,
        group.venue,
        group.workers,
        (),
        group.follows_school_holidays,
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
    """Who and which venue is taken on which day, to find sessions that overlap in time.

    For each person and each venue: day → the series booked then (a list once several
    series share the day at different times).
    """

    def __init__(self, rooms: Mapping[str, int]) -> None:
        self.rooms = rooms
        self.people: dict[str, dict[dt.date, str | list[str]]] = {}
        self.venues: dict[str, dict[dt.date, str | list[str]]] = {}
        self.plans: dict[str, SeriesPlan] = {}

    def _calendars(
        self, series: Series
    ) -> list[tuple[dict[str, dict[dt.date, str | list[str]]], str]]:
        found = [(self.people, p) for p in series.people]
        if series.venue is not None:
            found.append((self.venues, series.venue))
        return found

    def free(self, series: Series, days: Sequence[dt.date]) -> bool:
        """Whether nobody and no venue of *series* is booked at all on any of *days*."""
        people = self.people
        for person in series.people:
            taken = people.get(person)
            if taken is not None and not taken.keys().isdisjoint(days):
                return False
        if series.venue is not None:
            taken = self.venues.get(series.venue)
            if taken is not None and not taken.keys().isdisjoint(days):
                return False
        return True

    def _span(self, series_id: str, day: dt.date) -> tuple[int, int]:
        plan = self.plans[series_id]
        begin = plan.series.start_time.hour * 60 + plan.series.start_time.minute
        return begin, begin + (plan.minutes_on(day) or 0)

    def _overlaps(
        self, table: dict[str, dict[dt.date, str | list[str]]], name: str, day: dt.date,
        begin: int, end: int,
    ) -> list[str]:  # fmt: skip
        found = table.get(name, {}).get(day)
        if found is None:
            return []
        others = [found] if isinstance(found, str) else found
        overlapping = []
        for other in others:
            b, e = self._span(other, day)
            if b < end and begin < e:
                overlapping.append(other)
        return overlapping

    def overlapping(self, series: Series, day: dt.date, minutes: int) -> list[tuple[str, str]]:
        """Every booking *series* would collide with: (what collides, the other series)."""
        begin = series.start_time.hour * 60 + series.start_time.minute
        end = begin + minutes
        found = [
            (f"{person} is already in {other}", other)
            for person in series.people
            for other in self._overlaps(self.people, person, day, begin, end)
        ]
        if series.venue is not None:
            taken = self._overlaps(self.venues, series.venue, day, begin, end)
            if len(taken) >= self.rooms.get(series.venue, 1):
                found += [(f"venue {series.venue} is in use by {other}", other) for other in taken]
        return found

    def clash(self, series: Series, day: dt.date, minutes: int) -> str | None:
        """Why *series* cannot meet on *day*, or None when everyone and the venue are free."""
        found = self.overlapping(series, day, minutes)
        return f"clash: {found[0][0]}" if found else None

    def book(self, plan: SeriesPlan, free: bool = False) -> None:
        """Book the sessions of *plan*; *free* says nothing is booked on its days yet."""
        series = plan.series
        self.plans[series.id] = plan
        booked = dict.fromkeys(plan.days, series.id)
        for table, name in self._calendars(series):
            taken = table.get(name)
            if taken is None:
                table[name] = dict(booked)
            elif free:
                taken.update(booked)
            else:
                for day in plan.days:
                    found = taken.get(day)
                    if found is None:
                        taken[day] = series.id
                    elif isinstance(found, str):
                        taken[day] = [found, series.id]
                    else:
                        found.append(series.id)


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
    zone = program.zone
    plans: list[SeriesPlan] = []
    violations: list[Violation] = []

    def plan(series: Series, cur: Curriculum, start: dt.date, extra: Extra | None) -> None:
        cancelled = _cancelled(cancellations[series.id]) if series.id in cancellations else None
        result = plan_series(
            series, cur, start, calendar, until=until, cancelled=cancelled, extra=extra
        )
        # Most series share nobody and no venue on any of their dates with what is booked:
        # then there is no clash to look for. Otherwise plan again, slot by slot.
        free = bookings.free(series, result.days)
        if not free:
            if clashes is ClashMode.SKIP:

                def blocked(day: dt.date, minutes: int) -> str | None:
                    reason = extra(day, minutes) if extra is not None else None
                    return reason if reason is not None else bookings.clash(series, day, minutes)

                result = plan_series(
                    series, cur, start, calendar, until=until, cancelled=cancelled, extra=blocked
                )
            else:
                violations.extend(_clashes(bookings, result))
        bookings.book(result, free=free)
        plans.append(result)

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
            result = result.until(until)
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

    evenings = curriculum(program.curricula.groups) if program.groups else None
    for group in program.groups:
        if groups is not None and group.id not in groups:
            continue
        chosen = curriculum(group.curriculum) if group.curriculum else evenings
        assert chosen is not None
        cur = chosen
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

        plan(group_series(program, group, cur, zone), cur, group.start_date, wait)
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
