"""``joinus bundled``: list the documents shipped with the package."""

from __future__ import annotations

import argparse
from typing import TextIO

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``bundled`` subcommand to *commands*."""
    commands.add_parser("bundled", help="list the documents shipped with joinus")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """List every bundled document: its kind, id and name inside the package."""
    from joinus_method.documents.bundled import bundled_documents

    for doc in bundled_documents():
        print(f"{doc.kind.value:<11} {doc.id:<28} {doc.name}", file=out)
    return 0
