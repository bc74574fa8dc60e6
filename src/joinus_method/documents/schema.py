"""JSON Schemas (draft-07) of the TOML documents, for editors such as Taplo.

The schema is derived from the same attrs classes the loader structures, so the two cannot
drift apart: field descriptions and constraints come from each field's metadata.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import types
import typing
from typing import Any

import attrs

from .files import FORMAT_KEY, DocumentKind

__all__ = ["SCHEMA_FILES", "json_schema", "schema_text"]

SCHEMA_FILES: dict[DocumentKind, str] = {kind: f"{kind.value}.schema.json" for kind in DocumentKind}
"""The file name under which each kind's schema is shipped in ``schemas/``."""

_BASE = "https://joinus-method.invalid/schemas/"


def json_schema(kind: DocumentKind) -> dict[str, Any]:
    """The JSON Schema of documents of *kind*."""
    definitions: dict[str, Any] = {}
    root = _object(kind.model, definitions)
    root["properties"] = {
        FORMAT_KEY: {
            "description": "Kind and version of this document.",
            "const": kind.format_name,
        },
        **root["properties"],
    }
    root["required"] = [FORMAT_KEY, *root["required"]]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": _BASE + SCHEMA_FILES[kind],
        "title": f"joinus_method {kind.value} document",
        **root,
        "definitions": dict(sorted(definitions.items())),
    }


def schema_text(kind: DocumentKind) -> str:
    """The JSON Schema of *kind* as the text shipped in ``schemas/``."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        prop = _type(hints[a.name], definitions)
        prop.update(a.metadata.get("schema", {}))
        if "doc" in a.metadata:
            prop = {"description": a.metadata["doc"], **prop}
        if a.default is attrs.NOTHING:
            required.append(a.name)
        elif a.default is not None:
            default = a.default.value if isinstance(a.default, enum.Enum) else a.default
            prop["default"] = list(default) if isinstance(default, tuple) else default
        properties[a.name] = prop
    # cleandoc: before Python 3.13 docstrings keep their indentation, which would otherwise
    # leave runs of spaces where a wrapped first paragraph is joined.
    doc = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].replace("\n", " ")
    return {
        "description": doc,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type(t: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) == 1:
            return _type(present[0], definitions)
        return {"anyOf": [_type(a, definitions) for a in present]}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], definitions)}
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return {"type": "string", "enum": [m.value for m in t]}
    if attrs.has(t):
        name = t.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _object(t, definitions)
        return {"$ref": f"#/definitions/{name}"}
    simple = {
        str: {"type": "string"},
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        float: {"type": "number"},
        dt.date: {"type": "string", "format": "date"},
        dt.time: {"type": "string", "format": "partial-time"},
    }
    if t in simple:
        return dict(simple[t])
    raise TypeError(f"no JSON Schema for {t!r}")
