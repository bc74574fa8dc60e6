"""The tracker's store at the scale of the whole programme, as ratios against its bare database.

30,000 youths with 1,000,000 attendance events and 150,000 assessments are recorded in a new
store, one batch per youth (their whole road so far, as an import from another system sends
it; each batch one transaction, checked against the youth's road and the plan). The baseline
is a bare import of the same events into a plain table of the same database: each youth's
events written out as rows the plain way (``json.dumps``, ``isoformat``) and inserted the
database's fastest plain way, a transaction per youth too. Both start from the same events,
made untimed, and end with the same rows committed; the two take turns youth by youth, so
that both meet the same disk. Target: 2x or less. The ratio against the insert alone (rows
made beforehand, untimed) is printed too. Then the signals and the progress of every youth as
of one date, read from the store, against one bare SQL pass that reads the same rows from the
plain table, the best of two runs each (target: 3x or less). Peak memory of the whole run is
printed against 300 MB.

Two backends, chosen with ``--backend``:

- ``sqlite`` (the default): a new store file and a plain table in a file of its own, both in
  a temporary folder; the bare insert is ``sqlite3.executemany``.
- ``postgres``: a new store in the PostgreSQL database at ``--url`` (by default the URL in
  ``JOINUS_TEST_POSTGRES``), in a schema made for the run and dropped after it, with the
  plain table in the same schema; the bare insert is a ``COPY ... FROM STDIN`` (psycopg's
  ``write_row``), and the bare pass reads through a server-side cursor, as the store does.

Run: ``python benchmarks/bench_store.py`` (``--youths N`` for a smaller run), or
``python benchmarks/bench_store.py --backend postgres --url postgresql://...``; without a
server, ``python tools/throwaway_postgres.py run -- python benchmarks/bench_store.py
--backend postgres`` starts one for the run.
"""

from __future__ import annotations

import abc
import argparse
import contextlib
import datetime as dt
import json
import os
import resource
import secrets
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from common import national_program

from joinus_method import Program
from joinus_method.documents.bundled import load_bundled
from joinus_method.model.curriculum import Curriculum
from joinus_method.model.framework import ProgressFramework
from joinus_method.planning.schedule import PlannedSession, ProgramPlan, plan_program
from joinus_method.tracking.database import is_url
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    IntakeOutcome,
    SignalSource,
)
from joinus_method.tracking.store import open_store
from joinus_method.tracking.tracker import Tracker

_FRAMEWORK = load_bundled("zelfredzaamheid")
assert isinstance(_FRAMEWORK, ProgressFramework)
FRAMEWORK: ProgressFramework = _FRAMEWORK
CURRICULA: dict[str, Curriculum] = {}
for _name in ("werkerstraining", "groepsavonden", "webinar-bewustwording"):
    _found = load_bundled(_name)
    assert isinstance(_found, Curriculum)
    CURRICULA[_name] = _found

IMPORT_TARGET = 2.0
READ_TARGET = 3.0
AS_OF = dt.date(2025, 6, 30)
MEMORY_TARGET_MB = 300
STAMP = dt.datetime(2025, 6, 30, 12, tzinfo=dt.UTC)
STATUSES = list(AttendanceStatus)
ADDRESS_VARIABLE = "JOINUS_TEST_POSTGRES"
COLUMNS = "id, youth, kind, occurred, recorded_at, recorded_by, payload"


DOMAINS = (
    "positieve-ervaringen",
    "inzicht-oorzaken",
    "realistisch-zelfbeeld",
    "sociale-vaardigheden",
    "eigen-netwerk",
)
ANSWERS = ("ja", "min-of-meer", "nee")


