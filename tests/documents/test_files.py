"""Loading and writing the three TOML documents."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from joinus_method import (
    Closure,
    ClosureList,
    Curriculum,
    Document,
    DocumentError,
    DocumentKind,
    Problem,
    Program,
    ProgressFramework,
    SchoolHolidays,
    dump,
    dumps,
    load,
    load_closures,
    load_curriculum,
    load_framework,
    load_program,
    load_school_holidays,
    loads,
)
from joinus_method.documents.bundled import bundled_documents
from joinus_method.documents.files import write_atomically
from joinus_method.documents.references import check_files
from joinus_method.planning.closures import school_holidays
from tests.paths import BROKEN
from tests.strategies import (
    closure_lists,
    curricula,
    frameworks,
    programs,
    school_holiday_files,
)

BROKEN_FILES = sorted(BROKEN.glob("*.toml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.*)$")
PROGRAM = next(b for b in bundled_documents() if b.kind is DocumentKind.PROGRAM).text()
FRAMEWORK = next(b for b in bundled_documents() if b.kind is DocumentKind.FRAMEWORK).text()


def _place(text: str, fragment: str) -> tuple[int, int]:
    """Line and column where the one *fragment* of *text* starts, counted by hand."""
    assert text.count(fragment) == 1, fragment
    at = text.index(fragment)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _problems(text: str) -> list[Problem]:
    with pytest.raises(DocumentError) as caught:
        loads(text, source="p.toml")
    return list(caught.value.problems)


class TestRoundTrip:
    """load(dump(x)) == x for every kind of document."""

    @given(curricula(max_sessions=20))
    def test_curriculum(self, doc: Curriculum) -> None:
        """A curriculum written and read back is the same curriculum."""
        assert loads(dumps(doc), kind=DocumentKind.CURRICULUM) == doc

    @given(frameworks())
    def test_framework(self, doc: ProgressFramework) -> None:
        """A progress framework written and read back is the same framework."""
        assert loads(dumps(doc), kind=DocumentKind.FRAMEWORK) == doc

    @given(programs())
    def test_program(self, doc: Program) -> None:
        """A program written and read back is the same program."""
        assert loads(dumps(doc), kind=DocumentKind.PROGRAM) == doc

    @given(school_holiday_files())
    def test_school_holidays(self, doc: SchoolHolidays) -> None:
        """School holidays written and read back are the same."""
        assert loads(dumps(doc), kind=DocumentKind.SCHOOL_HOLIDAYS) == doc

    @given(closure_lists())
    def test_closure_list(self, doc: ClosureList) -> None:
        """A closure list written and read back is the same."""
        assert loads(dumps(doc), kind=DocumentKind.CLOSURES) == doc

    def test_the_shipped_school_holidays(self) -> None:
        """The shipped school-holiday file loads as a document, the same as planning reads it."""
        shipped = resources.files("joinus_method.planning") / "data/nl-school-holidays.toml"
        assert loads(shipped.read_text("utf-8")) == school_holidays()

    @pytest.mark.parametrize("bundled", bundled_documents(), ids=lambda b: b.name)
    def test_bundled(self, bundled, tmp_path: Path) -> None:
        """Every bundled document survives a trip through dump and load."""
        doc = bundled.load()
        target = tmp_path / "doc.toml"
        dump(doc, target, schema="../schemas/x.schema.json")
        assert target.read_text(encoding="utf-8").startswith("#:schema ../schemas/x.schema.json\n")
        assert load(target) == doc


TYPED_LOADERS = [
    (load_curriculum, DocumentKind.CURRICULUM, Curriculum),
    (load_framework, DocumentKind.FRAMEWORK, ProgressFramework),
    (load_program, DocumentKind.PROGRAM, Program),
    (load_school_holidays, DocumentKind.SCHOOL_HOLIDAYS, SchoolHolidays),
    (load_closures, DocumentKind.CLOSURES, ClosureList),
]


def sample(kind: DocumentKind) -> Document:
    """A document of *kind*: a bundled one, the shipped school holidays, or a closure list."""
    if kind is DocumentKind.SCHOOL_HOLIDAYS:
        return school_holidays()
    if kind is DocumentKind.CLOSURES:
        return ClosureList("sluiting", (Closure(dt.date(2029, 11, 6), "verbouwing"),))
    return next(b for b in bundled_documents() if b.kind is kind).load()


@pytest.mark.parametrize(("loader", "kind", "model"), TYPED_LOADERS, ids=lambda v: str(v))
@pytest.mark.parametrize("found", list(DocumentKind), ids=str)
def test_typed_loaders_check_the_kind(
    loader: Callable[[Path], object],
    kind: DocumentKind,
    model: type,
    found: DocumentKind,
    tmp_path: Path,
) -> None:
    """Each typed loader reads its own kind and refuses the others on the format line."""
    path = tmp_path / "doc.toml"
    dump(sample(found), path)
    if found is kind:
        assert type(loader(path)) is model
        return
    with pytest.raises(DocumentError) as caught:
        loader(path)
    assert caught.value.problems == (
        Problem(
            f"expected a {kind} document, found a {found} document",
            (),
            "structure",
            str(path),
            1,
            1,
        ),
    )


def test_dump_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails half-way leaves the existing file untouched and no stray files."""
    path = tmp_path / "program.toml"
    doc = next(b for b in bundled_documents() if b.kind is DocumentKind.PROGRAM).load()
    dump(doc, path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        dump(doc, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["program.toml"]


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("mask", "mode"),
    [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)],
    ids=["umask-022", "umask-077", "umask-002"],
)
def test_a_new_file_gets_the_mode_the_umask_gives(mask: int, mode: int, tmp_path: Path) -> None:
    """A new file is as readable as any other new file: 0644 under the usual umask 022."""
    with _umask(mask):
        write_atomically(tmp_path / "plan.ics", "BEGIN:VCALENDAR\n")
    assert _mode(tmp_path / "plan.ics") == mode


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664], ids=["0640", "0600", "0664"])
def test_an_overwritten_file_keeps_its_mode(mode: int, tmp_path: Path) -> None:
    """Saving over a file keeps its permission bits, whatever a new file would get."""
    path = tmp_path / "program.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(mode)
    doc = next(b for b in bundled_documents() if b.kind is DocumentKind.PROGRAM).load()
    with _umask(0o022):  # a new file would be 0644
        dump(doc, path)
    assert _mode(path) == mode
    assert load(path) == doc
    assert [p.name for p in tmp_path.iterdir()] == ["program.toml"]


