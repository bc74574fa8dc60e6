"""Reading and writing the TOML documents a coach writes: curricula, progress frameworks and
programs, and the school holidays and closure lists a program can bring.

Every document starts with a ``format`` key naming its kind and version, such as
``format = "joinus.curriculum.v1"``. Loading reports every mistake of a file at once, each
with the file, line and column of the offending key and its JSON path, and never returns a
half-loaded value. Writing is the exact inverse: ``loads(dumps(doc)) == doc``.
"""

from __future__ import annotations

import enum
import importlib
import os
import re
import stat
import sys
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

import tomli

from joinus_method.errors import DocumentError, Problem
from joinus_method.messages import Message, msg, os_reason
from joinus_method.model.curriculum import Curriculum
from joinus_method.model.holidays import ClosureList, SchoolHolidays
from joinus_method.model.program import Program

from .syntax import explain, read_text

if TYPE_CHECKING:
    from pathlib import Path

    from joinus_method.model.framework import ProgressFramework

    from ._converter import Found
    from .positions import Positions

__all__ = [
    "FORMAT_KEY",
    "Document",
    "DocumentKind",
    "dump",
    "dumps",
    "kind_of",
    "load",
    "load_closures",
    "load_curriculum",
    "load_framework",
    "load_program",
    "load_school_holidays",
    "loads",
    "unstructure",
    "write_atomically",
]

FORMAT_KEY: Final = "format"

if TYPE_CHECKING:
    Document: TypeAlias = Curriculum | ProgressFramework | Program | SchoolHolidays | ClosureList
D = TypeVar("D")


def __getattr__(name: str) -> Any:
    # The union of the document classes is made when first asked for at run time, so that
    # loading a program does not import the progress framework's classes.
    if name == "Document":
        from joinus_method.model.framework import ProgressFramework

        union = Curriculum | ProgressFramework | Program | SchoolHolidays | ClosureList
        globals()["Document"] = union
        return union
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DocumentKind(enum.StrEnum):
    """The kinds of TOML document, by the name used in their ``format`` key."""

    CURRICULUM = "curriculum"
    FRAMEWORK = "framework"
    PROGRAM = "program"
    SCHOOL_HOLIDAYS = "school-holidays"
    CLOSURES = "closures"

    @property
    def model(self) -> type[Document]:
        """The class a document of this kind loads into."""
        module, name = _MODELS[self]
        model: type[Document] = getattr(importlib.import_module(module), name)
        return model

    @property
    def version(self) -> int:
        """The format version this library reads and writes."""
        return 1

    @property
    def label(self) -> Message:
        """The kind in words, for messages: ``curriculum``, ``school-holidays``."""
        return _LABELS[self]

    @property
    def format_name(self) -> str:
        """The value of the ``format`` key for this kind and version."""
        return f"joinus.{self.value}.v{self.version}"

    @classmethod
    def of(cls, doc: Document) -> DocumentKind:
        """The kind of *doc*."""
        for kind, (module, name) in _MODELS.items():
            # A value of a class whose module is not imported yet is not of that class.
            loaded = sys.modules.get(module)
            if loaded is not None and isinstance(doc, getattr(loaded, name)):
                return kind
        raise TypeError(f"not a joinus document: {type(doc).__name__}")


_MODELS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.CURRICULUM: ("joinus_method.model.curriculum", "Curriculum"),
    DocumentKind.FRAMEWORK: ("joinus_method.model.framework", "ProgressFramework"),
    DocumentKind.PROGRAM: ("joinus_method.model.program", "Program"),
    DocumentKind.SCHOOL_HOLIDAYS: ("joinus_method.model.holidays", "SchoolHolidays"),
    DocumentKind.CLOSURES: ("joinus_method.model.holidays", "ClosureList"),
}
"""The module and class of each kind's documents (imported when a kind is first loaded)."""
_LABELS: dict[DocumentKind, Message] = {
    DocumentKind.CURRICULUM: msg("curriculum"),
    DocumentKind.FRAMEWORK: msg("framework"),
    DocumentKind.PROGRAM: msg("program"),
    DocumentKind.SCHOOL_HOLIDAYS: msg("school-holidays"),
    DocumentKind.CLOSURES: msg("closures"),
}
# ASCII digits without a leading zero: the schema's "const" is the only spelling of a version.
_FORMAT = re.compile(r"joinus\.([a-z]+(?:-[a-z]+)*)\.v(0|[1-9][0-9]*)")


def _syntax_problem(source: str, toml: str, exc: tomli.TOMLDecodeError) -> Problem:
    text = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    match = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if match and line is None:
        line, column = int(match[1]), int(match[2])
    elif text.endswith("(at end of document)"):
        # Before Python 3.14 the error gives no place here: it is just past the last character.
        line, column = toml.count("\n") + 1, len(toml) - toml.rfind("\n")
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    said, line, column = explain(message, toml, line or 1, column or 1)
    return Problem(
        msg("not valid TOML: {problem}", problem=said), (), "syntax", source, line, column
    )


def _placed(source: str, found: list[Found], text: str) -> DocumentError:
    """The error of *found*, each problem at the line and column of its key in *text*."""
    from .positions import key_positions

    positions: Positions = key_positions(text)
    # A misspelt required key is one mistake, not two: the "missing" report goes.
    meant = {f.meant for f in found if f.meant is not None}
    problems = []
    for f in found:
        if f.message.startswith("missing required key") and f.path in meant:
            continue
        line, column = positions.locate(f.lookup)
        problems.append(Problem(f.message, f.path, f.kind, source, line, column))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return DocumentError(source, problems)


