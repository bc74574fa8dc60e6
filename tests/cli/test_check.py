"""joinus check: every error of every file, one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinus_method.cli.main import main
from tests.paths import BROKEN


def test_check_valid_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Valid files exit 0 with an ok line each."""
    from joinus_method.documents.bundled import bundled_documents

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


def test_a_clash_on_every_evening_is_found_with_both_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two groups with one worker on the same evenings: the later group's line is the error,
    the earlier group's line a note, exit 1; a week later they no longer meet together."""
    from joinus_method.documents.bundled import find_bundled
    from joinus_method.documents.files import DocumentKind

    text = (
        find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021")
        .text()
        .replace(
            'workers = ["joost-van-der-meer", "noor-bakker"]',
            'workers = ["noor-bakker", "daan-kuijpers"]',
        )
        .replace(
            'weekday = "monday"\nstart_date = 2021-05-17',
            'weekday = "tuesday"\nstart_date = 2021-05-25',
        )
    )
    lines = text.splitlines()
    older, younger = (i + 1 for i, line in enumerate(lines) if line == "[[groups]]")
    program = tmp_path / "program.toml"
    program.write_text(text, encoding="utf-8")
    assert main(["check", str(program)]) == 1
    out = capsys.readouterr()
    assert out.err == (
        f"{program}:{younger}:1: error: group 'groep-12-18-the-base' clashes at every session "
        "with group 'groep-18-25-x-out', which is planned first, from 2021-05-25: worker "
        "'daan-kuijpers' guides both on tuesday at 19:00, every 2 weeks; move one of them to "
        "another day, time or week [at $.groups[1]]\n"
        f"{program}:{older}:1: note: the other one is here [at $.groups[0]]\n"
    )
    assert out.out == "0 of 1 files valid, 1 error\n"
    program.write_text(text.replace("2021-05-25", "2021-06-01"), encoding="utf-8")
    assert main(["check", str(program)]) == 0
