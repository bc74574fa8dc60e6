#!/usr/bin/env python3
"""A programme year of the Noordwijk 2021 program through the API, step by step.

Run: python examples/noordwijk_2021.py [FOLDER]

This is what `joinus demo` does, written out as a tutorial for a developer who embeds
joinus_method: load the bundled program, its progress framework and its curricula; plan
every session on a real date; invent a year of youths (synthetic data: nobody in it is
real); record their roads in an SQLite store in FOLDER; ask for the signals as of the end
of the year; and write one youth's report and the programme report as HTML pages.

FOLDER is made when it does not exist; without it a new temporary folder is used, and its
path is printed. Exit status: 0 when done, 1 on an error in the documents or the store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import attrs

from joinus_method import (
    DocumentError,
    DocumentKind,
    JoinUsError,
    Program,
    ProgressFramework,
    Translator,
    curricula_for,
    default_until,
    plan_program,
    translator,
)
from joinus_method.documents.bundled import load_bundled
from joinus_method.documents.files import write_atomically
from joinus_method.reports.build import programme_report, youth_report
from joinus_method.reports.document import Report, to_html
from joinus_method.tracking.simulate import simulate_year
from joinus_method.tracking.store import open_store
from joinus_method.tracking.tracker import Tracker

PROGRAM_ID = "noordwijk-katwijk-2021"
"""The id of the program that ships with joinus_method (examples/noordwijk-2021/)."""
SEED = 2021
"""The seed of the synthetic youths: the same seed gives the same youths and events."""
STORE_NAME = "joinus.sqlite"
SYNTHETIC = "Synthetic data: invented youths, to try joinus out."


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line: an optional folder to write the store and the reports in."""
    parser = argparse.ArgumentParser(
        description="Plan, simulate, record and report a programme year of synthetic youths."
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="FOLDER",
        help="where to keep the store and the reports (default: a new temporary folder)",
    )
    return parser.parse_args(argv)


def year(folder: Path, tr: Translator) -> int:
    """Run the year into *folder* and print what happened; the exit status."""
    # 1. The documents. The bundled program names its curricula and its progress framework
    #    by id; load_bundled() finds a document shipped with the package by its id (or its
    #    file name). From your own files, use joinus_method.load_program() and friends.
    program = load_bundled(PROGRAM_ID)
    assert isinstance(program, Program)
    framework = load_bundled(program.curricula.framework, DocumentKind.FRAMEWORK)
    assert isinstance(framework, ProgressFramework)
    # curricula_for() gathers every curriculum the program names (the workers' training,
    # the group evenings, the awareness webinar), here all from the bundled documents.
    curricula = curricula_for(program)
    print(f"program: {program.title}")
    print(f"curricula: {', '.join(sorted(curricula))}; framework: {framework.id}")

    # 2. The plan. plan_program() puts every session of the trainings, events and groups on
    #    a real date, skipping public and school holidays. The "year" ends at
    #    default_until(): 52 weeks after the last group starts. We plan 65 weeks further,
    #    so that the youths who join late in the year still have evenings to leave on.
    end_of_year = default_until(program)
    plan = plan_program(program, curricula, until=end_of_year + dt.timedelta(weeks=65))
    for group in program.groups:
        sessions = plan.plan(group.id).sessions
        print(f"planned: {group.id}, {len(sessions)} evenings from {sessions[0].day}")

    # 3. The youths. They are synthetic: simulate_year() invents them, from a fixed seed,
    #    named "Synthetische jongere" and with pseudonyms that start with "syn-", so that
    #    nobody takes them for real. Each comes as personal data (kept apart from their
    #    progress) and batches of events, one batch a month, that keep to the journey's
    #    rules and to the plan.
    youths = simulate_year(program, plan, framework, seed=SEED)
    print(f"simulated: {len(youths)} synthetic youths (invented, not real people)")

    # 4. The store. open_store() makes the SQLite file (readable by its owner only) or opens
    #    an existing one. A Tracker joins the store with the program, the plan and the
    #    framework: it checks attendance against the plan, and answers the questions.
    store_path = folder / STORE_NAME
    with open_store(store_path) as store:
        tracker = Tracker(store, program, plan, framework)
        recorded = 0
        for youth in youths:
            # The personal data first: the store needs the date of birth to check that a
            # youth under 16 has a parent's consent before anything of their progress is kept.
            store.set_personal(youth.personal)
            # Then the events, a batch at a time. Each batch is stored whole or not at all;
            # record() returns how many events were new (an event's id makes a second
            # import of it a no-op, so running this script twice on a folder is safe).
            for batch in youth.batches:
                recorded += tracker.record(batch)
        print(f"store: {store_path}")
        print(f"recorded: {recorded} new events, {len(store.events())} in the store")

        # 5. The signals: what needs a worker's attention as of a date, oldest first. Each
        #    message is an English str that keeps its template, so a translator can write
        #    it in Dutch as well: translator("nl")(signal.message).
        signals = tracker.signals(end_of_year)
        print(f"signals as of {end_of_year}: {len(signals)}")
        for signal in signals:
            print(f"  {signal.since}  {signal.who:<24} {tr(signal.message)}")

        # 6. The reports. A report is a small document (sections, facts, tables) built from
        #    the tracker as of a date, then written as Markdown or as one self-contained HTML
        #    page. to_html() writes Dutch by default, the language of the workers; "en" here.
        first = youths[0].youth
        pages = {
            folder / f"jongere-{first}.html": youth_report(tracker, first, end_of_year),
            folder / "programma.html": programme_report(tracker, end_of_year),
        }
        for path, report in pages.items():
            write_atomically(path, to_html(synthetic(report, tr), "en"))
            print(f"wrote: {path}")
    return 0


def synthetic(report: Report, tr: Translator) -> Report:
    """*report* with a notice under its title that its data are invented."""
    notice = SYNTHETIC if report.notice is None else f"{SYNTHETIC} {tr(report.notice)}"
    return attrs.evolve(report, notice=notice)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    tr = translator("en")
    try:
        folder: Path = args.folder or Path(tempfile.mkdtemp(prefix="joinus-noordwijk-"))
        folder.mkdir(parents=True, exist_ok=True)
        print(f"folder: {folder}")
        return year(folder, tr)
    except BrokenPipeError:
        # The reader went away (as `head` does): stop quietly.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
    except DocumentError as error:
        # A document that does not load says every problem, each with its file and line.
        for problem in error.problems:
            print(problem.describe(tr), file=sys.stderr)
        return 1
    except JoinUsError as error:
        # Every error joinus raises on purpose carries a message a person can read.
        print(f"error: {tr(error.message)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
