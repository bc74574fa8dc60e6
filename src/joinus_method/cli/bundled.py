"""``joinus bundled``: list the documents shipped with the package, where a coach finds them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ._language import KIND_NAMES, _, translate

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``bundled`` subcommand to *commands*."""
    commands.add_parser(
        "bundled",
        help=_("list the documents shipped with joinus"),
        description=_(
            "List the curricula, framework and program shipped with joinus: kind, id and the "
            "file on this computer, to open or copy as the start of your own. Documents name "
            "each other by id, so a copy is found by `joinus check` and `joinus plan` when "
            "given together with the others."
        ),
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """List every bundled document: its kind, id and the path of its file."""
    from joinus_method.documents.bundled import bundled_documents

    for doc in bundled_documents():
        found = doc.resource
        where = str(found) if isinstance(found, Path) else f"joinus_method/{doc.name}"
        kind = translate(KIND_NAMES[doc.kind])
        print(f"{kind:<11} {doc.id:<28} {where}", file=out)
    return 0
