"""The store, on SQLite and on PostgreSQL: whole batches or nothing, each event once, private,
forgetting for real."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import stat
import urllib.parse
from pathlib import Path

import pytest

from joinus_method.model.youths import PersonalData
from joinus_method.tracking.events import AttendanceStatus, ConsentBy, EventKind, TieKind
from joinus_method.tracking.journey import EventRefused, Stage, replay
from joinus_method.tracking.store import SCHEMA_VERSION, StoreError, open_store
from tests.backends import fresh_address, held_bytes, stored
from tests.tracking.roads import GROUP, attended, event, leaving, member

NAME = "Sanne Verbeek-Oudshoorn"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "jongeren.sqlite"


def test_made_readable_by_its_owner_only(path: Path) -> None:
    """The store and its WAL and shared-memory files are private, whatever the umask."""
    umask = os.umask(0o022)
    try:
        with open_store(path) as store:
            store.record(member())
            for suffix in ("", "-wal", "-shm"):
                mode = stat.S_IMODE(os.stat(f"{path}{suffix}").st_mode)
                assert mode == 0o600, (suffix, oct(mode))
    finally:
        os.umask(umask)


def test_recorded_and_read_back_after_reopening(address: str) -> None:
    road = [*member(), attended(), *leaving()]
    with open_store(address) as store:
        assert store.record(road[:3]) == 3
        for e in road[3:]:
            assert store.record(e) == 1
    with open_store(address) as store:
        assert store.events() == road
        assert store.events("y-abc") == road
        assert store.youths() == ["y-abc"]
        assert store.state("y-abc").stage is Stage.FOLLOWED_UP
        assert store.version == SCHEMA_VERSION


def test_the_same_events_imported_twice_are_stored_once(address: str) -> None:
    road = [*member(), attended()]
    with open_store(address) as store:
        assert store.record(road) == len(road)
        assert store.record(road) == 0
        assert store.record([*road, attended()]) == 1
        assert len(store.events()) == len(road) + 1


def test_a_refused_event_leaves_the_store_byte_for_byte(address: str) -> None:
    """A batch with one refused event is refused whole: the files do not change at all."""
    with open_store(address) as store:
        store.record(member())
        before = stored(address)
        bad = [attended(), event(EventKind.JOINED, group=GROUP), attended()]
        with pytest.raises(EventRefused, match="cannot follow"):
            store.record(bad)
        assert stored(address) == before
        assert len(store.events()) == len(member())


def test_rebuilt_state_equals_the_state_kept_up_to_date(address: str) -> None:
    """The state made from all events at once equals the one made event by event."""
    roads = {y: [*member(y), attended(y)] for y in ("y-a", "y-b", "y-c")}
    with open_store(address) as store:
        for step in range(len(roads["y-a"])):
            store.record([road[step] for road in roads.values()])
        rebuilt = replay(store.events())
        assert {y: store.state(y) for y in roads} == rebuilt
        assert {y: store.rebuilt_state(y) for y in roads} == rebuilt
        assert store.state("y-a").stage is Stage.MEMBER


def test_under_16_without_a_parent_s_consent_nothing_is_stored(address: str) -> None:
    with open_store(address) as store:
        store.set_personal(PersonalData("y-abc", NAME, dt.date(2007, 1, 1)))
        store.record(member(consent=ConsentBy.YOUTH))
        before = stored(address)
        with pytest.raises(EventRefused, match="under 16"):
            store.record(attended())
        assert stored(address) == before


def test_forgetting_leaves_no_trace_of_the_name(address: str) -> None:
    """After forget, the name and the free text are in none of the store's files; the
    pseudonymous road stays."""
    with open_store(address) as store:
        store.set_personal(PersonalData("y-abc", NAME, dt.date(2003, 1, 1), "06-12345678"))
        store.record([*member(), attended(status=AttendanceStatus.LATE)])
        assert any(NAME.encode() in data for data in held_bytes(address).values())
        store.forget("y-abc")
        for suffix, data in held_bytes(address).items():
            for secret in (NAME, "06-12345678", "Vindt muziek fijn."):
                assert secret.encode() not in data, (suffix, secret)
        assert store.personal("y-abc") is None
        assert store.state("y-abc").stage is Stage.MEMBER
        assert len(store.events("y-abc")) == len(member()) + 1


def test_an_older_store_is_migrated(address: str) -> None:
    """A store written by the first schema opens, is brought to the current version, and
    keeps each youth's state and the groups they were in from the events it already held."""
    from joinus_method.tracking.store import _MIGRATIONS, _database, _rows, _statements

    db = _database(address)
    words = {"sequence": db.sequence, "payload_group": db.json_text("payload", "group")}
    with db.transaction():
        for statement in _statements(_MIGRATIONS[0].format(**words)):
            db.execute(statement)
        db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
        db.executemany(
            "INSERT INTO events (id, youth, kind, occurred, recorded_at, recorded_by, payload) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            _rows([*member("y-oud"), *member("y-nieuw")[:2]]),
        )
    db.close()
    with open_store(address) as store:
        assert store.version == SCHEMA_VERSION == 5
        assert store.state("y-oud").stage is Stage.MEMBER
        assert store.state("y-oud") == store.rebuilt_state("y-oud")
        assert store.state("y-nieuw") == store.rebuilt_state("y-nieuw")
        assert store.youths(groups=[GROUP]) == ["y-oud"]
        assert store.youths(groups=["een-andere-groep"]) == []


