"""The cattrs converter behind the documents, and the translation of its errors.

Kept apart from :mod:`joinus_method.documents` so that cattrs is imported only when a
document is first loaded or written.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override

from joinus_method.errors import InvalidValue, ValuePath
from joinus_method.messages import Message, msg
from joinus_method.model._rules import (
    _describe,
    constraint_problems,
    loaded,
    loading,
    passes_constraints,
)

__all__ = ["Found", "converter", "structure"]

T = typing.TypeVar("T")


_ARRAY = msg("an array")
_TABLE = msg("a table")
# TOML's words for lists and dicts; the other types are named as the domain's rules name them.
_TYPE_NAMES: dict[type, str] = {
    **{t: _describe(t) for t in (bool, int, float, str, dt.date, dt.datetime, dt.time)},
    list: _ARRAY,
    dict: _TABLE,
}


def _type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _expected(expected: str, given: str) -> Message:
    return msg("expected {expected}, got {given}", expected=expected, given=given)


def _strict(cls: type, accepts: Callable[[object], bool], label: str) -> Any:
    def hook(value: object, t: Any) -> object:
        # Registered by class, so subclasses such as our StrEnums arrive here as well.
        if t is not cls and isinstance(t, type) and issubclass(t, enum.Enum):
            return _enum_member(value, t)
        if not accepts(value):
            raise TypeError(_expected(label, _type_name(value)))
        return value

    return hook


def _enum_member(value: object, t: type[enum.Enum]) -> enum.Enum:
    try:
        return t(value)
    except ValueError:
        # "one of 'a', 'b'", as the domain's rules say it.
        raise ValueError(_expected(_describe(t), repr(value))) from None


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    strict = {
        str: (lambda v: isinstance(v, str), _describe(str)),
        int: (lambda v: type(v) is int, _describe(int)),
        bool: (lambda v: type(v) is bool, msg("true or false")),
        float: (lambda v: type(v) in (int, float), msg("a number")),
        dt.date: (lambda v: type(v) is dt.date, msg("a date such as 2021-05-11")),
        dt.time: (lambda v: type(v) is dt.time, msg("a time such as 19:00:00")),
    }
    for cls, (accepts, label) in strict.items():
        conv.register_structure_hook(cls, _strict(cls, accepts, label))
    for cls in (dt.date, dt.time):
        conv.register_unstructure_hook(cls, lambda v: v)

    def tuple_hook(t: Any) -> Callable[[object, object], tuple[Any, ...]]:
        inner = homogenous_tuple_structure_factory(t, conv)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(_expected(_ARRAY, _type_name(value)))
            return inner(value, t)  # type: ignore[no-any-return]

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    def class_hook(cls: type) -> Callable[[object, object], object]:
        attrs.resolve_types(cls)
        overrides = {
            a.name: override(struct_hook=_constrained(conv.get_structure_hook(a.type), a))
            for a in attrs.fields(cls)
            if a.metadata.get("schema")
        }
        hook: Any = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            **overrides,  # type: ignore[arg-type]
        )

        def structure(value: object, t: object) -> object:
            # The generated hook would stumble over a value without keys (an AttributeError).
            if not isinstance(value, dict):
                raise TypeError(_expected(_TABLE, _type_name(value)))
            # The generated hook makes the value only once every field passed its type and
            # constraint checks here, so the class's own rules need not check them again.
            token = loading(cls)
            try:
                return hook(value, t)
            finally:
                loaded(token)

        return structure

    conv.register_structure_hook_factory(attrs.has, class_hook)
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple,
        lambda t: _unstructure_tuple(conv, typing.get_args(t)[0]),
    )
    return conv


class _ConstraintError(ValueError):
    """A value of the right type that breaks a constraint of its field."""

    def __init__(self, problems: list[Message]) -> None:
        joined = problems[0]
        for other in problems[1:]:
            joined = msg("{one}; {other}", one=joined, other=other)
        self.message = joined
        super().__init__(joined)


def _constrained(
    hook: Callable[[object, Any], object], attribute: attrs.Attribute[Any]
) -> Callable[[object, Any], object]:
    passes = passes_constraints(attribute)

    def structure(value: object, t: Any) -> object:
        result = hook(value, t)
        if not passes(result):
            raise _ConstraintError(constraint_problems(attribute, result))
        return result

    return structure


def _unstructure_tuple(
    conv: cattrs.Converter, inner: Any
) -> Callable[[tuple[Any, ...]], list[Any]]:
    hook = conv.get_unstructure_hook(inner)
    return lambda value: [hook(v) for v in value]


@functools.cache
def converter() -> cattrs.Converter:
    """The one converter of the documents, made on first use."""
    return _make_converter()


class Found(typing.NamedTuple):
    """One problem the converter found: its message, the path it is reported at, the path
    whose place in the file it is shown at, and its kind."""

    message: str
    path: ValuePath
    lookup: ValuePath
    kind: str
    meant: ValuePath | None = None
    """For an unknown key: the path of the known key it is probably a misspelling of."""


def _children(cls: type) -> list[tuple[str, type, bool]]:
    """The fields of *cls* that hold tables: (name, class, whether an array of them)."""
    found = []
    for name, hint in typing.get_type_hints(cls).items():
        args = typing.get_args(hint)
        if attrs.has(hint):
            found.append((name, hint, False))
        elif typing.get_origin(hint) is tuple and args and attrs.has(args[0]):
            found.append((name, args[0], True))
        else:
            found += [(name, a, False) for a in args if isinstance(a, type) and attrs.has(a)]
    return found


def _tables(root: type) -> list[tuple[tuple[str, ...], type, bool]]:
    """Every kind of table in a document of *root*: (keys from the top, class, array)."""
    out: list[tuple[tuple[str, ...], type, bool]] = [((), root, False)]
    seen = {root}
    queue: list[tuple[tuple[str, ...], type]] = [((), root)]
    while queue:
        keys, cls = queue.pop(0)
        for name, child, array in _children(cls):
            if child not in seen:
                seen.add(child)
                out.append(((*keys, name), child, array))
                queue.append(((*keys, name), child))
    return out


def _belongs(root: type | None, key: str, here: type) -> str | None:
    """Where *key*, unknown in a table of class *here*, is a key in a document of *root*."""
    if root is None:
        return None
    places = [
        (keys, array)
        for keys, cls, array in _tables(root)
        if cls is not here and key in attrs.fields_dict(cls)
    ]
    if len(places) != 1:  # nowhere else, or in several tables: no telling which was meant
        return None
    ((keys, array),) = places
    if not keys:
        return msg("it belongs at the top of the file, before the first [table]")
    header = f"[[{'.'.join(keys)}]]" if array else f"[{'.'.join(keys)}]"
    return msg("it belongs in {header}", header=header)


def _message(exc: BaseException) -> str:
    """The message of *exc*: the :class:`Message` it was raised with, else its text."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)


