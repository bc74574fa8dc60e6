"""One ``__repr__`` for the package's frozen attrs classes.

attrs writes and compiles a ``__repr__`` for each class it makes: about a quarter of the
time a class takes to make, paid by every process that imports it. :func:`shared_repr`
gives a class the same text from one function instead: ``Name(field=value, ...)``, each
field as its ``repr`` option says (left out, its own callable, or ``repr``).
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["shared_repr"]

_C = TypeVar("_C", bound=type)


def _repr(self: Any) -> str:
    cls = type(self)
    parts = []
    for a in attrs.fields(cls):
        if a.repr is False:
            continue
        value = getattr(self, a.name, attrs.NOTHING)
        parts.append(f"{a.name}={repr(value) if a.repr is True else a.repr(value)}")
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"


def shared_repr(cls: _C) -> _C:
    """Give *cls* the shared ``__repr__``; put it under the attrs decorator, which then
    leaves the class's own ``__repr__`` as it is."""
    if "__repr__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__} has a __repr__ of its own")
    cls.__repr__ = _repr  # type: ignore[assignment]
    return cls
