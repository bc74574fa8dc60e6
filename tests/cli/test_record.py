"""joinus record: a filled-in sign-in sheet or assessments from CSV, all rows or none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.tracking.events import EventKind
from joinus_method.tracking.store import open_store

GROUP = "groep-18-25-x-out"
DAY = "2022-05-24"  # an evening of the group, after the demo's last record


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("record") / "demo"
    assert main(["demo", str(folder)]) == 0
    return folder / "joinus.sqlite"


@pytest.fixture
def store(demo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "joinus.sqlite"
    shutil.copy(demo, copy)
    return copy


def members(store: Path) -> list[str]:
    with open_store(store) as opened:
        return [y for y in opened.youths() if opened.state(y).group == GROUP][:3]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--lang", "en", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    found = capsys.readouterr()
    return code, found.out, found.err


def events(store: Path) -> int:
    with open_store(store) as opened:
        return len(opened.events())


def test_a_sign_in_sheet_is_stored_once(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    youths = members(store)
    sheet = tmp_path / "presentielijst.csv"
    lines = ["youth;status;group;day", *(f"{y};aanwezig;{GROUP};{DAY}" for y in youths)]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    before = events(store)
    code, out, err = run(
        capsys, "record", str(sheet), "--by", "daan-kuijpers", "--store", str(store)
    )
    assert code == 0, err
    assert f"{len(youths)} new of {len(youths)} rows stored" in out
    assert events(store) == before + len(youths)
    code, out, _ = run(capsys, "record", str(sheet), "--by", "daan-kuijpers", "--store", str(store))
    assert code == 0
    assert f"0 new of {len(youths)} rows stored" in out
    with open_store(store) as opened:
        last = opened.events(youths[0])[-1]
    assert last.kind is EventKind.ATTENDED
    assert last.recorded_by == "daan-kuijpers"


def test_one_wrong_row_stores_nothing_and_names_every_wrong_row(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    youth = members(store)[0]
    sheet = tmp_path / "lijst.csv"
    sheet.write_text(
        "youth,status,group,day\n"
        f"{youth},present,{GROUP},{DAY}\n"
        f"{youth}-nobody,present,{GROUP},{DAY}\n"
        f"{youth},perhaps,{GROUP},{DAY}\n"
        f"{youth},present,{GROUP},2022-05-25\n",
        encoding="utf-8",
    )
    before = store.read_bytes()
    code, _, err = run(capsys, "record", str(sheet), "--by", "daan-kuijpers", "--store", str(store))
    assert code == 1
    for row in (3, 4, 5):
        assert f"row {row}: " in err
    assert "row 2:" not in err
    assert "3 of 4 rows are wrong: nothing was stored" in err
    assert store.read_bytes() == before
    code, out, _ = run(
        capsys, "record", str(sheet), "--by", "daan-kuijpers", "--store", str(store), "--skip-bad"
    )
    assert code == 0
    assert "1 new of 4 rows stored (3 skipped)" in out


def test_assessments_with_a_level_per_domain(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    youth = members(store)[0]
    sheet = tmp_path / "beoordeling.csv"
    sheet.write_text(
        f"youth;day;level:eigen-netwerk;level:sociale-vaardigheden\n{youth};{DAY};4;3\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys,
        "record",
        str(sheet),
        "--kind",
        "assessment",
        "--by",
        "esra-yildiz",
        "--store",
        str(store),
    )
    assert code == 0, err
    assert "1 new of 1 rows stored" in out
    with open_store(store) as opened:
        last = opened.events(youth)[-1]
    assert last.kind is EventKind.ASSESSED
    assert dict(last.levels) == {"eigen-netwerk": 4, "sociale-vaardigheden": 3}


def test_a_missing_file_is_an_error_line(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "record", "missing.csv", "--by", "daan-kuijpers", "--store", str(store)
    )
    assert code == 1
    assert "cannot read missing.csv" in err
    assert "Traceback" not in err
