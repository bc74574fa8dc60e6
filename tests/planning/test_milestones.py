"""A youth's milestones: an intake of its own before the first evening, and evaluations on
evenings with room for a one-to-one talk."""

from __future__ import annotations

import collections
import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method import (
    Audience,
    Curriculum,
    Leader,
    Phase,
    Segment,
    SegmentKind,
    Session,
)
from joinus_method.planning.milestones import (
    Joining,
    Milestone,
    MilestoneKind,
    group_milestones,
    youth_milestones,
)
from joinus_method.planning.schedule import PlanningError, SeriesPlan, plan_group
from tests.seed import EVENINGS as BUNDLED_EVENINGS
from tests.seed import FRAMEWORK, NOORDWIJK

PROGRAM = NOORDWIJK
GROUP = PROGRAM.groups[0]
WEEK = dt.timedelta(weeks=1)
# Joining days from months before the group starts to well inside its plan.
joining_days = st.dates(dt.date(2021, 1, 1), dt.date(2026, 1, 1))


def evenings(talks: list[int]) -> Curriculum:
    """Fortnightly evenings of 180 minutes, the k-th with a one-to-one part of *talks[k]*
    quarters of an hour (none when 0); the first evening runs once, the rest repeat."""
    sessions = []
    for k, quarters in enumerate(talks):
        talk = (
            [Segment("Eén-op-ééngesprekken", 15 * quarters, SegmentKind.ONE_TO_ONE)]
            if quarters
            else []
        )
        rest = Segment("Samen", 180 - 15 * quarters, SegmentKind.EXERCISE)
        sessions.append(
            Session(
                f"avond-{k}",
                f"Avond {k}",
                "start" if k == 0 else "ronde",
                segments=(*talk, rest),
            )
        )
    return Curriculum(
        id="avonden",
        title="Avonden",
        audience=Audience.YOUTHS,
        led_by=Leader.WORKERS,
        cadence_weeks=2,
        default_minutes=180,
        phases=(Phase("start", "Start"), Phase("ronde", "Ronde")),
        sessions=tuple(sessions),
        repeats=True,
        repeat_from="ronde",
    )


# Every evening but the group's first has room for three talks of 15 minutes.
EVENINGS = evenings([0, *[3] * 18])
PLAN = plan_group(PROGRAM, GROUP.id, EVENINGS, until=dt.date(2028, 6, 30))


def first_from(day: dt.date, plan: SeriesPlan = PLAN) -> dt.date:
    """The first session of *plan* on or after *day*."""
    return next(d for d in plan.days if d >= day)


def one(milestones: tuple[Milestone, ...], kind: MilestoneKind) -> Milestone:
    (found,) = (m for m in milestones if m.kind is kind)
    return found


def room(plan: SeriesPlan, talk_minutes: int) -> dict[str, int]:
    """How many talks each planned evening has room for, counted here."""
    return {
        s.uid: sum(g.minutes for g in s.session.segments if g.kind == "one-to-one") // talk_minutes
        for s in plan.sessions
    }


def closed(plan: SeriesPlan, first: dt.date, last: dt.date) -> SeriesPlan:
    """*plan* with no sessions from *first* to *last*, as after a long closure."""
    kept = [
        (n, i)
        for n, i in zip(plan.day_numbers, plan.indices, strict=True)
        if not first.toordinal() <= n <= last.toordinal()
    ]
    return attrs.evolve(
        plan, day_numbers=tuple(n for n, _ in kept), indices=tuple(i for _, i in kept)
    )


