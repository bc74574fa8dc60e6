"""The language the person at the command line reads: Dutch or English.

The command speaks Dutch under a Dutch locale or with ``--lang nl``, English otherwise.
While a command runs, :func:`_` writes its texts in that language, the library's messages
included, and so do argparse's own texts (usage, errors, ``--help``).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from joinus_method.messages import (
    LANGUAGES,
    Message,
    Translator,
    language_from_environment,
    msg,
    msg_n,
    os_reason,
    translator,
)

__all__ = [
    "KIND_NAMES",
    "LANGUAGES",
    "_",
    "error_text",
    "language_option",
    "n_",
    "speaking",
    "speaks_dutch",
    "translate",
]

_current: list[Translator] = [translator("en")]


def translate(text: str) -> str:
    """*text* (a message of the library, or a message id) in the current language."""
    return _current[-1](text)


def _(text: str, /, **params: Any) -> str:
    """The command's text *text*, with *params* put in, in the current language."""
    return _current[-1](msg(text, **params))


def n_(singular: str, plural: str, count: int, /, **params: Any) -> str:
    """As :func:`_`, for a text that depends on *count* (put in as ``count``)."""
    return _current[-1](msg_n(singular, plural, count, **params))


def error_text(error: BaseException) -> str:
    """*error* as the error lines the command prints, in the current language."""
    from joinus_method.errors import describe

    if getattr(error, "problems", ()):
        return describe(error, translate)
    label = _("error")
    return f"{label}: {describe(error, translate)}"


KIND_NAMES: Mapping[str, Message] = {
    "curriculum": msg("curriculum"),
    "framework": msg("framework"),
    "program": msg("program"),
    "school-holidays": msg("school-holidays"),
    "closures": msg("closures"),
}
"""The kinds of document (the values of DocumentKind, in its order), in words."""


def os_error_text(error: OSError) -> str:
    """Why the system refused, as :attr:`OSError.strerror` says it, in the current
    language for the common reasons."""
    return translate(os_reason(error))


def speaks_dutch() -> bool:
    """Whether the command speaks Dutch now (``--lang nl`` or a Dutch locale)."""
    return _current[-1].language == "nl"


def language_option(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The language asked for with ``--lang X`` or ``--lang=X`` anywhere in *argv* (None
    when not asked, the text given when not one joinus speaks: see :func:`choose`), and
    *argv* without it."""
    rest: list[str] = []
    asked: str | None = None
    items = list(argv)
    index = 0
    while index < len(items):
        item = items[index]
        if item == "--":
            rest += items[index:]
            break
        if item == "--lang" and index + 1 < len(items):
            asked = items[index + 1]
            index += 2
            continue
        if item.startswith("--lang="):
            asked = item.partition("=")[2]
        else:
            rest.append(item)
        index += 1
    return asked, rest


def choose(asked: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: *asked* when it is one joinus speaks, else the locale's."""
    if asked is not None and asked.lower() in LANGUAGES:
        return asked.lower()
    return language_from_environment(environ)


@contextlib.contextmanager
def speaking(language: str) -> Iterator[Translator]:
    """Speak *language* until the block ends: the command's texts, the library's messages
    and argparse's own texts."""
    chosen = translator(language)
    saved = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    _current.append(chosen)
    argparse._ = chosen.gettext  # type: ignore[attr-defined]
    argparse.ngettext = chosen.ngettext  # type: ignore[attr-defined]
    try:
        yield chosen
    finally:
        _current.pop()
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
