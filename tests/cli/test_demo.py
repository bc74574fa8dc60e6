"""joinus demo: a year of synthetic youths, kept, planned and reported on, the same each run."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.tracking.store import open_store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    found = capsys.readouterr()
    return code, found.out, found.err


def test_the_demo_leaves_a_store_calendars_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "joinus-demo"
    code, out, err = run(capsys, "--lang", "nl", "demo", str(folder))
    assert code == 0, err
    assert out.startswith("Demo klaar in ")
    assert f"Open eerst: {folder / 'rapporten' / 'programma.html'}" in out
    with open_store(folder / "joinus.sqlite") as store:
        youths = store.youths()
        assert len(youths) >= 20
        assert all(y.startswith("syn-") for y in youths)
        personal = store.personal(youths[0])
        assert personal is not None
        assert personal.name.startswith("Synthetische jongere")
    assert (folder / "agenda.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    pages = sorted((folder / "rapporten").glob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Verzonnen gegevens" in text
        assert "Synthetische jongere" not in text  # pseudonyms only


def test_the_demo_repeats_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    for name in ("een", "twee"):
        assert run(capsys, "demo", str(tmp_path / name))[0] == 0
        with sqlite3.connect(tmp_path / name / "joinus.sqlite") as db:
            rows.append(
                db.execute(
                    "SELECT id, youth, kind, occurred, payload FROM events ORDER BY seq"
                ).fetchall()
            )
    assert rows[0] == rows[1]


def test_a_folder_in_use_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bezet"
    folder.mkdir()
    (folder / "notities.txt").write_text("van mij", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "en", "demo", str(folder))
    assert code == 1
    assert "not an empty folder" in err
    assert [p.name for p in folder.iterdir()] == ["notities.txt"]
