"""``joinus show``: a curriculum at a glance, as a coach reviews one before using it."""

from __future__ import annotations

import argparse
from typing import TextIO

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` subcommand to *commands*."""
    show = commands.add_parser(
        "show",
        help="preview a curriculum: phases, sessions, segments",
        description="Show a curriculum file (or a bundled curriculum by id): its phases, "
        "each session with its minutes and segments, and how much of each session the youths "
        "lead themselves, phase by phase. Exit status: 0 shown, 1 the file has errors.",
    )
    show.add_argument("file", metavar="FILE", help="curriculum TOML file, or a bundled id")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the curriculum of *args* at a glance."""
    from pathlib import Path

    from joinus_method.documents.bundled import bundled_documents
    from joinus_method.documents.references import check_files, check_texts
    from joinus_method.model.curriculum import Curriculum, Leader

    bundled = {d.id: d for d in bundled_documents()}
    if not Path(args.file).exists() and args.file in bundled:
        doc = bundled[args.file]
        (result,) = check_texts([(doc.source, doc.text())])
    else:
        (result,) = check_files([args.file])
    for problem in result.problems:
        print(problem, file=err)
    if not result.ok:
        return 1
    cur = result.document
    if not isinstance(cur, Curriculum):
        print(f"{result.source}:1:1: error: not a curriculum document", file=err)
        return 1
    cadence = "every week" if cur.cadence_weeks == 1 else f"every {cur.cadence_weeks} weeks"
    again = "; starts again when done" if cur.repeats else ""
    print(f"{cur.title} ({cur.id})", file=out)
    print(
        f"for {cur.audience.value}, led by {cur.led_by.value}; {len(cur.sessions)} sessions "
        f"{cadence}, {cur.total_minutes} minutes in all{again}",
        file=out,
    )
    youth_led = cur.audience.value == "youths"
    number = 0
    for phase in cur.phases:
        sessions = [s for s in cur.sessions if s.phase == phase.id]
        if not sessions:
            continue
        minutes = sum(s.length(cur.default_minutes) for s in sessions)
        led = sum(cur.minutes_led_by(s, Leader.YOUTHS) for s in sessions)
        share = f", youths lead {led / minutes:.0%}" if youth_led else ""
        count = f"{len(sessions)} session" + ("" if len(sessions) == 1 else "s")
        print(f"\n{phase.title} ({phase.id}): {count}{share}", file=out)
        for s in sessions:
            number += 1
            length = s.length(cur.default_minutes)
            led_here = (
                f", youths lead {cur.share_led_by(s, Leader.YOUTHS):.0%}" if youth_led else ""
            )
            print(f"  {number:>2}. {s.title} ({length} min{led_here})", file=out)
            for seg in s.segments:
                who = f" [{seg.led_by.value}]" if seg.led_by is not None else ""
                print(f"        {seg.minutes:>3} min  {seg.title}{who}", file=out)
    return 0
