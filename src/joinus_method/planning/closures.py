"""The days on which sessions cannot take place.

A session is skipped on a Dutch public holiday (from the ``holidays`` package), during the
school holidays of the program's region when its group follows them (a data file shipped with
the package, one entry per holiday with its source), on a day the venue is closed, on a day
one of its workers is on leave, and on the program's own closed days. Each closed day carries
the reason shown next to the skipped date.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import tomli

from joinus_method.errors import JoinUsError
from joinus_method.messages import Message, msg
from joinus_method.model.closure import Closure
from joinus_method.model.holidays import (
    ClosureList,
    HolidayRegion,
    HolidayStatus,
    SchoolHoliday,
    SchoolHolidays,
)

if TYPE_CHECKING:
    from joinus_method.model.program import Program

__all__ = [
    "ClosureCalendar",
    "OutsideCalendar",
    "PlanningError",
    "SchoolHoliday",
    "SchoolHolidays",
    "public_holidays",
    "school_holidays",
]

SCHOOL_HOLIDAYS_FILE = "data/nl-school-holidays.toml"
"""The shipped school holidays, inside this package."""
WHOLE_COUNTRY = HolidayRegion.HEEL_NEDERLAND.value


class PlanningError(JoinUsError, ValueError):
    """A plan cannot be made from these inputs."""


class OutsideCalendar(JoinUsError, ValueError):
    """A date lies outside the days whose closures are known.

    ``day`` is the date; ``region`` the school-holiday region; ``known`` the first and last
    day known; ``school`` whether school holidays were asked for (else public holidays);
    ``series`` the series that would meet on the day, when planning found it.
    """

    def __init__(
        self,
        message: str,
        day: dt.date,
        region: str,
        known: tuple[dt.date, dt.date],
        *,
        school: bool = True,
        series: str | None = None,
    ) -> None:
        super().__init__(message)
        self.day = day
        self.region = region
        self.known = known
        self.school = school
        self.series = series


@functools.cache
def school_holidays() -> SchoolHolidays:
    """The school holidays shipped with the package."""
    try:
        text = Path(__file__).parent.joinpath(SCHOOL_HOLIDAYS_FILE).read_text("utf-8")
    except OSError:
        # Not a folder (the package is imported from a zip): importlib.resources reads it.
        from importlib import resources

        text = resources.files(__package__).joinpath(SCHOOL_HOLIDAYS_FILE).read_text("utf-8")
    data = tomli.loads(text)
    entries = tuple(
        SchoolHoliday(
            **entry
            | {"region": HolidayRegion(entry["region"]), "status": HolidayStatus(entry["status"])}
        )
        for entry in data["holiday"]
    )
    return SchoolHolidays(
        data["version"],
        data["covers_from"],
        entries,
        data["first_school_year"],
        data["last_school_year"],
    )


def _with_own(shipped: SchoolHolidays, own: SchoolHolidays, region: str) -> SchoolHolidays:
    """The shipped school holidays with *own* in their place, when no days lie between."""
    if own.covers_from > shipped.last(region) + dt.timedelta(days=7):
        raise PlanningError(
            msg(
                "the own school holidays are known from {own}, but the shipped ones "
                "of region {region} end on {shipped}: add the school years between",
                own=own.covers_from,
                region=region,
                shipped=shipped.last(region),
            )
        )
    return shipped.with_own(own)


@functools.cache
def public_holidays(first_year: int, last_year: int) -> Mapping[dt.date, str]:
    """Dutch public holidays from *first_year* to *last_year*, with their Dutch names.

    They come from the ``holidays`` package, whose import loads every country it knows
    (about a tenth of a second): what it gives is kept in the user's cache folder
    (``$XDG_CACHE_HOME/joinus_method``, or ``~/.cache/joinus_method``) for the installed
    version of the package, and read from there the next time.
    """
    cache = _cache_file(first_year, last_year)
    if cache is not None:
        try:
            # A TOML table of ISO dates and names, read with the parser the documents use.
            kept = tomli.loads(cache.read_text("utf-8"))
            return {dt.date.fromisoformat(day): name for day, name in kept.items()}
        except (OSError, ValueError, TypeError):
            pass
    import holidays

    found = holidays.country_holidays("NL", years=range(first_year, last_year + 1), language="nl")
    days = dict(sorted(found.items()))
    if cache is not None:
        import tomli_w

        _keep(cache, tomli_w.dumps({day.isoformat(): name for day, name in days.items()}))
    return days


def _cache_file(first_year: int, last_year: int) -> Path | None:
    """Where the public holidays of these years are kept for the installed ``holidays``
    (None when it cannot be told which version that is)."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    try:
        made = os.stat(spec.origin)
    except OSError:
        return None
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "joinus_method"
    stamp = f"{made.st_mtime_ns}-{made.st_size}"
    return folder / f"public-holidays-nl-{first_year}-{last_year}-{stamp}.toml"


