"""``joinus forget``: erase a youth's personal data and free text, keep their progress."""

from __future__ import annotations

import argparse
from typing import TextIO

from ._language import _, error_text
from ._tracking import add_store_option, no_store

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``forget`` subcommand to *commands*."""
    forget = commands.add_parser(
        "forget",
        help=_("forget a youth: erase their name, contact details and notes"),
        description=_(
            "Erase a youth's personal data (name, date of birth, contact details) and the "
            "free text of their events from the store, also from the store's own files. Their "
            "progress stays, by pseudonym only, for the programme's figures. Nothing new can "
            "be recorded for them afterwards. This cannot be undone: give --yes to do it."
        ),
    )
    forget.add_argument("youth", metavar="YOUTH", help=_("the youth's pseudonym"))
    forget.add_argument("--yes", action="store_true", help=_("yes, forget this youth"))
    add_store_option(forget)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Forget the youth of *args*, when confirmed."""
    from joinus_method.errors import JoinUsError
    from joinus_method.tracking.database import shown
    from joinus_method.tracking.store import open_store

    if no_store(args.store, err):
        return 1
    try:
        with open_store(args.store) as store:
            if args.youth not in store.youths() and store.personal(args.youth) is None:
                print(
                    _("error: no youth {id!r} in {path}", id=args.youth, path=shown(args.store)),
                    file=err,
                )
                return 1
            if not args.yes:
                print(
                    _(
                        "error: forgetting {youth} cannot be undone: add --yes to do it",
                        youth=args.youth,
                    ),
                    file=err,
                )
                return 2
            store.forget(args.youth)
    except JoinUsError as exc:
        print(error_text(exc), file=err)
        return 1
    print(
        _(
            "forgot {youth}: personal data and notes erased, progress kept by pseudonym",
            youth=args.youth,
        ),
        file=out,
    )
    return 0
