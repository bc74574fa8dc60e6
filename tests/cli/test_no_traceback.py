"""No traceback, whatever is typed: every command and example script, run as a process with
wrong arguments and broken files, answers with error lines and an exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.environments import ascii_locale
from tests.paths import BROKEN, REPO

EXAMPLE = REPO / "examples" / "noordwijk-2021" / "chain.py"


def bad_files(folder: Path) -> dict[str, Path]:
    """Files a user might give by mistake, by what is wrong with them."""
    files = {
        "missing": folder / "missing.toml",
        "folder": folder,
        "empty": folder / "empty.toml",
        "binary": folder / "binary.toml",
        "latin-1": folder / "latin1.toml",
        "not-toml": folder / "notes.toml",
        "broken": BROKEN / "one-worker.toml",
        "curriculum": REPO / "curricula" / "groepsavonden.toml",
    }
    files["empty"].write_text("", encoding="utf-8")
    files["binary"].write_bytes(b"\\x00\\x01\\xff\\xfe" * 20)
    files["latin-1"].write_bytes(
        'format = "joinus.program.v1"\\ntitle = "Café"\\n'.encode("latin-1")
    )
    files["not-toml"].write_text("Dit is een boodschappenlijst.\\n- melk\\n", encoding="utf-8")
    return files


def commands(folder: Path) -> list[list[str]]:
    """Command lines with wrong arguments and wrong files."""
    out = folder / "out"
    lines: list[list[str]] = [
        ["--frobnicate"],
        ["plan", "--until", "morgen"],
        ["plan", "--until", "2021-02-30"],
        ["plan", "--until", "1900-01-01"],
        ["plan", "--until", "9999-12-31"],
        ["plan", "--group", "geen-groep"],
        ["plan", "--clashes", "soms"],
        ["plan", "--max-clash-share", "veel"],
        ["plan", "--ics", str(folder)],
        ["plan", "--csv", str(folder / "no" / "such" / "folder.csv")],
        ["plan", "--curriculum", str(folder / "missing.toml")],
        ["schema", "--out", str(folder / "empty.toml")],
        ["schema", "les"],
        ["check", "--help"],
        ["plan", "--help"],
        ["schema", "--help"],
        ["bundled", "--help"],
        ["bundled", "extra"],
    ]
    for name, path in bad_files(folder).items():
        if name != "curriculum":  # a valid curriculum, but not a program
            lines += [["check", str(path)], ["plan", "--curriculum", str(path)]]
        lines.append(["plan", str(path)])
        lines += [["plan", "--ics", str(out / "plan.ics"), str(path)]]
    return lines


def test_no_command_line_shows_a_traceback(tmp_path: Path) -> None:
    """Each wrong command line ends with error lines and exit 1 or 2 (0 for help)."""
    joinus = Path(sys.executable).parent / "joinus"
    env = ascii_locale()
    for argv in commands(tmp_path):
        done = subprocess.run(
            [str(joinus), *argv], capture_output=True, text=True, env=env, check=False
        )
        assert "Traceback" not in done.stderr, (argv, done.stderr)
        assert "internal error" not in done.stderr, (argv, done.stderr)
        if "--help" in argv:
            assert (done.returncode, done.stdout.startswith("usage: joinus")) == (0, True)
        else:
            assert done.returncode in (1, 2), (argv, done.returncode, done.stdout)
            assert "error" in done.stderr, (argv, done.stderr)


@pytest.mark.parametrize(
    "name", ["missing", "folder", "empty", "binary", "latin-1", "not-toml", "broken", "curriculum"]
)
def test_the_example_script_answers_with_error_lines(tmp_path: Path, name: str) -> None:
    """The example script given a wrong file prints the error and exits 1."""
    path = bad_files(tmp_path)[name]
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(path)],
        capture_output=True,
        text=True,
        env=ascii_locale(),
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    assert "error" in done.stderr


@pytest.mark.parametrize(
    "argv",
    [[sys.executable, str(EXAMPLE)], [str(Path(sys.executable).parent / "joinus"), "plan"]],
    ids=["example", "joinus-plan"],
)
def test_a_closed_pipe_is_quiet(argv: list[str]) -> None:
    """A reader that has gone (as `head` does) leaves no traceback on the error stream."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    with subprocess.Popen(argv, stdout=write, stderr=subprocess.PIPE, env=ascii_locale()) as proc:
        os.close(write)
        _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    assert b"Broken pipe" not in err


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["--help"], 0),
        (["-h"], 0),
        (["--lang", "nl", "--help"], 0),
        (["--wrong"], 2),
        (["a", "b"], 2),
    ],
)
def test_the_example_script_has_help_and_usage(argv: list[str], status: int) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), *argv],
        capture_output=True,
        text=True,
        env=ascii_locale(),
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == status
    assert "chain.py [--lang nl|en] [PROGRAM.toml]" in (done.stdout if status == 0 else done.stderr)
