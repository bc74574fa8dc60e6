"""Placing youths in groups by age band and capacity."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method import AGE_12_TO_18, AGE_18_TO_25, InvalidValue, Program
from joinus_method.documents.bundled import load_bundled
from joinus_method.planning.placement import Application, age_on, place_youths
from tests.strategies import dates

PROGRAM = load_bundled("noordwijk-katwijk-2021")
assert isinstance(PROGRAM, Program)
OLDER, YOUNGER = PROGRAM.groups


@st.composite
def applications(draw: st.DrawFn, *, max_size: int = 30) -> list[Application]:
    """Youths aged about 10 to 27, ready to join in 2021-2023, some with a leaving date."""
    found = []
    for i in range(draw(st.integers(0, max_size))):
        ready = draw(dates(dt.date(2021, 5, 1), dt.date(2023, 5, 1)))
        born = ready - dt.timedelta(days=draw(st.integers(10 * 365, 27 * 365)))
        stay = draw(st.none() | st.integers(14, 600))
        leaves = None if stay is None else ready + dt.timedelta(days=stay)
        found.append(Application(f"y-{i:03d}", born, ready, leaves))
    return found


groups = st.builds(
    lambda group, capacity: attrs.evolve(group, capacity=capacity, min_size=1),
    st.sampled_from([OLDER, YOUNGER]),
    st.integers(1, 15),
)


def change_points(placement) -> list[dt.date]:
    return sorted(
        {m.joined for m in placement.memberships}
        | {m.left for m in placement.memberships if m.left}
    )


class TestAgeBand:
    """A youth is placed only in a group whose band holds their age on the day they join; a
    youth who turns 18 inside a 12-18 group stays until they leave."""

    @given(groups, applications())
    def test_age_on_the_day_of_joining(self, group, apps) -> None:
        """Every youth placed is inside the band on the day they join; refusals say why."""
        born = {a.youth: a.born for a in apps}
        placement = place_youths(group, apps)
        for m in placement.memberships:
            assert age_on(born[m.youth], m.joined) in group.age_band
        for refusal in placement.refused:
            assert "outside the group's ages" in refusal.reason or "place" in refusal.reason

    def test_turning_18_in_the_younger_group(self) -> None:
        """A youth who turns 18 during their year in the 12-18 group stays in it."""
        youth = Application(
            "y-anna", dt.date(2003, 9, 1), dt.date(2021, 5, 17), dt.date(2022, 5, 16)
        )
        (membership,) = place_youths(YOUNGER, [youth]).memberships
        assert membership.active_on(dt.date(2022, 3, 1))
        assert age_on(youth.born, dt.date(2022, 3, 1)) == 18
        assert 18 not in AGE_12_TO_18

    def test_too_old_and_too_young(self) -> None:
        """A 26-year-old and an 11-year-old are refused, each with their age."""
        apps = [
            Application("y-old", dt.date(1995, 1, 1), dt.date(2021, 6, 1)),
            Application("y-kid", dt.date(2010, 1, 1), dt.date(2021, 6, 1)),
        ]
        older = place_youths(OLDER, apps)
        assert [r.youth for r in older.refused] == ["y-old", "y-kid"]
        assert "aged 26" in older.refused[0].reason
        assert 18 in AGE_18_TO_25


class TestGroupSize:
    """Never more than the maximum active youths; the next youth waits."""

    @given(groups, applications())
    def test_never_over_capacity(self, group, apps) -> None:
        """On every day the group holds at most its capacity."""
        placement = place_youths(group, apps)
        for day in change_points(placement):
            assert len(placement.active_on(day)) <= group.capacity

    @given(groups, applications())
    def test_waiting_only_when_full(self, group, apps) -> None:
        """A youth who waited could not have joined on the day they were ready."""
        placement = place_youths(group, apps)
        joined = {m.youth: m for m in placement.memberships}
        ready = {a.youth: a for a in apps}
        for youth, days in placement.waited:
            assert days > 0
            m = joined[youth]
            wanted = m.joined - dt.timedelta(days=days)
            others = [o for o in placement.memberships if o.youth != youth]
            points = {wanted, *(o.joined for o in others if o.joined > wanted)}
            assert any(
                sum(o.active_on(p) for o in others) >= group.capacity
                for p in points
                if m.left is None or p < m.left
            )
            assert ready[youth].ready <= m.joined

    def test_the_sixteenth_youth_waits(self) -> None:
        """With fifteen youths in, the next one joins the day a place frees up."""
        group = attrs.evolve(OLDER, capacity=15)
        born = dt.date(2000, 1, 1)
        apps = [
            Application(
                f"y-{i:02d}", born, dt.date(2021, 5, 11), dt.date(2021, 9, 14) if i == 0 else None
            )
            for i in range(16)
        ]
        placement = place_youths(group, apps)
        assert placement.waited == (("y-15", (dt.date(2021, 9, 14) - dt.date(2021, 5, 11)).days),)
        last = placement.memberships[-1]
        assert (last.youth, last.joined) == ("y-15", dt.date(2021, 9, 14))


def test_applications_are_checked() -> None:
    """An application that leaves before it joins cannot be built."""
    with pytest.raises(InvalidValue):
        Application("y-a", dt.date(2005, 1, 1), dt.date(2021, 6, 1), dt.date(2021, 5, 1))
