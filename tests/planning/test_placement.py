"""Placing youths in groups by age band and capacity."""

from __future__ import annotations

import calendar
import collections
import datetime as dt
import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method import AGE_12_TO_18, AGE_18_TO_25, Group, InvalidValue, Membership, Program
from joinus_method.documents.bundled import load_bundled
from joinus_method.planning.placement import (
    Application,
    Placement,
    Refusal,
    place_in_groups,
    place_youths,
    too_small_to_start,
)
from tests.strategies import dates

PROGRAM = load_bundled("noordwijk-katwijk-2021")
assert isinstance(PROGRAM, Program)
OLDER, YOUNGER = PROGRAM.groups
assert (OLDER.age_band, YOUNGER.age_band) == (AGE_18_TO_25, AGE_12_TO_18)
DAY = dt.timedelta(days=1)
MONDAY = dt.date(2021, 3, 1)


def age_in_years(born: dt.date, day: dt.date) -> int:
    """Age on *day*, counted here as the birthdays passed, independently of the library.

    Someone born on 29 February has their birthday on 1 March in a common year.
    """

    def birthday(year: int) -> dt.date:
        if (born.month, born.day) == (2, 29) and not calendar.isleap(year):
            return dt.date(year, 3, 1)
        return born.replace(year=year)

    age = 0
    while birthday(born.year + age + 1) <= day:
        age += 1
    return age


def fits(group: Group, born: dt.date, day: dt.date) -> bool:
    """Whether the group's band, both ends included, holds the age on *day*."""
    return group.age_band.min_age <= age_in_years(born, day) <= group.age_band.max_age


BIRTHS = st.sampled_from(["any", "near", "leap"])


def birth(draw: st.DrawFn, ready: dt.date) -> dt.date:
    """A birth date making the youth 10 to 27 on *ready*, often with a birthday near that day
    (where the age band's edges are) and sometimes on 29 February."""
    age = draw(st.integers(10, 27))
    how = draw(BIRTHS)
    if how == "near":
        near = dt.date(ready.year - age, ready.month, min(ready.day, 28))
        return near + dt.timedelta(days=draw(st.integers(-3, 3)))
    if how == "leap":
        return dt.date(ready.year - age - (ready.year - age) % 4, 2, 29)
    return ready - dt.timedelta(days=age * 365 + draw(st.integers(0, 364)))


WEEKS = st.integers(0, 20) | st.integers(0, 113)
WEEKDAYS = st.sampled_from([0, 1]) | st.integers(0, 6)
STAYS = st.sampled_from(["open", "weeks", "days", "shared"])


@st.composite
def applications(draw: st.DrawFn, *, max_size: int = 30) -> list[Application]:
    """Youths aged about 10 to 27, ready to join in 2021-2023 (many around the groups' start,
    some before it), some with a leaving day; in an order unrelated to their ids or their
    readiness.

    Most are ready on a Monday or a Tuesday (the groups' weekdays) and stay whole weeks, and
    some leave on a day another youth leaves or a group starts, so that places often free up
    on the very day a youth would leave.
    """
    found: list[Application] = []
    ends = [OLDER.start_date, YOUNGER.start_date]
    for i in range(draw(st.integers(0, max_size))):
        ready = MONDAY + dt.timedelta(weeks=draw(WEEKS), days=draw(WEEKDAYS))
        later = [d for d in ends if d > ready]
        stay = draw(STAYS)
        if stay == "weeks":
            leaves: dt.date | None = ready + dt.timedelta(weeks=draw(st.integers(1, 86)))
        elif stay == "days":
            leaves = ready + dt.timedelta(days=draw(st.integers(1, 600)))
        elif stay == "shared" and later:
            leaves = later[draw(st.integers(0, len(later) - 1))]
        else:
            leaves = None
        if leaves:
            ends.append(leaves)
        found.append(Application(f"y-{i:03d}", birth(draw, ready), ready, leaves))
    return draw(st.permutations(found))


def one_place(group: Group) -> Group:
    return attrs.evolve(group, capacity=1, min_size=1)


groups = st.builds(
    lambda group, capacity: attrs.evolve(group, capacity=capacity, min_size=1),
    st.sampled_from([OLDER, YOUNGER]),
    st.integers(1, 15),
)


KNOWN_STAYS = st.none() | st.integers(0, 700)


