"""A youth's milestones fall on real session dates."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method.planning.milestones import Milestone, MilestoneKind, youth_milestones
from joinus_method.planning.schedule import PlanningError, SeriesPlan, plan_group
from tests.seed import EVENINGS, FRAMEWORK, NOORDWIJK

PROGRAM = NOORDWIJK
GROUP = PROGRAM.groups[0]
PLAN = plan_group(PROGRAM, GROUP.id, EVENINGS, until=dt.date(2028, 6, 30))
WEEK = dt.timedelta(weeks=1)
# Joining days from months before the group starts to well inside its plan.
joining_days = st.dates(dt.date(2021, 1, 1), dt.date(2026, 1, 1))


def first_from(day: dt.date, plan: SeriesPlan = PLAN) -> dt.date:
    """The first session of *plan* on or after *day*."""
    return next(d for d in plan.days if d >= day)


def one(milestones: tuple[Milestone, ...], kind: MilestoneKind) -> Milestone:
    (found,) = (m for m in milestones if m.kind is kind)
    return found


def evaluation_days(
    plan: SeriesPlan, baseline: dt.date, exit_day: dt.date, weeks: int
) -> list[dt.date]:
    """The evaluations by the rule: the first session on or after baseline + k x *weeks*, for
    k = 1, 2, ... while before the exit, each session once and never the baseline itself."""
    found: list[dt.date] = []
    k = 1
    while (target := baseline + k * weeks * WEEK) < exit_day:
        day = first_from(target, plan)
        if day >= exit_day:
            break
        if day not in (baseline, *found):
            found.append(day)
        k += 1
    return found


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


class TestPersonalMilestones:
    """Each youth's intake, baseline measurement, periodic evaluations, exit measurement and
    follow-up map onto real session dates."""

    @given(st.dates(dt.date(2021, 5, 11), dt.date(2026, 6, 1)))
    def test_on_session_dates_in_order(self, joined: dt.date) -> None:
        """Every milestone is a session of the group, in the order of the road."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK)
        by_uid = {s.uid: s.day for s in PLAN.sessions}
        for m in milestones:
            assert by_uid[m.session_uid] == m.day
        kinds = [m.kind for m in milestones]
        assert kinds[:2] == [MilestoneKind.INTAKE, MilestoneKind.BASELINE]
        assert kinds[-2:] == [MilestoneKind.EXIT, MilestoneKind.FOLLOW_UP]
        days = [m.day for m in milestones]
        assert days[0] <= days[1]
        assert all(a < b for a, b in itertools.pairwise(days[1:]))
        assert milestones[1].day == first_from(joined)

    @given(joining_days)
    def test_only_the_first_evening_counts(self, joined: dt.date) -> None:
        """A youth who joins some days before an evening has the road of one who joins on
        that evening: every milestone is counted from the first evening."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK)
        assert milestones == youth_milestones(PLAN, first_from(joined), FRAMEWORK)

    @given(joining_days)
    def test_the_intake_before_the_first_evening(self, joined: dt.date) -> None:
        """The intake is at the session before the first evening, never on that evening,
        unless the youth starts with the group."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK)
        intake, baseline = one(milestones, MilestoneKind.INTAKE), milestones[1]
        at = PLAN.days.index(baseline.day)
        assert intake.day == PLAN.days[at - 1 if at else 0]
        assert (intake.day < baseline.day) is (baseline.day != GROUP.start_date)

    def test_an_intake_the_evening_before(self) -> None:
        """A youth who joins on the day of an evening has the intake at the evening before."""
        milestones = youth_milestones(PLAN, dt.date(2021, 8, 31), FRAMEWORK)
        assert [m.day for m in milestones[:2]] == [dt.date(2021, 7, 6), dt.date(2021, 8, 31)]

    def test_an_intake_at_the_group_s_first_evening(self) -> None:
        """A youth who joins at the group's second evening has the intake at its first."""
        milestones = youth_milestones(PLAN, dt.date(2021, 5, 12), FRAMEWORK)
        assert [m.day for m in milestones[:2]] == [GROUP.start_date, dt.date(2021, 5, 25)]

    @pytest.mark.parametrize("joined", [GROUP.start_date, dt.date(2021, 2, 1)])
    def test_a_founding_member(self, joined: dt.date) -> None:
        """A youth who starts with the group has intake and baseline on the first evening."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK)
        assert milestones[0].day == milestones[1].day == GROUP.start_date

    @given(st.data(), joining_days, st.integers(2, 26))
    def test_evaluations_every_n_weeks(
        self, data: st.DataObject, joined: dt.date, weeks: int
    ) -> None:
        """The k-th evaluation is the first session on or after baseline + k x N weeks, for
        the framework's N, numbered from 1, while the youth is in the group."""
        framework = attrs.evolve(FRAMEWORK, evaluation_weeks=weeks)
        milestones = youth_milestones(PLAN, joined, framework)
        baseline, exit_ = milestones[1].day, one(milestones, MilestoneKind.EXIT).day
        evaluations = [m for m in milestones if m.kind is MilestoneKind.EVALUATION]
        assert [m.day for m in evaluations] == evaluation_days(PLAN, baseline, exit_, weeks)
        assert [m.number for m in evaluations] == list(range(1, len(evaluations) + 1))

    def test_four_evaluations_in_a_year(self) -> None:
        """A youth who stays a year is evaluated every twelve weeks from the first evening:
        four times, each at the first evening on or after the date."""
        milestones = youth_milestones(PLAN, dt.date(2022, 9, 1), FRAMEWORK)
        evaluations = [m.day for m in milestones if m.kind is MilestoneKind.EVALUATION]
        assert milestones[1].day == dt.date(2022, 9, 13)
        assert evaluations == [
            dt.date(2022, 12, 6),  # 13 September + 12 weeks
            dt.date(2023, 3, 14),  # + 24 weeks: 28 February, in the spring holiday
            dt.date(2023, 5, 23),  # + 36 weeks
            dt.date(2023, 8, 29),  # + 48 weeks: 15 August, in the summer holiday
        ]

    def test_a_closure_longer_than_the_interval(self) -> None:
        """When two evaluations fall on the evening after a long closure it counts once, and
        the next is still counted from the first evening, not from the one before it."""
        plan = closed(PLAN, dt.date(2021, 9, 1), dt.date(2022, 1, 31))
        milestones = youth_milestones(plan, GROUP.start_date, FRAMEWORK)
        evaluations = [(m.number, m.day) for m in milestones if m.kind is MilestoneKind.EVALUATION]
        assert evaluations == [
            (1, dt.date(2021, 8, 31)),  # 11 May + 12 weeks: 3 August, in the summer holiday
            (2, dt.date(2022, 2, 1)),  # + 24 and + 36 weeks: 26 October and 18 January, closed
            (3, dt.date(2022, 4, 12)),  # + 48 weeks (from 1 February it would be 26 April)
        ]

    @given(joining_days, st.integers(20, 80))
    def test_a_stay_counted_from_the_first_evening(self, joined: dt.date, weeks: int) -> None:
        """Without a leaving day the exit is the first session on or after the first evening
        plus the stay, whatever the day of joining or of the intake."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK, stay_weeks=weeks)
        exit_ = one(milestones, MilestoneKind.EXIT)
        assert exit_.day == first_from(first_from(joined) + weeks * WEEK)

    def test_an_early_application(self) -> None:
        """A youth who applies months before the group starts stays a year from its start."""
        milestones = youth_milestones(PLAN, dt.date(2021, 1, 4), FRAMEWORK)
        assert one(milestones, MilestoneKind.EXIT).day == dt.date(2022, 5, 10)

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
        """A follow-up interval given is used instead of the framework's."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK, follow_up_weeks=weeks)
        exit_, follow = milestones[-2:]
        assert follow.day == first_from(exit_.day + weeks * WEEK)

    def test_a_short_follow_up(self) -> None:
        """A follow-up four weeks after the exit comes before the framework's twelve."""
        milestones = youth_milestones(PLAN, dt.date(2022, 9, 13), FRAMEWORK, follow_up_weeks=4)
        exit_, follow = milestones[-2:]
        assert (exit_.day, follow.day) == (dt.date(2023, 9, 12), dt.date(2023, 10, 10))

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
        """A plan that ends too early is an error that names the milestone, not a missing one."""
        short = plan_group(PROGRAM, GROUP.id, EVENINGS, until=until)
        with pytest.raises(PlanningError) as caught:
            youth_milestones(short, joined, FRAMEWORK)
        assert str(caught.value) == f"the plan of {GROUP.id!r} ends before {what}"

    @pytest.mark.parametrize("first", [GROUP.start_date, dt.date(2021, 5, 25)])
    def test_one_evening_only(self, first: dt.date) -> None:
        """A youth who leaves after their first evening has the exit on that evening, also
        when it is the group's first."""
        milestones = youth_milestones(PLAN, first, FRAMEWORK, leaves=first + dt.timedelta(days=1))
        assert [(m.kind, m.day) for m in milestones[1:3]] == [
            (MilestoneKind.BASELINE, first),
            (MilestoneKind.EXIT, first),
        ]

    @pytest.mark.parametrize("leaves", [dt.date(2021, 5, 25), dt.date(2021, 5, 20)])
    def test_leaving_before_the_first_evening(self, leaves: dt.date) -> None:
        """A youth who leaves on or before their first evening has no road: an error."""
        with pytest.raises(PlanningError, match="before their first evening"):
            youth_milestones(PLAN, dt.date(2021, 5, 19), FRAMEWORK, leaves=leaves)

    def test_leaving_before_the_group_starts(self) -> None:
        """A youth who would leave before the group's first evening has no road either."""
        with pytest.raises(PlanningError, match="leaves on 2021-05-01, before their first"):
            youth_milestones(PLAN, dt.date(2021, 4, 1), FRAMEWORK, leaves=dt.date(2021, 5, 1))