def _walk(exc: BaseException, path: ValuePath, root: type | None = None) -> Iterator[Found]:
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        for sub, item in items:
            yield from _walk(sub, (*path, item.index), root)
        for sub in rest:
            yield from _walk(sub, path, root)
    elif isinstance(exc, ClassValidationError):
        fields, others = exc.group_exceptions()
        for sub, attribute in fields:
            yield from _walk(sub, (*path, attribute.name), root)
        for sub in others:
            yield from _walk(sub, path, root)
    elif isinstance(exc, ForbiddenExtraKeysError):
        valid = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            elsewhere = _belongs(root, key, exc.cl)
            import difflib

            hint = [] if elsewhere else difflib.get_close_matches(key, valid, n=1)
            if elsewhere:
                message = msg("unknown key {key!r}: {where}", key=key, where=elsewhere)
            elif hint:
                message = msg("unknown key {key!r} (did you mean {name!r}?)", key=key, name=hint[0])
            else:
                message = msg("unknown key {key!r}", key=key)
            yield Found(
                message,
                path,
                (*path, key),
                "structure",
                (*path, hint[0]) if hint else None,
            )
    elif isinstance(exc, InvalidValue):
        for problem in exc.problems:
            full = (*path, *problem.path)
            yield Found(problem.message, full, full, problem.kind)
    elif isinstance(exc, _ConstraintError):
        # Said as the domain's rules say it: the key first.
        message = msg("{key!r} {problem}", key=path[-1], problem=exc.message)
        yield Found(message, path, path, "rule")
    elif isinstance(exc, KeyError):
        message = msg("missing required key {key!r}", key=path[-1])
        yield Found(message, path, path, "structure")
    elif isinstance(exc, (TypeError, ValueError)):
        # An array element is named by the path at the end of the message, not here.
        if path and isinstance(path[-1], str):
            message = msg(
                "invalid value for {key!r}: {problem}", key=path[-1], problem=_message(exc)
            )
        else:
            message = msg("invalid value: {problem}", problem=_message(exc))
        yield Found(message, path, path, "structure")
    else:
        message = msg(
            "invalid value ({error}: {problem})", error=type(exc).__name__, problem=_message(exc)
        )
        yield Found(message, path, path, "structure")


def structure(body: dict[str, Any], model: type[T]) -> tuple[T | None, list[Found]]:
    """*body* structured as *model*, or None and every problem found in it."""
    try:
        return converter().structure(body, model), []
    except (ClassValidationError, IterableValidationError, InvalidValue) as exc:
        return None, list(_walk(exc, (), model))
