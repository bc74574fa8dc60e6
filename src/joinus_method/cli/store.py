"""``joinus store copy``: move a store between an SQLite file and a PostgreSQL database."""

from __future__ import annotations

import argparse
from typing import TextIO

from ._language import _, error_text
from ._tracking import no_store, store_address

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``store`` subcommand, with its own subcommand ``copy``, to *commands*."""
    store = commands.add_parser(
        "store",
        help=_("copy a store between a file and a shared PostgreSQL database"),
        description=_(
            "Work on a store as a whole. A store is a file (SQLite) or a postgresql:// URL "
            "of a database on a PostgreSQL server (with the extra joinus_method[postgres])."
        ),
    )
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy",
        help=_("copy every event, personal detail and logged access to a new store"),
        description=_(
            "Copy the store SOURCE to DESTINATION, which must be new or empty: every event, "
            "the personal data, the access log and who was forgotten. The copy is kept only "
            "when each youth's state, made again from the copied events, equals the "
            "source's; stopped or refused halfway, the destination is left as it was."
        ),
    )
    copy.add_argument("source", metavar="SOURCE", type=store_address, help=_("the store to copy"))
    copy.add_argument(
        "destination",
        metavar="DESTINATION",
        type=store_address,
        help=_("the new store: a file, or a postgresql:// URL"),
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Copy the store of *args*."""
    from joinus_method.errors import JoinUsError
    from joinus_method.tracking.database import shown
    from joinus_method.tracking.store import copy_store

    if no_store(args.source, err):
        return 1
    try:
        copied = copy_store(args.source, args.destination)
    except JoinUsError as exc:
        print(error_text(exc), file=err)
        return 1
    print(
        _(
            "copied {events} events of {youths} youths from {source} to {destination}, with "
            "{personal} youths' personal data and {accesses} logged accesses; each youth's "
            "state, made again from the copied events, equals the source's",
            events=copied.events,
            youths=copied.youths,
            personal=copied.personal,
            accesses=copied.accesses,
            source=shown(args.source),
            destination=shown(args.destination),
        ),
        file=out,
    )
    return 0
