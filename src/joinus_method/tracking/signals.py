"""Signals for workers as of a date: who needs attention, why, since when, and whose.

Pure functions over the events of youths (a list of :class:`~.events.Event`, as
``Store.events()`` gives them), the program, the plans of its groups and the progress
framework. Only events that occurred on or before the date count: events after it change
nothing. Events are read in the order they occurred, ties in the order given (the order they
were recorded), so that a correction (a later event about the same session) wins.

Memberships come from JOINED and LEFT events, as :class:`~joinus_method.model.youths.Membership`
reads them: a youth is a member from the day they joined up to, not including, the day they
left. The signals about a youth (absences, an overdue evaluation, no progress, ready to leave)
are given for members on the date only; waiting is given for a youth placed or on a waiting
list who has not joined.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import UnknownId
from joinus_method.messages import Message, msg, msg_n
from joinus_method.model._rules import Checks, field
from joinus_method.model.framework import InstrumentScore, ProgressFramework
from joinus_method.model.program import Group, Program
from joinus_method.planning.schedule import ProgramPlan, SeriesPlan

from .events import AttendanceStatus, Event, EventKind, Road, roads_of

__all__ = ["Signal", "SignalKind", "SignalOptions", "Subject", "signals", "signals_of_roads"]


class Subject(enum.StrEnum):
    """What a signal is about."""

    YOUTH = "youth"
    GROUP = "group"


class SignalKind(enum.StrEnum):
    """Why a signal calls for a worker's attention."""

    ABSENCES = "absences"
    """The last sessions of the youth's group were all recorded absent."""
    EVALUATION_OVERDUE = "evaluation-overdue"
    """The youth's evaluation fell due and none was held."""
    NO_PROGRESS = "no-progress"
    """No domain level rose over the youth's last evaluations."""
    READY_TO_LEAVE = "ready-to-leave"
    """The youth meets the framework's leaving rule."""
    ABOVE_CAPACITY = "above-capacity"
    """The group has more members than its capacity."""
    BELOW_MINIMUM = "below-minimum"
    """The group has fewer members than it needs to run."""
    WAITING = "waiting"
    """The youth has waited for a group longer than allowed."""

    @property
    def about(self) -> Subject:
        """Whether signals of this kind name a youth or a group."""
        if self in (SignalKind.ABOVE_CAPACITY, SignalKind.BELOW_MINIMUM):
            return Subject.GROUP
        return Subject.YOUTH


_ORDER = {kind: index for index, kind in enumerate(SignalKind)}


@attrs.frozen
@shared_repr
class Signal:
    """Something that calls for a worker's attention, as of a date."""

    kind: SignalKind
    """Why."""
    who: str
    """The youth's pseudonym, or the group's id (see ``about``)."""
    group: str
    """The group it concerns: the youth's group (or the group they wait for), or the group
    itself."""
    since: dt.date
    """When the matter began: the first session of the run of absences, the day the
    evaluation fell due, the first evaluation after which no level rose, the assessment from
    which the leaving rule is met, the day the group's size went out of bounds (or the
    group's start), the day the youth began to wait."""
    message: Message
    """The reason in words, for a person."""
    attention: tuple[str, ...]
    """The ids of the people it needs: the workers of the group and, for a group signal,
    the coaches who trained them when known."""

    @property
    def about(self) -> Subject:
        """Whether ``who`` is a youth or a group."""
        return self.kind.about


@attrs.frozen
@shared_repr
class SignalOptions:
    """The thresholds of the signals."""

    absences: int = field(
        "Consecutive sessions recorded absent that make a signal.", default=2, minimum=1
    )
    no_progress_over: int = field(
        "The number of last evaluations (assessments with levels) over which no domain level "
        "rising makes a signal.",
        default=3,
        minimum=2,
    )
    waiting_weeks: int = field(
        "Weeks a youth may wait for a group (waitlisted or placed, not joined) before it "
        "makes a signal.",
        default=6,
        minimum=0,
    )

    def __attrs_post_init__(self) -> None:
        Checks(msg("signal options")).fields(self).done()


