"""Helpers the domain classes use to check their rules and describe their fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from joinus_method.errors import InvalidValue, Problem, ValuePath

T = TypeVar("T")

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID = re.compile(ID_PATTERN)


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


def constraint_problems(attribute: attrs.Attribute[Any], value: Any) -> list[str]:
    """What is wrong with *value* for the constraints in *attribute*'s metadata."""
    schema = attribute.metadata.get("schema", {})
    if not schema or value is None:
        return []
    problems = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if isinstance(value, int) and not isinstance(value, bool):
        if high is not None and low is not None and not low <= value <= high:
            problems.append(f"must be between {low} and {high}, not {value}")
        elif low is not None and high is None and value < low:
            problems.append(f"must be at least {low}, not {value}")
    if isinstance(value, str):
        if "pattern" in schema and not _ID.match(value):
            problems.append(
                f"{value!r} is not a valid id (use lower-case letters, digits and hyphens)"
            )
        if schema.get("minLength") and not value.strip():
            problems.append("must not be empty")
    if isinstance(value, tuple):
        count = len(value)
        least, most = schema.get("minItems"), schema.get("maxItems")
        if least is not None and least == most and count != least:
            problems.append(f"must hold exactly {least} items, not {count}")
        elif least is not None and count < least:
            problems.append(f"must hold at least {least} items, not {count}")
    return problems


class Checks:
    """Collects every broken rule of one value, then raises them together."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.problems: list[Problem] = []

    def fields(self, value: Any) -> Checks:
        """Check every field of *value* against the constraints in its metadata."""
        for attribute in attrs.fields(type(value)):
            for message in constraint_problems(attribute, getattr(value, attribute.name)):
                self.fail((attribute.name,), message)
        return self

    def fail(self, path: ValuePath, message: str) -> None:
        self.problems.append(Problem(message, path))

    def that(self, ok: bool, path: ValuePath, message: str) -> bool:
        if not ok:
            self.fail(path, message)
        return ok

    def between(self, path: ValuePath, value: int, low: int, high: int | None = None) -> bool:
        if high is None:
            return self.that(value >= low, path, f"must be at least {low}, not {value}")
        return self.that(
            low <= value <= high, path, f"must be between {low} and {high}, not {value}"
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
                    f"duplicate {label} {value!r} (first used at {name}[{seen[value]}])",
                )
            else:
                seen[value] = index
        return seen

    def known(
        self, path: ValuePath, value: str, known: Iterable[str] | dict[Any, Any], what: str
    ) -> bool:
        return self.that(value in known, path, f"unknown {what} {value!r}")

    def done(self) -> None:
        if self.problems:
            raise InvalidValue(self.owner, self.problems)
