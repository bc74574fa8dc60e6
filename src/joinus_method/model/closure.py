"""Days on which something is closed or someone is away: a venue's closures, a worker's
leave, a program's own closed days, a cancelled session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from joinus_method._repr import shared_repr
from joinus_method.messages import msg

from ._rules import Checks, field, text_field

__all__ = ["Closure"]


@attrs.frozen
@shared_repr
class Closure:
    """Days on which something is closed or someone is away, both ends included."""

    start: dt.date = field("First closed day.")
    reason: str = text_field("Why, as shown next to a skipped date.")
    end: dt.date | None = field("Last closed day; left out for a single day.", default=None)

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("closure")).fields(self)
        if self.end is not None and self.end < self.start:
            c.fail(
                ("end",), msg("end {end} is before start {start}", end=self.end, start=self.start)
            )
        c.done()

    @property
    def last(self) -> dt.date:
        """The last closed day."""
        return self.end or self.start

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.last

    def days(self) -> Iterable[dt.date]:
        """Every closed day, in order."""
        for n in range((self.last - self.start).days + 1):
            yield self.start + dt.timedelta(days=n)
