"""An import-linter contract type: modules whose import must load no heavy library.

``lint-imports`` (configured in ``pyproject.toml``) loads it as the ``module_level_imports``
contract type. Import-linter's own contracts see every import, also those inside a function,
which is where this package imports its heavy libraries on purpose. This contract follows
only the imports that run when a module is imported: those at module level, including
class bodies, ``if``, ``try`` and ``with`` blocks, but not function bodies or
``if TYPE_CHECKING:`` blocks.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class ModuleLevelImportsContract(Contract):
    """Importing any of *modules*, or any module of *packages*, imports none of *forbidden*.

    Options: ``modules``, modules whose own import must stay light (a package's
    ``__init__`` only); ``packages``, packages every module of which must stay light;
    ``forbidden``, the top-level names of the libraries they must not load.
    """

    type_name = "module_level_imports"

    modules = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    packages = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    forbidden = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        internal = set(graph.modules)
        forbidden = set(self.forbidden)
        packages: list[str] = list(self.packages)
        starts = [*self.modules]
        starts += [m for m in sorted(internal) for p in packages if m == p or m.startswith(p + ".")]
        found = []
        for start in starts:
            chain = _path_to_forbidden(start, internal, forbidden)
            if chain is not None:
                found.append(chain)
        return ContractCheck(kept=not found, metadata={"chains": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for chain in check.metadata["chains"]:
            output.print_error(" -> ".join(chain), bold=False)
            output.new_line()


def _top(module: str) -> str:
    return module.partition(".")[0]


def _path_to_forbidden(start: str, internal: set[str], forbidden: set[str]) -> list[str] | None:
    """The chain of module-level imports from *start* to a forbidden library, if any."""
    came_from: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        module = queue.pop(0)
        for imported in _imported_when_loaded(module, internal):
            name = imported if imported in internal else _top(imported)
            if name in came_from:
                continue
            came_from[name] = module
            if name in forbidden:
                chain = [name]
                while (previous := came_from[chain[-1]]) is not None:
                    chain.append(previous)
                return chain[::-1]
            if name in internal:
                queue.append(name)
    return None


def _imported_when_loaded(module: str, internal: set[str]) -> Iterator[str]:
    """Every module that importing *module* imports at once, its parent packages included."""
    parts = module.split(".")
    yield from (".".join(parts[:n]) for n in range(1, len(parts)))
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return
    with open(spec.origin, encoding="utf-8") as file:
        tree = ast.parse(file.read(), spec.origin)
    package = module if spec.submodule_search_locations is not None else module.rpartition(".")[0]
    for node in _module_level(tree.body):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            yield base
            for alias in node.names:
                if f"{base}.{alias.name}" in internal:
                    yield f"{base}.{alias.name}"


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run on import: not in functions, not under TYPE_CHECKING."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _module_level(node.body)
            yield from _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse):
                yield from _module_level(block)
            yield from _module_level(node.finalbody)
        elif isinstance(node, ast.With | ast.ClassDef):
            yield from _module_level(node.body)
        else:
            yield node


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
