"""Ids one document uses of another are checked with the line of the reference."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from joinus_method import DocumentError, DocumentKind, Program, dumps
from joinus_method.documents.bundled import bundled_documents
from joinus_method.documents.references import (
    CheckedFile,
    calendar_files,
    check_files,
    check_texts,
    curricula_for,
    locate,
)
from joinus_method.errors import Problem
from tests.environments import ascii_locale
from tests.seed import EVENINGS, FRAMEWORK, NOORDWIJK, TRAINING, WEBINAR

NOORDWIJK_TEXT = next(d for d in bundled_documents() if d.id == NOORDWIJK.id).text()

PROGRAM = next(d for d in bundled_documents() if d.kind.value == "program").text()


def _line_of(text: str, fragment: str) -> int:
    assert text.count(fragment) == 1, fragment
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('groups = "groepsavonden"', 'groups = "avonden"', "unknown curriculum 'avonden'"),
        (
            'framework = "zelfredzaamheid"',
            'framework = "kader"',
            "unknown progress framework 'kader'",
        ),
    ],
    ids=["curriculum", "framework"],
)
def test_program_names_unknown_curricula(old: str, new: str, message: str) -> None:
    """A program naming a curriculum or framework nobody has is reported on that line."""
    text = PROGRAM.replace(old, new)
    (result,) = check_texts([("p.toml", text)])
    (problem,) = result.problems
    assert problem.message == message
    assert problem.line == _line_of(text, new)


def test_program_curricula_must_fit_their_place() -> None:
    """The training is for workers: naming the group evenings there is an error."""
    text = PROGRAM.replace('training = "werkerstraining"', 'training = "groepsavonden"')
    (result,) = check_texts([("p.toml", text)])
    assert [p.message for p in result.problems] == [
        "curriculum 'groepsavonden' is for youths, not for workers"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('groups = "groepsavonden"', 'groups = "werkerstraining"', ("curricula", "groups")),
        (
            'venue = "x-out"\n',
            'venue = "x-out"\ncurriculum = "werkerstraining"\n',
            ("groups", 0, "curriculum"),
        ),
    ],
    ids=["program", "group"],
)
def test_groups_do_not_follow_the_worker_training(
    old: str, new: str, path: tuple[str | int, ...]
) -> None:
    """Naming the worker training as the curriculum of the group evenings is refused there."""
    text = PROGRAM.replace(old, new)
    (result,) = check_texts([("p.toml", text)])
    (problem,) = result.problems
    assert problem.message == "curriculum 'werkerstraining' is for workers, not for youths"
    assert problem.path == path
    assert problem.line == _line_of(text, f'{path[-1]} = "werkerstraining"')
    assert result.document is None


def test_an_event_names_a_curriculum_on_its_own_line() -> None:
    """An unknown curriculum of the second event is reported on that event's line."""
    event = """
[[events]]
id = "terugkomavond"
title = "Terugkomavond"
curriculum = "terugkomen"
date = 2021-09-20
start_time = 19:30:00
organisation = "welzijnskwartier"
online = true
"""
    (result,) = check_texts([("p.toml", PROGRAM + event)])
    (problem,) = result.problems
    assert problem.message == "unknown curriculum 'terugkomen'"
    assert problem.path == ("events", 1, "curriculum")
    assert problem.line == _line_of(PROGRAM + event, 'curriculum = "terugkomen"')


def test_documents_given_together_are_found(tmp_path: Path) -> None:
    """A curriculum and the framework it names, given together, check against each other."""
    from joinus_method.documents.bundled import load_bundled

    curriculum = load_bundled("groepsavonden")
    framework = load_bundled("zelfredzaamheid")
    import attrs

    own_framework = attrs.evolve(framework, id="eigen-kader")
    own_curriculum = attrs.evolve(curriculum, id="eigen-avonden", framework="eigen-kader")
    (tmp_path / "c.toml").write_text(dumps(own_curriculum), encoding="utf-8")
    (tmp_path / "f.toml").write_text(dumps(own_framework), encoding="utf-8")
    results = check_files([tmp_path / "c.toml", tmp_path / "f.toml"])
    assert [(r.ok, r.document) for r in results] == [(True, own_curriculum), (True, own_framework)]
    (alone,) = check_files([tmp_path / "c.toml"])
    assert [p.message for p in alone.problems] == ["unknown progress framework 'eigen-kader'"]


