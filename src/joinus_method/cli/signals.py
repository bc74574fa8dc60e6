"""``joinus signals``: what needs a worker's attention as of a date."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from ._language import _, n_, translate
from ._tracking import add_tracker_options, day, opened_tracker

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``signals`` subcommand to *commands*."""
    signals = commands.add_parser(
        "signals",
        help=_("show which youths and groups need attention"),
        description=_(
            "Show what needs a youth worker's attention as of a date: youths absent several "
            "evenings in a row, an evaluation that is overdue, no progress over the last "
            "evaluations, youths ready to leave, groups above capacity or below their "
            "minimum, and youths waiting too long for a group. Each line says since when, "
            "who, why, and who should act."
        ),
    )
    signals.add_argument(
        "--as-of", type=day, metavar="DATE", help=_("the day to look from (default: today)")
    )
    signals.add_argument(
        "--group", action="append", metavar="ID", help=_("only this group (repeatable)")
    )
    signals.add_argument(
        "--absences",
        type=int,
        default=2,
        metavar="N",
        help=_("absences in a row that make a signal (default 2)"),
    )
    signals.add_argument(
        "--waiting-weeks",
        type=int,
        default=6,
        metavar="N",
        help=_("weeks a youth may wait for a group (default 6)"),
    )
    add_tracker_options(signals)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the signals of *args*, oldest first."""
    from joinus_method.errors import JoinUsError

    from ._language import error_text

    as_of = args.as_of or dt.date.today()
    with opened_tracker(args, err) as tracker:
        if tracker is None:
            return 1
        try:
            found = tracker.signals(as_of, absences=args.absences, waiting_weeks=args.waiting_weeks)
        except JoinUsError as exc:
            print(error_text(exc), file=err)
            return 1
    if args.group:
        found = [s for s in found if s.group in args.group]
    for signal in found:
        print(f"{signal.since}  {signal.who:<24} {translate(signal.message)}", file=out)
        print("            " + _("for: {people}", people=", ".join(signal.attention)), file=out)
    print(
        n_("{count} signal as of {day}", "{count} signals as of {day}", len(found), day=as_of),
        file=out,
    )
    return 0
