"""Field constraints and the collecting of broken rules."""

from __future__ import annotations

import attrs
import pytest

from joinus_method import InvalidValue
from joinus_method.model._rules import Checks, constraint_problems, field, id_field, text_field


@attrs.frozen
class Sample:
    id: str = id_field("An id.")
    title: str = text_field("A title.")
    minutes: int = field("Minutes.", minimum=1, maximum=10)
    count: int = field("At least one.", minimum=1)
    pair: tuple[str, ...] = field("Two.", minItems=2, maxItems=2)

    def __attrs_post_init__(self) -> None:
        Checks("sample").fields(self).done()


def test_every_broken_field_is_reported_at_once() -> None:
    """All field constraints are checked together, each under its own path."""
    with pytest.raises(InvalidValue) as caught:
        Sample("Not An Id", " ", 11, 0, ("a",))
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            ("id",),
            "'id' must use only lower-case letters, digits and hyphens, not 'Not An Id'",
        ),
        (("title",), "'title' must not be empty"),
        (("minutes",), "'minutes' must be between 1 and 10, not 11"),
        (("count",), "'count' must be at least 1, not 0"),
        (("pair",), "'pair' must hold exactly 2 items, not 1"),
    ]


def test_valid_values_and_none_pass() -> None:
    """Values inside their constraints, and absent optional values, raise nothing."""
    Sample("a-1", "T", 10, 5, ("a", "b"))
    (minutes,) = [a for a in attrs.fields(Sample) if a.name == "minutes"]
    assert constraint_problems(minutes, None) == []


def test_duplicates_and_unknown_references() -> None:
    """Checks.unique names the first use of a duplicate; Checks.known an unknown id."""
    c = Checks("x")
    index = c.unique("items", ["a", "b", "a"], lambda v: v)
    c.known(("ref",), "z", index, "item")
    assert [(p.path, p.message) for p in c.problems] == [
        (("items", 2, "id"), "duplicate id 'a' (first used at items[0])"),
        (("ref",), "unknown item 'z'"),
    ]
    with pytest.raises(InvalidValue):
        c.done()
