"""Reading and writing the three TOML documents a coach writes.

Every document starts with a ``format`` key naming its kind and version, such as
``format = "joinus.curriculum.v1"``. Loading reports every mistake of a file at once, each
with the file, line and column of the offending key and its JSON path, and never returns a
half-loaded value. Writing is the exact inverse: ``loads(dumps(doc)) == doc``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import os
import re
import tempfile
import tomllib
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final, TypeAlias, TypeVar

import attrs
import cattrs
import tomli_w
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override

from ._rules import constraint_problems
from .curriculum import Curriculum
from .errors import DocumentError, InvalidValue, Problem, ValuePath
from .framework import ProgressFramework
from .program import Program
from .toml_positions import Positions, key_positions

__all__ = [
    "FORMAT_KEY",
    "Document",
    "DocumentKind",
    "dump",
    "dumps",
    "kind_of",
    "load",
    "load_curriculum",
    "load_framework",
    "load_program",
    "loads",
    "unstructure",
]

FORMAT_KEY: Final = "format"

Document: TypeAlias = Curriculum | ProgressFramework | Program
D = TypeVar("D", Curriculum, ProgressFramework, Program)


class DocumentKind(enum.StrEnum):
    """The kinds of TOML document, by the name used in their ``format`` key."""

    CURRICULUM = "curriculum"
    FRAMEWORK = "framework"
    PROGRAM = "program"

    @property
    def model(self) -> type[Document]:
        """The class a document of this kind loads into."""
        return _MODELS[self]

    @property
    def version(self) -> int:
        """The format version this library reads and writes."""
        return 1

    @property
    def format_name(self) -> str:
        """The value of the ``format`` key for this kind and version."""
        return f"joinus.{self.value}.v{self.version}"

    @classmethod
    def of(cls, doc: Document) -> DocumentKind:
        """The kind of *doc*."""
        for kind, model in _MODELS.items():
            if isinstance(doc, model):
                return kind
        raise TypeError(f"not a joinus document: {type(doc).__name__}")


_MODELS: dict[DocumentKind, type[Document]] = {
    DocumentKind.CURRICULUM: Curriculum,
    DocumentKind.FRAMEWORK: ProgressFramework,
    DocumentKind.PROGRAM: Program,
}
_FORMAT = re.compile(r"^joinus\.([a-z]+)\.v(\d+)$")


# -- the converter -----------------------------------------------------------------------
def _type_name(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a decimal number",
        str: "a string",
        list: "an array",
        dict: "a table",
        dt.date: "a date",
        dt.datetime: "a date-time",
        dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


def _strict(accepts: Callable[[object], bool], label: str) -> Any:
    def hook(value: object, t: Any) -> object:
        # Registered by class, so subclasses such as our StrEnums arrive here as well.
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return _enum_member(value, t)
        if not accepts(value):
            raise TypeError(f"expected {label}, got {_type_name(value)}")
        return value

    return hook


def _enum_member(value: object, t: type[enum.Enum]) -> enum.Enum:
    try:
        return t(value)
    except ValueError:
        options = ", ".join(repr(m.value) for m in t)
        raise ValueError(f"expected one of {options}, got {value!r}") from None


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    strict = {
        str: _strict(lambda v: isinstance(v, str), "a string"),
        int: _strict(lambda v: type(v) is int, "an integer"),
        bool: _strict(lambda v: type(v) is bool, "true or false"),
        float: _strict(lambda v: type(v) in (int, float), "a number"),
        dt.date: _strict(lambda v: type(v) is dt.date, "a date such as 2021-05-11"),
        dt.time: _strict(lambda v: type(v) is dt.time, "a time such as 19:00:00"),
    }
    for cls, hook in strict.items():
        conv.register_structure_hook(cls, hook)
    for cls in (dt.date, dt.time):
        conv.register_unstructure_hook(cls, lambda v: v)

    def tuple_hook(t: Any) -> Callable[[object, object], tuple[Any, ...]]:
        inner = homogenous_tuple_structure_factory(t, conv)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected an array, got {_type_name(value)}")
            return inner(value, t)  # type: ignore[no-any-return]

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)

    def class_hook(cls: type) -> Callable[[object, object], object]:
        attrs.resolve_types(cls)
        overrides = {
            a.name: override(struct_hook=_constrained(conv.get_structure_hook(a.type), a))
            for a in attrs.fields(cls)
            if a.metadata.get("schema")
        }
        hook: Any = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            **overrides,  # type: ignore[arg-type]
        )
        return hook  # type: ignore[no-any-return]

    conv.register_structure_hook_factory(attrs.has, class_hook)
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple,
        lambda t: _unstructure_tuple(conv, typing.get_args(t)[0]),
    )
    return conv


class _ConstraintError(ValueError):
    """A value of the right type that breaks a constraint of its field."""


def _constrained(
    hook: Callable[[object, Any], object], attribute: attrs.Attribute[Any]
) -> Callable[[object, Any], object]:
    def structure(value: object, t: Any) -> object:
        result = hook(value, t)
        problems = constraint_problems(attribute, result)
        if problems:
            raise _ConstraintError("; ".join(problems))
        return result

    return structure


def _unstructure_tuple(
    conv: cattrs.Converter, inner: Any
) -> Callable[[tuple[Any, ...]], list[Any]]:
    hook = conv.get_unstructure_hook(inner)
    return lambda value: [hook(v) for v in value]


_converter: Final = _make_converter()


# -- errors ------------------------------------------------------------------------------
@attrs.frozen
class _Found:
    message: str
    path: ValuePath
    lookup: ValuePath
    kind: str
    meant: ValuePath | None = None
    """For an unknown key: the path of the known key it is probably a misspelling of."""


def _walk(exc: BaseException, path: ValuePath) -> Iterator[_Found]:
    if isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        for sub, item in items:
            yield from _walk(sub, (*path, item.index))
        for sub in rest:
            yield from _walk(sub, path)
    elif isinstance(exc, ClassValidationError):
        fields, others = exc.group_exceptions()
        for sub, attribute in fields:
            yield from _walk(sub, (*path, attribute.name))
        for sub in others:
            yield from _walk(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        valid = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            hint = difflib.get_close_matches(key, valid, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            yield _Found(
                f"unknown key {key!r}{suggestion}",
                path,
                (*path, key),
                "structure",
                (*path, hint[0]) if hint else None,
            )
    elif isinstance(exc, InvalidValue):
        for problem in exc.problems:
            full = (*path, *problem.path)
            yield _Found(problem.message, full, full, problem.kind)
    elif isinstance(exc, _ConstraintError):
        yield _Found(f"{path[-1]!r} {exc}", path, path, "rule")
    elif isinstance(exc, KeyError):
        yield _Found(f"missing required key {path[-1]!r}", path, path, "structure")
    elif isinstance(exc, (TypeError, ValueError)):
        where = f"{path[-1]!r}: " if path and isinstance(path[-1], str) else ""
        yield _Found(f"invalid value for {where}{exc}", path, path, "structure")
    else:
        yield _Found(f"invalid value ({type(exc).__name__}: {exc})", path, path, "structure")


def _syntax_problem(source: str, exc: tomllib.TOMLDecodeError) -> Problem:
    text = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    match = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if match and line is None:
        line, column = int(match[1]), int(match[2])
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    if line is None and "end of document" in text:
        line, column = None, None
    return Problem(f"not valid TOML: {message}", (), "syntax", source, line or 1, column or 1)


def _placed(source: str, found: list[_Found], positions: Positions) -> DocumentError:
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


def kind_of(data: dict[str, Any]) -> DocumentKind | str:
    """The kind a parsed document declares in its ``format`` key, or what is wrong with it."""
    declared = data.get(FORMAT_KEY)
    expected = ", ".join(repr(k.format_name) for k in DocumentKind)
    if declared is None:
        return f"missing key {FORMAT_KEY!r}: the first line should be one of {expected}"
    match = _FORMAT.match(declared) if isinstance(declared, str) else None
    if match is None or match[1] not in DocumentKind.__members__.values():
        return f"unknown document format {declared!r}; expected one of {expected}"
    kind = DocumentKind(match[1])
    if int(match[2]) != kind.version:
        return (
            f"unsupported {kind.value} format version {match[2]}: this version of "
            f"joinus_method reads {kind.format_name!r}"
        )
    return kind


# -- loading -----------------------------------------------------------------------------
def loads(text: str, *, source: str = "<string>", kind: DocumentKind | None = None) -> Document:
    """Load a document from TOML *text*; *source* names it in error messages.

    Raises :class:`~joinus_method.errors.DocumentError` with every problem found.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(source, [_syntax_problem(source, exc)]) from None
    declared = kind_of(data)
    if not isinstance(declared, DocumentKind):
        found = [_Found(declared, (), (FORMAT_KEY,), "structure")]
        raise _placed(source, found, key_positions(text))
    if kind is not None and declared is not kind:
        message = f"expected a {kind.value} document, found a {declared.value} document"
        raise _placed(
            source, [_Found(message, (), (FORMAT_KEY,), "structure")], key_positions(text)
        )
    body = {k: v for k, v in data.items() if k != FORMAT_KEY}
    try:
        return _converter.structure(body, declared.model)
    except (ClassValidationError, IterableValidationError, InvalidValue) as exc:
        raise _placed(source, list(_walk(exc, ())), key_positions(text)) from None


