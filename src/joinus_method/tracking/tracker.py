"""A store together with the program, plan and framework it is about: the API for embedding.

Open a store, make a :class:`Tracker` of it, and ask: record events (checked against the
plan), a youth's journey and progress, a group's roster and attendance grid, an evening's
agenda, and the signals and progress of every youth as of a date, read from the store one
youth at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Mapping

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import UnknownId
from joinus_method.messages import msg
from joinus_method.model.framework import ProgressFramework
from joinus_method.model.program import Program
from joinus_method.model.youths import Membership
from joinus_method.planning.schedule import PlannedSession, ProgramPlan, SeriesPlan

from .agenda import Agenda, agenda, memberships
from .events import AttendanceStatus, Event, EventKind, Road
from .progress import Progress, ProgressReader, progress
from .signals import Signal, signals_of_roads
from .store import Store

__all__ = ["AttendanceGrid", "Overview", "Tracker"]

_TIES = (EventKind.TIE_MADE, EventKind.TIE_ENDED)


@contextlib.contextmanager
def _collecting_later() -> Iterator[None]:
    """Hold the cyclic garbage collector back while many lasting objects are made (the
    progress of every youth): it would go over them again and again, finding nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@attrs.frozen
@shared_repr
class AttendanceGrid:
    """A group's attendance: a row per youth, a column per planned session."""

    group: str
    sessions: tuple[PlannedSession, ...]
    """The group's planned sessions, in order."""
    youths: tuple[str, ...]
    """The youths who were a member on at least one of them, in the order they joined."""
    cells: Mapping[tuple[str, str], AttendanceStatus | None]
    """(youth, session UID) → the latest status recorded, None when none was; only the
    sessions the youth was a member on have a cell."""

    def row(self, youth: str) -> tuple[AttendanceStatus | bool | None, ...]:
        """*youth*'s row: per session the status, None when unrecorded, False when the youth
        was not a member that day."""
        return tuple(self.cells.get((youth, s.uid), False) for s in self.sessions)


@attrs.frozen
@shared_repr
class Overview:
    """The signals and the progress of every youth as of one date."""

    as_of: dt.date
    signals: tuple[Signal, ...]
    progress: Mapping[str, Progress]
    """Youth → their progress, in the order of their pseudonyms."""


class Tracker:
    """*store* with the *program*, its *plan* and the progress *framework*."""

    def __init__(
        self,
        store: Store,
        program: Program,
        plan: ProgramPlan,
        framework: ProgressFramework,
    ) -> None:
        self.store = store
        self.program = program
        self.plan = plan
        self.framework = framework

    def record(self, events: Event | Iterable[Event]) -> int:
        """Record *events* (one, or a batch), attendance checked against the plan; see
        :meth:`Store.record <joinus_method.tracking.store.Store.record>`."""
        return self.store.record(events, plan=self.plan)

    def journey(self, youth: str) -> list[Event]:
        """*youth*'s events, in the order recorded."""
        return self.store.events(youth)

    def progress(self, youth: str, as_of: dt.date) -> Progress:
        """*youth*'s progress by *as_of* (a tie a peer made with them counts)."""
        own = [e for e in self.store.events(youth) if e.kind not in _TIES]
        if not own:
            raise UnknownId(msg("youth"), youth)
        ties = self.store.events_of_kinds(_TIES, as_of)
        return progress(youth, [*own, *ties], self.framework, as_of)

    def series_plan(self, group: str) -> SeriesPlan:
        """The plan of *group*."""
        for plan in self.plan.plans:
            if plan.series.id == group:
                return plan
        raise UnknownId(msg("group"), group)

    def memberships(self, group: str) -> list[Membership]:
        """Every membership of *group*, in the order joined."""
        return [m for m in memberships(self.store.group_events(group)) if m.group == group]

    def roster(self, group: str, on: dt.date) -> list[Membership]:
        """The memberships of *group* on the day *on*, in the order joined."""
        self.series_plan(group)
        return [m for m in self.memberships(group) if m.active_on(on)]

    def attendance_grid(self, group: str, as_of: dt.date | None = None) -> AttendanceGrid:
        """*group*'s attendance at its planned sessions (up to *as_of*, when given)."""
        sessions = tuple(
            s for s in self.series_plan(group).sessions if as_of is None or s.day <= as_of
        )
        events = self.store.group_events(group)
        spans = [m for m in memberships(events) if m.group == group]
        cells: dict[tuple[str, str], AttendanceStatus | None] = {}
        for m in spans:
            for s in sessions:
                if m.active_on(s.day):
                    cells[m.youth, s.uid] = None
        attended = [e for e in events if e.kind is EventKind.ATTENDED and e.group == group]
        attended.sort(key=lambda e: e.occurred)  # stable: a later record of a day wins
        for e in attended:
            key = (e.youth, e.session_uid or "")
            if key in cells:
                cells[key] = e.status
        youths = tuple(
            dict.fromkeys(
                m.youth for m in spans if any((m.youth, s.uid) in cells for s in sessions)
            )
        )
        return AttendanceGrid(group, sessions, youths, cells)

    def agenda(self, session_uid: str, *, stay_weeks: int = 52) -> Agenda:
        """The personal moments of the planned evening *session_uid*: who is welcomed,
        evaluated and said goodbye to."""
        for plan in self.plan.plans:
            if any(s.uid == session_uid for s in plan.sessions):
                events = self.store.group_events(plan.series.id)
                return agenda(plan, session_uid, events, self.framework, stay_weeks=stay_weeks)
        raise UnknownId(msg("planned session"), session_uid)

    def signals(
        self,
        as_of: dt.date,
        *,
        absences: int = 2,
        no_progress_over: int = 3,
        waiting_weeks: int = 6,
    ) -> list[Signal]:
        """Every signal as of *as_of* (see :func:`~joinus_method.tracking.signals.signals`),
        read from the store one youth at a time."""
        return signals_of_roads(
            self.store.roads(as_of),
            self.program,
            self.plan,
            self.framework,
            as_of,
            absences=absences,
            no_progress_over=no_progress_over,
            waiting_weeks=waiting_weeks,
        )

    def overview(
        self,
        as_of: dt.date,
        *,
        absences: int = 2,
        no_progress_over: int = 3,
        waiting_weeks: int = 6,
    ) -> Overview:
        """The signals and the progress of every youth as of *as_of*, in one pass over the
        store."""
        read = ProgressReader(self.framework, as_of, self.store.events_of_kinds(_TIES, as_of))
        progress: dict[str, Progress] = {}

        def each() -> Iterator[Road]:
            for road in self.store.roads(as_of):
                found = read(road)
                if found is not None:
                    progress[road.youth] = found
                yield road

        with _collecting_later():
            found = signals_of_roads(
                each(),
                self.program,
                self.plan,
                self.framework,
                as_of,
                absences=absences,
                no_progress_over=no_progress_over,
                waiting_weeks=waiting_weeks,
            )
        return Overview(as_of, tuple(found), progress)
