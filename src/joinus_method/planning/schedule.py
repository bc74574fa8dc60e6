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
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import UnknownId
from joinus_method.messages import Message, msg, msg_n
from joinus_method.model.closure import Closure
from joinus_method.model.curriculum import Curriculum, Session

from .closures import ClosureCalendar, OutsideCalendar, PlanningError

if TYPE_CHECKING:
    import zoneinfo

    from joinus_method.model.program import Event, Group, Program, Training

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
    "default_until",
    "group_series",
    "plan_group",
    "plan_program",
    "plan_series",
    "trained_on_differs",
    "training_ends",
]

MAX_SLOTS = 5000
"""Most grid slots one series may look at before planning gives up."""

MAX_CLASH_SHARE = 0.2
"""Largest share of a series' slots that clashes may take before the plan names it."""


class SeriesKind(enum.StrEnum):
    """What a series of sessions is."""

    GROUP = "group"
    TRAINING = "training"
    EVENT = "event"


_KINDS: dict[SeriesKind, Message] = {
    SeriesKind.GROUP: msg("group"),
    SeriesKind.TRAINING: msg("training"),
    SeriesKind.EVENT: msg("event"),
}
"""The kind of a series, as said in a message."""

_THIS_KIND: dict[SeriesKind, Message] = {
    SeriesKind.GROUP: msg("this group"),
    SeriesKind.TRAINING: msg("this training"),
    SeriesKind.EVENT: msg("this event"),
}


class ClashMode(enum.StrEnum):
    """What planning several series together does with a clash."""

    SKIP = "skip"
    """Skip the clashing slot of the later series, as for a closure."""
    REPORT = "report"
    """Plan every series on its own and report each clash as a violation."""


@attrs.frozen
@shared_repr
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
@shared_repr
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


_new = object.__new__
_set_series, _set_round, _set_number, _set_session, _set_day, _set_minutes = (
    getattr(PlannedSession, a.name).__set__ for a in attrs.fields(PlannedSession)
)


def _planned(
    series: Series, round: int, number: int, session: Session, day: dt.date, minutes: int
) -> PlannedSession:
    """``PlannedSession(series, round, number, session, day, minutes)``, for the many a plan
    makes at once: each field is set straight into its slot, as the class's ``__init__``
    would (it has no validator, converter or default to run: a test holds them equal)."""
    planned: PlannedSession = _new(PlannedSession)
    _set_series(planned, series)
    _set_round(planned, round)
    _set_number(planned, number)
    _set_session(planned, session)
    _set_day(planned, day)
    _set_minutes(planned, minutes)
    return planned


@attrs.frozen
@shared_repr
class SkippedSlot:
    """A grid date on which a series could not meet, and why."""

    series: str
    day: dt.date
    reason: str


@attrs.frozen
@shared_repr
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
        return _dates(self.day_numbers)

    @functools.cached_property
    def skipped_days(self) -> tuple[dt.date, ...]:
        """The skipped grid dates, in order."""
        return tuple(map(dt.date.fromordinal, self.skipped_numbers))

    @functools.cached_property
    def sessions(self) -> tuple[PlannedSession, ...]:
        """The planned sessions, in order."""
        sessions = self.curriculum.sessions
        lengths = self.curriculum.lengths
        series = self.series
        if not self.curriculum.repeats:
            # One pass through the curriculum: every session is of round 0.
            return tuple(
                [
                    _planned(series, 0, index + 1, sessions[index], day, lengths[index])
                    for day, index in zip(self.days, self.indices, strict=True)
                ]
            )
        out = []
        cycle = 0
        previous = -1
        for day, index in zip(self.days, self.indices, strict=True):
            if index <= previous:
                cycle += 1
            previous = index
            out.append(_planned(series, cycle, index + 1, sessions[index], day, lengths[index]))
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
@shared_repr
class Violation:
    """A rule the plan breaks, with the series and date it concerns."""

    rule: str
    message: str
    series: tuple[str, ...]
    day: dt.date | None = None

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


