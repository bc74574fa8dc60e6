"""The API for embedding: a store read one youth at a time gives what the events give."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinus_method.errors import UnknownId
from joinus_method.planning.schedule import plan_program
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    IntakeOutcome,
    SignalSource,
    TieKind,
    roads_of,
)
from joinus_method.tracking.journey import EventRefused
from joinus_method.tracking.progress import progress_of_all
from joinus_method.tracking.signals import signals
from joinus_method.tracking.store import Store, open_store
from joinus_method.tracking.tracker import Tracker
from tests.backends import BACKENDS, fresh_address
from tests.seed import CURRICULA, FRAMEWORK, NOORDWIJK
from tests.tracking.roads import event

PLAN = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2023, 12, 31))
GROUPS = [g.id for g in NOORDWIJK.groups]
DOMAINS = [d.id for d in FRAMEWORK.domains]
ANSWERS = ("ja", "min-of-meer", "nee")


def road(
    youth: str,
    group: str,
    joined_at: int,
    statuses: list[AttendanceStatus | None],
    levels: list[int],
    left_after: int | None,
    peer: str | None,
) -> list[Event]:
    """*youth*'s road in *group*: joined at its *joined_at*-th session, then attendance
    (None: not recorded), an assessment every fourth session, a tie with *peer*, and leaving
    after *left_after* sessions."""
    sessions = PLAN.plan(group).sessions[joined_at:]
    first = sessions[0].day
    before = first - dt.timedelta(weeks=1)
    out = [
        event(EventKind.SIGNALLED, youth, before, source=SignalSource.GP),
        event(EventKind.REGISTERED, youth, before),
        event(EventKind.INTAKE_HELD, youth, before, outcome=IntakeOutcome.SUITABLE),
        event(EventKind.CONSENT_GIVEN, youth, before, by=ConsentBy.PARENT),
        event(EventKind.PLACED, youth, before, group=group),
        event(EventKind.JOINED, youth, first, group=group),
    ]
    stay = sessions if left_after is None else sessions[:left_after]
    for k, (session, status) in enumerate(zip(stay, statuses, strict=False)):
        if status is not None:
            out.append(
                event(
                    EventKind.ATTENDED,
                    youth,
                    session.day,
                    group=group,
                    session_uid=session.uid,
                    status=status,
                )
            )
        if k % 4 == 0 and k // 4 < len(levels):
            level = levels[k // 4]
            out.append(
                event(
                    EventKind.ASSESSED,
                    youth,
                    session.day,
                    rater="daan-kuijpers",
                    levels=tuple((d, 1 + (level + i) % 5) for i, d in enumerate(DOMAINS)),
                    answers=(("djg-6", tuple((i, ANSWERS[(level + i) % 3]) for i in range(1, 7))),),
                )
            )
        if k == 2 and peer is not None:
            out.append(
                event(EventKind.TIE_MADE, youth, session.day, tie_with=peer, tie=TieKind.PEER)
            )
    if left_after is not None and left_after < len(sessions):
        out.append(event(EventKind.LEFT, youth, sessions[left_after].day, group=group))
    return out


@st.composite
def years(draw: st.DrawFn) -> list[list[Event]]:
    """A few youths' roads in the seed program's groups."""
    count = draw(st.integers(1, 7))
    out = []
    for n in range(count):
        group = draw(st.sampled_from(GROUPS))
        out.append(
            road(
                f"y-{n:02d}",
                group,
                draw(st.integers(0, 6)),
                draw(st.lists(st.none() | st.sampled_from(AttendanceStatus), max_size=20)),
                draw(st.lists(st.integers(0, 9), max_size=5)),
                draw(st.none() | st.integers(1, 18)),
                draw(
                    st.none() | st.sampled_from([f"y-{m:02d}" for m in range(count + 1) if m != n])
                ),
            )
        )
    return out


class Stores:
    """New stores of one database, each removed at the end of the test."""

    def __init__(self, backend: str, folder: Stores) -> None:
        self.backend, self.folder = backend, folder
        self.made = contextlib.ExitStack()

    def new(self) -> Store:
        return open_store(self.made.enter_context(fresh_address(self.backend, self.folder)))


@pytest.fixture(params=BACKENDS)
def folder(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stores]:
    stores = Stores(request.param, tmp_path)
    with stores.made:
        yield stores


def stored(folder: Stores, roads: list[list[Event]]) -> Store:
    store = folder.new()
    for batch in roads:
        store.record(batch, plan=PLAN)
    return store


AS_OF = st.dates(dt.date(2021, 4, 1), dt.date(2022, 9, 1))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(years(), AS_OF)
def test_the_store_s_roads_are_the_events_youth_by_youth(
    folder: Stores, year: list[list[Event]], as_of: dt.date
) -> None:
    with stored(folder, year) as store:
        events = store.events()
        assert list(store.roads()) == sorted(roads_of(events), key=lambda r: r.youth)
        by_then = [e for e in events if e.occurred <= as_of]
        assert list(store.roads(as_of)) == sorted(roads_of(by_then), key=lambda r: r.youth)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(years(), AS_OF)
def test_the_overview_is_the_signals_and_progress_of_all_events(
    folder: Stores, year: list[list[Event]], as_of: dt.date
) -> None:
    with stored(folder, year) as store:
        tracker = Tracker(store, NOORDWIJK, PLAN, FRAMEWORK)
        overview = tracker.overview(as_of)
        events = store.events()
        expected = signals(events, NOORDWIJK, PLAN, FRAMEWORK, as_of)
        assert list(overview.signals) == expected
        assert tracker.signals(as_of) == expected
        assert dict(overview.progress) == progress_of_all(events, FRAMEWORK, as_of)
        for youth, found in overview.progress.items():
            assert tracker.progress(youth, as_of) == found


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(years(), AS_OF)
def test_roster_and_attendance_grid(
    folder: Stores, year: list[list[Event]], as_of: dt.date
) -> None:
    with stored(folder, year) as store:
        tracker = Tracker(store, NOORDWIJK, PLAN, FRAMEWORK)
        events = store.events()
        for group in GROUPS:
            joined = {
                e.youth: e.occurred
                for e in events
                if e.kind is EventKind.JOINED and e.group == group
            }
            left = {
                e.youth: e.occurred for e in events if e.kind is EventKind.LEFT and e.group == group
            }
            roster = {m.youth for m in tracker.roster(group, as_of)}
            assert roster == {
                y
                for y, day in joined.items()
                if day <= as_of and (y not in left or as_of < left[y])
            }
            grid = tracker.attendance_grid(group, as_of)
            assert all(s.day <= as_of for s in grid.sessions)
            for youth in grid.youths:
                for session, cell in zip(grid.sessions, grid.row(youth), strict=True):
                    member = joined[youth] <= session.day and (
                        youth not in left or session.day < left[youth]
                    )
                    records = [
                        e.status
                        for e in events
                        if e.kind is EventKind.ATTENDED
                        and e.youth == youth
                        and e.session_uid == session.uid
                    ]
                    if not member:
                        assert cell is False
                    else:
                        assert cell == (records[-1] if records else None)


def test_an_evening_s_agenda_welcomes_who_joins(folder: Stores) -> None:
    group = GROUPS[0]
    with stored(folder, [road("y-01", group, 2, [], [], None, None)]) as store:
        tracker = Tracker(store, NOORDWIJK, PLAN, FRAMEWORK)
        evening = PLAN.plan(group).sessions[2]
        agenda = tracker.agenda(evening.uid)
        assert agenda.session == evening
        assert agenda.joins == ("y-01",)
        with pytest.raises(UnknownId):
            tracker.agenda("no-such-session")


def test_recording_through_the_tracker_checks_the_plan(folder: Stores) -> None:
    group = GROUPS[0]
    with stored(folder, [road("y-01", group, 0, [], [], None, None)]) as store:
        tracker = Tracker(store, NOORDWIJK, PLAN, FRAMEWORK)
        wrong = event(
            EventKind.ATTENDED,
            "y-01",
            PLAN.plan(group).sessions[1].day,
            group=group,
            session_uid=PLAN.plan(GROUPS[1]).sessions[1].uid,
            status=AttendanceStatus.PRESENT,
        )
        with pytest.raises(EventRefused):
            tracker.record(wrong)
        assert tracker.journey("y-01") == store.events("y-01")
        with pytest.raises(UnknownId):
            tracker.roster("no-such-group", dt.date(2021, 6, 1))
