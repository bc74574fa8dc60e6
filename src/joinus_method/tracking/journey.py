"""A youth's road as a state machine: which event may follow which.

An event that breaks the road is refused with :class:`EventRefused` and changes nothing. The
state of a youth is made from their events alone, in the order they were recorded, so the
state rebuilt from all events equals the state kept up to date event by event.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import JoinUsError
from joinus_method.messages import msg
from joinus_method.model.people import age_on

from .events import ConsentBy, Event, EventKind, IntakeOutcome

__all__ = ["AGE_OF_CONSENT", "EventRefused", "Stage", "YouthState", "advance", "apply", "replay"]

AGE_OF_CONSENT = 16
"""From this age a youth consents for themselves; under it a parent or guardian does."""


class EventRefused(JoinUsError, ValueError):
    """An event breaks a youth's road (or a privacy rule) and was not recorded."""

    def __init__(self, message: str, event: Event) -> None:
        super().__init__(message)
        self.event = event


class Stage(enum.StrEnum):
    """Where a youth stands on the road."""

    NEW = "new"
    SIGNALLED = "signalled"
    REGISTERED = "registered"
    INTAKE_DONE = "intake-done"
    NOT_ADMITTED = "not-admitted"
    WAITING = "waiting"
    PLACED = "placed"
    MEMBER = "member"
    OUT_OF_GROUP = "out-of-group"
    EXITED = "exited"
    FOLLOWED_UP = "followed-up"


_IN_PROGRAMME = frozenset(
    {
        Stage.REGISTERED,
        Stage.INTAKE_DONE,
        Stage.NOT_ADMITTED,
        Stage.WAITING,
        Stage.PLACED,
        Stage.MEMBER,
        Stage.OUT_OF_GROUP,
    }
)
_ADMITTED = frozenset(
    {Stage.INTAKE_DONE, Stage.WAITING, Stage.PLACED, Stage.MEMBER, Stage.OUT_OF_GROUP}
)

# For each kind: the stages it may come in, and the stage it leads to (None: it stays).
_MOVES: Mapping[EventKind, tuple[frozenset[Stage], Stage | None]] = {
    EventKind.SIGNALLED: (frozenset({Stage.NEW}), Stage.SIGNALLED),
    EventKind.REGISTERED: (frozenset({Stage.NEW, Stage.SIGNALLED}), Stage.REGISTERED),
    EventKind.INTAKE_HELD: (frozenset({Stage.REGISTERED}), None),
    # Consent may be given again after the exit, for the follow-up measurement.
    EventKind.CONSENT_GIVEN: (_IN_PROGRAMME | {Stage.EXITED, Stage.FOLLOWED_UP}, None),
    EventKind.CONSENT_WITHDRAWN: (_IN_PROGRAMME | {Stage.EXITED, Stage.FOLLOWED_UP}, None),
    EventKind.WAITLISTED: (frozenset({Stage.INTAKE_DONE, Stage.OUT_OF_GROUP}), Stage.WAITING),
    EventKind.PLACED: (
        frozenset({Stage.INTAKE_DONE, Stage.WAITING, Stage.OUT_OF_GROUP}),
        Stage.PLACED,
    ),
    EventKind.JOINED: (frozenset({Stage.PLACED}), Stage.MEMBER),
    EventKind.LEFT: (frozenset({Stage.MEMBER}), Stage.OUT_OF_GROUP),
    EventKind.ATTENDED: (frozenset({Stage.MEMBER}), None),
    EventKind.ASSESSED: (_ADMITTED | {Stage.EXITED, Stage.FOLLOWED_UP}, None),
    EventKind.CHALLENGE_SET: (frozenset({Stage.MEMBER}), None),
    EventKind.CHALLENGE_TRIED: (frozenset({Stage.MEMBER}), None),
    EventKind.CHALLENGE_ACHIEVED: (frozenset({Stage.MEMBER}), None),
    EventKind.ACTIVITY_ORGANISED: (frozenset({Stage.MEMBER}), None),
    EventKind.TIE_MADE: (_ADMITTED | {Stage.EXITED}, None),
    EventKind.TIE_ENDED: (_ADMITTED | {Stage.EXITED, Stage.FOLLOWED_UP}, None),
    EventKind.EXITED: (_IN_PROGRAMME - {Stage.MEMBER}, Stage.EXITED),
    EventKind.FOLLOWED_UP: (frozenset({Stage.EXITED}), Stage.FOLLOWED_UP),
}
_ATTENDED = EventKind.ATTENDED
_MEMBER = Stage.MEMBER
# The kinds that store progress data: they need consent on record.
_NEEDS_CONSENT = frozenset(
    {
        EventKind.ATTENDED,
        EventKind.ASSESSED,
        EventKind.CHALLENGE_SET,
        EventKind.CHALLENGE_TRIED,
        EventKind.CHALLENGE_ACHIEVED,
        EventKind.ACTIVITY_ORGANISED,
        EventKind.TIE_MADE,
        EventKind.TIE_ENDED,
    }
)


