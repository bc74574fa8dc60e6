"""School holidays and closure lists: the calendar data a program can bring in files of its
own, in the format of the school holidays shipped with the package."""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import msg

from ._rules import Checks, field, id_field, text_field
from .closure import Closure

__all__ = ["ClosureList", "HolidayRegion", "HolidayStatus", "SchoolHoliday", "SchoolHolidays"]

_SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")


class HolidayRegion(enum.StrEnum):
    """The region a school holiday holds for: one of the three, or the whole country."""

    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"
    HEEL_NEDERLAND = "heel-nederland"


class HolidayStatus(enum.StrEnum):
    """Whether the dates of a school holiday are fixed or advised."""

    VERPLICHT = "verplicht"
    ADVIES = "advies"


@attrs.frozen
@shared_repr
class SchoolHoliday:
    """One school holiday of one region (or the whole country), both ends included."""

    school_year: str = field("School year, such as 2029-2030.")
    kind: str = text_field("Name of the holiday, such as herfstvakantie.")
    region: HolidayRegion = field("Region the dates hold for.")
    start: dt.date = field("First day of the holiday.")
    end: dt.date = field("Last day of the holiday.")
    status: HolidayStatus = field(
        "verplicht (fixed dates) or advies (advised dates).", default=HolidayStatus.VERPLICHT
    )
    source: str = field("Where the dates come from.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("school holiday")).fields(self)
        years = _SCHOOL_YEAR.fullmatch(self.school_year)
        c.that(
            years is not None and int(years[2]) == int(years[1]) + 1,
            ("school_year",),
            msg(
                "school_year {school_year!r} is not two years in a row such as '2029-2030'",
                school_year=self.school_year,
            ),
        )
        c.that(
            self.end >= self.start,
            ("end",),
            msg("end {end} is before start {start}", end=self.end, start=self.start),
        )
        c.done()

    @property
    def reason(self) -> str:
        """How a day in this holiday is named next to a skipped date."""
        if self.region is HolidayRegion.HEEL_NEDERLAND:
            return self.kind
        return msg("{holiday} regio {region}", holiday=self.kind, region=self.region.value)


@attrs.frozen
@shared_repr
class SchoolHolidays:
    """School holidays of one or more school years, and the first day they are known from.

    The days are known from ``covers_from`` up to the end of the last summer holiday of
    each region.
    """

    version: str = text_field("Version of the dates; raise it whenever a date changes.")
    covers_from: dt.date = field("First day the dates are known for.")
    holiday: tuple[SchoolHoliday, ...] = field("The holidays.", minItems=1)
    first_school_year: str | None = field("First school year in the file.", default=None)
    last_school_year: str | None = field("Last school year in the file.", default=None)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("school holidays")).fields(self)
        c.that(
            any(h.kind == "zomervakantie" for h in self.holiday),
            ("holiday",),
            msg(
                'the holidays must end with a summer holiday (kind = "zomervakantie"): '
                "it marks how far the dates are known"
            ),
        )
        c.done()

    @property
    def holidays(self) -> tuple[SchoolHoliday, ...]:
        """The holidays."""
        return self.holiday

    @property
    def first(self) -> dt.date:
        """First day covered."""
        return self.covers_from

    @property
    def school_years(self) -> frozenset[str]:
        """The school years the file holds."""
        return frozenset(h.school_year for h in self.holiday)

    def last(self, region: str) -> dt.date:
        """Last day covered in *region*: the end of its last summer holiday."""
        return max(
            (
                h.end
                for h in self.holiday
                if h.kind == "zomervakantie" and h.region in (region, HolidayRegion.HEEL_NEDERLAND)
            ),
            default=self.covers_from,
        )

    def in_region(self, region: str) -> dict[dt.date, str]:
        """Every school-holiday day of *region*, with its reason."""
        days: dict[dt.date, str] = {}
        for h in sorted(
            self.holiday, key=lambda h: (h.start, h.status is not HolidayStatus.VERPLICHT)
        ):
            if h.region in (region, HolidayRegion.HEEL_NEDERLAND):
                reason = h.reason
                for day in Closure(h.start, reason, h.end).days():
                    days.setdefault(day, reason)
        return days

    def with_own(self, own: SchoolHolidays) -> SchoolHolidays:
        """These holidays, with the school years of *own* in place of the same years here,
        and *own*'s later years added."""
        kept = tuple(h for h in self.holiday if h.school_year not in own.school_years)
        return attrs.evolve(
            self,
            version=f"{self.version}+{own.version}",
            covers_from=min(self.covers_from, own.covers_from),
            holiday=tuple(sorted(kept + own.holiday, key=lambda h: (h.start, h.region))),
            first_school_year=None,
            last_school_year=None,
        )


@attrs.frozen
@shared_repr
class ClosureList:
    """Days closed for every session of a program, kept in a file of their own (the
    closures of a municipality's buildings, a school's study days)."""

    id: str = id_field("Identifier of the list.")
    closures: tuple[Closure, ...] = field("The closed days.")
    title: str = field("What the days are.", default="")

    def __attrs_post_init__(self) -> None:
        Checks(msg("closure list")).fields(self).done()
