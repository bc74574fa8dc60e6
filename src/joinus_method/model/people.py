"""The people of the chain and the organisations around them.

A youth is known to the model only by a pseudonymous id. Name, contact details and date
of birth live in :class:`PersonalData`, which is stored apart and can be erased on its own.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import msg

from ._rules import Checks, field, id_field, text_field
from .closure import Closure

if TYPE_CHECKING:
    import random

__all__ = [
    "Coach",
    "Membership",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "PersonalData",
    "Youth",
    "YouthWorker",
    "age_on",
    "new_pseudonym",
]


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on *day* of someone born on *born*."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


_PSEUDONYM_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_pseudonym(rng: random.Random | None = None) -> str:
    """A fresh pseudonymous youth id such as ``y-7k2mq9xh``, unrelated to the person.

    Drawn from the operating system's secure source unless *rng* is given (for tests).
    """
    import secrets

    choice = (rng or secrets.SystemRandom()).choice
    return "y-" + "".join(choice(_PSEUDONYM_ALPHABET) for _ in range(8))


class OrganisationKind(enum.StrEnum):
    """The part an organisation plays around the groups."""

    FOUNDATION = "foundation"
    WELFARE = "welfare"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"
    YOUTH_CARE = "youth-care"
    SOCIAL_WORK = "social-work"
    OTHER = "other"


@attrs.frozen
@shared_repr
class Municipality:
    """A municipality (gemeente) that commissions and funds groups."""

    id: str = id_field("Identifier of the municipality.")
    name: str = text_field("Name of the municipality.")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("municipality")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Organisation:
    """An organisation: the programme's foundation, a welfare organisation, a school."""

    id: str = id_field("Identifier of the organisation.")
    name: str = text_field("Name of the organisation.")
    kind: OrganisationKind = field("The part it plays.")
    municipalities: tuple[str, ...] = field("Ids of the municipalities it works in.", default=())

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("organisation")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Coach:
    """A coach of the programme's foundation, who trains and coaches youth workers."""

    id: str = id_field("Identifier of the coach.")
    name: str = text_field("Name of the coach.")
    organisation: str = field("Id of the organisation the coach works for.")
    trained_by: str | None = field("Id of the coach who trained this coach.", default=None)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("coach")).fields(self)
        if self.trained_by == self.id:
            c.fail(("trained_by",), msg("a coach cannot train themselves"))
        c.done()


@attrs.frozen
@shared_repr
class YouthWorker:
    """A youth worker (jongerenwerker) who, once trained, guides groups."""

    id: str = id_field("Identifier of the worker.")
    name: str = text_field("Name of the worker.")
    organisation: str = field("Id of the organisation that employs the worker.")
    trained_by: str | None = field(
        "Id of the coach who trained the worker elsewhere (needed with trained_on).", default=None
    )
    trained_on: dt.date | None = field(
        "Day the worker completed a training elsewhere; left out for a worker in one of "
        "the program's trainings, who is trained when it ends.",
        default=None,
    )
    leave: tuple[Closure, ...] = field("Days the worker is away.", default=())

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("youth worker")).fields(self)
        if self.trained_on is not None and self.trained_by is None:
            c.fail(
                ("trained_on",), msg("a completed training needs trained_by: the coach who gave it")
            )
        c.done()

    @property
    def trained(self) -> bool:
        """Whether the worker completed a training elsewhere (``trained_on``); a worker in
        one of the program's trainings is trained when it ends."""
        return self.trained_on is not None


@attrs.frozen
@shared_repr
class Youth:
    """A participant, known only by a pseudonymous id."""

    id: str = id_field("Pseudonymous id of the youth.")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("youth")).fields(self)
        c.done()


@attrs.frozen(repr=False)
class PersonalData:
    """What identifies a youth, kept apart from progress data and erasable on its own."""

    youth: str = id_field("Pseudonymous id of the youth this belongs to.")
    name: str = text_field("Full name.")
    date_of_birth: dt.date = field("Date of birth.")
    contact: str = field("Phone number or e-mail address.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("personal data")).fields(self)
        c.done()

    def __repr__(self) -> str:
        # Personal data must not leak into logs and tracebacks through repr().
        return f"PersonalData(youth={self.youth!r}, ...)"

    def age_on(self, day: dt.date) -> int:
        """The youth's age in whole years on *day*."""
        return age_on(self.date_of_birth, day)


@attrs.frozen
@shared_repr
class Membership:
    """A youth's place in a group, from the day they joined until the day they left."""

    youth: str = id_field("Pseudonymous id of the youth.")
    group: str = id_field("Id of the group.")
    joined: dt.date = field("Day of joining.")
    left: dt.date | None = field("Day of leaving; left out while still in the group.", default=None)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("membership")).fields(self)
        c.that(
            self.left is None or self.left >= self.joined,
            ("left",),
            msg("a youth cannot leave before joining"),
        )
        c.done()

    def active_on(self, day: dt.date) -> bool:
        """Whether the youth is in the group on *day*."""
        return self.joined <= day and (self.left is None or day < self.left)