@attrs.frozen
@shared_repr
class YouthState:
    """Where one youth stands, made from their events."""

    youth: str
    stage: Stage = Stage.NEW
    group: str | None = None
    """The group the youth is placed in, waiting for, or a member of."""
    member_since: dt.date | None = None
    """The day the youth joined their group, while a member."""
    consent: ConsentBy | None = None
    """Who gave the consent on record, or None when there is none (or it was withdrawn)."""
    challenges: Mapping[str, EventKind] = attrs.field(factory=dict)
    """Each personal challenge and the last step taken on it."""
    ties: frozenset[str] = frozenset()
    """The people the youth has a tie with now."""
    events: int = 0
    """How many events of the youth are recorded."""


def apply(state: YouthState, event: Event, born: dt.date | None = None) -> YouthState:
    """The state after *event*; raises :class:`EventRefused` when the event may not follow.

    *born* is the youth's date of birth when known: under 16 on the day of the event, the
    consent a progress record needs must be a parent's.
    """
    return advance(state, (event,), born)


def advance(state: YouthState, events: Iterable[Event], born: dt.date | None = None) -> YouthState:
    """The state after *events*, one after the other (see :func:`apply`); raises
    :class:`EventRefused` at the first that may not follow."""
    w = _Walk(
        state.youth,
        state.stage,
        state.group,
        state.member_since,
        state.consent,
        state.challenges,
        state.ties,
        state.events,
    )
    for event in events:
        _step(w, event, born)
    return YouthState(
        w.youth, w.stage, w.group, w.member_since, w.consent, w.challenges, w.ties, w.events
    )


@attrs.define
class _Walk:
    """A youth's state while events are applied to it, one after the other."""

    youth: str
    stage: Stage
    group: str | None
    member_since: dt.date | None
    consent: ConsentBy | None
    challenges: Mapping[str, EventKind]
    ties: frozenset[str]
    events: int


