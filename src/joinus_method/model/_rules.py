"""Helpers the domain classes use to check their rules and describe their fields."""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from joinus_method.errors import InvalidValue, Problem, ValuePath
from joinus_method.messages import Message, msg

T = TypeVar("T")

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID = re.compile(ID_PATTERN)


_LOADING: contextvars.ContextVar[type | None] = contextvars.ContextVar(
    "joinus_method_loading", default=None
)
"""The class of the value the document loader is about to make, its fields already checked."""


def loading(cls: type) -> contextvars.Token[type | None]:
    """Say that the next value of *cls* is made by the document loader, which has checked
    the type and constraints of each of its fields already: :meth:`Checks.fields` then
    skips them for that one value (its other rules still run). Undo with :func:`loaded`."""
    return _LOADING.set(cls)


def loaded(token: contextvars.Token[type | None]) -> None:
    """Undo the :func:`loading` that gave *token*."""
    _LOADING.reset(token)


def field(doc: str, *, default: Any = attrs.NOTHING, **schema: Any) -> Any:
    """An attrs field with a description (and JSON Schema keywords) for the schema writer."""
    metadata = {"doc": doc, "schema": schema}
    if default is attrs.NOTHING:
        return attrs.field(metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


def id_field(doc: str) -> Any:
    """A field holding an identifier: lower-case letters, digits and hyphens."""
    return field(doc, pattern=ID_PATTERN)


def text_field(doc: str) -> Any:
    """A field holding text that must not be empty."""
    return field(doc, minLength=1)


def passes_constraints(attribute: attrs.Attribute[Any]) -> Callable[[Any], bool]:
    """A quick test of a value against the constraints in *attribute*'s metadata, made once
    per field: False exactly when :func:`constraint_problems` finds a problem."""
    schema = attribute.metadata.get("schema", {})
    tests: list[Callable[[Any], bool]] = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None:

        def in_range(value: Any) -> bool:
            if not isinstance(value, int) or isinstance(value, bool):
                return True
            return low <= value and (high is None or value <= high)

        tests.append(in_range)
    if "pattern" in schema:
        match = _ID.match
        tests.append(lambda value: not isinstance(value, str) or match(value) is not None)
    if schema.get("minLength"):
        tests.append(lambda value: not isinstance(value, str) or bool(value.strip()))
    least, most = schema.get("minItems"), schema.get("maxItems")
    if least is not None:
        exact = least == most

        def counted(value: Any) -> bool:
            if not isinstance(value, tuple):
                return True
            count = len(value)
            return bool(count == least if exact else count >= least)

        tests.append(counted)
    if not tests:
        return lambda value: True
    if len(tests) == 1:
        (test,) = tests
        return lambda value: value is None or test(value)
    return lambda value: value is None or all(test(value) for test in tests)


def constraint_problems(attribute: attrs.Attribute[Any], value: Any) -> list[Message]:
    """What is wrong with *value* for the constraints in *attribute*'s metadata."""
    schema = attribute.metadata.get("schema", {})
    if not schema or value is None:
        return []
    problems = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if isinstance(value, int) and not isinstance(value, bool):
        if high is not None and low is not None and not low <= value <= high:
            problems.append(
                msg(
                    "must be between {low} and {high}, not {value}", low=low, high=high, value=value
                )
            )
        elif low is not None and high is None and value < low:
            problems.append(msg("must be at least {low}, not {value}", low=low, value=value))
    if isinstance(value, str):
        if "pattern" in schema and not _ID.match(value):
            problems.append(
                msg(
                    "must use only lower-case letters, digits and hyphens, not {value!r}",
                    value=value,
                )
            )
        if schema.get("minLength") and not value.strip():
            problems.append(msg("must not be empty"))
    if isinstance(value, tuple):
        count = len(value)
        least, most = schema.get("minItems"), schema.get("maxItems")
        if least is not None and least == most and count != least:
            problems.append(
                msg("must hold exactly {least} items, not {count}", least=least, count=count)
            )
        elif least is not None and count < least:
            problems.append(
                msg("must hold at least {least} items, not {count}", least=least, count=count)
            )
    return problems


class Checks:
    """Collects every broken rule of one value, then raises them together."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.problems: list[Problem] = []

    def fields(self, value: Any) -> Checks:
        """Check the type of every field of *value*, then its constraints.

        A value of the wrong type is converted where the TOML loader converts it (an enum
        from its string, a tuple from a list); otherwise it is refused at once, before any
        rule looks at it.

        A value the document loader makes (see :func:`loading`) is not checked again here:
        the loader checked the same types and constraints field by field.
        """
        if _LOADING.get() is type(value):
            # Only that one value: any other made while its rules run is checked in full.
            _LOADING.set(None)
            return self
        hints = _hints(type(value))
        for attribute in attrs.fields(type(value)):
            given = getattr(value, attribute.name)
            ok, converted = _as_type(hints[attribute.name], given)
            if not ok:
                expected = _describe(hints[attribute.name])
                self.fail(
                    (attribute.name,),
                    msg(
                        "invalid value for {key!r}: expected {expected}, got {given}",
                        key=attribute.name,
                        expected=expected,
                        given=_type_name(given),
                    ),
                )
            elif converted is not given:
                object.__setattr__(value, attribute.name, converted)
        self.done()
        for attribute in attrs.fields(type(value)):
            for message in constraint_problems(attribute, getattr(value, attribute.name)):
                # Said as the loader says it: the key first.
                self.fail(
                    (attribute.name,), msg("{key!r} {problem}", key=attribute.name, problem=message)
                )
        return self

    def fail(self, path: ValuePath, message: str) -> None:
        self.problems.append(Problem(message, path))

    def that(self, ok: bool, path: ValuePath, message: str) -> bool:
        if not ok:
            self.fail(path, message)
        return ok

    def between(self, path: ValuePath, value: int, low: int, high: int | None = None) -> bool:
        if low <= value and (high is None or value <= high):
            return True
        if high is None:
            return self.that(
                value >= low, path, msg("must be at least {low}, not {value}", low=low, value=value)
            )
        return self.that(
            low <= value <= high,
            path,
            msg("must be between {low} and {high}, not {value}", low=low, high=high, value=value),
        )

    def unique(
        self, name: str, items: Sequence[T], key: Callable[[T], Hashable], label: str = "id"
    ) -> dict[Hashable, int]:
        """Report duplicates of ``key(item)`` in the list at *name*; return key → index."""
        seen: dict[Hashable, int] = {}
        for index, item in enumerate(items):
            value = key(item)
            if value in seen:
                self.fail(
                    (name, index, label),
                    msg(
                        "duplicate {label} {value!r} (first used at {name}[{index}])",
                        label=label,
                        value=value,
                        name=name,
                        index=seen[value],
                    ),
                )
            else:
                seen[value] = index
        return seen

    def known(
        self, path: ValuePath, value: str, known: Iterable[str] | dict[Any, Any], what: str
    ) -> bool:
        if value in known:
            return True
        import difflib

        close = difflib.get_close_matches(value, [str(k) for k in known], n=1)
        hint = msg(" (did you mean {name!r}?)", name=close[0]) if close else ""
        self.fail(path, msg("unknown {what} {value!r}{hint}", what=what, value=value, hint=hint))
        return False

    def done(self) -> None:
        if self.problems:
            raise InvalidValue(self.owner, self.problems)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved field types of *cls*, worked out once."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


_NAMES: dict[type, Message] = {
    bool: msg("a boolean"),
    int: msg("an integer"),
    float: msg("a decimal number"),
    str: msg("a string"),
    list: msg("a list"),
    tuple: msg("a tuple"),
    dict: msg("a dict"),
    dt.date: msg("a date"),
    dt.datetime: msg("a date-time"),
    dt.time: msg("a time"),
    type(None): msg("None"),
}


def _type_name(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, str):
        return msg("the string {value!r}", value=value)
    return _NAMES.get(type(value)) or msg("a {name}", name=type(value).__name__)


def _describe(expected: Any) -> str:
    """*expected* in words, as the loader's messages say it."""
    args = typing.get_args(expected)
    if typing.get_origin(expected) in (typing.Union, types.UnionType):
        named = [_describe(a) for a in args]
        described = named[0]
        for other in named[1:]:
            described = msg("{one} or {other}", one=described, other=other)
        return described
    if typing.get_origin(expected) is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return msg("a tuple of {items}", items=_plural(args[0]))
        return msg("a tuple of {count} items", count=len(args))
    if isinstance(expected, type) and issubclass(expected, enum.Enum):
        return msg("one of {values}", values=", ".join(repr(m.value) for m in expected))
    if expected in _NAMES:
        return _NAMES[expected]
    name = getattr(expected, "__name__", str(expected))
    return msg("an {name}", name=name) if name[:1] in "AEIOU" else msg("a {name}", name=name)


def _plural(expected: Any) -> str:
    if expected is str:
        return msg("strings")
    if expected is int:
        return msg("integers")
    return msg("{name} values", name=getattr(expected, "__name__", str(expected)))


def _as_type(expected: Any, value: Any) -> tuple[bool, Any]:
    """Whether *value* is of the *expected* type, and the value converted the way the TOML
    loader converts it (an enum from its string, a tuple from a list)."""
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return type(None) in typing.get_args(expected), value
        for option in typing.get_args(expected):
            if option is not type(None):
                ok, converted = _as_type(option, value)
                if ok:
                    return True, converted
        return False, value
    if origin is tuple:
        if isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, tuple):
            return False, value
        args = typing.get_args(expected)
        kinds = [args[0]] * len(value) if len(args) == 2 and args[1] is Ellipsis else list(args)
        if len(kinds) != len(value):
            return False, value
        items = [_as_type(kind, item) for kind, item in zip(kinds, value, strict=True)]
        if not all(ok for ok, _ in items):
            return False, value
        if all(item is given for (_, item), given in zip(items, value, strict=True)):
            return True, value
        return True, tuple(item for _, item in items)
    if origin is not None:
        return isinstance(value, origin), value
    if isinstance(expected, type) and issubclass(expected, enum.Enum):
        if isinstance(value, expected):
            return True, value
        if isinstance(value, str):
            try:
                return True, expected(value)
            except ValueError:
                return False, value
        return False, value
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool), value
    if expected is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime), value
    if isinstance(expected, type):
        return isinstance(value, expected), value
    return True, value
