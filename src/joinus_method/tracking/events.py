"""What happens on a youth's road, as events: recorded once, never changed.

Every event names the youth by pseudonym, says when it happened (``occurred``) and when and by
whom it was recorded, and carries only the fields of its kind. A correction is a new event.
An event's ``id`` makes importing the same event twice store it once.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import msg
from joinus_method.model._rules import Checks, field, id_field, text_field

__all__ = [
    "AttendanceStatus",
    "ConsentBy",
    "Event",
    "EventKind",
    "ExitReason",
    "IntakeOutcome",
    "Road",
    "SignalSource",
    "TieKind",
    "fields_of",
    "new_event_id",
    "roads_of",
]


class EventKind(enum.StrEnum):
    """The kinds of event on a youth's road."""

    SIGNALLED = "signalled"
    REGISTERED = "registered"
    INTAKE_HELD = "intake-held"
    CONSENT_GIVEN = "consent-given"
    CONSENT_WITHDRAWN = "consent-withdrawn"
    WAITLISTED = "waitlisted"
    PLACED = "placed"
    JOINED = "joined"
    LEFT = "left"
    ATTENDED = "attended"
    ASSESSED = "assessed"
    CHALLENGE_SET = "challenge-set"
    CHALLENGE_TRIED = "challenge-tried"
    CHALLENGE_ACHIEVED = "challenge-achieved"
    ACTIVITY_ORGANISED = "activity-organised"
    TIE_MADE = "tie-made"
    TIE_ENDED = "tie-ended"
    EXITED = "exited"
    FOLLOWED_UP = "followed-up"


class SignalSource(enum.StrEnum):
    """Who noticed the youth's loneliness."""

    SCHOOL = "school"
    GP = "gp"
    PARENT = "parent"
    YOUTH_WORKER = "youth-worker"
    SELF = "self"
    OTHER = "other"


class IntakeOutcome(enum.StrEnum):
    """What the intake decided."""

    SUITABLE = "suitable"
    NOT_SUITABLE = "not-suitable"
    REFERRED = "referred"


class ConsentBy(enum.StrEnum):
    """Who gave or withdrew consent: the youth from 16, a parent or guardian under 16."""

    YOUTH = "youth"
    PARENT = "parent"


