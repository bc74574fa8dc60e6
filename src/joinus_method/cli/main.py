"""The ``joinus`` command: parse the command line and hand it to the subcommand's module."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TextIO, cast

from joinus_method.cli._language import (
    LANGUAGES,
    _,
    choose,
    error_text,
    language_option,
    os_error_text,
    speaking,
)

__all__ = ["main"]


class _Command(Protocol):
    """What each subcommand's module offers."""

    def add_parser(self, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add the subcommand with its arguments to *commands*."""

    def run(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        """Carry out the subcommand; return the exit status."""


_COMMANDS = (
    "check",
    "schema",
    "bundled",
    "init",
    "plan",
    "show",
    "report",
    "signals",
    "record",
    "export",
    "forget",
    "store",
    "demo",
)
"""The subcommands, in the order ``joinus --help`` lists them; each is the module of its
name in this package, imported when it is needed."""


def _command(name: str) -> _Command:
    return cast(_Command, importlib.import_module(f"joinus_method.cli.{name}"))


class _Version(argparse._VersionAction):
    """``--version``: the version is looked up (in the package's metadata) only when asked."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from joinus_method import __version__

        self.version = f"joinus {__version__}"
        super().__call__(parser, namespace, values, option_string)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the command line; with *command*, of that subcommand alone (whose
    module is then the only one imported)."""
    parser = argparse.ArgumentParser(
        prog="joinus",
        description=_("Plan and follow the Join Us programme against loneliness among youths."),
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help=_("show the version of joinus and stop"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_(
            "the language to speak: nl (Dutch) or en (English); by default Dutch under a Dutch "
            "locale, else English (may also follow COMMAND)"
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMANDS if command is None else (command,):
        _command(name).add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``joinus`` command with *argv*; return its exit status.

    It speaks Dutch with ``--lang nl`` (anywhere in *argv*) or under a Dutch locale, else
    English. Errors are printed as ``error:`` lines, never as a traceback: 1 for an error in
    the input, 2 for wrong usage, 130 when interrupted, 70 for an error in joinus itself
    (``JOINUS_DEBUG=1`` shows its traceback).
    """
    asked, rest = language_option(sys.argv[1:] if argv is None else argv)
    with speaking(choose(asked)), _collecting_rarely():
        if asked is not None and asked.lower() not in LANGUAGES:
            _parser().error(_("--lang: choose nl or en, not {asked!r}", asked=asked))
        return _safely(rest)


@contextlib.contextmanager
def _collecting_rarely() -> Iterator[None]:
    """Run the cycle collector rarely while a command runs.

    A command makes its values in bulk (a national program is about a million objects) and
    they are trees, freed by reference counting; the collector would only walk them again
    and again (a tenth of the time of ``joinus plan``). The usual settings come back after.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _safely(argv: Sequence[str]) -> int:
    """Run the command of *argv*, each error turned into error lines and an exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader (such as `head`) went away: stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:
        # The errors module is imported only now, so that starting the command stays light.
        from joinus_method.errors import JoinUsError

        if isinstance(exc, JoinUsError):
            print(error_text(exc), file=sys.stderr)
            return 1
        if isinstance(exc, OSError):
            where = f": {exc.filename}" if exc.filename else ""
            label = _("error")
            print(f"{label}: {os_error_text(exc)}{where}", file=sys.stderr)
            return 1
        if os.environ.get("JOINUS_DEBUG"):
            raise
        error = type(exc).__name__ + ": " + str(exc)
        print(
            _(
                "internal error: {error}\n"
                "This is a fault in joinus, not in your files: please report it, with the "
                "command you ran (JOINUS_DEBUG=1 shows the details).",
                error=error,
            ),
            file=sys.stderr,
        )
        return 70


def _main(argv: Sequence[str]) -> int:
    # The first word that is not an option names the subcommand (--lang is taken out
    # already; the other options before it take no value).
    named = next((a for a in argv if not a.startswith("-")), None)
    parser = _parser(named if named in _COMMANDS else None)
    if not argv:
        parser.print_help(sys.stdout)
        return 0
    args = parser.parse_args(argv)
    if args.command == "check" and not args.files and not args.bundled:
        parser.error(_("check: give one or more FILEs, or --bundled"))
    if args.command == "schema" and args.kind is None and args.out is None:
        parser.error(_("schema: give a KIND, or --out DIR"))
    return _command(args.command).run(args, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
