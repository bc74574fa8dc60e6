"""A programme year of synthetic youths for a program and its plan, to record for a demo.

Every youth is invented and says so: the names read "Synthetische jongere", the pseudonyms
start with ``syn-``, and no contact details are given. Each youth's road keeps to the
journey's rules and to the plan: attendance only at the planned sessions of the youth's
group while a member, and no event after the group's last session of the year. The run
draws from one :class:`random.Random` seeded with *seed*, so the same arguments give the
same youths and events.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import random
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from joinus_method._repr import shared_repr
from joinus_method.model.curriculum import SegmentKind
from joinus_method.model.framework import Instrument, ProgressFramework
from joinus_method.model.people import age_on
from joinus_method.model.program import Group, Program
from joinus_method.model.youths import PersonalData
from joinus_method.planning.schedule import PlannedSession, ProgramPlan

from .events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    ExitReason,
    IntakeOutcome,
    SignalSource,
    TieKind,
)
from .journey import AGE_OF_CONSENT

__all__ = ["NAME", "PSEUDONYM_PREFIX", "SyntheticYouth", "simulate_year"]

NAME = "Synthetische jongere"
"""How every synthetic youth's name begins."""
PSEUDONYM_PREFIX = "syn-"
"""How every synthetic youth's pseudonym begins."""


@attrs.frozen
@shared_repr
class SyntheticYouth:
    """An invented youth: their personal data, and their events in batches to record."""

    personal: PersonalData
    """The name, date of birth and (empty) contact of the youth."""
    batches: tuple[tuple[Event, ...], ...]
    """The youth's events, in the order to record them: one batch per month."""

    @property
    def youth(self) -> str:
        """The youth's pseudonym."""
        return self.personal.youth

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event of the youth, in the order to record them."""
        return tuple(event for batch in self.batches for event in batch)


def simulate_year(
    program: Program,
    plan: ProgramPlan,
    framework: ProgressFramework,
    *,
    seed: int = 2021,
    per_group: int = 12,
    recorded_by: str | None = None,
    weeks: int = 52,
) -> list[SyntheticYouth]:
    """*per_group* synthetic youths for each group of *program* that *plan* holds, with
    their roads through the first *weeks* weeks of the group's sessions.

    Each youth is signalled, registered and has an intake; a few are not admitted and
    stop there. The others give consent (a parent for a youth under 16), are placed (or
    waitlisted while the group is full), join at a planned session (most at the first),
    attend, are assessed at the intake and about every ``framework.evaluation_weeks``
    weeks, set and reach personal challenges, organise activities and make ties. Some leave
    the group and exit (mostly self-reliant, some dropped out or moved), and some of those
    are followed up. Events are recorded by a worker of the group, or by *recorded_by*
    when given. The same arguments give equal results.
    """
    rng = random.Random(seed)
    zone = zoneinfo.ZoneInfo(program.timezone)
    plans = {p.series.id: p for p in plan.plans}
    earliest = plan.sessions[0].day if plan.sessions else None
    found: list[SyntheticYouth] = []
    for index, group in enumerate(program.groups, start=1):
        series = plans.get(group.id)
        if series is None or not series.sessions or per_group < 1:
            continue
        last = series.days[0] + dt.timedelta(weeks=max(weeks, 1))
        sessions = [s for s in series.sessions if s.day < last]
        run = _GroupRun(
            rng,
            group,
            index,
            sessions,
            framework,
            zone,
            earliest or sessions[0].day,
            recorded_by,
        )
        found.extend(run.run(per_group))
    return found


class _Role(enum.Enum):
    """How a synthetic youth's year goes."""

    GROWER = "grower"
    """Levels rise; self-reliant in the end, and often leaves."""
    FLAT = "flat"
    """Levels stay where they were."""
    DROPOUT = "dropout"
    """Stops coming, then drops out."""
    MOVER = "mover"
    """Leaves because the family moves."""
    NOT_ADMITTED = "not-admitted"
    """Not suitable for the group (or referred elsewhere) at the intake."""


_PACE = {
    _Role.GROWER: (0.65, 0.95),
    _Role.FLAT: (0.0, 0.0),
    _Role.DROPOUT: (0.2, 0.4),
    _Role.MOVER: (0.3, 0.6),
    _Role.NOT_ADMITTED: (0.0, 0.0),
}
"""The chance, per evaluation, that a domain's level rises: drawn between these."""

