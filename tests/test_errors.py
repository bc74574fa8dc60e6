"""The error hierarchy and the way problems are written."""

from __future__ import annotations

import pytest

from joinus_method import ChainError, DocumentError, InvalidValue, JoinUsError, Problem, UnknownId
from joinus_method.errors import format_path


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (DocumentError, ValueError),
        (InvalidValue, ValueError),
        (ChainError, ValueError),
        (UnknownId, KeyError),
    ],
)
def test_each_error_is_ours_and_a_builtin(error: type, builtin: type) -> None:
    """Every error subclasses the package base and the nearest built-in."""
    assert issubclass(error, JoinUsError)
    assert issubclass(error, builtin)


def test_problem_text() -> None:
    """A problem reads FILE:LINE:COL: error: MESSAGE [at $.path]."""
    p = Problem("unknown key 'wekday'", ("groups", 1), "structure", "program.toml", 14, 1)
    assert str(p) == "program.toml:14:1: error: unknown key 'wekday' [at $.groups[1]]"
    assert str(Problem("bad", ("x",))) == "error: bad [at $.x]"
    assert str(Problem("oops", (), "syntax", "f.toml", 3, 7)) == "f.toml:3:7: error: oops"
    assert p.at("doc").path == ("doc", "groups", 1)


def test_format_path() -> None:
    """Paths are written as JSON paths."""
    assert format_path(()) == "$"
    assert format_path(("a", 0, "b")) == "$.a[0].b"


def test_unknown_id_message() -> None:
    """UnknownId says what was looked for, without KeyError's quotes."""
    assert str(UnknownId("venue", "x")) == "no venue with id 'x'"