@attrs.frozen
@shared_repr
class ProgramPlan:
    """The plan of a whole program: every series, and every rule it breaks."""

    program: str
    plans: tuple[SeriesPlan, ...]
    violations: tuple[Violation, ...]

    @functools.cached_property
    def sessions(self) -> tuple[PlannedSession, ...]:
        """Every planned session, by date and time, then series."""
        # Each series is in order of its dates already: taking the series by time and id,
        # and putting each session on the heap of its day, merges them in that order.
        by_day: dict[int, list[PlannedSession]] = {}
        for plan in sorted(self.plans, key=lambda p: (p.series.start_time, p.series.id)):
            for number, session in zip(plan.day_numbers, plan.sessions, strict=True):
                on = by_day.get(number)
                if on is None:
                    by_day[number] = [session]
                else:
                    on.append(session)
        return tuple(itertools.chain.from_iterable(by_day[n] for n in sorted(by_day)))

    @functools.cached_property
    def skipped(self) -> tuple[SkippedSlot, ...]:
        """Every skipped grid date, by date, then series."""
        by_day: dict[int, list[SkippedSlot]] = {}
        for plan in sorted(self.plans, key=lambda p: p.series.id):
            for number, slot in zip(plan.skipped_numbers, plan.skipped, strict=True):
                by_day.setdefault(number, []).append(slot)
        return tuple(itertools.chain.from_iterable(by_day[n] for n in sorted(by_day)))

    def plan(self, series_id: str) -> SeriesPlan:
        """The plan of one series."""
        for plan in self.plans:
            if plan.series.id == series_id:
                return plan
        raise UnknownId(msg("series"), series_id)


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
    return _plan_series(series, curriculum, start, calendar, until, cancelled, extra, None)


_Grids = dict[tuple[object, ...], tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]]
"""Plans of even grids already made, by what they were made from: their open days, skipped
days and reasons."""


def _plan_series(
    series: Series,
    curriculum: Curriculum,
    start: dt.date,
    calendar: ClosureCalendar,
    until: dt.date | None,
    cancelled: Mapping[dt.date, str] | None,
    extra: Extra | None,
    grids: _Grids | None,
) -> SeriesPlan:
    """plan_series; *grids* keeps the even grids planned on *calendar* for the next series
    with the same grid and closures (the two groups that share workers and venue)."""
    _check_plannable(series, curriculum, until)
    if extra is None and not cancelled and curriculum.even_gap:
        return _plan_on_even_grid(series, curriculum, start, calendar, until, grids)
    return _plan_slot_by_slot(series, curriculum, start, calendar, until, cancelled, extra)


def _check_plannable(series: Series, curriculum: Curriculum, until: dt.date | None) -> None:
    """Raise :class:`PlanningError` when *curriculum* cannot be planned for *series*."""
    if until is None and curriculum.repeats:
        raise PlanningError(
            msg(
                "curriculum {curriculum!r} repeats: give an end date (until)",
                curriculum=curriculum.id,
            )
        )
    begins = minute_of_day(series.start_time)
    if begins + curriculum.longest > 24 * 60:
        # Clashes are looked for within a day; a session past midnight is refused instead.
        raise PlanningError(
            msg(
                "{kind} {series!r}: a session from {start:%H:%M} of "
                "{minutes} minutes would run past midnight",
                kind=_KINDS[series.kind],
                series=series.id,
                start=series.start_time,
                minutes=curriculum.longest,
            )
        )


def _too_many_slots(series: Series) -> PlanningError:
    return PlanningError(
        msg(
            "{kind} {series!r} needs more than {slots} slots of its grid: plan up to an "
            "earlier date (until), or check that its dates are not all closed",
            kind=_KINDS[series.kind],
            series=series.id,
            slots=MAX_SLOTS,
        )
    )


def _plan_slot_by_slot(
    series: Series,
    curriculum: Curriculum,
    start: dt.date,
    calendar: ClosureCalendar,
    until: dt.date | None,
    cancelled: Mapping[dt.date, str] | None,
    extra: Extra | None,
) -> SeriesPlan:
    """plan_series in general: walk the grid, asking each slot why it is closed, if it is."""
    count = len(curriculum.sessions)
    steps = curriculum.gaps
    minutes = curriculum.lengths
    repeats = curriculum.repeats
    restart = curriculum.restart
    school = series.school_holidays
    closed_on = calendar.reasons_for(venue=series.venue, people=series.people, school=school)
    first_known, last_known = calendar.known_span(school)
    cancelled_on = cancelled.get if cancelled else None
    days: list[int] = []
    indices: list[int] = []
    skipped_days: list[int] = []
    skipped_reasons: list[str] = []
    index = 0
    day = start
    slots = 0
    while True:
        if until is not None and day > until:
            break
        if slots == MAX_SLOTS:
            raise _too_many_slots(series)
        slots += 1
        if not first_known <= day <= last_known:
            calendar.check_known(day, school)
        # A cancellation is the series' own reason: it is shown before the calendar's.
        reason = cancelled_on(day) if cancelled_on is not None else None
        if reason is None:
            reason = closed_on(day)
        if reason is None and extra is not None:
            reason = extra(day, minutes[index])
        if reason is not None:
            skipped_days.append(day.toordinal())
            skipped_reasons.append(reason)
        else:
            days.append(day.toordinal())
            indices.append(index)
            index += 1
            if index == count:
                if not repeats:
                    break
                index = restart
        day += steps[index]
    return SeriesPlan(
        series,
        curriculum,
        tuple(days),
        tuple(indices),
        tuple(skipped_days),
        tuple(skipped_reasons),
    )