_INTAKE_NOTES = (
    "Is net verhuisd en kent nog bijna niemand in de buurt.",
    "Gamet veel alleen en wil meer mensen in het echt ontmoeten.",
    "Houdt van tekenen en wil graag nieuwe mensen leren kennen.",
    "Is na een lange ziekte het contact met vrienden kwijtgeraakt.",
    "Vindt het spannend om in een groep te praten, maar wil het proberen.",
    "Sport graag, maar durft zich niet bij een club aan te melden.",
)
_INTAKE_NOTES_YOUNG = ("Voelt zich op school vaak buitengesloten.",)
_INTAKE_NOTES_ADULT = (
    "Werkt veel en heeft buiten het werk weinig contact met leeftijdsgenoten.",
    "Woont sinds kort op kamers en mist de vrienden van vroeger.",
)
_NOT_ADMITTED_NOTES = {
    IntakeOutcome.NOT_SUITABLE: "Heeft nu eerst andere hulp nodig; dat is met de jongere "
    "besproken.",
    IntakeOutcome.REFERRED: "Samen met de jongere doorverwezen naar het wijkteam.",
}
_CHALLENGES = (
    "Zelf een berichtje sturen naar iemand uit de groep.",
    "Naar een proeftraining bij een sportclub gaan.",
    "In de groep vertellen waar ik goed in ben.",
    "Zelf een activiteit voor de groep voorstellen.",
    "Hulp vragen als iets niet lukt.",
    "Naar een verjaardag gaan en blijven tot het einde.",
    "Een open avond van een vereniging bezoeken.",
    "Een gesprek gaande houden met de buren.",
)
_CHALLENGES_YOUNG = ("Een klasgenoot aanspreken in de pauze.",)
_CHALLENGES_ADULT = ("Een collega vragen om samen te lunchen.",)
_ACTIVITIES = (
    "Een spelletjesavond voor de groep voorbereid.",
    "Met groepsgenoten een wandeling door de duinen georganiseerd.",
    "Een pizza-avond bedacht en de boodschappen gedaan.",
    "Een filmavond in het jongerencentrum geregeld.",
    "Een middag bowlen met de groep geregeld.",
    "Met twee groepsgenoten een kookavond voorbereid.",
    "Een fietstocht langs de kust uitgezet.",
    "Een muziekquiz voor de groep gemaakt.",
    "Een potje voetbal op het veldje naast het jongerencentrum geregeld.",
)
_OUTSIDE = (
    "buurmeisje",
    "buurjongen",
    "klasgenoot",
    "teamgenoot bij voetbal",
    "collega bij de bijbaan",
    "nicht",
    "iemand van de dansles",
    "oud-klasgenoot",
    "huisgenoot",
    "vriend van de kookcursus",
)
_EXIT_NOTES = {
    ExitReason.SELF_RELIANT: "Staat sterk genoeg in de eigen schoenen; komt misschien terug "
    "als vrijwilliger.",
    ExitReason.DROPPED_OUT: "Kwam niet meer en wil voorlopig niet verder met de groep.",
    ExitReason.MOVED: "Verhuisd naar een andere gemeente.",
}
_FOLLOW_UP_NOTES = (
    "Nagesprek: het gaat goed en ziet groepsgenoten nog geregeld.",
    "Nagesprek: heeft via de sportclub nieuwe vrienden gemaakt.",
    "Nagesprek: gaat vaker met collega's op stap.",
)
_SOURCES = (
    SignalSource.SCHOOL,
    SignalSource.PARENT,
    SignalSource.YOUTH_WORKER,
    SignalSource.GP,
    SignalSource.SELF,
    SignalSource.OTHER,
)
_SOURCE_WEIGHTS_YOUNG = (5, 4, 3, 2, 1, 1)
_SOURCE_WEIGHTS_ADULT = (1, 1, 4, 3, 3, 2)

_Answers = tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
"""Questionnaire answers as an assessment holds them."""


