"""TOML mistakes said the way a coach can mend them, at the line and column where they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from joinus_method import DocumentError, Problem, Program, load, loads
from joinus_method.documents.bundled import find_bundled
from joinus_method.documents.files import DocumentKind
from joinus_method.documents.references import check_files

PROGRAM = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021").text()


def problem_of(text: str) -> Problem:
    """The one problem of *text*."""
    with pytest.raises(DocumentError) as caught:
        loads(text, source="p.toml")
    (problem,) = caught.value.problems
    assert problem.kind == "syntax"
    return problem


@pytest.mark.parametrize(
    ("wrong", "right", "message"),
    [
        ("start_time = 19:00:00", "start_time = 7:30", "a time is written as HH:MM: write 07:30"),
        (
            "start_time = 19:00:00",
            "start_time = 7:30:00  # na het eten",
            "a time is written as HH:MM: write 07:30",
        ),
        (
            "start_date = 2021-05-11",
            "start_date = 2021-5-11",
            "a date is written as YYYY-MM-DD: write 2021-05-11",
        ),
        (
            'name = "Daan Kuijpers"',
            "name = Daan Kuijpers",
            'text needs quotes: write "Daan Kuijpers"',
        ),
        (
            'name = "Daan Kuijpers"',
            'name = "Daan Kuijpers',
            'a closing " is missing at the end of this text',
        ),
        (
            'name = "Daan Kuijpers"',
            "name = 'Daan Kuijpers",
            "a closing ' is missing at the end of this text",
        ),
        (
            "follows_school_holidays = true",
            "follows_school_holidays = True",
            "write true in small letters",
        ),
        (
            "follows_school_holidays = true",
            "follows_school_holidays = ja",
            "a yes or no is written true or false",
        ),
    ],
)
def test_what_to_write(wrong: str, right: str, message: str) -> None:
    """The usual slips get a message that says what to write, on the line they are on."""
    assert wrong in PROGRAM
    text = PROGRAM.replace(wrong, right, 1)
    line = 1 + text.splitlines().index(right)
    problem = problem_of(text)
    assert problem.message == f"not valid TOML: {message}"
    assert problem.line == line


def test_a_time_without_seconds_is_read() -> None:
    """Documents are TOML 1.1: a time may leave out its seconds."""
    program = loads(PROGRAM.replace("start_time = 19:00:00", "start_time = 19:00", 1))
    assert isinstance(program, Program)
    assert dt.time(19, 0) in {g.start_time for g in program.groups}


def test_a_problem_in_an_inline_table_over_several_lines_is_placed_on_its_line() -> None:
    """Documents are TOML 1.1: an inline table may span lines and end with a comma, and a
    problem inside it is placed on its own line."""
    text = PROGRAM.replace("start_time = 19:00:00", "start_time = {\n  uur = 19,\n}", 1)
    with pytest.raises(DocumentError) as caught:
        loads(text, source="p.toml")
    (problem,) = caught.value.problems
    assert problem.line == 1 + text.splitlines().index("start_time = {")


@pytest.mark.parametrize("key", ["a", "naam", "start_time"])
def test_a_key_given_twice(key: str) -> None:
    """A key given twice names the line of the first, in the same table only."""
    text = f"[x]\n{key} = 1\nother = 2\n\n[y]\n{key} = 1\nb = 2\n{key} = 3\n"
    problem = problem_of(text)
    assert problem.message == (
        f"not valid TOML: key {key!r} is given twice in this table: first on line 6"
    )
    assert problem.line == 8


def test_a_table_declared_twice() -> None:
    """A table given twice names the line of the first."""
    problem = problem_of("a = 1\n[venue]\nid = 'x'\n\n[venue]\nname = 'y'\n")
    assert problem.message == "not valid TOML: table [venue] is declared twice: first on line 2"
    assert problem.line == 5


def test_anything_else_keeps_the_readers_message() -> None:
    """A mistake with no usual slip on its line keeps the TOML reader's own words."""
    problem = problem_of("a = [1, 2\nb = 3\n")
    assert problem.message == "not valid TOML: Unclosed array"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A file that starts with a byte-order mark loads, and its places are right."""
    path = tmp_path / "p.toml"
    path.write_bytes("\ufeff".encode() + PROGRAM.encode())
    assert load(path) == loads(PROGRAM)
    path.write_bytes("\ufeff".encode() + b'titel = "x"\n' + PROGRAM.encode())
    (result,) = check_files([path])
    (problem,) = result.problems
    assert (problem.message, problem.line, problem.column) == (
        "unknown key 'titel' (did you mean 'title'?)",
        1,
        1,
    )


@pytest.mark.parametrize(
    ("prefix", "line", "column"),
    [
        ("", 1, 10),
        ('format = "joinus.program.v1"\n# caf\u00e9 ok\n', 3, 10),
        ("a = 1\r\nb = 2\r\n", 3, 10),
    ],
)
def test_not_utf8_names_the_first_bad_byte(
    tmp_path: Path, prefix: str, line: int, column: int
) -> None:
    """A file saved in another encoding is placed at its first bad byte, and says to save
    it as UTF-8, when loading and when checking."""
    path = tmp_path / "latin1.toml"
    path.write_bytes(prefix.encode("utf-8") + 'title = "Caf\u00e9"\n'.encode("latin-1"))
    expected = Problem(
        "byte 0xe9 is not UTF-8 text: save the file as UTF-8 (in most editors: Save as, "
        "encoding UTF-8)",
        (),
        "syntax",
        str(path),
        line,
        column + 3,
    )
    with pytest.raises(DocumentError) as caught:
        load(path)
    assert caught.value.problems == (expected,)
    (result,) = check_files([path])
    assert result.problems == (expected,)


CURRICULUM = find_bundled(DocumentKind.CURRICULUM, "groepsavonden").text()


@pytest.mark.parametrize(
    ("text", "anchor", "key", "message"),
    [
        # A segment's key on its session: where it belongs, not a near spelling ('id').
        (CURRICULUM, "[[sessions]]\n", "kind", "it belongs in [[sessions.segments]]"),
        # A program's key on a group.
        (
            PROGRAM,
            "[[groups]]\n",
            "school_region",
            "it belongs at the top of the file, before the first [table]",
        ),
        # A venue's key on a group.
        (PROGRAM, "[[groups]]\n", "rooms", "it belongs in [[venues]]"),
        # A near spelling is still suggested where the key is nowhere else.
        (PROGRAM, "[[groups]]\n", "wekday", "did you mean 'weekday'?"),
    ],
)
def test_a_key_at_the_wrong_level_says_where_it_belongs(
    text: str, anchor: str, key: str, message: str
) -> None:
    """An unknown key that is a key of exactly one other table says which."""
    changed = text.replace(anchor, f"{anchor}{key} = 1\n", 1)
    with pytest.raises(DocumentError) as caught:
        loads(changed, source="f.toml")
    wanted = [p for p in caught.value.problems if p.message.startswith(f"unknown key {key!r}")]
    (problem,) = wanted
    separator = ": " if message.startswith("it") else " ("
    end = "" if message.startswith("it") else ")"
    assert problem.message == f"unknown key {key!r}{separator}{message}{end}"
    assert problem.line == 1 + changed.splitlines().index(f"{key} = 1")


def test_a_key_of_several_tables_gets_no_guess() -> None:
    """A key of several other tables (a title) names none of them."""
    changed = PROGRAM.replace("[[groups]]\n", '[[groups]]\ntitle = "x"\n', 1)
    with pytest.raises(DocumentError) as caught:
        loads(changed)
    assert [p.message for p in caught.value.problems] == ["unknown key 'title'"]


@pytest.mark.parametrize(
    ("wrong", "right", "message"),
    [
        ('venue = "x-out"', 'venue = "xout"', "unknown venue 'xout' (did you mean 'x-out'?)"),
        ('venue = "x-out"', 'venue = "buurthuis"', "unknown venue 'buurthuis'"),
        (
            'coach = "marieke-verhoef"',
            'coach = "marieke-verhoeven"',
            "unknown coach 'marieke-verhoeven' (did you mean 'marieke-verhoef'?)",
        ),
    ],
)
def test_an_unknown_id_suggests_a_near_one(wrong: str, right: str, message: str) -> None:
    """An id that is almost one of the known ones is suggested, as for keys."""
    assert wrong in PROGRAM
    with pytest.raises(DocumentError) as caught:
        loads(PROGRAM.replace(wrong, right, 1))
    assert [p.message for p in caught.value.problems] == [message]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # On the first line, and on the last line of a file without a final newline.
        ("naam = Daan\n", 1, 'text needs quotes: write "Daan"'),
        ("a = 1\nstart_time = 9:00", 2, "a time is written as HH:MM: write 09:00"),
        # An apostrophe in text without quotes is no open literal string.
        ("naam = Daan's fiets\n", 1, 'text needs quotes: write "Daan\'s fiets"'),
        # Escaped quotes inside an unclosed text.
        ('naam = "Zeg \\"hoi\\" tegen\n', 1, 'a closing " is missing at the end of this text'),
        ("klaar = False\n", 1, "write false in small letters"),
        ("klaar = nee\n", 1, "a yes or no is written true or false"),
        ("klaar = yes\n", 1, "a yes or no is written true or false"),
        ("klaar = NO\n", 1, "a yes or no is written true or false"),
        # A key given twice on the next line, on the first line, or after a dotted key.
        ("a = 1\na = 2\n", 2, "key 'a' is given twice in this table: first on line 1"),
        ("a = 1\nb = 2\na = 3\n", 3, "key 'a' is given twice in this table: first on line 1"),
        ("[t]\nk.x = 1\nk = 2\n", 3, "key 'k' is given twice in this table"),
        # A table declared twice, the second on the last line; an array of tables first.
        ("[x]\na = 1\n[x]", 3, "table [x] is declared twice: first on line 1"),
        ("  [[x]]\na = 1\n[x]\n", 3, "table [x] is declared twice"),
    ],
)
def test_more_slips(text: str, line: int, message: str) -> None:
    """Slips at the edges of a file, and look-alikes that are something else."""
    problem = problem_of(text)
    assert (problem.message, problem.line) == (f"not valid TOML: {message}", line)