CURRICULUM = next(d for d in bundled_documents() if d.id == "groepsavonden").text()


def test_a_curriculum_naming_an_unknown_framework_is_reported_at_that_key() -> None:
    """A curriculum's unknown framework is reported at its ``framework`` key and line."""
    text = CURRICULUM.replace('framework = "zelfredzaamheid"', 'framework = "kader"')
    (result,) = check_texts([("c.toml", text)])
    assert result.problems == (
        Problem(
            "unknown progress framework 'kader'",
            ("framework",),
            "rule",
            "c.toml",
            _line_of(text, 'framework = "kader"'),
            1,
        ),
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'training = "werkerstraining"',
            'training = "opleiding"',
            "unknown curriculum 'opleiding'",
        ),
        (
            'awareness = "webinar-bewustwording"',
            'awareness = "voorlichting"',
            "unknown curriculum 'voorlichting'",
        ),
        (
            'awareness = "webinar-bewustwording"',
            'awareness = "groepsavonden"',
            "curriculum 'groepsavonden' is for youths, not for professionals",
        ),
    ],
    ids=["unknown-training", "unknown-awareness", "awareness-for-youths"],
)
def test_each_curriculum_of_a_program_is_reported_at_its_own_key(
    old: str, new: str, message: str
) -> None:
    """The training and the awareness curriculum are each checked, and reported at their
    own key under ``curricula``: the awareness one must be for professionals."""
    text = PROGRAM.replace(old, new)
    (result,) = check_texts([("p.toml", text)])
    key = new.split(" = ")[0]
    assert result.problems == (
        Problem(message, ("curricula", key), "rule", "p.toml", _line_of(text, new), 1),
    )


class TestProblemsRunByPosition:
    """A file's problems are listed by line, then by column, whatever order the checks
    found them in."""

    def test_by_line(self) -> None:
        """The framework's line comes before the awareness line below it, although the
        awareness curriculum is checked first."""
        framework, awareness = 'framework = "kader"', 'awareness = "voorlichting"'
        text = PROGRAM.replace('framework = "zelfredzaamheid"', framework).replace(
            'awareness = "webinar-bewustwording"', awareness
        )
        (result,) = check_texts([("p.toml", text)])
        assert [(p.message, p.line) for p in result.problems] == [
            ("unknown progress framework 'kader'", _line_of(text, framework)),
            ("unknown curriculum 'voorlichting'", _line_of(text, awareness)),
        ]
        assert _line_of(text, framework) < _line_of(text, awareness)

    def test_by_column(self) -> None:
        """On one line, the groups curriculum written first comes before the training
        written after it, although the training is checked first."""
        section = (
            '[curricula]\ntraining = "werkerstraining"\ngroups = "groepsavonden"\n'
            'framework = "zelfredzaamheid"\nawareness = "webinar-bewustwording"\n'
        )
        inline = (
            'curricula = { groups = "avonden", training = "opleiding", '
            'framework = "zelfredzaamheid", awareness = "webinar-bewustwording" }\n'
        )
        assert PROGRAM.count(section) == 1
        text = PROGRAM.replace(section, inline)
        (result,) = check_texts([("p.toml", text)])
        line = _line_of(text, "curricula = {")
        assert [(p.message, p.line, p.column) for p in result.problems] == [
            ("unknown curriculum 'avonden'", line, inline.index("groups") + 1),
            ("unknown curriculum 'opleiding'", line, inline.index("training") + 1),
        ]


