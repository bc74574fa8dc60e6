"""The one ``__repr__`` of the package's frozen attrs classes gives attrs' own text."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import joinus_method
from joinus_method._repr import _repr, shared_repr

_VALUES = st.recursive(
    st.none() | st.integers() | st.text(max_size=8) | st.dates() | st.booleans(),
    lambda inner: st.tuples(inner, inner) | st.lists(inner, max_size=3).map(tuple),
    max_leaves=6,
)
_REPRS = st.sampled_from([True, False, lambda v: f"<{v!r}>", str])


def _twins(specs: list[tuple[Any, bool]]) -> tuple[type, type]:
    """The same frozen class twice: with attrs' own repr, and with the shared one."""

    def body() -> dict[str, Any]:
        return {
            f"f{i}": attrs.field(repr=r, init=init, default=None)
            for i, (r, init) in enumerate(specs)
        }

    own = attrs.frozen(type("Own", (), body()))
    shared = attrs.frozen(shared_repr(type("Own", (), body())))
    return own, shared


@given(st.lists(st.tuples(_REPRS, st.booleans(), _VALUES), max_size=5), st.booleans())
def test_the_shared_repr_writes_what_attrs_writes(
    fields: list[tuple[Any, bool, object]], set_all: bool
) -> None:
    own, shared = _twins([(r, init) for r, init, _ in fields])
    made = []
    for cls in (own, shared):
        value = cls(**{f"f{i}": v for i, (_, init, v) in enumerate(fields) if init})
        for i, (_, init, v) in enumerate(fields):
            if not init and set_all:
                object.__setattr__(value, f"f{i}", v)
        made.append(value)
    assert repr(made[1]) == repr(made[0])


def test_a_nested_class_is_named_as_attrs_names_it() -> None:
    def make() -> tuple[Any, Any]:
        @attrs.frozen
        class Inner:
            x: int = 1

        @attrs.frozen
        @shared_repr
        class Twin:
            x: int = 1

        return Inner(), Twin()

    own, twin = make()
    assert repr(twin) == repr(own).replace("Inner", "Twin")
    assert "<locals>" not in repr(twin)


def test_a_class_with_a_repr_of_its_own_keeps_it_or_is_refused() -> None:
    class Own:
        def __repr__(self) -> str:
            return "mine"

    with pytest.raises(TypeError, match="of its own"):
        shared_repr(Own)


def _package_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(joinus_method.__path__, "joinus_method."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == info.name:
                found.append(value)
    return found


def test_every_frozen_class_of_the_package_uses_the_shared_repr_or_its_own() -> None:
    classes = _package_classes()
    frozen = [c for c in classes if c.__setattr__ is not object.__setattr__]
    assert len(frozen) > 60
    left = [
        c.__qualname__ for c in frozen if c.__repr__ is not _repr and "__repr__" not in c.__dict__
    ]
    # No frozen class is left with a repr attrs compiled for it alone.
    assert left == []
