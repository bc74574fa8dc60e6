"""`joinus` in Dutch: under a Dutch locale or with --lang nl, every text it shows is Dutch."""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from joinus_method.cli.main import main
from joinus_method.documents.bundled import find_bundled
from joinus_method.documents.files import DocumentKind
from joinus_method.messages import translator
from tests.environments import ascii_locale
from tests.paths import BROKEN, REPO

JOINUS = Path(sys.executable).parent / "joinus"
EXAMPLE = REPO / "examples" / "noordwijk-2021" / "chain.py"


class _Recording:
    """The Dutch catalogue, noting every text asked for that it does not hold."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.missing: set[str] = set()

    def gettext(self, text: str) -> str:
        if text not in self.inner._catalog:
            self.missing.add(text)
        return str(self.inner.gettext(text))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        if (singular, 0) not in self.inner._catalog:
            self.missing.add(singular)
        return str(self.inner.ngettext(singular, plural, count))


@pytest.fixture
def missing(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The texts the Dutch catalogue was asked for and lacked, while the test ran."""
    dutch = translator("nl")
    recording = _Recording(dutch._translations)
    monkeypatch.setattr(dutch, "_translations", recording)
    return recording.missing


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def eventful_program(folder: Path) -> Path:
    """The bundled program with a closed venue, a worker on leave, and a group that starts
    before its workers are trained."""
    text = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021").text()
    text = text.replace(
        'address = "Noordwijkerhout"\n',
        'address = "Noordwijkerhout"\nclosures = [{ start = 2021-06-08, reason = "verbouwing" }]\n',
    )
    text = text.replace(
        'name = "Noor Bakker"\n',
        'name = "Noor Bakker"\nleave = [{ start = 2021-05-31, reason = "vakantie" }]\n',
    )
    text = text.replace("start_date = 2021-05-17", "start_date = 2021-04-19")
    path = folder / "program.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_skipped_dates_are_given_in_dutch(tmp_path: Path, missing: set[str]) -> None:
    csv = tmp_path / "plan.csv"
    status, out, err = run(
        "plan", "--lang", "nl", str(eventful_program(tmp_path)), "--csv", str(csv)
    )
    assert status == 0, err
    assert ";skipped;locatie gesloten: verbouwing;" in csv.read_text(encoding="utf-8-sig")
    assert "locatie gesloten: verbouwing" in out
    assert "verlof van noor-bakker: vakantie" in out
    assert "begeleiders nog in opleiding" in out
    assert "zomervakantie regio midden" in out
    assert out.splitlines()[1].split() == [
        "datum",
        "tijd",
        "reeks",
        "bijeenkomst",
        "locatie",
        "mensen",
    ]
    assert "2021-06-08 di" in out
    assert "bijeenkomsten gepland" in out
    assert "venue closed" not in out
    assert "skipped dates" not in out
    assert "overgeslagen datums (" in out
    assert missing == set()


def test_the_locale_chooses_dutch_and_lang_overrules_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert "bijeenkomsten gepland" in run("plan")[1]
    assert "sessions planned" in run("plan", "--lang", "en")[1]
    assert "sessions planned" in run("--lang=en", "plan")[1]
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "sessions planned" in run("plan")[1]
    assert "bijeenkomsten gepland" in run("--lang", "nl", "plan")[1]


def test_an_unknown_language_is_a_usage_error() -> None:
    status, _, err = run("--lang", "de", "plan")
    assert status == 2
    assert "--lang" in err
    assert "'de'" in err


COMMANDS = ["check", "schema", "bundled", "init", "plan", "show"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_dutch(command: str | None, missing: set[str]) -> None:
    status, out, _ = run(*([command] if command else []), "--help", "--lang", "nl")
    assert status == 0
    assert out.startswith("gebruik: joinus")
    assert "opties:" in out
    assert "show this help" not in out
    assert "options:" not in out
    assert missing == set()


def test_every_command_speaks_dutch_on_good_and_bad_input(
    tmp_path: Path, missing: set[str]
) -> None:
    """Each command, with good files, broken files and wrong arguments, asks the catalogue
    only for texts it holds: nothing is left in English."""
    program = eventful_program(tmp_path)
    runs = [
        ("check", "--bundled"),
        ("check", str(program)),
        *(("check", str(path)) for path in sorted(BROKEN.glob("*.toml"))),
        ("check", str(tmp_path / "missing.toml")),
        ("check",),
        ("schema",),
        ("schema", "--out", str(tmp_path / "schemas")),
        ("bundled",),
        ("init", str(tmp_path / "new")),
        ("init", str(tmp_path / "new")),
        ("check", *map(str, sorted((tmp_path / "new").glob("*.toml")))),
        ("plan",),
        ("plan", str(program), "--clashes", "report"),
        ("plan", "--until", "2020-01-01"),
        ("plan", "--until", "morgen"),
        ("plan", "--group", "groep-x"),
        ("plan", "--max-clash-share", "200%"),
        ("plan", "--csv", str(tmp_path / "no" / "such" / "plan.csv")),
        ("plan", str(REPO / "curricula" / "groepsavonden.toml")),
        ("show", "groepsavonden"),
        ("show", "werkerstraining"),
        ("show", str(program)),
        ("plan", "--wrong"),
        ("frobnicate",),
    ]
    for argv in runs:
        _, _, err = run("--lang", "nl", *argv)
        assert "Traceback" not in err
        assert "error:" not in err, (argv, err)
        assert "usage:" not in err, (argv, err)
    assert missing == set()


def test_the_example_speaks_dutch() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        env={**ascii_locale(), "LC_ALL": "nl_NL.UTF-8", "PYTHONUTF8": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("  traint ") == 4, done.stdout
    assert "op dinsdag vanaf 2021-05-11 in X-Out" in done.stdout


def test_the_installed_command_speaks_dutch_under_a_dutch_locale() -> None:
    done = subprocess.run(
        [str(JOINUS), "check", str(BROKEN / "one-worker.toml")],
        capture_output=True,
        text=True,
        env={**ascii_locale(), "LC_ALL": "nl_NL.UTF-8"},
        check=False,
    )
    assert done.returncode == 1
    assert ": fout: " in done.stderr
    assert "bestanden geldig" in done.stdout
