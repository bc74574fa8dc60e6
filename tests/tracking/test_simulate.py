"""Synthetic youths: a seeded year whose roads record into a store and make signals."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from joinus_method.model._rules import ID_PATTERN
from joinus_method.model.people import age_on
from joinus_method.planning.schedule import ProgramPlan, plan_program
from joinus_method.tracking.events import ConsentBy, EventKind, ExitReason, TieKind
from joinus_method.tracking.journey import AGE_OF_CONSENT, replay
from joinus_method.tracking.signals import SignalKind, signals
from joinus_method.tracking.simulate import SyntheticYouth, simulate_year
from joinus_method.tracking.store import Store, open_store
from joinus_method.tracking.tracker import Tracker
from tests.seed import CURRICULA, FRAMEWORK, NOORDWIJK

PLAN = plan_program(NOORDWIJK, CURRICULA, until=dt.date(2022, 12, 31))
GROUPS = {g.id: g for g in NOORDWIJK.groups}
LATE_IN_THE_YEAR = dt.date(2022, 3, 1)
ABOVE_CAPACITY = max(g.capacity for g in NOORDWIJK.groups) + 3


@functools.cache
def year(seed: int = 2021, per_group: int = 12) -> tuple[SyntheticYouth, ...]:
    """The simulated year of the seed program, made once per arguments."""
    return tuple(simulate_year(NOORDWIJK, PLAN, FRAMEWORK, seed=seed, per_group=per_group))


def record(store: Store, youths: Iterable[SyntheticYouth]) -> int:
    """Record every youth's personal data and batches; how many events were stored."""
    stored = 0
    for youth in youths:
        store.set_personal(youth.personal)
        for batch in youth.batches:
            stored += store.record(batch, plan=PLAN)
    return stored


def group_of(youth: SyntheticYouth) -> str | None:
    """The group the youth was placed in or waited for, if any."""
    return next((e.group for e in youth.events if e.group is not None), None)


def year_days(group: str, plan: ProgramPlan = PLAN, weeks: int = 52) -> tuple[dt.date, ...]:
    """The session days of *group* in the simulated year."""
    days = plan.plan(group).days
    return tuple(d for d in days if d < days[0] + dt.timedelta(weeks=weeks))


def membership(youth: SyntheticYouth) -> tuple[dt.date, dt.date | None] | None:
    """The day the youth joined and the day they left (None while a member)."""
    joined = [e.occurred for e in youth.events if e.kind is EventKind.JOINED]
    left = [e.occurred for e in youth.events if e.kind is EventKind.LEFT]
    if not joined:
        return None
    return joined[0], left[0] if left else None


def check_roads(youths: Iterable[SyntheticYouth], plan: ProgramPlan = PLAN) -> None:
    """Every road keeps to the journey, the plan, the group's ages and the year."""
    given = list(youths)
    sessions = {s.uid: s for s in plan.sessions}
    ids = [e.id for y in given for e in y.events]
    assert len(ids) == len(set(ids))
    admitted = {y.youth: group_of(y) for y in given if membership(y) is not None}
    first_day = plan.sessions[0].day
    for youth in given:
        events = youth.events
        replay(events, {youth.youth: youth.personal.date_of_birth})
        assert [e.occurred for e in events] == sorted(e.occurred for e in events)
        group_id = group_of(youth)
        assert group_id is not None or events[-1].kind is EventKind.INTAKE_HELD
        if group_id is None:
            continue
        group = GROUPS[group_id]
        days = year_days(group_id, plan)
        span = membership(youth)
        for event in events:
            assert first_day <= event.occurred <= days[-1]
            assert event.recorded_at.tzinfo is not None
            assert event.recorded_at.date() >= event.occurred
            assert event.recorded_by in group.workers
            assert event.id.startswith(youth.youth + "-")
            if event.kind is EventKind.ATTENDED:
                session = sessions[event.session_uid or ""]
                assert (session.series.id, session.day) == (group_id, event.occurred)
                assert span is not None
                assert span[0] <= event.occurred
                assert span[1] is None or event.occurred < span[1]
            if event.kind is EventKind.TIE_MADE and event.tie is TieKind.PEER:
                assert admitted.get(event.tie_with or "") == group_id
        if span is not None:
            assert span[0] in days
            age = age_on(youth.personal.date_of_birth, span[0])
            assert age in group.age_band


