"""The youths: each known to the model only by a pseudonymous id.

Name, contact details and date of birth live in :class:`PersonalData`, which is stored apart
and can be erased on its own. A :class:`Membership` is a youth's place in a group.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import msg

from ._rules import Checks, field, id_field, text_field
from .people import age_on

if TYPE_CHECKING:
    import random

__all__ = ["Membership", "PersonalData", "Youth", "new_pseudonym"]


_PSEUDONYM_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_pseudonym(rng: random.Random | None = None) -> str:
    """A fresh pseudonymous youth id such as ``y-7k2mq9xh``, unrelated to the person.

    Drawn from the operating system's secure source unless *rng* is given (for tests).
    """
    import secrets

    choice = (rng or secrets.SystemRandom()).choice
    return "y-" + "".join(choice(_PSEUDONYM_ALPHABET) for _ in range(8))


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
