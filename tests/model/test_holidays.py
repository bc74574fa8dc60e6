"""School holidays as values: their rules, and an own file taking the place of shipped years."""

from __future__ import annotations

import datetime as dt

import pytest

from joinus_method.errors import InvalidValue
from joinus_method.model.holidays import (
    HolidayRegion,
    HolidayStatus,
    SchoolHoliday,
    SchoolHolidays,
)

D = dt.date


def holiday(
    year: str, kind: str, start: dt.date, end: dt.date, region: str = "midden"
) -> SchoolHoliday:
    """A school holiday of *region*."""
    return SchoolHoliday(year, kind, HolidayRegion(region), start, end)


SHIPPED = SchoolHolidays(
    "1",
    D(2028, 8, 28),
    (
        holiday("2028-2029", "herfstvakantie", D(2028, 10, 14), D(2028, 10, 22)),
        holiday("2028-2029", "zomervakantie", D(2029, 7, 14), D(2029, 8, 26)),
        holiday("2028-2029", "zomervakantie", D(2029, 7, 7), D(2029, 8, 19), "zuid"),
    ),
)


@pytest.mark.parametrize(
    ("year", "start", "end", "message", "key"),
    [
        ("2029/2030", D(2029, 10, 13), D(2029, 10, 21), "is not two years in a row", "school_year"),
        ("2029-2031", D(2029, 10, 13), D(2029, 10, 21), "is not two years in a row", "school_year"),
        ("2029-2030", D(2029, 10, 21), D(2029, 10, 13), "end 2029-10-13 is before start", "end"),
    ],
)
def test_a_holiday_that_breaks_a_rule(
    year: str, start: dt.date, end: dt.date, message: str, key: str
) -> None:
    """A school year is two years in a row; a holiday ends on or after its start."""
    with pytest.raises(InvalidValue) as caught:
        holiday(year, "herfstvakantie", start, end)
    (problem,) = caught.value.problems
    assert message in problem.message
    assert problem.path == (key,)


def test_the_holidays_end_with_a_summer_holiday() -> None:
    """Without a summer holiday there is no telling how far the dates are known."""
    autumn = holiday("2029-2030", "herfstvakantie", D(2029, 10, 13), D(2029, 10, 21))
    with pytest.raises(InvalidValue, match="must end with a summer holiday"):
        SchoolHolidays("1", D(2029, 8, 27), (autumn,))


def test_reasons_and_regions() -> None:
    """A region's days carry the holiday's name; the whole country's need no region."""
    christmas = holiday(
        "2028-2029", "kerstvakantie", D(2028, 12, 23), D(2029, 1, 7), "heel-nederland"
    )
    days = SchoolHolidays("1", D(2028, 8, 28), (*SHIPPED.holiday, christmas)).in_region("midden")
    assert days[D(2028, 10, 14)] == "herfstvakantie regio midden"
    assert days[D(2029, 1, 7)] == "kerstvakantie"
    assert D(2029, 7, 7) not in days
    assert christmas.status is HolidayStatus.VERPLICHT
    assert (SHIPPED.last("midden"), SHIPPED.last("zuid"), SHIPPED.last("noord")) == (
        D(2029, 8, 26),
        D(2029, 8, 19),
        D(2028, 8, 28),
    )


def test_own_years_take_the_place_of_the_shipped_ones() -> None:
    """An own file takes the place of the school years it holds, in every region, and adds
    later ones."""
    own = SchoolHolidays(
        "eigen",
        D(2028, 8, 28),
        (
            holiday("2028-2029", "herfstvakantie", D(2028, 10, 21), D(2028, 10, 29)),
            holiday("2028-2029", "zomervakantie", D(2029, 7, 21), D(2029, 9, 2)),
            holiday("2029-2030", "zomervakantie", D(2030, 7, 13), D(2030, 8, 25)),
        ),
    )
    merged = SHIPPED.with_own(own)
    assert merged.version == "1+eigen"
    assert merged.holiday == own.holiday
    days = merged.in_region("midden")
    assert D(2028, 10, 14) not in days
    assert D(2028, 10, 29) in days
    assert merged.last("midden") == D(2030, 8, 25)
    # A school year is taken whole, in every region: this one names no summer for zuid.
    assert merged.last("zuid") == D(2028, 8, 28)
