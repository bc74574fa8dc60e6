"""import joinus_method stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_import_does_not_pull_in_heavy_libraries() -> None:
    """Importing the package and every model module, or loading a document, loads no
    networkx, holidays, icalendar or matplotlib."""
    code = (
        "import importlib, pkgutil, sys, joinus_method, joinus_method.model as model\n"
        "for info in pkgutil.iter_modules(model.__path__, 'joinus_method.model.'):\n"
        "    importlib.import_module(info.name)\n"
        "from joinus_method.documents.bundled import load_bundled\n"
        "load_bundled('noordwijk-katwijk-2021')\n"
        "heavy = ('networkx', 'holidays', 'icalendar', 'matplotlib')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_public_names_are_sorted_and_exported() -> None:
    """__all__ is sorted (constants, classes, functions) and every name in it exists."""
    import joinus_method

    def order(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert joinus_method.__all__ == sorted(joinus_method.__all__, key=order)
    for name in joinus_method.__all__:
        assert hasattr(joinus_method, name), name


def test_public_names_load_on_first_use() -> None:
    """Names in __all__ come from their modules when first used, and are listed by dir()."""
    import joinus_method

    assert set(joinus_method.__all__) <= set(dir(joinus_method))
    assert joinus_method.Program is __import__("joinus_method.model.program").model.program.Program
    with pytest.raises(AttributeError, match="NoSuchThing"):
        joinus_method.NoSuchThing  # noqa: B018