class TestTheRoad:
    """Intake and baseline at a meeting of their own, then the first evening, evaluations,
    exit and follow-up on the group's evenings, in that order."""

    @given(joining_days)
    def test_in_order(self, joined: dt.date) -> None:
        milestones = youth_milestones(PLAN, joined, FRAMEWORK)
        by_uid = {s.uid: s.day for s in PLAN.sessions}
        kinds = [m.kind for m in milestones]
        assert kinds[:3] == [
            MilestoneKind.INTAKE,
            MilestoneKind.BASELINE,
            MilestoneKind.FIRST_EVENING,
        ]
        assert kinds[-2:] == [MilestoneKind.EXIT, MilestoneKind.FOLLOW_UP]
        for m in milestones[2:]:
            assert by_uid[m.session_uid] == m.day
        days = [m.day for m in milestones]
        assert all(a < b for a, b in itertools.pairwise(days[1:]))
        assert milestones[2].day == first_from(joined)

    @given(joining_days, st.integers(1, 8))
    def test_the_intake_is_a_meeting_of_its_own_before_the_first_evening(
        self, joined: dt.date, weeks: int
    ) -> None:
        """The intake, with the baseline taken there, is the framework's intake_weeks before
        the first evening, on no group evening; a founding member's lies before the group
        starts."""
        framework = attrs.evolve(FRAMEWORK, intake_weeks=weeks)
        intake, baseline, first = youth_milestones(PLAN, joined, framework)[:3]
        assert intake.day == baseline.day == first.day - weeks * WEEK
        assert intake.session_uid == baseline.session_uid == ""
        if first.day == GROUP.start_date:
            assert intake.day < GROUP.start_date

    @given(joining_days)
    def test_only_the_first_evening_counts(self, joined: dt.date) -> None:
        """A youth who joins some days before an evening has the road of one who joins on
        that evening."""
        assert youth_milestones(PLAN, joined, FRAMEWORK) == youth_milestones(
            PLAN, first_from(joined), FRAMEWORK
        )

    @given(joining_days, st.integers(20, 80))
    def test_a_stay_counted_from_the_first_evening(self, joined: dt.date, weeks: int) -> None:
        """Without a leaving day the exit is the first session on or after the first evening
        plus the stay."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK, stay_weeks=weeks)
        exit_ = one(milestones, MilestoneKind.EXIT)
        assert exit_.day == first_from(first_from(joined) + weeks * WEEK)

    def test_a_youth_who_leaves(self) -> None:
        """The exit is the last session before the youth leaves; follow-up N weeks later."""
        milestones = youth_milestones(
            PLAN, dt.date(2021, 6, 1), FRAMEWORK, leaves=dt.date(2022, 2, 1)
        )
        exit_, follow = milestones[-2:]
        assert exit_.day == max(d for d in PLAN.days if d < dt.date(2022, 2, 1))
        assert follow.day == first_from(exit_.day + FRAMEWORK.evaluation_weeks * WEEK)

    @given(joining_days, st.integers(1, 40))
    def test_a_follow_up_interval_of_its_own(self, joined: dt.date, weeks: int) -> None:
        milestones = youth_milestones(PLAN, joined, FRAMEWORK, follow_up_weeks=weeks)
        exit_, follow = milestones[-2:]
        assert follow.day == first_from(exit_.day + weeks * WEEK)

    @pytest.mark.parametrize(
        ("until", "joined", "what"),
        [
            (dt.date(2021, 9, 1), dt.date(2021, 6, 1), "the exit (on or after 2022-06-07)"),
            (dt.date(2022, 7, 1), dt.date(2021, 6, 1), "the follow-up (on or after 2022-08-30)"),
            (
                dt.date(2021, 7, 1),
                dt.date(2021, 7, 7),
                "the first evening (on or after 2021-07-07)",
            ),
        ],
    )
    def test_plan_must_reach_the_milestones(
        self, until: dt.date, joined: dt.date, what: str
    ) -> None:
        """A plan that ends too early is an error that names the milestone."""
        short = plan_group(PROGRAM, GROUP.id, EVENINGS, until=until)
        with pytest.raises(PlanningError) as caught:
            youth_milestones(short, joined, FRAMEWORK)
        assert str(caught.value) == f"the plan of {GROUP.id!r} ends before {what}"

    @pytest.mark.parametrize("leaves", [dt.date(2021, 5, 25), dt.date(2021, 5, 20)])
    def test_leaving_before_the_first_evening(self, leaves: dt.date) -> None:
        with pytest.raises(PlanningError, match="before their first evening"):
            youth_milestones(PLAN, dt.date(2021, 5, 19), FRAMEWORK, leaves=leaves)


class TestEvaluations:
    """Evaluations fall due every evaluation_weeks from the first evening and land on the
    first evening from then whose one-to-one part has room left."""

    def test_four_evaluations_in_a_year(self) -> None:
        """A youth who stays a year is evaluated four times, each at the first evening on
        or after the date."""
        milestones = youth_milestones(PLAN, dt.date(2022, 9, 1), FRAMEWORK)
        evaluations = [m.day for m in milestones if m.kind is MilestoneKind.EVALUATION]
        assert milestones[2].day == dt.date(2022, 9, 13)
        assert evaluations == [
            dt.date(2022, 12, 6),  # 13 September + 12 weeks
            dt.date(2023, 3, 14),  # + 24 weeks: 28 February, in the spring holiday
            dt.date(2023, 5, 23),  # + 36 weeks
            dt.date(2023, 8, 29),  # + 48 weeks: 15 August, in the summer holiday
        ]

    def test_a_closure_longer_than_the_interval(self) -> None:
        """When two evaluations fall due before the evening after a long closure it counts
        once, and the next is still counted from the first evening."""
        plan = closed(PLAN, dt.date(2021, 9, 1), dt.date(2022, 1, 31))
        milestones = youth_milestones(plan, GROUP.start_date, FRAMEWORK)
        evaluations = [(m.number, m.day) for m in milestones if m.kind is MilestoneKind.EVALUATION]
        assert evaluations == [
            (1, dt.date(2021, 8, 31)),  # 11 May + 12 weeks: 3 August, in the summer holiday
            (2, dt.date(2022, 2, 1)),  # + 24 and + 36 weeks: 26 October and 18 January, closed
            (3, dt.date(2022, 4, 12)),  # + 48 weeks
        ]

    def test_an_evening_without_talks_is_passed_by(self) -> None:
        """An evaluation due on an evening without a one-to-one part moves to the next one
        that has it."""
        plan = plan_group(
            PROGRAM, GROUP.id, evenings([0, 3, 0, 0, 0, 0, 0, 3]), until=dt.date(2023, 6, 30)
        )
        milestones = youth_milestones(plan, GROUP.start_date, FRAMEWORK)
        evaluation = next(m for m in milestones if m.kind is MilestoneKind.EVALUATION)
        talk_evenings = [s.day for s in plan.sessions if s.number in (2, 8)]
        assert evaluation.due == GROUP.start_date + 12 * WEEK
        assert evaluation.day == min(d for d in talk_evenings if d >= evaluation.due)

    def test_a_full_evening_passes_the_next_youth_on(self) -> None:
        """Four founding members fall due on one evening that has room for three talks: the
        fourth is evaluated on the next evening."""
        youths = [Joining(f"jongere-{n}", GROUP.start_date) for n in range(4)]
        found = group_milestones(PLAN, youths, FRAMEWORK)
        firsts = [
            next(m for m in found[y.youth] if m.kind is MilestoneKind.EVALUATION) for y in youths
        ]
        assert [m.day for m in firsts[:3]] == [firsts[0].day] * 3
        assert firsts[3].day == first_from(firsts[0].day + WEEK)
        assert {m.due for m in firsts} == {GROUP.start_date + 12 * WEEK}

    @given(
        st.lists(st.integers(0, 3), min_size=2, max_size=12),
        st.lists(st.dates(dt.date(2021, 1, 1), dt.date(2023, 1, 1)), min_size=1, max_size=15),
        st.integers(2, 16),
        st.sampled_from([10, 15, 20, 30]),
    )
    def test_evaluations_land_where_there_is_room(
        self, talks: list[int], joins: list[dt.date], weeks: int, talk_minutes: int
    ) -> None:
        """For any evenings and youths: every evaluation is on an evening with a one-to-one
        part, no evening holds more than it has room for, none lands before it is due or
        after the youth's exit, and every evening with room between its due date and its day
        is full: it moved on only because they were."""
        curriculum = evenings(talks)
        plan = plan_group(PROGRAM, GROUP.id, curriculum, until=dt.date(2026, 6, 30))
        framework = attrs.evolve(FRAMEWORK, evaluation_weeks=weeks, talk_minutes=talk_minutes)
        youths = [Joining(f"jongere-{n}", day) for n, day in enumerate(joins)]
        found = group_milestones(plan, youths, framework)
        space = room(plan, talk_minutes)
        used = collections.Counter(
            m.session_uid
            for road in found.values()
            for m in road
            if m.kind is MilestoneKind.EVALUATION
        )
        for uid, count in used.items():
            assert 0 < count <= space[uid]
        for road in found.values():
            exit_ = one(road, MilestoneKind.EXIT)
            evaluations = [m for m in road if m.kind is MilestoneKind.EVALUATION]
            assert [m.number for m in evaluations] == list(range(1, len(evaluations) + 1))
            for m in evaluations:
                assert m.due is not None
                assert m.due <= m.day < exit_.day
                passed = [
                    s.uid for s in plan.sessions if m.due <= s.day < m.day and space[s.uid] > 0
                ]
                assert all(used[uid] == space[uid] for uid in passed), m

    @given(joining_days, st.integers(2, 26))
    def test_alone_on_evenings_with_room(self, joined: dt.date, weeks: int) -> None:
        """A youth alone, on evenings that all have room but the first, is evaluated at the
        first evening on or after each due date: baseline + k x N weeks, while in the group;
        two due dates meeting on one evening count once."""
        framework = attrs.evolve(FRAMEWORK, evaluation_weeks=weeks)
        milestones = youth_milestones(PLAN, joined, framework)
        first, exit_ = milestones[2].day, one(milestones, MilestoneKind.EXIT).day
        expected: list[dt.date] = []
        k = 1
        while (due := first + k * weeks * WEEK) < exit_:
            day = first_from(due)
            if day < exit_ and day not in (first, *expected):
                expected.append(day)
            k += 1
        evaluations = [m.day for m in milestones if m.kind is MilestoneKind.EVALUATION]
        assert evaluations == expected


@pytest.mark.parametrize("group", NOORDWIJK.groups, ids=lambda g: g.id)
def test_the_bundled_documents_agree(group: object) -> None:
    """The bundled framework and group evenings agree: a full group of founding members,
    all due on the same day, is evaluated on the bundled evenings' one-to-one parts, each
    youth at the latest when their next evaluation falls due (fifteen youths due in the
    summer holiday take five evenings after it). Every due date a whole interval before the
    exit is met; one due later may be left to the exit's own measurement."""
    assert isinstance(group, type(GROUP))
    plan = plan_group(NOORDWIJK, group.id, BUNDLED_EVENINGS, until=dt.date(2023, 6, 30))
    youths = [Joining(f"jongere-{n}", group.start_date) for n in range(group.capacity)]
    found = group_milestones(plan, youths, FRAMEWORK)
    every = FRAMEWORK.evaluation_weeks * WEEK
    for road in found.values():
        first = one(road, MilestoneKind.FIRST_EVENING).day
        exit_ = one(road, MilestoneKind.EXIT).day
        evaluations = [m for m in road if m.kind is MilestoneKind.EVALUATION]
        for m in evaluations:
            assert m.due is not None
            assert m.day <= m.due + every
        # Each due date a whole interval before the exit has an evaluation within that
        # interval (one held late may serve the next due date too: it counts once).
        for k in range(1, 5):
            due = first + k * every
            if due + every <= exit_:
                assert any(due <= m.day <= due + every for m in evaluations), (k, evaluations)
