"""Imports point one way: ui -> tender_assistant -> criteria_library; the core never imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "criteria_library": ("tender_assistant", "ui", "PySide6", "PyQt5", "PyQt6", "shiboken6"),
    "tender_assistant": ("ui", "PySide6", "PyQt5", "PyQt6", "shiboken6"),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports (absolute names), with its line number."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_upper_layers_or_qt(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package} has no Python files"
    offences = []
    for path in files:
        for lineno, module in imported_modules(path):
            top = module.split(".")[0]
            if top in FORBIDDEN[package]:
                offences.append(f"{path.relative_to(ROOT)}:{lineno} imports {module}")
    assert not offences, "layering broken:\n" + "\n".join(offences)


def test_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    assert (2, "PySide6.QtWidgets") in imported_modules(sample)


# ------------------------------------------------------------------ inside criteria_library
# The inner order: a module imports only modules of its own or a lower layer, and no module imports itself back
# through others. infra/ is the bottom layer as a whole. A new module gets its place here.
INNER_LAYERS: dict[str, int] = {
    "errors": 1, "models": 1, "migrations": 1, "cpv": 1, "user": 1, "field_names": 1, "validation": 1,
    "curation": 1, "provenance": 1, "rows": 1, "publishers": 1, "companions": 1, "package_hints": 1,
    "store": 2, "history": 2, "workflow": 2, "release_origins": 2, "bulk_insert": 2, "app_files": 2,
    "restore": 2,
    "search": 3, "pack_reading": 3, "pack_import": 3, "pack_export": 3, "integrity": 3,
    "releases": 4, "merge": 4, "publish": 4,
    "starter": 5, "cli": 5,
}


def module_name(path: Path, package_root: Path) -> str:
    """The dotted name of a module inside a package: infra/text.py -> 'infra.text', __init__.py -> the folder."""
    parts = list(path.relative_to(package_root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def inner_imports(path: Path, package_root: Path, package: str) -> set[str]:
    """The modules of the same package a file imports, at any depth (inside functions too), as dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, package_root).split(".")
    folder = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    known = {module_name(p, package_root) for p in package_root.rglob("*.py")}

    def add(name: str) -> None:
        while name and name not in known:  # 'infra.text.fold' -> 'infra.text'
            name = name.rpartition(".")[0]
        if name:
            found.add(name)

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = folder[: len(folder) - node.level + 1]
                stem = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.split(".")[0] == package:
                stem = node.module.partition(".")[2]
            else:
                continue
            for alias in node.names:  # 'from . import store' names a module; 'from .store import X' does not
                full = f"{stem}.{alias.name}".strip(".")
                add(full if full in known else stem)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package:
                    add(alias.name.partition(".")[2])
    found.discard(module_name(path, package_root))
    return found


def import_graph(package_root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    return {module_name(p, package_root): inner_imports(p, package_root, package_root.name)
            for p in sorted(package_root.rglob("*.py"))}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path a -> b -> ... -> a, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (circle := visit(nxt)) is not None:
                return circle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (circle := visit(start)) is not None:
            return circle
    return None


def layer(module: str, layers: dict[str, int]) -> int | None:
    """A module's layer: infra (and the package itself) at 0, the others as listed."""
    if module in ("", "infra") or module.startswith("infra."):
        return 0
    return layers.get(module)


def order_offences(graph: dict[str, set[str]], layers: dict[str, int]) -> list[str]:
    """Imports that point up the inner order, and modules that have no place in it."""
    offences = []
    for module, imported in sorted(graph.items()):
        own = layer(module, layers)
        if own is None:
            offences.append(f"{module} has no layer: add it to INNER_LAYERS")
            continue
        for other in sorted(imported):
            theirs = layer(other, layers)
            if theirs is not None and theirs > own:
                offences.append(f"{module} (layer {own}) imports {other} (layer {theirs})")
    return offences


def test_criteria_library_has_no_import_circle() -> None:
    circle = find_circle(import_graph(ROOT / "criteria_library"))
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_criteria_library_imports_follow_the_inner_order() -> None:
    """infra < models/validation < store < search/pack_* < releases/merge < starter/cli."""
    offences = order_offences(import_graph(ROOT / "criteria_library"), INNER_LAYERS)
    assert not offences, "inner order broken:\n" + "\n".join(offences)


def test_checkers_catch_a_planted_circle_and_an_upward_import(tmp_path: Path) -> None:
    package = tmp_path / "criteria_library"
    (package / "infra").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "infra" / "__init__.py").write_text("", encoding="utf-8")
    (package / "infra" / "text.py").write_text("def fold(s):\n    return s\n", encoding="utf-8")
    (package / "store.py").write_text("from .infra.text import fold\n\n\ndef search():\n"
                                      "    from .search import run  # inside a function still counts\n",
                                      encoding="utf-8")
    (package / "search.py").write_text("from criteria_library import store\n\n\ndef run():\n    pass\n",
                                       encoding="utf-8")
    graph = import_graph(package)
    assert graph["store"] == {"infra.text", "search"} and graph["search"] == {"store"}
    assert find_circle(graph) in (["search", "store", "search"], ["store", "search", "store"])
    assert order_offences(graph, {"store": 2, "search": 3}) == ["store (layer 2) imports search (layer 3)"]
    (package / "store.py").write_text("from .infra.text import fold\n", encoding="utf-8")
    assert find_circle(import_graph(package)) is None
    assert order_offences(import_graph(package), {"store": 2}) == ["search has no layer: add it to INNER_LAYERS"]