def test_every_road_records_into_a_fresh_store(tmp_path: Path) -> None:
    """Every batch of every youth is recorded without a refusal, and each youth's state
    kept event by event is the state rebuilt from their events."""
    youths = year()
    with open_store(tmp_path / "x.sqlite") as store:
        assert record(store, youths) == sum(len(y.events) for y in youths)
        for youth in youths:
            assert store.state(youth.youth) == store.rebuilt_state(youth.youth)
        assert store.youths() == [y.youth for y in youths]


def test_roads_keep_to_the_journey_the_plan_and_the_year() -> None:
    """Attendance only at the group's planned sessions while a member, nothing after the
    group's last session of the year, recorded by its workers, ages in the group's band."""
    check_roads(year())
    check_roads(year(per_group=ABOVE_CAPACITY))


def test_the_same_seed_gives_the_same_year() -> None:
    again = simulate_year(NOORDWIJK, PLAN, FRAMEWORK, seed=2021, per_group=12)
    assert again == list(year())
    other = simulate_year(NOORDWIJK, PLAN, FRAMEWORK, seed=7, per_group=12)
    assert other != again
    assert [e.id for y in other for e in y.events] != [e.id for y in again for e in y.events]


def test_every_kind_of_event_occurs() -> None:
    """With more youths than a group holds, every kind of event occurs at least once."""
    kinds = Counter(e.kind for y in year(per_group=ABOVE_CAPACITY) for e in y.events)
    assert set(kinds) == set(EventKind)


def test_a_full_group_waitlists_and_never_goes_above_capacity() -> None:
    youths = year(per_group=ABOVE_CAPACITY)
    assert any(e.kind is EventKind.WAITLISTED for y in youths for e in y.events)
    for group_id, group in GROUPS.items():
        spans = [s for y in youths if group_of(y) == group_id and (s := membership(y))]
        for day in year_days(group_id):
            active = sum(
                1 for joined, left in spans if joined <= day and (left is None or day < left)
            )
            assert active <= group.capacity
    events = [e for y in youths for e in y.events]
    for day in year_days(NOORDWIJK.groups[0].id):
        found = signals(events, NOORDWIJK, PLAN, FRAMEWORK, day)
        assert all(s.kind is not SignalKind.ABOVE_CAPACITY for s in found)


