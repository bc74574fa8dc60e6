"""The placeholders of a starter program: an id that starts with ``vul-in`` or a text that
starts with ``VUL IN``. :func:`placeholders` finds those still in a program, so ``joinus
check`` can ask for them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import attrs

from joinus_method.errors import Problem, ValuePath
from joinus_method.messages import msg

if TYPE_CHECKING:
    from joinus_method.model.program import Program

__all__ = ["PLACEHOLDER_ID", "PLACEHOLDER_TEXT", "placeholders"]

PLACEHOLDER_ID = "vul-in"
PLACEHOLDER_TEXT = "VUL IN"


def placeholders(program: Program, text: str | None = None) -> list[Problem]:
    """A problem for each placeholder still in *program*, at its key.

    *text*, the TOML *program* was read from, spares the walk through every value when it
    holds no placeholder at all: a string's characters stand in the text as they are,
    unless written with an escape (a backslash).
    """
    if text is not None and "\\" not in text and not any(p in text for p in _PREFIXES):
        return []
    found: list[tuple[ValuePath, str]] = []
    _find_placeholders(program, (), found)
    return [Problem(msg("still to fill in: {value!r}", value=value), path) for path, value in found]


_PREFIXES = (PLACEHOLDER_ID, PLACEHOLDER_TEXT)
_NAMES: dict[type, tuple[str, ...]] = {}
"""The field names of each class met, worked out once: none for a class not of attrs."""


def _field_names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        has = attrs.has(cls)
        names = _NAMES[cls] = tuple(a.name for a in attrs.fields(cast(Any, cls))) if has else ()
    return names


def _find_placeholders(value: object, path: ValuePath, found: list[tuple[ValuePath, str]]) -> None:
    """Add each string in *value*, a tuple or an attrs value at *path*, that starts as a
    placeholder to *found* with its path, in the order of the items and fields."""
    items: Iterable[tuple[str | int, object]]
    if isinstance(value, tuple):
        items = enumerate(value)
    else:
        items = ((name, getattr(value, name)) for name in _field_names(type(value)))
    for key, item in items:
        if isinstance(item, str):
            if item.startswith(_PREFIXES):
                found.append(((*path, key), item))
        elif isinstance(item, tuple) or _field_names(type(item)):
            _find_placeholders(item, (*path, key), found)