def test_not_utf8_is_a_document_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 is reported at its first bad byte, not as a traceback."""
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(DocumentError) as caught:
        load(path)
    assert caught.value.source == str(path)
    assert caught.value.problems == (
        Problem(
            "byte 0xe9 is not UTF-8 text: save the file as UTF-8 (in most editors: Save as, "
            "encoding UTF-8)",
            (),
            "syntax",
            str(path),
            1,
            13,
        ),
    )


def test_files_are_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """Files are read and written as UTF-8 even where the locale's encoding is ASCII."""
    path = tmp_path / "program.toml"
    path.write_text(_changed(PROGRAM, "Join Us Noordwijk", "Join Us Café"), encoding="utf-8")
    script = (
        "import sys\n"
        "from joinus_method import load\n"
        "from joinus_method.documents.files import write_atomically\n"
        "print(ascii(load(sys.argv[1]).title))\n"
        "write_atomically(sys.argv[2], 'cr\\xe8me br\\xfbl\\xe9e\\n')\n"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), str(tmp_path / "plan.txt")],
        env=env,
        capture_output=True,
        text=True,
        encoding="ascii",
        check=True,
    )
    assert out.stdout == "'Join Us Caf\\xe9 en Katwijk 2021'\n"
    assert (tmp_path / "plan.txt").read_bytes() == "crème brûlée\n".encode()


