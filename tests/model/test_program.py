"""Programs, groups, venues and age bands cannot be built when they break a rule."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from joinus_method import (
    AGE_12_TO_18,
    AGE_18_TO_25,
    AgeBand,
    Closure,
    Group,
    InvalidValue,
    Program,
    UnknownId,
    Weekday,
)
from joinus_method.documents.bundled import load_bundled

PROGRAM = load_bundled("noordwijk-katwijk-2021")
assert isinstance(PROGRAM, Program)


def group(**changes: object) -> Group:
    fields: dict[str, object] = {
        "id": "g",
        "name": "G",
        "age_band": AGE_12_TO_18,
        "weekday": Weekday.MONDAY,
        "start_date": dt.date(2021, 5, 17),
        "start_time": dt.time(19),
        "venue": "v",
        "workers": ("a", "b"),
    }
    fields.update(changes)
    return Group(**fields)  # type: ignore[arg-type]


def test_age_bands() -> None:
    """12 up to 18 holds 12 to 17; 18 up to and including 25 holds 18 to 25."""
    assert 12 in AGE_12_TO_18
    assert 17 in AGE_12_TO_18
    assert 18 not in AGE_12_TO_18
    assert 18 in AGE_18_TO_25
    assert 25 in AGE_18_TO_25
    assert 26 not in AGE_18_TO_25


@pytest.mark.parametrize(("low", "high"), [(11, 17), (18, 26), (20, 19)])
def test_age_band_outside_12_to_25(low: int, high: int) -> None:
    """An age band outside 12-25, or upside down, cannot be built."""
    with pytest.raises(InvalidValue):
        AgeBand(low, high)


def test_group_with_one_worker() -> None:
    """A group needs exactly two different workers."""
    with pytest.raises(InvalidValue, match="exactly 2"):
        group(workers=("a",))
    with pytest.raises(InvalidValue, match="different people"):
        group(workers=("a", "a"))


def test_group_size() -> None:
    """A group holds at most 15 youths, and its minimum fits inside its capacity."""
    with pytest.raises(InvalidValue):
        group(capacity=16)
    with pytest.raises(InvalidValue):
        group(capacity=5, min_size=6)


def test_group_starts_on_its_weekday() -> None:
    """The start date falls on the group's weekday."""
    with pytest.raises(InvalidValue, match="is a tuesday"):
        group(start_date=dt.date(2021, 5, 18))


def test_closure_days() -> None:
    """A closure holds its days, both ends included, and cannot end before it starts."""
    c = Closure(dt.date(2021, 7, 17), "zomervakantie", dt.date(2021, 8, 29))
    assert dt.date(2021, 8, 29) in c
    assert dt.date(2021, 8, 30) not in c
    assert Closure(dt.date(2021, 5, 13), "Hemelvaartsdag").last == dt.date(2021, 5, 13)
    with pytest.raises(InvalidValue):
        Closure(dt.date(2021, 5, 13), "x", dt.date(2021, 5, 12))


def test_program_cross_references() -> None:
    """A group naming an unknown venue or worker, and duplicate ids, are all reported."""
    bad_group = attrs.evolve(PROGRAM.groups[0], venue="nergens", workers=("x", "y"))
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(PROGRAM, groups=(bad_group, PROGRAM.groups[0]))
    assert {p.path for p in caught.value.problems} == {
        ("groups", 0, "venue"),
        ("groups", 0, "workers", 0),
        ("groups", 0, "workers", 1),
        ("groups", 1, "id"),
    }


def test_unknown_timezone() -> None:
    """A time zone that does not exist is refused."""
    with pytest.raises(InvalidValue, match="unknown time zone"):
        attrs.evolve(PROGRAM, timezone="Europe/Noordwijk")


def test_lookups() -> None:
    """Program members are found by id; an unknown id is a KeyError of our own."""
    assert PROGRAM.venue("x-out").name == "X-Out"
    with pytest.raises(UnknownId) as caught:
        PROGRAM.group("nope")
    assert isinstance(caught.value, KeyError)


def test_bundled_program_reproduces_the_seed() -> None:
    """Noordwijk with Katwijk: 18-25 from Tue 11 May 2021 at X-Out, 12-18 from Mon 17 May.

    The 12-18 group meets at The Base.
    """
    assert PROGRAM.fictional_names
    assert {m.name for m in PROGRAM.municipalities} == {"Noordwijk", "Katwijk"}
    assert "Welzijnskwartier" in {o.name for o in PROGRAM.organisations}
    by_band = {(g.age_band.min_age, g.age_band.max_age): g for g in PROGRAM.groups}
    older, younger = by_band[(18, 25)], by_band[(12, 17)]
    assert (older.weekday, older.start_date) == (Weekday.TUESDAY, dt.date(2021, 5, 11))
    assert PROGRAM.venue(older.venue).name == "X-Out"
    assert (younger.weekday, younger.start_date) == (Weekday.MONDAY, dt.date(2021, 5, 17))
    assert PROGRAM.venue(younger.venue).name == "The Base"
    assert PROGRAM.school_region.value == "midden"
    (webinar,) = PROGRAM.events
    assert webinar.date == dt.date(2021, 4, 20)
    assert webinar.online


def test_series_ids_are_shared() -> None:
    """A training, an event and a group may not share an id: they are all series of sessions."""
    (training,) = PROGRAM.trainings
    with pytest.raises(InvalidValue, match="already used by one of the groups"):
        attrs.evolve(PROGRAM, trainings=(attrs.evolve(training, id=PROGRAM.groups[0].id),))


def test_time_zone_must_exist_and_times_be_local() -> None:
    """A folder name is no time zone; trainings and events start at a local time."""
    with pytest.raises(InvalidValue, match="unknown time zone"):
        attrs.evolve(PROGRAM, timezone="Europe")
    aware = dt.time(19, tzinfo=dt.UTC)
    with pytest.raises(InvalidValue, match="local time"):
        attrs.evolve(PROGRAM.trainings[0], start_time=aware)
    with pytest.raises(InvalidValue, match="local time"):
        attrs.evolve(PROGRAM.events[0], start_time=aware)
