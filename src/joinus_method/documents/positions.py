"""Where each key of a TOML text stands, so that an error can name its line.

:mod:`tomli` returns values without positions. This module walks the text of a document
that :mod:`tomli` has already accepted and records, for every key, table header and array
element, the line and column where it starts, keyed by its path in the parsed document
(``("groups", 1, "venue")``). Only valid TOML is walked, so the scanner can be lenient.
"""

from __future__ import annotations

import tomli

from joinus_method.errors import ValuePath

__all__ = ["Positions", "key_positions"]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}\n#")


class Positions:
    """Line and column of every key and element of one TOML text."""

    def __init__(self, table: dict[ValuePath, tuple[int, int]]) -> None:
        self._table = table

    def __contains__(self, path: object) -> bool:
        return path in self._table

    def locate(self, path: ValuePath) -> tuple[int, int]:
        """The position of *path*, or of its nearest enclosing key that is in the text."""
        for end in range(len(path), 0, -1):
            found = self._table.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


def key_positions(text: str) -> Positions:
    """Positions of every key in *text*, a document :mod:`tomli` accepts."""
    scanner = _Scanner(text)
    scanner.document()
    return Positions(scanner.table)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.table: dict[ValuePath, tuple[int, int]] = {}
        self.arrays: dict[ValuePath, int] = {}

    # -- low level ---------------------------------------------------------------------
    def pos(self) -> tuple[int, int]:
        return (self.line, self.i - self.line_start + 1)

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def advance_to(self, j: int) -> None:
        newlines = self.s.count("\n", self.i, j)
        if newlines:
            self.line += newlines
            self.line_start = self.s.rfind("\n", self.i, j) + 1
        self.i = j

    def skip_blank(self, newlines: bool) -> None:
        s = self.s
        while self.i < len(s):
            ch = s[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.advance_to(self.i + 1)
            elif ch == "#":
                end = s.find("\n", self.i)
                self.advance_to(len(s) if end < 0 else end)
            else:
                return

    def record(self, path: ValuePath, where: tuple[int, int]) -> None:
        self.table.setdefault(path, where)

    # -- structure ---------------------------------------------------------------------
    def document(self) -> None:
        current: ValuePath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.s):
                return
            where = self.pos()
            if self.peek(2) == "[[":
                self.advance_to(self.i + 2)
                keys = self.key()
                self.advance_to(self.s.index("]]", self.i) + 2)
                base = (*self.resolve(keys[:-1]), keys[-1])
                index = self.arrays.get(base, -1) + 1
                self.arrays[base] = index
                self.record(base, where)
                current = (*base, index)
                self.record(current, where)
            elif self.peek() == "[":
                self.advance_to(self.i + 1)
                keys = self.key()
                self.advance_to(self.s.index("]", self.i) + 1)
                current = self.resolve(keys)
                self.record(current, where)
            else:
                keys = self.key()
                self.assignment(current, keys, where)

    def resolve(self, keys: tuple[str, ...]) -> ValuePath:
        path: ValuePath = ()
        for key in keys:
            path = (*path, key)
            if path in self.arrays:
                path = (*path, self.arrays[path])
        return path

    def assignment(self, current: ValuePath, keys: tuple[str, ...], where: tuple[int, int]) -> None:
        for end in range(1, len(keys) + 1):
            self.record((*current, *keys[:end]), where)
        self.skip_blank(newlines=False)
        self.advance_to(self.i + 1)  # the "="
        self.skip_blank(newlines=False)
        self.value((*current, *keys))

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            ch = self.peek()
            if ch in "\"'":
                start = self.i
                self.string()
                raw = self.s[start : self.i]
                parts.append(tomli.loads(f"k = {raw}")["k"])
            else:
                start = self.i
                while self.i < len(self.s) and self.s[self.i] in _BARE:
                    self.i += 1
                parts.append(self.s[start : self.i])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance_to(self.i + 1)

    # -- values ------------------------------------------------------------------------
    def value(self, path: ValuePath) -> None:
        ch = self.peek()
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.array(path)
        elif ch == "{":
            self.inline_table(path)
        else:
            j = self.i
            while j < len(self.s) and self.s[j] not in _SCALAR_END:
                j += 1
            self.advance_to(j)

    def string(self) -> None:
        s = self.s
        quote = s[self.i]
        if s.startswith(quote * 3, self.i):
            j = self.i + 3
            while True:
                if quote == '"' and s[j] == "\\":
                    j += 2
                    continue
                if s.startswith(quote * 3, j):
                    j += 3
                    while j < len(s) and s[j] == quote:  # up to two quotes before the end
                        j += 1
                    break
                j += 1
            self.advance_to(j)
            return
        j = self.i + 1
        while s[j] != quote:
            j += 2 if quote == '"' and s[j] == "\\" else 1
        self.advance_to(j + 1)

    def array(self, path: ValuePath) -> None:
        self.advance_to(self.i + 1)
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.advance_to(self.i + 1)
                return
            self.record((*path, index), self.pos())
            self.value((*path, index))
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance_to(self.i + 1)

    def inline_table(self, path: ValuePath) -> None:
        self.advance_to(self.i + 1)
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.advance_to(self.i + 1)
                return
            where = self.pos()
            keys = self.key()
            self.assignment(path, keys, where)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance_to(self.i + 1)
