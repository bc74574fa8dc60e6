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
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING

import attrs

from joinus_method.errors import JoinUsError, UnknownId
from joinus_method.model.closure import Closure
from joinus_method.model.curriculum import Curriculum, Session

from .closures import ClosureCalendar

if TYPE_CHECKING:
    import zoneinfo

    from joinus_method.model.program import Group, Program

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
        return self.leaders + self.participants if self.participants else self.leaders


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

    A plan is kept compact, as day numbers (proleptic Gregorian ordinals, as
    :meth:`datetime.date.toordinal`) and which session falls on each; dates, sessions and
    skipped slots are made when first asked for.
    """

    series: Series
    curriculum: Curriculum = attrs.field(repr=lambda c: repr(c.id))
    day_numbers: tuple[int, ...]
    """The ordinal day numbers of the sessions, in order."""
    indices: tuple[int, ...]
    """For each session, the index of its session in the curriculum."""
    skipped_numbers: tuple[int, ...]
    skipped_reasons: tuple[str, ...]

    @functools.cached_property
    def days(self) -> tuple[dt.date, ...]:
        """The dates of the sessions, in order."""
        return tuple(map(dt.date.fromordinal, self.day_numbers))

    @functools.cached_property
    def skipped_days(self) -> tuple[dt.date, ...]:
        """The skipped grid dates, in order."""
        return tuple(map(dt.date.fromordinal, self.skipped_numbers))

    @functools.cached_property
    def sessions(self) -> tuple[PlannedSession, ...]:
        """The planned sessions, in order."""
        sessions = self.curriculum.sessions
        lengths = self.curriculum.lengths
        out = []
        cycle = 0
        previous = -1
        for day, index in zip(self.days, self.indices, strict=True):
            if index <= previous:
                cycle += 1
            previous = index
            out.append(
                PlannedSession(self.series, cycle, index + 1, sessions[index], day, lengths[index])
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
        number = last.toordinal()
        kept = bisect.bisect_right(self.day_numbers, number)
        skipped = bisect.bisect_right(self.skipped_numbers, number)
        return attrs.evolve(
            self,
            day_numbers=self.day_numbers[:kept],
            indices=self.indices[:kept],
            skipped_numbers=self.skipped_numbers[:skipped],
            skipped_reasons=self.skipped_reasons[:skipped],
        )

    def minutes_on(self, number: int) -> int | None:
        """The length of the session on day *number*, or None when there is none."""
        return self._minutes.get(number)

    @functools.cached_property
    def _minutes(self) -> dict[int, int]:
        lengths = self.curriculum.lengths
        return {d: lengths[i] for d, i in zip(self.day_numbers, self.indices, strict=True)}


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
    begins = series.start_time.hour * 60 + series.start_time.minute
    if begins + curriculum.longest > 24 * 60:
        # Clashes are looked for within a day; a session past midnight is refused instead.
        raise PlanningError(
            f"{series.kind.value} {series.id!r}: a session from {series.start_time:%H:%M} of "
            f"{curriculum.longest} minutes would run past midnight"
        )
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
    first_known, last_known = calendar.known_span(school)
    cancelled_on = cancelled.get if cancelled else None
    repeats = curriculum.repeats
    days: list[dt.date] = []
    indices: list[int] = []
    skipped_days: list[dt.date] = []
    skipped_reasons: list[str] = []
    index = 0
    day = start
    slots = 0
    while True:
        if until is not None and day > until:
            break
        if slots == MAX_SLOTS:
            raise PlanningError(
                f"{series.kind.value} {series.id!r}: no open date found in {MAX_SLOTS} grid slots"
            )
        slots += 1
        if not first_known <= day <= last_known:
            calendar.check_known(day, school)
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
    return SeriesPlan(
        series,
        curriculum,
        tuple(d.toordinal() for d in days),
        tuple(indices),
        tuple(d.toordinal() for d in skipped_days),
        tuple(skipped_reasons),
    )


@functools.lru_cache(maxsize=256)
def _positions(count: int, length: int) -> tuple[int, ...]:
    """0, 1, ..., count - 1, again and again, *length* long."""
    return tuple(k % count for k in range(length))


def _plan_on_even_grid(
    series: Series,
    curriculum: Curriculum,
    start: dt.date,
    calendar: ClosureCalendar,
    until: dt.date | None,
) -> SeriesPlan:
    """plan_series for the common case: one cadence, and only the calendar closes dates.

    The same plan as the slot-by-slot loop (a property test holds them equal), made on day
    numbers with whole-list operations: the grid is a range, the closed days a lookup.
    """
    step = curriculum.gaps[0].days
    count = len(curriculum.sessions)
    closed = calendar.closed_numbers(series.school_holidays)
    begin = start.toordinal()
    seen_last: int | None
    if until is not None:
        grid = range(begin, until.toordinal() + 1, step)
        open_days = [d for d in grid if d not in closed]
        seen_last = grid[-1] if grid else None
    else:
        stop = begin + (count + 16) * step
        while True:
            open_days = [d for d in range(begin, stop, step) if d not in closed]
            if len(open_days) >= count:
                break
            if (stop - begin) // step > MAX_SLOTS:
                raise PlanningError(
                    f"{series.kind.value} {series.id!r}: no open date found in "
                    f"{MAX_SLOTS} grid slots"
                )
            stop += (count + 16) * step
        seen_last = None
    if not curriculum.repeats and len(open_days) >= count:
        del open_days[count:]
        seen_last = open_days[-1]
    if seen_last is not None and (seen_last - begin) // step + 1 > MAX_SLOTS:
        raise PlanningError(
            f"{series.kind.value} {series.id!r}: no open date found in {MAX_SLOTS} grid slots"
        )
    if seen_last is None:
        skipped: tuple[int, ...] = ()
    else:
        on_grid = calendar.closed_on_grid(series.school_holidays, step, begin % step)
        skipped = on_grid[
            bisect.bisect_left(on_grid, begin) : bisect.bisect_right(on_grid, seen_last)
        ]
        first_known, last_known = calendar.known_numbers(series.school_holidays)
        if not first_known <= begin <= seen_last <= last_known:
            # Day numbers only grow: the first and last seen bound all the others.
            calendar.check_known(start, series.school_holidays)
            calendar.check_known(dt.date.fromordinal(seen_last), series.school_holidays)
    return SeriesPlan(
        series,
        curriculum,
        tuple(open_days),
        _positions(count, len(open_days)),
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
    calendar = calendar or ClosureCalendar.for_program(program, until=until)
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

    For each person and each venue: day number → the series booked then (a list once
    several series share the day at different times).
    """

    def __init__(
        self,
        rooms: Mapping[str, int],
        shared_people: Set[tuple[str, int]] | None = None,
        shared_venues: Set[tuple[str, int]] | None = None,
    ) -> None:
        self.rooms = rooms
        self.people: dict[str, dict[int, str | list[str]]] = {}
        self.venues: dict[str, dict[int, str | list[str]]] = {}
        self.plans: dict[str, SeriesPlan] = {}
        # Cadences are whole weeks, so a series meets on one weekday only. A person or venue
        # can clash only with a series on the same weekday: (name, weekday) pairs in one
        # series need no booking. None means: book everyone and every venue.
        self.shared_people = shared_people
        self.shared_venues = shared_venues

    def _calendars(
        self, series: Series, weekday: int
    ) -> list[tuple[dict[str, dict[int, str | list[str]]], str]]:
        people, venues = self.shared_people, self.shared_venues
        found = [
            (self.people, p) for p in series.people if people is None or (p, weekday) in people
        ]
        if series.venue is not None and (venues is None or (series.venue, weekday) in venues):
            found.append((self.venues, series.venue))
        return found

    def book_if_free(self, plan: SeriesPlan) -> bool:
        """Book *plan* when nobody and no venue of it is booked on any of its days at all.

        Then no clash is possible, whatever the times. Returns whether it was booked.
        """
        series = plan.series
        days = plan.day_numbers
        if not days:
            self.plans[series.id] = plan
            return True
        tables = self._calendars(series, _weekday(days[0]))
        for table, name in tables:
            taken = table.get(name)
            if taken is not None and not taken.keys().isdisjoint(days):
                return False
        self.plans[series.id] = plan
        if tables:
            booked: dict[int, str | list[str]] = dict.fromkeys(days, series.id)
            for table, name in tables:
                taken = table.get(name)
                if taken is None:
                    table[name] = booked.copy()
                else:
                    taken.update(booked)
        return True

    def _span(self, series_id: str, day: int) -> tuple[int, int]:
        plan = self.plans[series_id]
        begin = plan.series.start_time.hour * 60 + plan.series.start_time.minute
        return begin, begin + (plan.minutes_on(day) or 0)

    def _overlaps(
        self, table: dict[str, dict[int, str | list[str]]], name: str, day: int,
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
        number = day.toordinal()
        found = [
            (f"{person} is already in {other}", other)
            for person in series.people
            for other in self._overlaps(self.people, person, number, begin, end)
        ]
        if series.venue is not None:
            taken = self._overlaps(self.venues, series.venue, number, begin, end)
            rooms = self.rooms.get(series.venue, 1)
            if len(taken) >= rooms:
                # Full only if, at some moment of this session, every room is in use.
                spans = {other: self._span(other, number) for other in taken}
                for moment in sorted({begin, *(b for b, _ in spans.values() if begin < b < end)}):
                    busy = [o for o, (b, e) in spans.items() if b <= moment < e]
                    if len(busy) >= rooms:
                        found += [(f"venue {series.venue} is in use by {o}", o) for o in busy]
                        break
        return found

    def clash(self, series: Series, day: dt.date, minutes: int) -> str | None:
        """Why *series* cannot meet on *day*, or None when everyone and the venue are free."""
        found = self.overlapping(series, day, minutes)
        return f"clash: {found[0][0]}" if found else None

    def book(self, plan: SeriesPlan) -> None:
        """Book the sessions of *plan*, next to whatever is booked on the same days."""
        series = plan.series
        self.plans[series.id] = plan
        if not plan.day_numbers:
            return
        for table, name in self._calendars(series, _weekday(plan.day_numbers[0])):
            taken = table.setdefault(name, {})
            for day in plan.day_numbers:
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
    calendar = calendar or ClosureCalendar.for_program(program, until=until)
    cancellations = cancellations or {}

    def curriculum(curriculum_id: str) -> Curriculum:
        found = curricula.get(curriculum_id)
        if found is None:
            raise PlanningError(f"curriculum {curriculum_id!r} is not given")
        return found

    starts: list[tuple[dt.date, Iterable[str], str | None]] = [
        *((t.start_date, (t.coach, *t.workers), t.venue) for t in program.trainings),
        *((e.date, (), e.venue) for e in program.events),
        *((g.start_date, g.workers, g.venue) for g in program.groups),
    ]
    people_seen = Counter((p, day.weekday()) for day, people, _ in starts for p in people)
    venues_seen = Counter((v, day.weekday()) for day, _, v in starts if v is not None)
    bookings = _Bookings(
        {v.id: v.rooms for v in program.venues},
        {key for key, n in people_seen.items() if n > 1},
        {key for key, n in venues_seen.items() if n > 1},
    )
    zone = program.zone
    plans: list[SeriesPlan] = []
    violations: list[Violation] = []

    def plan(
        series: Series,
        cur: Curriculum,
        start: dt.date,
        extra: Extra | None,
        horizon: dt.date | None,
    ) -> SeriesPlan:
        cancelled = _cancelled(cancellations[series.id]) if series.id in cancellations else None
        result = plan_series(
            series, cur, start, calendar, until=horizon, cancelled=cancelled, extra=extra
        )
        # Most series share nobody and no venue on any of their dates with what is booked:
        # then there is no clash to look for. Otherwise plan again, slot by slot.
        if not bookings.book_if_free(result):
            if clashes is ClashMode.SKIP:

                def blocked(day: dt.date, minutes: int) -> str | None:
                    reason = extra(day, minutes) if extra is not None else None
                    return reason if reason is not None else bookings.clash(series, day, minutes)

                result = plan_series(
                    series, cur, start, calendar, until=horizon, cancelled=cancelled, extra=blocked
                )
            else:
                violations.extend(_clashes(bookings, result))
            bookings.book(result)
        return result

    # An explicit completion date counts; otherwise the end of the earliest training.
    trained_in: dict[str, dt.date] = {}
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
            zone=zone,
            venue=training.venue,
            leaders=(training.coach,),
            participants=tuple(training.workers),
            school_holidays=training.follows_school_holidays,
        )
        # A training is planned to its end even past the horizon: it decides who is trained.
        result = plan(series, training_curriculum, training.start_date, None, None)
        core = result.sessions
        end = max(
            (s.day for s in core if not training_curriculum.is_follow_up(s.session)),
            default=training.start_date,
        )
        for worker in training.workers:
            trained_in[worker] = min(trained_in.get(worker, end), end)
        plans.append(result if until is None else result.until(until))
    completed = trained_in | {
        w.id: w.trained_on for w in program.workers if w.trained_on is not None
    }

    for event in program.events:
        cur = curriculum(event.curriculum)
        series = Series(
            id=event.id,
            kind=SeriesKind.EVENT,
            title=event.title,
            program=program.id,
            curriculum=cur.id,
            start_time=event.start_time,
            zone=zone,
            venue=event.venue,
            leaders=(),
            school_holidays=False,
        )
        plans.append(plan(series, attrs.evolve(cur, repeats=False), event.date, None, until))

    evenings = curriculum(program.curricula.groups) if program.groups else None
    trained = frozenset(completed)
    for group in program.groups:
        if groups is not None and group.id not in groups:
            continue
        chosen = curriculum(group.curriculum) if group.curriculum else evenings
        assert chosen is not None
        cur = chosen
        if not trained.issuperset(group.workers):
            untrained = [w for w in group.workers if w not in completed]
            violations.extend(
                Violation(
                    "untrained-worker",
                    f"worker {w!r} guides group {group.id!r} but has no completed training",
                    (group.id,),
                )
                for w in untrained
            )
            continue
        ready = max(map(completed.__getitem__, group.workers))
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

        plans.append(
            plan(group_series(program, group, cur, zone), cur, group.start_date, wait, until)
        )
    return ProgramPlan(program.id, tuple(plans), tuple(violations))


def _weekday(number: int) -> int:
    """The weekday of day *number* (0 for Monday), as :meth:`datetime.date.weekday`."""
    return (number + 6) % 7


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
