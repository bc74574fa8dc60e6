"""The JSON Schemas agree with the loader, and ship with the package."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinus_method import DocumentError, DocumentKind, dumps, loads
from joinus_method.documents.bundled import bundled_documents
from joinus_method.documents.files import unstructure
from joinus_method.documents.schema import (
    SCHEMA_FILES,
    _object,
    _type,
    json_schema,
    schema_text,
)
from tests.paths import REPO
from tests.strategies import (
    closure_lists,
    curricula,
    frameworks,
    from_json_schema,
    programs,
    school_holiday_files,
)

KIND_STRATEGIES = {
    DocumentKind.CURRICULUM: curricula(max_sessions=8),
    DocumentKind.FRAMEWORK: frameworks(),
    DocumentKind.PROGRAM: programs(max_groups=3),
    DocumentKind.SCHOOL_HOLIDAYS: school_holiday_files(),
    DocumentKind.CLOSURES: closure_lists(),
}


def as_json(value: Any) -> Any:
    """TOML data as JSON data: dates and times become the strings Taplo validates."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def as_toml(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """JSON data generated from *schema* as TOML data: format strings become dates and times."""
    if "$ref" in schema:
        schema = root["definitions"][schema["$ref"].rsplit("/", 1)[1]]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: as_toml(v, props.get(k, {}), root) for k, v in value.items()}
    if isinstance(value, list):
        return [as_toml(v, schema.get("items", {}), root) for v in value]
    if schema.get("format") == "date":
        return dt.date.fromisoformat(value)
    if schema.get("format") == "partial-time":
        return dt.time.fromisoformat(value)
    return value


@pytest.mark.parametrize("kind", DocumentKind)
def test_shipped_schemas_are_current(kind: DocumentKind) -> None:
    """schemas/ in the repository and in the installed package hold what the code generates."""
    expected = schema_text(kind)
    assert (REPO / "schemas" / SCHEMA_FILES[kind]).read_text(encoding="utf-8") == expected
    shipped = resources.files("joinus_method").joinpath("schemas", SCHEMA_FILES[kind])
    assert shipped.read_text(encoding="utf-8") == expected
    jsonschema.Draft7Validator.check_schema(json.loads(expected))


@pytest.mark.parametrize("bundled", bundled_documents(), ids=lambda b: b.name)
def test_bundled_files_point_at_their_schema(bundled) -> None:
    """Each bundled file starts with a #:schema directive that resolves inside the repository."""
    path = REPO / bundled.name
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#:schema ")
    target = (path.parent / first.removeprefix("#:schema ").strip()).resolve()
    assert target == (REPO / "schemas" / SCHEMA_FILES[bundled.kind]).resolve()
    assert target.is_file()
    # The same relative path also resolves inside the installed package.
    installed = Path(str(bundled.resource))
    assert (installed.parent / first.removeprefix("#:schema ").strip()).resolve().is_file()


@pytest.mark.parametrize("bundled", bundled_documents(), ids=lambda b: b.name)
def test_bundled_files_validate(bundled) -> None:
    """Every bundled document is valid under its kind's schema."""
    data = tomllib.loads(bundled.text())
    jsonschema.validate(as_json(data), json_schema(bundled.kind))


@pytest.mark.parametrize("kind", DocumentKind)
@given(data=st.data())
def test_dumped_documents_validate(kind: DocumentKind, data: st.DataObject) -> None:
    """Every document the library writes is valid under the schema."""
    doc = data.draw(KIND_STRATEGIES[kind])
    jsonschema.validate(as_json(unstructure(doc)), json_schema(kind))


@pytest.mark.parametrize("kind", DocumentKind)
@settings(max_examples=25, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_schema_generated_documents_load(kind: DocumentKind, data: st.DataObject) -> None:
    """Documents generated from the schema load, or fail only on rules a schema cannot say.

    A schema cannot express cross-references (a group's venue must exist) or sums (segments
    fit in their session); those are 'rule' problems. Never a 'structure' problem: no key the
    schema allows is unknown to the loader, no type it allows is refused.
    """
    schema = json_schema(kind)
    generated = data.draw(from_json_schema(schema))
    text = tomli_w.dumps(as_toml(generated, schema, schema))
    try:
        doc = loads(text, kind=kind)
    except DocumentError as exc:
        structural = [p for p in exc.problems if p.kind != "rule"]
        assert structural == [], text
    else:
        assert dumps(doc)
        assert DocumentKind.of(doc) is kind


class Colour(enum.Enum):
    """A plain (non-str) enum, so an enum member is never equal to its value."""

    RED = "red"
    BLUE = "blue"


@attrs.frozen
class Leaf:
    """A leaf.

    Second paragraph, left out of the description.
    """

    size: float


@attrs.frozen
class Bare:
    value: int


@attrs.frozen
class Tree:
    """A small tree
    spread over two lines.

    Details that stay out of the description.
    """

    label: str = attrs.field(metadata={"doc": "The label."})
    weight: float = attrs.field(metadata={"schema": {"minimum": 0}})
    colour: Colour = Colour.BLUE
    sizes: tuple[int, ...] = (1, 2)
    leaf: Leaf | None = None
    either: int | str | Leaf = 0


LEAF_SCHEMA = {
    "description": "A leaf.",
    "type": "object",
    "properties": {"size": {"type": "number"}},
    "required": ["size"],
    "additionalProperties": False,
}


class TestObjectSchema:
    """An attrs class becomes a closed object whose properties follow its fields and metadata."""

    def test_small_class_exactly(self) -> None:
        """Docs, metadata, enum/tuple defaults, optionals and unions map exactly as written."""
        definitions: dict[str, Any] = {}
        schema = _object(Tree, definitions)
        expected = {
            "description": "A small tree spread over two lines.",
            "type": "object",
            "properties": {
                "label": {"description": "The label.", "type": "string"},
                "weight": {"type": "number", "minimum": 0},
                "colour": {"type": "string", "enum": ["red", "blue"], "default": "blue"},
                "sizes": {"type": "array", "items": {"type": "integer"}, "default": [1, 2]},
                "leaf": {"$ref": "#/definitions/Leaf"},
                "either": {
                    "anyOf": [
                        {"type": "integer"},
                        {"type": "string"},
                        {"$ref": "#/definitions/Leaf"},
                    ],
                    "default": 0,
                },
            },
            "required": ["label", "weight"],
            "additionalProperties": False,
        }
        # Compare as JSON text too: key order and plain JSON types (no enum member, no tuple).
        assert schema == expected
        assert json.dumps(schema) == json.dumps(expected)
        assert definitions == {"Leaf": LEAF_SCHEMA}

    def test_class_without_docstring(self) -> None:
        """A class without a docstring gets an empty description."""
        assert Bare.__doc__ is None
        assert _object(Bare, {})["description"] == ""

    def test_unsupported_type_is_named(self) -> None:
        """A field type with no JSON Schema mapping raises TypeError naming the type."""
        with pytest.raises(TypeError, match=re.escape("no JSON Schema for <class 'bytes'>")):
            _type(bytes, {})
