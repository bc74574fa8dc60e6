"""The joinus command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from joinus_method.cli import main

BROKEN = Path(__file__).parent / "broken"


def test_check_valid_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Valid files exit 0 with an ok line each."""
    from joinus_method.bundled import bundled_documents

    paths = []
    for doc in bundled_documents():
        target = tmp_path / doc.name.replace("/", "_")
        target.write_text(doc.text(), encoding="utf-8")
        paths.append(str(target))
    assert main(["check", *paths]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.count(": ok (") == len(paths)
    assert f"{len(paths)} of {len(paths)} files valid" in out.out


def test_check_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    """--bundled checks every shipped document and exits 0."""
    assert main(["check", "--bundled"]) == 0
    assert "5 of 5 files valid" in capsys.readouterr().out


def test_check_reports_every_error_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Broken files exit 1 and print each error as FILE:LINE:COL: error: MESSAGE."""
    files = sorted(str(p) for p in BROKEN.glob("*.toml"))
    assert main(["check", *files]) == 1
    out = capsys.readouterr()
    lines = out.err.splitlines()
    assert len(lines) == len(files)
    for line in lines:
        file, row, col, rest = line.split(":", 3)
        assert file in files
        assert row.isdigit()
        assert col.isdigit()
        assert rest.startswith(" error: ")
    assert f"0 of {len(files)} files valid" in out.out


def test_missing_file_is_an_error_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist is reported as an error line, exit 1."""
    assert main(["check", "nowhere.toml"]) == 1
    assert capsys.readouterr().err.startswith("nowhere.toml:1:1: error: cannot read file")


@pytest.mark.parametrize("argv", [[], ["check"], ["frobnicate"], ["schema"], ["schema", "poem"]])
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Wrong usage exits 2 with a usage message."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: joinus" in capsys.readouterr().err


def test_bundled_listing(capsys: pytest.CaptureFixture[str]) -> None:
    """`joinus bundled` lists each shipped document with its kind and id."""
    assert main(["bundled"]) == 0
    out = capsys.readouterr().out
    assert "groepsavonden" in out
    assert "noordwijk-katwijk-2021" in out


def test_installed_command() -> None:
    """The installed `joinus` entry point runs, as does python -m joinus_method."""
    joinus = Path(sys.executable).parent / "joinus"
    done = subprocess.run(
        [str(joinus), "check", "--bundled"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "joinus_method", "check", str(BROKEN / "one-worker.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "one-worker.toml:32:1: error:" in done.stderr
    assert "Traceback" not in done.stderr
