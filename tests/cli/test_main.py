"""The joinus command: parsing, dispatch, the installed entry point."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.errors import UnknownId
from tests.paths import BROKEN


@pytest.mark.parametrize("argv", [["check"], ["frobnicate"], ["schema"], ["schema", "poem"]])
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Wrong usage exits 2 with a usage message."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: joinus" in capsys.readouterr().err


def test_alone_it_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`joinus` without arguments prints the help with every command and exits 0."""
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: joinus [-h] [--version] [--lang {en,nl}] COMMAND ...")
    for command in ("check", "plan", "schema", "bundled"):
        assert f"    {command} " in out


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


@pytest.mark.parametrize(
    ("raised", "code", "first_line"),
    [
        (
            ZeroDivisionError("division by zero"),
            70,
            "internal error: ZeroDivisionError: division by zero",
        ),
        (UnknownId("group", "x"), 1, "error: no group with id 'x'"),
        (
            PermissionError(13, "Permission denied", "plan.ics"),
            1,
            "error: Permission denied: plan.ics",
        ),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_the_last_safety_net(
    raised: BaseException,
    code: int,
    first_line: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An error no subcommand caught is still one line and an exit status, not a traceback."""
    from joinus_method.cli import bundled

    def fail(*args: object) -> int:
        raise raised

    monkeypatch.setattr(bundled, "run", fail)
    monkeypatch.delenv("JOINUS_DEBUG", raising=False)
    assert main(["bundled"]) == code
    assert capsys.readouterr().err.splitlines()[0] == first_line
    if code == 70:
        monkeypatch.setenv("JOINUS_DEBUG", "1")
        with pytest.raises(ZeroDivisionError):
            main(["bundled"])


def test_every_command_has_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    """`joinus COMMAND --help` says what the command does, for every command."""
    from joinus_method.cli.main import _COMMANDS

    for command in _COMMANDS:
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0
        help_text = capsys.readouterr().out
        usage, description = help_text.split("\n\n")[:2]
        assert usage.startswith(f"usage: joinus {command}")
        assert len(description.split()) >= 12, (command, description)