def _step(w: _Walk, event: Event, born: dt.date | None) -> None:
    """Apply *event* to *w*, or raise :class:`EventRefused` (*w* is then to be dropped)."""
    if (
        event.kind is _ATTENDED
        and w.stage is _MEMBER
        and w.consent is not None
        and born is None
        and event.youth == w.youth
        and event.group == w.group
        and w.member_since is not None
        and event.occurred >= w.member_since
    ):
        w.events += 1  # the most common event, allowed: what the checks below would find
        return
    if event.youth != w.youth:
        raise EventRefused(
            msg(
                "the event is of youth {other!r}, not {youth!r}",
                other=event.youth,
                youth=w.youth,
            ),
            event,
        )
    allowed, to = _MOVES[event.kind]
    if w.stage not in allowed:
        raise EventRefused(
            msg(
                "youth {youth!r} is {stage}: an event of kind {kind} cannot follow",
                youth=w.youth,
                stage=w.stage.value,
                kind=event.kind.value,
            ),
            event,
        )
    kind = event.kind
    if kind in _NEEDS_CONSENT:
        _check_consent(w, event, born)
    if kind is EventKind.ATTENDED:
        _check_group(w, event)
        _check_since(w, event)
    elif kind is EventKind.INTAKE_HELD:
        admitted = event.outcome is IntakeOutcome.SUITABLE
        w.stage = Stage.INTAKE_DONE if admitted else Stage.NOT_ADMITTED
    elif kind is EventKind.CONSENT_GIVEN:
        w.consent = event.by
    elif kind is EventKind.CONSENT_WITHDRAWN:
        if w.consent is None:
            raise EventRefused(
                msg("youth {youth!r} has no consent on record to withdraw", youth=w.youth),
                event,
            )
        w.consent = None
    elif kind in (EventKind.WAITLISTED, EventKind.PLACED):
        w.group = event.group
    elif kind is EventKind.JOINED:
        _check_group(w, event)
        w.member_since = event.occurred
    elif kind is EventKind.LEFT:
        _check_group(w, event)
        _check_since(w, event)
    elif kind in (
        EventKind.CHALLENGE_SET,
        EventKind.CHALLENGE_TRIED,
        EventKind.CHALLENGE_ACHIEVED,
    ):
        w.challenges = _challenge(w, event)
    elif kind is EventKind.TIE_MADE:
        if event.tie_with == w.youth:
            raise EventRefused(
                msg("youth {youth!r} cannot have a tie with themselves", youth=w.youth),
                event,
            )
        w.ties = w.ties | {event.tie_with or ""}
    elif kind is EventKind.TIE_ENDED:
        if event.tie_with not in w.ties:
            raise EventRefused(
                msg(
                    "youth {youth!r} has no tie with {other!r}",
                    youth=w.youth,
                    other=event.tie_with,
                ),
                event,
            )
        w.ties = w.ties - {event.tie_with or ""}
    if kind in (EventKind.LEFT, EventKind.EXITED):
        w.group = w.member_since = None
    if to is not None:
        w.stage = to
    w.events += 1


def replay(
    events: Iterable[Event], born: Mapping[str, dt.date] | None = None
) -> dict[str, YouthState]:
    """The state of every youth made from *events*, in order; raises on the first refused."""
    states: dict[str, YouthState] = {}
    births = born or {}
    for event in events:
        state = states.get(event.youth) or YouthState(event.youth)
        states[event.youth] = apply(state, event, births.get(event.youth))
    return states


def _check_consent(state: _Walk, event: Event, born: dt.date | None) -> None:
    if state.consent is None:
        raise EventRefused(
            msg(
                "no consent on record for youth {youth!r}: nothing of their progress is stored "
                "until it is given",
                youth=state.youth,
            ),
            event,
        )
    if (
        born is not None
        and age_on(born, event.occurred) < AGE_OF_CONSENT
        and state.consent is not ConsentBy.PARENT
    ):
        raise EventRefused(
            msg(
                "youth {youth!r} is under 16 on {day}: a parent's or guardian's consent must be "
                "on record",
                youth=state.youth,
                day=event.occurred,
            ),
            event,
        )


def _check_group(state: _Walk, event: Event) -> None:
    if event.group != state.group:
        raise EventRefused(
            msg(
                "youth {youth!r} is in group {group!r} now, not {other!r}",
                youth=state.youth,
                group=state.group,
                other=event.group,
            ),
            event,
        )


def _check_since(state: _Walk, event: Event) -> None:
    if state.member_since is not None and event.occurred < state.member_since:
        raise EventRefused(
            msg(
                "youth {youth!r} joined group {group!r} on {since}, after {day}",
                youth=state.youth,
                group=state.group,
                since=state.member_since,
                day=event.occurred,
            ),
            event,
        )


def _challenge(state: _Walk, event: Event) -> dict[str, EventKind]:
    challenge = event.challenge or ""
    before = state.challenges.get(challenge)
    if event.kind is EventKind.CHALLENGE_SET and before is not None:
        raise EventRefused(
            msg("challenge {challenge!r} is already set", challenge=challenge), event
        )
    if event.kind is not EventKind.CHALLENGE_SET and before is None:
        raise EventRefused(msg("challenge {challenge!r} was never set", challenge=challenge), event)
    if before is EventKind.CHALLENGE_ACHIEVED:
        raise EventRefused(
            msg("challenge {challenge!r} is already achieved", challenge=challenge), event
        )
    return {**state.challenges, challenge: event.kind}
