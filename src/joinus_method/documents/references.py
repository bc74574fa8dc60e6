"""Checking documents together: the ids one document uses of another.

A curriculum names its progress framework and the framework's domains; a program names the
curricula and framework it uses. These references are checked against the documents given
together, then against the bundled ones, and reported with the line of the reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import DocumentError, Problem, ValuePath
from joinus_method.messages import Message, msg, os_reason
from joinus_method.model.chain import chain_problems
from joinus_method.model.curriculum import Audience, Curriculum
from joinus_method.model.holidays import ClosureList, SchoolHolidays
from joinus_method.model.program import Program

from .bundled import bundled_documents
from .files import DocumentKind, load, loads
from .syntax import read_text

if TYPE_CHECKING:
    from .files import Document

_AUDIENCES: dict[Audience, Message] = {
    Audience.WORKERS: msg("workers"),
    Audience.YOUTHS: msg("youths"),
    Audience.PROFESSIONALS: msg("professionals"),
}

__all__ = [
    "CalendarFiles",
    "CheckedFile",
    "calendar_files",
    "check_files",
    "check_texts",
    "curricula_for",
    "locate",
]


@attrs.frozen
@shared_repr
class CheckedFile:
    """The outcome of checking one file: the document, or every problem found in it."""

    source: str
    document: Document | None
    problems: tuple[Problem, ...]
    text: str | None = None
    """The text that was checked, when it could be read."""

    @property
    def ok(self) -> bool:
        """Whether the file has no problems."""
        return not self.problems


class _Registry:
    def __init__(self, docs: Sequence[Document]) -> None:
        self._given = {
            (DocumentKind.of(d), d.id): d for d in docs if not isinstance(d, SchoolHolidays)
        }
        # Each bundled document is loaded once, however many references name it.
        self._bundled: dict[tuple[DocumentKind, str], Document | None] = {}

    def exists(self, kind: DocumentKind, doc_id: str) -> bool:
        """Whether a document of *kind* with id *doc_id* is given or bundled (a bundled
        document is known to load: it is not loaded to say so)."""
        if (kind, doc_id) in self._given:
            return True
        return any(b.kind is kind and b.id == doc_id for b in bundled_documents())

    def find(self, kind: DocumentKind, doc_id: str) -> Document | None:
        found = self._given.get((kind, doc_id))
        if found is not None:
            return found
        key = (kind, doc_id)
        if key not in self._bundled:
            self._bundled[key] = self._load_bundled(kind, doc_id)
        return self._bundled[key]

    @staticmethod
    def _load_bundled(kind: DocumentKind, doc_id: str) -> Document | None:
        for bundled in bundled_documents():
            if bundled.kind is kind and bundled.id == doc_id:
                try:
                    return bundled.load()
                except DocumentError:
                    return None
        return None


def check_files(paths: Sequence[str | Path]) -> list[CheckedFile]:
    """Load and check the files at *paths* together."""
    texts: list[tuple[str, str | None, Problem | None]] = []
    for path in paths:
        source = str(path)
        try:
            texts.append((source, read_text(path), None))
        except DocumentError as exc:
            texts.append((source, None, exc.problems[0]))
        except OSError as exc:
            reason = os_reason(exc)
            problem = Problem(
                msg("cannot read file: {reason}", reason=reason), (), "syntax", source, 1, 1
            )
            texts.append((source, None, problem))
    return _check(texts)


def check_texts(texts: Sequence[tuple[str, str]]) -> list[CheckedFile]:
    """Check ``(source, text)`` pairs together, as :func:`check_files` checks files."""
    return _check([(source, text, None) for source, text in texts])


def _check(texts: Sequence[tuple[str, str | None, Problem | None]]) -> list[CheckedFile]:
    loaded: list[tuple[str, str | None, Document | None, list[Problem]]] = []
    for source, text, failure in texts:
        if text is None:
            loaded.append((source, None, None, [failure] if failure else []))
            continue
        try:
            loaded.append((source, text, loads(text, source=source), []))
        except DocumentError as exc:
            loaded.append((source, text, None, list(exc.problems)))
    registry = _Registry([doc for _, _, doc, _ in loaded if doc is not None])
    results = []
    for source, text, doc, problems in loaded:
        if doc is not None and text is not None:
            found = _reference_problems(doc, registry, text)
            if found:
                problems.extend(locate(found, source, text))
                problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        results.append(CheckedFile(source, None if problems else doc, tuple(problems), text))
    return results


def locate(problems: Sequence[Problem], source: str, text: str) -> list[Problem]:
    """*problems* of the document in *text*, with the file, line and column of their key
    paths (and of the related path, where there is one)."""
    from .positions import key_positions

    positions = key_positions(text)
    located = []
    for p in problems:
        line, column = positions.locate(p.path)
        p = attrs.evolve(p, file=source, line=line, column=column)
        if p.related is not None:
            line, column = positions.locate(p.related)
            p = attrs.evolve(p, related_line=line, related_column=column)
        located.append(p)
    return located


def _reference_problems(doc: Document, registry: _Registry, text: str) -> list[Problem]:
    if isinstance(doc, Curriculum):
        return _curriculum_problems(doc, registry)
    if isinstance(doc, Program):
        return _program_problems(doc, registry, text)
    return []


def _curriculum_problems(doc: Curriculum, registry: _Registry) -> list[Problem]:
    if doc.framework is None:
        return []
    from joinus_method.model.framework import ProgressFramework

    framework = registry.find(DocumentKind.FRAMEWORK, doc.framework)
    if not isinstance(framework, ProgressFramework):
        message = msg("unknown progress framework {id!r}", id=doc.framework)
        return [Problem(message, ("framework",))]
    return doc.framework_problems(framework.domain_ids)


def _program_problems(doc: Program, registry: _Registry, text: str) -> list[Problem]:
    problems: list[Problem] = []

    def curriculum(path: ValuePath, doc_id: str, audience: Audience | None) -> None:
        found = registry.find(DocumentKind.CURRICULUM, doc_id)
        if not isinstance(found, Curriculum):
            problems.append(Problem(msg("unknown curriculum {id!r}", id=doc_id), path))
        elif audience is not None and found.audience is not audience:
            message = msg(
                "curriculum {id!r} is for {audience}, not for {wanted}",
                id=doc_id,
                audience=_AUDIENCES[found.audience],
                wanted=_AUDIENCES[audience],
            )
            problems.append(Problem(message, path))

    choice = doc.curricula
    curriculum(("curricula", "training"), choice.training, Audience.WORKERS)
    curriculum(("curricula", "groups"), choice.groups, Audience.YOUTHS)
    if choice.awareness is not None:
        curriculum(("curricula", "awareness"), choice.awareness, Audience.PROFESSIONALS)
    if not registry.exists(DocumentKind.FRAMEWORK, choice.framework):
        message = msg("unknown progress framework {id!r}", id=choice.framework)
        problems.append(Problem(message, ("curricula", "framework")))
    for i, group in enumerate(doc.groups):
        if group.curriculum is not None:
            curriculum(("groups", i, "curriculum"), group.curriculum, Audience.YOUTHS)
    for i, event in enumerate(doc.events):
        curriculum(("events", i, "curriculum"), event.curriculum, None)
    from .placeholders import placeholders

    problems.extend(placeholders(doc, text))
    problems.extend(chain_problems(doc))
    return problems


def curricula_for(
    program: Program,
    given: Sequence[Document] = (),
    *,
    files: Sequence[str | Path] = (),
) -> dict[str, Curriculum]:
    """The curricula *program* names, by id: from the *given* documents and the documents
    in *files* first, then the bundled ones. Raises :class:`DocumentError` for a file that
    does not load; a curriculum found nowhere is left out (``plan_program`` names it)."""
    registry = _Registry([*given, *(load(path) for path in files)])
    wanted = {program.curricula.training, program.curricula.groups}
    wanted |= {g.curriculum for g in program.groups if g.curriculum}
    wanted |= {e.curriculum for e in program.events}
    if program.curricula.awareness:
        wanted.add(program.curricula.awareness)
    found = {}
    for curriculum_id in sorted(wanted):
        doc = registry.find(DocumentKind.CURRICULUM, curriculum_id)
        if isinstance(doc, Curriculum):
            found[curriculum_id] = doc
    return found


@attrs.frozen
@shared_repr
class CalendarFiles:
    """The school holidays and closure lists a program names, loaded."""

    school_holidays: SchoolHolidays | None = None
    closure_lists: tuple[ClosureList, ...] = ()


def calendar_files(program: Program, folder: str | Path) -> CalendarFiles:
    """Load the school-holiday file and the closure lists *program* names, their paths taken
    from *folder* (the folder of the program file).

    Raises :class:`DocumentError` with every problem: those in the files, and a file that
    cannot be read at the program's key (without a line: see :func:`locate`).
    """
    base = Path(folder)
    problems: list[Problem] = []

    def read(name: str, kind: DocumentKind, path: ValuePath) -> Document | None:
        target = base / name
        if not target.is_file():
            if not target.exists():
                message = msg(
                    "cannot read {kind} file {name!r}: no such file", kind=kind.label, name=name
                )
            else:
                message = msg(
                    "cannot read {kind} file {name!r}: not a file", kind=kind.label, name=name
                )
            problems.append(Problem(message, path))
            return None
        try:
            return load(target, kind=kind)
        except DocumentError as exc:
            problems.extend(exc.problems)
        return None

    own = None
    if program.school_holidays_file is not None:
        found = read(
            program.school_holidays_file, DocumentKind.SCHOOL_HOLIDAYS, ("school_holidays_file",)
        )
        own = found if isinstance(found, SchoolHolidays) else None
    lists = []
    for i, name in enumerate(program.closures_files):
        found = read(name, DocumentKind.CLOSURES, ("closures_files", i))
        if isinstance(found, ClosureList):
            lists.append(found)
    if problems:
        raise DocumentError(program.id, problems)
    return CalendarFiles(own, tuple(lists))