@st.composite
def existing(draw: st.DrawFn, group: Group, *, later: bool = False) -> list[Membership]:
    """Memberships already known: up to five in *group*, in it from its start or before (or,
    with *later*, joining on any day into 2023), and one in another group."""
    found = [Membership("e-other", "another-group", group.start_date)]
    for i in range(draw(st.integers(0, 5))):
        if later:
            joined = draw(dates(group.start_date, dt.date(2023, 5, 1)))
        else:
            joined = group.start_date - dt.timedelta(days=draw(st.integers(0, 300)))
        stay = draw(KNOWN_STAYS)
        left = None if stay is None else joined + dt.timedelta(days=stay)
        found.append(Membership(f"e-{i}", group.id, joined, left))
    return draw(st.permutations(found))


def outcome(placement: Placement, youth: str) -> tuple[object, ...]:
    """What became of one youth: the membership, the days waited and the refusal."""
    return (
        [m for m in placement.memberships if m.youth == youth],
        [days for y, days in placement.waited if y == youth],
        [r.reason for r in placement.refused if r.youth == youth],
    )


def change_points(placement: Placement) -> list[dt.date]:
    return sorted(
        {m.joined for m in placement.memberships}
        | {m.left for m in placement.memberships if m.left}
    )


def queue_model(
    group: Group, apps: list[Application], known: list[Membership]
) -> tuple[tuple[Membership, ...], tuple[tuple[str, int], ...], dict[str, str]]:
    """The waiting list lived through day by day, as a group's workers would keep it.

    A youth joins the back of the queue on the day they are ready (youths ready on one day
    in the order given). From the group's first day on, every morning the youths whose
    leaving day has come leave the queue, and while a place is free the youth at the front
    joins, or is turned away when their age on that day is outside the group's band.
    Returns the memberships, who waited how long for a place, and why each refusal was made.
    """
    members = [m for m in known if m.group == group.id]
    arriving = collections.defaultdict(list)
    for a in apps:
        arriving[a.ready].append(a)
    events = [group.start_date, *arriving, *(a.leaves for a in apps if a.leaves)]
    day, last = min(events), max(events + [m.left for m in members if m.left])
    queue: list[Application] = []
    waited: list[tuple[str, int]] = []
    refused: dict[str, str] = {}
    while day <= last:
        queue += arriving[day]
        for a in [a for a in queue if a.leaves is not None and a.leaves <= day]:
            queue.remove(a)
            refused[a.youth] = "place"
        active = sum(m.joined <= day and (m.left is None or day < m.left) for m in members)
        while day >= group.start_date and queue and active < group.capacity:
            a = queue.pop(0)
            if not fits(group, a.born, day):
                refused[a.youth] = "age"
                continue
            members.append(Membership(a.youth, group.id, day, a.leaves))
            active += 1
            if day > max(a.ready, group.start_date):
                waited.append((a.youth, (day - max(a.ready, group.start_date)).days))
        day += DAY
    refused.update((a.youth, "place") for a in queue)
    return tuple(members), tuple(waited), refused


def why(placement: Placement) -> dict[str, str]:
    return {
        r.youth: "age" if "outside the group's ages" in r.reason else "place"
        for r in placement.refused
    }