def test_a_store_from_a_newer_joinus_is_refused(address: str) -> None:
    from joinus_method.tracking.store import _database

    with open_store(address):
        pass
    db = _database(address)
    with db.transaction():
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(StoreError, match="written by a newer joinus"):
        open_store(address)


def test_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notities.sqlite"
    path.write_bytes(b"Dit is geen database, maar een boodschappenlijst.\n" * 200)
    with pytest.raises(StoreError, match="is not a store"):
        open_store(path)


def test_nothing_new_of_a_youth_who_was_forgotten(address: str) -> None:
    """After forget, no event and no personal data of the youth is taken any more: the
    under-16 rule cannot be lost with the date of birth."""
    with open_store(address) as store:
        store.set_personal(PersonalData("y-abc", NAME, dt.date(2007, 1, 1)))
        store.record(member(consent=ConsentBy.PARENT))
        store.forget("y-abc")
        with pytest.raises(EventRefused, match="was forgotten"):
            store.record(attended())
        with pytest.raises(StoreError, match="was forgotten"):
            store.set_personal(PersonalData("y-abc", NAME, dt.date(2007, 1, 1)))


def test_a_date_of_birth_that_would_make_stored_progress_unlawful(address: str) -> None:
    """Progress stored with a youth's own consent stays lawful: a date of birth that makes
    them under 16 then is refused, and the kept state still equals the rebuilt one."""
    with open_store(address) as store:
        store.record([*member(consent=ConsentBy.YOUTH), attended()])
        with pytest.raises(EventRefused, match="under 16"):
            store.set_personal(PersonalData("y-abc", NAME, dt.date(2007, 1, 1)))
        assert store.personal("y-abc") is None
        assert store.state("y-abc") == store.rebuilt_state("y-abc")
        store.set_personal(PersonalData("y-abc", NAME, dt.date(2001, 1, 1)))


def test_an_id_stored_with_other_contents_is_refused(address: str) -> None:
    """The same id with other contents is not the same event: refused, nothing stored; the
    very same event again is skipped, also after the youth's free text was forgotten."""
    import attrs

    road = member()
    with open_store(address) as store:
        store.record(road)
        before = stored(address)
        changed = attrs.evolve(road[-1], occurred=dt.date(2021, 5, 25))
        with pytest.raises(EventRefused, match="already stored with other contents"):
            store.record([attended(), changed])
        assert stored(address) == before
        twice = attended()
        with pytest.raises(EventRefused, match="already stored with other contents"):
            store.record([twice, attrs.evolve(twice, status=AttendanceStatus.LATE)])
        store.forget("y-abc")
        assert store.record(road) == 0


def test_forgetting_erases_the_labels_of_ties_outside_the_group(address: str) -> None:
    """A label for someone outside the group can name a person: forgetting numbers them,
    the ties stay, and a second import of the same events still stores nothing new."""
    road = [
        *member(),
        event(EventKind.TIE_MADE, tie_with="tante Ria", tie=TieKind.OUTSIDE),
        event(EventKind.TIE_MADE, tie_with="buurjongen Sem", tie=TieKind.OUTSIDE),
        event(EventKind.TIE_ENDED, tie_with="tante Ria", tie=TieKind.OUTSIDE),
    ]
    with open_store(address) as store:
        store.record(road)
        store.forget("y-abc")
        for suffix, data in held_bytes(address).items():
            for secret in ("tante Ria", "buurjongen Sem"):
                assert secret.encode() not in data, (suffix, secret)
        assert store.state("y-abc").ties == frozenset({"outside-2"})
        assert store.state("y-abc") == store.rebuilt_state("y-abc")
        assert store.record(road) == 0


