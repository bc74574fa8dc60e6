#!/usr/bin/env python3
"""Record one evening's attendance from another program, as a registration app would.

Run: python examples/embed_in_a_tool.py [STORE] [--on DATE] [--group ID]

The app keeps the youths' roads in a store (an SQLite file) for the bundled Noordwijk 2021
program. It finds the group's planned evening on or before DATE (default 2021-10-10), takes
the worker's sign-in sheet of that evening, records it, and shows the signals as of DATE:
what needs a worker's attention. A line of the sheet for a youth who is not a member of the
group is refused, and the script shows that the refused batch left the store as it was.

When STORE does not exist yet it is made, with three invented youths (two members, one on
the waiting list), so that the script runs on its own; without STORE a new temporary folder
is used. Running it again on the same store records nothing twice. Exit status: 0 when the
evening was recorded, 1 on an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from joinus_method import (
    DocumentKind,
    JoinUsError,
    PersonalData,
    PlannedSession,
    Program,
    ProgressFramework,
    curricula_for,
    default_until,
    plan_program,
    translator,
)
from joinus_method.documents.bundled import load_bundled
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    IntakeOutcome,
    SignalSource,
)
from joinus_method.tracking.journey import EventRefused
from joinus_method.tracking.store import open_store
from joinus_method.tracking.tracker import Tracker

PROGRAM_ID = "noordwijk-katwijk-2021"
GROUP = "groep-12-18-the-base"
ON = dt.date(2021, 10, 10)

# The invented youths of a new store: pseudonym → personal data (kept apart from their
# progress, and erasable on its own). Two become members of the group, one waits for a place.
LOTTE, SEM, NOA = "y-7k2mq9xh", "y-3bq8tw2c", "y-9fz4hn6d"
PEOPLE = (
    PersonalData(LOTTE, "Lotte (verzonnen)", dt.date(2007, 3, 14)),
    PersonalData(SEM, "Sem (verzonnen)", dt.date(2005, 11, 2)),
    PersonalData(NOA, "Noa (verzonnen)", dt.date(2005, 4, 1)),
)

# The worker's sign-in sheet of the evening, as the app's form would send it. Noa is on it
# by mistake: she waits for a place and is not a member yet.
SHEET: Mapping[str, AttendanceStatus] = {
    LOTTE: AttendanceStatus.PRESENT,
    SEM: AttendanceStatus.ABSENT,
    NOA: AttendanceStatus.PRESENT,
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Record one evening's attendance and show the signals as of a date."
    )
    parser.add_argument(
        "store",
        nargs="?",
        type=Path,
        metavar="STORE",
        help="the store file (default: a new one in a temporary folder)",
    )
    parser.add_argument(
        "--on",
        type=dt.date.fromisoformat,
        default=ON,
        metavar="DATE",
        help=f"the day to record and to look from (default: {ON})",
    )
    parser.add_argument(
        "--group", default=GROUP, metavar="ID", help=f"the group (default: {GROUP})"
    )
    return parser.parse_args(argv)


def open_tracker(path: Path) -> Tracker:
    """The tracker of the store at *path* for the bundled program: the program, the plan
    and the framework the app was set up with, and the store."""
    program = load_bundled(PROGRAM_ID)
    assert isinstance(program, Program)
    framework = load_bundled(program.curricula.framework, DocumentKind.FRAMEWORK)
    assert isinstance(framework, ProgressFramework)
    # The plan must be the one the store was recorded against: attendance names a planned
    # session by its UID, which stays the same when the session moves to another date.
    until = default_until(program) + dt.timedelta(weeks=65)
    plan = plan_program(program, curricula_for(program), until=until)
    return Tracker(open_store(path), program, plan, framework)


def evening_on_or_before(tracker: Tracker, group: str, day: dt.date) -> PlannedSession | None:
    """The last planned session of *group* on or before *day*, None when there is none."""
    earlier = [s for s in tracker.series_plan(group).sessions if s.day <= day]
    return earlier[-1] if earlier else None


def attendance(
    tracker: Tracker, evening: PlannedSession, sheet: Mapping[str, AttendanceStatus]
) -> list[Event]:
    """The events of the sign-in *sheet* of *evening*, recorded by a worker of the group
    when the evening ends. The id of each is made of the session's UID and the youth: the
    same sheet recorded twice is stored once (an event stored again must be the same in
    every field; a correction is a new event, with an id of its own)."""
    worker = tracker.program.group(evening.series.id).workers[0]
    return [
        Event(
            EventKind.ATTENDED,
            youth,
            evening.day,
            worker,
            evening.end,
            f"{evening.uid}:{youth}",
            group=evening.series.id,
            session_uid=evening.uid,
            status=status,
        )
        for youth, status in sheet.items()
    ]


def fill(tracker: Tracker, group: str, before: PlannedSession) -> int:
    """Put the invented youths in a new store: Lotte and Sem join *group* at its first
    evening and attend every evening before *before* (Sem missed the last of them); Noa
    waits for a place. The number of events recorded."""
    sessions = tracker.series_plan(group).sessions
    first = sessions[0].day
    worker = tracker.program.group(group).workers[0]

    def event(kind: EventKind, youth: str, day: dt.date, **fields: Any) -> Event:
        at = dt.datetime.combine(day, dt.time(17), tzinfo=dt.UTC)
        return Event(kind, youth, day, worker, at, f"{kind}:{youth}:{day}", **fields)

    recorded = 0
    for person in PEOPLE:
        # The personal data go in first: the store checks a parent's consent by the date
        # of birth for a youth under 16.
        tracker.store.set_personal(person)
    intake = first - dt.timedelta(weeks=2)
    for youth in (LOTTE, SEM):
        # One batch per youth: stored whole, or (when one event is refused) not at all.
        recorded += tracker.record(
            [
                event(EventKind.SIGNALLED, youth, intake, source=SignalSource.SCHOOL),
                event(EventKind.REGISTERED, youth, intake),
                event(EventKind.INTAKE_HELD, youth, intake, outcome=IntakeOutcome.SUITABLE),
                event(EventKind.CONSENT_GIVEN, youth, intake, by=ConsentBy.PARENT),
                event(EventKind.PLACED, youth, intake, group=group),
                event(EventKind.JOINED, youth, first, group=group),
            ]
        )
    earlier = [s for s in sessions if s.day < before.day]
    for n, evening in enumerate(earlier, 1):
        sheet = {LOTTE: AttendanceStatus.PRESENT, SEM: AttendanceStatus.PRESENT}
        if n == len(earlier):
            sheet[SEM] = AttendanceStatus.ABSENT
        recorded += tracker.record(attendance(tracker, evening, sheet))
    waiting = before.day - dt.timedelta(weeks=8)
    recorded += tracker.record(
        [
            event(EventKind.SIGNALLED, NOA, waiting, source=SignalSource.SELF),
            event(EventKind.REGISTERED, NOA, waiting),
            event(EventKind.INTAKE_HELD, NOA, waiting, outcome=IntakeOutcome.SUITABLE),
            event(EventKind.CONSENT_GIVEN, NOA, waiting, by=ConsentBy.YOUTH),
            event(EventKind.WAITLISTED, NOA, waiting, group=group),
        ]
    )
    return recorded


def run(args: argparse.Namespace) -> int:
    tr = translator("en")
    path: Path = args.store or Path(tempfile.mkdtemp(prefix="joinus-app-")) / "app.sqlite"
    new = not path.exists()
    tracker = open_tracker(path)
    with tracker.store:
        # 1. Which evening? The group's planned session on or before the day asked for.
        evening = evening_on_or_before(tracker, args.group, args.on)
        if evening is None:
            print(f"error: {args.group} has no evening on or before {args.on}", file=sys.stderr)
            return 1
        if new:
            count = fill(tracker, args.group, evening)
            print(f"store: {path} (new: {count} events of {len(PEOPLE)} invented youths)")
        else:
            print(f"store: {path}")
        print(f"evening: {evening.day}, {evening.title!r} ({evening.uid})")
        members = [m.youth for m in tracker.roster(args.group, evening.day)]
        print(f"members that day: {', '.join(members) or 'none'}")

        # 2. Record the sheet as it came in. One youth on it is not a member: the store
        #    refuses the whole batch with EventRefused, and stores none of it.
        before = len(tracker.store.events())
        try:
            tracker.record(attendance(tracker, evening, SHEET))
        except EventRefused as refused:
            # The message is an English str that keeps its template: translator("nl")
            # writes it in Dutch for the worker. refused.event is the event refused.
            print(f"refused: {tr(refused.message)}")
            after = len(tracker.store.events())
            print(f"  the batch was stored whole or not at all: {before} events, now {after}")
            print(f"  the event refused was of {refused.event.youth}")

        # 3. Record the lines of the members only. An id already stored is skipped, so a
        #    second run records nothing new.
        sheet = {youth: status for youth, status in SHEET.items() if youth in members}
        count = tracker.record(attendance(tracker, evening, sheet))
        print(f"recorded: {count} new attendance events")

        # 4. What needs attention now, oldest first, with who should act.
        signals = tracker.signals(args.on)
        print(f"signals as of {args.on}: {len(signals)}")
        for signal in signals:
            print(f"  {signal.since}  {signal.who:<22} {tr(signal.message)}")
            print(f"              for {', '.join(signal.attention)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        return run(args)
    except BrokenPipeError:
        # The reader went away (as `head` does): stop quietly.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
    except JoinUsError as error:
        # An unknown group, a store that is not one: a message for a person, no traceback.
        print(f"error: {translator('en')(error.message)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
