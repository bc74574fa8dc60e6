"""TOML mistakes said the way a coach can mend them.

The TOML reader knows where a file stops making sense, not what the writer meant. Here its
message is replaced by one that says what to write, where the line shows the usual slips: a
time or a date without leading zeros, a key given twice, a string without its
closing quote, text without quotes. A file that is not UTF-8 is placed at its first bad byte.
"""

from __future__ import annotations

import re
from pathlib import Path

from joinus_method.errors import DocumentError, Problem
from joinus_method.messages import msg

__all__ = ["explain", "read_text"]

# Patterns of the usual slips, compiled (and kept by :mod:`re`) when a file first has an error.
_TIME = r"=\s*(\d):(\d{2})(:\d{2})?\s*(#.*)?$"
_DATE = r"=\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(#.*)?$"
_KEY = r"\s*([A-Za-z0-9_-]+)\s*="
_TABLE = r"\s*\[\[?\s*([^\]]+?)\s*\]\]?"
_BARE = r"=\s*([^\s\"'\[{0-9+\-#][^#]*?)\s*(#.*)?$"


def read_text(path: str | Path) -> str:
    """The text of the file at *path*; a file that is not UTF-8 is a
    :class:`DocumentError` at the line and column of its first bad byte."""
    source = str(path)
    data = Path(path).read_bytes()
    try:
        # A byte-order mark, as some editors on Windows write it, is not part of the text.
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        column = len(before[start:].decode("utf-8", errors="replace")) + 1
        message = msg(
            "byte 0x{byte:02x} is not UTF-8 text: save the file as UTF-8 "
            "(in most editors: Save as, encoding UTF-8)",
            byte=data[exc.start],
        )
        raise DocumentError(
            source, [Problem(message, (), "syntax", source, line, column)]
        ) from None


_OPEN_LITERAL = r"=\s*'[^']*$"


def explain(message: str, text: str, line: int, column: int) -> tuple[str, int, int]:
    """What to write instead, for the TOML reader's *message* at *line* and *column* of
    *text*, and where: the reader's own message and place when the line shows no usual
    slip. The advice is a :class:`~joinus_method.messages.Message`; the reader's own
    message is returned as it is (in English)."""
    lines = text.splitlines()
    if message.startswith('Expected "\'"'):
        # The reader looked for the closing quote to the end: the slip is where it opened.
        for number, candidate in enumerate(lines, 1):
            if match := re.search(_OPEN_LITERAL, candidate):
                said = msg("a closing ' is missing at the end of this text")
                return said, number, match.start() + 1
    return _explain(message, lines, line), line, column


def _explain(message: str, lines: list[str], line: int) -> str:
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if message.startswith("Cannot overwrite a value"):
        return _twice(lines, line) or message
    if message.startswith("Cannot declare") and "twice" in message:
        return _table_twice(lines, line) or message
    if message.startswith("Illegal character '\\n'") and here.count('"') % 2 == 1:
        return msg('a closing " is missing at the end of this text')
    if match := re.search(_TIME, here):
        hours, minutes = int(match[1]), match[2]
        return msg(
            "a time is written as HH:MM: write {hours:02d}:{minutes}", hours=hours, minutes=minutes
        )
    if match := re.search(_DATE, here):
        year, month, day = match[1], int(match[2]), int(match[3])
        return msg(
            "a date is written as YYYY-MM-DD: write {year}-{month:02d}-{day:02d}",
            year=year,
            month=month,
            day=day,
        )
    if message.startswith("Invalid value") and (match := re.search(_BARE, here)):
        value = match[1]
        if value.lower() in ("true", "false"):
            return msg("write {value} in small letters", value=value.lower())
        if value.lower() in ("ja", "nee", "yes", "no"):
            return msg("a yes or no is written true or false")
        return msg('text needs quotes: write "{value}"', value=value)
    return message


def _twice(lines: list[str], line: int) -> str | None:
    """A key given twice in one table: its name and the line it was first given on."""
    match = re.match(_KEY, lines[line - 1]) if 0 < line <= len(lines) else None
    if match is None:
        return None
    key = match[1]
    for number in range(line - 1, 0, -1):
        earlier = lines[number - 1]
        if re.match(_TABLE, earlier):
            break
        found = re.match(_KEY, earlier)
        if found is not None and found[1] == key:
            return msg(
                "key {key!r} is given twice in this table: first on line {line}",
                key=key,
                line=number,
            )
    return msg("key {key!r} is given twice in this table", key=key)


def _table_twice(lines: list[str], line: int) -> str | None:
    match = re.match(_TABLE, lines[line - 1]) if 0 < line <= len(lines) else None
    if match is None:
        return None
    name = match[1]
    for number in range(1, line):
        found = re.match(_TABLE, lines[number - 1])
        if (
            found is not None
            and found[1] == name
            and not lines[number - 1].lstrip().startswith("[[")
        ):
            return msg(
                "table [{name}] is declared twice: first on line {line}", name=name, line=number
            )
    return msg("table [{name}] is declared twice", name=name)
