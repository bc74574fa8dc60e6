"""A program: one local deployment of the method, with its people, venues and groups."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, TypeVar

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import UnknownId
from joinus_method.messages import Message, msg

from ._rules import Checks, field, id_field, text_field
from .closure import Closure
from .people import Coach, Municipality, Organisation, YouthWorker

if TYPE_CHECKING:
    import zoneinfo

__all__ = [
    "AGE_12_TO_18",
    "AGE_18_TO_25",
    "MAX_GROUP_SIZE",
    "AgeBand",
    "Closure",
    "CurriculumChoice",
    "Event",
    "Group",
    "Program",
    "SchoolRegion",
    "Training",
    "Venue",
    "Weekday",
]

MIN_AGE = 12
MAX_AGE = 25
MAX_GROUP_SIZE = 15


class Weekday(enum.StrEnum):
    """A day of the week, Monday first."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """0 for Monday to 6 for Sunday, as :meth:`datetime.date.weekday`."""
        return _NUMBERS[self]

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        """The weekday of *day*."""
        return _DAYS[day.weekday()]

    @property
    def label(self) -> Message:
        """The weekday in words, as messages say it (and translate it)."""
        return _WEEKDAYS[self]


_DAYS: tuple[Weekday, ...] = tuple(Weekday)
"""The weekdays, Monday first: ``_DAYS[day.weekday()]`` is the weekday of *day*."""
_NUMBERS: dict[Weekday, int] = {day: number for number, day in enumerate(_DAYS)}

_WEEKDAYS: dict[Weekday, Message] = {
    Weekday.MONDAY: msg("monday"),
    Weekday.TUESDAY: msg("tuesday"),
    Weekday.WEDNESDAY: msg("wednesday"),
    Weekday.THURSDAY: msg("thursday"),
    Weekday.FRIDAY: msg("friday"),
    Weekday.SATURDAY: msg("saturday"),
    Weekday.SUNDAY: msg("sunday"),
}
"""Each weekday in words, as the messages say it: see :attr:`Weekday.label`."""


class SchoolRegion(enum.StrEnum):
    """The school-holiday region of the Netherlands."""

    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


@attrs.frozen
@shared_repr
class AgeBand:
    """The ages a group is for, both ends included (12 up to 18 is ``AgeBand(12, 17)``)."""

    min_age: int = field("Youngest age in the group.", minimum=MIN_AGE, maximum=MAX_AGE)
    max_age: int = field("Oldest age in the group.", minimum=MIN_AGE, maximum=MAX_AGE)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("age band")).fields(self)
        if self.max_age < self.min_age:
            c.fail(
                ("max_age",),
                msg(
                    "max_age {max_age} is below min_age {min_age}",
                    max_age=self.max_age,
                    min_age=self.min_age,
                ),
            )
        c.done()

    def __contains__(self, age: object) -> bool:
        return isinstance(age, int) and self.min_age <= age <= self.max_age

    def __str__(self) -> str:
        return f"{self.min_age}–{self.max_age}"


AGE_12_TO_18 = AgeBand(12, 17)
"""12 up to 18: from the 12th birthday to the day before the 18th."""
AGE_18_TO_25 = AgeBand(18, 25)
"""18 up to and including 25."""


@attrs.frozen
@shared_repr
class Venue:
    """A place where groups meet, such as a youth centre."""

    id: str = id_field("Identifier of the venue.")
    name: str = text_field("Name of the venue.")
    municipality: str = field("Id of the municipality it lies in.")
    address: str = field("Street address.", default="")
    closures: tuple[Closure, ...] = field("Days the venue is closed.", default=())
    rooms: int = field("How many sessions the venue can host at once.", default=1, minimum=1)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("venue")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Group:
    """A group of youths that meets at a venue, guided by two workers."""

    id: str = id_field("Identifier of the group.")
    name: str = text_field("Name of the group.")
    age_band: AgeBand = field(
        "The ages the group is for, both included. A youth's age on the day of joining "
        "decides; a youth who turns 18 in a 12-17 group stays until they leave."
    )
    weekday: Weekday = field("Day of the week the group meets.")
    start_date: dt.date = field("Day of the first meeting; falls on the weekday.")
    start_time: dt.time = field("Local time meetings start.")
    venue: str = field("Id of the venue.")
    workers: tuple[str, ...] = field(
        "Ids of the two workers who guide the group.", minItems=2, maxItems=2
    )
    capacity: int = field(
        "Most youths in the group at once.",
        default=MAX_GROUP_SIZE,
        minimum=1,
        maximum=MAX_GROUP_SIZE,
    )
    min_size: int = field(
        "Fewest youths for the group to run (3 in the method): a group that would start with "
        "fewer is named when youths are placed.",
        default=3,
        minimum=1,
    )
    follows_school_holidays: bool = field(
        "Skip the school holidays of the program's region.", default=True
    )
    curriculum: str | None = field(
        "Id of the curriculum of the evenings, when not the program's.", default=None
    )
    end_date: dt.date | None = field(
        "Last day the group may meet; left out while the group runs on.", default=None
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("group")).fields(self)
        # Each message is made only for a rule that is broken: most groups break none.
        if self.end_date is not None and self.end_date < self.start_date:
            c.fail(
                ("end_date",),
                msg(
                    "end_date {end_date} lies before start_date {start_date}",
                    end_date=self.end_date,
                    start_date=self.start_date,
                ),
            )
        if len(self.workers) != 2:
            c.fail(
                ("workers",),
                msg(
                    "a group is guided by exactly two workers, not {count}",
                    count=len(self.workers),
                ),
            )
        if len(set(self.workers)) != len(self.workers):
            c.fail(("workers",), msg("the two workers of a group must be different people"))
        c.between(("min_size",), self.min_size, 1, self.capacity)
        actual = Weekday.of(self.start_date)
        if actual is not self.weekday:
            c.fail(
                ("start_date",),
                msg(
                    "start_date {start_date} is a {actual}, but the group meets on {weekday}",
                    start_date=self.start_date,
                    actual=_WEEKDAYS[actual],
                    weekday=_WEEKDAYS[self.weekday],
                ),
            )
        if self.start_time.tzinfo is not None:
            c.fail(("start_time",), msg("give a local time"))
        c.done()


@attrs.frozen
@shared_repr
class Training:
    """A cohort of workers following the worker training with a coach."""

    id: str = id_field("Identifier of the training cohort.")
    coach: str = field("Id of the coach who gives the training.")
    workers: tuple[str, ...] = field("Ids of the workers in the cohort.", minItems=1)
    weekday: Weekday = field("Day of the week the training meets.")
    start_date: dt.date = field("Day of the first training session; falls on the weekday.")
    start_time: dt.time = field("Local time sessions start.")
    venue: str | None = field("Id of the venue, when not online.", default=None)
    follows_school_holidays: bool = field(
        "Skip the school holidays of the program's region.", default=False
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("training")).fields(self)
        c.unique("workers", self.workers, lambda w: w, msg("worker"))
        actual = Weekday.of(self.start_date)
        if actual is not self.weekday:
            c.fail(
                ("start_date",),
                msg(
                    "start_date {start_date} is a {actual}, but the training meets on {weekday}",
                    start_date=self.start_date,
                    actual=_WEEKDAYS[actual],
                    weekday=_WEEKDAYS[self.weekday],
                ),
            )
        if self.start_time.tzinfo is not None:
            c.fail(("start_time",), msg("give a local time"))
        c.done()


@attrs.frozen
@shared_repr
class Event:
    """A one-off meeting such as the awareness webinar for professionals."""

    id: str = id_field("Identifier of the event.")
    title: str = text_field("Title of the event.")
    curriculum: str = field("Id of the curriculum the event follows.")
    date: dt.date = field("Day of the event.")
    start_time: dt.time = field("Local start time.")
    organisation: str = field("Id of the organisation that hosts it.")
    online: bool = field("Held online (a webinar).", default=False)
    venue: str | None = field("Id of the venue, when not online.", default=None)
    registration: str = field("How to register.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("event")).fields(self)
        c.that(
            self.online or self.venue is not None,
            ("venue",),
            msg("an event that is not online needs a venue"),
        )
        c.that(self.start_time.tzinfo is None, ("start_time",), msg("give a local time"))
        c.done()


@attrs.frozen
@shared_repr
class CurriculumChoice:
    """The curricula and progress framework a program uses, by id."""

    training: str = field("Id of the worker training (coach → workers).")
    groups: str = field("Id of the group evenings (workers → youths).")
    framework: str = field("Id of the progress framework.")
    awareness: str | None = field("Id of the awareness curriculum for professionals.", default=None)

    def __attrs_post_init__(self) -> None:
        Checks(msg("curriculum choice")).fields(self).done()


@attrs.frozen
@shared_repr
class Program:
    """One local deployment: who commissions it, who runs it, where and when groups meet."""

    id: str = id_field("Identifier of the program.")
    title: str = text_field("Title of the program.")
    curricula: CurriculumChoice = field("The curricula the program uses.")
    municipalities: tuple[Municipality, ...] = field("Municipalities that commission it.")
    organisations: tuple[Organisation, ...] = field("Organisations taking part.")
    coaches: tuple[Coach, ...] = field("Coaches of the foundation.")
    workers: tuple[YouthWorker, ...] = field("Youth workers.")
    venues: tuple[Venue, ...] = field("Places where groups meet.")
    groups: tuple[Group, ...] = field("The groups.")
    events: tuple[Event, ...] = field("One-off events such as a webinar.", default=())
    trainings: tuple[Training, ...] = field(
        "Cohorts of workers following the worker training.", default=()
    )
    closures: tuple[Closure, ...] = field(
        "Extra days on which no session of the program takes place.", default=()
    )
    school_region: SchoolRegion = field(
        "School-holiday region of the municipalities.", default=SchoolRegion.MIDDEN
    )
    school_holidays_file: str | None = field(
        "Path, from this file, of an own school-holiday file (format "
        "joinus.school-holidays.v1): its school years take the place of the shipped ones, "
        "and later years are added.",
        default=None,
    )
    closures_files: tuple[str, ...] = field(
        "Paths, from this file, of closure lists (format joinus.closures.v1): their days "
        "are closed for every session, as the closures here.",
        default=(),
    )
    timezone: str = field("Time zone of the sessions.", default="Europe/Amsterdam")
    max_groups_per_worker: int = field(
        "Most groups one worker may guide at once.", default=2, minimum=1
    )
    fictional_names: bool = field("The names of people in this file are invented.", default=False)
    description: str = field("What the program is.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("program")).fields(self)
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            c.fail(("timezone",), msg("unknown time zone {timezone!r}", timezone=self.timezone))
        # The words for the kinds of id, made once rather than for each id checked.
        municipality_word = msg("municipality")
        organisation_word = msg("organisation")
        coach_word = msg("coach")
        worker_word = msg("worker")
        venue_word = msg("venue")
        municipalities = c.unique("municipalities", self.municipalities, lambda m: m.id)
        organisations = c.unique("organisations", self.organisations, lambda o: o.id)
        coaches = c.unique("coaches", self.coaches, lambda p: p.id)
        workers = c.unique("workers", self.workers, lambda p: p.id)
        venues = c.unique("venues", self.venues, lambda v: v.id)
        c.unique("groups", self.groups, lambda g: g.id)
        c.unique("events", self.events, lambda e: e.id)
        for i, worker in enumerate(self.workers):
            if worker.id in coaches:
                c.fail(
                    ("workers", i, "id"),
                    msg("id {id!r} is already used by a coach", id=worker.id),
                )
        for i, org in enumerate(self.organisations):
            for j, m in enumerate(org.municipalities):
                c.known(
                    ("organisations", i, "municipalities", j),
                    m,
                    municipalities,
                    municipality_word,
                )
        for i, coach in enumerate(self.coaches):
            c.known(
                ("coaches", i, "organisation"),
                coach.organisation,
                organisations,
                organisation_word,
            )
            if coach.trained_by is not None:
                c.known(("coaches", i, "trained_by"), coach.trained_by, coaches, coach_word)
        for i, worker in enumerate(self.workers):
            c.known(
                ("workers", i, "organisation"),
                worker.organisation,
                organisations,
                organisation_word,
            )
            if worker.trained_by is not None:
                c.known(("workers", i, "trained_by"), worker.trained_by, coaches, coach_word)
        for i, venue in enumerate(self.venues):
            c.known(
                ("venues", i, "municipality"),
                venue.municipality,
                municipalities,
                municipality_word,
            )
        for i, group in enumerate(self.groups):
            c.known(("groups", i, "venue"), group.venue, venues, venue_word)
            for j, w in enumerate(group.workers):
                c.known(("groups", i, "workers", j), w, workers, worker_word)
        c.unique("trainings", self.trainings, lambda t: t.id)
        # Groups, trainings and events are all series of sessions, named by one id space.
        series: dict[str, str] = {}
        named: list[tuple[str, list[str]]] = [
            ("groups", [g.id for g in self.groups]),
            ("trainings", [t.id for t in self.trainings]),
            ("events", [e.id for e in self.events]),
        ]
        for name, ids in named:
            for i, series_id in enumerate(ids):
                other = series.setdefault(series_id, name)
                if other != name:
                    c.fail((name, i, "id"), _already_used(series_id, other))
        for i, training in enumerate(self.trainings):
            c.known(("trainings", i, "coach"), training.coach, coaches, coach_word)
            for j, w in enumerate(training.workers):
                c.known(("trainings", i, "workers", j), w, workers, worker_word)
            if training.venue is not None:
                c.known(("trainings", i, "venue"), training.venue, venues, venue_word)
        for i, event in enumerate(self.events):
            c.known(
                ("events", i, "organisation"),
                event.organisation,
                organisations,
                organisation_word,
            )
            if event.venue is not None:
                c.known(("events", i, "venue"), event.venue, venues, venue_word)
        c.done()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The program's time zone."""
        import zoneinfo

        return zoneinfo.ZoneInfo(self.timezone)

    def worker(self, worker_id: str) -> YouthWorker:
        """The worker with id *worker_id*."""
        return _by_id(self.workers, worker_id, YouthWorker)

    @property
    def people_names(self) -> dict[str, str]:
        """The name of every worker and coach, by id."""
        return {w.id: w.name for w in self.workers} | {c.id: c.name for c in self.coaches}

    def coach(self, coach_id: str) -> Coach:
        """The coach with id *coach_id*."""
        return _by_id(self.coaches, coach_id, Coach)

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with id *organisation_id*."""
        return _by_id(self.organisations, organisation_id, Organisation)

    def venue(self, venue_id: str) -> Venue:
        """The venue with id *venue_id*."""
        return _by_id(self.venues, venue_id, Venue)

    def group(self, group_id: str) -> Group:
        """The group with id *group_id*."""
        return _by_id(self.groups, group_id, Group)


def _already_used(series_id: str, other: str) -> Message:
    """The message for a series id that one of the *other* series (a key of the program:
    ``"groups"``, ``"trainings"`` or ``"events"``) already uses."""
    if other == "groups":
        return msg("id {id!r} is already used by one of the groups", id=series_id)
    if other == "trainings":
        return msg("id {id!r} is already used by one of the trainings", id=series_id)
    return msg("id {id!r} is already used by one of the events", id=series_id)


_Named = TypeVar("_Named", Coach, YouthWorker, Venue, Group, Organisation)

_KINDS: dict[type, Message] = {
    Coach: msg("coach"),
    YouthWorker: msg("worker"),
    Venue: msg("venue"),
    Group: msg("group"),
    Organisation: msg("organisation"),
}
"""What a value looked up by id is called in messages."""


def _by_id(items: tuple[_Named, ...], wanted: str, kind: type[_Named]) -> _Named:
    for item in items:
        if item.id == wanted:
            return item
    raise UnknownId(_KINDS[kind], wanted)
