"""The joinus command: parsing, dispatch, the installed entry point."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from tests.paths import BROKEN


@pytest.mark.parametrize("argv", [[], ["check"], ["frobnicate"], ["schema"], ["schema", "poem"]])
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Wrong usage exits 2 with a usage message."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: joinus" in capsys.readouterr().err


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


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed version, which the package also carries."""
    import joinus_method

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"joinus {joinus_method.__version__}"
    assert joinus_method.__version__ == version("joinus-method")
