"""The layer contracts in pyproject.toml hold, and break when a layer is crossed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

LAYERS = "Layers: cli, reports, tracking, planning | documents"
ACYCLIC = "No module imports one that imports it back"
LIGHT = "import joinus_method and any model module load no heavy library"


def _lint(tmp_path: Path, module: str | None = None, line: str = "") -> str:
    """Run lint-imports on a copy of the package with *line* added to *module*'s file."""
    shutil.copytree(REPO / "src" / "joinus_method", tmp_path / "joinus_method")
    shutil.copytree(REPO / "tools", tmp_path / "tools")
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    if module is not None:
        path = tmp_path / "joinus_method" / (module.replace(".", "/") + ".py")
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


def test_the_package_keeps_every_contract(tmp_path: Path) -> None:
    """The package as it is keeps all three contracts."""
    result = _lint(tmp_path)
    assert result.startswith("exit 0"), result
    assert "3 kept, 0 broken" in result


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("model.people", "from joinus_method.planning import schedule", LAYERS),
        ("errors", "import joinus_method.model.program", LAYERS),
        ("planning.closures", "from joinus_method.documents import files", LAYERS),
        ("documents.schema", "from joinus_method.cli import main", LAYERS),
        ("tracking.store", "import joinus_method.reports", LAYERS),
        ("model.people", "from joinus_method.model import program", ACYCLIC),
        ("model.chain", "import networkx", LIGHT),
        ("errors", "import icalendar", LIGHT),
    ],
    ids=[
        "model-uses-planning",
        "errors-uses-model",
        "planning-uses-documents",
        "documents-uses-cli",
        "tracking-uses-reports",
        "cycle-in-model",
        "heavy-import-in-model",
        "heavy-import-through-errors",
    ],
)
def test_crossing_a_layer_breaks_a_contract(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    """An import against the arrows, a cycle or a heavy import on load fails lint-imports."""
    result = _lint(tmp_path, module, line)
    assert result.startswith("exit 1"), result
    assert any(broken in row and row.endswith("BROKEN") for row in result.splitlines()), result


def test_heavy_imports_inside_functions_are_allowed(tmp_path: Path) -> None:
    """A heavy library imported where it is used, in a function, keeps the contract."""
    result = _lint(tmp_path, "model.people", "def _draw():\n    import matplotlib\n")
    assert result.startswith("exit 0"), result
