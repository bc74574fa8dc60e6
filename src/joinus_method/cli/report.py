"""``joinus report``: a report from the store as of a date, as Markdown or as an HTML page."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._language import _, error_text
from ._tracking import add_tracker_options, day, opened_tracker, show_or_write

if TYPE_CHECKING:
    from joinus_method.tracking.tracker import Tracker

__all__ = ["add_parser", "run"]

KINDS = ("youth", "group", "evening", "worker", "coach", "programme", "municipality")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand to *commands*."""
    report = commands.add_parser(
        "report",
        help=_("write a report on a youth, a group, an evening or the results"),
        description=_(
            "Write a report from the store as of a date. youth ID: one youth's road, levels, "
            "loneliness, challenges and network, by pseudonym. group ID: the roster, the "
            "attendance per evening, the ties in the group and the activities organised. "
            "evening UID: the sign-in sheet and who is welcomed, evaluated and said goodbye to "
            "on that evening (the UID is in the plan's calendar). worker ID, coach ID: groups, "
            "training, caseload and open signals. programme, or municipality "
            "ID: totals only, no count under 5 shown. Reports are in Dutch unless "
            "--report-language en is given."
        ),
    )
    report.add_argument(
        "kind",
        choices=KINDS,
        metavar="KIND",
        help=_("what to report on: {kinds}", kinds=", ".join(KINDS)),
    )
    report.add_argument(
        "id",
        nargs="?",
        metavar="ID",
        help=_(
            "the youth's pseudonym, the group's id, the evening's UID, the worker's or "
            "coach's id, or the municipality's id"
        ),
    )
    report.add_argument(
        "--as-of", type=day, metavar="DATE", help=_("the day the report is for (default: today)")
    )
    report.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help=_("md: text for the terminal (default); html: one page to open in a browser"),
    )
    report.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help=_("write the report to this file instead of showing it"),
    )
    report.add_argument(
        "--report-language",
        choices=("nl", "en"),
        default="nl",
        help=_("the language of the report: nl (default) or en"),
    )
    report.add_argument(
        "--as-worker",
        metavar="WORKER",
        help=_(
            "evening: the sheet with names, for one of the group's own workers (each look at "
            "a name is written to the store's access log)"
        ),
    )
    add_tracker_options(report)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Make the report of *args* and show it or write it."""
    from joinus_method.errors import JoinUsError
    from joinus_method.reports.build import (
        coach_report,
        evening_report,
        group_report,
        programme_report,
        worker_report,
        youth_report,
    )
    from joinus_method.reports.document import to_html, to_markdown
    from joinus_method.tracking.database import shown

    if args.kind != "programme" and not args.id:
        print(_("error: {kind} needs an ID", kind=args.kind), file=err)
        return 2
    as_of = args.as_of or dt.date.today()
    with opened_tracker(args, err) as tracker:
        if tracker is None:
            return 1
        try:
            if args.kind == "youth":
                if args.id not in tracker.store.youths():
                    print(
                        _("error: no youth {id!r} in {path}", id=args.id, path=shown(args.store)),
                        file=err,
                    )
                    return 1
                report = youth_report(tracker, args.id, as_of)
            elif args.kind == "group":
                report = group_report(tracker, args.id, as_of)
            elif args.kind == "evening":
                report = evening_report(tracker, args.id, _names(tracker, args))
            elif args.kind == "worker":
                report = worker_report(tracker, args.id, as_of)
            elif args.kind == "coach":
                report = coach_report(tracker, args.id, as_of)
            elif args.kind == "municipality":
                report = programme_report(tracker, as_of, args.id)
            else:
                report = programme_report(tracker, as_of)
        except JoinUsError as exc:
            print(error_text(exc), file=err)
            return 1
    write = to_html if args.format == "html" else to_markdown
    text = write(report, args.report_language)
    return show_or_write(text, args.output, out, err)


def _names(tracker: Tracker, args: argparse.Namespace) -> dict[str, str] | None:
    """The names of the evening's members, as the worker of ``--as-worker`` may see them;
    None without it. Raises AccessDenied for a worker of another group."""
    if args.as_worker is None:
        return None
    from joinus_method.tracking.views import View, worker_scope

    view = View(tracker.store, worker_scope(tracker.program, args.as_worker))
    session = tracker.agenda(args.id).session
    names = {}
    for member in tracker.roster(session.series.id, session.day):
        personal = view.personal(member.youth)
        if personal is not None:
            names[member.youth] = personal.name
    return names
