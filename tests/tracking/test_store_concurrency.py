"""Ten writers of an office at once, on both databases: threads and processes recording
attendance and assessments for overlapping groups lose nothing and double nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from joinus_method.tracking.store import open_store
from tests.tracking import office_writer as office

WRITER = Path(__file__).with_name("office_writer.py")
TIMEOUT = 300


def test_ten_writers_at_once_lose_nothing_and_double_nothing(address: str) -> None:
    """Five threads and five processes write the evenings of five groups, each group by two
    writers (a thread and a process, or two of a kind), all at once. Every event is stored
    once, is new to exactly one writer, and every youth's kept state is the one made again
    from their events."""
    with open_store(address) as store:
        store.record(office.members())
    expected = {
        e.id: e
        for number in range(office.GROUPS)
        for k in range(office.EVENINGS)
        for batch in office.evening(number, k)
        for e in batch
    }
    start = threading.Barrier(office.WRITERS // 2 + 1)
    found: dict[int, int] = {}
    failures: list[BaseException] = []

    def thread(writer: int) -> None:
        try:
            start.wait()
            found[writer] = office.write(address, writer)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=thread, args=(w,)) for w in range(0, office.WRITERS, 2)]
    for t in threads:
        t.start()
    processes = {
        w: subprocess.Popen(
            [sys.executable, str(WRITER), address, str(w)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(1, office.WRITERS, 2)
    }
    start.wait()
    for w, child in processes.items():
        out, errors = child.communicate(timeout=TIMEOUT)
        assert child.returncode == 0, errors
        assert out.startswith("NEW "), out
        found[w] = int(out.split()[1])
    for t in threads:
        t.join(TIMEOUT)
    assert not failures, failures
    assert sorted(found) == list(range(office.WRITERS))
    assert sum(found.values()) == len(expected)
    with open_store(address) as store:
        stored = [e for e in store.events() if e.id in expected]
        assert len(stored) == len(expected)
        assert {e.id: e for e in stored} == expected
        for number in range(office.GROUPS):
            for youth in office.youths(number):
                assert store.state(youth) == store.rebuilt_state(youth)
                assert store.state(youth).events == 6 + office.EVENINGS + office.EVENINGS // 4