def test_every_error_of_a_file_at_once() -> None:
    """Mistakes in different places of one file are all reported together, in line order."""
    text = """format = "joinus.curriculum.v1"
id = "Bad Id"
title = "T"
audience = "kids"
led_by = "workers"
cadence_weeks = 0
default_minutes = 180
colour = "blue"

[[phases]]
id = "a"
title = "A"

[[sessions]]
id = "s1"
title = "S1"
phase = "a"
minutes = 0
"""
    with pytest.raises(DocumentError) as caught:
        loads(text, source="c.toml")
    lines = [(p.line, p.path) for p in caught.value.problems]
    assert lines == [
        (2, ("id",)),
        (4, ("audience",)),
        (6, ("cadence_weeks",)),
        (8, ()),
        (18, ("sessions", 0, "minutes")),
    ]
    assert str(caught.value).splitlines()[0] == (
        "c.toml:2:1: error: 'id' must use only lower-case letters, digits and hyphens, "
        "not 'Bad Id' [at $.id]"
    )


EXPECTED_FORMATS = (
    "'joinus.curriculum.v1', 'joinus.framework.v1', 'joinus.program.v1', "
    "'joinus.school-holidays.v1', 'joinus.closures.v1'"
)


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (
            "joinus.program.v0",
            "unsupported program format version 0: "
            "this version of joinus_method reads 'joinus.program.v1'",
        ),
        (
            "joinus.lesson.v1",
            f"unknown document format 'joinus.lesson.v1'; expected one of {EXPECTED_FORMATS}",
        ),
        (
            "joinus.program.v01",
            f"unknown document format 'joinus.program.v01'; expected one of {EXPECTED_FORMATS}",
        ),
        (
            "joinus.program.v1\n",
            f"unknown document format 'joinus.program.v1\\n'; expected one of {EXPECTED_FORMATS}",
        ),
        (
            "joinus.program.v\u0661",
            f"unknown document format 'joinus.program.v\u0661'; expected one of {EXPECTED_FORMATS}",
        ),
    ],
    ids=["version-0", "unknown-kind", "leading-zero", "trailing-newline", "arabic-digit"],
)
def test_a_format_not_read_is_refused_on_its_line(declared: str, message: str) -> None:
    """A format other than the exact one this version writes is refused, named, on its line."""
    text = _changed(PROGRAM, 'format = "joinus.program.v1"', f"format = {json.dumps(declared)}")
    (problem,) = _problems(text)
    assert (problem.line, problem.column) == _place(text, "format = ")
    assert (problem.message, problem.path) == (message, ())


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        ("capacity = 15", "capacity = true", ("groups", 0, "capacity"), "an integer"),
        ("min_size = 3", "min_size = true", ("groups", 0, "min_size"), "an integer"),
        (
            "max_groups_per_worker = 2",
            "max_groups_per_worker = true",
            ("max_groups_per_worker",),
            "an integer",
        ),
        ("fictional_names = true", "fictional_names = 1", ("fictional_names",), "true or false"),
    ],
    ids=["capacity", "min-size", "max-groups", "int-for-bool"],
)
def test_booleans_and_integers_are_not_mixed(
    old: str, new: str, path: tuple[str | int, ...], expected: str
) -> None:
    """``capacity = true`` is refused on its line, though Python counts True as the integer 1."""
    text = PROGRAM.replace(old, new, 1)  # the first group's, where there are two
    (problem,) = _problems(text)
    got = "a boolean" if new.endswith("true") else "an integer"
    assert problem.message == f"invalid value for {path[-1]!r}: expected {expected}, got {got}"
    assert problem.path == path
    assert (problem.line, problem.column) == _place(text, new)


