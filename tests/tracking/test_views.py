"""Who may see what, the access log, and a youth's own data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from joinus_method.errors import UnknownId
from joinus_method.model.people import PersonalData
from joinus_method.tracking.events import EventKind
from joinus_method.tracking.store import open_store
from joinus_method.tracking.views import (
    COUNTS,
    LIST,
    AccessDenied,
    View,
    coach_scope,
    municipality_scope,
    worker_scope,
)
from tests.seed import NOORDWIJK
from tests.tracking.roads import event, member

OLDER, YOUNGER = (g.id for g in NOORDWIJK.groups)
NOON = dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC)


def road(youth: str, group: str) -> list:
    return [e if e.group is None else attrs.evolve(e, group=group) for e in member(youth)]


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "store.sqlite") as opened:
        for n in range(6):
            opened.record(road(f"y-oud-{n}", OLDER))
        opened.record(road("y-jong", YOUNGER))
        opened.set_personal(PersonalData("y-jong", "Mila de Wit", dt.date(2008, 3, 1)))
        yield opened


def test_a_worker_sees_their_own_groups_only(store) -> None:
    daan = View(store, worker_scope(NOORDWIJK, "daan-kuijpers"), lambda: NOON)
    assert sorted(daan.youths()) == [f"y-oud-{n}" for n in range(6)]
    assert daan.journey("y-oud-0")[-1].kind is EventKind.JOINED
    with pytest.raises(AccessDenied, match="'daan-kuijpers' may not see youth 'y-jong'"):
        daan.journey("y-jong")
    with pytest.raises(AccessDenied):
        daan.personal("y-jong")
    assert store.access_log() == [
        (NOON, "daan-kuijpers", LIST, True),
        (NOON, "daan-kuijpers", "y-oud-0", True),
        (NOON, "daan-kuijpers", "y-jong", False),
        (NOON, "daan-kuijpers", "y-jong", False),
    ]


def test_a_coach_sees_the_groups_of_the_workers_they_trained(store) -> None:
    coach = View(store, coach_scope(NOORDWIJK, "marieke-verhoef"), lambda: NOON)
    assert len(coach.youths()) == 7
    assert coach.personal("y-jong") == PersonalData("y-jong", "Mila de Wit", dt.date(2008, 3, 1))
    other = attrs.evolve(NOORDWIJK, trainings=())
    with pytest.raises(AccessDenied):
        View(store, coach_scope(other, "marieke-verhoef"), lambda: NOON).journey("y-jong")


def test_a_municipality_sees_aggregates_only(store) -> None:
    town = View(store, municipality_scope(NOORDWIJK, "noordwijk"), lambda: NOON)
    assert town.youths() == []
    with pytest.raises(AccessDenied):
        town.journey("y-oud-0")
    counts = town.counts()
    assert [(v, y, ok) for _, v, y, ok in store.access_log()][-1] == ("noordwijk", COUNTS, True)
    assert ("noordwijk", LIST, False) in [(v, y, ok) for _, v, y, ok in store.access_log()]
    assert counts["member"] == 7
    assert counts["waiting"] is None  # 0: under five, suppressed
    assert set(counts.values()) <= {7, None}


def test_a_count_under_five_is_suppressed(store) -> None:
    daan = View(store, worker_scope(NOORDWIJK, "daan-kuijpers"), lambda: NOON)
    store.record(event(EventKind.LEFT, "y-oud-0", group=OLDER))
    counts = daan.counts()
    assert (counts["member"], counts["out-of-group"]) == (5, None)


def test_unknown_viewers_are_refused() -> None:
    with pytest.raises(UnknownId):
        worker_scope(NOORDWIJK, "niemand")
    with pytest.raises(UnknownId):
        coach_scope(NOORDWIJK, "niemand")


def test_a_youth_s_own_data_as_json(store) -> None:
    """The right of access: everything held of a youth, as JSON."""
    exported = store.export("y-jong")
    text = json.dumps(exported, ensure_ascii=False)
    assert json.loads(text) == exported
    assert exported["personal"] == {
        "name": "Mila de Wit",
        "date_of_birth": "2008-03-01",
        "contact": "",
    }
    assert [e["kind"] for e in exported["events"]] == [e.kind.value for e in store.events("y-jong")]
    assert exported["events"][2]["note"] == "Vindt muziek fijn."
    store.forget("y-jong")
    after = store.export("y-jong")
    assert after["personal"] is None
    assert "note" not in after["events"][2]
