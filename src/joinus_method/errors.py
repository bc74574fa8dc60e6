"""The errors joinus_method raises: one base class, each error also a built-in."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import Message, msg, msg_n

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
@shared_repr
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

    @property
    def message_id(self) -> str:
        """The id of the message: its English template (see :mod:`joinus_method.messages`)."""
        return message_id(self.message)

    @property
    def params(self) -> Mapping[str, Any]:
        """The values put into the message's template."""
        return self.message.params if isinstance(self.message, Message) else {}

    def __str__(self) -> str:
        return self.describe()

    def describe(self, translate: Callable[[str], str] = str) -> str:
        """The problem as error lines, with the messages written by *translate* (such as a
        :class:`~joinus_method.messages.Translator`)."""
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line or 1}:{self.column or 1}: "
        at = ""
        if self.kind != "syntax":
            at = " " + translate(msg("[at {path}]", path=format_path(self.path)))
        label = translate(msg("error"))
        text = f"{where}{label}: {translate(self.message)}{at}"
        if self.related is not None and self.file is not None and self.related_line is not None:
            place = f"{self.file}:{self.related_line}:{self.related_column or 1}"
            note = msg("the other one is here [at {path}]", path=format_path(self.related))
            label = translate(msg("note"))
            text += f"\n{place}: {label}: {translate(note)}"
        return text


def message_id(text: str) -> str:
    """The message id of *text*: a message's template, or a plain string itself."""
    return text.id if isinstance(text, Message) else text


def describe(error: BaseException, translate: Callable[[str], str] = str) -> str:
    """*error* as error lines written by *translate*: each of its problems, when it has any,
    else its message. Not prefixed with ``error:`` when it has no problems."""
    problems: Sequence[Problem] = getattr(error, "problems", ())
    if problems:
        return "\n".join(p.describe(translate) for p in problems)
    message = getattr(error, "message", None)
    return translate(message) if isinstance(message, str) else str(error)


class JoinUsError(Exception):
    """Base class of every error raised on purpose by joinus_method.

    ``message`` is the error's message (a :class:`~joinus_method.messages.Message` that a
    translator can write in Dutch); ``message_id`` is its id, the English template.
    """

    message: str

    def __init__(self, message: str, *args: object) -> None:
        self.message = message
        super().__init__(message, *args)

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message_id(self) -> str:
        """The id of the error's message: its English template."""
        return message_id(self.message)


class InvalidValue(JoinUsError, ValueError):
    """A domain value would break one or more rules and was not built."""

    def __init__(self, owner: str, problems: Sequence[Problem]) -> None:
        self.owner = owner
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(msg("invalid {owner}", owner=owner))

    def __str__(self) -> str:
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"{self.message}:\n{lines}"


class DocumentError(JoinUsError, ValueError):
    """A TOML document could not be loaded; ``problems`` holds every error found in it."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        super().__init__(
            msg_n(
                "{count} problem in {source}", "{count} problems in {source}", count, source=source
            )
        )

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UnknownId(JoinUsError, KeyError):
    """No value of the asked kind has the asked id."""

    def __init__(self, kind: str, wanted: str) -> None:
        self.kind = kind
        self.wanted = wanted
        super().__init__(msg("no {kind} with id {wanted!r}", kind=kind, wanted=wanted))

    def __str__(self) -> str:
        return str(self.message)


class ChainError(JoinUsError, ValueError):
    """The coach → worker → group → youth chain of a program breaks a rule."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        super().__init__(
            msg_n("{count} problem in the chain", "{count} problems in the chain", count)
        )

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