class AttendanceStatus(enum.StrEnum):
    """How a youth attended a planned session."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class TieKind(enum.StrEnum):
    """With whom a tie is: a peer in the group, or someone outside it."""

    PEER = "peer"
    OUTSIDE = "outside"


class ExitReason(enum.StrEnum):
    """Why a youth left the programme."""

    SELF_RELIANT = "self-reliant"
    DROPPED_OUT = "dropped-out"
    MOVED = "moved"
    OTHER = "other"


# The fields each kind of event needs; any other field of Event must be left empty.
REQUIRED: Mapping[EventKind, frozenset[str]] = {
    EventKind.SIGNALLED: frozenset({"source"}),
    EventKind.REGISTERED: frozenset(),
    EventKind.INTAKE_HELD: frozenset({"outcome"}),
    EventKind.CONSENT_GIVEN: frozenset({"by"}),
    EventKind.CONSENT_WITHDRAWN: frozenset({"by"}),
    EventKind.WAITLISTED: frozenset({"group"}),
    EventKind.PLACED: frozenset({"group"}),
    EventKind.JOINED: frozenset({"group"}),
    EventKind.LEFT: frozenset({"group"}),
    EventKind.ATTENDED: frozenset({"group", "session_uid", "status"}),
    EventKind.ASSESSED: frozenset({"rater"}),
    EventKind.CHALLENGE_SET: frozenset({"challenge"}),
    EventKind.CHALLENGE_TRIED: frozenset({"challenge"}),
    EventKind.CHALLENGE_ACHIEVED: frozenset({"challenge"}),
    EventKind.ACTIVITY_ORGANISED: frozenset({"note"}),
    EventKind.TIE_MADE: frozenset({"tie_with", "tie"}),
    EventKind.TIE_ENDED: frozenset({"tie_with", "tie"}),
    EventKind.EXITED: frozenset({"reason"}),
    EventKind.FOLLOWED_UP: frozenset(),
}
# Fields a kind may have besides those it needs.
OPTIONAL: Mapping[EventKind, frozenset[str]] = {
    EventKind.ASSESSED: frozenset({"levels", "answers"}),
    EventKind.CHALLENGE_SET: frozenset({"note"}),
    EventKind.INTAKE_HELD: frozenset({"note"}),
    EventKind.EXITED: frozenset({"note"}),
    EventKind.FOLLOWED_UP: frozenset({"note"}),
}
# The fields that hold free text: erased when a youth is forgotten.
FREE_TEXT = frozenset({"note"})
_PAYLOAD = (
    "source",
    "outcome",
    "by",
    "group",
    "session_uid",
    "status",
    "rater",
    "levels",
    "answers",
    "challenge",
    "note",
    "tie_with",
    "tie",
    "reason",
)


def new_event_id() -> str:
    """A fresh, random event id."""
    return uuid.uuid4().hex


@attrs.frozen(slots=False)  # events read back are made by filling in their __dict__ at once
@shared_repr
class Event:
    """One thing that happened on a youth's road.

    ``levels`` maps domain ids to levels; ``answers`` maps instrument ids to answers by item
    number. ``note`` is free text (erased when the youth is forgotten).
    """

    kind: EventKind = field("What happened.")
    youth: str = id_field("Pseudonymous id of the youth.")
    occurred: dt.date = field("The day it happened.")
    recorded_by: str = text_field("Who recorded it (a worker's or coach's id).")
    recorded_at: dt.datetime = field("When it was recorded (time-zone aware).")
    id: str = text_field("The event's id: the same event imported twice is stored once.")
    source: SignalSource | None = field("Who signalled (signalled).", default=None)
    outcome: IntakeOutcome | None = field("What the intake decided (intake-held).", default=None)
    by: ConsentBy | None = field("Who consented (consent-given, -withdrawn).", default=None)
    group: str | None = field(
        "The group (waitlisted, placed, joined, left, attended).", default=None
    )
    session_uid: str | None = field("The planned session's UID (attended).", default=None)
    status: AttendanceStatus | None = field("How the youth attended (attended).", default=None)
    rater: str | None = field("Who rated the levels (assessed).", default=None)
    levels: tuple[tuple[str, int], ...] = field(
        "Domain levels (assessed): (domain, level) pairs.", default=()
    )
    answers: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = field(
        "Questionnaire answers (assessed): (instrument, ((item, answer), ...)) pairs.",
        default=(),
    )
    challenge: str | None = field("The personal challenge's id (challenge-...).", default=None)
    note: str | None = field("Free text: what was organised, a remark.", default=None)
    tie_with: str | None = field(
        "With whom a tie is: a peer's pseudonym, or a short label of our own for someone "
        "outside the group (tie-made, tie-ended).",
        default=None,
    )
    tie: TieKind | None = field(
        "Whether the tie is with a peer or outside (tie-...).", default=None
    )
    reason: ExitReason | None = field("Why the youth left the programme (exited).", default=None)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("event on a youth's road")).fields(self)
        needed = REQUIRED[self.kind]
        allowed = needed | OPTIONAL.get(self.kind, frozenset())
        for name in _PAYLOAD:
            value = getattr(self, name)
            given = value not in (None, ())
            if name in needed and not given:
                c.fail((name,), msg("a {kind} event needs {key!r}", kind=self.kind.value, key=name))
            elif given and name not in allowed:
                c.fail(
                    (name,),
                    msg("a {kind} event has no {key!r}", kind=self.kind.value, key=name),
                )
        c.that(
            self.recorded_at.tzinfo is not None,
            ("recorded_at",),
            msg("recorded_at needs a time zone"),
        )
        if self.kind is EventKind.ASSESSED:
            c.that(
                bool(self.levels or self.answers),
                ("levels",),
                msg("an assessment holds levels, answers or both"),
            )
        c.done()

    def payload(self) -> dict[str, Any]:
        """The kind's own fields that are set, as plain values (for storing as JSON)."""
        out: dict[str, Any] = {}
        for name in _PAYLOAD_OF[self.kind]:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            if name == "levels":
                value = [list(pair) for pair in value]
            elif name == "answers":
                value = [[inst, [list(a) for a in given]] for inst, given in value]
            elif isinstance(value, enum.Enum):
                value = value.value
            out[name] = value
        return out

    @classmethod
    def from_payload(
        cls,
        kind: str,
        youth: str,
        occurred: dt.date,
        recorded_by: str,
        recorded_at: dt.datetime,
        event_id: str,
        payload: Mapping[str, Any],
    ) -> Event:
        """The event stored with these columns and *payload* (as :meth:`payload` gives).

        The store checked the event when it was recorded, so it is made again without the
        checks: reading a store back costs no validation.
        """
        return cls.restored(
            _KINDS[kind], youth, occurred, recorded_by, recorded_at, event_id, fields_of(payload)
        )

    @classmethod
    def restored(
        cls,
        kind: EventKind,
        youth: str,
        occurred: dt.date,
        recorded_by: str,
        recorded_at: dt.datetime,
        event_id: str,
        fields: Mapping[str, Any],
    ) -> Event:
        """The event with these columns and payload *fields* (as :func:`fields_of` makes
        them of a stored payload), made without the checks, as :meth:`from_payload`."""
        values = dict(_BLANK)
        values.update(fields)
        values["kind"] = kind
        values["youth"] = youth
        values["occurred"] = occurred
        values["recorded_by"] = recorded_by
        values["recorded_at"] = recorded_at
        values["id"] = event_id
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", values)
        return event