def signals(
    events: Iterable[Event],
    program: Program,
    plan: ProgramPlan | Iterable[SeriesPlan],
    framework: ProgressFramework,
    as_of: dt.date,
    *,
    absences: int = 2,
    no_progress_over: int = 3,
    waiting_weeks: int = 6,
    groups: Iterable[str] | None = None,
) -> list[Signal]:
    """Every signal for workers as of *as_of*, made from *events* that occurred by then;
    sorted by ``since``, then ``who``, then kind.

    About each youth who is a member of a group on *as_of* (the group's plan in *plan*):

    - ``ABSENCES``: the last *absences* planned sessions of the group up to *as_of* (those
      while the youth was a member) are all recorded ABSENT, the latest record of a session
      counting. A session recorded present, late or excused, or not recorded at all, breaks
      the run. ``since`` is the first session of the whole run.
    - ``EVALUATION_OVERDUE``: no assessment for more than ``framework.evaluation_weeks``
      weeks, counted from the latest assessment or, when there is none since the first
      evening, from the first evening (the group's first session on or after joining; a
      baseline taken at the intake does not start the clock early). This is the interval
      itself, not the evenings :func:`~joinus_method.planning.milestones.group_milestones`
      places evaluations on. ``since`` is the day it fell due.
    - ``NO_PROGRESS``: over the last *no_progress_over* assessments with levels, no domain's
      level (the latest rating of each domain, at each assessment) rose from the first of
      them to the last. ``since`` is the earliest assessment from which none rose. Not given
      when the youth is ready to leave.
    - ``READY_TO_LEAVE``: the latest levels and the scores of the latest answers meet the
      framework's leaving rule (:meth:`ProgressFramework.is_ready`). ``since`` is the
      assessment from which the rule has been met.

    About each youth waitlisted or placed who has not joined: ``WAITING`` when they have
    waited longer than *waiting_weeks* weeks since the first WAITLISTED or PLACED event of
    their wait.

    About each group of *groups* (by default every group the events name) that has started
    and not ended on *as_of*: ``ABOVE_CAPACITY`` or ``BELOW_MINIMUM`` by its members on that
    day; ``since`` is when the number of members went out of bounds (at the earliest the
    group's start). Pass the events of all the group's youths: members are counted from
    them.

    Raises :class:`~joinus_method.errors.InvalidValue` for a threshold out of range or a
    date that is not a date, and for levels or answers the framework refuses (looked at
    as far as the leaving rule needs: levels that leave a domain below the rule are not
    scored);
    :class:`~joinus_method.errors.UnknownId` for a group that is not in *program*.
    """
    return signals_of_roads(
        roads_of(events),
        program,
        plan,
        framework,
        as_of,
        absences=absences,
        no_progress_over=no_progress_over,
        waiting_weeks=waiting_weeks,
        groups=groups,
    )


def signals_of_roads(
    roads: Iterable[Road],
    program: Program,
    plan: ProgramPlan | Iterable[SeriesPlan],
    framework: ProgressFramework,
    as_of: dt.date,
    *,
    absences: int = 2,
    no_progress_over: int = 3,
    waiting_weeks: int = 6,
    groups: Iterable[str] | None = None,
) -> list[Signal]:
    """The signals of :func:`signals`, made from the youths' roads (as
    :meth:`Store.roads <joinus_method.tracking.store.Store.roads>` reads them, one youth at a
    time) rather than from a list of every event."""
    options = SignalOptions(absences, no_progress_over, waiting_weeks)
    checks = Checks(msg("signals"))
    checks.that(
        isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime),
        ("as_of",),
        msg("as_of must be a date, not {given!r}", given=as_of),
    )
    checks.done()
    context = _Context(program, _plans(plan), framework, as_of, options)
    found: list[Signal] = []
    spans: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    named: set[str] = set()
    for given in roads:
        road = _Road.read(given, as_of)
        found.extend(context.youth_signals(given.youth, road))
        for group_id, joined, left in road.memberships:
            spans.setdefault(group_id, []).append((joined, left))
        named |= road.groups
    for group_id in named if groups is None else dict.fromkeys(groups):
        found.extend(context.group_signals(group_id, spans.get(group_id, [])))
    return sorted(found, key=lambda s: (s.since, s.who, _ORDER[s.kind]))


