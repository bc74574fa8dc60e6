"""The documents shipped with the package: curricula, the progress framework, programs.

They are package data: read from the package's folder, or with :mod:`importlib.resources`
when the package is not a folder (imported from a zip), so they work the same from a wheel,
a zip or a source tree install.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import tomli

from joinus_method._repr import shared_repr
from joinus_method.errors import UnknownId
from joinus_method.messages import Message, msg

from .files import DocumentKind, kind_of, loads

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .files import Document

__all__ = ["BundledDocument", "bundled_documents", "find_bundled", "load_bundled"]

_FOLDERS = ("curricula", "examples")
# Whole words, not "bundled" + kind: in Dutch the adjective agrees with the noun.
_BUNDLED: dict[DocumentKind, Message] = {
    DocumentKind.CURRICULUM: msg("bundled curriculum"),
    DocumentKind.FRAMEWORK: msg("bundled framework"),
    DocumentKind.PROGRAM: msg("bundled program"),
    DocumentKind.SCHOOL_HOLIDAYS: msg("bundled school-holidays"),
    DocumentKind.CLOSURES: msg("bundled closures"),
}


@attrs.frozen
@shared_repr
class BundledDocument:
    """A document shipped with the package."""

    name: str
    """Its path inside the package, such as ``curricula/groepsavonden.toml``."""
    kind: DocumentKind
    id: str
    """The ``id`` key of the document."""

    @property
    def source(self) -> str:
        """How the document is named in messages: ``joinus_method/curricula/...``."""
        return f"joinus_method/{self.name}"

    @property
    def resource(self) -> Traversable:
        """The packaged file."""
        return _package_files().joinpath(self.name)

    def text(self) -> str:
        """The TOML text as shipped."""
        return self.resource.read_text(encoding="utf-8")

    def load(self) -> Document:
        """The loaded document."""
        return _loaded(self.text(), self.name, self.kind)


@functools.lru_cache(maxsize=16)
def _loaded(text: str, name: str, kind: DocumentKind) -> Document:
    """The document in *text*, loaded once for the same text: documents cannot change, and
    one run looks up the same bundled curricula more than once."""
    return loads(text, source=name, kind=kind)


def _walk(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}/{entry.name}"
        if entry.is_dir():
            found.extend(_walk(entry, name))
        elif entry.name.endswith(".toml"):
            found.append((name, entry))
    return found


def _package_files() -> Traversable:
    """The files of the package: its folder, or what :mod:`importlib.resources` finds when
    the package is not a folder (imported from a zip)."""
    root = Path(__file__).parent.parent
    if root.joinpath("__init__.py").is_file():
        return root
    from importlib import resources

    return resources.files("joinus_method")


@functools.cache
def bundled_documents() -> tuple[BundledDocument, ...]:
    """Every bundled document, in a stable order."""
    root = _package_files()
    out = []
    for folder in _FOLDERS:
        if not root.joinpath(folder).is_dir():
            continue
        for name, entry in _walk(root.joinpath(folder), folder):
            data = _top_keys(entry.read_text(encoding="utf-8"))
            kind = kind_of(data)
            if isinstance(kind, DocumentKind):
                out.append(BundledDocument(name, kind, str(data.get("id", ""))))
    return tuple(out)


def _top_keys(text: str) -> dict[str, Any]:
    """The keys of *text* before its first table, where ``format`` and ``id`` stand: only
    that part is read, unless it is not TOML on its own (a line of a multi-line value that
    starts with ``[``), when the whole text is."""
    first_table = re.search(r"^\[", text, re.MULTILINE)
    if first_table is not None:
        try:
            return tomli.loads(text[: first_table.start()])
        except tomli.TOMLDecodeError:
            pass
    return tomli.loads(text)


def find_bundled(kind: DocumentKind, doc_id: str) -> BundledDocument:
    """The bundled document of *kind* whose id is *doc_id*."""
    for doc in bundled_documents():
        if doc.kind is kind and doc.id == doc_id:
            return doc
    raise UnknownId(_BUNDLED[kind], doc_id)


def load_bundled(name_or_id: str, kind: DocumentKind | None = None) -> Document:
    """Load a bundled document by its name (``curricula/groepsavonden.toml``) or id."""
    for doc in bundled_documents():
        if name_or_id in (doc.name, doc.id) and (kind is None or doc.kind is kind):
            return doc.load()
    raise UnknownId(msg("bundled document"), name_or_id)
