"""Mapping JSON paths back to the lines and columns of a TOML text."""

from __future__ import annotations

import re

import pytest
import tomli
from hypothesis import example, given, reject
from hypothesis import strategies as st

from joinus_method import dumps
from joinus_method.documents.positions import key_positions
from tests.strategies import programs

TEXT = '''title = "x"  # a comment with key = "value"
notes = """
fake = "not a key"
"""
[curricula]
training = 'a'
"quoted.key" = 1

[[groups]]
id = "a"
workers = [
  "w1",
  "w2", # trailing comment
]
age_band = { min_age = 12, max_age = 17 }

[[groups]]
id = "b"
dotted.inner = 3

[[groups.closures]]
start = 2021-05-13

[table.sub]
date_time = 1979-05-27 07:32:00
after = true
'''


# Where each path of TEXT stands, counted by hand.
EXPECTED = {
    ("title",): (1, 1),
    ("notes",): (2, 1),
    ("curricula",): (5, 1),
    ("curricula", "training"): (6, 1),
    ("curricula", "quoted.key"): (7, 1),
    ("groups",): (9, 1),
    ("groups", 0): (9, 1),
    ("groups", 0, "workers"): (11, 1),
    ("groups", 0, "workers", 0): (12, 3),
    ("groups", 0, "workers", 1): (13, 3),
    ("groups", 0, "age_band"): (15, 1),
    ("groups", 0, "age_band", "max_age"): (15, 28),
    ("groups", 1): (17, 1),
    ("groups", 1, "id"): (18, 1),
    ("groups", 1, "dotted", "inner"): (19, 1),
    ("groups", 1, "closures"): (21, 1),
    ("groups", 1, "closures", 0, "start"): (22, 1),
    ("table", "sub"): (24, 1),
    ("table", "sub", "after"): (26, 1),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_positions_of_keys_headers_and_elements(newline: str) -> None:
    """Keys, table headers, array elements and inline-table keys each get their own place."""
    text = TEXT.replace("\n", newline)
    tomli.loads(text)
    pos = key_positions(text)
    assert {path: pos.locate(path) for path in EXPECTED} == EXPECTED
    assert ("fake",) not in pos


DENSE = """a=[1,[2,3],{b=4},"]"]#c
d={e=[5],f={g=6},"h.i"='j'}
[t]#c
k=1
[[u.v]]#c
w=2
[[u.v]]
[u.v.x]
y=3
[[u.v.z.q]]
r=1"""

# Where each path of DENSE stands, counted by hand.
DENSE_EXPECTED = {
    ("a",): (1, 1),
    ("a", 0): (1, 4),
    ("a", 1): (1, 6),
    ("a", 1, 0): (1, 7),
    ("a", 1, 1): (1, 9),
    ("a", 2): (1, 12),
    ("a", 2, "b"): (1, 13),
    ("a", 3): (1, 18),
    ("d",): (2, 1),
    ("d", "e"): (2, 4),
    ("d", "e", 0): (2, 7),
    ("d", "f"): (2, 10),
    ("d", "f", "g"): (2, 13),
    ("d", "h.i"): (2, 18),
    ("t",): (3, 1),
    ("t", "k"): (4, 1),
    ("u", "v"): (5, 1),
    ("u", "v", 0): (5, 1),
    ("u", "v", 0, "w"): (6, 1),
    ("u", "v", 1): (7, 1),
    ("u", "v", 1, "x"): (8, 1),
    ("u", "v", 1, "x", "y"): (9, 1),
    ("u", "v", 1, "z", "q"): (10, 1),
    ("u", "v", 1, "z", "q", 0): (10, 1),
    ("u", "v", 1, "z", "q", 0, "r"): (11, 1),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_positions_in_a_text_without_blanks(newline: str) -> None:
    """Without a blank between them, brackets, commas, comments and keys are still told apart."""
    text = DENSE.replace("\n", newline)
    tomli.loads(text)
    pos = key_positions(text)
    assert {path: pos.locate(path) for path in DENSE_EXPECTED} == DENSE_EXPECTED
    assert ("c",) not in pos
    assert ("u", "v", 0, "c") not in pos


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a = """x"""', {("a",): (1, 1)}),
        ("a = 'x'", {("a",): (1, 1)}),
        ("a = 1", {("a",): (1, 1)}),
        ('a = ["""\nx\ny""", 2]', {("a", 0): (1, 6), ("a", 1): (3, 7)}),
        ("a = ['''\nx\ny''', 2]", {("a", 1): (3, 7)}),
        ('t = {a = """\nx\ny""", b = 1}', {("t", "a"): (1, 6), ("t", "b"): (3, 7)}),
        ("a = [\n  1\n  , 2 # c\n  , 3\n]", {("a", 0): (2, 3), ("a", 1): (3, 5), ("a", 2): (4, 5)}),
        ("a = [1 # ]\n, 2]\nb = 3", {("a", 1): (2, 3), ("b",): (3, 1)}),
        ("a.b = 1\na.c = 2", {("a",): (1, 1), ("a", "b"): (1, 1), ("a", "c"): (2, 1)}),
        ('a = ["""x""""]\nb = 1', {("a", 0): (1, 6), ("b",): (2, 1)}),
        ("a = {s = '''x''''}\nb = 1", {("a", "s"): (1, 6), ("b",): (2, 1)}),
        ("X = 1\nY = 2", {("X",): (1, 1), ("Y",): (2, 1)}),
        ("'X' = 1\nY = 2", {("X",): (1, 1), ("Y",): (2, 1)}),
        ("\tx\t=\t[\t1\t,\t2\t]\t\ny = 3", {("x", 1): (1, 12), ("y",): (2, 1)}),
        ("t = {a = [1]}\nu = 2", {("t", "a"): (1, 6), ("u",): (2, 1)}),
        ("t = {a = {b = 1}}\nu = 2", {("t", "a", "b"): (1, 11), ("u",): (2, 1)}),
        ("a = [{b = 1}]\nc = 2", {("a", 0, "b"): (1, 7), ("c",): (2, 1)}),
        ("a = [[1]]\nc = 2", {("a", 0, 0): (1, 7), ("c",): (2, 1)}),
        ('"a\\"b" . c = 1\nd = 2', {('a"b',): (1, 1), ('a"b', "c"): (1, 1), ("d",): (2, 1)}),
    ],
)
def test_positions_in_short_texts(text: str, expected: dict) -> None:
    """Each path of a short text stands where its key or element starts, counted by hand."""
    tomli.loads(text)
    pos = key_positions(text)
    assert {path: pos.locate(path) for path in expected} == expected
    assert () not in pos


