"""A program's own school holidays and closure lists, named in the program and found beside
it, as `joinus plan` and `joinus check` read them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.documents.bundled import find_bundled
from joinus_method.documents.files import DocumentKind, load_program, load_school_holidays
from joinus_method.planning.closures import ClosureCalendar, PlanningError
from joinus_method.planning.schedule import plan_program
from tests.seed import CURRICULA

PROGRAM_TEXT = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021").text()

OWN_HOLIDAYS = """\
format = "joinus.school-holidays.v1"
version = "2029.1"
covers_from = 2029-08-20

[[holiday]]
school_year = "2029-2030"
kind = "herfstvakantie"
region = "midden"
start = 2029-10-13
end = 2029-10-21
status = "advies"

[[holiday]]
school_year = "2029-2030"
kind = "kerstvakantie"
region = "heel-nederland"
start = 2029-12-22
end = 2030-01-06

[[holiday]]
school_year = "2029-2030"
kind = "zomervakantie"
region = "midden"
start = 2030-07-13
end = 2030-08-25
"""

CLOSURES = """\
format = "joinus.closures.v1"
id = "gemeente-noordwijk-2029"
title = "Gebouwen van de gemeente dicht"

[[closures]]
start = 2029-11-06
end = 2029-11-07
reason = "verbouwing X-Out"
"""


def write_program(folder: Path, holidays: str | None = OWN_HOLIDAYS) -> Path:
    """The seed program moved to 2029, naming an own school-holiday file and a closure list
    in *folder*."""
    text = (
        PROGRAM_TEXT.replace("2021-05-11", "2029-05-08")
        .replace("2021-05-17", "2029-05-14")
        .replace("2021-03-04", "2029-03-01")
        .replace("2021-04-20", "2029-04-17")
        .replace(
            'school_region = "midden"',
            'school_region = "midden"\nschool_holidays_file = "vakanties-2029.toml"\n'
            'closures_files = ["sluiting.toml"]',
        )
    )
    assert 'school_holidays_file = "vakanties-2029.toml"' in text
    if holidays is not None:
        (folder / "vakanties-2029.toml").write_text(holidays, encoding="utf-8")
    (folder / "sluiting.toml").write_text(CLOSURES, encoding="utf-8")
    program = folder / "program.toml"
    program.write_text(text, encoding="utf-8")
    return program


def test_plan_past_the_shipped_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With an own file for 2029-2030 the groups plan into 2030, skipping its holidays and
    the closure list's days."""
    program = write_program(tmp_path)
    assert main(["plan", str(program), "--until", "2030-06-30"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "2029-10-15 Mon  groep-12-18-the-base  herfstvakantie regio midden\n" in out
    assert "2029-12-24 Mon  groep-12-18-the-base  kerstvakantie\n" in out
    assert "2029-11-06 Tue  groep-18-25-x-out     verbouwing X-Out\n" in out
    assert "\n2030-06-18 Tue  19:00-22:00  groep-18-25-x-out " in out
    capsys.readouterr()
    assert main(["check", str(program)]) == 0
    assert capsys.readouterr().out.endswith("1 of 1 files valid\n")
    assert main(["check", str(tmp_path / "vakanties-2029.toml")]) == 0
    assert "ok (school-holidays '2029.1')" in capsys.readouterr().out


def test_beyond_the_own_file_the_error_names_the_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past the own file's last summer the error names the group's line and the ways on."""
    program = write_program(tmp_path)
    assert main(["plan", str(program), "--until", "2030-12-31"]) == 1
    err = capsys.readouterr().err
    line = 1 + program.read_text(encoding="utf-8").splitlines().index("[[groups]]")
    assert err.startswith(
        f"{program}:{line}:1: error: group 'groep-18-25-x-out' would meet on 2030-08-27, "
        "outside the school holidays known for region midden (2020-09-07 to 2030-08-25)"
    )


def test_a_missing_file_is_named_at_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A school-holiday file that is not there is an error at the program's key."""
    program = write_program(tmp_path, holidays=None)
    lines = program.read_text(encoding="utf-8").splitlines()
    line = 1 + next(i for i, t in enumerate(lines) if t.startswith("school_holidays_file"))
    for command in (["plan", str(program)], ["check", str(program)]):
        assert main(command) == 1
        assert capsys.readouterr().err == (
            f"{program}:{line}:1: error: cannot read school-holidays file "
            "'vakanties-2029.toml': no such file [at $.school_holidays_file]\n"
        )


def test_an_error_in_the_own_file_points_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistake in the school-holiday file is reported at its own line and key."""
    program = write_program(
        tmp_path, OWN_HOLIDAYS.replace('region = "midden"', 'regio = "midden"', 1)
    )
    assert main(["plan", str(program)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{tmp_path / 'vakanties-2029.toml'}:8:1: error: unknown key 'regio' (did you mean "
        "'region'?) [at $.holiday[0]]\n"
    )


def test_a_gap_between_the_shipped_and_the_own_years(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An own file that starts a year after the shipped years end leaves days unknown."""
    later = OWN_HOLIDAYS.replace("covers_from = 2029-08-20", "covers_from = 2030-08-26")
    program = write_program(tmp_path, later)
    assert main(["plan", str(program)]) == 1
    assert (
        "error: the own school holidays are known from 2030-08-26, but the shipped ones of "
        "region midden end on 2029-08-19: add the school years between [at "
        "$.school_holidays_file]"
    ) in capsys.readouterr().err


def test_the_api_asks_for_the_files(tmp_path: Path) -> None:
    """A program that names calendar files is not planned without them."""
    program = load_program(write_program(tmp_path))
    with pytest.raises(PlanningError, match=r"names school_holidays_file 'vakanties-2029\.toml'"):
        plan_program(program, CURRICULA, until=dt.date(2029, 12, 31))
    own = load_school_holidays(tmp_path / "vakanties-2029.toml")
    with pytest.raises(PlanningError, match="names closures_files"):
        ClosureCalendar.for_program(program, own_school_holidays=own)