SECOND_EVENT = """
[[events]]
id = "terugkomavond-2021"
title = "Terugkomavond voor vrijwilligers"
curriculum = "webinar-bewustwording"
date = 2021-09-20
start_time = 19:30:00
organisation = "welzijnskwartier"
venue = "the-base"
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("date = 2021-09-20", 'date = "2021-09-20"', "invalid value for 'date': expected a date"),
        ('venue = "the-base"', 'venue = "de-schakel"', "unknown venue 'de-schakel'"),
        ('venue = "the-base"', 'locatie = "the-base"', "unknown key 'locatie'"),
        ('organisation = "welzijnskwartier"', 'organisation = "wk"', "unknown organisation"),
        ('id = "terugkomavond-2021"', 'id = "groep-18-25-x-out"', "id 'groep-18-25-x-out' is"),
        (
            'id = "terugkomavond-2021"',
            'id = "Terugkomavond"',
            "'id' must use only lower-case letters",
        ),
    ],
    ids=[
        "wrong-type",
        "unknown-venue",
        "unknown-key",
        "unknown-organisation",
        "id-in-use",
        "invalid-id",
    ],
)
def test_a_mistake_in_an_event_stands_on_its_key(old: str, new: str, message: str) -> None:
    """A mistake at a key of the second ``[[events]]`` table is reported on that key's line."""
    assert isinstance(loads(PROGRAM + SECOND_EVENT), Program)
    event = _changed(SECOND_EVENT, old, new)
    (problem,) = _problems(PROGRAM + event)
    assert problem.message.startswith(message), problem
    assert problem.path[:2] == ("events", 1)
    line, column = _place(event, new)
    assert (problem.line, problem.column) == (PROGRAM.count("\n") + line, column)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_windows_line_endings_keep_lines_and_columns(newline: str, tmp_path: Path) -> None:
    """A file saved with CRLF line endings reports each mistake at its key's line and column."""
    text = _changed(
        PROGRAM,
        'workers = ["joost-van-der-meer", "noor-bakker"]',
        'workers = ["joost-van-der-meer", 3]',
    )
    text = _changed(text, "{ min_age = 12, max_age = 17 }", "{ min_age = 12, max_agee = 17 }")
    text = _changed(text, 'weekday = "tuesday"', 'wekday = "tuesday"')
    expected = [
        (*_place(text, 'wekday = "tuesday"'), "unknown key 'wekday' (did you mean 'weekday'?)"),
        (*_place(text, "max_agee"), "unknown key 'max_agee' (did you mean 'max_age'?)"),
        (*_place(text, "3]"), "invalid value: expected a string, got an integer"),
    ]
    problems = _problems(text.replace("\n", newline))
    assert [(p.line, p.column, p.message) for p in problems] == expected
    path = tmp_path / "p.toml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    (result,) = check_files([path])
    assert [(p.line, p.column, p.message) for p in result.problems] == expected


def test_places_after_a_string_that_ends_in_a_quote() -> None:
    """A description ending in a quote (four quotes in a row) does not shift later lines."""
    end = 'nodig\' van de gemeente Noordwijk."""'
    assert PROGRAM.count(end) == 1
    text = PROGRAM.replace(end, 'nodig" van de gemeente "Noordwijk""""')
    text = _changed(text, "fictional_names = true", "fictional_names = 1")
    text = _changed(text, 'school_region = "midden"', 'school_region = "oost"')
    problems = _problems(text)
    assert [(p.line, p.column, p.path) for p in problems] == [
        (*_place(text, "fictional_names = 1"), ("fictional_names",)),
        (*_place(text, 'school_region = "oost"'), ("school_region",)),
    ]


