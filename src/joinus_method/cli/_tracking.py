"""What the commands that read a store share: its options, and the program's tracker."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import plan as plan_command
from ._language import _, error_text, os_error_text, translate
from .plan import day

if TYPE_CHECKING:
    from joinus_method.tracking.tracker import Tracker

__all__ = [
    "DEFAULT_STORE",
    "add_store_option",
    "add_tracker_options",
    "day",
    "no_store",
    "opened_tracker",
    "show_or_write",
    "store_address",
]

DEFAULT_STORE = Path("joinus.sqlite")


def store_address(text: str) -> str | Path:
    """A store from the command line: a ``postgresql://`` URL as given, else a file."""
    from joinus_method.tracking.database import is_url

    return text if is_url(text) else Path(text)


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """Add the option that names the store."""
    parser.add_argument(
        "--store",
        type=store_address,
        default=DEFAULT_STORE,
        metavar="STORE",
        help=_(
            "the store the youths' roads are kept in: a file, or a postgresql:// URL of a "
            "shared database (default: {path})",
            path=DEFAULT_STORE,
        ),
    )


def no_store(store: str | Path, err: TextIO) -> bool:
    """Say so, and return True, when *store* is a file that does not exist."""
    if isinstance(store, str) or store.exists():
        return False
    print(_("error: no store at {path}: record events first", path=store), file=err)
    return True


def add_tracker_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that name the store and the program it follows."""
    add_store_option(parser)
    parser.add_argument(
        "--program",
        metavar="FILE",
        help=_("program TOML file (default: the bundled Noordwijk 2021 program)"),
    )
    parser.add_argument(
        "--curriculum",
        action="append",
        default=[],
        metavar="FILE",
        help=_("curriculum file the program uses (repeatable; bundled ones are found by id)"),
    )
    parser.add_argument(
        "--framework",
        metavar="FILE",
        help=_("progress framework file (default: the one the program names, bundled)"),
    )


@contextlib.contextmanager
def opened_tracker(args: argparse.Namespace, err: TextIO) -> Iterator[Tracker | None]:
    """The tracker of the store and program of *args*; None after printing why not."""
    from joinus_method.documents.bundled import find_bundled
    from joinus_method.documents.files import DocumentKind
    from joinus_method.documents.references import check_files, curricula_for
    from joinus_method.errors import JoinUsError
    from joinus_method.model.framework import ProgressFramework
    from joinus_method.model.program import Program
    from joinus_method.planning.closures import OutsideCalendar
    from joinus_method.planning.schedule import default_until, plan_program
    from joinus_method.tracking.store import open_store
    from joinus_method.tracking.tracker import Tracker

    from ._calendar import program_calendar

    if no_store(args.store, err):
        yield None
        return
    checked = plan_command._checked(
        argparse.Namespace(
            program=args.program, curricula=[], curriculum=args.curriculum, group=None
        ),
        err,
    )
    if checked is None:
        yield None
        return
    program = checked[0].document
    assert isinstance(program, Program)
    documents = [r.document for r in checked[1:] if r.document is not None]
    try:
        framework: object
        if args.framework is None:
            framework = find_bundled(DocumentKind.FRAMEWORK, program.curricula.framework).load()
        else:
            (result,) = check_files([args.framework])
            for problem in result.problems:
                print(problem.describe(translate), file=err)
            if not result.ok:
                yield None
                return
            framework = result.document
        if not isinstance(framework, ProgressFramework):
            print(_("error: {path} is not a progress framework", path=args.framework), file=err)
            yield None
            return
        calendar, problems = program_calendar(program, checked[0])
        if calendar is None:
            for problem in problems:
                print(problem.describe(translate), file=err)
            yield None
            return
        curricula = curricula_for(program, documents)
        try:
            # Far enough for the exits of youths who join late in the year.
            until = default_until(program) + dt.timedelta(weeks=65)
            plan = plan_program(program, curricula, calendar, until=until)
        except OutsideCalendar:
            plan = plan_program(program, curricula, calendar)
        store = open_store(args.store)
    except JoinUsError as exc:
        print(error_text(exc), file=err)
        yield None
        return
    with store:
        yield Tracker(store, program, plan, framework)


def show_or_write(text: str, output: Path | None, out: TextIO, err: TextIO) -> int:
    """Show *text*, or write it to *output* and say so; the exit status."""
    from joinus_method.documents.files import write_atomically

    if output is None:
        out.write(text)
        return 0
    try:
        write_atomically(output, text)
    except OSError as exc:
        print(_("error: cannot write {path}: {why}", path=output, why=os_error_text(exc)), file=err)
        return 1
    print(_("wrote {path}", path=output), file=out)
    return 0
