"""``joinus demo``: a programme year of synthetic youths, kept, planned and reported on."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from ._language import _, error_text, os_error_text

__all__ = ["add_parser", "run"]

DEFAULT_FOLDER = Path("joinus-demo")
SEED = 2021


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand to *commands*."""
    demo = commands.add_parser(
        "demo",
        help=_("try everything on a year of synthetic youths"),
        description=_(
            "Make a folder with the Noordwijk 2021 program, plan both its groups, follow a "
            "programme year of synthetic youths (invented, and named so) from signal to "
            "follow-up, keep it all in an SQLite file, and write the calendars and the "
            "reports. The run repeats exactly: the youths are drawn from a fixed seed. DIR "
            "must be new or empty."
        ),
    )
    demo.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help=_("the folder to make (default: {folder})", folder=DEFAULT_FOLDER),
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Make the demo folder and say what is in it."""
    import time

    from joinus_method.documents.bundled import find_bundled
    from joinus_method.documents.files import DocumentKind, write_atomically
    from joinus_method.errors import JoinUsError

    started = time.perf_counter()
    folder: Path = args.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(
            _("error: {folder} is not an empty folder: nothing was written", folder=folder),
            file=err,
        )
        return 1
    program_doc = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021")
    try:
        (folder / "rapporten").mkdir(parents=True, exist_ok=True)
        write_atomically(folder / "program.toml", program_doc.text())
        written = _year(folder, out, err)
    except OSError as exc:
        print(
            _("error: cannot write in {folder}: {why}", folder=folder, why=os_error_text(exc)),
            file=err,
        )
        return 1
    except JoinUsError as exc:
        print(error_text(exc), file=err)
        return 1
    youths, events, signals, as_of, files = written
    seconds = time.perf_counter() - started
    print(
        _(
            "Demo ready in {seconds:.1f} s: {youths} synthetic youths, {events} events, "
            "{signals} signals as of {day}.",
            seconds=seconds,
            youths=youths,
            events=events,
            signals=signals,
            day=as_of,
        ),
        file=out,
    )
    for path, what in files:
        print(f"  {path}  {what}", file=out)
    print(
        _("Open first: {path}", path=folder / "rapporten" / "programma.html"),
        file=out,
    )
    print(
        _(
            "Then try: joinus signals --store {store} --as-of {day}",
            store=folder / "joinus.sqlite",
            day=as_of,
        ),
        file=out,
    )
    return 0


def _year(
    folder: Path, out: TextIO, err: TextIO
) -> tuple[int, int, int, dt.date, list[tuple[Path, str]]]:
    """Plan, simulate, record and report; the counts, the day of the reports and the files."""
    import attrs

    from joinus_method.documents.bundled import find_bundled, load_bundled
    from joinus_method.documents.files import DocumentKind, write_atomically
    from joinus_method.documents.references import curricula_for
    from joinus_method.messages import msg
    from joinus_method.model.framework import ProgressFramework
    from joinus_method.model.program import Program
    from joinus_method.planning.exports import to_csv, to_ics
    from joinus_method.planning.schedule import default_until, plan_program
    from joinus_method.reports.build import (
        evening_report,
        group_report,
        programme_report,
        youth_report,
    )
    from joinus_method.reports.document import to_html
    from joinus_method.tracking.simulate import simulate_year
    from joinus_method.tracking.store import open_store
    from joinus_method.tracking.tracker import Tracker

    from ._language import speaks_dutch, translate

    program = load_bundled("noordwijk-katwijk-2021")
    assert isinstance(program, Program)
    framework = find_bundled(DocumentKind.FRAMEWORK, program.curricula.framework).load()
    assert isinstance(framework, ProgressFramework)
    until = default_until(program) + dt.timedelta(weeks=65)
    plan = plan_program(program, curricula_for(program), until=until)
    youths = simulate_year(program, plan, framework, seed=SEED)
    as_of = default_until(program)
    files: list[tuple[Path, str]] = []
    store_path = folder / "joinus.sqlite"
    events = 0
    showing = err.isatty() if hasattr(err, "isatty") else False
    with open_store(store_path) as store:
        tracker = Tracker(store, program, plan, framework)
        for n, youth in enumerate(youths, 1):
            store.set_personal(youth.personal)
            for batch in youth.batches:
                events += tracker.record(batch)
            if showing:
                print(
                    "\r" + _("recording youth {n} of {count}", n=n, count=len(youths)),
                    end="",
                    file=err,
                    flush=True,
                )
        if showing:
            print(file=err)
        files.append((store_path, _("the store: every event of every youth")))
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
        write_atomically(folder / "agenda.ics", to_ics(plan, program, stamp=stamp).decode("utf-8"))
        files.append((folder / "agenda.ics", _("the planned sessions, for a calendar app")))
        dialect = "excel-nl" if speaks_dutch() else "excel"
        write_atomically(
            folder / "agenda.csv", to_csv(plan, program, dialect=dialect, translate=translate)
        )
        files.append((folder / "agenda.csv", _("the planned sessions, for a spreadsheet")))
        signals = tracker.signals(as_of)
        reports = folder / "rapporten"
        notice = _("synthetic data")
        pages = [
            ("programma.html", programme_report(tracker, as_of), _("the results, totals only"))
        ]
        for municipality in program.municipalities:
            pages.append(
                (
                    f"gemeente-{municipality.id}.html",
                    programme_report(tracker, as_of, municipality.id),
                    _("the results in {name}", name=municipality.name),
                )
            )
        for group in program.groups:
            pages.append(
                (f"groep-{group.id}.html", group_report(tracker, group.id, as_of), group.name)
            )
            evening = next((s for s in plan.plan(group.id).sessions if s.day > as_of), None)
            if evening is None:
                evening = plan.plan(group.id).sessions[-1]
            pages.append(
                (
                    f"avond-{group.id}.html",
                    evening_report(tracker, evening.uid),
                    _("the sign-in sheet of {day}", day=evening.day),
                )
            )
        for youth in youths[:3]:
            pages.append(
                (
                    f"jongere-{youth.youth}.html",
                    youth_report(tracker, youth.youth, as_of),
                    _("one youth's road"),
                )
            )
        for name, report, what in pages:
            labelled = attrs.evolve(
                report,
                notice=msg(
                    "Synthetic data: invented youths, to try joinus out. {notice}",
                    notice=report.notice or "",
                ),
            )
            write_atomically(reports / name, to_html(labelled))
            files.append((reports / name, f"{what} ({notice})"))
    return len(youths), events, len(signals), as_of, files