def test_a_whole_array_stands_where_it_starts() -> None:
    """An array of tables is placed at its first header; an inline array at its key.

    So an error about a whole array (its length, its type) names the line a coach reads
    first: the first ``[[groups]]``, or ``workers = [`` rather than the first element below.
    """
    pos = key_positions(TEXT)
    assert pos.locate(("groups",)) == pos.locate(("groups", 0)) == (9, 1)
    closures = ("groups", 1, "closures")
    assert pos.locate(closures) == pos.locate((*closures, 0)) == (21, 1)
    assert pos.locate(("groups", 0, "workers")) == (11, 1)
    assert pos.locate(("groups", 0, "workers", 0)) == (12, 3)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ('"""x""""', 'x"'),
        ('"""x"""""', 'x""'),
        ('"""\nx\n""""', 'x\n"'),
        ('"""x\\""""', 'x"'),
        ('"""x\\"""y"""', 'x"""y'),
        ('"""x\\\\"""', "x\\"),
        ('""""x"""', '"x'),
        ("'''x''''", "x'"),
        ("'''x'''''", "x''"),
        ("'''x\\'''", "x\\"),
    ],
)
def test_after_a_string_ending_in_quotes(value: str, parsed: str) -> None:
    """A multi-line string whose text ends in quotes ends at its last quote, not its first."""
    text = f"a = {value}\nb = [\n  {value},\n  2,\n]\n"
    assert tomli.loads(text) == {"a": parsed, "b": [parsed, 2]}
    lines = value.count("\n")
    pos = key_positions(text)
    assert pos.locate(("b",)) == (2 + lines, 1)
    assert pos.locate(("b", 1)) == (4 + 2 * lines, 3)