@functools.lru_cache(maxsize=1024)
def _dates(numbers: tuple[int, ...]) -> tuple[dt.date, ...]:
    """The dates of the day *numbers*: made once for the plans on the same grid."""
    return tuple(map(dt.date.fromordinal, numbers))


@functools.lru_cache(maxsize=256)
def _positions(count: int, length: int, restart: int = 0) -> tuple[int, ...]:
    """0, 1, ..., count - 1, then again from *restart* to count - 1, and again, *length*
    long."""
    once = tuple(range(min(count, length)))
    cycle = count - restart
    return once + tuple(restart + k % cycle for k in range(length - len(once)))


def _plan_on_even_grid(
    series: Series,
    curriculum: Curriculum,
    start: dt.date,
    calendar: ClosureCalendar,
    until: dt.date | None,
    grids: _Grids | None = None,
) -> SeriesPlan:
    """plan_series for the common case: one cadence, and only the calendar closes dates.

    The same plan as the slot-by-slot loop (a property test holds them equal), made on day
    numbers with whole-list operations: the grid is a range, the closed days a lookup (the
    days closed for everyone, then those of the series' venue and people).
    """
    step = curriculum.gaps[0].days
    count = len(curriculum.sessions)
    school = series.school_holidays
    own = calendar.own_numbers(series.venue, series.people)
    begin = start.toordinal()
    # The days closed for the series' venue and people are kept by the calendar: the same
    # object for the same closures, while the calendar lives (as *grids* does).
    key = (begin, until, step, count, curriculum.repeats, school, id(own) if own else 0)
    known = grids.get(key) if grids is not None else None
    if known is None:
        known = _open_and_skipped(series, curriculum, calendar, begin, until, own)
        if grids is not None:
            grids[key] = known
    open_days, skipped, reasons = known
    return SeriesPlan(
        series,
        curriculum,
        open_days,
        _positions(count, len(open_days), curriculum.restart),
        skipped,
        reasons,
    )