@pytest.mark.parametrize(
    ("text", "at", "message", "path"),
    [
        (
            _changed(
                PROGRAM,
                'workers = ["daan-kuijpers", "esra-yildiz"]',
                'workers = [\n    "daan-kuijpers",\n]',
            ),
            "workers = [\n",
            "'workers' must hold exactly 2 items, not 1",
            ("groups", 0, "workers"),
        ),
        (
            _changed(PROGRAM, "[curricula]", "[[curricula]]"),
            "[[curricula]]",
            "invalid value for 'curricula': expected a table, got an array",
            ("curricula",),
        ),
        (
            _changed(PROGRAM, 'title = "Join Us Noordwijk en Katwijk 2021"\n', "")
            + '\n[[title]]\nnl = "Join Us"\n\n[[title]]\nen = "Join Us"\n',
            "[[title]]\nnl",
            "invalid value for 'title': expected a string, got an array",
            ("title",),
        ),
        (
            # The ladder cut down to its first level.
            re.sub(
                r"\n\[\[levels\]\]\nvalue = [2-5]\n.*?(?=\n\[\[|\n# --)",
                "",
                _changed(FRAMEWORK, "min_level = 4", "min_level = 1"),
                flags=re.DOTALL,
            ),
            "[[levels]]",
            "a ladder needs at least two levels",
            ("levels",),
        ),
    ],
    ids=["inline-array-rule", "array-of-tables-for-table", "array-of-tables-for-text", "rule"],
)
def test_a_mistake_in_a_whole_array_stands_where_it_starts(
    text: str, at: str, message: str, path: tuple[str, ...]
) -> None:
    """A whole array is placed at its key when inline, else at its first ``[[header]]``."""
    problems = [p for p in _problems(text) if p.path == path]
    assert [(p.message, p.line, p.column) for p in problems] == [(message, *_place(text, at))]


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_broken_file_reports_its_mistake_on_its_line(path: Path) -> None:
    """Each hand-written broken file gives exactly its one expected error, on the right line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = EXPECT.match(first)
    assert match, f"{path.name} has no '# expect: LINE:COL: MESSAGE' first line"
    (result,) = check_files([path])
    assert [str(p) for p in result.problems] == [f"{path}:{match[1]}:{match[2]}: error: {match[3]}"]
    assert result.document is None


def test_there_are_enough_broken_files() -> None:
    """At least fifteen kinds of coach mistakes are pinned by broken files."""
    assert len(BROKEN_FILES) >= 15


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a = 1\nb = 2 3\n", 2, 7, "Expected newline or end of document after a statement"),
        ('a = 1\nb = "abc', 2, 9, "Unterminated string"),
        ("a = 1\r\nb = ", 2, 5, "Invalid value"),
        ("b = ", 1, 5, "Invalid value"),
        ('format = "joinus.program.v1"\nx = [1,\n', 3, 1, "Invalid value"),
    ],
    ids=["mid-line", "end-unterminated", "end-crlf", "end-first-line", "end-after-newline"],
)
def test_a_syntax_error_stands_where_the_parser_stopped(
    text: str, line: int, column: int, message: str
) -> None:
    """Text that is not TOML is one syntax problem at the place reading stopped, even at the end."""
    with pytest.raises(DocumentError) as caught:
        loads(text, source="p.toml")
    assert caught.value.source == "p.toml"
    assert caught.value.problems == (
        Problem(f"not valid TOML: {message}", (), "syntax", "p.toml", line, column),
    )
    assert str(caught.value) == f"p.toml:{line}:{column}: error: not valid TOML: {message}"


def test_text_without_a_source_is_named_string() -> None:
    """Text loaded without a source name is reported as ``<string>``."""
    with pytest.raises(DocumentError) as caught:
        loads("a = \n")
    assert caught.value.source == "<string>"
    assert str(caught.value) == "<string>:1:5: error: not valid TOML: Invalid value"


@pytest.mark.parametrize(
    ("text", "kind", "line", "message"),
    [
        (
            'title = "T"\n',
            None,
            1,
            f"missing key 'format': the first line should be one of {EXPECTED_FORMATS}",
        ),
        ("format = 1\n", None, 1, f"unknown document format 1; expected one of {EXPECTED_FORMATS}"),
        (
            '# a program\nformat = "joinus.program.v1"\n',
            DocumentKind.CURRICULUM,
            2,
            "expected a curriculum document, found a program document",
        ),
    ],
    ids=["missing", "not-a-string", "other-kind"],
)
def test_a_format_problem_is_a_structure_problem(
    text: str, kind: DocumentKind | None, line: int, message: str
) -> None:
    """A missing, mistyped or unexpected format is a structure problem at its line, or line 1."""
    with pytest.raises(DocumentError) as caught:
        loads(text, source="p.toml", kind=kind)
    assert caught.value.source == "p.toml"
    assert caught.value.problems == (Problem(message, (), "structure", "p.toml", line, 1),)
    assert str(caught.value) == f"p.toml:{line}:1: error: {message} [at $]"


def test_problems_on_one_line_come_in_column_order(tmp_path: Path) -> None:
    """Two mistakes on one line are reported left to right, each named by the file's path."""
    text = _changed(PROGRAM, "{ min_age = 12, max_age = 17 }", "{ min_agee = 12, max_agee = 17 }")
    path = tmp_path / "program.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load(path)
    first, second = _place(text, "min_agee"), _place(text, "max_agee")
    assert caught.value.source == str(path)
    assert str(caught.value).splitlines() == [
        f"{path}:{first[0]}:{first[1]}: error: unknown key 'min_agee' "
        "(did you mean 'min_age'?) [at $.groups[1].age_band]",
        f"{path}:{second[0]}:{second[1]}: error: unknown key 'max_agee' "
        "(did you mean 'max_age'?) [at $.groups[1].age_band]",
    ]