_PIECES = {
    '"': ["x", " ", '"', '""', '\\"', "\\\\", "'", "\n", "\r\n", "#", "=", "["],
    "'": ["x", " ", "'", "''", '"', "\\", "\n", "\r\n", "#", "=", "["],
}


@st.composite
def multi_line_strings(draw: st.DrawFn) -> str:
    """Multi-line strings of quotes, escapes, newlines and key-like text (not all valid)."""
    quote = draw(st.sampled_from(sorted(_PIECES)))
    pieces = draw(st.lists(st.sampled_from(_PIECES[quote]), max_size=12))
    return quote * 3 + "".join(pieces) + quote * 3


@example(value='"""x""""', newline="\n", holder="{}")
@example(value="'''x'''''", newline="\r\n", holder="[{}]")
@given(
    value=multi_line_strings(),
    newline=st.sampled_from(["\n", "\r\n"]),
    holder=st.sampled_from(["{}", "[{}]", "[1, {}]", "{{ s = {} }}"]),
)
def test_keys_after_any_multi_line_string(value: str, newline: str, holder: str) -> None:
    """Whatever a multi-line string holds, the keys after it are found on their own lines."""
    head = f"a = {holder.format(value)}{newline}"
    text = f"{head}b = 1{newline}[t]{newline}c = 2{newline}"
    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError:
        reject()
    assert set(parsed) == {"a", "b", "t"}
    # The text names b, t and c once each, outside the string: their lines are known.
    line_of_b = head.count("\n") + 1
    pos = key_positions(text)
    assert pos.locate(("b",)) == (line_of_b, 1)
    assert pos.locate(("t",)) == (line_of_b + 1, 1)
    assert pos.locate(("t", "c")) == (line_of_b + 2, 1)


def test_missing_paths_fall_back_to_the_nearest_enclosing_key() -> None:
    """A path that is not in the text is placed at its closest ancestor that is."""
    pos = key_positions(TEXT)
    assert pos.locate(("groups", 1, "venue")) == (17, 1)
    assert pos.locate(("nowhere", 3)) == (1, 1)


@given(programs(max_groups=3), st.sampled_from(["\n", "\r\n"]))
def test_every_written_key_is_found_on_its_own_line(doc, newline: str) -> None:
    """For a written document, each key stands where it is placed, inside its own table."""
    text = dumps(doc).replace("\n", newline)  # a string's own newlines are written as \n
    lines = text.split(newline)  # TOML breaks lines there only, not at \x85 or \u2028
    tree = tomli.loads(text)
    pos = key_positions(text)
    for path in _key_paths(tree):
        place = pos.locate(path)
        line, column = place
        here = lines[line - 1][column - 1 :]
        header = re.fullmatch(r"\[\[?([\w.-]+)\]\]?", here)
        if header:  # a table header names the whole dotted path
            assert header[1].split(".")[-1] == path[-1], path
        else:
            assert here.startswith(f"{path[-1]} = "), path
        # Not the same key of another element: after its own element, before the next one.
        for end, step in enumerate(path):
            if isinstance(step, int):
                assert pos.locate(path[: end + 1]) <= place, path
                if _has(tree, (*path[:end], step + 1)):
                    assert place < pos.locate((*path[:end], step + 1)), path