# -- reading the events ----------------------------------------------------------------------


_occurred = operator.attrgetter("occurred")
_first = operator.itemgetter(0)


def _plans(plan: ProgramPlan | Iterable[SeriesPlan]) -> dict[str, SeriesPlan]:
    plans = plan.plans if isinstance(plan, ProgramPlan) else plan
    return {p.series.id: p for p in plans}


@attrs.define
class _Road:
    """What the signals need of one youth's events (up to the date, in order)."""

    memberships: list[tuple[str, dt.date, dt.date | None]] = attrs.Factory(list)
    """(group, joined, left) for each JOINED event, left None while open."""
    open: int | None = None
    """Index in ``memberships`` of the membership open on the date."""
    waiting: tuple[str, dt.date, EventKind] | None = None
    """The group waited for, the day the wait began and the kind of the last event of it."""
    attendance: dict[str, AttendanceStatus] = attrs.Factory(dict)
    """The latest recorded status of each session, by UID."""
    assessments: list[Event] = attrs.Factory(list)
    groups: set[str] = attrs.Factory(set)
    """Every group the events name."""

    @classmethod
    def read(cls, given: Road, as_of: dt.date) -> _Road:
        """What the signals need of *given*, by *as_of*: its events in the order they
        occurred (in the order recorded within a day)."""
        road = cls()
        attendance = road.attendance
        for day, uid, status in sorted(given.attendance, key=_first):
            if day <= as_of:
                attendance[uid] = status
        for event in sorted(given.events, key=_occurred):
            if event.occurred > as_of:
                break
            kind = event.kind
            if event.group is not None:
                road.groups.add(event.group)
            if kind is EventKind.ATTENDED:
                if event.session_uid is not None and event.status is not None:
                    attendance[event.session_uid] = event.status
            elif kind is EventKind.ASSESSED:
                road.assessments.append(event)
            elif kind is EventKind.JOINED:
                road.close(event.occurred)
                road.open = len(road.memberships)
                road.memberships.append((event.group or "", event.occurred, None))
                road.waiting = None
            elif kind is EventKind.LEFT:
                if road.open is not None and road.memberships[road.open][0] == event.group:
                    road.close(event.occurred)
            elif kind in (EventKind.WAITLISTED, EventKind.PLACED):
                began = road.waiting[1] if road.waiting is not None else event.occurred
                road.waiting = (event.group or "", began, kind)
            elif kind is EventKind.EXITED:
                road.waiting = None
        return road

    def close(self, day: dt.date) -> None:
        if self.open is not None:
            group, joined, _ = self.memberships[self.open]
            self.memberships[self.open] = (group, joined, day)
            self.open = None

    @property
    def group(self) -> str | None:
        """The group the youth is a member of on the date, if any."""
        return None if self.open is None else self.memberships[self.open][0]


@attrs.frozen
@shared_repr
class _Evenings:
    """The days and UIDs of one group's planned sessions."""

    days: tuple[dt.date, ...]
    uids: tuple[str, ...]