def test_roads_read_side_by_side_and_while_writing(address: str) -> None:
    """Two reads of every road at once, and a write between the roads of one of them: each
    read is one snapshot, as it was when it began."""
    with open_store(address) as store:
        for youth in ("y-a", "y-b", "y-c"):
            store.record(member(youth))
        first, second = store.roads(), store.roads()
        pairs = []
        for one, other in zip(first, second, strict=True):
            pairs.append((one.youth, other.youth))
            if one.youth == "y-a":
                store.record(member("y-d"))
        assert pairs == [("y-a", "y-a"), ("y-b", "y-b"), ("y-c", "y-c")]
        assert [road.youth for road in store.roads()] == ["y-a", "y-b", "y-c", "y-d"]


def test_forgetting_while_another_program_reads_says_so_and_can_be_done_again(
    address: str,
) -> None:
    """A program that keeps reading the store holds the old bytes in place: forget erases the
    rows, says the bytes are still there, and clears them when asked again later."""
    with open_store(address) as store:
        store.set_personal(PersonalData("y-abc", NAME, dt.date(2003, 1, 1)))
        store.record([*member(), *member("y-def"), *member("y-ghi")])
        with open_store(address) as other:
            reading = other.roads()  # read half-way: one youth of three
            next(reading)
            with pytest.raises(StoreError, match="still in the store's files"):
                store.forget("y-abc")
            assert store.personal("y-abc") is None
            reading.close()
        store.forget("y-abc")
        for where, data in held_bytes(address).items():
            assert NAME.encode() not in data, where


def test_forgetting_on_a_server_needs_the_login_that_owns_the_tables(tmp_path: Path) -> None:
    """Only the tables' owner can rewrite them: another login erases the rows and is told
    that the bytes stay (PostgreSQL itself would skip the rewrite with a mere warning)."""
    import psycopg

    with fresh_address("postgresql", tmp_path) as address:
        with open_store(address) as store:
            store.set_personal(PersonalData("y-abc", NAME, dt.date(2003, 1, 1)))
            store.record(member())
        role = f"werker_{os.getpid()}_{secrets.token_hex(3)}"
        schema = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(address).query))["options"]
        schema = schema.removeprefix("-csearch_path=")
        with psycopg.connect(address, autocommit=True) as db:
            db.execute(f"CREATE ROLE {role} LOGIN")
            db.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
            db.execute(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}"
            )
        try:
            with open_store(address.replace("postgres@", f"{role}@", 1)) as store:
                with pytest.raises(StoreError, match="does not own the tables"):
                    store.forget("y-abc")
                assert store.personal("y-abc") is None
        finally:
            with psycopg.connect(address, autocommit=True) as db:
                db.execute(f"DROP OWNED BY {role}")
                db.execute(f"DROP ROLE {role}")


@pytest.mark.parametrize(
    ("address", "seen"),
    [
        ("postgresql://werker:geheim@db.example.nl/jw", "postgresql://werker:***@db.example.nl/jw"),
        (
            "postgresql://db.example.nl/jw?user=werker&password=geheim&sslmode=verify-full",
            "postgresql://db.example.nl/jw?user=werker&password=***&sslmode=verify-full",
        ),
        ("postgresql://werker@/jw?host=%2Ftmp", "postgresql://werker@/jw?host=%2Ftmp"),
        ("jongeren.sqlite", "jongeren.sqlite"),
    ],
)
def test_a_password_is_never_shown(address: str, seen: str) -> None:
    from joinus_method.tracking.database import secrets_in, shown

    assert shown(address) == seen
    assert "geheim" not in shown(address)
    if "geheim" in address:
        assert "geheim" in secrets_in(address)


def test_a_password_in_a_server_s_error_is_not_shown() -> None:
    """libpq quotes a malformed part of an address in its error: the password is hidden."""
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://werker:ge%heim@localhost:1/jw")
    assert "ge%heim" not in str(caught.value)
    assert "***" in str(caught.value)
