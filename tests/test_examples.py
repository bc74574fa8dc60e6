"""The example scripts in examples/ run on their own and do what their docstrings say."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

from joinus_method import Curriculum, load_curriculum
from joinus_method.tracking.events import EventKind
from joinus_method.tracking.store import open_store
from tests.paths import REPO

EXAMPLES = REPO / "examples"


def run(script: str, *args: str, cwd: Path) -> str:
    """Run examples/*script* with *args* in *cwd*; its output, after checking it ended well."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_noordwijk_2021_records_a_synthetic_year_and_writes_two_reports(tmp_path: Path) -> None:
    folder = tmp_path / "jaar"
    out = run("noordwijk_2021.py", str(folder), cwd=tmp_path)
    assert f"folder: {folder}\n" in out
    assert "planned: groep-12-18-the-base, " in out
    found = re.search(r"simulated: (\d+) synthetic youths \(invented, not real people\)", out)
    assert found is not None
    assert int(found[1]) >= 20
    recorded = re.search(r"recorded: (\d+) new events, (\d+) in the store", out)
    assert recorded is not None
    assert recorded[1] == recorded[2] != "0"
    signals = re.search(r"signals as of 2022-05-16: (\d+)\n", out)
    assert signals is not None
    lines = out[signals.end() :].splitlines()
    assert len([line for line in lines if line.startswith("  ")]) == int(signals[1]) > 0
    with open_store(folder / "joinus.sqlite") as store:
        assert len(store.events()) == int(recorded[2])
        assert all(youth.startswith("syn-") for youth in store.youths())
    written = [Path(line.removeprefix("wrote: ")) for line in lines if line.startswith("wrote: ")]
    assert [p.name for p in written] == ["jongere-syn-1-1.html", "programma.html"]
    for page in written:
        assert page.parent == folder
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert "Synthetic data: invented youths" in text
        assert "Synthetische jongere" not in text  # by pseudonym only


def test_embed_in_a_tool_records_an_evening_and_refuses_a_non_member(tmp_path: Path) -> None:
    store_path = tmp_path / "app.sqlite"
    out = run("embed_in_a_tool.py", str(store_path), cwd=tmp_path)
    assert "(new: " in out
    assert "evening: 2021-10-04, 'Klopt wat ik denk?' (" in out
    assert "members that day: y-7k2mq9xh, y-3bq8tw2c\n" in out
    refused = "refused: youth 'y-9fz4hn6d' is waiting: an event of kind attended cannot follow"
    assert refused + "\n" in out
    stored = re.search(r"stored whole or not at all: (\d+) events, now (\d+)", out)
    assert stored is not None
    assert stored[1] == stored[2]
    assert "recorded: 2 new attendance events\n" in out
    assert "signals as of 2021-10-10: " in out
    assert "y-3bq8tw2c             absent from the last 2 sessions" in out
    assert "on the waiting list of group 'groep-12-18-the-base'" in out
    with open_store(store_path) as store:
        evening = [
            e
            for e in store.events()
            if e.kind is EventKind.ATTENDED and e.occurred.isoformat() == "2021-10-04"
        ]
        assert sorted((e.youth, str(e.status)) for e in evening) == [
            ("y-3bq8tw2c", "absent"),
            ("y-7k2mq9xh", "present"),
        ]
        assert all(e.kind is not EventKind.ATTENDED for e in store.events("y-9fz4hn6d"))
    # The app records the same sheet again: nothing new, and no error.
    again = run("embed_in_a_tool.py", str(store_path), cwd=tmp_path)
    assert "(new: " not in again
    assert "recorded: 0 new attendance events\n" in again


def test_write_a_curriculum_writes_a_file_that_loads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "kennismaking.toml"
    out = run("write_a_curriculum.py", str(path), cwd=tmp_path)
    assert out.startswith("built: 'kennismaking-jongeren', 4 sessions, ")
    assert f"wrote: {path} (" in out
    assert "ok: loads back equal\n" in out
    assert f"ok: {path} passes the check\n" in out
    assert re.search(
        r"met-een-fout\.toml:\d+:\d+: error: unknown domain 'sociale-vaardigheid' "
        r"in framework 'zelfredzaamheid' \[at \$\.goals\[1\]\.domain\]",
        out,
    )
    built = runpy.run_path(str(EXAMPLES / "write_a_curriculum.py"))["kennismaking"]()
    assert isinstance(built, Curriculum)
    assert load_curriculum(path) == built
    assert path.read_text(encoding="utf-8").startswith('format = "joinus.curriculum.v1"\n')
