"""The ``joinus`` command."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .program import Program
    from .schedule import ProgramPlan

from . import __name__ as package
from .documents import DocumentKind

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="joinus",
        description="Plan and follow the Join Us programme against loneliness among youths.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate curriculum, framework and program files",
        description="Validate TOML documents (the kind is read from their 'format' key) and "
        "the ids they use of each other. Prints every error as FILE:LINE:COL: error: MESSAGE. "
        "Exit status: 0 all valid, 1 any error, 2 wrong usage.",
    )
    check.add_argument("files", nargs="*", metavar="FILE", help="documents to check together")
    check.add_argument(
        "--bundled", action="store_true", help="also check every document shipped with joinus"
    )

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of a document kind",
        description="Print the JSON Schema (draft-07) of one kind of document, or write all "
        "of them to a folder, for editor completion (Taplo, Even Better TOML).",
    )
    schema.add_argument("kind", nargs="?", choices=[k.value for k in DocumentKind])
    schema.add_argument("--out", type=Path, metavar="DIR", help="write every schema into DIR")

    commands.add_parser("bundled", help="list the documents shipped with joinus")

    plan = commands.add_parser(
        "plan",
        help="plan a program's sessions on real dates",
        description="Plan the trainings, events and groups of a program onto real dates, "
        "skipping public holidays, school holidays, closures and leave. Without PROGRAM, the "
        "bundled Noordwijk 2021 program is planned. Exit status: 0 planned, 1 a rule is "
        "broken (a clash in report mode, an untrained worker) or the input is invalid.",
    )
    plan.add_argument("program", nargs="?", metavar="PROGRAM", help="program TOML file")
    plan.add_argument(
        "--curriculum",
        action="append",
        default=[],
        metavar="FILE",
        help="curriculum file the program uses (repeatable; bundled ones are found by id)",
    )
    plan.add_argument("--group", action="append", metavar="ID", help="plan only this group")
    plan.add_argument(
        "--until",
        type=_date,
        metavar="DATE",
        help="plan up to this date (default: a year after the last group starts)",
    )
    plan.add_argument("--ics", type=Path, metavar="FILE", help="write an iCalendar file")
    plan.add_argument("--csv", type=Path, metavar="FILE", help="write a CSV file")
    plan.add_argument(
        "--clashes",
        choices=["skip", "report"],
        default="skip",
        help="skip a clashing slot (default) or report the clash as an error",
    )
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``joinus`` command with *argv*; return its exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader (such as `head`) went away: stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        if not args.files and not args.bundled:
            parser.error("check: give one or more FILEs, or --bundled")
        return _check(args.files, args.bundled, sys.stdout, sys.stderr)
    if args.command == "schema":
        if args.kind is None and args.out is None:
            parser.error("schema: give a KIND, or --out DIR")
        return _schema(args.kind, args.out, sys.stdout)
    if args.command == "plan":
        return _plan(args, sys.stdout, sys.stderr)
    return _bundled(sys.stdout)


def _check(files: list[str], bundled: bool, out: TextIO, err: TextIO) -> int:
    from .bundled import bundled_documents
    from .references import check_files, check_texts

    results = check_files(files)
    if bundled:
        results += check_texts([(f"{package}/{d.name}", d.text()) for d in bundled_documents()])
    failed = 0
    for result in results:
        if result.ok:
            doc = result.document
            kind = DocumentKind.of(doc).value if doc is not None else "document"
            print(f"{result.source}: ok ({kind} {getattr(doc, 'id', '')!r})", file=out)
        else:
            failed += 1
            for problem in result.problems:
                print(problem, file=err)
    total = len(results)
    errors = sum(len(r.problems) for r in results)
    summary = f"{total - failed} of {total} files valid"
    print(summary + (f", {errors} errors" if errors else ""), file=out)
    return 1 if failed else 0


def _schema(kind: str | None, out_dir: Path | None, out: TextIO) -> int:
    from .documents import write_atomically
    from .schema import SCHEMA_FILES, schema_text

    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"error: cannot make {out_dir}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        kinds = [DocumentKind(kind)] if kind else list(DocumentKind)
        for k in kinds:
            target = out_dir / SCHEMA_FILES[k]
            try:
                write_atomically(target, schema_text(k))
            except OSError as exc:
                print(f"error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
                return 1
            print(f"wrote {target}", file=out)
        return 0
    assert kind is not None
    out.write(schema_text(DocumentKind(kind)))
    return 0


def _bundled(out: TextIO) -> int:
    from .bundled import bundled_documents

    for doc in bundled_documents():
        print(f"{doc.kind.value:<11} {doc.id:<28} {doc.name}", file=out)
    return 0


def _plan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import attrs

    from .bundled import find_bundled
    from .closures import OutsideCalendar
    from .curriculum import Curriculum
    from .documents import write_atomically
    from .exports import to_csv, to_ics
    from .program import Program
    from .references import check_files, check_texts, curricula_for
    from .schedule import ClashMode, PlanningError, plan_program

    if args.program is None:
        bundled = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021")
        results = check_texts([(f"{package}/{bundled.name}", bundled.text())])
        results += check_files(args.curriculum)
    else:
        results = check_files([args.program, *args.curriculum])
    problems = [p for r in results for p in r.problems]
    for problem in problems:
        print(problem, file=err)
    if problems:
        return 1
    docs = [r.document for r in results if r.document is not None]
    program = docs[0]
    if not isinstance(program, Program):
        print(f"{results[0].source}:1:1: error: not a program document", file=err)
        return 1
    offset = len(results) - len(args.curriculum)
    for result in results[offset:]:
        if not isinstance(result.document, Curriculum):
            print(f"{result.source}:1:1: error: not a curriculum document", file=err)
            return 1
    known_groups = {g.id for g in program.groups}
    for group_id in args.group or ():
        if group_id not in known_groups:
            print(f"error: no group {group_id!r} in {program.id!r}", file=err)
            return 1
    try:
        until = args.until or _default_until(program)
        plan = plan_program(
            program,
            curricula_for(program, docs[1:]),
            until=until,
            clashes=ClashMode(args.clashes),
            groups=args.group,
        )
    except (PlanningError, OutsideCalendar) as exc:
        print(f"error: {exc}", file=err)
        return 1
    except OverflowError:
        print("error: the program's dates lie too far in the future to plan", file=err)
        return 1
    if args.group:
        # The trainings are still planned (they decide who is trained) but not shown.
        plan = attrs.evolve(plan, plans=tuple(p for p in plan.plans if p.series.id in args.group))
    _print_plan(program, plan, until, out)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    exports: list[tuple[Path | None, Callable[[], str]]] = [
        (args.ics, lambda: to_ics(plan, program, stamp=stamp).decode("utf-8")),
        (args.csv, lambda: to_csv(plan, program)),
    ]
    for target, render in exports:
        if target is None:
            continue
        try:
            write_atomically(target, render())
        except OSError as exc:
            print(f"error: cannot write {target}: {exc.strerror or exc}", file=err)
            return 1
        print(f"wrote {target}", file=out)
    for violation in plan.violations:
        print(f"error: {violation}", file=err)
    return 1 if plan.violations else 0


def _default_until(program: Program) -> dt.date:
    starts = [g.start_date for g in program.groups] or [t.start_date for t in program.trainings]
    starts += [e.date for e in program.events]
    # A program with nothing to plan gets an empty plan.
    return max(starts, default=dt.date.today()) + dt.timedelta(weeks=52)


def _print_plan(program: Program, plan: ProgramPlan, until: dt.date, out: TextIO) -> None:
    names = {w.id: w.name for w in program.workers} | {c.id: c.name for c in program.coaches}
    venues = {v.id: v.name for v in program.venues}
    print(f"{program.title}: plan up to {until} ({program.timezone})", file=out)
    header = ("date", "time", "series", "session", "venue", "people")
    rows: list[tuple[str, ...]] = []
    for s in plan.sessions:
        people = ", ".join(names.get(p, p) for p in s.series.leaders)
        rows.append(
            (
                f"{s.day} {s.day.strftime('%a')}",
                f"{s.start:%H:%M}-{s.end:%H:%M}",
                s.series.id,
                _cut(f"{s.number}. {s.title}", 44),
                venues.get(s.series.venue or "", "online"),
                people,
            )
        )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*header).rstrip(), file=out)
    for row in rows:
        print(line.format(*row).rstrip(), file=out)
    skipped = plan.skipped
    if skipped:
        print(f"\nskipped dates ({len(skipped)}):", file=out)
        width = max(len(k.series) for k in skipped)
        for k in skipped:
            print(f"{k.day} {k.day.strftime('%a')}  {k.series:<{width}}  {k.reason}", file=out)
    counts = ", ".join(f"{p.series.id} {len(p.sessions)}" for p in plan.plans)
    print(
        f"\n{len(plan.sessions)} sessions planned ({counts}); {len(skipped)} dates skipped",
        file=out,
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