class TestFilesThatCannotBeRead:
    """A file that cannot be read is reported as a syntax problem at its first line, with
    the reason; the other files are still checked, each under its own name."""

    def test_missing_and_undecodable_files(self, tmp_path: Path) -> None:
        """A missing file, a good program and a Latin-1 file each give their own result."""
        missing = tmp_path / "weg.toml"
        good = tmp_path / "p.toml"
        good.write_text(PROGRAM, encoding="utf-8")
        latin = tmp_path / "latin.toml"
        latin.write_bytes('id = "café"\n'.encode("latin-1"))
        results = check_files([missing, str(good), latin])
        assert [r.source for r in results] == [str(missing), str(good), str(latin)]
        no_such_file = os.strerror(errno.ENOENT)
        assert results[0] == CheckedFile(
            str(missing),
            None,
            (Problem(f"cannot read file: {no_such_file}", (), "syntax", str(missing), 1, 1),),
        )
        assert results[1].ok
        assert results[1].document is not None
        assert results[2] == CheckedFile(
            str(latin),
            None,
            (
                Problem(
                    "byte 0xe9 is not UTF-8 text: save the file as UTF-8 (in most editors: "
                    "Save as, encoding UTF-8)",
                    (),
                    "syntax",
                    str(latin),
                    1,
                    10,
                ),
            ),
        )

    def test_files_are_read_as_utf8_whatever_the_locale(self, tmp_path: Path) -> None:
        """Under an ASCII locale, a UTF-8 file with accents still checks clean."""

        good = tmp_path / "c.toml"
        good.write_text(CURRICULUM, encoding="utf-8")
        assert "één" in CURRICULUM
        (here,) = check_files([good])
        assert here.ok
        script = (
            "import sys\n"
            "from joinus_method.documents.references import check_files\n"
            "(result,) = check_files([sys.argv[1]])\n"
            "print([str(p) for p in result.problems], result.document.id)\n"
        )
        env = ascii_locale()
        done = subprocess.run(
            [sys.executable, "-c", script, str(good)],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "[] groepsavonden\n", "")


class TestCurriculaFor:
    """The curricula a program names, keyed by id: the training, the group evenings, the
    awareness curriculum, a group's own and an event's; given documents come before the
    bundled ones, and ids nobody has are left out."""

    def test_the_seed_program(self) -> None:
        """The Noordwijk program gets the three bundled curricula."""
        assert curricula_for(NOORDWIJK) == {
            "werkerstraining": TRAINING,
            "groepsavonden": EVENINGS,
            "webinar-bewustwording": WEBINAR,
        }

    def test_given_documents_first(self) -> None:
        """A given curriculum with a bundled one's id is the one used."""
        own = attrs.evolve(EVENINGS, title="Onze eigen groepsavonden")
        found = curricula_for(NOORDWIJK, [FRAMEWORK, own])
        assert found["groepsavonden"] is own
        assert found["werkerstraining"] == TRAINING

    def test_a_groups_and_an_events_own_curriculum(self) -> None:
        """Without awareness curriculum, a group's own curriculum and an event's count, and
        an unknown one is left out."""
        evenings = attrs.evolve(EVENINGS, id="eigen-avonden")
        webinar = attrs.evolve(WEBINAR, id="eigen-webinar")
        program = attrs.evolve(
            NOORDWIJK,
            curricula=attrs.evolve(NOORDWIJK.curricula, awareness=None),
            groups=(
                attrs.evolve(NOORDWIJK.groups[0], curriculum="eigen-avonden"),
                attrs.evolve(NOORDWIJK.groups[1], curriculum="onbekend"),
            ),
            events=(attrs.evolve(NOORDWIJK.events[0], curriculum="eigen-webinar"),),
        )
        assert curricula_for(program, [evenings, webinar]) == {
            "werkerstraining": TRAINING,
            "groepsavonden": EVENINGS,
            "eigen-avonden": evenings,
            "eigen-webinar": webinar,
        }


def test_curricula_for_gathers_from_files_first(tmp_path: Path) -> None:
    """A program's curricula come from the files given, the bundled ones filling in."""
    from joinus_method import curricula_for
    from joinus_method.documents.bundled import find_bundled, load_bundled

    program = load_bundled("noordwijk-katwijk-2021")
    assert isinstance(program, Program)
    text = find_bundled(DocumentKind.CURRICULUM, "groepsavonden").text()
    own = tmp_path / "avonden.toml"
    own.write_text(
        text.replace('title = "Join Us-groepsavonden', 'title = "Eigen avonden', 1),
        encoding="utf-8",
    )
    found = curricula_for(program, files=[own])
    assert sorted(found) == ["groepsavonden", "webinar-bewustwording", "werkerstraining"]
    assert found["groepsavonden"].title.startswith("Eigen avonden")
    assert found["werkerstraining"] == load_bundled("werkerstraining")
    with pytest.raises(DocumentError):
        curricula_for(program, files=[tmp_path / "missing.toml"])