class TestAgeBand:
    """A youth is placed only in a group whose band holds their age on the day they join; a
    youth who turns 18 inside a 12-18 group stays until they leave."""

    @given(groups, applications())
    def test_age_on_the_day_of_joining(self, group: Group, apps: list[Application]) -> None:
        """Every youth placed is inside the band on the day they join, by an age counted here;
        every youth turned away for their age is outside it on the day they could have joined."""
        born = {a.youth: a.born for a in apps}
        placement = place_youths(group, apps)
        for m in placement.memberships:
            assert fits(group, born[m.youth], m.joined)
        for refusal in placement.refused:
            said = re.fullmatch(r"aged (\d+) on (\S+), outside the group's ages .*", refusal.reason)
            if said is None:
                assert "place" in refusal.reason
                continue
            day = dt.date.fromisoformat(said[2])
            assert int(said[1]) == age_in_years(born[refusal.youth], day)
            assert not fits(group, born[refusal.youth], day)

    @pytest.mark.parametrize(
        ("group", "born", "placed"),
        [
            (YOUNGER, dt.date(2009, 5, 17), True),  # 12 on the day they join
            (YOUNGER, dt.date(2009, 5, 18), False),  # 12 only the day after
            (YOUNGER, dt.date(2003, 5, 18), True),  # 17, and 18 the day after
            (YOUNGER, dt.date(2003, 5, 17), False),  # 18 on the day they join
            (OLDER, dt.date(2003, 5, 11), True),  # 18 on the day they join
            (OLDER, dt.date(2003, 5, 12), False),  # 17, and 18 the day after
            (OLDER, dt.date(1995, 5, 12), True),  # 25, and 26 the day after
            (OLDER, dt.date(1995, 5, 11), False),  # 26 on the day they join
        ],
    )
    def test_a_birthday_on_the_joining_day(self, group: Group, born: dt.date, placed: bool) -> None:
        """A birthday on the day of joining counts: the band's both ends are ages held that day."""
        app = Application("y-a", born, group.start_date)
        placement = place_youths(group, [app])
        assert [m.joined for m in placement.memberships] == ([group.start_date] if placed else [])

    @pytest.mark.parametrize(
        ("group", "born", "ready", "placed"),
        [
            (YOUNGER, dt.date(2004, 2, 29), dt.date(2022, 2, 28), True),  # still 17
            (YOUNGER, dt.date(2004, 2, 29), dt.date(2022, 3, 1), False),  # 18
            (OLDER, dt.date(2004, 2, 29), dt.date(2022, 2, 28), False),
            (OLDER, dt.date(2004, 2, 29), dt.date(2022, 3, 1), True),
            (YOUNGER, dt.date(2012, 2, 29), dt.date(2024, 2, 28), False),  # still 11
            (YOUNGER, dt.date(2012, 2, 29), dt.date(2024, 2, 29), True),  # 12 on the day
        ],
    )
    def test_born_on_29_february(
        self, group: Group, born: dt.date, ready: dt.date, placed: bool
    ) -> None:
        """Born on 29 February: a year older on 29 February in a leap year, on 1 March else."""
        placement = place_youths(group, [Application("y-a", born, ready)])
        assert [m.joined for m in placement.memberships] == ([ready] if placed else [])

    def test_the_age_on_the_day_of_joining_not_of_applying(self) -> None:
        """An 11-year-old applying early joins if 12 when the group starts; a 17-year-old who
        turns 18 while waiting for a place is turned away on the day a place frees up."""
        group = one_place(YOUNGER)
        apps = [
            Application("y-early", dt.date(2009, 5, 1), dt.date(2021, 4, 1), dt.date(2021, 9, 1)),
            Application("y-wait", dt.date(2003, 8, 1), dt.date(2021, 6, 1)),
        ]
        placement = place_youths(group, apps)
        assert [(m.youth, m.joined) for m in placement.memberships] == [
            ("y-early", group.start_date)
        ]
        assert [r.reason for r in placement.refused] == [
            f"aged 18 on 2021-09-01, outside the group's ages {group.age_band}"
        ]

    def test_turning_18_in_the_younger_group(self) -> None:
        """A youth who turns 18 during their year in the 12-18 group stays in it."""
        youth = Application(
            "y-anna", dt.date(2003, 9, 1), dt.date(2021, 5, 17), dt.date(2022, 5, 16)
        )
        (membership,) = place_youths(YOUNGER, [youth]).memberships
        assert membership.active_on(dt.date(2022, 3, 1))
        assert age_in_years(youth.born, dt.date(2022, 3, 1)) == 18

    def test_too_old_and_too_young(self) -> None:
        """A 26-year-old and an 11-year-old are refused, each with their age."""
        apps = [
            Application("y-old", dt.date(1995, 1, 1), dt.date(2021, 6, 1)),
            Application("y-kid", dt.date(2010, 1, 1), dt.date(2021, 6, 1)),
        ]
        older = place_youths(OLDER, apps)
        assert [r.youth for r in older.refused] == ["y-old", "y-kid"]
        assert "aged 26" in older.refused[0].reason
        assert "aged 11" in older.refused[1].reason


