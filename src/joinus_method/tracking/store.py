"""The store: every event of every youth, appended and never changed.

A store is an SQLite file (made readable by its owner only, written in WAL mode) or, for
organisations that share one, a PostgreSQL database (:mod:`joinus_method.tracking.postgres`):
:func:`open_store` takes a path or a ``postgresql://`` URL. Both hold the same tables, made by
the same migrations: an append-only ``events`` table, the youths' personal data in a table of
its own (``personal``), each youth's kept state, the groups each youth was ever in (which
scope every query of a view), the access log, and a schema version that :func:`open_store`
migrates forward. Every call is one transaction: a batch of events is stored whole or not at
all, and an event refused leaves the store as it was. An event's id makes importing the same
event twice store it once. All SQL is in this module, the same for both databases but for
what :class:`~joinus_method.tracking.database.Database` words for each.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import json
import operator
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from joinus_method.messages import msg
from joinus_method.model.youths import PersonalData

from .database import BUSY_SECONDS, Database, SQLiteDatabase, StoreError, is_url, shown
from .events import (
    _PAYLOAD_OF,
    FREE_TEXT,
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    Road,
    TieKind,
    fields_of,
)
from .journey import EventRefused, Stage, YouthState, advance, apply

if TYPE_CHECKING:
    from joinus_method.planning.schedule import PlannedSession, ProgramPlan

__all__ = [
    "BUSY_SECONDS",
    "SCHEMA_VERSION",
    "Copied",
    "Store",
    "StoreError",
    "copy_store",
    "open_store",
]

SCHEMA_VERSION = 5
"""The version of the tables this library writes; older stores are migrated on opening."""

# Each migration takes a store from the version before it to its own. In braces, what the
# database words its own way (see Database).
_MIGRATIONS: Sequence[str] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE events (
        seq {sequence},
        id TEXT NOT NULL UNIQUE,
        youth TEXT NOT NULL,
        kind TEXT NOT NULL,
        occurred TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX events_by_youth ON events (youth, seq);
    CREATE TABLE personal (
        youth TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        born TEXT NOT NULL,
        contact TEXT NOT NULL
    );
    """,
    # 2: who asked to see which youth, and whether it was allowed.
    """
    CREATE TABLE access_log (
        seq {sequence},
        at TEXT NOT NULL,
        viewer TEXT NOT NULL,
        youth TEXT NOT NULL,
        allowed INTEGER NOT NULL
    );
    """,
    # 3: each youth's state, kept up to date event by event (filled from the events).
    """
    CREATE TABLE states (youth TEXT PRIMARY KEY, state TEXT NOT NULL);
    """,
    # 4: the youths forgotten: nothing new is recorded of them.
    """
    CREATE TABLE forgotten (youth TEXT PRIMARY KEY);
    """,
    # 5: the groups each youth was ever waitlisted for, placed in or joined to, so that the
    # queries of a view hold only the rows of its groups.
    """
    CREATE TABLE memberships (
        group_id TEXT NOT NULL,
        youth TEXT NOT NULL,
        PRIMARY KEY (group_id, youth)
    );
    INSERT INTO memberships (group_id, youth)
        SELECT DISTINCT {payload_group}, youth FROM events
        WHERE kind IN ('waitlisted', 'placed', 'joined');
    """,
)


def open_store(address: str | os.PathLike[str]) -> Store:
    """Open the store at *address*, migrating an older one forward.

    A path is an SQLite file, made (readable by its owner only) when it does not exist; a
    ``postgresql://`` URL is a PostgreSQL database (with the extra
    ``joinus_method[postgres]``), whose tables are made when they do not exist.
    """
    store = Store(_database(address))
    try:
        with store._transaction() as db:
            store._migrate(db)
    except BaseException:
        store.close()
        raise
    return store


def _database(address: str | os.PathLike[str]) -> Database:
    if is_url(address):
        from .postgres import PostgresDatabase

        return PostgresDatabase(str(address))
    return SQLiteDatabase(address)


class Copied(NamedTuple):
    """What :func:`copy_store` copied."""

    events: int
    youths: int
    personal: int
    accesses: int


# The tables a copy carries over, each with its columns and its order; the kept states are
# made again from the copied events, and the schema version is the destination's own.
_COPIED = {
    "events": (("id", "youth", "kind", "occurred", "recorded_at", "recorded_by", "payload"), "seq"),
    "personal": (("youth", "name", "born", "contact"), "youth"),
    "access_log": (("at", "viewer", "youth", "allowed"), "seq"),
    "forgotten": (("youth",), "youth"),
    "memberships": (("group_id", "youth"), "group_id, youth"),
}
_COPY_ROWS = 10_000