def _keep(path: Path, text: str) -> None:
    """Write *text* to *path* whole (a cache: when it cannot be written, it is not)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_text(text, "utf-8")
        os.replace(partial, path)
    except OSError:
        pass


@attrs.frozen
class ClosureCalendar:
    """All closed days that matter to one program, ready for quick look-ups.

    Venue and leave reasons are stored as they are shown ("venue closed: verbouwing",
    "leave of anna: vakantie"), as messages made once per closure.
    """

    public: Mapping[dt.date, str]
    school: Mapping[dt.date, str]
    school_span: tuple[dt.date, dt.date]
    general: Mapping[dt.date, str]
    venues: Mapping[str, Mapping[dt.date, str]]
    people: Mapping[str, Mapping[dt.date, str]]
    region: str
    public_years: tuple[int, int] = (1, 9999)
    """The first and last year whose public holidays are loaded."""

    def __repr__(self) -> str:
        closed = len(self.public) + len(self.school) + len(self.general)
        return f"<ClosureCalendar region={self.region} with {closed} closed days>"

    @classmethod
    def for_program(
        cls,
        program: Program,
        extra: Iterable[Closure] = (),
        years: tuple[int, int] | None = None,
        until: dt.date | None = None,
        *,
        own_school_holidays: SchoolHolidays | None = None,
        closure_lists: Iterable[ClosureList] | None = None,
    ) -> ClosureCalendar:
        """The calendar of *program*, with *extra* closed days for everyone.

        Public holidays are loaded for *years* (first and last); by default for the shipped
        school years, the program's start dates with two years to spare, and *until*.
        *own_school_holidays* and *closure_lists* are the loaded files the program names
        (``school_holidays_file``, ``closures_files``): a program that names them is refused
        without them, so that no closed day is silently left open.
        """
        region = program.school_region.value
        if program.school_holidays_file is not None and own_school_holidays is None:
            raise PlanningError(
                msg(
                    "program {program!r} names school_holidays_file "
                    "{file!r}: load it (load_school_holidays) and pass "
                    "it as own_school_holidays",
                    program=program.id,
                    file=program.school_holidays_file,
                )
            )
        if program.closures_files and closure_lists is None:
            raise PlanningError(
                msg(
                    "program {program!r} names closures_files: load them (load_closures) and "
                    "pass them as closure_lists",
                    program=program.id,
                )
            )
        known = school_holidays()
        if own_school_holidays is not None:
            known = _with_own(known, own_school_holidays, region)
        extra = [*extra, *(c for lst in closure_lists or () for c in lst.closures)]
        if years is None:
            starts = [
                *(g.start_date for g in program.groups),
                *(t.start_date for t in program.trainings),
                *(e.date for e in program.events),
            ]
            years = (
                min([known.first.year, *(d.year for d in starts)]),
                max(
                    [
                        known.last(region).year + 1,
                        *(d.year + 2 for d in starts),
                        *([until.year] if until else []),
                    ]
                ),
            )
        general = _expand([*program.closures, *extra])
        venues = {v.id: _expand(v.closures, _venue_closed) for v in program.venues}
        people = {w.id: _expand(w.leave, _on_leave(w.id)) for w in program.workers}
        return cls(
            public=public_holidays(*years),
            school=known.in_region(region),
            school_span=(known.first, known.last(region)),
            general=general,
            venues=venues,
            people=people,
            region=region,
            public_years=years,
        )

    def with_closures(self, extra: Iterable[Closure]) -> ClosureCalendar:
        """This calendar with *extra* closed days for everyone."""
        general = dict(self.general)
        for day, reason in _expand(extra).items():
            general.setdefault(day, reason)
        return attrs.evolve(self, general=general)

    @functools.cached_property
    def _with_school(self) -> dict[dt.date, str]:
        return {**self.school, **self.general, **self.public}

    @functools.cached_property
    def _without_school(self) -> dict[dt.date, str]:
        return {**self.general, **self.public}

    @functools.cached_property
    def people_away(self) -> frozenset[str]:
        """The people with any leave."""
        return frozenset(p for p, days in self.people.items() if days)

    @functools.cached_property
    def venues_closed(self) -> frozenset[str]:
        """The venues with any closed day."""
        return frozenset(v for v, days in self.venues.items() if days)

    @functools.cached_property
    def _numbers_with_school(self) -> dict[int, str]:
        return {d.toordinal(): r for d, r in self._with_school.items()}

    @functools.cached_property
    def _numbers_without_school(self) -> dict[int, str]:
        return {d.toordinal(): r for d, r in self._without_school.items()}

    def known_span(self, school: bool) -> tuple[dt.date, dt.date]:
        """The first and last day whose closures are known: public holidays, and the school
        holidays too when *school*."""
        first = dt.date(self.public_years[0], 1, 1)
        last = dt.date(self.public_years[1], 12, 31)
        if school:
            first, last = max(first, self.school_span[0]), min(last, self.school_span[1])
        return first, last

    @functools.cached_property
    def _known_numbers(self) -> dict[bool, tuple[int, int]]:
        return {
            school: (span[0].toordinal(), span[1].toordinal())
            for school in (True, False)
            for span in [self.known_span(school)]
        }

    def known_numbers(self, school: bool) -> tuple[int, int]:
        """As :meth:`known_span`, in ordinal day numbers."""
        return self._known_numbers[school]

    def closed_on_grid(self, school: bool, step: int, residue: int) -> tuple[int, ...]:
        """The closed day numbers *d*, sorted, with ``d % step == residue``: the closed days
        that can fall on a grid of *step* days through *residue*."""
        key = (school, step)
        by_residue = self._grids.get(key)
        if by_residue is None:
            found: dict[int, list[int]] = {}
            for number in sorted(self.closed_numbers(school)):
                found.setdefault(number % step, []).append(number)
            by_residue = {r: tuple(days) for r, days in found.items()}
            self._grids[key] = by_residue
        return by_residue.get(residue, ())

    @functools.cached_property
    def _grids(self) -> dict[tuple[bool, int], dict[int, tuple[int, ...]]]:
        return {}

    def closed_numbers(self, school: bool) -> Mapping[int, str]:
        """As :meth:`everyone`, keyed by ordinal day number."""
        return self._numbers_with_school if school else self._numbers_without_school

    def everyone(self, school: bool) -> Mapping[dt.date, str]:
        """The days closed for every session: public holidays and the program's closures,
        with the school holidays when *school*. A public holiday's name wins."""
        return self._with_school if school else self._without_school

    def check_known(self, day: dt.date, school: bool = True) -> None:
        """Raise :class:`OutsideCalendar` when the closures of *day* are not known."""
        first, last = self.known_span(school)
        if first <= day <= last:
            return
        school_first, school_last = self.school_span
        if school and not school_first <= day <= school_last:
            raise OutsideCalendar(
                msg(
                    "{day} lies outside the known school holidays of region {region} "
                    "({first} to {last})",
                    day=day,
                    region=self.region,
                    first=school_first,
                    last=school_last,
                ),
                day,
                self.region,
                (school_first, school_last),
            )
        years = self.public_years
        raise OutsideCalendar(
            msg(
                "{day} lies outside the years whose public holidays are loaded "
                "({first} to {last}): make the calendar with more years",
                day=day,
                first=years[0],
                last=years[1],
            ),
            day,
            self.region,
            (dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)),
            school=False,
        )

    def own_numbers(self, venue: str | None, people: Iterable[str]) -> Mapping[int, str]:
        """The days closed for sessions at *venue* with *people* only, by ordinal day number:
        the venue's closures, then the leave of each of *people* in turn (the first reason
        found counts, as in :meth:`reasons_for`). Empty when none of them closes a day."""
        people = tuple(people)
        found = self._own.get((venue, people))
        if found is not None:
            return found
        closed = venue if venue in self.venues_closed else None
        away = self.people_away
        key = (closed, tuple([p for p in people if p in away]))
        found = self._own.get(key)
        if found is None:
            found = {}
            for days in [
                *([self.venues[closed]] if closed is not None else []),
                *(self.people[p] for p in key[1]),
            ]:
                for day, reason in days.items():
                    found.setdefault(day.toordinal(), reason)
            self._own[key] = found
        # The same days for the same venue and people next time, looked up at once.
        self._own[venue, people] = found
        return found

    @functools.cached_property
    def _own(self) -> dict[tuple[str | None, tuple[str, ...]], dict[int, str]]:
        return {}

    def reasons_for(
        self,
        *,
        venue: str | None = None,
        people: Iterable[str] = (),
        school: bool = True,
    ) -> Callable[[dt.date], str | None]:
        """Why a day is closed for the sessions at *venue* with *people*, as a function of the
        day giving None when it is open.

        The first reason found counts: public holiday, the program's closures, school
        holiday (when *school*), venue closure, leave. Whether the day's closures are known
        is not checked: see :meth:`check_known`. Made once per series, the function is
        asked for every grid slot of the planner.
        """
        everyone = self.everyone(school).get
        at_venue = self.venues.get(venue) if venue is not None else None
        # Only people with any leave, and a venue with any closed day, can close a day.
        lookups = [
            *([at_venue.get] if at_venue else []),
            *(self.people[p].get for p in people if p in self.people_away),
        ]
        if not lookups:
            return everyone

        def reason(day: dt.date) -> str | None:
            found = everyone(day)
            if found is None:
                for lookup in lookups:
                    found = lookup(day)
                    if found is not None:
                        break
            return found

        return reason

    def closed(
        self,
        day: dt.date,
        *,
        venue: str | None = None,
        people: Iterable[str] = (),
        school: bool = True,
    ) -> str | None:
        """Why *day* is closed for a session at *venue* with *people*, or None when open.

        The first reason found counts: public holiday, the program's closures, school
        holiday, venue closure, leave. Raises :class:`OutsideCalendar` when *school*
        holidays apply and *day* lies outside the school years whose holidays are known.
        """
        self.check_known(day, school)
        return self.reasons_for(venue=venue, people=people, school=school)(day)


def _venue_closed(closure: Closure) -> Message:
    """The reason shown for a day *closure* closes a venue."""
    return msg("venue closed: {reason}", reason=closure.reason)


def _on_leave(person: str) -> Callable[[Closure], Message]:
    """The reason shown for a day of leave of *person*, from the leave's closure."""

    def reason(closure: Closure) -> Message:
        return msg("leave of {person}: {reason}", person=person, reason=closure.reason)

    return reason


def _expand(
    closures: Iterable[Closure], shown: Callable[[Closure], str] | None = None
) -> dict[dt.date, str]:
    """Each day of *closures*, with its closure's reason, or as *shown* says it: the
    reason is made once per closure, for all of its days."""
    days: dict[dt.date, str] = {}
    for closure in closures:
        reason = shown(closure) if shown is not None else closure.reason
        for day in closure.days():
            days.setdefault(day, reason)
    return days
