"""A youth's milestones fall on real session dates."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method.planning.milestones import MilestoneKind, youth_milestones
from joinus_method.planning.schedule import PlanningError, plan_group
from tests.seed import EVENINGS, FRAMEWORK, NOORDWIJK

PROGRAM = NOORDWIJK
GROUP = PROGRAM.groups[0]
PLAN = plan_group(PROGRAM, GROUP.id, EVENINGS, until=dt.date(2028, 6, 30))


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
        baseline = milestones[1].day
        assert baseline == min(d for d in PLAN.days if d >= joined)
        assert milestones[0].day == max((d for d in PLAN.days if d < baseline), default=baseline)

    @given(st.dates(dt.date(2021, 5, 11), dt.date(2026, 6, 1)))
    def test_evaluations_every_n_weeks(self, joined: dt.date) -> None:
        """The k-th evaluation is the first session on or after baseline + k x N weeks."""
        milestones = youth_milestones(PLAN, joined, FRAMEWORK)
        baseline = milestones[1].day
        evaluations = [m for m in milestones if m.kind is MilestoneKind.EVALUATION]
        step = dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)
        for m in evaluations:
            target = baseline + step * m.number
            assert m.day == min(d for d in PLAN.days if d >= target)
        assert len(evaluations) >= 3  # about a year, evaluated every twelve weeks

    def test_a_founding_member(self) -> None:
        """A youth who starts with the group has intake and baseline on the first evening."""
        milestones = youth_milestones(PLAN, GROUP.start_date, FRAMEWORK)
        assert milestones[0].day == milestones[1].day == GROUP.start_date

    def test_a_youth_who_leaves(self) -> None:
        """The exit is the last session before the youth leaves; follow-up N weeks later."""
        milestones = youth_milestones(
            PLAN, dt.date(2021, 6, 1), FRAMEWORK, leaves=dt.date(2022, 2, 1)
        )
        exit_, follow = milestones[-2:]
        assert exit_.day == max(d for d in PLAN.days if d < dt.date(2022, 2, 1))
        assert follow.day >= exit_.day + dt.timedelta(weeks=FRAMEWORK.evaluation_weeks)

    def test_plan_must_reach_the_milestones(self) -> None:
        """A plan that ends too early is an error, not a missing milestone."""
        short = plan_group(PROGRAM, GROUP.id, EVENINGS, until=dt.date(2021, 9, 1))
        with pytest.raises(PlanningError, match="ends before the exit"):
            youth_milestones(short, dt.date(2021, 6, 1), FRAMEWORK)
