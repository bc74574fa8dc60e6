"""One writer of an office, for the concurrency test: run in a thread, or as a process with
``python office_writer.py ADDRESS WRITER``.

Writer *w* records the evenings of two groups, ``w % GROUPS`` and ``(w + 1) % GROUPS``, so
that every group has two writers: for each evening, the attendance of the group's youths in
one batch, and on every fourth evening an assessment of each of them in another. An event's
id is made from what it records (group, evening, youth), so two writers of one group write
the very same events: each must be stored once. The writer prints how many events were new
to it, as ``NEW <count>``.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    IntakeOutcome,
    SignalSource,
)
from joinus_method.tracking.store import open_store

GROUPS = 5
YOUTHS = 6  # per group
EVENINGS = 24
WRITERS = 10
_STAMP = dt.datetime(2022, 1, 10, 20, 0, tzinfo=dt.UTC)
_START = dt.date(2022, 1, 10)
_STATUSES = tuple(AttendanceStatus)
_DOMAINS = ("contact", "zelfvertrouwen", "initiatief")


def group(number: int) -> str:
    return f"kantoor-groep-{number}"


def youths(number: int) -> list[str]:
    return [f"kantoor-y{number}-{k}" for k in range(YOUTHS)]


def members() -> list[Event]:
    """The roads that make every youth of every group a member, before the evenings."""
    out = []
    for number in range(GROUPS):
        for youth in youths(number):
            steps = [
                (EventKind.SIGNALLED, {"source": SignalSource.SCHOOL}),
                (EventKind.REGISTERED, {}),
                (EventKind.INTAKE_HELD, {"outcome": IntakeOutcome.SUITABLE}),
                (EventKind.CONSENT_GIVEN, {"by": ConsentBy.PARENT}),
                (EventKind.PLACED, {"group": group(number)}),
                (EventKind.JOINED, {"group": group(number)}),
            ]
            for index, (kind, fields) in enumerate(steps):
                out.append(_event(kind, youth, _START, f"{youth}-m{index}", fields))
    return out


def evening(number: int, k: int) -> list[list[Event]]:
    """The batches of evening *k* of group *number*: attendance, and maybe assessments."""
    day = _START + dt.timedelta(weeks=2 * k)
    attendance = [
        _event(
            EventKind.ATTENDED,
            youth,
            day,
            f"{group(number)}-a{k}-{youth}",
            {
                "group": group(number),
                "session_uid": f"{group(number)}.s{k}@joinus-method",
                "status": _STATUSES[(k + i) % len(_STATUSES)],
            },
        )
        for i, youth in enumerate(youths(number))
    ]
    if k % 4:
        return [attendance]
    assessments = [
        _event(
            EventKind.ASSESSED,
            youth,
            day,
            f"{group(number)}-e{k}-{youth}",
            {
                "rater": "werker",
                "levels": tuple((d, 1 + (k // 4 + i + j) % 5) for j, d in enumerate(_DOMAINS)),
            },
        )
        for i, youth in enumerate(youths(number))
    ]
    return [attendance, assessments]


def _event(
    kind: EventKind, youth: str, day: dt.date, event_id: str, fields: dict[str, Any]
) -> Event:
    return Event(
        kind=kind,
        youth=youth,
        occurred=day,
        recorded_by="kantoor",
        recorded_at=_STAMP,
        id=event_id,
        **fields,
    )


def groups_of(writer: int) -> tuple[int, int]:
    return writer % GROUPS, (writer + 1) % GROUPS


def write(address: str, writer: int) -> int:
    """Record the evenings of *writer*'s two groups, taking turns; return how many events
    were new."""
    new = 0
    with open_store(address) as store:
        for k in range(EVENINGS):
            for number in groups_of(writer):
                for batch in evening(number, k):
                    new += store.record(batch)
    return new


if __name__ == "__main__":
    print("NEW", write(sys.argv[1], int(sys.argv[2])), flush=True)
