"""Who may see what: views of the store scoped to a worker, a coach or a municipality.

A worker sees the youths of the groups they guide; a coach those of the groups of the workers
they trained; a municipality sees aggregates only, with every count under five suppressed.
Asking a view for a youth outside its scope raises :class:`AccessDenied`; every request for a
youth, allowed or not, is written to the store's access log.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from joinus_method.errors import JoinUsError
from joinus_method.messages import msg
from joinus_method.model.people import PersonalData
from joinus_method.model.program import Program

from .events import Event
from .journey import Stage
from .store import Store

__all__ = [
    "COUNTS",
    "LIST",
    "SMALLEST_COUNT",
    "AccessDenied",
    "Scope",
    "View",
    "coach_scope",
    "municipality_scope",
    "worker_scope",
]

SMALLEST_COUNT = 5
"""An aggregate count under this is suppressed: no small group can be singled out."""


LIST = "(list)"
"""How the access log names a request for the list of youths (no pseudonym looks so)."""
COUNTS = "(counts)"
"""How the access log names a request for the counts by stage."""


class AccessDenied(JoinUsError, PermissionError):
    """A view was asked for a youth outside its scope."""


@attrs.frozen
class Scope:
    """What a viewer may see: the youths of *groups*, or only aggregates over them."""

    viewer: str
    groups: frozenset[str]
    aggregates_only: bool = False


def worker_scope(program: Program, worker: str) -> Scope:
    """A worker sees the youths of the groups they guide."""
    program.worker(worker)
    return Scope(worker, frozenset(g.id for g in program.groups if worker in g.workers))


def coach_scope(program: Program, coach: str) -> Scope:
    """A coach sees the youths of the groups guided by the workers they trained (in one of
    their training cohorts, or as ``trained_by``)."""
    program.coach(coach)
    trained = {w for t in program.trainings if t.coach == coach for w in t.workers}
    trained |= {w.id for w in program.workers if w.trained_by == coach}
    return Scope(
        coach,
        frozenset(g.id for g in program.groups if trained & set(g.workers)),
    )


def municipality_scope(program: Program, municipality: str) -> Scope:
    """A municipality sees aggregates over the groups that meet at its venues, nothing of
    any one youth."""
    venues = {v.id for v in program.venues if v.municipality == municipality}
    return Scope(
        municipality,
        frozenset(g.id for g in program.groups if g.venue in venues),
        aggregates_only=True,
    )


class View:
    """The store as one viewer may see it."""

    def __init__(
        self,
        store: Store,
        scope: Scope,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.store = store
        self.scope = scope
        self._clock = clock

    def _allow(self, youth: str) -> None:
        groups = {e.group for e in self.store.events(youth) if e.group is not None}
        allowed = not self.scope.aggregates_only and bool(groups & self.scope.groups)
        self.store.log_access(self.scope.viewer, youth, allowed, self._clock())
        if not allowed:
            raise AccessDenied(
                msg(
                    "{viewer!r} may not see youth {youth!r}: not in their groups",
                    viewer=self.scope.viewer,
                    youth=youth,
                )
            )

    def journey(self, youth: str) -> list[Event]:
        """The events of *youth*, when in scope."""
        self._allow(youth)
        return self.store.events(youth)

    def personal(self, youth: str) -> PersonalData | None:
        """The personal data of *youth*, when in scope."""
        self._allow(youth)
        return self.store.personal(youth)

    def youths(self) -> list[str]:
        """The youths of the scope's groups (none for a view of aggregates only); the
        request is written to the access log as :data:`LIST`."""
        self.store.log_access(
            self.scope.viewer, LIST, not self.scope.aggregates_only, self._clock()
        )
        if self.scope.aggregates_only:
            return []
        return [
            y
            for y in self.store.youths()
            if {e.group for e in self.store.events(y)} & self.scope.groups
        ]

    def counts(self) -> Mapping[str, int | None]:
        """How many youths of the scope's groups stand at each stage, a count under
        :data:`SMALLEST_COUNT` given as None (suppressed); the request is written to the
        access log as :data:`COUNTS`."""
        self.store.log_access(self.scope.viewer, COUNTS, True, self._clock())
        found: collections.Counter[str] = collections.Counter()
        for youth in self.store.youths():
            if {e.group for e in self.store.events(youth)} & self.scope.groups:
                found[self.store.state(youth).stage.value] += 1
        return {
            stage.value: (n if (n := found[stage.value]) >= SMALLEST_COUNT else None)
            for stage in Stage
            if stage is not Stage.NEW
        }