class TestCalendarFiles:
    """The school holidays and closure lists a program names are read from beside it."""

    HOLIDAYS = (
        'format = "joinus.school-holidays.v1"\nversion = "eigen"\ncovers_from = 2029-08-20\n\n'
        '[[holiday]]\nschool_year = "2029-2030"\nkind = "zomervakantie"\nregion = "midden"\n'
        "start = 2030-07-13\nend = 2030-08-25\n"
    )
    CLOSURES = (
        'format = "joinus.closures.v1"\nid = "dicht"\n\n[[closures]]\nstart = 2029-11-06\n'
        'reason = "verbouwing"\n'
    )

    def program(self, holidays: str | None, closures: tuple[str, ...]) -> Program:
        """The seed program naming these files."""
        return attrs.evolve(NOORDWIJK, school_holidays_file=holidays, closures_files=closures)

    def test_none_named(self, tmp_path: Path) -> None:
        """A program that names no files gets none."""
        found = calendar_files(NOORDWIJK, tmp_path)
        assert (found.school_holidays, found.closure_lists) == (None, ())

    def test_read_from_the_folder(self, tmp_path: Path) -> None:
        """Each named file is loaded from the program's folder, in the order named."""
        (tmp_path / "v.toml").write_text(self.HOLIDAYS, encoding="utf-8")
        (tmp_path / "a.toml").write_text(self.CLOSURES, encoding="utf-8")
        (tmp_path / "b.toml").write_text(
            self.CLOSURES.replace('"dicht"', '"ook"'), encoding="utf-8"
        )
        found = calendar_files(self.program("v.toml", ("a.toml", "b.toml")), tmp_path)
        assert found.school_holidays is not None
        assert found.school_holidays.version == "eigen"
        assert [c.id for c in found.closure_lists] == ["dicht", "ook"]

    def test_every_problem_at_once(self, tmp_path: Path) -> None:
        """A missing file is named at the program's key, a folder as not a file, and a
        broken file with its own problems; all of them together."""
        (tmp_path / "map").mkdir()
        (tmp_path / "kapot.toml").write_text(
            self.CLOSURES.replace("start", "begin"), encoding="utf-8"
        )
        program = self.program("weg.toml", ("map", "kapot.toml"))
        with pytest.raises(DocumentError) as caught:
            calendar_files(program, tmp_path)
        problems = caught.value.problems
        assert [(p.message, p.path) for p in problems[:2]] == [
            (
                "cannot read school-holidays file 'weg.toml': no such file",
                ("school_holidays_file",),
            ),
            ("cannot read closures file 'map': not a file", ("closures_files", 0)),
        ]
        assert {p.file for p in problems[2:]} == {str(tmp_path / "kapot.toml")}
        assert {p.message for p in problems[2:]} == {
            "unknown key 'begin'",
            "missing required key 'start'",
        }

    def test_a_related_place_is_located(self) -> None:
        """locate places a problem and the place it relates to, in the program's text."""
        text = NOORDWIJK_TEXT
        (problem,) = locate(
            [Problem("botst", ("groups", 1), related=("groups", 0))], "p.toml", text
        )
        lines = text.splitlines()
        first, second = (i + 1 for i, line in enumerate(lines) if line == "[[groups]]")
        assert (problem.file, problem.line, problem.related_line) == ("p.toml", second, first)
        assert str(problem).splitlines() == [
            f"p.toml:{second}:1: error: botst [at $.groups[1]]",
            f"p.toml:{first}:1: note: the other one is here [at $.groups[0]]",
        ]


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ('"Daan Kuijpers-de Vries"', False),
        ('"VUL IN: naam"', True),
        ("'VUL IN: naam'", True),
        ('"\\u0056UL IN: naam"', True),
        ('"""\\\n    VUL IN: naam"""', True),
    ],
    ids=["none", "basic", "literal", "escaped", "line-ending-backslash"],
)
def test_a_placeholder_is_found_however_it_is_written(written: str, found: bool) -> None:
    """The check of a program's text finds a placeholder written in any kind of string,
    escaped characters included, and none where there is none."""
    text = NOORDWIJK_TEXT.replace('name = "Daan Kuijpers"', f"name = {written}", 1)
    assert text != NOORDWIJK_TEXT
    (result,) = check_texts([("p.toml", text)])
    messages = [p.message for p in result.problems]
    assert any(m.startswith("still to fill in") for m in messages) is found, messages


