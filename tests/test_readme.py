"""The README's commands and examples are the ones that work."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.paths import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, re.S)


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the README's second command, word for word."""
    commands = [body.strip() for lang, body in BLOCKS if lang == "sh"]
    install_and_run, install_and_test = commands[:2]
    assert install_and_run.endswith("joinus demo")
    assert "pytest" in install_and_test
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_and_test in ci


def test_python_examples_run(tmp_path: Path) -> None:
    """Every Python block of the README runs without error and prints, line by line, what
    the comments of its print() calls say (in a folder of its own: one makes a store)."""
    examples = [body for lang, body in BLOCKS if lang == "python"]
    assert examples
    shown = 0
    for code in examples:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        said = [
            line.split("  # ", 1)[1]
            for line in code.splitlines()
            if line.strip().startswith("print(") and "  # " in line
        ]
        assert done.stdout.splitlines() == said
        shown += len(said)
    assert shown >= 3


def test_check_example_output() -> None:
    """The `joinus check` session shown in the README prints what it shows."""
    (session,) = [b for lang, b in BLOCKS if lang == "text" and b.startswith("$ joinus check")]
    command, *expected = session.strip().splitlines()
    argv = shlex.split(command.removeprefix("$ "))
    joinus = Path(sys.executable).parent / argv[0]
    done = subprocess.run(
        [str(joinus), *argv[1:]],
        cwd=REPO / "tests" / "broken",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert (done.stderr + done.stdout).splitlines() == expected


def test_example_script_prints_the_chain() -> None:
    """examples/noordwijk-2021/chain.py prints the coach, the four workers and both groups."""
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "noordwijk-2021" / "chain.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("  trains ") == 4
    assert "on Tuesdays from 2021-05-11 at X-Out" in done.stdout
    assert "on Mondays from 2021-05-17 at The Base" in done.stdout


def test_plan_example_runs(tmp_path: Path) -> None:
    """The `joinus plan` line shown in the README plans and writes both files."""
    (session,) = [b for lang, b in BLOCKS if lang == "text" and b.startswith("$ joinus plan")]
    argv = shlex.split(session.strip().splitlines()[0].removeprefix("$ "))
    joinus = Path(sys.executable).parent / argv[0]
    done = subprocess.run(
        [str(joinus), *argv[1:]], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "plan.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert (tmp_path / "plan.csv").read_text(encoding="utf-8").startswith("date,")
