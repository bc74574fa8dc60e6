"""``copy_store`` and ``joinus store copy``: a store moved from SQLite to PostgreSQL and back,
checked by the rebuilt state; interrupted or refused, the destination is as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.planning.schedule import plan_program
from joinus_method.tracking import store as store_module
from joinus_method.tracking.events import EventKind
from joinus_method.tracking.journey import EventRefused
from joinus_method.tracking.simulate import simulate_year
from joinus_method.tracking.store import Store, StoreError, copy_store, open_store
from tests.backends import fresh_address, is_postgres, plain_query, stored
from tests.seed import CURRICULA, FRAMEWORK, NOORDWIJK
from tests.tracking.crash_writer import batch
from tests.tracking.roads import event

PLAN = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2022, 12, 31))
NOON = dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC)
WAYS = [
    ("sqlite", "postgresql"),
    ("postgresql", "sqlite"),
    ("sqlite", "sqlite"),
    ("postgresql", "postgresql"),  # two schemas of one database
]


@contextlib.contextmanager
def two(tmp_path: Path, source: str, destination: str) -> Iterator[tuple[str, str]]:
    with fresh_address(source, tmp_path) as a, fresh_address(destination, tmp_path) as b:
        yield a, b


def fill(address: str) -> None:
    """A simulated year of the seed program, an access logged, and a youth forgotten."""
    with open_store(address) as store:
        for youth in simulate_year(NOORDWIJK, PLAN, FRAMEWORK, per_group=5):
            store.set_personal(youth.personal)
            for part in youth.batches:
                store.record(part, plan=PLAN)
        first = store.youths()[0]
        store.log_access("daan-kuijpers", first, True, NOON)
        store.forget(first)


def same(source: Store, copy: Store) -> None:
    """*copy* holds what *source* holds."""
    assert copy.events() == source.events()
    assert copy.youths() == source.youths()
    assert copy.access_log() == source.access_log()
    for youth in source.youths():
        assert copy.personal(youth) == source.personal(youth)
        assert copy.state(youth) == source.state(youth) == copy.rebuilt_state(youth)
    for group in NOORDWIJK.groups:
        assert copy.youths(groups=[group.id]) == source.youths(groups=[group.id])


@pytest.mark.parametrize(("source", "destination"), WAYS)
def test_a_store_copied_holds_the_same(tmp_path: Path, source: str, destination: str) -> None:
    with two(tmp_path, source, destination) as (a, b):
        fill(a)
        copied = copy_store(a, b)
        with open_store(a) as original, open_store(b) as copy:
            assert copied.events == len(original.events()) > 250
            assert copied.youths == len(original.youths())
            assert (copied.personal, copied.accesses) == (copied.youths - 1, 1)
            same(original, copy)
            forgotten = original.youths()[0]
            with pytest.raises(EventRefused, match="was forgotten"):
                copy.record(event(EventKind.REGISTERED, forgotten))


def test_there_and_back_again(tmp_path: Path) -> None:
    """SQLite to PostgreSQL and back to SQLite, with the command: the same store."""
    with two(tmp_path, "sqlite", "postgresql") as (a, b):
        fill(a)
        back = str(tmp_path / "terug.sqlite")
        assert main(["store", "copy", a, b]) == 0
        assert main(["store", "copy", b, back]) == 0
        with open_store(a) as original, open_store(back) as copy:
            same(original, copy)


@pytest.mark.parametrize(("source", "destination"), WAYS)
def test_a_copy_into_a_store_that_holds_anything_is_refused(
    tmp_path: Path, source: str, destination: str
) -> None:
    with two(tmp_path, source, destination) as (a, b):
        fill(a)
        with open_store(b) as there:
            there.log_access("esra-yildiz", "y-iemand", False, NOON)
        before = stored(b)
        with pytest.raises(StoreError, match=r"holds a store already|is a file at .* already"):
            copy_store(a, b)
        assert stored(b) == before


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_source_without_a_store_is_refused_and_left_alone(tmp_path: Path, backend: str) -> None:
    with two(tmp_path, backend, "sqlite") as (a, b):
        before = as_it_is(a)
        with pytest.raises(StoreError, match="there is no store at"):
            copy_store(a, b)
        assert as_it_is(a) == before
        assert not Path(b).exists()


@pytest.mark.parametrize(("source", "destination"), WAYS)
def test_a_copy_stopped_halfway_leaves_the_destination_as_it_was(
    tmp_path: Path, source: str, destination: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped (Ctrl-C) after the events were written, or refused because a youth's kept
    state is not what their events give: nothing of the copy is kept."""
    with two(tmp_path, source, destination) as (a, b):
        fill(a)
        before = as_it_is(b)
        copy_table = store_module._copy_table

        def stopped(read, write, table):
            count = copy_table(read, write, table)
            if table == "personal":
                raise KeyboardInterrupt
            return count

        monkeypatch.setattr(store_module, "_copy_table", stopped)
        with pytest.raises(KeyboardInterrupt):
            copy_store(a, b)
        monkeypatch.undo()
        assert as_it_is(b) == before
        assert not list(tmp_path.glob("*.copying*"))
        # A kept state that is not what the events give: refused, nothing kept.
        youth = plain_query(a, "SELECT youth FROM states ORDER BY youth LIMIT 1")[0][0]
        with open_store(a) as source_store:
            source_store._db.execute(
                "UPDATE states SET state = REPLACE(state, '\"events\":', '\"events\":1') "
                "WHERE youth = ?",
                (youth,),
            )
        with pytest.raises(StoreError, match="does not give the state it keeps for 1 youths"):
            copy_store(a, b)
        assert as_it_is(b) == before