def test_the_starter_program_asks_for_its_placeholders() -> None:
    """The starter program loads, and every placeholder in it is a problem at its key; the
    bundled program has none."""
    from joinus_method.documents.files import loads
    from joinus_method.documents.placeholders import placeholders
    from joinus_method.documents.starter import starter_files

    files = starter_files()
    program = loads(files["program.toml"])
    assert isinstance(program, Program)
    found = placeholders(program)
    assert ("id",) in [p.path for p in found]
    assert ("groups", 1, "workers", 1) in [p.path for p in found]
    assert all(p.message.startswith("still to fill in: '") for p in found)
    assert program.organisations[0].id == "stichting-join-us"
    assert len(found) == 59
    assert placeholders(NOORDWIJK) == []
    assert sorted(files) == [
        "groepsavonden.toml",
        "program.toml",
        "webinar-bewustwording.toml",
        "werkerstraining.toml",
        "zelfredzaamheid.toml",
    ]


def test_the_starter_files_exactly() -> None:
    """The copies differ from the bundled documents only in their `#:schema` line; the
    program keeps its structure and useful comments, and loses the example's places."""
    from joinus_method.documents.starter import starter_files

    files = starter_files()
    for doc in bundled_documents():
        if doc.kind in (DocumentKind.CURRICULUM, DocumentKind.FRAMEWORK):
            first, rest = doc.text().split("\n", 1)
            copy = files[doc.name.split("/")[-1]]
            kind = doc.kind.value
            assert copy == f"#:schema schemas/{kind}.schema.json\n{rest}", doc.name
            assert first != copy.split("\n", 1)[0]
    program = files["program.toml"]
    lines = program.splitlines()
    assert lines[0] == "#:schema schemas/program.schema.json"
    assert lines[1].startswith("# Het programma van jouw gemeente, gemaakt met `joinus init`")
    assert sum(line.startswith("#:schema") for line in lines) == 1
    assert "fictional_names" not in program
    assert 'description = "VUL IN: wat het programma is en wie er samenwerken"' in lines
    body = [line for line in lines[4:] if line.startswith("#")]
    assert body, "the example's comments that are not about its places stay"
    for place in ("Noordwijk", "Katwijk", "X-Out", "The Base"):
        assert not any(place in line for line in body), place
    for wanted in (
        'id = "vul-in-jongerenwerker-1"',
        'id = "vul-in-jongerenwerker-4"',
        'name = "VUL IN: naam van jongerenwerker 1"',
        'name = "VUL IN: naam van gemeente 1"',
        'address = "VUL IN: adres van locatie 1"',
        'address = "VUL IN: adres van locatie 2"',
        'workers = ["vul-in-jongerenwerker-1", "vul-in-jongerenwerker-2"]',
        'id = "stichting-join-us"',
        'weekday = "tuesday"',
        'registration = "VUL IN: hoe meld je je aan?"',
    ):
        assert wanted in lines, wanted
    assert 'id = "vul-in-jongerenwerker-0"' not in lines
    assert 'id = "vul-in-jongerenwerker-5"' not in lines
    # A text used in two places (a town as a municipality's name and as a venue's address)
    # becomes two placeholders, each saying what belongs there.
    texts = [line for line in lines if '= "VUL IN: ' in line and "hoe meld" not in line]
    assert len(texts) == len(set(texts))