@attrs.define
class _Youth:
    """A synthetic youth while their year is made."""

    id: str
    name: str
    role: _Role
    mentor: str
    ready: int
    """The index of the session the youth may first join at."""
    wobbly: bool
    """Whether the youth has runs of absences."""
    pace: float
    born: dt.date = dt.date(2000, 1, 1)
    events: list[Event] = attrs.Factory(list)
    count: int = 0
    consent: ConsentBy | None = None
    joined: int | None = None
    first_evening: dt.date | None = None
    last_evaluation: dt.date | None = None
    levels: dict[str, int] = attrs.Factory(dict)
    answers: _Answers = ()
    ready_to_leave: bool = False
    leave_after: int | None = None
    reason: ExitReason | None = None
    absent: frozenset[int] = frozenset()
    attended: int = 0
    challenge: int = 0
    step: EventKind | None = None
    ties: list[tuple[str, TieKind]] = attrs.Factory(list)
    labels: list[str] = attrs.Factory(list)


class _GroupRun:
    """The year of one group, session by session."""

    def __init__(
        self,
        rng: random.Random,
        group: Group,
        index: int,
        sessions: Sequence[PlannedSession],
        framework: ProgressFramework,
        zone: zoneinfo.ZoneInfo,
        earliest: dt.date,
        recorded_by: str | None,
    ) -> None:
        self.rng = rng
        self.group = group
        self.index = index
        self.sessions = sessions
        self.days = [s.day for s in sessions]
        self.framework = framework
        self.zone = zone
        self.earliest = min(earliest, self.days[0])
        self.recorded_by = recorded_by
        self.domains = [d.id for d in framework.domains]
        self.top = len(framework.levels)
        self.instruments = [framework.instrument(name) for name in framework.ready.instruments]
        self.step = dt.timedelta(weeks=framework.evaluation_weeks)
        rooms = [
            sum(g.minutes for g in s.session.segments if g.kind is SegmentKind.ONE_TO_ONE)
            // framework.talk_minutes
            for s in sessions
        ]
        self.rooms: list[int | None] = [r if any(rooms) else None for r in rooms]
        self.members: list[_Youth] = []
        self.waiting: list[_Youth] = []
        self.joining: dict[int, list[_Youth]] = {}
        self.peers: set[tuple[str, str]] = set()
        self.stamps: dict[dt.date, dt.datetime] = {}
        self.withdrawn = False

    # -- the youths ---------------------------------------------------------------------------

    def run(self, count: int) -> list[SyntheticYouth]:
        """*count* youths of the group, with their roads through the year."""
        youths = self.cast(count)
        arrivals: dict[int, list[_Youth]] = {}
        for youth in youths:
            arrivals.setdefault(youth.ready, []).append(youth)
        young_given = self.group.age_band.min_age >= AGE_OF_CONSENT
        for k in range(len(self.sessions)):
            for youth in arrivals.get(k, []):
                force = not young_given and youth.role is not _Role.NOT_ADMITTED
                young_given = young_given or force
                self.arrive(youth, k, young=force)
            self.evening(k)
        return [
            SyntheticYouth(
                PersonalData(y.id, y.name, y.born, ""),
                _batches(y.events),
            )
            for y in youths
        ]

    def cast(self, count: int) -> list[_Youth]:
        """*count* youths, with their roles and the sessions they may join at."""
        rng = self.rng
        roles = (
            [_Role.NOT_ADMITTED] * (max(1, count // 10) if count >= 4 else 0)
            + [_Role.FLAT] * (count // 6)
            + [_Role.DROPOUT] * (count // 8)
            + [_Role.MOVER] * (count // 12)
        )
        roles += [_Role.GROWER] * (count - len(roles))
        rng.shuffle(roles)
        last_join = max(1, (len(self.sessions) * 3) // 5)
        admitted = [i for i, role in enumerate(roles) if role is not _Role.NOT_ADMITTED]
        founders = set(admitted[: -(-len(admitted) * 2 // 3)])
        youths = []
        for i, role in enumerate(roles):
            n = i + 1
            late = len(self.sessions) > 1 and i not in founders
            ready = rng.randint(1, min(last_join, len(self.sessions) - 1)) if late else 0
            low, high = _PACE[role]
            youths.append(
                _Youth(
                    id=f"{PSEUDONYM_PREFIX}{self.index}-{n}",
                    name=f"{NAME} {self.index}-{n}",
                    role=role,
                    mentor=self.group.workers[i % 2],
                    ready=ready,
                    wobbly=rng.random() < 0.3,
                    pace=rng.uniform(low, high),
                )
            )
        return youths

    def arrive(self, youth: _Youth, k: int, *, young: bool) -> None:
        """The road of *youth* up to placement, for joining at session *k*."""
        rng = self.rng
        first = self.days[k]
        extra = rng.randint(0, 2) if k == 0 else 0
        intake = self.clamp(first - dt.timedelta(weeks=self.framework.intake_weeks + extra))
        signalled = self.clamp(intake - dt.timedelta(days=rng.randint(7, 35)))
        registered = signalled + dt.timedelta(days=rng.randint(0, (intake - signalled).days))
        youth.born = self.born(signalled, intake, young=young)
        adult = age_on(youth.born, signalled) >= 18
        weights = _SOURCE_WEIGHTS_ADULT if adult else _SOURCE_WEIGHTS_YOUNG
        source = rng.choices(_SOURCES, weights)[0]
        self.add(youth, EventKind.SIGNALLED, signalled, source=source)
        self.add(youth, EventKind.REGISTERED, registered)
        if youth.role is _Role.NOT_ADMITTED:
            outcome = IntakeOutcome.REFERRED if rng.random() < 0.3 else IntakeOutcome.NOT_SUITABLE
            why = _NOT_ADMITTED_NOTES[outcome]
            self.add(youth, EventKind.INTAKE_HELD, intake, outcome=outcome, note=why)
            return
        own = _INTAKE_NOTES_ADULT if age_on(youth.born, intake) >= 18 else _INTAKE_NOTES_YOUNG
        note = rng.choice(_INTAKE_NOTES + own) if rng.random() < 0.6 else None
        self.add(youth, EventKind.INTAKE_HELD, intake, outcome=IntakeOutcome.SUITABLE, note=note)
        adult_now = age_on(youth.born, intake) >= AGE_OF_CONSENT
        youth.consent = ConsentBy.YOUTH if adult_now else ConsentBy.PARENT
        self.add(youth, EventKind.CONSENT_GIVEN, intake, by=youth.consent)
        joining = self.joining.setdefault(k, [])
        free = self.group.capacity - len(self.members) - len(joining)
        if free > 0 and not self.waiting:
            self.place(youth, intake, k)
        else:
            self.add(youth, EventKind.WAITLISTED, intake, group=self.group.id)
            self.waiting.append(youth)

    def place(self, youth: _Youth, day: dt.date, k: int) -> None:
        """Place *youth* on *day*, take the baseline, and let them join at session *k*."""
        self.add(youth, EventKind.PLACED, day, group=self.group.id)
        youth.levels = {
            d: self.rng.randint(max(1, self.least - 2), max(1, self.least - 1))
            for d in self.domains
        }
        self.assess(youth, day, self.stamp(day, 16))
        self.joining.setdefault(k, []).append(youth)

    def born(self, signalled: dt.date, intake: dt.date, *, young: bool) -> dt.date:
        """A date of birth that keeps the youth in the group's ages from *signalled* to the
        end of the year; under 16 at *intake* when *young*."""
        band = self.group.age_band
        low = _years_before(self.days[-1], band.max_age + 1) + dt.timedelta(days=1)
        high = _years_before(signalled, band.min_age)
        if young:
            low = max(low, _years_before(intake, AGE_OF_CONSENT) + dt.timedelta(days=1))
        if high < low:
            return _years_before(signalled, band.min_age)
        return low + dt.timedelta(days=self.rng.randint(0, (high - low).days))

    # -- the evenings -------------------------------------------------------------------------

    def evening(self, k: int) -> None:
        """Everything that happens at session *k* and up to the next."""
        rng = self.rng
        day = self.days[k]
        session = self.sessions[k]
        for youth in self.joining.pop(k, []):
            self.join(youth, k)
        present: list[_Youth] = []
        for youth in self.members:
            if youth.consent is ConsentBy.PARENT and age_on(youth.born, day) >= AGE_OF_CONSENT:
                youth.consent = ConsentBy.YOUTH
                self.add(youth, EventKind.CONSENT_GIVEN, day, by=ConsentBy.YOUTH)
            if youth.joined == k:
                self.add(youth, EventKind.JOINED, day, group=self.group.id)
            status = self.status(youth, k)
            self.add(
                youth,
                EventKind.ATTENDED,
                day,
                self.evening_stamp(day),
                self.group.workers[k % 2],
                group=self.group.id,
                session_uid=session.uid,
                status=status,
            )
            if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
                youth.attended += 1
                present.append(youth)
        self.evaluations(k, present)
        for youth in present:
            self.challenge(youth, day)
            self.ties(youth, day, present)
        for youth in present:
            if youth.leave_after != k and rng.random() < (
                0.12 if youth.role is _Role.GROWER else 0.04
            ):
                after = rng.randint(1, 5)
                bound = self.days[k + 1] - dt.timedelta(days=1) if k + 1 < len(self.days) else day
                when = min(day + dt.timedelta(days=after), bound)
                self.add(youth, EventKind.ACTIVITY_ORGANISED, when, note=rng.choice(_ACTIVITIES))
        for youth in [y for y in self.members if y.leave_after == k]:
            self.leave(youth, k)
        if k + 1 < len(self.days):
            joining = self.joining.setdefault(k + 1, [])
            while self.waiting and len(self.members) + len(joining) < self.group.capacity:
                youth = self.waiting.pop(0)
                self.place(youth, min(day + dt.timedelta(days=2), self.days[k + 1]), k + 1)

    def join(self, youth: _Youth, k: int) -> None:
        """Make *youth* a member from session *k*, with the absences and leaving of their
        year."""
        rng = self.rng
        last = len(self.days) - 1
        youth.joined = k
        youth.first_evening = self.days[k]
        absent: set[int] = set()
        if youth.wobbly:
            for _ in range(rng.randint(1, 2)):
                if k + 2 <= last:
                    start = rng.randint(k + 2, last)
                    absent.update(range(start, min(last, start + rng.randint(2, 3)) + 1))
        if youth.role is _Role.DROPOUT and k + 3 <= last - 1:
            start = rng.randint(k + 3, last - 1)
            stop = min(last, start + rng.randint(1, 3))
            absent.update(range(start, stop + 1))
            if stop < last:
                youth.leave_after = stop
                youth.reason = ExitReason.DROPPED_OUT
        elif youth.role is _Role.MOVER and k + 3 <= last - 1:
            youth.leave_after = rng.randint(k + 3, last - 1)
            youth.reason = ExitReason.MOVED
        youth.absent = frozenset(absent)
        self.members.append(youth)

    def status(self, youth: _Youth, k: int) -> AttendanceStatus:
        """How *youth* attends session *k*: present at the first, absent in a run."""
        if youth.joined == k:
            return AttendanceStatus.PRESENT
        if k in youth.absent:
            return AttendanceStatus.ABSENT
        draw = self.rng.random()
        if draw < 0.8:
            return AttendanceStatus.PRESENT
        if draw < 0.88:
            return AttendanceStatus.LATE
        if draw < 0.96:
            return AttendanceStatus.EXCUSED
        return AttendanceStatus.ABSENT

    def evaluations(self, k: int, present: Iterable[_Youth]) -> None:
        """The evaluations due of the youths *present* at session *k*, as far as the
        evening has room for talks; now and then one is put off."""
        day = self.days[k]
        due: list[tuple[dt.date, int, _Youth]] = []
        for order, youth in enumerate(present):
            assert youth.first_evening is not None
            since = youth.first_evening
            if youth.last_evaluation is not None and youth.last_evaluation >= since:
                since = youth.last_evaluation
            if since + self.step <= day:
                due.append((since + self.step, order, youth))
        room = self.rooms[k]
        for _, _, youth in sorted(due, key=lambda d: (d[0], d[1])):
            if room is not None and room <= 0:
                break
            if self.rng.random() < 0.1:
                continue
            if room is not None:
                room -= 1
            self.grow(youth)
            self.assess(youth, day, self.stamp(day, 21, 45))
            youth.last_evaluation = day
            if (
                youth.ready_to_leave
                and youth.role is _Role.GROWER
                and youth.leave_after is None
                and self.rng.random() < 0.7
            ):
                after = k + self.rng.randint(1, 3)
                if after < len(self.days) - 1:
                    youth.leave_after = after
                    youth.reason = ExitReason.SELF_RELIANT

    def grow(self, youth: _Youth) -> None:
        """Raise some of *youth*'s levels, as their pace says."""
        if youth.pace <= 0:
            return
        below = [d for d in self.domains if youth.levels[d] < self.top]
        if not below:
            return
        rose = [
            d
            for d in below
            if self.rng.random() < youth.pace + (0.15 if youth.levels[d] < self.least else 0)
        ]
        for domain in rose or [self.rng.choice(below)]:
            youth.levels[domain] += 1

    def assess(self, youth: _Youth, day: dt.date, at: dt.datetime) -> None:
        """An assessment of *youth* on *day*: their levels, and answers to the instruments
        of the leaving rule that fit them."""
        deficit = sum(max(0, self.least - level) for level in youth.levels.values())
        if youth.role is not _Role.FLAT or not youth.answers:
            lonely = deficit > 0 or self.rng.random() < 0.15
            worst = max(1, len(self.domains) * max(1, self.least - 1))
            youth.answers = tuple(
                (i.id, _answers(i, _target(i, lonely, deficit / worst, self.rng), self.rng))
                for i in self.instruments
            )
        levels = tuple((d, youth.levels[d]) for d in self.domains)
        self.add(
            youth,
            EventKind.ASSESSED,
            day,
            at,
            rater=self.recorded_by or youth.mentor,
            levels=levels,
            answers=youth.answers,
        )
        scores = {
            name: self.framework.instrument(name).score(dict(given))
            for name, given in youth.answers
        }
        youth.ready_to_leave = not self.framework.readiness_gaps(dict(levels), scores)

    def challenge(self, youth: _Youth, day: dt.date) -> None:
        """A step on *youth*'s personal challenge, now and then."""
        rng = self.rng
        grows = youth.role is _Role.GROWER
        if youth.step is None or youth.step is EventKind.CHALLENGE_ACHIEVED:
            if youth.attended >= 2 and rng.random() < (0.5 if youth.step is None else 0.3):
                youth.challenge += 1
                youth.step = EventKind.CHALLENGE_SET
                adult = age_on(youth.born, day) >= 18
                note = rng.choice(_CHALLENGES + (_CHALLENGES_ADULT if adult else _CHALLENGES_YOUNG))
                self.add(youth, youth.step, day, challenge=f"ch-{youth.challenge}", note=note)
            return
        if youth.step is EventKind.CHALLENGE_SET and rng.random() < 0.4:
            youth.step = EventKind.CHALLENGE_TRIED
        elif youth.step is EventKind.CHALLENGE_TRIED and rng.random() < (0.4 if grows else 0.08):
            youth.step = EventKind.CHALLENGE_ACHIEVED
        else:
            return
        self.add(youth, youth.step, day, challenge=f"ch-{youth.challenge}")

    def ties(self, youth: _Youth, day: dt.date, present: Sequence[_Youth]) -> None:
        """Ties *youth* makes at the evening with a peer or with someone outside, and ties
        that end."""
        rng = self.rng
        if youth.ties and rng.random() < 0.04:
            other, kind = youth.ties.pop(rng.randrange(len(youth.ties)))
            self.add(youth, EventKind.TIE_ENDED, day, tie_with=other, tie=kind)
        if rng.random() < 0.12:
            free = [
                p for p in present if p is not youth and _pair(youth.id, p.id) not in self.peers
            ]
            if free:
                peer = rng.choice(free)
                self.peers.add(_pair(youth.id, peer.id))
                youth.ties.append((peer.id, TieKind.PEER))
                self.add(youth, EventKind.TIE_MADE, day, tie_with=peer.id, tie=TieKind.PEER)
        if youth.role is _Role.GROWER and rng.random() < 0.06:
            labels = [label for label in _OUTSIDE if label not in youth.labels]
            if labels and len(youth.labels) < 3:
                label = rng.choice(labels)
                youth.labels.append(label)
                youth.ties.append((label, TieKind.OUTSIDE))
                self.add(youth, EventKind.TIE_MADE, day, tie_with=label, tie=TieKind.OUTSIDE)

    def leave(self, youth: _Youth, k: int) -> None:
        """*youth* leaves the group the day after session *k* and exits; a self-reliant
        youth is followed up some weeks later when the year reaches that far."""
        rng = self.rng
        day = self.days[k] + dt.timedelta(days=1)
        reason = youth.reason or ExitReason.OTHER
        self.members.remove(youth)
        self.add(youth, EventKind.LEFT, day, group=self.group.id)
        self.add(youth, EventKind.EXITED, day, reason=reason, note=_EXIT_NOTES.get(reason))
        if reason is ExitReason.DROPPED_OUT:
            if rng.random() < 0.7 or not self.withdrawn:
                self.withdrawn = True
                under = age_on(youth.born, day) < AGE_OF_CONSENT
                by = ConsentBy.PARENT if under else ConsentBy.YOUTH
                self.add(youth, EventKind.CONSENT_WITHDRAWN, day, by=by)
                youth.consent = None
            return
        if reason is not ExitReason.SELF_RELIANT:
            return
        after = day + dt.timedelta(weeks=rng.randint(6, max(6, self.framework.evaluation_weeks)))
        index = bisect.bisect_left(self.days, after)
        if index < len(self.days):
            follow = self.days[index]
            note = rng.choice(_FOLLOW_UP_NOTES)
            self.add(youth, EventKind.FOLLOWED_UP, follow, note=note)
            self.assess(youth, follow, self.stamp(follow, 15))

    # -- events -------------------------------------------------------------------------------

    @property
    def least(self) -> int:
        """The level the leaving rule asks of every domain."""
        return self.framework.ready.min_level

    def add(
        self,
        youth: _Youth,
        kind: EventKind,
        day: dt.date,
        at: dt.datetime | None = None,
        worker: str | None = None,
        **fields: Any,
    ) -> None:
        """Add an event of *kind* on *day* to *youth*'s road."""
        youth.count += 1
        youth.events.append(
            Event(
                kind=kind,
                youth=youth.id,
                occurred=day,
                recorded_by=self.recorded_by or worker or youth.mentor,
                recorded_at=at or self.stamp(day, 10 + youth.count % 7),
                id=f"{youth.id}-{youth.count}",
                **fields,
            )
        )

    def stamp(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        """*day* at *hour*:*minute* in the program's time zone."""
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.zone)

    def evening_stamp(self, day: dt.date) -> dt.datetime:
        """When the attendance of the evening *day* is recorded: one time for all."""
        found = self.stamps.get(day)
        if found is None:
            found = self.stamps[day] = self.stamp(day, 21, 30)
        return found

    def clamp(self, day: dt.date) -> dt.date:
        """*day*, or the first day of the plan when it lies before."""
        return max(day, self.earliest)


def _pair(one: str, other: str) -> tuple[str, str]:
    """Two youths as a pair, in either order."""
    return (one, other) if one < other else (other, one)


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day *years* years before *day* (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _target(instrument: Instrument, lonely: bool, severity: float, rng: random.Random) -> int:
    """A total on *instrument* in a lonely band (higher the more *severe*) or not."""
    low, high = instrument.score_range
    totals = [t for t in range(low, high + 1) if instrument.band_for(t) is not None]
    sad = [t for t in totals if (band := instrument.band_for(t)) is not None and band.lonely]
    calm = [t for t in totals if t not in sad]
    if lonely and sad:
        place = round(severity * (len(sad) - 1)) + rng.randint(-1, 1)
        return sad[min(len(sad) - 1, max(0, place))]
    if not lonely and calm:
        return rng.choice(calm)
    return high if lonely else low


def _answers(
    instrument: Instrument, target: int, rng: random.Random
) -> tuple[tuple[int, str], ...]:
    """Answers to every item of *instrument* that score *target* (or as near below it as
    the items allow)."""
    options: list[dict[int, list[str]]] = []
    for item in instrument.items:
        by_points: dict[int, list[str]] = {}
        for option in instrument.options:
            by_points.setdefault(option.points(item.keyed), []).append(option.id)
        options.append(by_points)
    points = [min(by_points) for by_points in options]
    total = sum(points)
    order = list(range(len(options)))
    rng.shuffle(order)
    for i in order:
        left = target - total
        if left <= 0:
            break
        best = max(p for p in options[i] if p - points[i] <= left)
        total += best - points[i]
        points[i] = best
    return tuple(
        (item.number, rng.choice(options[i][points[i]])) for i, item in enumerate(instrument.items)
    )


def _batches(events: Sequence[Event]) -> tuple[tuple[Event, ...], ...]:
    """*events* in batches, one per month they occurred in."""
    batches: list[tuple[Event, ...]] = []
    current: list[Event] = []
    month: tuple[int, int] | None = None
    for event in events:
        key = (event.occurred.year, event.occurred.month)
        if current and key != month:
            batches.append(tuple(current))
            current = []
        month = key
        current.append(event)
    if current:
        batches.append(tuple(current))
    return tuple(batches)