def fields_of(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an event from its stored *payload* (as :meth:`Event.payload` gives it):
    levels and answers as tuples, enums as enums."""
    fields: dict[str, Any] = {}
    for name, value in payload.items():
        if name == "levels":
            value = tuple((d, int(v)) for d, v in value)
        elif name == "answers":
            value = tuple((inst, tuple((int(n), a) for n, a in given)) for inst, given in value)
        elif name in _ENUMS:
            value = _ENUMS[name](value)
        fields[name] = value
    return fields


# The payload fields each kind may have, in the order of _PAYLOAD (the checks keep the others
# unset).
_PAYLOAD_OF: Mapping[EventKind, tuple[str, ...]] = {
    kind: tuple(n for n in _PAYLOAD if n in REQUIRED[kind] | OPTIONAL.get(kind, frozenset()))
    for kind in EventKind
}
_BLANK = {a.name: a.default for a in attrs.fields(Event)}
_KINDS = {kind.value: kind for kind in EventKind}
_ENUMS: Mapping[str, type[enum.Enum]] = {
    "source": SignalSource,
    "outcome": IntakeOutcome,
    "by": ConsentBy,
    "status": AttendanceStatus,
    "tie": TieKind,
    "reason": ExitReason,
}


@attrs.frozen
@shared_repr
class Road:
    """One youth's events as a store reads them back for many youths at once: attendance
    apart and lean, since a year of it is most of what is recorded."""

    youth: str
    """The youth's pseudonym."""
    events: tuple[Event, ...]
    """Every event but attendance, in the order recorded."""
    attendance: tuple[tuple[dt.date, str, AttendanceStatus], ...] = ()
    """Each attendance event as (day, session UID, status), in the order recorded."""


def roads_of(events: Iterable[Event]) -> list[Road]:
    """The road of each youth in *events* (given in the order recorded), in the order the
    youths first appear: what :meth:`Store.roads <joinus_method.tracking.store.Store.roads>`
    reads from a store."""
    found: dict[str, tuple[list[Event], list[tuple[dt.date, str, AttendanceStatus]]]] = {}
    for event in events:
        own = found.get(event.youth)
        if own is None:
            own = found[event.youth] = ([], [])
        if event.kind is EventKind.ATTENDED and event.session_uid and event.status:
            own[1].append((event.occurred, event.session_uid, event.status))
        else:
            own[0].append(event)
    return [Road(y, tuple(e), tuple(a)) for y, (e, a) in found.items()]
