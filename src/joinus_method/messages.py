"""Text for people, in English or Dutch.

Every message joinus_method makes for a person is a :class:`Message`: a string holding the
English text, which also remembers its template (the gettext message id) and the values put
into it. A :class:`Translator` writes the same message in another language from the
package's gettext catalogue (``locale/<language>/LC_MESSAGES/joinus.mo``). Values that are
messages themselves are translated too; names, ids and dates are put in as they are.

The English template is written in the code with :func:`msg` (or :func:`msg_n` when it
depends on a count), so that the catalogue's message ids can be read from the source.
"""

from __future__ import annotations

import errno
import functools
import gettext
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "LANGUAGES",
    "Message",
    "Translator",
    "language_from_environment",
    "msg",
    "msg_n",
    "os_reason",
    "translator",
]

LANGUAGES = ("en", "nl")
"""The languages joinus speaks: English, in which its messages are written, and Dutch."""

DOMAIN = "joinus"
LOCALE_DIR = Path(__file__).parent / "locale"


class Message(str):
    """A text for people, in English, that can be written in another language.

    ``id`` is the template it was made from (its gettext message id), ``plural`` the
    template for more than one when it depends on the number ``n``, and ``params`` the values put
    into the template with :meth:`str.format`.
    """

    id: str
    plural: str | None
    n: int | None
    params: Mapping[str, Any]

    def __new__(
        cls,
        template: str,
        /,
        plural: str | None = None,
        n: int | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Message:
        values = dict(params or {})
        chosen = plural if plural is not None and n != 1 else template
        self = super().__new__(cls, chosen.format(**values))
        self.id = template
        self.plural = plural
        self.n = n
        self.params = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.id, self.plural, self.n, self.params))


def _rebuild(
    template: str, plural: str | None, n: int | None, params: Mapping[str, Any]
) -> Message:
    return Message(template, plural, n, params)


def msg(template: str, /, **params: Any) -> Message:
    """The message *template* with *params* put in: ``msg("unknown venue {id!r}", id=x)``.

    *template* must be a literal string (not an f-string): it is the message's id in the
    translations.
    """
    if not params:
        return _plain(template)
    return Message(template, params=params)


@functools.lru_cache(maxsize=1024)
def _plain(template: str, /) -> Message:
    # A message without values is the same for every use: the rules of each of the many
    # values a document holds name their owner with one, made once.
    return Message(template)


def msg_n(singular: str, plural: str, count: int, /, **params: Any) -> Message:
    """A message that depends on *count*: *singular* for one, *plural* otherwise (in
    English; other languages have their own rules). *count* is also put in as ``count``."""
    return Message(singular, plural, count, {"count": count, **params})


_OS_REASONS = {
    errno.ENOENT: msg("No such file or directory"),
    errno.EACCES: msg("Permission denied"),
    errno.EPERM: msg("Operation not permitted"),
    errno.EISDIR: msg("Is a directory"),
    errno.ENOTDIR: msg("Not a directory"),
    errno.ENOSPC: msg("No space left on device"),
    errno.EROFS: msg("Read-only file system"),
    errno.EEXIST: msg("File exists"),
    errno.ENOTEMPTY: msg("Directory not empty"),
    errno.ENAMETOOLONG: msg("File name too long"),
    errno.ELOOP: msg("Too many levels of symbolic links"),
}


def os_reason(error: OSError) -> str:
    """Why the system refused, as *error* says it: a message that can be translated for the
    common reasons, its own text for the others."""
    reason = _OS_REASONS.get(error.errno or 0)
    if reason is not None and reason == error.strerror:
        return reason
    return str(error.strerror or error)


class Translator:
    """Writes messages in one language."""

    def __init__(self, language: str, translations: gettext.NullTranslations) -> None:
        self.language = language
        self._translations = translations

    def __repr__(self) -> str:
        return f"<Translator {self.language}>"

    def __call__(self, text: str) -> str:
        """*text* in this translator's language, when it is a :class:`Message`; any other
        string (a name, an id, a reason from a coach's file) as it is."""
        if not isinstance(text, Message):
            return text
        if text.plural is not None:
            template = self._translations.ngettext(text.id, text.plural, text.n or 0)
        else:
            template = self._translations.gettext(text.id)
        params = {
            name: self(value) if isinstance(value, Message) else value
            for name, value in text.params.items()
        }
        return template.format(**params)

    def gettext(self, text: str) -> str:
        """The translation of the message id *text* (for code that uses gettext's names)."""
        return self._translations.gettext(text)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The translation of *singular* or *plural* for *count*."""
        return self._translations.ngettext(singular, plural, count)


@functools.cache
def translator(language: str = "en") -> Translator:
    """The translator into *language*: ``"nl"`` for Dutch, ``"en"`` for English (the
    messages as written). Raises ``ValueError`` for a language joinus does not speak."""
    if language not in LANGUAGES:
        raise ValueError(f"no translation into {language!r}: choose one of {LANGUAGES}")
    if language == "en":
        return Translator(language, gettext.NullTranslations())
    found = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])
    return Translator(language, found)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``"nl"`` when the locale of *environ* (the process's by default) is Dutch, else
    ``"en"``: the first of LC_ALL, LC_MESSAGES and LANG that is set decides, as for the
    C library; then LANGUAGE, as for gettext, may still choose Dutch first."""
    env = os.environ if environ is None else environ
    locale = next((env[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(n)), "")
    if _language_of(locale) in ("", "c", "posix"):
        return "en"
    preferred = [_language_of(part) for part in env.get("LANGUAGE", "").split(":") if part]
    chosen = next((lang for lang in preferred if lang in LANGUAGES), _language_of(locale))
    return "nl" if chosen == "nl" else "en"


def _language_of(locale: str) -> str:
    return locale.split("_")[0].split(".")[0].split("@")[0].lower()
