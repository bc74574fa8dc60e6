"""Who may see what, the access log, and a youth's own data: on SQLite and on PostgreSQL."""

from __future__ import annotations

import collections
import datetime as dt
import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinus_method.errors import UnknownId
from joinus_method.model.people import Organisation, OrganisationKind
from joinus_method.model.youths import PersonalData
from joinus_method.tracking.events import EventKind
from joinus_method.tracking.journey import Stage
from joinus_method.tracking.store import open_store
from joinus_method.tracking.views import (
    COUNTS,
    LIST,
    AccessDenied,
    View,
    coach_scope,
    municipality_scope,
    organisation_scope,
    worker_scope,
)
from tests.seed import NOORDWIJK
from tests.tracking.roads import event, member

OLDER, YOUNGER = (g.id for g in NOORDWIJK.groups)
NOON = dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC)


def road(youth: str, group: str) -> list:
    return [e if e.group is None else attrs.evolve(e, group=group) for e in member(youth)]


@pytest.fixture
def store(address: str):
    with open_store(address) as opened:
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


# Two welfare organisations share the programme: the older group's workers are employed by
# one, the younger group's by the other; the foundation follows the results.
TWO = attrs.evolve(
    NOORDWIJK,
    organisations=(
        *NOORDWIJK.organisations,
        Organisation("welzijn-katwijk", "Welzijn Katwijk", OrganisationKind.WELFARE),
    ),
    workers=tuple(
        attrs.evolve(w, organisation="welzijn-katwijk")
        if w.id in NOORDWIJK.group(YOUNGER).workers
        else w
        for w in NOORDWIJK.workers
    ),
)


def test_two_organisations_in_one_database_see_only_their_own_youths(store) -> None:
    first = View(store, organisation_scope(TWO, "welzijnskwartier"), lambda: NOON)
    second = View(store, organisation_scope(TWO, "welzijn-katwijk"), lambda: NOON)
    assert first.youths() == [f"y-oud-{n}" for n in range(6)]
    assert second.youths() == ["y-jong"]
    assert second.personal("y-jong") == PersonalData("y-jong", "Mila de Wit", dt.date(2008, 3, 1))
    assert [e.youth for e in second.journey("y-jong")] == ["y-jong"] * len(member())
    for view, other in ((first, "y-jong"), (second, "y-oud-3")):
        with pytest.raises(AccessDenied, match="may not see youth"):
            view.journey(other)
        with pytest.raises(AccessDenied):
            view.personal(other)
    assert (NOON, "welzijn-katwijk", "y-oud-3", False) in store.access_log()
    # The queries themselves hold the scope: out of it, they find no rows at all.
    mine = organisation_scope(TWO, "welzijn-katwijk").groups
    assert store.events("y-oud-3", groups=mine) == []
    assert (
        store.personal("y-jong", groups=organisation_scope(TWO, "welzijnskwartier").groups) is None
    )
    assert store.stages(mine) == {Stage.MEMBER: 1}


def test_the_foundation_sees_aggregates_over_every_group_only(store) -> None:
    foundation = View(store, organisation_scope(TWO, "stichting-join-us"), lambda: NOON)
    assert foundation.youths() == []
    with pytest.raises(AccessDenied):
        foundation.journey("y-oud-0")
    with pytest.raises(AccessDenied):
        foundation.personal("y-jong")
    counts = foundation.counts()
    assert counts["member"] == 7
    assert set(counts.values()) <= {7, None}
    with pytest.raises(UnknownId):
        organisation_scope(TWO, "niemand")


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    placed=st.lists(
        st.sampled_from(GROUPS := ("groep-a", "groep-b", "groep-c")), min_size=1, max_size=8
    ),
    moved=st.sets(st.integers(0, 7)),
    scope=st.sets(st.sampled_from(GROUPS)),
)
def test_a_scoped_query_finds_what_filtering_every_event_finds(
    address: str, placed: list[str], moved: set[int], scope: set[str]
) -> None:
    """The store's scoped queries keep the rows of the youths ever in a group of the scope:
    the same youths, events, personal data and counts as reading everything and filtering
    by the groups of each youth's events. Some youths move to a second group."""
    with open_store(address) as store:
        for n, group in enumerate(placed):
            youth = f"y-s{n}-{len(store.youths())}"
            road = [e if e.group is None else attrs.evolve(e, group=group) for e in member(youth)]
            store.record(road)
            store.set_personal(PersonalData(youth, f"Naam {n}", dt.date(2004, 1, 1)))
            if n in moved:
                after = GROUPS[(GROUPS.index(group) + 1) % len(GROUPS)]
                store.record(
                    [
                        event(EventKind.LEFT, youth, group=group),
                        event(EventKind.PLACED, youth, group=after),
                    ]
                )
        every = store.youths()
        groups_of = {y: {e.group for e in store.events(y)} - {None} for y in every}
        inside = [y for y in every if groups_of[y] & scope]
        assert store.youths(groups=scope) == inside
        for youth in every:
            assert store.in_groups(youth, scope) == (youth in inside)
            assert store.events(youth, groups=scope) == (
                store.events(youth) if youth in inside else []
            )
            assert (store.personal(youth, groups=scope) is not None) == (youth in inside)
        stages = collections.Counter(store.state(y).stage for y in inside)
        assert store.stages(scope) == dict(stages)
        if not inside:
            assert store.events(groups=scope) == []
