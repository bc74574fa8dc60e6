"""The two databases a store can live in, for tests that run on both.

An SQLite store is a file in the test's folder. A PostgreSQL store is a schema of its own, made
for the test in the database of the server at ``JOINUS_TEST_POSTGRES`` and dropped after it;
``tools/throwaway_postgres.py run -- <command>`` starts such a server. Without one, the
PostgreSQL cases are skipped, except under CI, where they fail: CI always has a server.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import secrets
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BACKENDS = ("sqlite", "postgresql")
ADDRESS_VARIABLE = "JOINUS_TEST_POSTGRES"
_NAMES = itertools.count()


def postgres_url() -> str:
    """The URL of the test server's database, or skip (fail under CI) when there is none."""
    url = os.environ.get(ADDRESS_VARIABLE)
    if url:
        return url
    reason = (
        f"no PostgreSQL server: set {ADDRESS_VARIABLE}, or run the tests with "
        "`python tools/throwaway_postgres.py run -- .venv/bin/python -m pytest`"
    )
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def in_schema(url: str, schema: str) -> str:
    """*url* with *schema* first on its search path: the store's tables are made there."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query)
    query.append(("options", f"-csearch_path={schema}"))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


@contextlib.contextmanager
def fresh_address(backend: str, folder: Path) -> Iterator[str]:
    """The address of a new, empty store of *backend*, removed afterwards."""
    if backend == "sqlite":
        yield str(folder / f"jongeren-{next(_NAMES)}.sqlite")
        return
    url = postgres_url()
    schema = f"test_{os.getpid()}_{secrets.token_hex(6)}"
    with _connect(url) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    address = in_schema(url, schema)
    try:
        yield address
    finally:
        opened = _OPEN.pop(address, None)
        if opened is not None:
            opened.close()
        with _connect(url) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def is_postgres(address: str) -> bool:
    return address.startswith("postgresql://")


def plain_query(address: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of *sql* (with ``?`` placeholders), read with the database's own driver, not
    through the store; none when the store has no events table (yet)."""
    if not is_postgres(address):
        import sqlite3

        if not Path(address).exists():
            return []
        db = sqlite3.connect(address)
        try:
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone() is None:
                return []
            return db.execute(sql, params).fetchall()
        finally:
            db.close()
    with _connect(address) as db:
        if db.execute("SELECT to_regclass('events')").fetchone()[0] is None:
            return []
        return db.execute(sql.replace("%", "%%").replace("?", "%s"), params).fetchall()


def _schema(address: str) -> str:
    options = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(address).query))["options"]
    return options.removeprefix("-csearch_path=")


def stored(address: str) -> object:
    """What the store holds, to compare before and after: the bytes of an SQLite file and its
    WAL (not the shared-memory file, SQLite's index of the WAL and its locks); the column
    definitions of a PostgreSQL store and every row of every table (as a digest of the rows in
    their text form, made by the server)."""
    if not is_postgres(address):
        return {
            suffix: Path(f"{address}{suffix}").read_bytes()
            for suffix in ("", "-wal")
            if Path(f"{address}{suffix}").exists()
        }
    schema = _schema(address)
    db = _kept_open(address)
    columns = db.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = %s ORDER BY 1, 2",
        (schema,),
    ).fetchall()
    tables = sorted({table for table, _, _ in columns})
    digests = (
        db.execute(
            " UNION ALL ".join(
                f"SELECT '{table}', COUNT(*), md5(COALESCE(string_agg(r::text, '|' ORDER BY "
                f"r::text), '')) FROM {schema}.{table} r"
                for table in tables
            )
        ).fetchall()
        if tables
        else []
    )
    return columns, sorted(digests)


_OPEN: dict[str, Any] = {}


def _kept_open(address: str) -> Any:
    """A connection to *address* kept open while its schema lives."""
    if address not in _OPEN:
        _OPEN[address] = _connect(address)
    return _OPEN[address]


def held_bytes(address: str) -> dict[str, bytes]:
    """Every byte the store's own files hold: an SQLite file with its WAL and shared-memory
    files; the files of a PostgreSQL store's tables, their TOAST tables and indexes, read
    after a checkpoint (the server's WAL is not the store's: docs/privacy.md)."""
    if not is_postgres(address):
        return {
            suffix: Path(f"{address}{suffix}").read_bytes()
            for suffix in ("", "-wal", "-shm")
            if Path(f"{address}{suffix}").exists()
        }
    schema = _schema(address)
    with _connect(address) as db:
        db.execute("CHECKPOINT")
        rows = db.execute(
            "SELECT c.relname, pg_relation_filepath(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname IN (%s, 'pg_toast') AND c.relkind IN ('r', 't', 'i') "
            "AND (n.nspname = %s OR c.oid IN (SELECT reltoastrelid FROM pg_class k "
            "JOIN pg_namespace m ON m.oid = k.relnamespace WHERE m.nspname = %s) "
            "OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT "
            "reltoastrelid FROM pg_class k JOIN pg_namespace m ON m.oid = k.relnamespace "
            "WHERE m.nspname = %s)))",
            (schema, schema, schema, schema),
        ).fetchall()
        found: dict[str, bytes] = {}
        for name, path in rows:
            if path is None:
                continue
            data = db.execute(
                "SELECT pg_read_binary_file(%s, 0, (pg_stat_file(%s, true)).size, true)",
                (path, path),
            ).fetchone()[0]
            found[name] = bytes(data or b"")
    return found
