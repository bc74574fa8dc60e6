"""``joinus check``: validate documents and the ids they use of each other."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ._language import KIND_NAMES, _, n_, translate

if TYPE_CHECKING:
    from joinus_method.documents.references import CheckedFile

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` subcommand to *commands*."""
    check = commands.add_parser(
        "check",
        help=_("validate curriculum, framework and program files"),
        description=_(
            "Validate TOML documents (the kind is read from their 'format' key) and the ids "
            "they use of each other. Prints every error as FILE:LINE:COL: error: MESSAGE. "
            "Exit status: 0 all valid, 1 any error, 2 wrong usage."
        ),
    )
    check.add_argument("files", nargs="*", metavar="FILE", help=_("documents to check together"))
    check.add_argument(
        "--bundled",
        action="store_true",
        help=_("also check every document shipped with joinus"),
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the files of *args*; print one line per valid file and per error."""
    from joinus_method.documents.bundled import bundled_documents
    from joinus_method.documents.files import DocumentKind
    from joinus_method.documents.references import check_files, check_texts

    results = check_files(args.files)
    if args.bundled:
        results += check_texts([(d.source, d.text()) for d in bundled_documents()])
    results = [_calendar_checked(r, results) for r in results]
    failed = 0
    for result in results:
        if result.ok:
            doc = result.document
            kind = translate(KIND_NAMES[DocumentKind.of(doc)]) if doc is not None else _("document")
            name = getattr(doc, "id", None) or getattr(doc, "version", "")
            print(
                _("{source}: ok ({kind} {name!r})", source=result.source, kind=kind, name=name),
                file=out,
            )
        else:
            failed += 1
            for problem in result.problems:
                print(problem.describe(translate), file=err)
    total = len(results)
    errors = sum(len(r.problems) for r in results)
    summary = _("{valid} of {count} files valid", valid=total - failed, count=total)
    if errors:
        summary += n_(", {count} error", ", {count} errors", errors)
    print(summary, file=out)
    return 1 if failed else 0


def _calendar_checked(result: CheckedFile, results: Sequence[CheckedFile]) -> CheckedFile:
    """*result*, with the calendar rules its program breaks whatever the dates."""
    import attrs

    from joinus_method.documents.references import curricula_for, locate
    from joinus_method.errors import Problem
    from joinus_method.model.program import Program
    from joinus_method.planning.checks import program_problems
    from joinus_method.planning.closures import OutsideCalendar
    from joinus_method.planning.schedule import PlanningError

    from ._calendar import program_calendar

    program = result.document
    if not isinstance(program, Program) or result.text is None:
        return result
    calendar, problems = program_calendar(program, result)
    if calendar is not None:
        given = [r.document for r in results if r.document is not None]
        try:
            found = program_problems(program, curricula_for(program, given), calendar)
        except (PlanningError, OutsideCalendar) as exc:
            found = [Problem(exc.message)]
        problems = locate(found, result.source, result.text)
    if not problems:
        return result
    return attrs.evolve(result, document=None, problems=tuple(problems))
