"""``joinus schema``: print or write the JSON Schemas of the documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ._language import KIND_NAMES, _, os_error_text

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` subcommand to *commands*."""
    schema = commands.add_parser(
        "schema",
        help=_("write the JSON Schema of a document kind"),
        description=_(
            "Print the JSON Schema (draft-07) of one kind of document, or write all of them "
            "to a folder, for editor completion (Taplo, Even Better TOML)."
        ),
    )
    schema.add_argument(
        "kind",
        nargs="?",
        # The values of DocumentKind, in its order, without importing the documents here.
        choices=list(KIND_NAMES),
        help=_("the kind of document"),
    )
    schema.add_argument("--out", type=Path, metavar="DIR", help=_("write every schema into DIR"))


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema of ``args.kind``, or write the schemas into ``args.out``."""
    from joinus_method.documents.files import DocumentKind, write_atomically
    from joinus_method.documents.schema import SCHEMA_FILES, schema_text

    out_dir: Path | None = args.out
    if out_dir is None:
        out.write(schema_text(DocumentKind(args.kind)))
        return 0
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(_("error: cannot make {path}: {why}", path=out_dir, why=os_error_text(exc)), file=err)
        return 1
    kinds = [DocumentKind(args.kind)] if args.kind else list(DocumentKind)
    for kind in kinds:
        target = out_dir / SCHEMA_FILES[kind]
        try:
            write_atomically(target, schema_text(kind))
        except OSError as exc:
            print(
                _("error: cannot write {path}: {why}", path=target, why=os_error_text(exc)),
                file=err,
            )
            return 1
        print(_("wrote {path}", path=target), file=out)
    return 0
