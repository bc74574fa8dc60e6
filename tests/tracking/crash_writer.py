"""A child process for the crash and concurrency tests: it records numbered batches in a store.

Run as ``python crash_writer.py PATH RUN BATCHES [--shared SHARED] [--wait] [--linger]``.
It opens the store at PATH and records batches ``0 .. BATCHES-1`` of RUN (see :func:`batch`),
one call to ``Store.record`` each. After each call returns it writes ``RUN N NEW`` on a line
of its own and flushes it: the batch is committed. With ``--shared SHARED`` it also records
batch N of SHARED after its own batch N (another writer may import the same ones). With
``--wait`` it writes ``ready`` once the store is open and waits for a line on its standard
input before writing. With ``--linger`` it waits for the end of its standard input after the
last batch, so that whoever kills it finds it still running.

Batch 2k is the road of youth ``RUN-yk`` (signalled to joined, then attendance), batch 2k+1
attendance of the same youth, :data:`BATCH_SIZE` events each; ids are ``RUN-bN-eI`` so a test
can tell which batches are stored, and whole.
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

BATCH_SIZE = 50
GROUP = "groep-crash"
_STAMP = dt.datetime(2021, 6, 1, 12, 0, tzinfo=dt.UTC)
_START = dt.date(2021, 1, 4)
_STATUSES = tuple(AttendanceStatus)


def youth_of(run: str, number: int) -> str:
    """The youth whose events batch *number* of *run* holds."""
    return f"{run}-y{number // 2}"


def event_id(run: str, number: int, index: int) -> str:
    """The id of the *index*-th event of batch *number* of *run*."""
    return f"{run}-b{number}-e{index}"


def batch(run: str, number: int, size: int = BATCH_SIZE) -> list[Event]:
    """Batch *number* of *run*: a youth's road (even numbers) or their attendance (odd)."""
    youth = youth_of(run, number)
    head: list[tuple[EventKind, dict[str, Any]]] = []
    if number % 2 == 0:
        head = [
            (EventKind.SIGNALLED, {"source": SignalSource.SCHOOL}),
            (EventKind.REGISTERED, {}),
            (EventKind.INTAKE_HELD, {"outcome": IntakeOutcome.SUITABLE}),
            (EventKind.CONSENT_GIVEN, {"by": ConsentBy.PARENT}),
            (EventKind.PLACED, {"group": GROUP}),
            (EventKind.JOINED, {"group": GROUP}),
        ]
    out = []
    fields: dict[str, Any]
    for index in range(size):
        if index < len(head):
            kind, fields = head[index]
        else:
            session = (number % 2) * size + index
            kind = EventKind.ATTENDED
            fields = {
                "group": GROUP,
                "session_uid": f"{GROUP}.s{session}@joinus-method",
                "status": _STATUSES[session % len(_STATUSES)],
            }
        out.append(
            Event(
                kind=kind,
                youth=youth,
                occurred=_START + dt.timedelta(days=(number % 2) * size + index),
                recorded_by="crash-writer",
                recorded_at=_STAMP,
                id=event_id(run, number, index),
                **fields,
            )
        )
    return out


def main(argv: list[str]) -> int:
    """Record the batches asked for by *argv*, reporting each one committed."""
    path, run, count = argv[0], argv[1], int(argv[2])
    shared = argv[argv.index("--shared") + 1] if "--shared" in argv else None
    out = sys.stdout
    with open_store(path) as store:
        if "--wait" in argv:
            out.write("ready\n")
            out.flush()
            sys.stdin.readline()
        for number in range(count):
            for name in (run, shared):
                if name is not None:
                    new = store.record(batch(name, number))
                    out.write(f"{name} {number} {new}\n")
                    out.flush()
        if "--linger" in argv:
            sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