def road(n: int, sessions: list[PlannedSession], assessments: int) -> list[Event]:
    """Youth *n*'s road: signalled to member of the group of *sessions*, present or not at
    each of them, and *assessments* assessments with levels and a DJG-6."""
    youth = f"y-{n:06d}"
    group = sessions[0].series.id
    day = sessions[0].day - dt.timedelta(weeks=2)
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
        Event(EventKind.JOINED, occurred=sessions[0].day, id=f"{youth}-j", group=group, **common),
    ]
    for k, session in enumerate(sessions):
        events.append(
            Event(
                EventKind.ATTENDED,
                occurred=session.day,
                id=f"{youth}-a{k}",
                group=group,
                session_uid=session.uid,
                status=STATUSES[(n * 7 + k // 2) % 4],
                **common,
            )
        )
    for k in range(assessments):
        events.append(
            Event(
                EventKind.ASSESSED,
                occurred=sessions[0].day + dt.timedelta(weeks=12 * k),
                id=f"{youth}-e{k}",
                rater="werker",
                levels=tuple((d, 2 + (n + k + i) % 3) for i, d in enumerate(DOMAINS)),
                answers=(("djg-6", tuple((i, ANSWERS[(n + i + k) % 3]) for i in range(1, 7))),),
                **common,
            )
        )
    return events


def roads(
    plan: ProgramPlan, youths: int, attendances: int, assessments: int
) -> Iterator[list[Event]]:
    """The youths' roads, fifteen per group, in the order a batch import sends them."""
    plans = plan.plans
    for n in range(youths):
        count = attendances // youths + (1 if n < attendances % youths else 0)
        tests = assessments // youths + (1 if n < assessments % youths else 0)
        sessions = list(plans[n // 15 % len(plans)].sessions[:count])
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


class Plain(abc.ABC):
    """The plain table of the baselines, in the same database as the store."""

    insert_name: str
    """How the bare import inserts, as the figures name it."""

    @abc.abstractmethod
    def insert(self, rows: Sequence[tuple[str, ...]]) -> None:
        """Insert *rows* in one transaction."""

    @abc.abstractmethod
    def read(self) -> tuple[int, float]:
        """One bare SQL pass over every row, on a connection of its own: the number of rows
        read and the time the pass took (connecting untimed)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection that inserts (again: nothing)."""


class SQLitePlain(Plain):
    """A plain table in an SQLite file of its own, in WAL mode like the store."""

    insert_name = "executemany"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE events (id TEXT, youth TEXT, kind TEXT, occurred TEXT, "
            "recorded_at TEXT, recorded_by TEXT, payload TEXT)"
        )

    def insert(self, rows: Sequence[tuple[str, ...]]) -> None:
        self._db.execute("BEGIN")
        self._db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self._db.execute("COMMIT")

    def read(self) -> tuple[int, float]:
        db = sqlite3.connect(self.path)
        start = time.perf_counter()
        rows = sum(1 for _ in db.execute("SELECT * FROM events ORDER BY youth"))
        taken = time.perf_counter() - start
        db.close()
        return rows, taken

    def close(self) -> None:
        self._db.close()


class PostgresPlain(Plain):
    """A plain table (named ``plain``: the store's own is ``events``) in the run's schema."""

    insert_name = "COPY"

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self._connect = psycopg.connect
        self._db = psycopg.connect(url, autocommit=True)
        self._db.execute(
            "CREATE TABLE plain (id TEXT, youth TEXT, kind TEXT, occurred TEXT, "
            "recorded_at TEXT, recorded_by TEXT, payload TEXT)"
        )

    def insert(self, rows: Sequence[tuple[str, ...]]) -> None:
        with (
            self._db.transaction(),
            self._db.cursor() as cursor,
            cursor.copy(f"COPY plain ({COLUMNS}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def read(self) -> tuple[int, float]:
        # A server-side cursor, fetched in parts of the size the store's own reads take.
        with self._connect(self.url, autocommit=True) as db:
            start = time.perf_counter()
            with db.transaction(), db.cursor(name="bare_pass") as cursor:
                cursor.itersize = 5000
                cursor.execute("SELECT * FROM plain ORDER BY youth")
                rows = sum(1 for _ in cursor)
            taken = time.perf_counter() - start
        return rows, taken

    def close(self) -> None:
        self._db.close()


def in_schema(url: str, schema: str) -> str:
    """*url* with *schema* first on its search path: the store's tables are made there."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query)
    query.append(("options", f"-csearch_path={schema}"))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


@contextlib.contextmanager
def sqlite_backend() -> Iterator[tuple[Any, Plain]]:
    """A new store file and a plain table in a temporary folder, removed afterwards."""
    print(f"backend: sqlite (SQLite {sqlite3.sqlite_version})")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plain = SQLitePlain(folder / "bare.sqlite")
        try:
            yield folder / "store.sqlite", plain
        finally:
            plain.close()


@contextlib.contextmanager
def postgres_backend(url: str) -> Iterator[tuple[Any, Plain]]:
    """A new schema for the store and the plain table in the database at *url*, dropped
    afterwards (also when the run fails)."""
    import psycopg

    schema = f"bench_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as db:
        version = str(db.execute("SHOW server_version").fetchone()[0]).split()[0]
        db.execute(f"CREATE SCHEMA {schema}")
    print(f"backend: postgresql (PostgreSQL {version}), schema {schema}")
    try:
        address = in_schema(url, schema)
        plain = PostgresPlain(address)
        try:
            yield address, plain
        finally:
            plain.close()
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def imports(
    address: Any,
    plain: Plain,
    program: Program,
    plan: ProgramPlan,
    youths: int,
    attendances: int,
    assessments: int,
) -> tuple[float, float, float, int]:
    """Record each youth's events in a new store (one ``Tracker.record`` call each) and import
    them the bare way into *plain*; return the time of ours, of the bare import, of its insert
    alone, and the number of events stored."""
    baseline = inserts = taken = 0.0
    events = 0
    with open_store(address) as store:
        tracker = Tracker(store, program, plan, FRAMEWORK)
        for batch in roads(plan, youths, attendances, assessments):
            start = time.perf_counter()
            rows = as_rows(batch)
            made = time.perf_counter()
            plain.insert(rows)
            done = time.perf_counter()
            baseline += done - start
            inserts += done - made
            start = time.perf_counter()
            events += tracker.record(batch)
            taken += time.perf_counter() - start
    plain.close()
    return taken, baseline, inserts, events


def signals_and_progress(
    address: Any, plain: Plain, program: Program, plan: ProgramPlan
) -> tuple[float, float, tuple[int, int]]:
    """Time the signals and the progress of every youth as of one date, from the store
    (what a worker's overview waits for), and one bare SQL pass reading the same rows from
    the plain table: the best of two runs of each, taking turns."""
    taken = baseline = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        with open_store(address) as store:
            overview = Tracker(store, program, plan, FRAMEWORK).overview(AS_OF)
        taken = min(taken, time.perf_counter() - start)
        rows, bare = plain.read()
        baseline = min(baseline, bare)
        assert rows >= sum(1 for _ in overview.progress)
    return taken, baseline, (len(overview.signals), len(overview.progress))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--youths", type=int, default=30_000)
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="the database the store and the baselines are in (default: sqlite)",
    )
    parser.add_argument(
        "--url",
        default=os.environ.get(ADDRESS_VARIABLE),
        help=f"the PostgreSQL database for --backend postgres (default: ${ADDRESS_VARIABLE})",
    )
    args = parser.parse_args(argv)
    if args.backend == "postgres":
        if not args.url:
            parser.error(
                f"--backend postgres needs a server: pass --url postgresql://..., set "
                f"{ADDRESS_VARIABLE}, or run under `python tools/throwaway_postgres.py run -- "
                "python benchmarks/bench_store.py --backend postgres`"
            )
        if not is_url(args.url):
            parser.error(f"--url must be a postgresql:// URL, not {args.url!r}")
        backend = postgres_backend(args.url)
    else:
        backend = sqlite_backend()
    youths = args.youths
    attendances = youths * 1_000_000 // 30_000
    assessments = youths * 150_000 // 30_000
    with backend as (address, plain):
        print(
            f"importing {youths:,} youths ({attendances:,} attendances, {assessments:,} "
            "assessments), one batch per youth, into a new store and into a plain table"
        )
        program = national_program(max(1, youths // 15))
        plan = plan_program(program, CURRICULA, until=dt.date(2026, 8, 31))
        taken, baseline, inserts, events = imports(
            address, plain, program, plan, youths, attendances, assessments
        )
        read_taken, read_baseline, found = signals_and_progress(address, plain, program, plan)
    ratio = taken / baseline
    ok = ratio <= IMPORT_TARGET
    name = plain.insert_name
    print(
        f"  import of {events:,} events: store {taken:.1f} s, bare import (rows written out "
        f"and {name}) {baseline:.1f} s, ratio {ratio:.2f}x (target <= {IMPORT_TARGET:g}x)  "
        f"{'ok' if ok else 'MISSED'}"
    )
    print(
        f"    against the bare {name} alone ({inserts:.1f} s, rows made beforehand): "
        f"{taken / inserts:.2f}x"
    )
    read_ratio = read_taken / read_baseline
    read_ok = read_ratio <= READ_TARGET
    print(
        f"  signals ({found[0]:,}) and progress ({found[1]:,} youths) as of {AS_OF}: "
        f"{read_taken:.1f} s, one bare SQL pass over the same rows {read_baseline:.2f} s, "
        f"ratio {read_ratio:.1f}x (target <= {READ_TARGET:g}x)  {'ok' if read_ok else 'MISSED'}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    memory_ok = peak <= MEMORY_TARGET_MB
    print(
        f"  peak memory of the run: {peak:.0f} MB (target <= {MEMORY_TARGET_MB} MB)  "
        f"{'ok' if memory_ok else 'MISSED'}"
    )
    return 0 if ok and read_ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
