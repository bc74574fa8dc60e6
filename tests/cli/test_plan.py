"""The `joinus plan` command."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import icalendar
import pytest

from joinus_method.cli.main import main
from joinus_method.documents.bundled import find_bundled
from joinus_method.documents.files import DocumentKind

PROGRAM_TEXT = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021").text()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_plans_the_bundled_program(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a file, the bundled Noordwijk 2021 program is planned: both groups, exit 0."""
    code, out, err = run(["plan"], capsys)
    assert code == 0, err
    assert "groep-18-25-x-out" in out
    assert "groep-12-18-the-base" in out
    assert re.search(r"2021-05-11 Tue\s+19:00-22:00\s+groep-18-25-x-out\s+1\. ", out)
    assert re.search(r"2021-05-17 Mon\s+19:00-22:00\s+groep-12-18-the-base\s+1\. ", out)
    assert re.search(r"2021-10-18 Mon\s+groep-12-18-the-base\s+herfstvakantie regio midden", out)
    assert "X-Out" in out
    assert "The Base" in out
    assert re.search(r"1\. Welkom in de groep\s+X-Out\s+Daan, Esra\n", out)
    assert max(len(line) for line in out.splitlines()) <= 100


def test_the_table_is_written_without_making_the_groups_session_values(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table is made from each series' day numbers: no group's session values are made
    (a training's are, to tell when it ends)."""
    from joinus_method.planning import schedule

    made: list[str] = []
    real = schedule._planned

    def counted(series: schedule.Series, *rest: object) -> schedule.PlannedSession:
        made.append(series.id)
        return real(series, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(schedule, "_planned", counted)
    code, out, err = run(["plan"], capsys)
    assert code == 0, err
    assert "groep-18-25-x-out" in out
    assert made
    assert set(made) == {"training-voorjaar-2021"}


def test_one_group_until_a_date_with_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--group, --until, --ics and --csv plan one group and write both files."""
    program = tmp_path / "program.toml"
    program.write_text(PROGRAM_TEXT, encoding="utf-8")
    ics, table = tmp_path / "plan.ics", tmp_path / "plan.csv"
    code, out, err = run(
        ["plan", str(program), "--group", "groep-12-18-the-base", "--until", "2021-12-31",
         "--ics", str(ics), "--csv", str(table)],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "groep-18-25-x-out" not in out
    assert "training-voorjaar-2021" not in out
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    rows = list(csv.DictReader(table.read_text(encoding="utf-8").splitlines()))
    planned = [r for r in rows if r["status"] == "planned"]
    assert len(events) == len(planned) > 0
    assert {r["series"] for r in rows} == {"groep-12-18-the-base"}
    assert max(r["date"] for r in rows) <= "2021-12-31"


def test_a_clash_on_every_slot_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two groups with the same worker at the same time: report mode names each clash; skip
    mode skips every slot of the second group and fails, naming the first."""
    twin = (
        PROGRAM_TEXT.replace('id = "groep-12-18-the-base"', 'id = "tweede-groep"')
        .replace(
            'workers = ["joost-van-der-meer", "noor-bakker"]',
            'workers = ["daan-kuijpers", "noor-bakker"]',
        )
        .replace(
            'weekday = "monday"\nstart_date = 2021-05-17',
            'weekday = "tuesday"\nstart_date = 2021-05-11',
        )
    )
    program = tmp_path / "program.toml"
    program.write_text(twin, encoding="utf-8")
    code, out, err = run(
        ["plan", str(program), "--until", "2021-07-01", "--clashes", "report"], capsys
    )
    assert code == 1
    assert "error: clash: group 'tweede-groep' on 2021-05-11: daan-kuijpers is already in" in (err)
    code, out, err = run(["plan", str(program), "--until", "2021-07-01"], capsys)
    assert code == 1
    assert "clash: daan-kuijpers is already in groep-18-25-x-out" in out
    assert err == (
        "error: no-sessions: group 'tweede-groep' gets no session up to 2021-07-01: 4 of its "
        "4 slots clash with 'groep-18-25-x-out'\n"
    )


def test_the_share_of_slots_clashes_may_take(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A webinar at X-Out on a group evening takes one slot of five: allowed at 20% (the
    default), too many at 19%; the share is a fraction or a percentage."""
    text = PROGRAM_TEXT.replace(
        "date = 2021-04-20\nstart_time = 19:30:00", "date = 2021-05-25\nstart_time = 19:30:00"
    ).replace("online = true", 'venue = "x-out"')
    program = tmp_path / "program.toml"
    program.write_text(text, encoding="utf-8")
    args = ["plan", str(program), "--until", "2021-07-06", "--group", "groep-18-25-x-out"]
    code, out, err = run(args, capsys)
    assert (code, err) == (0, "")
    assert "2021-05-25 Tue  groep-18-25-x-out  clash: venue x-out is in use by" in out
    for share in ("0.19", "19%"):
        code, _, err = run([*args, "--max-clash-share", share], capsys)
        assert code == 1
        assert err == (
            "error: lost-to-clashes: group 'groep-18-25-x-out' loses 1 of its 5 slots to "
            "clashes with 'webinar-eenzaamheid-jongeren-2021' (at most 19% may be lost)\n"
        )
    for wrong in ("1.5", "-5%", "veel"):
        with pytest.raises(SystemExit) as caught:
            main([*args, f"--max-clash-share={wrong}"])
        assert caught.value.code == 2
        message = f"not a share between 0 and 1 (or 0% and 100%): {wrong!r}"
        assert message in capsys.readouterr().err


def test_untrained_worker_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A group led by a worker without training is named with its line, exit 1."""
    text = PROGRAM_TEXT.replace("trained_on = 2021-04-29\n", "", 1)
    cohort = 'workers = ["daan-kuijpers", "esra-yildiz", "joost-van-der-meer", "noor-bakker"]'
    text = text.replace(cohort, cohort.replace('"daan-kuijpers", ', ""))
    program = tmp_path / "program.toml"
    program.write_text(text, encoding="utf-8")
    code, _, err = run(["plan", str(program)], capsys)
    assert code == 1
    assert re.search(r"program\.toml:\d+:\d+: error: worker 'daan-kuijpers' guides group", err)


def test_invalid_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken program file, an unknown group or a bad date are errors, never tracebacks."""
    program = tmp_path / "program.toml"
    program.write_text(
        PROGRAM_TEXT.replace('weekday = "tuesday"', 'wekday = "tuesday"'), encoding="utf-8"
    )
    code, _, err = run(["plan", str(program)], capsys)
    assert code == 1
    assert "unknown key 'wekday'" in err
    code, _, err = run(["plan", "--group", "nope"], capsys)
    assert code == 1
    assert "no group 'nope'" in err
    with pytest.raises(SystemExit) as caught:
        main(["plan", "--until", "31-12-2021"])
    assert caught.value.code == 2
    assert "not a date (YYYY-MM-DD): '31-12-2021'" in capsys.readouterr().err
    code, _, err = run(["plan", "--until", "2031-01-01"], capsys)
    assert code == 1
    older = 1 + PROGRAM_TEXT.splitlines().index("[[groups]]")
    assert err == (
        f"joinus_method/examples/noordwijk-2021/program.toml:{older}:1: error: group "
        "'groep-18-25-x-out' would meet on 2029-08-21, outside the school holidays known for "
        "region midden (2020-09-07 to 2029-08-19): name a school-holiday file of your own in "
        "the program (school_holidays_file), or set follows_school_holidays = false for this "
        "group [at $.groups[0]]\n"
    )


def test_unwritable_exports_and_wrong_curriculum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be written, or a framework given as a curriculum, is an error line."""
    code, _, err = run(
        ["plan", "--until", "2021-06-30", "--ics", str(tmp_path / "no" / "x.ics")], capsys
    )
    assert code == 1
    assert "error: cannot write" in err
    framework = tmp_path / "kader.toml"
    framework.write_text(
        find_bundled(DocumentKind.FRAMEWORK, "zelfredzaamheid").text(), encoding="utf-8"
    )
    code, _, err = run(["plan", "--curriculum", str(framework)], capsys)
    assert code == 1
    assert "not a curriculum document" in err
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["schema"])
    capsys.readouterr()
    assert main(["schema", "--out", str(blocker)]) == 1
    assert "cannot make" in capsys.readouterr().err


def test_a_program_with_nothing_to_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A program without groups, trainings or events plans nothing and exits 0."""
    text = PROGRAM_TEXT.split("# -- groepen")[0].replace(
        'format = "joinus.program.v1"\n', 'format = "joinus.program.v1"\ngroups = []\n'
    )
    program = tmp_path / "leeg.toml"
    program.write_text(text, encoding="utf-8")
    code, out, err = run(["plan", str(program)], capsys)
    assert code == 0, err
    assert "0 sessions planned" in out


@pytest.mark.parametrize(
    ("argv", "first"),
    [
        (["--until", "1900-01-01"], "2021-03-04"),
        (["--group", "groep-12-18-the-base", "--until", "2021-05-16"], "2021-05-17"),
    ],
)
def test_an_until_before_the_first_session(
    argv: list[str], first: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A horizon before the first session says there is nothing to plan, exit 1."""
    code, out, err = run(["plan", *argv], capsys)
    until = argv[-1]
    assert (code, out) == (1, "")
    assert (
        err
        == f"error: --until {until} lies before the first session, on {first}: nothing to plan\n"
    )
    code, out, err = run(
        ["plan", "--group", "groep-12-18-the-base", "--until", "2021-05-17"], capsys
    )
    assert code == 0
    assert out.endswith("\n1 session planned (groep-12-18-the-base 1); 0 dates skipped\n")


@pytest.mark.parametrize(
    ("env", "argv", "bom", "separator"),
    [
        ({"LANG": "nl_NL.UTF-8"}, [], True, ";"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "nl_BE.UTF-8"}, [], True, ";"),
        ({"LANG": "nl_NL.UTF-8", "LC_ALL": "C.UTF-8"}, [], False, ","),
        ({"LANG": "en_GB.UTF-8"}, [], False, ","),
        ({"LANG": "en_GB.UTF-8"}, ["--csv-dialect", "excel-nl"], True, ";"),
        ({"LANG": "nl_NL.UTF-8"}, ["--csv-dialect", "excel"], False, ","),
        ({"LANG": "en_GB.UTF-8"}, ["--lang", "nl"], True, ";"),
        ({"LANG": "nl_NL.UTF-8"}, ["--lang", "en"], False, ","),
    ],
)
def test_the_csv_a_dutch_office_opens(
    env: dict[str, str],
    argv: list[str],
    bom: bool,
    separator: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Under a Dutch locale (or --lang nl) the CSV is written for Excel-NL (semicolons, a
    byte-order mark); --csv-dialect chooses either way; the file is readable by others (0644)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "plan.csv"
    umask = os.umask(0o022)
    try:
        assert main(["plan", "--csv", str(target), *argv]) == 0, capsys.readouterr().err
    finally:
        os.umask(umask)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is bom
    assert data.removeprefix(b"\xef\xbb\xbf").startswith(f"date{separator}start".encode())
    assert b"Joost van der Meer" in data
    assert target.stat().st_mode & 0o777 == 0o644


def test_curricula_on_the_command_line_and_groups_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Curriculum files follow the program as `check` takes them; an unknown --group lists
    the program's groups."""
    from joinus_method.documents.bundled import find_bundled

    evenings = find_bundled(DocumentKind.CURRICULUM, "groepsavonden").text()
    own = tmp_path / "avonden.toml"
    assert 'title = "Welkom in de groep"' in evenings
    own.write_text(
        evenings.replace('title = "Welkom in de groep"', 'title = "Welkom bij ons"'),
        encoding="utf-8",
    )
    program = tmp_path / "program.toml"
    program.write_text(PROGRAM_TEXT, encoding="utf-8")
    code, out, err = run(["plan", str(program), str(own), "--until", "2021-06-01"], capsys)
    assert code == 0, err
    assert re.search(r"2021-05-11 Tue\s+19:00-22:00\s+groep-18-25-x-out\s+1\. Welkom bij ons", out)
    code, _, err = run(["plan", str(program), "--group", "groep-a"], capsys)
    assert code == 1
    assert err == (
        "error: no group 'groep-a' in 'noordwijk-katwijk-2021'; its groups: "
        "groep-18-25-x-out, groep-12-18-the-base\n"
    )