def _has(tree: object, path: tuple[str | int, ...]) -> bool:
    for step in path:
        if isinstance(step, int):
            if not isinstance(tree, list) or step >= len(tree):
                return False
        elif not isinstance(tree, dict) or step not in tree:
            return False
        tree = tree[step]
    return True


def _key_paths(tree: object, prefix: tuple[str | int, ...] = ()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield (*prefix, key)
            yield from _key_paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _key_paths(value, (*prefix, index))


# -- documents written key by key, each path's place noted as it is written -----------------

_SCALARS = [
    "1",
    "-2",
    "+3_000",
    "0x1F",
    "0o17",
    "0b101",
    "3.5e2",
    "-0.0",
    "inf",
    "nan",
    "true",
    "false",
    "07:32:00",
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "1979-05-27 07:32:00.5+01:00",
]
_STRINGS = [
    '""',
    "''",
    '"x"',
    '"a \\"b\\" c"',
    '"\\\\"',
    '"]}#,=[{"',
    '"\\u00e9\\t"',
    "'c:\\\\dir'",
    "'a \" ] # ,'",
    '"""\nx\n"""',
    '"""x""""',
    '"""a\\"""b"""',
    '"""\\\n  x\\\\"""',
    "'''\n#x = 1\n'''",
    "'''x'''''",
    "''''''",
    '""""""',
    '"""\n"\n""\n"""',
]
# Key texts and the names they stand for; each gets a number that makes it unique.
_KEYS = [
    ("k{n}", "k{n}"),
    ("X{n}", "X{n}"),
    ("{n}", "{n}"),
    ("k-{n}_a", "k-{n}_a"),
    ('"k {n}"', "k {n}"),
    ('"k.{n}"', "k.{n}"),
    ('"k\\"{n}"', 'k"{n}'),
    ('"k\\u00e9{n}"', "k\u00e9{n}"),
    ("'k {n}'", "k {n}"),
    ("'k\\{n}'", "k\\{n}"),
]
_BLANKS = ["", " ", "\t", " \t "]


class _Writer:
    """A TOML text being written, with the line and column where each path first stands."""

    def __init__(self, draw: st.DrawFn, newline: str) -> None:
        self.draw = draw
        self.newline = newline
        self.parts: list[str] = []
        self.line = 1
        self.column = 1
        self.places: dict[tuple[str | int, ...], tuple[int, int]] = {}
        self.names = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def put(self, piece: str) -> None:
        self.parts.append(piece)
        if "\n" in piece:
            self.line += piece.count("\n")
            self.column = len(piece) - piece.rfind("\n")
        else:
            self.column += len(piece)

    def mark(self, path: tuple[str | int, ...]) -> None:
        self.places.setdefault(path, (self.line, self.column))

    def blank(self) -> None:
        self.put(self.draw(st.sampled_from(_BLANKS)))

    def end_of_line(self) -> None:
        self.blank()
        if self.draw(st.booleans()):
            self.put("# k = 1 [t] ' \"")
        self.put(self.newline)

    def key(self) -> tuple[str, ...]:
        """Write a dotted key of one to three fresh names, blanks around its dots."""
        names: list[str] = []
        for index in range(self.draw(st.integers(1, 3))):
            if index:
                self.blank()
                self.put(".")
                self.blank()
            text, name = self.fresh()
            self.put(text)
            names.append(name)
        return tuple(names)

    def assignment(self, prefix: tuple[str | int, ...], depth: int) -> None:
        where = (self.line, self.column)
        keys = self.key()
        for end in range(1, len(keys) + 1):
            self.places.setdefault((*prefix, *keys[:end]), where)
        self.blank()
        self.put("=")
        self.blank()
        self.value((*prefix, *keys), depth)

    def value(self, path: tuple[str | int, ...], depth: int) -> None:
        kinds = ["scalar", "string"] + (["array", "table"] if depth < 3 else [])
        kind = self.draw(st.sampled_from(kinds))
        if kind == "scalar":
            self.put(self.draw(st.sampled_from(_SCALARS)))
        elif kind == "string":
            self.put(self.draw(st.sampled_from(_STRINGS)).replace("\n", self.newline))
        elif kind == "array":
            self.array(path, depth)
        else:
            self.inline_table(path, depth)

    def array_blank(self) -> None:
        for piece in self.draw(st.lists(st.sampled_from(["", " ", "\t", "nl", "#"]), max_size=3)):
            if piece == "nl":
                self.put(self.newline)
            elif piece == "#":
                self.put(f"# ],{self.newline}")
            else:
                self.put(piece)

    def array(self, path: tuple[str | int, ...], depth: int) -> None:
        self.put("[")
        size = self.draw(st.integers(0, 3))
        for index in range(size):
            self.array_blank()
            self.mark((*path, index))
            self.value((*path, index), depth + 1)
            self.array_blank()
            if index < size - 1 or self.draw(st.booleans()):
                self.put(",")
        self.array_blank()
        self.put("]")

    def inline_table(self, path: tuple[str | int, ...], depth: int) -> None:
        self.put("{")
        size = self.draw(st.integers(0, 3))
        for index in range(size):
            self.blank()
            self.assignment(path, depth + 1)
            self.blank()
            if index < size - 1:
                self.put(",")
        self.blank()
        self.put("}")

    def body(self, prefix: tuple[str | int, ...]) -> None:
        for _ in range(self.draw(st.integers(0, 3))):
            if self.draw(st.booleans()):
                self.end_of_line()
            self.blank()
            self.assignment(prefix, 0)
            self.end_of_line()

    def header(self, brackets: str, keys_text: list[str]) -> None:
        self.put(brackets)
        self.blank()
        self.put(".".join(keys_text))
        self.blank()
        self.put(brackets.replace("[", "]"))
        self.end_of_line()

    def fresh(self) -> tuple[str, str]:
        self.names += 1
        text, name = self.draw(st.sampled_from(_KEYS))
        return text.format(n=self.names), name.format(n=self.names)

    def document(self) -> None:
        self.body(())
        for _ in range(self.draw(st.integers(0, 3))):
            self.blank()
            heads = [self.fresh() for _ in range(self.draw(st.integers(1, 2)))]
            texts = [text for text, _ in heads]
            path = tuple(name for _, name in heads)
            if self.draw(st.booleans()):
                self.mark(path)
                self.header("[", texts)
                self.body(path)
                continue
            for index in range(self.draw(st.integers(1, 3))):
                self.mark(path)
                self.mark((*path, index))
                self.header("[[", texts)
                self.body((*path, index))
                for _ in range(self.draw(st.integers(0, 2))):
                    inner = [self.fresh() for _ in range(self.draw(st.integers(1, 2)))]
                    inner_path = (*path, index, *(name for _, name in inner))
                    inner_texts = texts + [text for text, _ in inner]
                    self.blank()
                    if self.draw(st.booleans()):
                        self.mark(inner_path)
                        self.header("[", inner_texts)
                        self.body(inner_path)
                    else:
                        self.mark(inner_path)
                        self.mark((*inner_path, 0))
                        self.header("[[", inner_texts)
                        self.body((*inner_path, 0))


@st.composite
def written_documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str | int, ...], tuple[int, int]]]:
    """TOML texts of every kind of syntax, with the place where each path first stands."""
    writer = _Writer(draw, draw(st.sampled_from(["\n", "\r\n"])))
    writer.document()
    text = writer.text
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text, writer.places


@given(written_documents())
def test_every_path_stands_where_it_was_written(document: tuple[str, dict]) -> None:
    """Every key, header and element of any valid text is found where it first stands."""
    text, places = document
    tree = tomli.loads(text)
    for path in places:
        assert _has(tree, path), path
    pos = key_positions(text)
    assert {path: pos.locate(path) for path in places} == places
    assert all(path in pos for path in places)
    assert () not in pos
