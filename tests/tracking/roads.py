"""Events of youths' roads, made the short way, for the tracking tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    ExitReason,
    IntakeOutcome,
    SignalSource,
    TieKind,
)

STAMP = dt.datetime(2021, 6, 1, 12, 0, tzinfo=dt.UTC)
GROUP = "groep-18-25-x-out"
_ids = itertools.count()


def event(
    kind: EventKind, youth: str = "y-abc", day: dt.date | None = None, **fields: Any
) -> Event:
    """An event of *kind* with a fresh id, recorded by worker ``daan``."""
    return Event(
        kind=kind,
        youth=youth,
        occurred=day or dt.date(2021, 5, 11),
        recorded_by="daan-kuijpers",
        recorded_at=STAMP,
        id=f"e-{next(_ids)}",
        **fields,
    )


def member(youth: str = "y-abc", consent: ConsentBy = ConsentBy.YOUTH) -> list[Event]:
    """The events that make *youth* a member of GROUP, with consent on record."""
    return [
        event(EventKind.SIGNALLED, youth, source=SignalSource.SCHOOL),
        event(EventKind.REGISTERED, youth),
        event(
            EventKind.INTAKE_HELD, youth, outcome=IntakeOutcome.SUITABLE, note="Vindt muziek fijn."
        ),
        event(EventKind.CONSENT_GIVEN, youth, by=consent),
        event(EventKind.PLACED, youth, group=GROUP),
        event(EventKind.JOINED, youth, group=GROUP),
    ]


def attended(youth: str = "y-abc", status: AttendanceStatus = AttendanceStatus.PRESENT) -> Event:
    return event(
        EventKind.ATTENDED,
        youth,
        group=GROUP,
        session_uid="noordwijk-katwijk-2021.group.groep-18-25-x-out.r0.welkom@joinus-method",
        status=status,
    )


def leaving(youth: str = "y-abc") -> list[Event]:
    return [
        event(EventKind.LEFT, youth, group=GROUP),
        event(EventKind.EXITED, youth, reason=ExitReason.SELF_RELIANT),
        event(EventKind.FOLLOWED_UP, youth),
    ]


def tie(youth: str, other: str, made: bool = True) -> Event:
    kind = EventKind.TIE_MADE if made else EventKind.TIE_ENDED
    return event(kind, youth, tie_with=other, tie=TieKind.PEER)