class _Context:
    """The program, plans, framework, date and options shared by every signal."""

    def __init__(
        self,
        program: Program,
        plans: Mapping[str, SeriesPlan],
        framework: ProgressFramework,
        as_of: dt.date,
        options: SignalOptions,
    ) -> None:
        self.program = program
        self.plans = plans
        self.framework = framework
        self.as_of = as_of
        self.options = options
        self._groups = {g.id: g for g in program.groups}
        self._evenings: dict[str, _Evenings] = {}
        self._workers: dict[str, tuple[str, ...]] = {}
        self._with_coaches: dict[str, tuple[str, ...]] = {}
        self._domains = framework.domain_ids
        self._scores: dict[tuple[str, tuple[tuple[int, str], ...]], InstrumentScore] = {}

    # -- the program and plans ---------------------------------------------------------------

    def group(self, group_id: str) -> Group:
        group = self._groups.get(group_id)
        if group is None:
            raise UnknownId(msg("group"), group_id)
        return group

    def evenings(self, group_id: str) -> _Evenings:
        found = self._evenings.get(group_id)
        if found is None:
            plan = self.plans.get(group_id)
            if plan is None:
                found = _Evenings((), ())
            else:
                found = _Evenings(plan.days, tuple(s.uid for s in plan.sessions))
            self._evenings[group_id] = found
        return found

    def workers(self, group_id: str) -> tuple[str, ...]:
        found = self._workers.get(group_id)
        if found is None:
            found = self._workers[group_id] = self.group(group_id).workers
        return found

    def workers_and_coaches(self, group_id: str) -> tuple[str, ...]:
        """The group's workers, then the coaches who trained them when known: a worker's
        ``trained_by``, and the coach of each training cohort of the program they are in."""
        found = self._with_coaches.get(group_id)
        if found is None:
            workers = self.workers(group_id)
            trained_by = {w.id: w.trained_by for w in self.program.workers}
            people = list(workers)
            for worker in workers:
                coach = trained_by.get(worker)
                if coach is not None:
                    people.append(coach)
                people.extend(t.coach for t in self.program.trainings if worker in t.workers)
            found = self._with_coaches[group_id] = tuple(dict.fromkeys(people))
        return found

    # -- about one youth ---------------------------------------------------------------------

    def youth_signals(self, youth: str, road: _Road) -> list[Signal]:
        found: list[Signal] = []
        waiting = road.waiting
        group_id = road.group
        if group_id is None:
            if waiting is not None:
                signal = self.waiting(youth, *waiting)
                if signal is not None:
                    found.append(signal)
            return found
        make = _Maker(youth, group_id, self.workers(group_id))
        run = self.absences(road, group_id)
        if run is not None:
            count, since = run
            found.append(
                make(
                    SignalKind.ABSENCES,
                    since,
                    msg_n(
                        "absent from the last session of group {group!r}, on {since}",
                        "absent from the last {count} sessions of group {group!r} in a row, "
                        "since {since}",
                        count,
                        group=group_id,
                        since=since,
                    ),
                )
            )
        overdue = self.overdue(road, group_id)
        if overdue is not None:
            found.append(make(SignalKind.EVALUATION_OVERDUE, overdue[0], overdue[1]))
        ready = self.ready_since(road.assessments)
        if ready is not None:
            found.append(
                make(
                    SignalKind.READY_TO_LEAVE,
                    ready,
                    msg(
                        "meets the leaving rule of {framework!r} since the assessment of {since}",
                        framework=self.framework.id,
                        since=ready,
                    ),
                )
            )
        else:
            still = _no_progress(road.assessments, self.options.no_progress_over)
            if still is not None:
                count, since = still
                found.append(
                    make(
                        SignalKind.NO_PROGRESS,
                        since,
                        msg(
                            "no domain level rose over the last {count} evaluations, since {since}",
                            count=count,
                            since=since,
                        ),
                    )
                )
        return found

    def waiting(self, youth: str, group_id: str, began: dt.date, kind: EventKind) -> Signal | None:
        waited = self.as_of - began
        if waited <= dt.timedelta(weeks=self.options.waiting_weeks):
            return None
        weeks = waited.days // 7
        if kind is EventKind.PLACED:
            text = msg_n(
                "placed in group {group!r} without joining it, waiting {count} week since {since}",
                "placed in group {group!r} without joining it, waiting {count} weeks since {since}",
                weeks,
                group=group_id,
                since=began,
            )
        else:
            text = msg_n(
                "on the waiting list of group {group!r} for {count} week, since {since}",
                "on the waiting list of group {group!r} for {count} weeks, since {since}",
                weeks,
                group=group_id,
                since=began,
            )
        return _Maker(youth, group_id, self.workers(group_id))(SignalKind.WAITING, began, text)

    def absences(self, road: _Road, group_id: str) -> tuple[int, dt.date] | None:
        """The length and first day of the run of absences ending at the group's last
        session up to the date, when it is long enough."""
        evenings = self.evenings(group_id)
        spans = [(j, left) for g, j, left in road.memberships if g == group_id]
        first = min(j for j, _ in spans)
        run = 0
        since = None
        for index in range(bisect.bisect_right(evenings.days, self.as_of) - 1, -1, -1):
            day = evenings.days[index]
            if day < first:
                break
            if not any(j <= day and (left is None or day < left) for j, left in spans):
                continue  # not their session: they were out of the group that day
            if road.attendance.get(evenings.uids[index]) is not AttendanceStatus.ABSENT:
                break
            run += 1
            since = day
        if since is None or run < self.options.absences:
            return None
        return run, since

    def overdue(self, road: _Road, group_id: str) -> tuple[dt.date, Message] | None:
        """The day the youth's evaluation fell due and why, when it is past."""
        assert road.open is not None
        joined = road.memberships[road.open][1]
        days = self.evenings(group_id).days
        index = bisect.bisect_left(days, joined)
        first = days[index] if index < len(days) else joined
        last = road.assessments[-1].occurred if road.assessments else None
        step = dt.timedelta(weeks=self.framework.evaluation_weeks)
        if last is None or last < first:
            due = first + step
            text = msg(
                "no evaluation since the first evening on {first}: it was due on {due}",
                first=first,
                due=due,
            )
        else:
            due = last + step
            text = msg(
                "no evaluation since the one of {last}: the next was due on {due}",
                last=last,
                due=due,
            )
        if self.as_of <= due:
            return None
        return due, text

    def ready_since(self, assessments: Sequence[Event]) -> dt.date | None:
        """The day of the assessment from which the youth has met the leaving rule, or None
        when the latest levels and scores do not meet it."""
        if not assessments:
            return None
        named = self.framework.ready.instruments
        levels: list[dict[str, int]] = []
        answers: list[dict[str, tuple[tuple[int, str], ...]]] = []
        now_levels: dict[str, int] = {}
        now_answers: dict[str, tuple[tuple[int, str], ...]] = {}
        for event in assessments:
            if event.levels:
                now_levels = {**now_levels, **dict(event.levels)}
            given = {name: items for name, items in event.answers if name in named}
            if given:
                now_answers = {**now_answers, **given}
            levels.append(now_levels)
            answers.append(now_answers)
        since = None
        for index in range(len(assessments) - 1, -1, -1):
            if not self.may_be_ready(levels[index]):
                break
            scores = {name: self.score(name, items) for name, items in answers[index].items()}
            if not self.framework.is_ready(levels[index], scores):
                break
            since = assessments[index].occurred
        return since

    def may_be_ready(self, levels: Mapping[str, int]) -> bool:
        """False when *levels* are valid and leave a domain unrated or below the rule's
        level: the youth is not ready, whatever the scores (the framework need not be asked).
        True otherwise, invalid levels included, which the framework then refuses."""
        framework = self.framework
        top = len(framework.levels)
        domains = self._domains
        for domain, level in levels.items():
            if domain not in domains or type(level) is not int or not 1 <= level <= top:
                return True
        least = framework.ready.min_level
        return all(levels.get(domain, 0) >= least for domain in domains)

    def score(self, instrument: str, answers: tuple[tuple[int, str], ...]) -> InstrumentScore:
        key = (instrument, answers)
        found = self._scores.get(key)
        if found is None:
            given: dict[int, str | None] = dict(answers)
            found = self._scores[key] = self.framework.instrument(instrument).score(given)
        return found

    # -- about one group ---------------------------------------------------------------------

    def group_signals(
        self, group_id: str, spans: Sequence[tuple[dt.date, dt.date | None]]
    ) -> list[Signal]:
        group = self.group(group_id)
        if group.start_date > self.as_of or (
            group.end_date is not None and group.end_date < self.as_of
        ):
            return []
        steps = _steps(spans, self.as_of)
        count = steps[-1][1] if steps else 0
        make = _Maker(group_id, group_id, self.workers_and_coaches(group_id))
        if count > group.capacity:
            since = _out_since(steps, group.start_date, lambda c: c > group.capacity)
            text = msg(
                "{count} members, above the capacity of {capacity}, since {since}",
                count=count,
                capacity=group.capacity,
                since=since,
            )
            return [make(SignalKind.ABOVE_CAPACITY, since, text)]
        if count < group.min_size:
            since = _out_since(steps, group.start_date, lambda c: c < group.min_size)
            text = msg_n(
                "{count} member, below the minimum of {minimum}, since {since}",
                "{count} members, below the minimum of {minimum}, since {since}",
                count,
                minimum=group.min_size,
                since=since,
            )
            return [make(SignalKind.BELOW_MINIMUM, since, text)]
        return []


