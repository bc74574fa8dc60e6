"""``joinus check``: validate documents and the ids they use of each other."""

from __future__ import annotations

import argparse
from typing import TextIO

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` subcommand to *commands*."""
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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the files of *args*; print one line per valid file and per error."""
    from joinus_method.documents.bundled import bundled_documents
    from joinus_method.documents.files import DocumentKind
    from joinus_method.documents.references import check_files, check_texts

    results = check_files(args.files)
    if args.bundled:
        results += check_texts([(d.source, d.text()) for d in bundled_documents()])
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
