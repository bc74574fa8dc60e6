"""Where a store's tables live: an SQLite file, or a PostgreSQL database on a server.

:class:`Database` is the little the store needs of a database: statements with ``?``
placeholders, transactions that hold a lock on the youths they write, a read that streams
one snapshot, and what differs in the SQL of the two (the column that numbers rows, reading a
key of a JSON text). :class:`SQLiteDatabase` is here; the PostgreSQL one is in
:mod:`joinus_method.tracking.postgres`, imported only when a store's address is a
``postgresql://`` URL.
"""

from __future__ import annotations

import abc
import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from joinus_method.errors import JoinUsError
from joinus_method.messages import msg, os_reason

__all__ = [
    "BUSY_SECONDS",
    "Database",
    "SQLiteDatabase",
    "StoreError",
    "in_use",
    "is_url",
    "secrets_in",
    "shown",
]


class StoreError(JoinUsError, RuntimeError):
    """The store cannot be opened or written as asked."""


BUSY_SECONDS = 10
"""How long a call waits for another writer before it gives up."""


def is_url(address: str | os.PathLike[str]) -> bool:
    """Whether *address* names a PostgreSQL database (a ``postgresql://`` URL) rather than
    an SQLite file."""
    return isinstance(address, str) and address.startswith(("postgresql://", "postgres://"))


def shown(address: str | os.PathLike[str]) -> str:
    """*address* as messages show it: a URL without its password (given before the host or
    as the ``password`` parameter)."""
    if not is_url(address):
        return str(address)
    url = str(address)
    parts = urllib.parse.urlsplit(url)
    netloc, query = parts.netloc, parts.query
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        if ":" in user:
            netloc = user.split(":", 1)[0] + ":***@" + host
    if query:
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
        if any(key == "password" for key, _ in pairs):
            query = urllib.parse.urlencode(
                [(key, "***" if key == "password" else value) for key, value in pairs], safe="*"
            )
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=query))


def secrets_in(address: str) -> list[str]:
    """The passwords *address* holds, as written and as decoded: to be kept out of messages."""
    parts = urllib.parse.urlsplit(address)
    found = []
    user = parts.netloc.rsplit("@", 1)[0] if "@" in parts.netloc else ""
    if ":" in user:
        found.append(user.split(":", 1)[1])
    found += [v for k, v in urllib.parse.parse_qsl(parts.query) if k == "password"]
    found += [urllib.parse.unquote(v) for v in found]
    return sorted({v for v in found if v}, key=len, reverse=True)


Row = Sequence[Any]


def in_use(where: str) -> StoreError:
    """The error for a store that another program kept locked too long."""
    return StoreError(
        msg(
            "{path} is in use by another program and stayed locked for {seconds} seconds: "
            "try again",
            path=where,
            seconds=BUSY_SECONDS,
        )
    )


class Database(abc.ABC):
    """An open connection to the database that holds a store."""

    where: str
    """The database as messages name it: the file, or the URL without its password."""
    sequence: str
    """The SQL type of a column that numbers the rows of a table in the order written."""
    conflicts: tuple[type[Exception], ...]
    """What a write raises when a unique key is taken (or the write must be tried again)."""

    @abc.abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run *sql*; the result can be iterated, and has ``fetchone`` and ``fetchall``."""

    @abc.abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run *sql* once for each of *rows*."""

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Add *rows* to *table*, the fastest way the database has."""
        self.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            rows,
        )

    @abc.abstractmethod
    def transaction(
        self, keys: Iterable[str] | None = None
    ) -> contextlib.AbstractContextManager[None]:
        """One transaction: committed when the block ends, rolled back when it raises.

        No other writer writes for any of *keys* (the youths written) until it ends; without
        keys (None), no other writer writes at all.
        """

    @abc.abstractmethod
    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """The rows of *sql*, one snapshot, read a part at a time."""

    @abc.abstractmethod
    def snapshot(self) -> contextlib.AbstractContextManager[None]:
        """A transaction that only reads, and sees the store as it was when it began, while
        other writers go on."""

    @abc.abstractmethod
    def json_text(self, column: str, key: str) -> str:
        """SQL for the text under *key* in the JSON object held (as text) in *column*."""

    @abc.abstractmethod
    def has_table(self, name: str) -> bool:
        """Whether the store's tables include *name*."""

    @abc.abstractmethod
    def scrub(self, tables: Sequence[str] = ()) -> None:
        """Clear the bytes of the rows just deleted or changed in *tables* from the
        database's own files, as far as the database can; raise :class:`StoreError`, saying
        why, when it cannot."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""


def _busy(exc: Exception) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class SQLiteDatabase(Database):
    """An SQLite file: readable by its owner only, in WAL mode; one writer at a time."""

    sequence = "INTEGER PRIMARY KEY"
    conflicts = (sqlite3.IntegrityError,)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        target = Path(path)
        self.path = target
        self.where = str(target)
        if not target.exists():
            try:
                os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
            except FileExistsError:
                pass
            except OSError as exc:
                raise StoreError(
                    msg("cannot make the store {path}: {why}", path=str(target), why=os_reason(exc))
                ) from None
        try:
            self._db = sqlite3.connect(
                target, isolation_level=None, check_same_thread=False, timeout=BUSY_SECONDS
            )
            self._wal()
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise in_use(str(target)) from None
            raise StoreError(
                msg("{path} is not a store: {why}", path=str(target), why=str(exc))
            ) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                msg("{path} is not a store: {why}", path=str(target), why=str(exc))
            ) from None

    def _wal(self) -> None:
        """Put the file in WAL mode, waiting while another process does the same."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self, keys: Iterable[str] | None = None) -> Iterator[None]:
        # One writer at a time holds the whole file: the keys need no lock of their own.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        # In WAL mode a read transaction sees one snapshot; writers go on beside it.
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        if self._db.in_transaction:  # read what this transaction sees
            yield from self._db.cursor().execute(sql, params)
            return
        # Otherwise a connection of its own, whose one read transaction is one snapshot, so
        # that the reader may write on this connection while it reads.
        reader = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_SECONDS)
        try:
            reader.execute("BEGIN")
            yield from reader.execute(sql, params)
        finally:
            reader.close()

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def has_table(self, name: str) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return found is not None

    def scrub(self, tables: Sequence[str] = ()) -> None:
        # The old pages may still hold the bytes: rewrite the file and empty the log. A
        # checkpoint that a reader holds back says so (busy), and the bytes stay: refused.
        try:
            for step in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM"):
                busy = self._db.execute(step).fetchone()
                if busy is not None and busy[0]:
                    break
            else:
                busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError as exc:
            raise StoreError(str(exc)) from None
        if busy is not None and busy[0]:
            raise StoreError(
                msg(
                    "another program kept reading {path} for {seconds} seconds",
                    path=self.where,
                    seconds=BUSY_SECONDS,
                )
            )

    def close(self) -> None:
        self._db.close()