@attrs.frozen
@shared_repr
class _Maker:
    """Makes the signals about one youth or group."""

    who: str
    group: str
    attention: tuple[str, ...]

    def __call__(self, kind: SignalKind, since: dt.date, message: Message) -> Signal:
        return Signal(kind, self.who, self.group, since, message, self.attention)


def _no_progress(assessments: Sequence[Event], over: int) -> tuple[int, dt.date] | None:
    """How many of the last assessments with levels no domain level rose over, and the day
    of the first of them, when at least *over*."""
    rated = [e for e in assessments if e.levels]
    if len(rated) < over:
        return None
    states: list[dict[str, int]] = []
    now: dict[str, int] = {}
    for event in rated:
        now = {**now, **dict(event.levels)}
        states.append(now)
    last = states[-1]

    def rose(index: int) -> bool:
        before = states[index]
        return any(d in before and level > before[d] for d, level in last.items())

    first = len(rated) - over
    if rose(first):
        return None
    while first > 0 and not rose(first - 1):
        first -= 1
    return len(rated) - first, rated[first].occurred


def _steps(
    spans: Sequence[tuple[dt.date, dt.date | None]], as_of: dt.date
) -> list[tuple[dt.date, int]]:
    """Each day up to *as_of* on which the number of members changed, with the number from
    that day on."""
    deltas: dict[dt.date, int] = {}
    for joined, left in spans:
        if left is not None and left <= joined:
            continue  # left the day they joined: never a member overnight
        deltas[joined] = deltas.get(joined, 0) + 1
        if left is not None:
            deltas[left] = deltas.get(left, 0) - 1
    steps: list[tuple[dt.date, int]] = []
    count = 0
    for day in sorted(deltas):
        if day > as_of:
            break
        count += deltas[day]
        steps.append((day, count))
    return steps


def _out_since(
    steps: Sequence[tuple[dt.date, int]], start: dt.date, out: Callable[[int], bool]
) -> dt.date:
    """The day from which the number of members has been *out* of bounds without a break,
    at the earliest *start*; the last step must be out."""
    index = len(steps) - 1
    while index > 0 and out(steps[index - 1][1]):
        index -= 1
    if index <= 0 and (not steps or out(0)):
        return start  # out of bounds before anyone joined
    return max(steps[index][0], start)