def load(path: str | os.PathLike[str], *, kind: DocumentKind | None = None) -> Document:
    """Load the document in the file at *path*."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            str(p), [Problem(f"not UTF-8 text ({exc.reason})", (), "syntax", str(p), 1, 1)]
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
    return _typed(load(path, kind=DocumentKind.FRAMEWORK), ProgressFramework)


def load_program(path: str | os.PathLike[str]) -> Program:
    """Load a program document."""
    return _typed(load(path, kind=DocumentKind.PROGRAM), Program)


# -- writing -----------------------------------------------------------------------------
def unstructure(doc: Document) -> dict[str, Any]:
    """*doc* as plain TOML-ready data, starting with its ``format`` key."""
    body: dict[str, Any] = _converter.unstructure(doc)
    return {FORMAT_KEY: DocumentKind.of(doc).format_name, **body}


def dumps(doc: Document, *, schema: str | None = None) -> str:
    """*doc* as TOML text; with *schema*, headed by a ``#:schema`` directive for editors."""
    text = tomli_w.dumps(unstructure(doc))
    return f"#:schema {schema}\n{text}" if schema else text


def dump(doc: Document, path: str | os.PathLike[str], *, schema: str | None = None) -> None:
    """Write *doc* to *path*, all or nothing: a failed write leaves the old file as it was."""
    target = Path(path)
    text = dumps(doc, schema=schema)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
