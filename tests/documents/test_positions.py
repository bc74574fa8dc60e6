"""Mapping JSON paths back to the lines and columns of a TOML text."""

from __future__ import annotations

import re
import tomllib

import pytest
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
    tomllib.loads(text)
    pos = key_positions(text)
    assert {path: pos.locate(path) for path in EXPECTED} == EXPECTED
    assert ("fake",) not in pos


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
    assert tomllib.loads(text) == {"a": parsed, "b": [parsed, 2]}
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
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
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
    tree = tomllib.loads(text)
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
