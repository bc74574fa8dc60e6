"""``joinus export``: a youth's own data, or attendance and progress, out of the store."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from ._language import _, error_text, speaks_dutch
from ._tracking import add_tracker_options, day, opened_tracker, show_or_write

__all__ = ["add_parser", "run"]

KINDS = ("youth", "xapi", "attendance", "progress")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand to *commands*."""
    export = commands.add_parser(
        "export",
        help=_("take data out of the store: a youth's own data, attendance, progress"),
        description=_(
            "youth ID: everything the store holds of one youth, their personal data "
            "included, as JSON (for a youth who asks to see their data). xapi ID: the "
            "youth's road as xAPI statements for a learning record store, by pseudonym only. "
            "attendance: a CSV row per youth and evening. progress: a CSV row per youth with "
            "their latest levels and scores."
        ),
    )
    export.add_argument(
        "kind",
        choices=KINDS,
        metavar="KIND",
        help=_("what to export: {kinds}", kinds=", ".join(KINDS)),
    )
    export.add_argument(
        "id", nargs="?", metavar="ID", help=_("the youth's pseudonym (for youth and xapi)")
    )
    export.add_argument(
        "--as-of", type=day, metavar="DATE", help=_("up to this day (default: today)")
    )
    export.add_argument(
        "--group", action="append", metavar="ID", help=_("only this group (attendance; repeatable)")
    )
    export.add_argument(
        "--output", type=Path, metavar="FILE", help=_("write to this file instead of showing it")
    )
    add_tracker_options(export)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export what *args* asks for."""
    import json

    from joinus_method.errors import JoinUsError
    from joinus_method.reports.tables import attendance_csv, progress_csv
    from joinus_method.reports.xapi import statements
    from joinus_method.tracking.database import shown

    if args.kind in ("youth", "xapi") and not args.id:
        print(_("error: {kind} needs an ID", kind=args.kind), file=err)
        return 2
    as_of = args.as_of or dt.date.today()
    dialect = "excel-nl" if speaks_dutch() else "excel"
    with opened_tracker(args, err) as tracker:
        if tracker is None:
            return 1
        if args.kind in ("youth", "xapi") and args.id not in tracker.store.youths():
            print(
                _("error: no youth {id!r} in {path}", id=args.id, path=shown(args.store)), file=err
            )
            return 1
        try:
            if args.kind == "youth":
                text = json.dumps(tracker.store.export(args.id), ensure_ascii=False, indent=2)
            elif args.kind == "xapi":
                found = statements(tracker.journey(args.id), framework=tracker.framework)
                text = json.dumps(found, ensure_ascii=False, indent=2)
            elif args.kind == "attendance":
                text = attendance_csv(tracker, as_of, groups=args.group, dialect=dialect)
            else:
                text = progress_csv(tracker, as_of, dialect=dialect)
        except JoinUsError as exc:
            print(error_text(exc), file=err)
            return 1
    if not text.endswith("\n"):
        text += "\n"
    return show_or_write(text, args.output, out, err)
