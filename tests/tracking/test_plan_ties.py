"""The tracker tied to the plan: attendance at planned sessions only, and each evening's
agenda of personal moments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from joinus_method.errors import UnknownId
from joinus_method.planning.schedule import plan_program
from joinus_method.tracking.agenda import agenda, memberships, session_on
from joinus_method.tracking.events import AttendanceStatus, EventKind
from joinus_method.tracking.journey import EventRefused
from joinus_method.tracking.store import open_store
from tests.seed import CURRICULA, FRAMEWORK, NOORDWIJK
from tests.tracking.roads import GROUP, event, member

PLAN = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2023, 12, 31))
EVENINGS = PLAN.plan(GROUP)
FIRST, SECOND, THIRD = EVENINGS.sessions[:3]


def attendance(youth: str, session_uid: str, day: dt.date, group: str = GROUP):
    return event(
        EventKind.ATTENDED,
        youth,
        day,
        group=group,
        session_uid=session_uid,
        status=AttendanceStatus.PRESENT,
    )


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "store.sqlite") as opened:
        opened.record(member())
        yield opened


def test_attendance_at_a_planned_session(store) -> None:
    assert store.record(attendance("y-abc", SECOND.uid, SECOND.day), plan=PLAN) == 1


@pytest.mark.parametrize(
    ("uid", "day", "group", "message"),
    [
        ("no-such-session", dt.date(2021, 5, 25), GROUP, "has no planned session"),
        (SECOND.uid, dt.date(2021, 5, 26), GROUP, "is on 2021-05-25, not 2021-05-26"),
    ],
    ids=["unknown-session", "wrong-day"],
)
def test_attendance_the_plan_does_not_hold_is_refused(
    store, uid: str, day: dt.date, group: str, message: str
) -> None:
    with pytest.raises(EventRefused, match=message):
        store.record(attendance("y-abc", uid, day, group), plan=PLAN)
    assert len(store.events()) == len(member())


def test_attendance_before_joining_is_refused(tmp_path: Path) -> None:
    """A youth who joined on the second evening was not a member on the first."""
    road = member()
    road[-1] = event(EventKind.JOINED, "y-abc", SECOND.day, group=GROUP)
    with open_store(tmp_path / "s.sqlite") as store:
        store.record(road)
        with pytest.raises(EventRefused, match="joined group 'groep-18-25-x-out' on 2021-05-25"):
            store.record(attendance("y-abc", FIRST.uid, FIRST.day), plan=PLAN)


def test_a_session_by_group_and_date() -> None:
    probe = attendance("y-abc", FIRST.uid, FIRST.day)
    assert session_on(EVENINGS, SECOND.day, probe) == SECOND
    with pytest.raises(EventRefused, match="does not meet on 2021-05-12"):
        session_on(EVENINGS, dt.date(2021, 5, 12), probe)


class TestAgenda:
    """Who joins, is evaluated and leaves on an evening, from the store's memberships."""

    def road(self, youth: str, joined: dt.date, left: dt.date | None = None) -> list:
        events = member(youth)
        events[-1] = event(EventKind.JOINED, youth, joined, group=GROUP)
        if left is not None:
            events.append(event(EventKind.LEFT, youth, left, group=GROUP))
        return events

    def test_the_moments_of_the_evenings(self) -> None:
        events = [
            *self.road("y-a", FIRST.day),
            *self.road("y-b", THIRD.day, left=dt.date(2021, 12, 1)),
        ]
        assert [(m.youth, m.joined, m.left) for m in memberships(events)] == [
            ("y-a", FIRST.day, None),
            ("y-b", THIRD.day, dt.date(2021, 12, 1)),
        ]
        first = agenda(EVENINGS, FIRST.uid, events, FRAMEWORK)
        assert (first.joins, first.evaluations, first.leaves) == (("y-a",), (), ())
        third = agenda(EVENINGS, THIRD.uid, events, FRAMEWORK)
        assert third.joins == ("y-b",)
        last_of_b = [s for s in EVENINGS.sessions if s.day < dt.date(2021, 12, 1)][-1]
        assert agenda(EVENINGS, last_of_b.uid, events, FRAMEWORK).leaves == ("y-b",)
        due = FIRST.day + dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
        evaluated = next(s for s in EVENINGS.sessions if s.day >= due)
        assert "y-a" in agenda(EVENINGS, evaluated.uid, events, FRAMEWORK).evaluations

    def test_an_unknown_session(self) -> None:
        with pytest.raises(UnknownId):
            agenda(EVENINGS, "nope", [], FRAMEWORK)