def test_signals_of_several_kinds_late_in_the_year(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.sqlite") as store:
        record(store, year())
        tracker = Tracker(store, NOORDWIJK, PLAN, FRAMEWORK)
        kinds = {s.kind for s in tracker.signals(LATE_IN_THE_YEAR)}
    assert {SignalKind.ABSENCES, SignalKind.READY_TO_LEAVE} <= kinds
    assert kinds & {SignalKind.EVALUATION_OVERDUE, SignalKind.NO_PROGRESS}


def test_names_and_pseudonyms_are_visibly_synthetic() -> None:
    for youth in year():
        assert re.fullmatch(r"syn-\d+-\d+", youth.youth)
        assert re.fullmatch(ID_PATTERN, youth.youth)
        assert youth.personal.name.startswith("Synthetische jongere ")
        assert youth.personal.contact == ""
        assert all(e.youth == youth.youth for e in youth.events)


def test_youths_under_16_have_a_parents_consent() -> None:
    """Consent is the youth's own from 16 and a parent's below; the 12-18 group holds
    youths under 16."""
    under = 0
    for youth in year():
        for event in youth.events:
            if event.kind is EventKind.CONSENT_GIVEN:
                age = age_on(youth.personal.date_of_birth, event.occurred)
                assert event.by is (ConsentBy.YOUTH if age >= AGE_OF_CONSENT else ConsentBy.PARENT)
                under += age < AGE_OF_CONSENT
    assert under > 0
    young = [g.id for g in NOORDWIJK.groups if g.age_band.min_age < AGE_OF_CONSENT]
    assert young
    for group in young:
        assert any(
            e.kind is EventKind.CONSENT_GIVEN and e.by is ConsentBy.PARENT
            for y in year()
            if group_of(y) == group
            for e in y.events
        )


def test_assessments_rate_every_domain_and_answer_the_leaving_rule() -> None:
    domains = [d.id for d in FRAMEWORK.domains]
    top = len(FRAMEWORK.levels)
    wanted = set(FRAMEWORK.ready.instruments)
    rising = flat = 0
    for youth in year():
        assessed = [e for e in youth.events if e.kind is EventKind.ASSESSED]
        span = membership(youth)
        if span is None:
            continue
        assert assessed[0].occurred <= span[0]
        for event in assessed:
            assert [d for d, _ in event.levels] == domains
            assert all(1 <= level <= top for _, level in event.levels)
            assert {name for name, _ in event.answers} == wanted
            for name, answers in event.answers:
                instrument = FRAMEWORK.instrument(name)
                assert instrument.score(dict(answers)).complete
        during = [e.occurred for e in assessed if e.occurred >= span[0]]
        during = [d for d in during if span[1] is None or d < span[1]]
        step = dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
        assert all(b - a >= step for a, b in zip([span[0], *during], during, strict=False))
        first, last = (sum(level for _, level in e.levels) for e in (assessed[0], assessed[-1]))
        rising += last > first
        flat += last == first and len(assessed) > 2
    assert rising > flat > 0


def test_the_road_holds_challenges_activities_ties_and_exits() -> None:
    events = [e for y in year() for e in y.events]
    challenges = {e.challenge for e in events if e.challenge is not None}
    assert "ch-1" in challenges
    assert all(re.fullmatch(r"ch-\d+", c) for c in challenges)
    assert all(e.note for e in events if e.kind is EventKind.ACTIVITY_ORGANISED)
    ties = Counter(e.tie for e in events if e.kind is EventKind.TIE_MADE)
    assert ties[TieKind.PEER] > 0
    assert ties[TieKind.OUTSIDE] > 0
    reasons = Counter(e.reason for e in events if e.kind is EventKind.EXITED)
    assert reasons.most_common(1)[0][0] is ExitReason.SELF_RELIANT
    stayed = [y for y in year() if (s := membership(y)) is not None and s[1] is None]
    assert len(stayed) > sum(reasons.values())


def test_recorded_by_names_who_recorded_and_rated_everything() -> None:
    youths = simulate_year(NOORDWIJK, PLAN, FRAMEWORK, per_group=4, recorded_by="demo")
    events = [e for y in youths for e in y.events]
    assert events
    assert {e.recorded_by for e in events} == {"demo"}
    assert {e.rater for e in events if e.kind is EventKind.ASSESSED} == {"demo"}


def test_only_the_groups_the_plan_holds_get_youths() -> None:
    kept = NOORDWIJK.groups[1].id
    plan = attrs.evolve(
        PLAN,
        plans=tuple(p for p in PLAN.plans if p.series.id == kept or p.series.id not in GROUPS),
    )
    youths = simulate_year(NOORDWIJK, plan, FRAMEWORK, per_group=3)
    assert [y.youth for y in youths] == ["syn-2-1", "syn-2-2", "syn-2-3"]
    assert {group_of(y) for y in youths} == {kept}
    assert simulate_year(NOORDWIJK, PLAN, FRAMEWORK, per_group=0) == []


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32), per_group=st.integers(1, 20))
def test_any_seed_and_size_keeps_to_the_rules(seed: int, per_group: int) -> None:
    check_roads(simulate_year(NOORDWIJK, PLAN, FRAMEWORK, seed=seed, per_group=per_group))
