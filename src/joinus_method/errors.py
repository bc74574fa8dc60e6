"""The errors joinus_method raises: one base class, each error also a built-in."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "ChainError",
    "DocumentError",
    "InvalidValue",
    "JoinUsError",
    "Problem",
    "UnknownId",
    "ValuePath",
]

ValuePath = tuple[str | int, ...]
"""A path into a document or value: keys and list indices, outermost first."""


def format_path(path: ValuePath) -> str:
    """Write *path* as a JSON path such as ``$.groups[1].venue``."""
    out = ["$"]
    for part in path:
        out.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(out)


@attrs.frozen
class Problem:
    """One thing wrong with a value or a document.

    ``path`` points at the offending key; ``line`` and ``column`` (1-based) are set when
    the problem was found in a file; ``kind`` is ``"syntax"`` (not TOML at all),
    ``"structure"`` (a key missing, unknown or of the wrong type) or ``"rule"`` (well
    formed, but breaks a rule of the domain). ``related`` points at a second place the
    problem concerns (the other group of a clash); ``related_line`` and
    ``related_column`` are its place in the file.
    """

    message: str
    path: ValuePath = ()
    kind: str = "rule"
    file: str | None = None
    line: int | None = None
    column: int | None = None
    related: ValuePath | None = None
    related_line: int | None = None
    related_column: int | None = None

    def at(self, *prefix: str | int) -> Problem:
        """The same problem, seen from a value that holds this one under *prefix*."""
        return attrs.evolve(self, path=(*prefix, *self.path))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line or 1}:{self.column or 1}: "
        at = f" [at {format_path(self.path)}]" if self.kind != "syntax" else ""
        text = f"{where}error: {self.message}{at}"
        if self.related is not None and self.file is not None and self.related_line is not None:
            text += (
                f"\n{self.file}:{self.related_line}:{self.related_column or 1}: note: "
                f"the other one is here [at {format_path(self.related)}]"
            )
        return text


class JoinUsError(Exception):
    """Base class of every error raised on purpose by joinus_method."""


class InvalidValue(JoinUsError, ValueError):
    """A domain value would break one or more rules and was not built."""

    def __init__(self, owner: str, problems: Sequence[Problem]) -> None:
        self.owner = owner
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"invalid {owner}:\n{lines}")


class DocumentError(JoinUsError, ValueError):
    """A TOML document could not be loaded; ``problems`` holds every error found in it."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownId(JoinUsError, KeyError):
    """No value of the asked kind has the asked id."""

    def __init__(self, kind: str, wanted: str) -> None:
        self.kind = kind
        self.wanted = wanted
        super().__init__(f"no {kind} with id {wanted!r}")

    def __str__(self) -> str:
        return str(self.args[0])


class ChainError(JoinUsError, ValueError):
    """The coach → worker → group → youth chain of a program breaks a rule."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