def _found(message: str) -> Found:
    from ._converter import Found

    return Found(message, (), (FORMAT_KEY,), "structure")


def kind_of(data: dict[str, Any]) -> DocumentKind | str:
    """The kind a parsed document declares in its ``format`` key, or what is wrong with it."""
    declared = data.get(FORMAT_KEY)
    expected = ", ".join(repr(k.format_name) for k in DocumentKind)
    if declared is None:
        return msg(
            "missing key {key!r}: the first line should be one of {expected}",
            key=FORMAT_KEY,
            expected=expected,
        )
    match = _FORMAT.fullmatch(declared) if isinstance(declared, str) else None
    if match is None or match[1] not in DocumentKind.__members__.values():
        return msg(
            "unknown document format {declared!r}; expected one of {expected}",
            declared=declared,
            expected=expected,
        )
    kind = DocumentKind(match[1])
    if int(match[2]) != kind.version:
        return msg(
            "unsupported {kind} format version {version}: this version of "
            "joinus_method reads {format_name!r}",
            kind=kind.label,
            version=match[2],
            format_name=kind.format_name,
        )
    return kind


# -- loading -----------------------------------------------------------------------------
def loads(text: str, *, source: str = "<string>", kind: DocumentKind | None = None) -> Document:
    """Load a document from TOML *text*; *source* names it in error messages.

    Raises :class:`~joinus_method.errors.DocumentError` with every problem found.
    """
    # A byte-order mark, as some editors on Windows write it, is not part of the text.
    text = text.removeprefix("\ufeff")
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DocumentError(source, [_syntax_problem(source, text, exc)]) from None
    declared = kind_of(data)
    if not isinstance(declared, DocumentKind):
        found = [_found(declared)]
        raise _placed(source, found, text)
    if kind is not None and declared is not kind:
        message = msg(
            "expected a {expected} document, found a {found} document",
            expected=kind.label,
            found=declared.label,
        )
        raise _placed(source, [_found(message)], text)
    from ._converter import structure

    body = {k: v for k, v in data.items() if k != FORMAT_KEY}
    doc, found = structure(body, declared.model)
    if doc is None:
        raise _placed(source, found, text)
    return doc


def load(path: str | os.PathLike[str], *, kind: DocumentKind | None = None) -> Document:
    """Load the document in the file at *path*.

    Raises :class:`~joinus_method.errors.DocumentError` with every problem found, also when
    the file cannot be read.
    """
    from pathlib import Path

    p = Path(path)
    try:
        text = read_text(p)
    except OSError as exc:
        reason = os_reason(exc)
        raise DocumentError(
            str(p),
            [Problem(msg("cannot read file: {reason}", reason=reason), (), "syntax", str(p), 1, 1)],
        ) from None
    return loads(text, source=str(path), kind=kind)


def _typed(doc: Document, cls: type[D]) -> D:
    assert isinstance(doc, cls)
    return doc


def load_curriculum(path: str | os.PathLike[str]) -> Curriculum:
    """Load a curriculum document."""
    return _typed(load(path, kind=DocumentKind.CURRICULUM), Curriculum)


def load_framework(path: str | os.PathLike[str]) -> ProgressFramework:
    """Load a progress framework document."""
    from joinus_method.model.framework import ProgressFramework

    return _typed(load(path, kind=DocumentKind.FRAMEWORK), ProgressFramework)


def load_program(path: str | os.PathLike[str]) -> Program:
    """Load a program document."""
    return _typed(load(path, kind=DocumentKind.PROGRAM), Program)


def load_school_holidays(path: str | os.PathLike[str]) -> SchoolHolidays:
    """Load a school-holiday document, in the format of the shipped school holidays."""
    return _typed(load(path, kind=DocumentKind.SCHOOL_HOLIDAYS), SchoolHolidays)


def load_closures(path: str | os.PathLike[str]) -> ClosureList:
    """Load a closure list document."""
    return _typed(load(path, kind=DocumentKind.CLOSURES), ClosureList)


# -- writing -----------------------------------------------------------------------------
def unstructure(doc: Document) -> dict[str, Any]:
    """*doc* as plain TOML-ready data, starting with its ``format`` key."""
    from ._converter import converter

    body: dict[str, Any] = converter().unstructure(doc)
    return {FORMAT_KEY: DocumentKind.of(doc).format_name, **body}


def dumps(doc: Document, *, schema: str | None = None) -> str:
    """*doc* as TOML text; with *schema*, headed by a ``#:schema`` directive for editors."""
    import tomli_w

    text = tomli_w.dumps(unstructure(doc))
    return f"#:schema {schema}\n{text}" if schema else text


def dump(doc: Document, path: str | os.PathLike[str], *, schema: str | None = None) -> None:
    """Write *doc* to *path*, all or nothing: a failed write leaves the old file as it was."""
    write_atomically(path, dumps(doc, schema=schema))


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* through a temporary file, so the file is never half-written.

    An existing file keeps its permission bits. A new file gets the mode any new file gets,
    ``0o666`` less the process umask (0644 with the usual umask 022).
    """
    from pathlib import Path

    target = Path(path)
    try:
        keep: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        keep = None
    fd, tmp = _create_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if keep is not None:
            os.chmod(tmp, keep)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_beside(target: Path) -> tuple[int, str]:
    """A new empty file in *target*'s folder, open for writing, and its path.

    :func:`tempfile.mkstemp` would make it private (0600); created with ``0o666`` instead, it
    gets the process umask from the kernel, so the umask is never read or changed.
    """
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:  # a name drawn before: draw another
            continue
    raise FileExistsError(msg("no free temporary file name next to {path}", path=str(target)))