def copy_store(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> Copied:
    """Copy the store at *source* to *destination* (each a path or a ``postgresql://`` URL):
    a file that does not exist yet, or a database (schema) without a store or with an empty
    one.

    The source is read as one snapshot, while its writers go on. The copy is written in one
    transaction (into a file: a file of its own beside the destination, given the
    destination's name at the end, when no other file took it meanwhile) and kept only when
    every table holds as many rows as the source's, the groups of each youth are those their
    events give, and every youth's state made again from the copied events equals the state
    the source keeps: interrupted or refused, the destination is as it was.
    """
    final: Path | None = None if is_url(destination) else Path(destination)
    if final is not None and (final.exists() or final.is_symlink()):
        raise _taken(final)
    if not _is_store(source):
        raise StoreError(msg("there is no store at {path}", path=shown(source)))
    with Store(_database(source)) as origin:
        with origin._transaction() as db:
            origin._migrate(db)  # an older store is brought forward, as on every opening
        if final is None:
            target = Store(_database(destination))
        else:
            handle, name = tempfile.mkstemp(prefix=final.name + ".copying-", dir=final.parent)
            os.close(handle)
            partial = Path(name)
            target = Store(SQLiteDatabase(partial))
        try:
            with origin._db.snapshot(), target._transaction() as write:
                read = origin._db
                target._migrate(write)
                target._refuse_filled(write)
                counts = {table: _copy_table(read, write, table) for table in _COPIED}
                origin._check_copy(read, write, counts)
                kept = dict(origin._all_kept_states(read))
                rebuilt = dict(target._all_rebuilt_states(write))
                if rebuilt != kept:
                    differ = sorted(
                        y for y in kept.keys() | rebuilt.keys() if kept.get(y) != rebuilt.get(y)
                    )
                    raise StoreError(
                        msg(
                            "the copy of {source} does not give the state it keeps for {count} "
                            "youths (the first: {youth}): nothing was copied",
                            source=origin.where,
                            count=len(differ),
                            youth=differ[0],
                        )
                    )
                write.executemany(
                    "INSERT INTO states (youth, state) VALUES (?, ?)",
                    [(y, _json(_state_data(state))) for y, state in sorted(rebuilt.items())],
                )
        except BaseException:
            target.close()
            if final is not None:
                _remove_file(partial)
            raise
        target.close()
        if final is not None:
            try:
                os.link(partial, final)  # never over a file made meanwhile
            except FileExistsError:
                raise _taken(final) from None
            finally:
                _remove_file(partial)
    return Copied(counts["events"], len(rebuilt), counts["personal"], counts["access_log"])


def _taken(path: Path) -> StoreError:
    return StoreError(
        msg("there is a file at {path} already: copy into a new file", path=str(path))
    )


def _is_store(address: str | os.PathLike[str]) -> bool:
    """Whether *address* holds a store (without making one)."""
    if not is_url(address) and not Path(address).is_file():
        return False
    database = _database(address)
    try:
        return database.has_table("meta") and database.has_table("events")
    except StoreError:
        return False
    finally:
        database.close()


def _copy_table(read: Database, write: Database, table: str) -> int:
    """Copy the rows of *table*, a part at a time; return how many."""
    columns, order = _COPIED[table]
    rows = read.stream(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
    count = 0
    while part := list(itertools.islice(rows, _COPY_ROWS)):
        write.insert(table, columns, part)
        count += len(part)
    return count


def _remove_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


class Store:
    """An open store. Use :func:`open_store`; close it with :meth:`close` (or ``with``)."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self.where = database.where
        """The store as messages name it: its file, or its URL without a password."""
        self.path = database.path if isinstance(database, SQLiteDatabase) else None
        """The store's file, for an SQLite store."""
        self._roads = _roads_query(database)
        self._retry: tuple[type[Exception], ...] = (*database.conflicts, EventRefused)
        self._plan: tuple[ProgramPlan, dict[str, PlannedSession]] | None = None

    def _sessions_of(self, plan: ProgramPlan) -> dict[str, PlannedSession]:
        """The sessions of *plan* by UID, made once for the plan last given."""
        if self._plan is None or self._plan[0] is not plan:
            self._plan = (plan, {s.uid: s for s in plan.sessions})
        return self._plan[1]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store; what was recorded stays."""
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self, youths: Iterable[str] | None = None) -> Iterator[Database]:
        """One transaction, writing for *youths* (or, when None, for the whole store)."""
        with self._db.transaction(youths):
            yield self._db

    def _migrate(self, db: Database) -> None:
        version = self._version(db)
        if version > SCHEMA_VERSION:
            raise StoreError(
                msg(
                    "{path} was written by a newer joinus (store version {version}); this "
                    "one reads up to version {known}",
                    path=self.where,
                    version=version,
                    known=SCHEMA_VERSION,
                )
            )
        words = {"sequence": db.sequence, "payload_group": db.json_text("payload", "group")}
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(_MIGRATIONS[number].format(**words)):
                db.execute(statement)
            if number + 1 == 3:
                self._keep_states(db)
        if version != SCHEMA_VERSION:
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    @staticmethod
    def _version(db: Database) -> int:
        if not db.has_table("meta"):
            return 0
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    @property
    def version(self) -> int:
        """The schema version of the store."""
        return self._version(self._db)

    # -- writing ---------------------------------------------------------------------------

    def record(self, events: Event | Iterable[Event], *, plan: ProgramPlan | None = None) -> int:
        """Record *events* (one, or a batch) in one transaction; return how many were new.

        Each event must follow from the youth's road so far (see
        :mod:`joinus_method.tracking.journey`); an event whose id is already stored is
        skipped. With *plan*, attendance must name a session of the plan (by its UID), of the
        youth's group, on the day the event says. When any event is refused the whole batch is
        refused, with :class:`~joinus_method.tracking.journey.EventRefused`, and nothing is
        stored.
        """
        batch = [events] if isinstance(events, Event) else list(events)
        if plan is not None:
            sessions = self._sessions_of(plan)
            for event in batch:
                if event.kind is _ATTENDED:
                    session = sessions.get(event.session_uid or "")
                    if (
                        session is None
                        or session.day != event.occurred
                        or session.series.id != event.group
                    ):
                        _check_session(event, sessions)
        if len({e.id for e in batch}) == len(batch):
            # Most batches are new: write them at once, and look for the events already
            # stored only when the ids or the road say some are.
            youths = {e.youth for e in batch}
            try:
                with self._transaction(youths) as db:
                    self._write(db, batch)
                return len(batch)
            except self._retry:
                pass
        with self._transaction({e.youth for e in batch}) as db:
            found = _rows_in(
                db, "SELECT id FROM events WHERE id IN ({marks})", [e.id for e in batch]
            )
            stored = self._known_rows(db, [r[0] for r in found]) if found else {}
            self._refuse_conflicts(db, batch, stored)
            known = set(stored)
            new = []
            for event in batch:
                if event.id not in known:
                    known.add(event.id)
                    new.append(event)
            self._write(db, new)
        return len(new)

    def _write(self, db: Database, events: list[Event]) -> None:
        """Write *events*, none of them stored yet, after checking each youth's road."""
        by_youth: dict[str, list[Event]] = {}
        for event in events:
            theirs = by_youth.get(event.youth)
            if theirs is None:
                by_youth[event.youth] = [event]
            else:
                theirs.append(event)
        states, births, forgotten = _standing(db, by_youth)
        for youth, theirs in by_youth.items():
            if youth in forgotten:
                self._refuse_forgotten(db, youth, theirs[0])
            states[youth] = advance(states[youth], theirs, births.get(youth))
        db.insert("events", _EVENT_COLUMNS, _rows(events))
        joined = {(e.group, e.youth) for e in events if e.kind in _MEMBERSHIP and e.group}
        if joined:
            db.executemany(
                "INSERT INTO memberships (group_id, youth) VALUES (?, ?) ON CONFLICT DO NOTHING",
                sorted(joined),
            )
        db.executemany(
            "INSERT INTO states (youth, state) VALUES (?, ?) "
            "ON CONFLICT (youth) DO UPDATE SET state = excluded.state",
            [(y, _json(_state_data(states[y]))) for y in sorted(by_youth)],
        )

    def set_personal(self, data: PersonalData) -> None:
        """Keep (or replace) the personal data of a youth, apart from their progress.

        Refused, with :class:`~joinus_method.tracking.journey.EventRefused`, when the date
        of birth would make progress already stored unlawful (under 16 without a parent's
        consent), and for a youth who was forgotten.
        """
        with self._transaction([data.youth]) as db:
            self._refuse_forgotten(db, data.youth)
            state = YouthState(data.youth)
            for row in db.execute(_SELECT + " WHERE youth = ? ORDER BY seq", (data.youth,)):
                state = apply(state, _event(row), data.date_of_birth)
            db.execute(
                "INSERT INTO personal (youth, name, born, contact) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (youth) DO UPDATE SET name = excluded.name, "
                "born = excluded.born, contact = excluded.contact",
                (data.youth, data.name, data.date_of_birth.isoformat(), data.contact),
            )

    def forget(self, youth: str) -> None:
        """Erase the personal data of *youth*, the free text of their events and the labels
        of their ties with people outside the group (those become ``outside-1``,
        ``outside-2``, ...), and clear the erased bytes from the store's files; their
        pseudonymous progress stays.

        When the bytes cannot be cleared (another program keeps reading the store, or, on a
        server, the login does not own the tables), the rows are erased all the same and
        :class:`StoreError` says why: forget the youth again once that is mended.
        """
        with self._transaction([youth]) as db:
            db.execute("DELETE FROM personal WHERE youth = ?", (youth,))
            db.execute(
                "INSERT INTO forgotten (youth) VALUES (?) ON CONFLICT (youth) DO NOTHING",
                (youth,),
            )
            rows = db.execute(
                "SELECT seq, payload FROM events WHERE youth = ? ORDER BY seq", (youth,)
            ).fetchall()
            labels: dict[str, str] = {}
            changed = False
            for seq, payload in rows:
                data = json.loads(payload)
                kept = _without_free_text(data)
                if kept.get("tie") == TieKind.OUTSIDE.value and "tie_with" in kept:
                    label = kept["tie_with"]
                    kept["tie_with"] = labels.setdefault(label, f"outside-{len(labels) + 1}")
                if kept != data:
                    changed = True
                    db.execute("UPDATE events SET payload = ? WHERE seq = ?", (_json(kept), seq))
            if labels:  # the kept state names the ties too: made again from the events
                db.execute(
                    "UPDATE states SET state = ? WHERE youth = ?",
                    (_json(_state_data(self._state(db, youth))), youth),
                )
        try:
            self._db.scrub(("personal", "states", "events") if changed else ("personal",))
        except StoreError as exc:
            raise StoreError(
                msg(
                    "youth {youth!r} is erased from the tables, but the old bytes are still in "
                    "the store's files: {why}; forget them again when that is mended",
                    youth=youth,
                    why=str(exc),
                )
            ) from None

    def log_access(self, viewer: str, youth: str, allowed: bool, at: dt.datetime) -> None:
        """Note in the access log that *viewer* asked to see *youth*, and whether it was
        allowed."""
        with self._transaction([youth]) as db:
            db.execute(
                "INSERT INTO access_log (at, viewer, youth, allowed) VALUES (?, ?, ?, ?)",
                (at.isoformat(), viewer, youth, 1 if allowed else 0),
            )

    def access_log(self) -> list[tuple[dt.datetime, str, str, bool]]:
        """Every access asked for: when, who, which youth, and whether it was allowed."""
        rows = self._db.execute(
            "SELECT at, viewer, youth, allowed FROM access_log ORDER BY seq"
        ).fetchall()
        return [(dt.datetime.fromisoformat(a), v, y, bool(ok)) for a, v, y, ok in rows]

    def export(self, youth: str) -> dict[str, object]:
        """Everything the store holds of *youth*, as plain JSON values: their personal data
        and their events (the right of access)."""
        data = self.personal(youth)
        return {
            "youth": youth,
            "personal": None
            if data is None
            else {
                "name": data.name,
                "date_of_birth": data.date_of_birth.isoformat(),
                "contact": data.contact,
            },
            "events": [
                {
                    "id": e.id,
                    "kind": e.kind.value,
                    "occurred": e.occurred.isoformat(),
                    "recorded_at": e.recorded_at.isoformat(),
                    "recorded_by": e.recorded_by,
                    **e.payload(),
                }
                for e in self.events(youth)
            ],
        }

    # -- reading ---------------------------------------------------------------------------

    def events(
        self, youth: str | None = None, *, groups: Iterable[str] | None = None
    ) -> list[Event]:
        """The recorded events (of *youth*, when given), in the order they were recorded.

        With *groups*, only those of youths ever in one of these groups: none at all of a
        youth who never was.
        """
        query, params = _SELECT, []
        if youth is not None:
            query += " WHERE youth = ?"
            params.append(youth)
        if groups is not None:
            scope, names = _in_groups(groups)
            query += (" AND " if youth is not None else " WHERE ") + scope
            params += names
        rows = self._db.execute(query + " ORDER BY seq", params).fetchall()
        return [_event(row) for row in rows]

    def roads(self, as_of: dt.date | None = None) -> Iterator[Road]:
        """The road of every youth (the events that occurred by *as_of*, when given), one
        youth at a time in the order of their pseudonyms, read as one snapshot.

        Made for going over a whole store: only one youth's events are held at a time, and
        attendance is read lean (see :class:`~joinus_method.tracking.events.Road`).
        """
        query = " WHERE occurred <= ?" if as_of is not None else ""
        params = (as_of.isoformat(),) if as_of is not None else ()
        rows = self._db.stream(self._roads + query + " ORDER BY youth, seq", params)
        day, statuses, kinds, restored = _date, _STATUSES, _KINDS, Event.restored
        for youth, theirs in itertools.groupby(rows, _first_column):
            name = sys.intern(youth)
            events: list[Event] = []
            attendance: list[tuple[dt.date, str, AttendanceStatus]] = []
            for _, kind, occurred, first, second, recorded_by, payload in theirs:
                if payload is None:
                    attendance.append((day(occurred), first, statuses[second]))
                else:
                    events.append(
                        restored(
                            kinds[kind],
                            name,
                            day(occurred),
                            sys.intern(recorded_by),
                            _datetime(second),
                            first,
                            _fields(payload),
                        )
                    )
            yield Road(name, tuple(events), tuple(attendance))

    def events_of_kinds(
        self, kinds: Iterable[EventKind], as_of: dt.date | None = None
    ) -> list[Event]:
        """The events of these *kinds* (that occurred by *as_of*, when given), of every youth,
        in the order they were recorded."""
        wanted = sorted(k.value for k in kinds)
        query = _SELECT + f" WHERE kind IN ({_marks(wanted)})"
        params: list[str] = list(wanted)
        if as_of is not None:
            query += " AND occurred <= ?"
            params.append(as_of.isoformat())
        return [_event(row) for row in self._db.execute(query + " ORDER BY seq", params)]

    def group_events(self, group: str) -> list[Event]:
        """The events of every youth ever waitlisted for, placed in or joined to *group*, in
        the order they were recorded."""
        query = (
            _SELECT + " WHERE youth IN (SELECT youth FROM memberships WHERE group_id = ?) "
            "ORDER BY seq"
        )
        return [_event(row) for row in self._db.execute(query, (group,))]

    def state(self, youth: str) -> YouthState:
        """Where *youth* stands now, as kept up to date event by event."""
        return self._kept_states(self._db, {youth})[youth]

    def rebuilt_state(self, youth: str) -> YouthState:
        """Where *youth* stands now, made again from all their events."""
        return self._state(self._db, youth)

    def youths(self, *, groups: Iterable[str] | None = None) -> list[str]:
        """Every youth with an event (ever in one of *groups*, when given), in the order they
        first appear."""
        query, params = "SELECT youth FROM events", list[str]()
        if groups is not None:
            scope, params = _in_groups(groups)
            query += " WHERE " + scope
        rows = self._db.execute(query + " GROUP BY youth ORDER BY MIN(seq)", params).fetchall()
        return [r[0] for r in rows]

    def in_groups(self, youth: str, groups: Iterable[str]) -> bool:
        """Whether *youth* was ever waitlisted for, placed in or joined to one of *groups*."""
        names = sorted(set(groups))
        if not names:
            return False
        row = self._db.execute(
            f"SELECT 1 FROM memberships WHERE youth = ? AND group_id IN ({_marks(names)})",
            [youth, *names],
        ).fetchone()
        return row is not None

    def stages(self, groups: Iterable[str]) -> dict[Stage, int]:
        """How many youths ever in one of *groups* stand at each stage (as kept), counted by
        the database: no youth's state leaves it."""
        scope, params = _in_groups(groups)
        rows = self._db.execute(
            f"SELECT {self._db.json_text('state', 'stage')}, COUNT(*) FROM states WHERE "
            + scope
            + " GROUP BY 1",
            params,
        ).fetchall()
        return {Stage(stage): count for stage, count in rows}

    def personal(self, youth: str, *, groups: Iterable[str] | None = None) -> PersonalData | None:
        """The personal data of *youth*, or None (never given, or forgotten; or, with
        *groups*, the youth was never in one of them)."""
        query, params = "SELECT name, born, contact FROM personal WHERE youth = ?", [youth]
        if groups is not None:
            scope, names = _in_groups(groups)
            query += " AND " + scope
            params += names
        row = self._db.execute(query, params).fetchone()
        if row is None:
            return None
        return PersonalData(youth, row[0], dt.date.fromisoformat(row[1]), row[2])

    def _known_rows(self, db: Database, ids: list[str]) -> dict[str, tuple[str, ...]]:
        """The stored rows of the events with these ids, by id."""
        rows = _rows_in(db, _SELECT + " WHERE id IN ({marks})", ids)
        return {row[0]: tuple(row) for row in rows}

    def _refuse_conflicts(
        self, db: Database, batch: list[Event], stored: dict[str, tuple[str, ...]]
    ) -> None:
        """Refuse an event whose id is already stored, or given before in *batch*, with
        other contents: a correction is a new event, never a change."""
        seen: dict[str, tuple[str, ...] | Event] = dict(stored)
        forgotten: dict[str, bool] = {}
        for event in batch:
            before = seen.setdefault(event.id, event)
            if before is event:
                continue  # the first time the id is seen: nothing to compare with
            if isinstance(before, Event):
                before = seen[event.id] = _row(before)
            row = _row(event)
            if before == row:
                continue
            if event.youth not in forgotten:
                forgotten[event.youth] = (
                    db.execute("SELECT 1 FROM forgotten WHERE youth = ?", (event.youth,)).fetchone()
                    is not None
                )
            if forgotten[event.youth] and _erased(before) == _erased(row):
                continue
            raise EventRefused(
                msg(
                    "event {id!r} is already stored with other contents: a correction is a "
                    "new event, with an id of its own",
                    id=event.id,
                ),
                event,
            )

    def _state(self, db: Database, youth: str) -> YouthState:
        born = self._born(db, youth)
        state = YouthState(youth)
        for row in db.execute(_SELECT + " WHERE youth = ? ORDER BY seq", (youth,)):
            state = apply(state, _event(row), born)
        return state

    @staticmethod
    def _born(db: Database, youth: str) -> dt.date | None:
        row = db.execute("SELECT born FROM personal WHERE youth = ?", (youth,)).fetchone()
        return dt.date.fromisoformat(row[0]) if row else None

    @staticmethod
    def _refuse_forgotten(db: Database, youth: str, event: Event | None = None) -> None:
        found = db.execute("SELECT 1 FROM forgotten WHERE youth = ?", (youth,)).fetchone()
        if found is None:
            return
        message = msg("youth {youth!r} was forgotten: nothing new is recorded", youth=youth)
        if event is None:
            raise StoreError(message)
        raise EventRefused(message, event)

    @staticmethod
    def _births(db: Database, youths: set[str]) -> dict[str, dt.date]:
        rows = _rows_in(db, "SELECT youth, born FROM personal WHERE youth IN ({marks})", youths)
        return {youth: dt.date.fromisoformat(born) for youth, born in rows}

    @staticmethod
    def _kept_states(db: Database, youths: set[str]) -> dict[str, YouthState]:
        found = {y: YouthState(y) for y in youths}
        rows = _rows_in(db, "SELECT youth, state FROM states WHERE youth IN ({marks})", youths)
        for youth, state in rows:
            found[youth] = _state_from(youth, json.loads(state))
        return found

    @staticmethod
    def _check_copy(read: Database, write: Database, counts: Mapping[str, int]) -> None:
        """Refuse a copy whose tables hold other numbers of rows than the source's, or whose
        groups of a youth differ from those their events give."""
        for table, count in counts.items():
            (there,) = read.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
            if there != count:
                raise StoreError(
                    msg(
                        "the copy of table {table} holds {count} rows, not {there}: nothing "
                        "was copied",
                        table=table,
                        count=count,
                        there=there,
                    )
                )
        given = write.execute(
            f"SELECT DISTINCT {write.json_text('payload', 'group')}, youth FROM events "
            "WHERE kind IN ('waitlisted', 'placed', 'joined')"
        ).fetchall()
        held = write.execute("SELECT group_id, youth FROM memberships").fetchall()
        if {tuple(r) for r in given} != {tuple(r) for r in held}:
            raise StoreError(
                msg("the groups of the youths in the copy are not those their events give")
            )

    def _refuse_filled(self, db: Database) -> None:
        """Refuse to copy into a store that holds anything."""
        for table in _COPIED:
            if db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
                raise StoreError(
                    msg(
                        "{path} holds a store already: copy into a new or empty one",
                        path=self.where,
                    )
                )

    @staticmethod
    def _all_kept_states(db: Database) -> Iterator[tuple[str, YouthState]]:
        for youth, state in db.execute("SELECT youth, state FROM states ORDER BY youth"):
            yield youth, _state_from(youth, json.loads(state))

    @staticmethod
    def _all_rebuilt_states(db: Database) -> Iterator[tuple[str, YouthState]]:
        """Each youth's state made again from their events, in one pass over the store."""
        births = {
            youth: dt.date.fromisoformat(born)
            for youth, born in db.execute("SELECT youth, born FROM personal")
        }
        rows = db.stream(_SELECT + " ORDER BY youth, seq")
        for youth, theirs in itertools.groupby(rows, operator.itemgetter(1)):
            state = YouthState(youth)
            born = births.get(youth)
            for row in theirs:
                state = apply(state, _event(row), born)
            yield youth, state

    def _keep_states(self, db: Database) -> None:
        """Fill the kept states from the events (when migrating to version 3)."""
        youths = [r[0] for r in db.execute("SELECT DISTINCT youth FROM events")]
        db.executemany(
            "INSERT INTO states (youth, state) VALUES (?, ?)",
            [(y, _json(_state_data(self._state(db, y)))) for y in youths],
        )


_EVENT_COLUMNS = ("id", "youth", "kind", "occurred", "recorded_at", "recorded_by", "payload")
_SELECT = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events"
_MEMBERSHIP = frozenset({EventKind.WAITLISTED, EventKind.PLACED, EventKind.JOINED})


def _roads_query(db: Database) -> str:
    """Each youth's road, lean: an attendance row gives its session UID and status in place
    of its id and time of recording, and no payload."""
    uid, status = db.json_text("payload", "session_uid"), db.json_text("payload", "status")
    return (
        "SELECT youth, kind, occurred, "
        f"CASE WHEN kind = 'attended' THEN {uid} ELSE id END, "
        f"CASE WHEN kind = 'attended' THEN {status} ELSE recorded_at END, "
        "recorded_by, CASE WHEN kind = 'attended' THEN NULL ELSE payload END FROM events"
    )


_STATUSES = {s.value: s for s in AttendanceStatus}
_KIND_TEXT = {kind: kind.value for kind in EventKind}
_first_column = operator.itemgetter(0)
_ATTENDED = EventKind.ATTENDED


def _rows_in(db: Database, query: str, keys: Iterable[str]) -> list[Any]:
    """The rows of *query*, whose ``IN ({marks})`` is filled with *keys* 512 at a time (about
    the most placeholders every SQLite takes in one statement).

    A chunk is padded to a power of two with its last key, so that a few statements serve
    every batch size and the connection's cache of prepared statements finds them again.
    """
    ordered = sorted(set(keys))
    rows: list[Any] = []
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        size = max(8, 1 << (len(chunk) - 1).bit_length())
        chunk += chunk[-1:] * (size - len(chunk))
        rows += db.execute(query.format(marks=_MARKS[size]), chunk).fetchall()
    return rows


_CHUNK = 512


def _in_groups(groups: Iterable[str]) -> tuple[str, list[str]]:
    """The condition that keeps a query to the rows of youths ever in one of *groups*, and
    its parameters (no groups: no rows)."""
    names = sorted(set(groups))
    if not names:
        return "1 = 0", []
    return f"youth IN (SELECT youth FROM memberships WHERE group_id IN ({_marks(names)}))", names


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


_MARKS = {1 << n: ", ".join("?" * (1 << n)) for n in range(3, 10)}


def _standing(
    db: Database, youths: Iterable[str]
) -> tuple[dict[str, YouthState], dict[str, dt.date], set[str]]:
    """Where each of *youths* stands, as kept; their dates of birth when known; and those of
    them who were forgotten. One statement per 170 youths."""
    ordered = sorted(youths)
    states = {y: YouthState(y) for y in ordered}
    births: dict[str, dt.date] = {}
    forgotten: set[str] = set()
    for start in range(0, len(ordered), _CHUNK // 4):
        chunk = ordered[start : start + _CHUNK // 4]
        size = max(8, 1 << (len(chunk) - 1).bit_length())
        chunk += chunk[-1:] * (size - len(chunk))
        marks = _MARKS[size]
        query = (
            f"SELECT 's', youth, state FROM states WHERE youth IN ({marks}) UNION ALL "
            f"SELECT 'b', youth, born FROM personal WHERE youth IN ({marks}) UNION ALL "
            f"SELECT 'f', youth, '' FROM forgotten WHERE youth IN ({marks})"
        )
        for what, youth, value in db.execute(query, chunk * 3):
            if what == "s":
                states[youth] = _state_from(youth, json.loads(value))
            elif what == "b":
                births[youth] = dt.date.fromisoformat(value)
            else:
                forgotten.add(youth)
    return states, births, forgotten


def _check_session(event: Event, sessions: dict[str, PlannedSession]) -> None:
    """Refuse attendance for a session the plan does not hold, of another group or day."""
    session = sessions.get(event.session_uid or "")
    if session is None or session.series.id != event.group:
        raise EventRefused(
            msg(
                "group {group!r} has no planned session {uid!r}",
                group=event.group,
                uid=event.session_uid,
            ),
            event,
        )
    if session.day != event.occurred:
        raise EventRefused(
            msg(
                "session {uid!r} is on {day}, not {other}",
                uid=event.session_uid,
                day=session.day,
                other=event.occurred,
            ),
            event,
        )


_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _rows(events: Iterable[Event]) -> list[tuple[str, ...]]:
    """The rows of *events*, as :func:`_row` makes them; the times and days many of them
    share are written out once."""
    stamps: dict[int, str] = {}  # by the identity of the time: the batch keeps it alive
    values = _PAYLOAD_VALUES
    day = _day_text
    rows: list[tuple[str, ...]] = []
    for event in events:
        at = event.recorded_at
        stamp = stamps.get(id(at))
        if stamp is None:
            stamp = stamps[id(at)] = at.isoformat()
        kind = event.kind
        rows.append(
            (
                event.id,
                event.youth,
                _KIND_TEXT[kind],
                day(event.occurred),
                stamp,
                event.recorded_by,
                _payload_text(values[kind](event)),
            )
        )
    return rows


_day_text = functools.lru_cache(maxsize=4096)(dt.date.isoformat)


def _row(event: Event) -> tuple[str, ...]:
    values = _PAYLOAD_VALUES[event.kind](event)
    return (
        event.id,
        event.youth,
        _KIND_TEXT[event.kind],
        _iso(event.occurred, None),
        _iso(event.recorded_at, event.recorded_at.utcoffset()),
        event.recorded_by,
        _payload_text(values),
    )


def _without_free_text(payload: dict[str, Any]) -> dict[str, Any]:
    """*payload* without its free text."""
    return {k: v for k, v in payload.items() if k not in FREE_TEXT}


def _erased(row: tuple[str, ...]) -> tuple[str, ...]:
    """*row* as forgetting leaves it, but for the number given to an outside label: two rows
    of a forgotten youth that agree here are the same event."""
    data = _without_free_text(json.loads(row[6]))
    if data.get("tie") == TieKind.OUTSIDE.value:
        data.pop("tie_with", None)
    return (*row[:6], _json(data))


def _payload_values(kind: EventKind) -> Callable[[Event], tuple[Any, ...]]:
    """What gives the kind and the payload fields of an event of *kind*, in one tuple."""
    names = _PAYLOAD_OF[kind]
    if not names:
        return lambda event: (event.kind,)
    return operator.attrgetter("kind", *names)


_PAYLOAD_VALUES = {kind: _payload_values(kind) for kind in EventKind}


@functools.lru_cache(maxsize=8192)
def _payload_text(values: tuple[Any, ...]) -> str:
    """The payload of an event as Event.payload() gives it, written as JSON (its enums are
    strings and its tuples arrays already); shared by the events with the same payload (an
    evening's attendance, say)."""
    names = _PAYLOAD_OF[values[0]]
    return _json(
        {
            name: value
            for name, value in zip(names, values[1:], strict=True)
            if value is not None and value != ()
        }
    )


@functools.lru_cache(maxsize=4096)
def _iso(value: dt.date, offset: dt.timedelta | None) -> str:
    # Keyed by the offset too: equal times in other zones are written differently.
    return value.isoformat()


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@functools.lru_cache(maxsize=4096)
def _datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@functools.lru_cache(maxsize=65536)
def _fields(text: str) -> dict[str, Any]:
    # Shared by the events with the same payload (a session's attendance, say): read only.
    found = fields_of(json.loads(text))
    for key in ("group", "session_uid", "rater"):
        if key in found:
            found[key] = sys.intern(found[key])
    return found


def _event(row: Sequence[str]) -> Event:
    """The event of a stored row; dates, times, names and payloads that many events share
    are made once, so that reading a large store back stays small."""
    event_id, youth, kind, occurred, recorded_at, recorded_by, payload = row
    return Event.restored(
        _KINDS[kind],
        sys.intern(youth),
        _date(occurred),
        sys.intern(recorded_by),
        _datetime(recorded_at),
        event_id,
        _fields(payload),
    )


_KINDS = {kind.value: kind for kind in EventKind}


def _state_data(state: YouthState) -> dict[str, object]:
    return {
        "stage": state.stage.value,
        "group": state.group,
        "member_since": state.member_since.isoformat() if state.member_since else None,
        "consent": state.consent.value if state.consent else None,
        "challenges": {k: v.value for k, v in state.challenges.items()},
        "ties": sorted(state.ties),
        "events": state.events,
    }


def _state_from(youth: str, data: dict[str, Any]) -> YouthState:
    since = data["member_since"]
    return YouthState(
        youth,
        Stage(data["stage"]),
        data["group"],
        dt.date.fromisoformat(since) if since else None,
        ConsentBy(data["consent"]) if data["consent"] else None,
        {k: EventKind(v) for k, v in data["challenges"].items()},
        frozenset(data["ties"]),
        data["events"],
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
