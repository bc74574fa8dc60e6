"""Curricula: what is done at each link of the chain, session by session."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import graphlib

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import Problem, UnknownId
from joinus_method.messages import msg

from ._rules import ID_PATTERN, Checks, field, id_field, text_field

__all__ = [
    "Audience",
    "Curriculum",
    "Goal",
    "Leader",
    "Phase",
    "Pin",
    "Segment",
    "SegmentKind",
    "Session",
]


class Audience(enum.StrEnum):
    """Who a curriculum is for."""

    WORKERS = "workers"
    YOUTHS = "youths"
    PROFESSIONALS = "professionals"


class Leader(enum.StrEnum):
    """Who leads a curriculum, a session or a segment."""

    COACH = "coach"
    WORKERS = "workers"
    YOUTHS = "youths"
    EXPERT_BY_EXPERIENCE = "expert-by-experience"


class Pin(enum.StrEnum):
    """A fixed place of a session in its curriculum."""

    FIRST = "first"
    LAST = "last"


class SegmentKind(enum.StrEnum):
    """What happens in a part of a session."""

    OPENING_ROUND = "opening-round"
    ACTIVITY = "activity"
    PLANNING = "planning"
    INSTRUCTION = "instruction"
    EXERCISE = "exercise"
    DISCUSSION = "discussion"
    ONE_TO_ONE = "one-to-one"
    REFLECTION = "reflection"
    PRESENTATION = "presentation"
    BREAK = "break"
    CLOSING = "closing"


@attrs.frozen
@shared_repr
class Phase:
    """A stretch of a curriculum with one purpose, such as getting to know each other."""

    id: str = id_field("Identifier of the phase, used by sessions.")
    title: str = text_field("Name of the phase.")
    description: str = field("What the phase is for.", default="")
    cadence_weeks: int | None = field(
        "Weeks between sessions in this phase, when not the curriculum's cadence "
        "(such as the follow-up coaching after a training).",
        default=None,
        minimum=1,
        maximum=52,
    )
    follow_up: bool = field(
        "Sessions in this phase come after the curriculum counts as completed "
        "(the coach's follow-up coaching after a training).",
        default=False,
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("phase")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Goal:
    """Something a curriculum works toward; may serve a domain of the progress framework."""

    id: str = id_field("Identifier of the goal, used by sessions.")
    title: str = text_field("What the goal is.")
    domain: str | None = field(
        "Domain of the progress framework that this goal serves.", default=None
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("goal")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Segment:
    """A timed part of a session: an opening round, an activity, a one-to-one talk."""

    title: str = text_field("Name of the segment.")
    minutes: int = field("Length in minutes.", minimum=1, maximum=720)
    kind: SegmentKind = field("What kind of part this is.", default=SegmentKind.ACTIVITY)
    led_by: Leader | None = field(
        "Who leads this part, when not the session's leader.", default=None
    )
    description: str = field("What happens.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("segment")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Session:
    """One meeting of a curriculum, in its place in the order."""

    id: str = id_field("Identifier of the session, used by prerequisites.")
    title: str = text_field("Title of the session.")
    phase: str = field("Id of the phase this session belongs to.")
    minutes: int | None = field(
        "Length in minutes; the curriculum's default_minutes when left out.",
        default=None,
        minimum=1,
        maximum=720,
    )
    goals: tuple[str, ...] = field("Ids of the goals this session serves.", default=())
    requires: tuple[str, ...] = field(
        "Ids of earlier sessions that must have taken place first.", default=()
    )
    pinned: Pin | None = field("Keep this session first or last.", default=None)
    led_by: Leader | None = field("Who leads, when not the curriculum's leader.", default=None)
    description: str = field("What the session is about.", default="")
    segments: tuple[Segment, ...] = field("The timed parts of the session.", default=())

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("session")).fields(self)
        c.unique("goals", self.goals, lambda g: g, msg("goal"))
        c.unique("requires", self.requires, lambda r: r, msg("prerequisite"))
        if self.id in self.requires:
            c.fail(
                ("requires", self.requires.index(self.id)),
                msg("prerequisite cycle: session {session!r} requires itself", session=self.id),
            )
        c.done()

    def length(self, default_minutes: int) -> int:
        """The session's length in minutes, given its curriculum's default."""
        return self.minutes if self.minutes is not None else default_minutes


@attrs.frozen
@shared_repr
class Curriculum:
    """An ordered programme of sessions for one audience, in phases."""

    id: str = id_field("Identifier of the curriculum, used by programs.")
    title: str = text_field("Title of the curriculum.")
    audience: Audience = field("Who the curriculum is for.")
    led_by: Leader = field("Who leads the sessions.")
    cadence_weeks: int = field("Weeks between two sessions.", minimum=1, maximum=52)
    default_minutes: int = field("Length of a session in minutes.", minimum=1, maximum=720)
    phases: tuple[Phase, ...] = field("The phases, in order.")
    sessions: tuple[Session, ...] = field("The sessions, in order.")
    goals: tuple[Goal, ...] = field("The goals sessions serve.", default=())
    framework: str | None = field(
        "Id of the progress framework whose domains the goals name.", default=None
    )
    repeats: bool = field(
        "Start again when the last session is done (open groups): from the first session, "
        "or from the first session of the phase repeat_from names.",
        default=False,
    )
    repeat_from: str | None = field(
        "Id of the phase a repeating curriculum starts again from; the phases before it "
        "(such as a group's start) run once. Left out: from the first session.",
        default=None,
        pattern=ID_PATTERN,
    )
    summary: str = field("What the curriculum is, in a few sentences.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("curriculum")).fields(self)
        c.that(bool(self.phases), ("phases",), msg("a curriculum needs at least one phase"))
        c.that(bool(self.sessions), ("sessions",), msg("a curriculum needs at least one session"))
        phase_order = c.unique("phases", self.phases, lambda p: p.id)
        for i, (before, after) in enumerate(zip(self.phases, self.phases[1:], strict=False)):
            c.that(
                not before.follow_up or after.follow_up,
                ("phases", i + 1, "follow_up"),
                msg(
                    "phase {phase!r} comes after the follow-up phase {follow_up!r}: "
                    "follow-up phases come last",
                    phase=after.id,
                    follow_up=before.id,
                ),
            )
        goal_ids = c.unique("goals", self.goals, lambda g: g.id)
        position = c.unique("sessions", self.sessions, lambda s: s.id)
        self._check_repeat(c, phase_order)
        for i, goal in enumerate(self.goals):
            if goal.domain is not None and self.framework is None:
                c.fail(
                    ("goals", i, "domain"),
                    msg(
                        "goal {goal!r} names domain {domain!r} "
                        "but the curriculum names no framework",
                        goal=goal.id,
                        domain=goal.domain,
                    ),
                )
        self._check_sessions(c, phase_order, goal_ids, position)
        c.done()

    def _check_repeat(self, c: Checks, phase_order: dict[object, int]) -> None:
        if self.repeat_from is None:
            return
        here = ("repeat_from",)
        if not c.that(
            self.repeats,
            here,
            msg("repeat_from is for a curriculum that repeats: set repeats = true"),
        ):
            return
        if not c.known(here, self.repeat_from, phase_order, msg("phase")):
            return
        phase = self.phases[phase_order[self.repeat_from]]
        c.that(
            not phase.follow_up,
            here,
            msg("a follow-up phase cannot be repeated: {phase!r}", phase=phase.id),
        )
        c.that(
            any(s.phase == phase.id for s in self.sessions),
            here,
            msg("phase {phase!r} has no sessions to start again from", phase=phase.id),
        )

    @functools.cached_property
    def restart(self) -> int:
        """The index of the session a repeating curriculum starts again from."""
        if self.repeat_from is None:
            return 0
        return next(i for i, s in enumerate(self.sessions) if s.phase == self.repeat_from)

    def _check_sessions(
        self,
        c: Checks,
        phase_order: dict[object, int],
        goal_ids: dict[object, int],
        position: dict[object, int],
    ) -> None:
        last_phase = -1
        for i, s in enumerate(self.sessions):
            here = ("sessions", i)
            if c.known((*here, "phase"), s.phase, phase_order, msg("phase")):
                order = phase_order[s.phase]
                c.that(
                    order >= last_phase,
                    (*here, "phase"),
                    msg(
                        "session {session!r} is in phase {phase!r}, which comes before "
                        "phase {before!r} of the session before it",
                        session=s.id,
                        phase=s.phase,
                        before=self.phases[last_phase].id,
                    ),
                )
                last_phase = max(last_phase, order)
            for j, goal in enumerate(s.goals):
                c.known((*here, "goals", j), goal, goal_ids, msg("goal"))
            length = s.length(self.default_minutes)
            planned = sum(seg.minutes for seg in s.segments)
            c.that(
                planned <= length,
                (*here, "segments"),
                msg(
                    "segments take {planned} minutes but session {session!r} lasts {length}",
                    planned=planned,
                    session=s.id,
                    length=length,
                ),
            )
            if s.pinned is Pin.FIRST:
                c.that(i == 0, (*here, "pinned"), msg("a session pinned first must come first"))
                c.that(not s.requires, (*here, "requires"), msg("a first session requires nothing"))
            if s.pinned is Pin.LAST:
                c.that(
                    i == len(self.sessions) - 1,
                    (*here, "pinned"),
                    msg("a session pinned last must come last"),
                )
        if len(position) == len(self.sessions):
            # With duplicate ids the prerequisites are ambiguous; the duplicate is reported.
            c.problems.extend(self._prerequisite_problems(position))

    def _prerequisite_problems(self, position: dict[object, int]) -> list[Problem]:
        problems: list[Problem] = []
        graph: dict[str, list[str]] = {}
        for i, s in enumerate(self.sessions):
            for j, req in enumerate(s.requires):
                path = ("sessions", i, "requires", j)
                if req not in position:
                    problems.append(Problem(msg("unknown session {session!r}", session=req), path))
                elif req != s.id:
                    graph.setdefault(s.id, []).append(req)
        try:
            graphlib.TopologicalSorter(graph).prepare()
        except graphlib.CycleError as cycle:
            nodes = list(reversed(cycle.args[1]))
            first = nodes[0]
            where = position[first]
            assert isinstance(where, int)
            req_index = self.sessions[where].requires.index(nodes[1])
            problems.append(
                Problem(
                    msg("prerequisite cycle: {cycle}", cycle=" → ".join(nodes)),
                    ("sessions", where, "requires", req_index),
                )
            )
            return problems
        for i, s in enumerate(self.sessions):
            for j, req in enumerate(s.requires):
                at = position.get(req)
                if isinstance(at, int) and at > i:
                    problems.append(
                        Problem(
                            msg(
                                "session {session!r} requires {required!r}, which comes later",
                                session=s.id,
                                required=req,
                            ),
                            ("sessions", i, "requires", j),
                        )
                    )
        return problems

    def session(self, session_id: str) -> Session:
        """The session with id *session_id*."""
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise UnknownId(msg("session"), session_id)

    @functools.cached_property
    def gaps(self) -> tuple[dt.timedelta, ...]:
        """For each session, the time between it and the session before it on the grid."""
        return tuple(dt.timedelta(weeks=self.cadence_of(s)) for s in self.sessions)

    @functools.cached_property
    def even_gap(self) -> dt.timedelta | None:
        """The one gap between all sessions, or None when phases have cadences of their own."""
        gaps = set(self.gaps)
        return gaps.pop() if len(gaps) == 1 else None

    @functools.cached_property
    def lengths(self) -> tuple[int, ...]:
        """For each session, its length in minutes."""
        return tuple(s.length(self.default_minutes) for s in self.sessions)

    @functools.cached_property
    def longest(self) -> int:
        """The length in minutes of the longest session."""
        return max(self.lengths)

    def cadence_of(self, session: Session) -> int:
        """Weeks between *session* and the session before it."""
        for phase in self.phases:
            if phase.id == session.phase:
                return phase.cadence_weeks or self.cadence_weeks
        return self.cadence_weeks

    def is_follow_up(self, session: Session) -> bool:
        """Whether *session* comes after the curriculum counts as completed."""
        return any(p.id == session.phase and p.follow_up for p in self.phases)

    @property
    def total_minutes(self) -> int:
        """The length of all sessions together."""
        return sum(s.length(self.default_minutes) for s in self.sessions)

    def minutes_led_by(self, session: Session, leader: Leader) -> int:
        """The minutes of *session* that *leader* leads: its segments led by them (a
        segment is led by the session's leader unless it names its own), or the whole
        session when it has no segments."""
        own = session.led_by or self.led_by
        if not session.segments:
            return session.length(self.default_minutes) if own is leader else 0
        return sum(seg.minutes for seg in session.segments if (seg.led_by or own) is leader)

    def share_led_by(self, session: Session, leader: Leader) -> float:
        """The share of *session*'s minutes that *leader* leads, from 0 to 1."""
        return self.minutes_led_by(session, leader) / session.length(self.default_minutes)

    def framework_problems(self, domains: set[str] | frozenset[str]) -> list[Problem]:
        """The goals whose domain is not among *domains* of the named framework."""
        return [
            Problem(
                msg(
                    "unknown domain {domain!r} in framework {framework!r}",
                    domain=g.domain,
                    framework=self.framework,
                ),
                ("goals", i, "domain"),
            )
            for i, g in enumerate(self.goals)
            if g.domain is not None and g.domain not in domains
        ]
