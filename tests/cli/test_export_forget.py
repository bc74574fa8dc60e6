"""joinus export and joinus forget: a youth's own data out, and erased on request."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from joinus_method.cli.main import main

AS_OF = "2022-05-16"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "demo"
    assert main(["demo", str(folder)]) == 0
    return folder / "joinus.sqlite"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--lang", "en", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    found = capsys.readouterr()
    return code, found.out, found.err


def test_a_youth_s_own_data_as_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "youth", "syn-1-1", "--store", str(demo))
    assert code == 0, err
    data = json.loads(out)
    assert data["youth"] == "syn-1-1"
    assert data["personal"]["name"].startswith("Synthetische jongere")
    assert data["events"][0]["kind"] == "signalled"


def test_xapi_statements_hold_no_name(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "xapi", "syn-1-2", "--store", str(demo))
    assert code == 0, err
    found = json.loads(out)
    assert found
    assert {s["actor"]["account"]["name"] for s in found} == {"syn-1-2"}
    assert "Synthetische" not in out


def test_attendance_and_progress_as_csv(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "attendance", "--store", str(demo), "--as-of", AS_OF)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {r["status"] for r in rows} <= {"present", "late", "excused", "absent", ""}
    code, out, _ = run(capsys, "export", "progress", "--store", str(demo), "--as-of", AS_OF)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert all(r["youth"].startswith("syn-") for r in rows)
    assert {r["ready"] for r in rows} <= {"yes", "no"}


def test_forgetting_needs_yes_and_keeps_the_progress(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "kopie.sqlite"
    store.write_bytes(demo.read_bytes())
    assert b"Synthetische jongere 2-9" in store.read_bytes()
    code, _, err = run(capsys, "forget", "syn-2-9", "--store", str(store))
    assert code == 2
    assert "--yes" in err
    code, out, err = run(capsys, "forget", "syn-2-9", "--store", str(store), "--yes")
    assert code == 0, err
    assert "forgot syn-2-9" in out
    code, out, _ = run(capsys, "export", "youth", "syn-2-9", "--store", str(store))
    data = json.loads(out)
    assert data["personal"] is None
    assert data["events"]
    assert b"Synthetische jongere 2-9" not in store.read_bytes()


@pytest.mark.parametrize(
    ("argv", "status", "said"),
    [
        (["export", "youth"], 2, "needs an ID"),
        (["export", "youth", "nobody"], 1, "no youth 'nobody'"),
        (["forget", "nobody", "--yes"], 1, "no youth 'nobody'"),
        (["forget", "x", "--store", "missing.sqlite"], 1, "no store at missing.sqlite"),
    ],
)
def test_wrong_use_is_an_error_line(
    demo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int, said: str
) -> None:
    with_store = argv if "--store" in argv else [*argv, "--store", str(demo)]
    code, _, err = run(capsys, *with_store)
    assert code == status
    assert said in err
    assert "Traceback" not in err