def as_it_is(address: str) -> object:
    """What is at *address*: what a PostgreSQL store holds; whether an SQLite file exists."""
    return stored(address) if is_postgres(address) else Path(address).exists()


KILLS = 4


def copying(destination: str) -> bool:
    """Whether a copy into *destination* is under way: its file of its own is there, or a
    transaction holds a PostgreSQL store as a whole."""
    if not is_postgres(destination):
        folder = Path(destination).parent
        return any(folder.glob(Path(destination).name + ".copying-*"))
    import psycopg

    with psycopg.connect(destination, autocommit=True) as db:
        held = db.execute(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ExclusiveLock' "
            "AND granted AND pid <> pg_backend_pid()"
        ).fetchone()
    return held is not None


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX only")
@pytest.mark.parametrize(("source", "destination"), WAYS[:2])
def test_a_copy_killed_leaves_the_destination_as_it_was(
    tmp_path: Path, source: str, destination: str, request: pytest.FixtureRequest
) -> None:
    """``joinus store copy`` killed with SIGKILL at a random moment while it copies, four
    times: each time the destination is as it was, or (killed after the end) the whole
    copy."""
    with two(tmp_path, source, destination) as (a, b):
        with open_store(a) as origin:
            for number in range(400):
                origin.record(batch("kopie", number))
        command = [sys.executable, "-m", "joinus_method.cli.main", "store", "copy", a, b]
        seed = int.from_bytes(os.urandom(4), "big")
        rng = random.Random(seed)
        outcomes = []
        for _ in range(KILLS):
            before = as_it_is(b)
            with subprocess.Popen(command, stdout=subprocess.PIPE) as child:
                deadline = time.monotonic() + 60
                while not copying(b) and child.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, 0.3))
                os.kill(child.pid, signal.SIGKILL)
                child.communicate(timeout=60)
            if plain_query(b, "SELECT 1 FROM events LIMIT 1"):
                with open_store(a) as original, open_store(b) as copy:
                    same(original, copy)
                outcomes.append("whole")
                break
            assert as_it_is(b) == before, seed
            outcomes.append("as it was")
        assert "as it was" in outcomes, seed
        request.node.user_properties.append(("kills", outcomes))
