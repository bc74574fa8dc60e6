"""The people of the chain and the organisations around them.

The youths, known to the model only by a pseudonymous id, are in
:mod:`joinus_method.model.youths`.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import msg

from ._rules import Checks, field, id_field, text_field
from .closure import Closure

__all__ = [
    "Coach",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "YouthWorker",
    "age_on",
]


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on *day* of someone born on *born*."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


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
