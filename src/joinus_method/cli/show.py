"""``joinus show``: a curriculum at a glance, as a coach reviews one before using it."""

from __future__ import annotations

import argparse
from typing import TextIO

from joinus_method.messages import msg

from ._language import _, n_, translate

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` subcommand to *commands*."""
    show = commands.add_parser(
        "show",
        help=_("preview a curriculum: phases, sessions, segments"),
        description=_(
            "Show a curriculum file (or a bundled curriculum by id): its phases, each session "
            "with its minutes and segments, and how much of each session the youths lead "
            "themselves, phase by phase. Exit status: 0 shown, 1 the file has errors."
        ),
    )
    show.add_argument("file", metavar="FILE", help=_("curriculum TOML file, or a bundled id"))


GROUPS = {
    "workers": msg("workers"),
    "youths": msg("youths"),
    "professionals": msg("professionals"),
    "coach": msg("the coach"),
    "expert-by-experience": msg("an expert by experience"),
}
"""Who a curriculum is for or led by (the values of Audience and Leader), in words."""


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the curriculum of *args* at a glance."""
    from pathlib import Path

    from joinus_method.documents.bundled import bundled_documents
    from joinus_method.documents.references import check_files, check_texts
    from joinus_method.errors import Problem
    from joinus_method.model.curriculum import Curriculum, Leader

    bundled = {d.id: d for d in bundled_documents()}
    if not Path(args.file).exists() and args.file in bundled:
        doc = bundled[args.file]
        (result,) = check_texts([(doc.source, doc.text())])
    else:
        (result,) = check_files([args.file])
    for problem in result.problems:
        print(problem.describe(translate), file=err)
    if not result.ok:
        return 1
    cur = result.document
    if not isinstance(cur, Curriculum):
        not_curriculum = Problem(
            msg("not a curriculum document"), file=result.source, kind="syntax"
        )
        print(not_curriculum.describe(translate), file=err)
        return 1
    core = [s for s in cur.sessions if not cur.is_follow_up(s)]
    sessions = n_(
        "{count} session every week",
        "{count} sessions every week",
        len(core),
    )
    if cur.cadence_weeks != 1:
        sessions = n_(
            "{count} session every {weeks} weeks",
            "{count} sessions every {weeks} weeks",
            len(core),
            weeks=cur.cadence_weeks,
        )
    follow_up = [s for s in cur.sessions if cur.is_follow_up(s)]
    if follow_up:
        sessions += n_(
            ", then {count} follow-up session every {weeks} weeks",
            ", then {count} follow-up sessions every {weeks} weeks",
            len(follow_up),
            weeks=cur.cadence_of(follow_up[0]),
        )
    print(f"{cur.title} ({cur.id})", file=out)
    about = _(
        "for {audience}, led by {leader}; {sessions}, {minutes} minutes in all",
        audience=translate(GROUPS[cur.audience]),
        leader=translate(GROUPS[cur.led_by]),
        sessions=sessions,
        minutes=cur.total_minutes,
    )
    if cur.repeat_from is not None:
        about += _("; starts again from phase {phase!r} when done", phase=cur.repeat_from)
    elif cur.repeats:
        about += _("; starts again when done")
    print(about, file=out)
    youth_led = cur.audience.value == "youths"
    number = 0
    for phase in cur.phases:
        phase_sessions = [s for s in cur.sessions if s.phase == phase.id]
        if not phase_sessions:
            continue
        minutes = sum(s.length(cur.default_minutes) for s in phase_sessions)
        led = sum(cur.minutes_led_by(s, Leader.YOUTHS) for s in phase_sessions)
        share = _(", youths lead {share:.0%}", share=led / minutes) if youth_led else ""
        count = n_("{count} session", "{count} sessions", len(phase_sessions))
        print(f"\n{phase.title} ({phase.id}): {count}{share}", file=out)
        for s in phase_sessions:
            number += 1
            length = s.length(cur.default_minutes)
            led_here = (
                _(", youths lead {share:.0%}", share=cur.share_led_by(s, Leader.YOUTHS))
                if youth_led
                else ""
            )
            minutes_text = _("{minutes} min", minutes=length)
            print(f"  {number:>2}. {s.title} ({minutes_text}{led_here})", file=out)
            for seg in s.segments:
                who = f" [{translate(GROUPS[seg.led_by])}]" if seg.led_by is not None else ""
                segment_minutes = _("{minutes} min", minutes=str(seg.minutes).rjust(3))
                print(f"        {segment_minutes}  {seg.title}{who}", file=out)
    return 0
