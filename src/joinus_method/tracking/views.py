"""Who may see what: views of the store scoped to a worker, a coach or a municipality.

A worker sees the youths of the groups they guide; a coach those of the groups of the workers
they trained; an organisation those of the groups its workers guide; a municipality and the
programme's foundation see aggregates only, with every count under five suppressed. The scope
is part of every query a view makes of the store (its groups are in the query's condition),
so that rows outside it are never read. Asking a view for a youth outside its scope raises
:class:`AccessDenied`; every request for a youth, allowed or not, is written to the store's
access log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import JoinUsError
from joinus_method.messages import msg
from joinus_method.model.people import OrganisationKind
from joinus_method.model.program import Program
from joinus_method.model.youths import PersonalData

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
    "organisation_scope",
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
@shared_repr
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


def organisation_scope(program: Program, organisation: str) -> Scope:
    """An organisation sees the youths of the groups its workers guide; the programme's
    foundation, which trains the coaches and follows the results, sees aggregates over every
    group."""
    if program.organisation(organisation).kind is OrganisationKind.FOUNDATION:
        return Scope(organisation, frozenset(g.id for g in program.groups), aggregates_only=True)
    employed = {w.id for w in program.workers if w.organisation == organisation}
    return Scope(organisation, frozenset(g.id for g in program.groups if employed & set(g.workers)))


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
        allowed = not self.scope.aggregates_only and self.store.in_groups(youth, self.scope.groups)
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
        return self.store.events(youth, groups=self.scope.groups)

    def personal(self, youth: str) -> PersonalData | None:
        """The personal data of *youth*, when in scope."""
        self._allow(youth)
        return self.store.personal(youth, groups=self.scope.groups)

    def youths(self) -> list[str]:
        """The youths of the scope's groups (none for a view of aggregates only); the
        request is written to the access log as :data:`LIST`."""
        self.store.log_access(
            self.scope.viewer, LIST, not self.scope.aggregates_only, self._clock()
        )
        if self.scope.aggregates_only:
            return []
        return self.store.youths(groups=self.scope.groups)

    def counts(self) -> Mapping[str, int | None]:
        """How many youths of the scope's groups stand at each stage, a count under
        :data:`SMALLEST_COUNT` given as None (suppressed); the request is written to the
        access log as :data:`COUNTS`."""
        self.store.log_access(self.scope.viewer, COUNTS, True, self._clock())
        found = self.store.stages(self.scope.groups)
        return {
            stage.value: (n if (n := found.get(stage, 0)) >= SMALLEST_COUNT else None)
            for stage in Stage
            if stage is not Stage.NEW
        }
