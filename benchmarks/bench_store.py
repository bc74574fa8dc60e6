"""The tracker's store at the scale of the whole programme, as ratios against bare SQLite.

30,000 youths with 1,000,000 attendance events and 150,000 assessments are recorded in a new
store, one batch per youth (their whole road so far, as an import from another system sends
it; each batch one transaction, checked against the youth's road), against a bare
``sqlite3.executemany`` of the same rows into a plain table, a transaction per youth too, in
the same run. Only the writing is timed: the events are made the same way for both. Target:
2x or less. Peak memory of the whole run is printed against 300 MB.

Run: ``python benchmarks/bench_store.py`` (``--youths N`` for a smaller run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    IntakeOutcome,
    SignalSource,
)
from joinus_method.tracking.store import open_store

IMPORT_TARGET = 2.0
MEMORY_TARGET_MB = 300
STAMP = dt.datetime(2025, 6, 30, 12, tzinfo=dt.UTC)
STATUSES = list(AttendanceStatus)


def road(n: int, sessions: int, assessments: int) -> list[Event]:
    """Youth *n*'s road: signalled to member, *sessions* attendances and *assessments*."""
    youth = f"y-{n:06d}"
    group = f"groep-{n // 15}"
    day = dt.date(2024, 9, 2)
    common = {"youth": youth, "recorded_by": "werker", "recorded_at": STAMP}
    events = [
        Event(
            EventKind.SIGNALLED, occurred=day, id=f"{youth}-s", source=SignalSource.SCHOOL, **common
        ),
        Event(EventKind.REGISTERED, occurred=day, id=f"{youth}-r", **common),
        Event(
            EventKind.INTAKE_HELD,
            occurred=day,
            id=f"{youth}-i",
            outcome=IntakeOutcome.SUITABLE,
            **common,
        ),
        Event(
            EventKind.CONSENT_GIVEN, occurred=day, id=f"{youth}-c", by=ConsentBy.PARENT, **common
        ),
        Event(EventKind.PLACED, occurred=day, id=f"{youth}-p", group=group, **common),
        Event(EventKind.JOINED, occurred=day, id=f"{youth}-j", group=group, **common),
    ]
    for k in range(sessions):
        events.append(
            Event(
                EventKind.ATTENDED,
                occurred=day + dt.timedelta(weeks=2 * k),
                id=f"{youth}-a{k}",
                group=group,
                session_uid=f"p.group.{group}.r0.s{k}@joinus-method",
                status=STATUSES[(n + k) % 4],
                **common,
            )
        )
    for k in range(assessments):
        events.append(
            Event(
                EventKind.ASSESSED,
                occurred=day + dt.timedelta(weeks=12 * (k + 1)),
                id=f"{youth}-e{k}",
                rater="werker",
                levels=tuple((f"domein-{d}", 2 + (k + d) % 3) for d in range(5)),
                answers=(
                    ("djg-6", tuple((i, "ja" if (i + k) % 2 else "nee") for i in range(1, 7))),
                ),
                **common,
            )
        )
    return events


def roads(youths: int, attendances: int, assessments: int) -> Iterator[list[Event]]:
    for n in range(youths):
        sessions = attendances // youths + (1 if n < attendances % youths else 0)
        tests = assessments // youths + (1 if n < assessments % youths else 0)
        yield road(n, sessions, tests)


def as_rows(batch: list[Event]) -> list[tuple[str, ...]]:
    """The rows the store writes for *batch*, made the plain way."""
    return [
        (
            e.id,
            e.youth,
            e.kind.value,
            e.occurred.isoformat(),
            e.recorded_at.isoformat(),
            e.recorded_by,
            json.dumps(e.payload(), sort_keys=True, separators=(",", ":")),
        )
        for e in batch
    ]


def bare(path: Path, youths: int, attendances: int, assessments: int) -> float:
    """Insert the same rows into a plain table with executemany, a transaction per youth;
    only the inserts are timed."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE events (id TEXT, youth TEXT, kind TEXT, occurred TEXT, recorded_at TEXT, "
        "recorded_by TEXT, payload TEXT)"
    )
    elapsed = 0.0
    for batch in roads(youths, attendances, assessments):
        rows = as_rows(batch)
        start = time.perf_counter()
        db.execute("BEGIN")
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        elapsed += time.perf_counter() - start
    db.close()
    return elapsed


def ours(path: Path, youths: int, attendances: int, assessments: int) -> tuple[float, int]:
    """Record the same events in a new store, a batch per youth; only record() is timed."""
    elapsed = 0.0
    events = 0
    with open_store(path) as store:
        for batch in roads(youths, attendances, assessments):
            start = time.perf_counter()
            events += store.record(batch)
            elapsed += time.perf_counter() - start
    return elapsed, events


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--youths", type=int, default=30_000)
    args = parser.parse_args(argv)
    youths = args.youths
    attendances = youths * 1_000_000 // 30_000
    assessments = youths * 150_000 // 30_000
    print(
        f"importing {youths:,} youths ({attendances:,} attendances, {assessments:,} "
        "assessments), one batch per youth, into a new store and into a plain table"
    )
    with tempfile.TemporaryDirectory() as folder:
        baseline = bare(Path(folder) / "bare.sqlite", youths, attendances, assessments)
        taken, events = ours(Path(folder) / "store.sqlite", youths, attendances, assessments)
    ratio = taken / baseline
    ok = ratio <= IMPORT_TARGET
    print(
        f"  import of {events:,} events: store {taken:.1f} s, bare executemany "
        f"{baseline:.1f} s, ratio {ratio:.2f}x (target <= {IMPORT_TARGET:g}x)  "
        f"{'ok' if ok else 'MISSED'}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    memory_ok = peak <= MEMORY_TARGET_MB
    print(
        f"  peak memory of the run: {peak:.0f} MB (target <= {MEMORY_TARGET_MB} MB)  "
        f"{'ok' if memory_ok else 'MISSED'}"
    )
    return 0 if ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
