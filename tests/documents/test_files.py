"""Loading and writing the three TOML documents."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from joinus_method import (
    Curriculum,
    DocumentError,
    DocumentKind,
    Problem,
    Program,
    ProgressFramework,
    dump,
    dumps,
    load,
    load_curriculum,
    load_framework,
    load_program,
    loads,
)
from joinus_method.documents.bundled import bundled_documents
from joinus_method.documents.references import check_files
from tests.paths import BROKEN
from tests.strategies import curricula, frameworks, programs

BROKEN_FILES = sorted(BROKEN.glob("*.toml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.*)$")


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

    @pytest.mark.parametrize("bundled", bundled_documents(), ids=lambda b: b.name)
    def test_bundled(self, bundled, tmp_path: Path) -> None:
        """Every bundled document survives a trip through dump and load."""
        doc = bundled.load()
        target = tmp_path / "doc.toml"
        dump(doc, target, schema="../schemas/x.schema.json")
        assert target.read_text(encoding="utf-8").startswith("#:schema ../schemas/x.schema.json\n")
        assert load(target) == doc


def test_typed_loaders_check_the_kind(tmp_path: Path) -> None:
    """load_program refuses a curriculum file and says what it found, on the format line."""
    path = tmp_path / "c.toml"
    dump(bundled_documents()[0].load(), path)
    assert isinstance(load_curriculum(path), Curriculum)
    with pytest.raises(DocumentError) as caught:
        load_program(path)
    (problem,) = caught.value.problems
    assert problem.line == 1
    assert "expected a program document, found a curriculum document" in problem.message
    with pytest.raises(DocumentError):
        load_framework(path)


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


def test_not_utf8_is_a_document_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 is reported as such, not as a traceback."""
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(DocumentError, match="not UTF-8"):
        load(path)


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
        "c.toml:2:1: error: 'id' 'Bad Id' is not a valid id "
        "(use lower-case letters, digits and hyphens) [at $.id]"
    )


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

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def test_mutated_documents(self, data: st.DataObject) -> None:
        """Documents with a key deleted, retyped or misspelt, or an id doubled, fail cleanly."""
        doc = data.draw(
            st.sampled_from(
                [curricula(max_sessions=6), frameworks(), programs(max_groups=2)]
            ).flatmap(lambda s: s)
        )
        tree = tomllib.loads(dumps(doc))
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
