"""Keep the translations of joinus in step with its messages.

    python tools/messages.py update    # read the messages from the code into po/<language>.po
    python tools/messages.py compile   # compile each po/<language>.po into the package

The messages are read with Babel from the package and the example scripts: the templates
of ``msg()`` and ``msg_n()`` (the library's messages), ``_()`` and ``n_()`` (the command's
texts), and argparse's own texts of this Python, which the command translates too. After
``update``, translate every new or changed entry in ``po/nl.po`` (an entry marked
``fuzzy`` was guessed from a similar one: check it and remove the mark), then ``compile``.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "joinus_method"
PO_DIR = REPO / "po"
DOMAIN = "joinus"
LANGUAGES = ("nl",)

KEYWORDS = {"msg": None, "msg_n": (1, 2), "_": None, "n_": (1, 2)}
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}


def sources() -> list[Path]:
    """The files whose messages are translated, in a fixed order."""
    return sorted(PACKAGE.rglob("*.py")) + sorted((REPO / "examples").rglob("*.py"))


def extracted(warnings: list[str] | None = None) -> Catalog:
    """A catalogue of every message in the sources and in argparse, untranslated.

    Each message whose template cannot be read (an f-string, say) is added to *warnings*.
    """
    import argparse as argparse_module

    catalog = Catalog(project="joinus_method", domain=DOMAIN, fuzzy=False)
    files: Iterable[tuple[Path, dict[str, object]]] = [
        *((path, KEYWORDS) for path in sources()),
        (Path(argparse_module.__file__), ARGPARSE_KEYWORDS),
    ]
    for path, keywords in files:
        where = _where(path)
        for line, message, comments, context in _extract(path, keywords, warnings):
            catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
    return catalog


def _where(path: Path) -> str:
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        return f"<python>/{path.name}"


def _extract(
    path: Path, keywords: dict[str, object], warnings: list[str] | None
) -> Iterator[tuple[int, str | tuple[str, str], list[str], str | None]]:
    import contextlib
    import warnings as warnings_module

    stderr = io.StringIO()
    with warnings_module.catch_warnings(), contextlib.redirect_stderr(stderr):
        found = list(extract_from_file("python", str(path), keywords=keywords))  # type: ignore[arg-type]
    if warnings is not None:
        warnings += [line for line in stderr.getvalue().splitlines() if line.strip()]
    yield from found


def read(language: str) -> Catalog:
    """The catalogue of *language* as it is in ``po/``."""
    with (PO_DIR / f"{language}.po").open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """*catalog* compiled as gettext reads it."""
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def mo_path(language: str) -> Path:
    """Where the package keeps the compiled catalogue of *language*."""
    return PACKAGE / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(REPO)}")


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=96, sort_output=False, omit_header=False)
    return out.getvalue()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["update", "compile"])
    step = parser.parse_args(argv).step
    if step == "update":
        warnings: list[str] = []
        template = extracted(warnings)
        for warning in warnings:
            print(warning, file=sys.stderr)
        if warnings:
            return 1
        for language in LANGUAGES:
            path = PO_DIR / f"{language}.po"
            catalog = read(language) if path.exists() else Catalog(locale=language, domain=DOMAIN)
            catalog.update(template, update_header_comment=False)
            catalog.obsolete.clear()
            _write(path, _po_bytes(catalog))
        return 0
    for language in LANGUAGES:
        _write(mo_path(language), compiled(read(language)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
