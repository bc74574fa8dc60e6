"""The ``joinus`` command: parse the command line and hand it to the subcommand's module."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Protocol, TextIO

from joinus_method import __version__
from joinus_method.cli import bundled, check, init, plan, schema, show
from joinus_method.errors import JoinUsError

__all__ = ["main"]


class _Command(Protocol):
    """What each subcommand's module offers."""

    def add_parser(self, commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add the subcommand with its arguments to *commands*."""

    def run(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        """Carry out the subcommand; return the exit status."""


_COMMANDS: dict[str, _Command] = {
    "check": check,
    "schema": schema,
    "bundled": bundled,
    "init": init,
    "plan": plan,
    "show": show,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="joinus",
        description="Plan and follow the Join Us programme against loneliness among youths.",
    )
    parser.add_argument("--version", action="version", version=f"joinus {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMANDS.values():
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``joinus`` command with *argv*; return its exit status.

    Errors are printed as ``error:`` lines, never as a traceback: 1 for an error in the
    input, 2 for wrong usage, 130 when interrupted, 70 for an error in joinus itself
    (``JOINUS_DEBUG=1`` shows its traceback).
    """
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader (such as `head`) went away: stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except JoinUsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"error: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""),
            file=sys.stderr,
        )
        return 1
    except Exception as exc:
        if os.environ.get("JOINUS_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a fault in joinus, not in your files: please report it, with the command "
            "you ran (JOINUS_DEBUG=1 shows the details).",
            file=sys.stderr,
        )
        return 70


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help(sys.stdout)
        return 0
    args = parser.parse_args(argv)
    if args.command == "check" and not args.files and not args.bundled:
        parser.error("check: give one or more FILEs, or --bundled")
    if args.command == "schema" and args.kind is None and args.out is None:
        parser.error("schema: give a KIND, or --out DIR")
    return _COMMANDS[args.command].run(args, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
