"""The store against real processes, on both databases: a writer killed in the middle of a
bulk import, and two writers at once.

The writing is done by child processes running ``crash_writer.py`` (started with this very
Python), which report each batch once ``Store.record`` has returned for it.
"""

from __future__ import annotations

import collections
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from joinus_method.tracking.journey import Stage
from joinus_method.tracking.store import open_store
from tests.backends import is_postgres, plain_query
from tests.tracking.crash_writer import BATCH_SIZE, batch, event_id, youth_of

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 5
BATCHES = 200
TIMEOUT = 120

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX only")


def writer(address: str, run: str, count: int, *extra: str) -> subprocess.Popen[str]:
    """A child process that records batches ``0 .. count-1`` of *run* in the store at
    *address*, reporting each one committed on its standard output."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), address, run, str(count), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def batches_stored(address: str, run: str) -> dict[int, int]:
    """For each batch of *run* with an event in the store, how many of its events are there
    (read with plain SQL, not through the store; nothing when the writer was killed before
    it made the tables)."""
    pattern = re.compile(rf"{re.escape(run)}-b(\d+)-e\d+")
    ids = [
        r[0] for r in plain_query(address, "SELECT id FROM events WHERE id LIKE ?", (f"{run}-b%",))
    ]
    found: collections.Counter[int] = collections.Counter()
    for event in ids:
        match = pattern.fullmatch(event)
        assert match, event
        found[int(match.group(1))] += 1
    return dict(found)


def integrity(address: str) -> list[str]:
    """What ``PRAGMA integrity_check`` says of an SQLite file (``['ok']`` when it is sound);
    of a PostgreSQL store, whether its unique keys hold (as ``amcheck`` would see them, asked
    through the tables: no id twice, no youth's state twice)."""
    if is_postgres(address):
        twice = plain_query(
            address,
            "SELECT 'event', id FROM events GROUP BY id HAVING COUNT(*) > 1 UNION ALL "
            "SELECT 'state', youth FROM states GROUP BY youth HAVING COUNT(*) > 1",
        )
        return [f"{what} {key} twice" for what, key in twice] or ["ok"]
    db = sqlite3.connect(address)
    try:
        return [r[0] for r in db.execute("PRAGMA integrity_check")]
    finally:
        db.close()


def test_a_writer_killed_mid_import_leaves_whole_batches(
    address: str, request: pytest.FixtureRequest
) -> None:
    """A writer killed with SIGKILL at a random moment of a bulk import, five times over on
    the same store: the store is sound, every batch it reported committed is there whole, no
    batch is there in part, and at most the one batch it was writing is there unreported."""
    path = address
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    figures = []
    for kill in range(KILLS):
        run = f"k{kill}"
        seen = rng.randrange(BATCHES * 3 // 4)  # reports to read before killing (0: at once)
        pause = rng.uniform(0, 0.01)
        with writer(path, run, BATCHES, "--linger") as child:
            assert child.stdout is not None
            reported = []
            for _ in range(seen):
                line = child.stdout.readline()
                if not line:
                    break
                reported.append(line)
            time.sleep(pause)
            os.kill(child.pid, signal.SIGKILL)
            rest, errors = child.communicate(timeout=TIMEOUT)
        why = f"seed {seed}, kill {kill}: {errors}"
        assert child.returncode == -signal.SIGKILL, why
        if not plain_query(path, "SELECT 1 FROM events LIMIT 1"):  # killed before a commit
            assert not reported, why
            figures.append((0, 0))
            continue
        done = {int(line.split()[1]) for line in [*reported, *rest.splitlines()]}
        assert done == set(range(len(done))), why
        assert integrity(path) == ["ok"], why
        stored = batches_stored(path, run)
        assert all(stored.get(n) == BATCH_SIZE for n in done), why
        assert all(count == BATCH_SIZE for count in stored.values()), (stored, why)
        assert set(stored) <= done | {len(done)}, why
        figures.append((len(done), len(stored)))
    with open_store(path) as store:
        for kill, (_, whole) in enumerate(figures):
            for number in range(0, whole, 2):
                youth = youth_of(f"k{kill}", number)
                assert store.state(youth) == store.rebuilt_state(youth)
                assert store.state(youth).stage is Stage.MEMBER
        total = sum(whole for _, whole in figures) * BATCH_SIZE
        assert len(store.events()) == total
    assert integrity(path) == ["ok"]
    request.node.user_properties.append(("kills", figures))


def test_two_writers_at_once_lose_nothing_and_double_nothing(address: str) -> None:
    """Two processes write at the same time: each its own youths, and both the same shared
    batches. Every event is stored, each once; each shared event is new to exactly one of
    them; and the writes really did interleave."""
    path = address
    count = 60
    children = [writer(path, run, count, "--shared", "gedeeld", "--wait") for run in ("a", "b")]
    outputs = []
    try:
        for child in children:
            assert child.stdout is not None
            assert child.stdout.readline() == "ready\n"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            out, errors = child.communicate(timeout=TIMEOUT)
            assert child.returncode == 0, errors
            outputs.append(out)
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.communicate()
    new: collections.Counter[str] = collections.Counter()
    for out in outputs:
        for line in out.splitlines():
            run, _, added = line.split()
            new[run] += int(added)
    assert new == {"a": count * BATCH_SIZE, "b": count * BATCH_SIZE, "gedeeld": count * BATCH_SIZE}
    expected = {
        event_id(run, number, index)
        for run in ("a", "b", "gedeeld")
        for number in range(count)
        for index in range(BATCH_SIZE)
    }
    with open_store(path) as store:
        events = store.events()
        assert len(events) == len(expected)
        assert {e.id for e in events} == expected
        for run in ("a", "b", "gedeeld"):
            for number in range(0, count, 2):
                youth = youth_of(run, number)
                mine = batch(run, number) + batch(run, number + 1)
                assert store.events(youth) == mine
                assert store.state(youth) == store.rebuilt_state(youth)
    order = [e.id.split("-")[0] for e in events]
    first = {run: order.index(run) for run in ("a", "b")}
    last = {run: len(order) - 1 - order[::-1].index(run) for run in ("a", "b")}
    assert first["a"] < last["b"], "the writers did not overlap"
    assert first["b"] < last["a"], "the writers did not overlap"
    assert integrity(path) == ["ok"]