class TestStay:
    """No youth is in a group before it starts, and nobody leaves on the day they join."""

    @given(groups, applications())
    def test_within_the_group_and_the_youth_s_own_dates(
        self, group: Group, apps: list[Application]
    ) -> None:
        """Every membership starts on or after the group's first day and the youth's ready day,
        lasts at least a day, and ends on the day the youth said they would leave."""
        wanted = {a.youth: a for a in apps}
        for m in place_youths(group, apps).memberships:
            assert m.joined >= max(group.start_date, wanted[m.youth].ready)
            assert m.left is None or m.left > m.joined
            assert m.left == wanted[m.youth].leaves

    @given(st.data(), groups, applications())
    def test_one_outcome_each(
        self, data: st.DataObject, group: Group, apps: list[Application]
    ) -> None:
        """Every application is placed or refused, once; the memberships known before come
        first and unchanged."""
        known = data.draw(existing(group))
        placement = place_youths(group, apps, known)
        mine = [m for m in known if m.group == group.id]
        assert placement.memberships[: len(mine)] == tuple(mine)
        placed = [m.youth for m in placement.memberships[len(mine) :]]
        refused = [r.youth for r in placement.refused]
        assert sorted(placed + refused) == sorted(a.youth for a in apps)

    def test_a_youth_already_in_the_group(self) -> None:
        """A youth already in the group, or applying twice, gets one place."""
        born = dt.date(2000, 1, 1)
        known = [Membership("y-a", OLDER.id, OLDER.start_date)]
        apps = [
            Application("y-a", born, dt.date(2021, 6, 1)),
            Application("y-b", born, dt.date(2021, 6, 1)),
            Application("y-b", born, dt.date(2021, 7, 1)),
            Application("y-c", born, dt.date(2021, 8, 1)),
        ]
        placement = place_youths(OLDER, apps, known)
        assert [m.youth for m in placement.memberships] == ["y-a", "y-b", "y-c"]
        assert placement.refused == (
            Refusal("y-a", "already in the group"),
            Refusal("y-b", "already in the group"),
        )

    def test_an_early_application_joins_on_the_first_day(self) -> None:
        """A youth ready before the group starts joins on its first day, without having
        waited for a place."""
        app = Application("y-a", dt.date(2000, 1, 1), dt.date(2021, 3, 1))
        placement = place_youths(OLDER, [app])
        assert [m.joined for m in placement.memberships] == [OLDER.start_date]
        assert placement.waited == ()

    def test_waiting_counted_from_the_first_day(self) -> None:
        """Of two youths ready before the group starts and one place, the second waits from
        the group's first day until the first leaves."""
        group = one_place(OLDER)
        born = dt.date(2000, 1, 1)
        apps = [
            Application("y-a", born, dt.date(2021, 3, 1), dt.date(2021, 6, 8)),
            Application("y-b", born, dt.date(2021, 3, 2)),
        ]
        placement = place_youths(group, apps)
        assert [(m.youth, m.joined) for m in placement.memberships] == [
            ("y-a", dt.date(2021, 5, 11)),
            ("y-b", dt.date(2021, 6, 8)),
        ]
        assert placement.waited == (("y-b", 28),)

    def test_leaving_on_the_first_day(self) -> None:
        """A youth ready before the group starts who leaves on its first day never joins."""
        app = Application("y-a", dt.date(2000, 1, 1), dt.date(2021, 3, 1), OLDER.start_date)
        placement = place_youths(OLDER, [app])
        assert placement.memberships == ()
        assert placement.refused == (
            Refusal("y-a", "no place frees up before the youth would leave"),
        )

    def test_a_place_that_frees_up_on_the_leaving_day(self) -> None:
        """A youth whose place would free up only on the day they leave never joins."""
        group = one_place(OLDER)
        apps = [
            Application("y-a", dt.date(2000, 1, 1), dt.date(2021, 6, 1), dt.date(2021, 9, 1)),
            Application("y-b", dt.date(2000, 1, 1), dt.date(2021, 7, 1), dt.date(2021, 9, 1)),
        ]
        placement = place_youths(group, apps)
        assert [m.youth for m in placement.memberships] == ["y-a"]
        assert [r.youth for r in placement.refused] == ["y-b"]


