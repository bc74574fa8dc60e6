"""joinus report and joinus signals: reports and signals from a store, in Dutch or English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.model.youths import PersonalData
from joinus_method.tracking.events import AttendanceStatus
from joinus_method.tracking.store import open_store
from tests.tracking.test_tracker import GROUPS, PLAN, road

A, P = AttendanceStatus.ABSENT, AttendanceStatus.PRESENT
AS_OF = "2021-12-01"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "joinus.sqlite"
    with open_store(path) as opened:
        for n in range(6):
            statuses = [A] * 12 if n == 3 else [P, P, A, P] * 3
            opened.record(
                road(f"y-{n:02d}", GROUPS[0], n % 2, statuses, [n, n + 1], None, None), plan=PLAN
            )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    found = capsys.readouterr()
    return code, found.out, found.err


def test_a_youth_report_in_dutch(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "youth", "y-03", "--store", str(store), "--as-of", AS_OF)
    assert code == 0, err
    assert out.startswith("# Jongere y-03\n")
    assert "## Domeinniveaus" in out


def test_english_on_request(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "report",
        "youth",
        "y-03",
        "--store",
        str(store),
        "--as-of",
        AS_OF,
        "--report-language",
        "en",
    )
    assert code == 0
    assert out.startswith("# Youth y-03\n")


def test_each_kind_as_an_html_page(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evening = PLAN.plan(GROUPS[0]).sessions[2].uid
    municipality = "noordwijk"
    for kind, ident in (
        ("youth", "y-00"),
        ("group", GROUPS[0]),
        ("evening", evening),
        ("worker", "daan-kuijpers"),
        ("coach", "marieke-verhoef"),
        ("programme", None),
        ("municipality", municipality),
    ):
        page = tmp_path / f"{kind}.html"
        argv = ["report", kind, *([ident] if ident else []), "--store", str(store)]
        code, out, err = run(
            capsys, *argv, "--as-of", AS_OF, "--format", "html", "--output", str(page)
        )
        assert code == 0, (kind, err)
        assert str(page) in out
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert '<html lang="nl">' in text


def test_signals_name_who_why_and_for_whom(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "nl", "signals", "--store", str(store), "--as-of", AS_OF)
    assert code == 0, err
    assert "y-03" in out
    assert "achter elkaar afwezig" in out
    assert "daan-kuijpers" in out
    assert out.rstrip().endswith(f"signalen op {AS_OF}")


@pytest.mark.parametrize(
    ("argv", "status", "said"),
    [
        (["report", "youth"], 2, "needs an ID"),
        (["report", "youth", "y-99"], 1, "no youth 'y-99'"),
        (["report", "group", "no-such-group"], 1, "no-such-group"),
        (["report", "youth", "y-00", "--as-of", "gisteren"], 2, "not a date"),
        (["signals", "--store", "missing.sqlite"], 1, "no store at missing.sqlite"),
    ],
)
def test_wrong_use_is_an_error_line(
    store: Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int, said: str
) -> None:
    with_store = argv if "--store" in argv else [*argv, "--store", str(store)]
    code, _, err = run(capsys, "--lang", "en", *with_store)
    assert code == status
    assert said in err
    assert "Traceback" not in err


def test_the_evening_sheet_with_names_only_for_the_group_s_own_worker(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(store) as opened:
        opened.set_personal(PersonalData("y-00", "Femke Jansen", dt.date(2003, 2, 1)))
    evening = PLAN.plan(GROUPS[0]).sessions[2].uid
    argv = ["report", "evening", evening, "--store", str(store)]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "Femke Jansen" not in out
    code, out, err = run(capsys, *argv, "--as-worker", "daan-kuijpers")
    assert code == 0, err
    assert "| Femke Jansen |" in out
    code, out, err = run(capsys, "--lang", "en", *argv, "--as-worker", "joost-van-der-meer")
    assert code == 1
    assert "may not see youth" in err
    with open_store(store) as opened:
        log = opened.access_log()
    assert ("daan-kuijpers", "y-00", True) in [(v, y, ok) for _, v, y, ok in log]
    assert any(v == "joost-van-der-meer" and not ok for _, v, _, ok in log)
