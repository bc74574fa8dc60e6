"""The ``joinus`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``joinus`` command with *argv*; return its exit status."""
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
    from .schema import SCHEMA_FILES, schema_text

    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        kinds = [DocumentKind(kind)] if kind else list(DocumentKind)
        for k in kinds:
            target = out_dir / SCHEMA_FILES[k]
            target.write_text(schema_text(k), encoding="utf-8")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
