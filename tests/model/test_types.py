"""A value of the wrong type cannot be built: every public class converts what the TOML loader
converts (an enum from its string, a tuple from a list) and refuses the rest with
InvalidValue naming the field."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import joinus_method
from joinus_method import (
    AGE_12_TO_18,
    Closure,
    Group,
    InvalidValue,
    Membership,
    PersonalData,
    Program,
    SchoolRegion,
    Weekday,
    Youth,
)
from joinus_method.model.holidays import ClosureList
from joinus_method.planning.closures import school_holidays
from tests.seed import CURRICULA, FRAMEWORK, NOORDWIJK

OLDER = NOORDWIJK.groups[0]


def _walk(value: object) -> Iterator[object]:
    """*value* and every attrs value inside it."""
    if attrs.has(type(value)):
        yield value
        for attribute in attrs.fields(type(value)):
            yield from _walk(getattr(value, attribute.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item)


def _examples() -> dict[type, object]:
    """One valid value of every public model class, from the bundled documents and more."""
    found: dict[type, object] = {}
    extra = [
        school_holidays(),
        ClosureList("sluiting", ()),
        Youth("y-abcd"),
        PersonalData("y-abcd", "Sanne", dt.date(2008, 3, 14)),
        Membership("y-abcd", OLDER.id, dt.date(2021, 5, 11)),
        Closure(dt.date(2021, 5, 11), "verbouwing", dt.date(2021, 5, 12)),
        FRAMEWORK.instruments[0].score({}),
    ]
    for root in [NOORDWIJK, FRAMEWORK, *CURRICULA.values(), *extra]:
        for value in _walk(root):
            found.setdefault(type(value), value)
    return found


EXAMPLES = _examples()
PUBLIC = sorted(
    (
        cls
        for name in joinus_method.__all__
        if isinstance(cls := getattr(joinus_method, name), type)
        and attrs.has(cls)
        and cls.__module__.startswith("joinus_method.model")
    ),
    key=lambda c: c.__name__,
)
FIELDS = [(cls, a.name) for cls in PUBLIC for a in attrs.fields(cls)]

WRONG = st.sampled_from(
    [
        object(),
        3.5,
        "x",
        "",
        -1,
        True,
        None,
        [],
        ["x"],
        (),
        (1, 2),
        {},
        dt.date(2021, 1, 4),
        dt.datetime(2021, 1, 4, 12),
        dt.time(12),
        b"bytes",
    ]
)


def test_every_public_model_class_has_an_example() -> None:
    """The property below looks at every public class of the model."""
    assert {c.__name__ for c in PUBLIC} - {c.__name__ for c in EXAMPLES} == set()
    assert len(PUBLIC) >= 30


def _is(expected: Any, value: Any) -> bool:
    """Whether *value* is of the *expected* type (an independent, plain check)."""
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if origin is typing.Union or type(expected).__name__ == "UnionType":
        return any(_is(a, value) for a in args)
    if expected is type(None):
        return value is None
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_is(args[0], v) for v in value)
        return len(args) == len(value) and all(map(_is, args, value))
    if origin is not None:
        return isinstance(value, origin)
    if expected is int:
        return type(value) is int
    if expected is dt.date:
        return type(value) is dt.date
    return isinstance(value, expected)


@pytest.mark.parametrize(("cls", "name"), FIELDS, ids=[f"{c.__name__}.{n}" for c, n in FIELDS])
@given(wrong=WRONG)
def test_a_wrong_type_in_any_field(cls: type, name: str, wrong: object) -> None:
    """Built with any value in any field, a class either holds a value of the field's type
    or raises InvalidValue naming that field; no other error escapes."""
    example = EXAMPLES[cls]
    expected = typing.get_type_hints(cls)[name]
    try:
        built = attrs.evolve(example, **{name: wrong})
    except InvalidValue as error:
        as_loaded = tuple(wrong) if isinstance(wrong, list) else wrong
        if not _is(expected, as_loaded):
            # Of the wrong type: refused naming the field (a right type may break a rule).
            assert [p.path for p in error.problems] == [(name,)]  # noqa: PT017
        return
    assert _is(expected, getattr(built, name)), (name, getattr(built, name))


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"weekday": "tuesday"}, "weekday", Weekday.TUESDAY),
        ({"workers": list(OLDER.workers)}, "workers", OLDER.workers),
    ],
)
def test_converted_as_the_loader_converts(
    changes: dict[str, object], field: str, value: object
) -> None:
    """An enum is made from its string and a tuple from a list, as when loading TOML."""
    built = attrs.evolve(OLDER, **changes)
    assert getattr(built, field) == value
    assert type(getattr(built, field)) is type(value)
    assert built == OLDER


def test_a_region_from_its_string() -> None:
    """Program(school_region="midden") holds the region, and plans as the enum would."""
    program = attrs.evolve(NOORDWIJK, school_region="midden")
    assert program.school_region is SchoolRegion.MIDDEN
    assert program == NOORDWIJK


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"age_band": (12, 17)},
            "invalid value for 'age_band': expected an AgeBand, got a tuple",
        ),
        (
            {"weekday": "woensdag"},
            "invalid value for 'weekday': expected one of 'monday', 'tuesday', 'wednesday', "
            "'thursday', 'friday', 'saturday', 'sunday', got the string 'woensdag'",
        ),
        (
            {"start_date": "2021-05-11"},
            "invalid value for 'start_date': expected a date, got the string '2021-05-11'",
        ),
        (
            {"start_date": dt.datetime(2021, 5, 11, 19)},
            "invalid value for 'start_date': expected a date, got a date-time",
        ),
        ({"capacity": True}, "invalid value for 'capacity': expected an integer, got a boolean"),
        (
            {"workers": ("a", 2)},
            "invalid value for 'workers': expected a tuple of strings, got a tuple",
        ),
        (
            {"end_date": "later"},
            "invalid value for 'end_date': expected a date or None, got the string 'later'",
        ),
    ],
)
def test_the_message_names_the_field(changes: dict[str, object], message: str) -> None:
    """A wrong type is refused with the field, what it takes and what it got."""
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(OLDER, **changes)
    (problem,) = caught.value.problems
    assert problem.message == message
    assert problem.path == (next(iter(changes)),)


def test_no_rule_runs_on_a_wrong_type() -> None:
    """Type problems come alone: the rules that would crash on them are not run."""
    with pytest.raises(InvalidValue) as caught:
        Group(
            id="g",
            name="G",
            age_band=AGE_12_TO_18,
            weekday=Weekday.MONDAY,
            start_date="2021-05-17",  # type: ignore[arg-type]
            start_time=dt.time(19),
            venue="v",
            workers=("a", "b"),
        )
    assert [p.path for p in caught.value.problems] == [("start_date",)]


def test_enums_of_the_model_are_str_enums() -> None:
    """Every enum in the model is a StrEnum, so it is made from the string TOML holds."""
    for cls in PUBLIC:
        for hint in typing.get_type_hints(cls).values():
            for t in (hint, *typing.get_args(hint)):
                if isinstance(t, type) and issubclass(t, enum.Enum):
                    assert issubclass(t, enum.StrEnum), t
    assert isinstance(NOORDWIJK, Program)
