"""Mapping JSON paths back to the lines and columns of a TOML text."""

from __future__ import annotations

import tomllib

from hypothesis import given

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


def test_positions_of_keys_headers_and_elements() -> None:
    """Keys, table headers, array elements and inline-table keys each get their own place."""
    tomllib.loads(TEXT)
    pos = key_positions(TEXT)
    assert pos.locate(("title",)) == (1, 1)
    assert pos.locate(("notes",)) == (2, 1)
    assert ("fake",) not in pos
    assert pos.locate(("curricula",)) == (5, 1)
    assert pos.locate(("curricula", "training")) == (6, 1)
    assert pos.locate(("curricula", "quoted.key")) == (7, 1)
    assert pos.locate(("groups", 0)) == (9, 1)
    assert pos.locate(("groups", 0, "workers", 1)) == (13, 3)
    assert pos.locate(("groups", 0, "age_band", "max_age")) == (15, 28)
    assert pos.locate(("groups", 1, "id")) == (18, 1)
    assert pos.locate(("groups", 1, "dotted", "inner")) == (19, 1)
    assert pos.locate(("groups", 1, "closures", 0, "start")) == (22, 1)
    assert pos.locate(("table", "sub", "after")) == (26, 1)


def test_missing_paths_fall_back_to_the_nearest_enclosing_key() -> None:
    """A path that is not in the text is placed at its closest ancestor that is."""
    pos = key_positions(TEXT)
    assert pos.locate(("groups", 1, "venue")) == (17, 1)
    assert pos.locate(("nowhere", 3)) == (1, 1)


@given(programs(max_groups=3))
def test_every_written_key_is_found_on_its_own_line(doc) -> None:
    """For a written document, each key's recorded line holds that key's name."""
    text = dumps(doc)
    lines = text.split("\n")  # TOML breaks lines at \n only, not at \x85 or \u2028
    pos = key_positions(text)
    for path in _key_paths(tomllib.loads(text)):
        line, column = pos.locate(path)
        here = lines[line - 1][column - 1 :]
        if here.startswith("["):  # a table header names the whole dotted path
            assert str(path[-1]) in here, path
        else:
            assert here.startswith(str(path[-1])), path


def _key_paths(tree: object, prefix: tuple[str | int, ...] = ()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield (*prefix, key)
            yield from _key_paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _key_paths(value, (*prefix, index))