class TestGroupSize:
    """Never more than the maximum active youths; the next youth waits."""

    @given(st.data(), groups, applications())
    def test_never_over_capacity(
        self, data: st.DataObject, group: Group, apps: list[Application]
    ) -> None:
        """On every day a youth placed is in the group, it holds at most its capacity, also
        counting the youths already known to join later."""
        known = data.draw(existing(group, later=True))
        placement = place_youths(group, apps, known)
        placed = {a.youth for a in apps}
        for day in change_points(placement):
            active = placement.active_on(day)
            if placed.intersection(active):
                assert len(active) <= group.capacity

    def test_a_place_promised_is_kept(self) -> None:
        """A youth known to join later keeps their place: a youth who would still be in the
        group then does not get it, one who leaves before may use it until then."""
        group = one_place(OLDER)
        known = [Membership("e-1", group.id, dt.date(2021, 9, 1))]
        born = dt.date(2000, 1, 1)
        apps = [
            Application("y-a", born, dt.date(2021, 6, 1)),
            Application("y-b", born, dt.date(2021, 6, 1), dt.date(2021, 9, 1)),
        ]
        placement = place_youths(group, apps, known)
        assert [(m.youth, m.joined) for m in placement.memberships] == [
            ("e-1", dt.date(2021, 9, 1)),
            ("y-b", dt.date(2021, 6, 1)),
        ]
        assert [r.youth for r in placement.refused] == ["y-a"]

    @given(groups, applications())
    def test_waiting_only_when_full(self, group: Group, apps: list[Application]) -> None:
        """A youth who waited could not have joined on the day they could first join (the day
        they were ready, or the group's first day): the group was full on a day of the stay."""
        placement = place_youths(group, apps)
        joined = {m.youth: m for m in placement.memberships}
        ready = {a.youth: a.ready for a in apps}
        for youth, days in placement.waited:
            m = joined[youth]
            wanted = max(ready[youth], group.start_date)
            assert days == (m.joined - wanted).days > 0
            others = [o for o in placement.memberships if o.youth != youth]
            points = {wanted, *(o.joined for o in others if o.joined > wanted)}
            assert any(
                sum(o.active_on(p) for o in others) >= group.capacity
                for p in points
                if m.left is None or p < m.left
            )

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


class TestWaitingList:
    """The waiting list is first come, first served: youths take the places in the order of
    the day they are ready, youths ready on the same day in the order given."""

    @given(st.data(), groups, applications())
    def test_the_queue_lived_day_by_day(
        self, data: st.DataObject, group: Group, apps: list[Application]
    ) -> None:
        """Placing the applications at once gives what a waiting list kept day by day gives,
        with youths already in the group from its start."""
        known = data.draw(existing(group))
        placement = place_youths(group, apps, known)
        memberships, waited, refused = queue_model(group, apps, known)
        assert placement.memberships == memberships
        assert placement.waited == waited
        assert why(placement) == refused

    @given(st.data(), groups, applications())
    def test_later_youths_never_change_what_earlier_ones_get(
        self, data: st.DataObject, group: Group, apps: list[Application]
    ) -> None:
        """Taking away the applications that come later in the queue changes nothing for
        the earlier ones, also with youths already known to join later."""
        known = data.draw(existing(group, later=True))
        queue = sorted(range(len(apps)), key=lambda i: (apps[i].ready, i))
        kept = sorted(queue[: data.draw(st.integers(0, len(apps)))])
        whole = place_youths(group, apps, known)
        part = place_youths(group, [apps[i] for i in kept], known)
        for i in kept:
            assert outcome(part, apps[i].youth) == outcome(whole, apps[i].youth)

    @given(st.data(), groups, applications())
    def test_the_order_given_only_breaks_ties(
        self, data: st.DataObject, group: Group, apps: list[Application]
    ) -> None:
        """Applications in any order are placed as if given in order of readiness, those ready
        on the same day keeping the order they were given in."""
        known = data.draw(existing(group))
        in_order = sorted(apps, key=lambda a: a.ready)
        assert place_youths(group, apps, known) == place_youths(group, in_order, known)

    def test_the_first_given_of_a_day_goes_first(self) -> None:
        """Of two youths ready on the same day for the last place, the one given first gets it,
        whatever their ids."""
        group = one_place(OLDER)
        born = dt.date(2000, 1, 1)
        apps = [
            Application("y-b", born, dt.date(2021, 6, 1), dt.date(2021, 9, 1)),
            Application("y-a", born, dt.date(2021, 6, 1)),
            Application("y-0", born, dt.date(2021, 6, 2)),
        ]
        placement = place_youths(group, apps)
        assert [(m.youth, m.joined) for m in placement.memberships] == [
            ("y-b", dt.date(2021, 6, 1)),
            ("y-a", dt.date(2021, 9, 1)),
        ]


