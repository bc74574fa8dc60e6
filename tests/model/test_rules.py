"""Field constraints and the collecting of broken rules."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method import InvalidValue
from joinus_method.model._rules import (
    Checks,
    constraint_problems,
    field,
    id_field,
    passes_constraints,
    text_field,
)


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


def _constrained_fields() -> list[attrs.Attribute[object]]:
    """Every field with constraints of the domain's classes, and of Sample."""
    import joinus_method.model.curriculum
    import joinus_method.model.framework
    import joinus_method.model.holidays
    import joinus_method.model.people
    import joinus_method.model.program
    import joinus_method.model.youths

    classes = [Sample]
    for module in (
        joinus_method.model.curriculum,
        joinus_method.model.framework,
        joinus_method.model.holidays,
        joinus_method.model.people,
        joinus_method.model.program,
        joinus_method.model.youths,
    ):
        classes += [c for c in vars(module).values() if isinstance(c, type) and attrs.has(c)]
    return [a for c in classes for a in attrs.fields(c) if a.metadata.get("schema")]


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.text(alphabet="aZ9- _é", max_size=6),
    st.lists(st.text(max_size=2), max_size=4).map(tuple),
)


@given(value=_VALUES)
def test_the_quick_test_of_a_field_agrees_with_its_problems(value: object) -> None:
    """For every constrained field and any value, the quick test made once per field fails
    exactly when the field's constraints find a problem."""
    for attribute in _constrained_fields():
        problems = constraint_problems(attribute, value)
        assert passes_constraints(attribute)(value) is not bool(problems), (attribute, problems)