@pytest.mark.parametrize("bundled", bundled_documents(), ids=lambda b: b.name)
def test_dumps_starts_with_the_format_line(bundled) -> None:
    """Without a schema the text starts with the format line; with one, with the directive."""
    doc = bundled.load()
    first = f'format = "joinus.{bundled.kind}.v1"\n'
    assert dumps(doc).startswith(first)
    assert dumps(doc, schema="s.json").startswith(f"#:schema s.json\n{first}")
    assert DocumentKind.of(doc) is bundled.kind


def test_only_documents_are_dumped() -> None:
    """Dumping something that is not a document says what it was given."""
    with pytest.raises(TypeError, match=r"^not a joinus document: dict$"):
        dumps({"format": "joinus.program.v1"})  # type: ignore[arg-type]


class TestTemporaryFile:
    """A write goes through a fresh hidden file beside the target, never someone else's."""

    def test_it_is_hidden_beside_the_target(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """While written, the text sits in ``.NAME.<8 hex digits>.tmp`` in the target's folder."""
        folder, elsewhere = tmp_path / "plans", tmp_path / "elsewhere"
        folder.mkdir()
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        seen: list[list[str]] = []
        real_fsync = os.fsync

        def watching_fsync(fd: int) -> None:
            seen.append(sorted(p.name for p in folder.iterdir()))
            real_fsync(fd)

        monkeypatch.setattr("os.fsync", watching_fsync)
        write_atomically(folder / "plan.ics", "BEGIN:VCALENDAR\n")
        ((name,),) = seen
        assert re.fullmatch(r"\.plan\.ics\.[0-9a-f]{8}\.tmp", name), name
        assert [p.name for p in folder.iterdir()] == ["plan.ics"]
        assert list(elsewhere.iterdir()) == []

    def test_a_taken_name_is_left_alone(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file already bearing the drawn name is not touched: another name is drawn."""
        draws = iter(["0000abcd", "1111abcd"])
        monkeypatch.setattr("secrets.token_hex", lambda n: next(draws))
        taken = tmp_path / ".plan.ics.0000abcd.tmp"
        taken.write_text("someone else's\n", encoding="utf-8")
        write_atomically(tmp_path / "plan.ics", "BEGIN:VCALENDAR\n")
        assert taken.read_text(encoding="utf-8") == "someone else's\n"
        assert (tmp_path / "plan.ics").read_text(encoding="utf-8") == "BEGIN:VCALENDAR\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == [".plan.ics.0000abcd.tmp", "plan.ics"]

    def test_it_gives_up_after_a_hundred_taken_names(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When a hundred drawn names are all taken, the write fails and says where."""
        draws: list[int] = []

        def same_name(n: int) -> str:
            draws.append(n)
            return "0000abcd"

        monkeypatch.setattr("secrets.token_hex", same_name)
        (tmp_path / ".plan.ics.0000abcd.tmp").write_text("taken", encoding="utf-8")
        target = tmp_path / "plan.ics"
        with pytest.raises(FileExistsError) as caught:
            write_atomically(target, "BEGIN:VCALENDAR\n")
        assert str(caught.value) == f"no free temporary file name next to {target}"
        assert draws == [4] * 100
        assert not target.exists()

    def test_a_vanished_temporary_file_keeps_the_first_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the temporary file is gone when a write fails, the failure itself is raised."""

        def fsync_after_cleanup(fd: int) -> None:
            for stray in tmp_path.glob(".*.tmp"):
                stray.unlink()
            raise OSError("disk full")

        monkeypatch.setattr("os.fsync", fsync_after_cleanup)
        with pytest.raises(OSError, match=r"^disk full$") as caught:
            write_atomically(tmp_path / "plan.ics", "BEGIN:VCALENDAR\n")
        assert type(caught.value) is OSError
        assert list(tmp_path.iterdir()) == []


# -- fuzzing ------------------------------------------------------------------------------
def _assert_only_our_error(text: str) -> None:
    problems: tuple[Problem, ...] = ()
    try:
        loads(text, source="fuzz.toml")
    except DocumentError as exc:
        problems = exc.problems
        assert problems, "a DocumentError always carries its problems"
    n_lines = max(1, text.count("\n") + 1)
    for p in problems:
        assert p.file == "fuzz.toml"
        assert p.line is not None, p
        assert 1 <= p.line <= n_lines, (p, n_lines)
        assert p.column is not None
        assert p.column >= 1


class TestFuzz:
    """Arbitrary input never raises anything but DocumentError, with lines inside the file."""

    @given(st.text(max_size=300))
    def test_arbitrary_text(self, text: str) -> None:
        """Random text is either a document or a DocumentError."""
        _assert_only_our_error(text)

    @given(
        st.sampled_from(DocumentKind),
        st.dictionaries(
            st.text(max_size=8), st.integers() | st.text(max_size=8) | st.booleans(), max_size=5
        ),
    )
    def test_random_tables(self, kind: DocumentKind, table: dict[str, object]) -> None:
        """A table of random keys under a valid format line is refused cleanly."""
        _assert_only_our_error(tomli_w.dumps({"format": kind.format_name, **table}))

    @settings(suppress_health_check=[*settings().suppress_health_check, HealthCheck.data_too_large])
    @given(st.data())
    def test_mutated_documents(self, data: st.DataObject) -> None:
        """Documents with a key deleted, retyped or misspelt, or an id doubled, fail cleanly."""
        doc = data.draw(
            st.sampled_from(
                [curricula(max_sessions=6), frameworks(), programs(max_groups=2)]
            ).flatmap(lambda s: s)
        )
        tree = tomli.loads(dumps(doc))
        paths = list(_paths(tree))
        assume(paths)
        parent, key = data.draw(st.sampled_from(paths))
        mutation = data.draw(st.sampled_from(["delete", "retype", "misspell", "duplicate"]))
        if mutation == "delete":
            del parent[key]
        elif mutation == "retype":
            value = parent[key]
            parent[key] = data.draw(
                st.sampled_from([[1, 2], "text", 3, True, {"x": 1}]).filter(
                    lambda v: type(v) is not type(value)
                )
            )
        elif mutation == "misspell":
            parent[str(key) + "x"] = parent.pop(key)
        else:
            lists = [
                (p, k)
                for p, k in paths
                if isinstance(p[k], list) and p[k] and isinstance(p[k][0], dict)
            ]
            assume(lists)
            holder, name = data.draw(st.sampled_from(lists))
            holder[name].append(dict(holder[name][0]))
        _assert_only_our_error(tomli_w.dumps(tree))

    @given(
        st.sampled_from(BROKEN_FILES + [Path(b.resource) for b in bundled_documents()]), st.data()
    )
    def test_truncated_files(self, path: Path, data: st.DataObject) -> None:
        """A real file cut off at any point fails cleanly or loads."""
        text = Path(path).read_text(encoding="utf-8")
        cut = data.draw(st.integers(0, len(text)))
        _assert_only_our_error(text[:cut])


def _paths(tree: object):
    if isinstance(tree, dict):
        for key, value in tree.items():
            if key != "format":
                yield tree, key
            yield from _paths(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _paths(value)


@pytest.mark.parametrize("name", ["missing.toml", "."])
def test_a_file_that_cannot_be_read_is_a_document_error(tmp_path: Path, name: str) -> None:
    """A missing file, or a folder, is the library's error with the reason, not an OSError."""
    path = tmp_path / name
    with pytest.raises(DocumentError) as caught:
        load_program(path)
    (problem,) = caught.value.problems
    reason = "No such file or directory" if name != "." else "Is a directory"
    assert problem == Problem(f"cannot read file: {reason}", (), "syntax", str(path), 1, 1)
    assert not isinstance(caught.value, OSError)
