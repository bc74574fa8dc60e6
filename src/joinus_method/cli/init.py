"""``joinus init``: start the documents of a new municipality in a folder of its own."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ._language import _, os_error_text

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``init`` subcommand to *commands*."""
    init = commands.add_parser(
        "init",
        help=_("start a new municipality's program in a folder"),
        description=_(
            "Write a program to fill in (the Noordwijk example with its people, places and ids "
            "as placeholders), copies of the bundled curricula and framework, and their JSON "
            "Schemas in DIR/schemas, so editors complete and explain every key. Then `joinus "
            "check DIR/*.toml` lists what is still to fill in. DIR must be new or empty. Exit "
            "status: 0 written, 1 DIR is not empty or cannot be written."
        ),
    )
    init.add_argument("folder", metavar="DIR", type=Path, help=_("the folder to start in"))


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the starting documents and their schemas into a new or empty folder."""
    from joinus_method.documents.files import DocumentKind, write_atomically
    from joinus_method.documents.schema import SCHEMA_FILES, schema_text
    from joinus_method.documents.starter import starter_files

    folder: Path = args.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(
            _("error: {folder} is not an empty folder: nothing was written", folder=folder),
            file=err,
        )
        return 1
    files = starter_files()
    files |= {f"schemas/{SCHEMA_FILES[k]}": schema_text(k) for k in DocumentKind}
    try:
        (folder / "schemas").mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomically(folder / name, text)
    except OSError as exc:
        print(
            _("error: cannot write in {folder}: {why}", folder=folder, why=os_error_text(exc)),
            file=err,
        )
        return 1
    for name in files:
        print(_("wrote {path}", path=folder / name), file=out)
    print(
        _(
            "next: fill in {program}, then run joinus check {folder}/*.toml",
            program=folder / "program.toml",
            folder=folder,
        ),
        file=out,
    )
    return 0
