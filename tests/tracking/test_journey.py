"""A youth's road: which event may follow which, and the consent progress records need."""

from __future__ import annotations

import datetime as dt

import pytest

from joinus_method.errors import InvalidValue
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    EventKind,
    IntakeOutcome,
    SignalSource,
)
from joinus_method.tracking.journey import EventRefused, Stage, YouthState, apply, replay
from tests.tracking.roads import GROUP, attended, event, leaving, member, tie


def test_a_whole_road() -> None:
    """Signalled to followed up, with attendance, a challenge and a tie on the way."""
    road = [
        *member(),
        attended(),
        event(EventKind.CHALLENGE_SET, challenge="iemand-aanspreken", note="Op school."),
        event(EventKind.CHALLENGE_TRIED, challenge="iemand-aanspreken"),
        event(EventKind.CHALLENGE_ACHIEVED, challenge="iemand-aanspreken"),
        tie("y-abc", "y-def"),
        *leaving(),
    ]
    state = replay(road)["y-abc"]
    assert state.stage is Stage.FOLLOWED_UP
    assert state.group is None
    assert state.challenges == {"iemand-aanspreken": EventKind.CHALLENGE_ACHIEVED}
    assert state.ties == frozenset({"y-def"})
    assert state.events == len(road)


@pytest.mark.parametrize(
    ("before", "kind", "fields"),
    [
        ([], EventKind.JOINED, {"group": GROUP}),
        ([], EventKind.INTAKE_HELD, {"outcome": IntakeOutcome.SUITABLE}),
        (member()[:2], EventKind.PLACED, {"group": GROUP}),
        (member()[:5], EventKind.ATTENDED, {}),
        (member(), EventKind.EXITED, {"reason": "moved"}),
        (member(), EventKind.JOINED, {"group": GROUP}),
        (member()[:2], EventKind.SIGNALLED, {"source": SignalSource.GP}),
        ([*member(), *leaving()[:2]], EventKind.JOINED, {"group": GROUP}),
    ],
    ids=[
        "join-unknown",
        "intake-unregistered",
        "place-before-intake",
        "attend-before-joining",
        "exit-while-member",
        "join-twice",
        "signal-again",
        "join-after-exit",
    ],
)
def test_an_event_out_of_order_is_refused(before: list, kind: EventKind, fields: dict) -> None:
    state = replay(before).get("y-abc", YouthState("y-abc"))
    wrong = attended() if kind is EventKind.ATTENDED else event(kind, **fields)
    with pytest.raises(EventRefused, match="cannot follow") as caught:
        apply(state, wrong)
    assert caught.value.event is wrong


def test_an_intake_that_does_not_admit() -> None:
    road = [*member()[:2], event(EventKind.INTAKE_HELD, outcome=IntakeOutcome.REFERRED)]
    state = replay(road)["y-abc"]
    assert state.stage is Stage.NOT_ADMITTED
    with pytest.raises(EventRefused):
        apply(state, event(EventKind.PLACED, group=GROUP))


def test_the_group_must_be_the_youth_s() -> None:
    state = replay(member())["y-abc"]
    with pytest.raises(EventRefused, match="in group 'groep-18-25-x-out' now, not 'groep-b'"):
        apply(state, event(EventKind.LEFT, group="groep-b"))


class TestConsent:
    """No progress record without consent on record; under 16, a parent's."""

    def test_no_consent_no_record(self) -> None:
        road = [e for e in member() if e.kind is not EventKind.CONSENT_GIVEN]
        state = replay(road)["y-abc"]
        with pytest.raises(EventRefused, match="no consent on record"):
            apply(state, attended())

    @pytest.mark.parametrize(
        ("born", "by", "allowed"),
        [
            (dt.date(2006, 5, 12), ConsentBy.YOUTH, False),  # 14 on the day
            (dt.date(2006, 5, 12), ConsentBy.PARENT, True),
            (dt.date(2005, 5, 11), ConsentBy.YOUTH, True),  # 16 that very day
            (dt.date(2005, 5, 12), ConsentBy.YOUTH, False),  # 16 the day after
        ],
    )
    def test_under_16_a_parent_consents(self, born: dt.date, by: ConsentBy, allowed: bool) -> None:
        state = replay(member(consent=by))["y-abc"]
        if allowed:
            assert apply(state, attended(), born).events == state.events + 1
        else:
            with pytest.raises(EventRefused, match="under 16"):
                apply(state, attended(), born)

    def test_withdrawn_consent_stops_new_records(self) -> None:
        road = [*member(), attended(), event(EventKind.CONSENT_WITHDRAWN, by="youth")]
        state = replay(road)["y-abc"]
        with pytest.raises(EventRefused, match="no consent"):
            apply(state, attended(status=AttendanceStatus.LATE))


class TestEventValues:
    """An event carries exactly the fields of its kind."""

    def test_a_needed_field_missing(self) -> None:
        with pytest.raises(InvalidValue, match="a joined event needs 'group'"):
            event(EventKind.JOINED)

    def test_a_field_of_another_kind(self) -> None:
        with pytest.raises(InvalidValue, match="a registered event has no 'group'"):
            event(EventKind.REGISTERED, group=GROUP)

    def test_a_naive_recording_time(self) -> None:
        with pytest.raises(InvalidValue, match="recorded_at needs a time zone"):
            event(EventKind.REGISTERED).__class__(
                kind=EventKind.REGISTERED,
                youth="y-abc",
                occurred=dt.date(2021, 5, 11),
                recorded_by="daan",
                recorded_at=dt.datetime(2021, 5, 11, 12),
                id="x",
            )

    def test_strings_become_enums(self) -> None:
        assert event(EventKind.SIGNALLED, source="gp").source is SignalSource.GP

    def test_an_assessment_holds_something(self) -> None:
        with pytest.raises(InvalidValue, match="levels, answers or both"):
            event(EventKind.ASSESSED, rater="daan")


def test_a_tie_with_oneself_is_refused() -> None:
    state = replay(member())["y-abc"]
    with pytest.raises(EventRefused, match="tie with themselves"):
        apply(state, tie("y-abc", "y-abc"))


def test_consent_after_the_exit_and_nothing_to_withdraw() -> None:
    """Consent withdrawn after leaving can be given again for the follow-up measurement;
    withdrawing with none on record is refused; the exit ends the youth's group."""
    road = [
        *member(),
        *leaving()[:2],
        event(EventKind.CONSENT_WITHDRAWN, by=ConsentBy.YOUTH),
    ]
    state = replay(road)["y-abc"]
    assert (state.stage, state.group, state.consent) == (Stage.EXITED, None, None)
    with pytest.raises(EventRefused, match="no consent on record to withdraw"):
        apply(state, event(EventKind.CONSENT_WITHDRAWN, by=ConsentBy.YOUTH))
    assessed = event(EventKind.ASSESSED, rater="daan", levels=(("eigen-netwerk", 4),))
    with pytest.raises(EventRefused, match="no consent on record"):
        apply(state, assessed)
    again = apply(state, event(EventKind.CONSENT_GIVEN, by=ConsentBy.YOUTH))
    assert apply(again, assessed).events == again.events + 1