@pytest.mark.parametrize(
    ("born", "ready", "leaves", "error"),
    [
        ("2021-06-01", "2021-06-01", None, "a youth joins after being born [at $.ready]"),
        ("2005-01-01", "2021-06-01", "2021-06-01", "a youth leaves after joining [at $.leaves]"),
        ("2005-01-01", "2021-06-01", "2021-05-01", "a youth leaves after joining [at $.leaves]"),
    ],
)
def test_applications_are_checked(born: str, ready: str, leaves: str | None, error: str) -> None:
    """An application born on its ready day, or leaving on or before it, cannot be built."""
    with pytest.raises(InvalidValue) as caught:
        Application(
            "y-a",
            dt.date.fromisoformat(born),
            dt.date.fromisoformat(ready),
            None if leaves is None else dt.date.fromisoformat(leaves),
        )
    assert str(caught.value) == f"invalid application:\n  error: {error}"


class TestAcrossBands:
    """place_in_groups offers a youth who outgrows one band while waiting the group of the
    other band; too_small_to_start names groups that would start below their minimum."""

    FULL = tuple(Membership(f"jongere-{n}", YOUNGER.id, YOUNGER.start_date) for n in range(15))

    def test_outgrowing_the_band_while_waiting(self) -> None:
        """A youth of 17 waits for the full 12-18 group, turns 18, and gets a place in the
        18-25 group on the day they turn 18: it has room."""
        ready = dt.date(2021, 6, 1)
        born = dt.date(2003, 8, 1)  # 17 when ready, 18 on 1 August 2021
        apps = [Application("laat", born, ready)]
        placement = place_in_groups([YOUNGER, OLDER], apps, self.FULL)
        (joined,) = [m for m in placement.memberships if m.youth == "laat"]
        assert joined.group == OLDER.id
        assert joined.joined == dt.date(2021, 8, 1)
        assert fits(OLDER, born, joined.joined)
        assert placement.moved == (("laat", OLDER.id),)

    def test_a_place_in_the_own_band_first(self) -> None:
        """A youth whose band has a place gets it; nobody is moved."""
        apps = [Application("jong", dt.date(2006, 1, 1), dt.date(2021, 6, 1))]
        placement = place_in_groups([OLDER, YOUNGER], apps)
        assert [(m.youth, m.group) for m in placement.memberships] == [("jong", YOUNGER.id)]
        assert placement.moved == ()

    def test_no_band_fits(self) -> None:
        apps = [Application("oud", dt.date(1990, 1, 1), dt.date(2021, 6, 1))]
        placement = place_in_groups([OLDER, YOUNGER], apps)
        assert placement.memberships == ()
        assert [r.youth for r in placement.refused] == ["oud"]

    @given(applications())
    def test_bands_and_capacity_kept(self, apps: list[Application]) -> None:
        """Across both groups: every youth in the band of their group on the day they join,
        no group over capacity, each youth placed once or refused."""
        apps = list({a.youth: a for a in apps}.values())
        placement = place_in_groups([OLDER, YOUNGER], apps)
        groups = {g.id: g for g in (OLDER, YOUNGER)}
        for m in placement.memberships:
            a = next(a for a in apps if a.youth == m.youth)
            assert fits(groups[m.group], a.born, m.joined)
        for m in placement.memberships:
            active = [
                o for o in placement.memberships if o.group == m.group and o.active_on(m.joined)
            ]
            assert len(active) <= groups[m.group].capacity
        placed = [m.youth for m in placement.memberships]
        refused = [r.youth for r in placement.refused]
        assert sorted(placed + refused) == sorted(a.youth for a in apps)

    @pytest.mark.parametrize(("members", "too_small"), [(0, True), (2, True), (3, False)])
    def test_a_group_below_its_minimum(self, members: int, too_small: bool) -> None:
        memberships = [
            Membership(f"jongere-{n}", OLDER.id, OLDER.start_date) for n in range(members)
        ]
        memberships += [Membership(f"jong-{n}", YOUNGER.id, YOUNGER.start_date) for n in range(3)]
        problems = too_small_to_start(PROGRAM, memberships)
        assert [p.path for p in problems] == ([("groups", 0, "min_size")] if too_small else [])
        if too_small:
            assert problems[0].message == (
                f"group '{OLDER.id}' would start on 2021-05-11 with {members} youth"
                + ("" if members == 1 else "s")
                + ", fewer than its minimum of 3: place more youths or start later"
            )

    def test_a_youth_who_joins_later_does_not_count(self) -> None:
        memberships = [
            Membership(f"jongere-{n}", OLDER.id, OLDER.start_date + DAY * n) for n in range(4)
        ]
        memberships += [Membership(f"jong-{n}", YOUNGER.id, YOUNGER.start_date) for n in range(3)]
        (problem,) = too_small_to_start(PROGRAM, memberships)
        assert "with 1 youth," in problem.message
