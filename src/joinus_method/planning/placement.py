"""Placing youths in groups: the age band on the day of joining, and the group's capacity.

A youth is placed only in a group whose age band holds their age on the day they join; a
youth who turns 18 inside a 12-18 group stays until they leave (the birthday rule). A group
never has more active youths than its capacity: the next youth waits for the first place that
frees up; a youth who outgrows the band while waiting is offered a group of the other band
(:func:`place_in_groups`). A group that would start with fewer youths than its ``min_size``
is named by :func:`too_small_to_start`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import Problem
from joinus_method.messages import msg, msg_n
from joinus_method.model._rules import Checks, field, id_field
from joinus_method.model.people import age_on
from joinus_method.model.program import Group, Program
from joinus_method.model.youths import Membership

__all__ = [
    "Application",
    "Placement",
    "Refusal",
    "age_on",
    "place_in_groups",
    "place_youths",
    "too_small_to_start",
]


@attrs.frozen
@shared_repr
class Application:
    """A youth, after signalling, registration and intake, ready to join a group."""

    youth: str = id_field("Pseudonymous id of the youth.")
    born: dt.date = field("Date of birth (kept with the personal data; used here only).")
    ready: dt.date = field("First day the youth can join.")
    leaves: dt.date | None = field("Day the youth will leave, when known.", default=None)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("application")).fields(self)
        c.that(self.born < self.ready, ("ready",), msg("a youth joins after being born"))
        c.that(
            self.leaves is None or self.leaves > self.ready,
            ("leaves",),
            msg("a youth leaves after joining"),
        )
        c.done()


@attrs.frozen
@shared_repr
class Refusal:
    """An application the group cannot take, and why."""

    youth: str
    reason: str


@attrs.frozen
@shared_repr
class Placement:
    """The outcome of placing applications in one group."""

    memberships: tuple[Membership, ...]
    """Every membership, the existing ones first, then the new ones in order of joining."""
    waited: tuple[tuple[str, int], ...]
    """For each youth who had to wait for a place: (youth, days waited)."""
    refused: tuple[Refusal, ...]
    moved: tuple[tuple[str, str], ...] = ()
    """For each youth placed in a group of another band than the one their age first fitted,
    because they outgrew it while waiting: (youth, group)."""

    def active_on(self, day: dt.date) -> tuple[str, ...]:
        """The youths in the group on *day*."""
        return tuple(m.youth for m in self.memberships if m.active_on(day))


def place_youths(
    group: Group,
    applications: Sequence[Application],
    existing: Iterable[Membership] = (),
) -> Placement:
    """Place *applications* in *group*, in order of readiness (then as given).

    Each youth joins on the first day from ``ready`` (and not before the group starts) on
    which the group has a free place; their age on that day must lie in the group's band, or
    the application is refused. Pure: the existing memberships are not changed.
    """
    members = [m for m in existing if m.group == group.id]
    refused: list[Refusal] = []
    waited: list[tuple[str, int]] = []
    known = {m.youth for m in members}
    order = sorted(range(len(applications)), key=lambda i: (applications[i].ready, i))
    for i in order:
        a = applications[i]
        if a.youth in known:
            refused.append(Refusal(a.youth, msg("already in the group")))
            continue
        wanted = max(a.ready, group.start_date)
        day = _first_free_day(members, wanted, group.capacity, a.leaves)
        if day is None or (a.leaves is not None and day >= a.leaves):
            refused.append(Refusal(a.youth, msg("no place frees up before the youth would leave")))
            continue
        age = age_on(a.born, day)
        if age not in group.age_band:
            refused.append(
                Refusal(
                    a.youth,
                    msg(
                        "aged {age} on {day}, outside the group's ages {band}",
                        age=age,
                        day=day,
                        band=str(group.age_band),
                    ),
                )
            )
            continue
        if day > wanted:
            waited.append((a.youth, (day - wanted).days))
        members.append(Membership(a.youth, group.id, day, a.leaves))
        known.add(a.youth)
    return Placement(tuple(members), tuple(waited), tuple(refused))


def _first_free_day(
    members: Sequence[Membership], wanted: dt.date, capacity: int, leaves: dt.date | None
) -> dt.date | None:
    """The first day from *wanted* from which a place stays free for the whole stay (up to
    *leaves*, or for good): fewer than *capacity* members active on every day of it."""
    candidates = sorted({wanted, *(m.left for m in members if m.left and m.left > wanted)})
    for day in candidates:
        # The count only rises when a member joins: check the first day and every later join.
        points = {day, *(m.joined for m in members if m.joined > day)}
        if all(_active(members, p) < capacity for p in points if leaves is None or p < leaves):
            return day
    return None


def _active(members: Sequence[Membership], day: dt.date) -> int:
    return sum(1 for m in members if m.active_on(day))


def place_in_groups(
    groups: Sequence[Group],
    applications: Sequence[Application],
    existing: Iterable[Membership] = (),
) -> Placement:
    """Place *applications* in the *groups* of one program, in order of readiness.

    Each youth is offered the groups whose age band holds their age on the day they are
    ready, in the order given, and takes the first that has a place while their age still
    fits its band. A youth who outgrows that band while waiting for a place (or who fits no
    band on the day they are ready, and will fit one later) is offered the groups of the other
    bands, and is listed in ``moved``. Pure: the existing memberships are not changed.
    """
    members = list(existing)
    refused: list[Refusal] = []
    waited: list[tuple[str, int]] = []
    moved: list[tuple[str, str]] = []
    order = sorted(range(len(applications)), key=lambda i: (applications[i].ready, i))
    for i in order:
        a = applications[i]
        if any(m.youth == a.youth and (m.left is None or m.left > a.ready) for m in members):
            refused.append(Refusal(a.youth, msg("already in a group")))
            continue
        fitting = [g for g in groups if age_on(a.born, max(a.ready, g.start_date)) in g.age_band]
        others = [g for g in groups if g not in fitting]
        placed = False
        for group in [*fitting, *others]:
            wanted = max(a.ready, group.start_date, _turns(a.born, group.age_band.min_age))
            in_group = [m for m in members if m.group == group.id]
            day = _first_free_day(in_group, wanted, group.capacity, a.leaves)
            if day is None or (a.leaves is not None and day >= a.leaves):
                continue
            if age_on(a.born, day) not in group.age_band:
                continue
            if day > wanted:
                waited.append((a.youth, (day - wanted).days))
            if fitting and group not in fitting:
                moved.append((a.youth, group.id))
            members.append(Membership(a.youth, group.id, day, a.leaves))
            placed = True
            break
        if not placed:
            refused.append(
                Refusal(a.youth, msg("no group has a place while the youth's age fits its band"))
            )
    return Placement(tuple(members), tuple(waited), tuple(refused), tuple(moved))


def too_small_to_start(program: Program, memberships: Iterable[Membership]) -> list[Problem]:
    """A problem at ``groups[i].min_size`` for each group of *program* that would start (on
    its first day) with fewer youths of *memberships* than its ``min_size``."""
    memberships = tuple(memberships)
    problems = []
    for i, group in enumerate(program.groups):
        count = sum(1 for m in memberships if m.group == group.id and m.active_on(group.start_date))
        if count < group.min_size:
            problems.append(
                Problem(
                    msg_n(
                        "group {group!r} would start on {start} with {count} youth, fewer "
                        "than its minimum of {least}: place more youths or start later",
                        "group {group!r} would start on {start} with {count} youths, fewer "
                        "than its minimum of {least}: place more youths or start later",
                        count,
                        group=group.id,
                        start=group.start_date,
                        least=group.min_size,
                    ),
                    ("groups", i, "min_size"),
                )
            )
    return problems


def _turns(born: dt.date, years: int) -> dt.date:
    """The day someone born on *born* becomes *years* old (1 March for 29 February)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)