def _open_and_skipped(
    series: Series,
    curriculum: Curriculum,
    calendar: ClosureCalendar,
    begin: int,
    until: dt.date | None,
    own: Mapping[int, str],
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """The open days of an even grid from day *begin*, and its skipped days with their
    reasons."""
    step = curriculum.gaps[0].days
    count = len(curriculum.sessions)
    closed = calendar.closed_numbers(series.school_holidays)
    seen_last: int | None
    if until is not None:
        grid = range(begin, until.toordinal() + 1, step)
        open_days = _open(grid, closed, own)
        seen_last = grid[-1] if grid else None
    else:
        open_days = _first_open_days(series, closed, own, begin, step, count)
        seen_last = None
    if not curriculum.repeats and len(open_days) >= count:
        del open_days[count:]
        seen_last = open_days[-1]
    if seen_last is not None and (seen_last - begin) // step + 1 > MAX_SLOTS:
        raise _too_many_slots(series)
    skipped = _skipped_on_even_grid(series, calendar, begin, step, seen_last)
    reasons = tuple(map(closed.__getitem__, skipped))
    if own and seen_last is not None:
        # The series' own closed days on its grid, where the calendar has none, in order.
        residue = begin % step
        mine = [
            d for d in own if d % step == residue and begin <= d <= seen_last and d not in closed
        ]
        if mine:
            merged = sorted([*zip(skipped, reasons, strict=True), *((d, own[d]) for d in mine)])
            skipped = tuple(d for d, _ in merged)
            reasons = tuple(r for _, r in merged)
    return tuple(open_days), skipped, reasons


def _open(grid: range, closed: Mapping[int, str], own: Mapping[int, str]) -> list[int]:
    """The days of *grid* neither in *closed* nor in *own*."""
    if own:
        return [d for d in grid if d not in closed and d not in own]
    return [d for d in grid if d not in closed]


def _first_open_days(
    series: Series,
    closed: Mapping[int, str],
    own: Mapping[int, str],
    begin: int,
    step: int,
    count: int,
) -> list[int]:
    """At least *count* open grid days from *begin*, looking further ahead until found."""
    stop = begin + (count + 16) * step
    while True:
        open_days = _open(range(begin, stop, step), closed, own)
        if len(open_days) >= count:
            return open_days
        if (stop - begin) // step > MAX_SLOTS:
            raise _too_many_slots(series)
        stop += (count + 16) * step


def _skipped_on_even_grid(
    series: Series, calendar: ClosureCalendar, begin: int, step: int, seen_last: int | None
) -> tuple[int, ...]:
    """The grid days from *begin* to *seen_last*, the last slot looked at, that are closed
    for everyone; checks that their closures are known."""
    if seen_last is None:
        return ()
    school = series.school_holidays
    on_grid = calendar.closed_on_grid(school, step, begin % step)
    skipped = on_grid[bisect.bisect_left(on_grid, begin) : bisect.bisect_right(on_grid, seen_last)]
    first_known, last_known = calendar.known_numbers(school)
    if not first_known <= begin <= seen_last <= last_known:
        # Day numbers only grow: the first and last seen bound all the others. The error
        # names the first grid day past what is known.
        calendar.check_known(dt.date.fromordinal(begin), school)
        past = begin + -(-(last_known + 1 - begin) // step) * step
        calendar.check_known(dt.date.fromordinal(min(past, seen_last)), school)
    return skipped


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
        reason = msg("cancelled: {reason}", reason=closure.reason)
        for day in closure.days():
            days.setdefault(day, reason)
    return days


# -- a whole program ---------------------------------------------------------------------
_Lists = list[tuple[dict[tuple[str, int], list["SeriesPlan"]], tuple[str, int]]]
"""Where a series is booked: for each of its people and its venue, a table of the bookings
and the key of its list there."""


class _Bookings:
    """Which series are booked for each person and each venue, to find sessions that overlap.

    Cadences are whole weeks, so a series meets on one weekday only, and a person or venue
    can clash only with a series on the same weekday: the series are booked by person (or
    venue) and weekday. Only (person, weekday) and (venue, weekday) pairs that two series
    share are booked at all.
    """

    def __init__(
        self,
        rooms: Mapping[str, int],
        shared_people: Set[tuple[str, int]] | None = None,
        shared_venues: Set[tuple[str, int]] | None = None,
    ) -> None:
        self.rooms = rooms
        self.people: dict[tuple[str, int], list[SeriesPlan]] = {}
        self.venues: dict[tuple[str, int], list[SeriesPlan]] = {}
        # None means: book everyone and every venue.
        self.shared_people = shared_people
        self.shared_venues = shared_venues

    @classmethod
    def for_program(cls, program: Program) -> _Bookings:
        """Empty bookings for the series of *program*, booking only people and venues that
        two of its series could share."""
        starts: list[tuple[dt.date, Iterable[str], str | None]] = [
            *((t.start_date, (t.coach, *t.workers), t.venue) for t in program.trainings),
            *((e.date, (), e.venue) for e in program.events),
            *((g.start_date, g.workers, g.venue) for g in program.groups),
        ]
        people_seen = Counter((p, day.weekday()) for day, people, _ in starts for p in people)
        venues_seen = Counter((v, day.weekday()) for day, _, v in starts if v is not None)
        return cls(
            {v.id: v.rooms for v in program.venues},
            {key for key, n in people_seen.items() if n > 1},
            {key for key, n in venues_seen.items() if n > 1},
        )

    def _lists(self, series: Series, weekday: int) -> _Lists:
        """Where *series* is booked: each of its people's and its venue's (table, key)."""
        people, venues = self.shared_people, self.shared_venues
        found = [
            (self.people, (p, weekday))
            for p in series.people
            if people is None or (p, weekday) in people
        ]
        venue = series.venue
        if venue is not None and (venues is None or (venue, weekday) in venues):
            found.append((self.venues, (venue, weekday)))
        return found

    def may_collide(self, plan: SeriesPlan, lists: _Lists | None = None) -> bool:
        """Whether a session of *plan* overlaps in time with a session of a series booked
        for one of its people or its venue on the same day (False: it can be booked as it
        is). Rooms are not counted: a venue with room to spare may still say True.
        *lists* are the plan's places in the bookings, when already at hand."""
        if not plan.day_numbers:
            return False
        if lists is None:
            lists = self._lists(plan.series, _weekday(plan.day_numbers[0]))
        others = [other for table, key in lists for other in table.get(key, ())]
        if len(others) > 1:
            others = list({id(o): o for o in others}.values())
        return any(_overlap(plan, other) for other in others)

    def overlapping(self, series: Series, day: dt.date, minutes: int) -> list[tuple[str, str]]:
        """Every booking *series* would collide with: (what collides, the other series)."""
        begin = minute_of_day(series.start_time)
        end = begin + minutes
        number = day.toordinal()
        weekday = day.weekday()
        found: list[tuple[str, str]] = [
            (msg("{person} is already in {other}", person=person, other=other), other)
            for person in series.people
            for other, _ in _overlapping(self.people.get((person, weekday), ()), number, begin, end)
        ]
        if series.venue is not None:
            on = self.venues.get((series.venue, weekday), ())
            spans = dict(_overlapping(on, number, begin, end))
            rooms = self.rooms.get(series.venue, 1)
            if len(spans) >= rooms:
                # Full only if, at some moment of this session, every room is in use.
                for moment in sorted({begin, *(b for b, _ in spans.values() if begin < b < end)}):
                    busy = [o for o, (b, e) in spans.items() if b <= moment < e]
                    if len(busy) >= rooms:
                        found += [
                            (
                                msg(
                                    "venue {venue} is in use by {other}",
                                    venue=series.venue,
                                    other=o,
                                ),
                                o,
                            )
                            for o in busy
                        ]
                        break
        return found

    def book(self, plan: SeriesPlan, lists: _Lists | None = None) -> None:
        """Book the sessions of *plan*, next to whatever is booked on the same days
        (*lists*: its places in the bookings, when already at hand)."""
        if not plan.day_numbers:
            return
        if lists is None:
            lists = self._lists(plan.series, _weekday(plan.day_numbers[0]))
        for table, key in lists:
            taken = table.get(key)
            if taken is None:
                table[key] = [plan]
            else:
                taken.append(plan)


def minute_of_day(time: dt.time) -> int:
    """The minutes from midnight to *time* (seconds left out)."""
    return time.hour * 60 + time.minute


def _overlap(plan: SeriesPlan, other: SeriesPlan) -> bool:
    """Whether a session of *plan* and one of *other* overlap in time on some day."""
    begin = minute_of_day(plan.series.start_time)
    their_begin = minute_of_day(other.series.start_time)
    # The longest sessions bound every day's: apart, the two series never meet.
    if begin + plan.curriculum.longest <= their_begin:
        return False
    if their_begin + other.curriculum.longest <= begin:
        return False
    mine, theirs = plan._minutes, other._minutes
    if len(theirs) < len(mine):
        mine, theirs = theirs, mine
        begin, their_begin = their_begin, begin
    for day, minutes in mine.items():
        length = theirs.get(day)
        if length is not None and their_begin < begin + minutes and begin < their_begin + length:
            return True
    return False


def _overlapping(
    plans: Iterable[SeriesPlan], day: int, begin: int, end: int
) -> list[tuple[str, tuple[int, int]]]:
    """The series of *plans* with a session on *day* that overlaps the minutes from *begin*
    to *end*, each with that session's span (in minutes of the day)."""
    found = []
    for other in plans:
        minutes = other.minutes_on(day)
        if minutes is not None:
            b = minute_of_day(other.series.start_time)
            if b < end and begin < b + minutes:
                found.append((other.series.id, (b, b + minutes)))
    return found


def plan_program(
    program: Program,
    curricula: Mapping[str, Curriculum],
    calendar: ClosureCalendar | None = None,
    *,
    until: dt.date | None = None,
    clashes: ClashMode = ClashMode.SKIP,
    cancellations: Mapping[str, Sequence[Closure]] | None = None,
    groups: Sequence[str] | None = None,
    max_clash_share: float = MAX_CLASH_SHARE,
) -> ProgramPlan:
    """Plan the trainings, events and groups of *program* together.

    *curricula* maps ids to the curricula the program names. Series are planned in a fixed
    order (trainings, events, then groups as listed), so planning is deterministic. With
    ``ClashMode.SKIP`` a later series skips a slot where a person or venue is taken; with
    ``ClashMode.REPORT`` each series is planned on its own and every clash is a violation.
    No group session is planned on or before the day a worker's training ends; a worker
    with no training at all is a violation and their group is not planned.
    *groups* limits the groups planned (trainings and events are always planned). Without
    *until*, the groups and events are planned to :func:`default_until`, as ``joinus plan``
    does, and each training to its end, its follow-up coaching included.

    Nothing disappears silently: a series with slots up to the horizon but no session is a
    ``no-sessions`` violation, and one that loses more than *max_clash_share* of its slots
    to clashes (in skip mode) is a ``lost-to-clashes`` violation naming the other series.
    """
    if not 0 <= max_clash_share <= 1:
        raise PlanningError(
            msg("max_clash_share must lie between 0 and 1, not {share}", share=max_clash_share)
        )
    whole_trainings = until is None
    if until is None:
        until = default_until(program)
    planner = _ProgramPlanner(
        program,
        curricula,
        calendar or ClosureCalendar.for_program(program, until=until),
        _Bookings.for_program(program),
        until=until,
        clashes=clashes,
        cancellations=cancellations or {},
        max_clash_share=max_clash_share,
        whole_trainings=whole_trainings,
    )
    trained = planner.trainings()
    planner.events()
    planner.groups(trained, groups)
    return ProgramPlan(program.id, tuple(planner.plans), tuple(planner.violations))


def default_until(program: Program) -> dt.date:
    """The day a plan of *program* runs to when none is given: a year (52 weeks) after the
    last group starts (the last training, event or today's date when it has no groups)."""
    starts = [g.start_date for g in program.groups] or [t.start_date for t in program.trainings]
    starts += [e.date for e in program.events]
    return max(starts, default=dt.date.today()) + dt.timedelta(weeks=52)


def trained_on_differs(worker: str, trained_on: dt.date, end: dt.date, training: str) -> Message:
    """What is wrong when a worker's ``trained_on`` is not the day their cohort ends."""
    return msg(
        "worker {worker!r} has trained_on {trained_on}, but their training {training!r} "
        "ends on {end}: leave trained_on out, the training decides",
        worker=worker,
        trained_on=trained_on,
        training=training,
        end=end,
    )


def training_ends(
    program: Program, curricula: Mapping[str, Curriculum], calendar: ClosureCalendar | None = None
) -> dict[str, tuple[dt.date, str]]:
    """For each worker in one of *program*'s training cohorts, the day they are trained (the
    day the first of their cohorts ends, follow-up coaching aside) and that cohort's id."""
    planner = _ProgramPlanner(
        program,
        curricula,
        calendar or ClosureCalendar.for_program(program),
        _Bookings.for_program(program),
        until=None,
        clashes=ClashMode.SKIP,
        cancellations={},
    )
    return planner.cohorts()


class _ProgramPlanner:
    """Plans the series of one program in turn, booking each so later ones see it; collects
    the plans and the rules they break.

    *whole_trainings*: whether trainings are planned to their end past *until* (when none
    was asked for). ``grids`` holds the even grids planned so far, for series planned on the
    same grid.
    """

    def __init__(
        self,
        program: Program,
        curricula: Mapping[str, Curriculum],
        calendar: ClosureCalendar,
        bookings: _Bookings,
        until: dt.date | None,
        clashes: ClashMode,
        cancellations: Mapping[str, Sequence[Closure]],
        max_clash_share: float = MAX_CLASH_SHARE,
        whole_trainings: bool = False,
    ) -> None:
        self.program = program
        self.curricula = curricula
        self.calendar = calendar
        self.bookings = bookings
        self.until = until
        self.clashes = clashes
        self.cancellations = cancellations
        self.max_clash_share = max_clash_share
        self.whole_trainings = whole_trainings
        self.plans: list[SeriesPlan] = []
        self.violations: list[Violation] = []
        self.grids: _Grids = {}
        self.zone: zoneinfo.ZoneInfo = program.zone

    def curriculum(self, curriculum_id: str) -> Curriculum:
        """The given curriculum *curriculum_id*."""
        found = self.curricula.get(curriculum_id)
        if found is None:
            raise PlanningError(
                msg("curriculum {curriculum!r} is not given", curriculum=curriculum_id)
            )
        return found

    def trainings(self) -> dict[str, dt.date]:
        """Plan the trainings; return who is trained when.

        A worker in a training cohort is trained when the first of their cohorts ends; a
        ``trained_on`` date counts only for a worker trained elsewhere. A ``trained_on`` that
        differs from the end of the worker's cohort is a violation; the cohort decides.
        """
        program = self.program
        first = self.cohorts()
        trained: dict[str, dt.date] = {}
        for worker in program.workers:
            cohort = first.get(worker.id)
            if cohort is None:
                if worker.trained_on is not None:
                    trained[worker.id] = worker.trained_on
                continue
            trained[worker.id] = cohort[0]
            if worker.trained_on is not None and worker.trained_on != cohort[0]:
                self.violations.append(
                    Violation(
                        "trained-on-differs",
                        trained_on_differs(worker.id, worker.trained_on, *cohort),
                        (cohort[1],),
                        worker.trained_on,
                    )
                )
        return trained

    def cohorts(self) -> dict[str, tuple[dt.date, str]]:
        """Plan the trainings; for each worker in one, the day the first of theirs ends and
        its id."""
        program = self.program
        first: dict[str, tuple[dt.date, str]] = {}
        if program.trainings:
            cur = self.curriculum(program.curricula.training)
            for training in program.trainings:
                series = _training_series(program, training, cur, self.zone)
                # Planned to its end even past the horizon: it decides who is trained.
                result = self.plan(series, cur, training.start_date, None, None)
                end = _training_end(result, training.start_date)
                for worker_id in training.workers:
                    if worker_id not in first or end < first[worker_id][0]:
                        first[worker_id] = (end, training.id)
                if self.until is not None and not self.whole_trainings:
                    result = result.until(self.until)
                self.plans.append(result)
        return first

    def events(self) -> None:
        """Plan the events, each once."""
        for event in self.program.events:
            cur = self.curriculum(event.curriculum)
            series = _event_series(self.program, event, cur, self.zone)
            once = attrs.evolve(cur, repeats=False, repeat_from=None)
            self.plans.append(self.plan(series, once, event.date, None, self.until))

    def groups(self, trained: Mapping[str, dt.date], only: Sequence[str] | None) -> None:
        """Plan the groups (those in *only*, when given) whose workers are all *trained*,
        after they are."""
        program = self.program
        evenings = self.curriculum(program.curricula.groups) if program.groups else None
        for group in program.groups:
            if only is not None and group.id not in only:
                continue
            cur = self.curriculum(group.curriculum) if group.curriculum else evenings
            assert cur is not None
            untrained = [w for w in group.workers if w not in trained]
            if untrained:
                self.violations.extend(_untrained(group, untrained))
                continue
            wait = self._wait_for_training(group, max(map(trained.__getitem__, group.workers)))
            series = group_series(program, group, cur, self.zone)
            horizon = self.until
            if group.end_date is not None and (horizon is None or group.end_date < horizon):
                horizon = group.end_date
            self.plans.append(self.plan(series, cur, group.start_date, wait, horizon))

    def _wait_for_training(self, group: Group, ready: dt.date) -> Extra | None:
        """What closes the dates of *group* up to *ready*, when its workers are trained;
        None when it starts after. A plan that only reports does not wait: it says so."""
        if group.start_date > ready:
            return None
        if self.clashes is ClashMode.REPORT:
            self.violations.append(
                Violation(
                    "untrained-worker",
                    msg(
                        "group {group!r} starts {start}, before its workers "
                        "complete their training on {ready}",
                        group=group.id,
                        start=group.start_date,
                        ready=ready,
                    ),
                    (group.id,),
                    group.start_date,
                )
            )
            return None

        not_trained = msg("workers not yet trained")

        def wait(day: dt.date, minutes: int) -> str | None:
            return not_trained if day <= ready else None

        return wait

    def plan(
        self,
        series: Series,
        cur: Curriculum,
        start: dt.date,
        extra: Extra | None,
        horizon: dt.date | None,
    ) -> SeriesPlan:
        """Plan and book one series, skipping or reporting its clashes with those booked."""
        cancelled = (
            _cancelled(self.cancellations[series.id]) if series.id in self.cancellations else None
        )
        try:
            return self._plan_and_book(series, cur, start, extra, horizon, cancelled)
        except OutsideCalendar as exc:
            raise _outside(series, exc) from None

    def _plan_and_book(
        self,
        series: Series,
        cur: Curriculum,
        start: dt.date,
        extra: Extra | None,
        horizon: dt.date | None,
        cancelled: Mapping[dt.date, str] | None,
    ) -> SeriesPlan:
        result = _plan_series(
            series, cur, start, self.calendar, horizon, cancelled, extra, self.grids
        )
        # Most series share nobody and no venue with what is booked at the same time of day:
        # then there is no clash to look for. A series booked for one of its people or its
        # venue on its weekday is compared in time, then on the days both meet; only a
        # series that overlaps is planned again, slot by slot.
        lost: dict[int, tuple[str, ...]] = {}
        # A series meets on the weekday of its start, whatever dates it gets.
        lists = self.bookings._lists(series, start.weekday())
        if self.bookings.may_collide(result, lists):
            if self.clashes is ClashMode.SKIP:
                result = plan_series(
                    series,
                    cur,
                    start,
                    self.calendar,
                    until=horizon,
                    cancelled=cancelled,
                    extra=self._or_clash(series, extra, lost),
                )
            else:
                self.violations.extend(_clashes(self.bookings, result))
        self.bookings.book(result, lists)
        self.violations.extend(_losses(result, lost, self.max_clash_share, horizon))
        return result

    def _or_clash(
        self, series: Series, extra: Extra | None, lost: dict[int, tuple[str, ...]]
    ) -> Extra:
        """*extra*, then a clash of *series* with what is booked; notes in *lost* the day
        of each clash and the series it clashes with."""
        bookings = self.bookings

        def blocked(day: dt.date, minutes: int) -> str | None:
            reason = extra(day, minutes) if extra is not None else None
            if reason is not None:
                return reason
            found = bookings.overlapping(series, day, minutes)
            if not found:
                return None
            lost[day.toordinal()] = tuple(dict.fromkeys(other for _, other in found))
            return msg("clash: {what}", what=found[0][0])

        return blocked


def _training_series(
    program: Program, training: Training, curriculum: Curriculum, zone: zoneinfo.ZoneInfo
) -> Series:
    """The series of one training cohort: its coach leads, its workers attend."""
    return Series(
        id=training.id,
        kind=SeriesKind.TRAINING,
        title=f"{curriculum.title} ({training.id})",
        program=program.id,
        curriculum=curriculum.id,
        start_time=training.start_time,
        zone=zone,
        venue=training.venue,
        leaders=(training.coach,),
        participants=tuple(training.workers),
        school_holidays=training.follows_school_holidays,
    )


def _training_end(plan: SeriesPlan, start: dt.date) -> dt.date:
    """The day the training of *plan* ends: its last session that is not a follow-up."""
    return max(
        (s.day for s in plan.sessions if not plan.curriculum.is_follow_up(s.session)),
        default=start,
    )


def _event_series(
    program: Program, event: Event, curriculum: Curriculum, zone: zoneinfo.ZoneInfo
) -> Series:
    """The series of one event: nobody leads it, and school holidays do not close it."""
    return Series(
        id=event.id,
        kind=SeriesKind.EVENT,
        title=event.title,
        program=program.id,
        curriculum=curriculum.id,
        start_time=event.start_time,
        zone=zone,
        venue=event.venue,
        leaders=(),
        school_holidays=False,
    )


def _untrained(group: Group, workers: Iterable[str]) -> list[Violation]:
    return [
        Violation(
            "untrained-worker",
            msg(
                "worker {worker!r} guides group {group!r} but has no completed training",
                worker=w,
                group=group.id,
            ),
            (group.id,),
        )
        for w in workers
    ]


def _outside(series: Series, exc: OutsideCalendar) -> OutsideCalendar:
    """*exc*, said of *series*, with the ways to go on."""
    kind = _KINDS[series.kind]
    first, last = exc.known
    if exc.school:
        message = msg(
            "{kind} {series!r} would meet on {day}, outside the school holidays known "
            "for region {region} ({first} to {last}): name a school-holiday file of your "
            "own in the program (school_holidays_file), or set follows_school_holidays = "
            "false for {this_kind}",
            kind=kind,
            series=series.id,
            day=exc.day,
            region=exc.region,
            first=first,
            last=last,
            this_kind=_THIS_KIND[series.kind],
        )
    else:
        message = msg(
            "{kind} {series!r} would meet on {day}: {problem}",
            kind=kind,
            series=series.id,
            day=exc.day,
            problem=exc.message,
        )
    return OutsideCalendar(
        message, exc.day, exc.region, exc.known, school=exc.school, series=series.id
    )


def _losses(
    plan: SeriesPlan, lost: Mapping[int, tuple[str, ...]], share: float, horizon: dt.date | None
) -> list[Violation]:
    """The violations of a series that got no session, or lost too many slots to clashes."""
    if plan.day_numbers and not lost:
        return []
    series = plan.series
    slots = len(plan.day_numbers) + len(plan.skipped_numbers)
    if not slots:
        return []
    others = tuple(dict.fromkeys(o for day in sorted(lost) for o in lost[day]))
    names = ", ".join(repr(o) for o in others)
    first = dt.date.fromordinal(min(lost)) if lost else None
    kind = _KINDS[series.kind]
    if not plan.day_numbers:
        # The English is the same for one and for more; other languages may differ.
        why = (
            msg_n(
                "{count} of its {slots} slots clash with {names}",
                "{count} of its {slots} slots clash with {names}",
                len(lost),
                slots=slots,
                names=names,
            )
            if lost
            else msg_n(
                "all {count} of its slots are closed", "all {count} of its slots are closed", slots
            )
        )
        if horizon is not None:
            message = msg(
                "{kind} {series!r} gets no session up to {horizon}: {why}",
                kind=kind,
                series=series.id,
                horizon=horizon,
                why=why,
            )
        else:
            message = msg(
                "{kind} {series!r} gets no session: {why}", kind=kind, series=series.id, why=why
            )
        return [Violation("no-sessions", message, (series.id, *others), first)]
    if len(lost) > share * slots:
        message = msg(
            "{kind} {series!r} loses {lost} of its {slots} slots to "
            "clashes with {names} (at most {share:.0%} may be lost)",
            lost=len(lost),
            kind=kind,
            series=series.id,
            slots=slots,
            names=names,
            share=share,
        )
        return [Violation("lost-to-clashes", message, (series.id, *others), first)]
    return []


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
                    msg(
                        "{kind} {series!r} on {day}: {what}",
                        kind=_KINDS[plan.series.kind],
                        series=plan.series.id,
                        day=s.day,
                        what=what,
                    ),
                    (plan.series.id, other),
                    s.day,
                )
            )
    return found
