"""The package's layers: no import cycle, and no module imports from a layer above its own.

Every ``import`` and ``from ... import`` of routes' own modules counts, wherever it is written:
at module level, inside a function (where the cycles used to hide) and under ``if
TYPE_CHECKING:`` (an annotation names a type of the layer it comes from). The layers, lowest
first, are :data:`LAYERS` (docs/architecture.md draws them); a module may import from its own
layer and the layers below. ``routes/__init__.py`` (the façade with the lazy public names),
``routes/__main__.py`` and ``cli/`` are the top and may import anything.

The graph is read from the source with :mod:`ast` (no module is imported), so an import only a
rarely taken branch runs is seen as well. Imports built from strings (``importlib``) are refused
below the CLI: the graph could not see them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The layers, lowest first: ``routes.<name>`` (a subpackage, or the module ``errors``).
LAYERS = ("errors", "model", "load", "geo", "observe", "analysis", "render", "outputs", "gazetteer", "cli")
#: Modules above every layer: the façade and ``python -m routes``. They, and the last layer
#: (``cli``), may import from every layer.
TOP = ("routes", "routes.__main__")

#: Known exceptions, each with its reason and who removes it: none today. An edge listed here is
#: left out of both checks; a listed edge that no longer exists fails
#: :func:`test_the_allow_list_names_only_edges_that_still_exist`, so the list only shrinks.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Edge:
    """``importer`` imports ``imported`` at ``line`` (both dotted module names)."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} -> {self.imported}"


def modules(package: Path) -> dict[str, Path]:
    """Every module of the package below ``package``, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_edges(package: Path) -> list[Edge]:
    """Every import of one of the package's modules by another, at any depth of the syntax tree.

    ``from a.b import c`` is an edge to ``a.b.c`` when that is a module, else to ``a.b``;
    relative imports are resolved. Parent packages a dotted import runs on the way are not edges
    (they are layered like their modules).
    """
    known = modules(package)
    edges = set()
    for name, path in known.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in known:  # import a.b.c where c is a name in a.b
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges.add(Edge(name, target, node.lineno))
    return sorted(edges, key=lambda e: (e.importer, e.imported, e.line))


def string_imports(package: Path) -> list[str]:
    """Calls of ``import_module`` or ``__import__`` (imports the graph cannot see), as module:line."""
    found = []
    for name, path in modules(package).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("import_module", "__import__"):
                    found.append(f"{name}:{node.lineno}")
    return found


def layer_of(module: str, top=TOP, layers=LAYERS) -> int:
    """The index of a module's layer in ``layers``; ``len(layers)`` for the top."""
    if module in top:
        return len(layers)
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in layers:
        raise AssertionError(f"{module} is in no layer: put it in one of {', '.join(layers)} (docs/architecture.md)")
    return layers.index(parts[1])


def upward(edges: list[Edge], top=TOP, layers=LAYERS) -> list[Edge]:
    """The edges from a module to a module of a higher layer (the top and the last layer import anything)."""
    return [
        e
        for e in edges
        if layer_of(e.importer, top, layers) < len(layers) - 1
        and layer_of(e.imported, top, layers) > layer_of(e.importer, top, layers)
    ]


def cycles(edges: list[Edge]) -> list[list[Edge]]:
    """The import cycles: for each set of modules that import each other, the edges among them."""
    graph = nx.DiGraph([(e.importer, e.imported) for e in edges])
    found = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            found.append(sorted((e for e in edges if {e.importer, e.imported} <= component), key=str))
    return found


def _routes_edges() -> list[Edge]:
    return [e for e in import_edges(ROOT / "routes") if (e.importer, e.imported) not in ALLOWED]


def test_no_import_cycle():
    found = cycles(_routes_edges())
    assert found == [], "import cycles:\n" + "\n\n".join("\n".join(map(str, c)) for c in found)


def test_no_module_imports_from_a_higher_layer():
    found = upward(_routes_edges())
    assert found == [], f"imports from a higher layer ({' < '.join(LAYERS)}):\n" + "\n".join(map(str, found))


def test_the_top_of_the_package_holds_only_layers():
    # layer_of refuses a module in no layer, e.g. a new routes/thing.py beside the subpackages
    for module in modules(ROOT / "routes"):
        layer_of(module)


def test_no_import_is_hidden_in_a_string_below_the_cli():
    below = [s for s in string_imports(ROOT / "routes") if layer_of(s.partition(":")[0]) < len(LAYERS) - 1]
    assert below == []


def test_the_allow_list_names_only_edges_that_still_exist():
    edges = {(e.importer, e.imported) for e in import_edges(ROOT / "routes")}
    gone = [f"{a} -> {b} ({who})" for (a, b), who in ALLOWED.items() if (a, b) not in edges]
    assert gone == [], "fixed, so take them off ALLOWED:\n" + "\n".join(gone)


# The checks themselves, on a small package written for the purpose: they must see an import in a
# function body and one under TYPE_CHECKING, or they would pass on a tree full of cycles.

_FIXTURE = {
    "__init__.py": "",
    "model/__init__.py": "",
    "model/a.py": (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from pkg.load.b import B\n"
        "def f():\n"
        "    from pkg.load import b\n"
        "    return b\n"
    ),
    "load/__init__.py": "from . import b\n",
    "load/b.py": "import pkg.model.a\nfrom .c import C\nclass B: ...\n",
    "load/c.py": "import importlib\nC = importlib.import_module('pkg.model.a')\n",
}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    for name, text in _FIXTURE.items():
        (tmp_path / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pkg" / name).write_text(text, encoding="utf-8")
    return tmp_path / "pkg"


def test_the_walk_sees_imports_in_functions_and_under_type_checking(package):
    edges = import_edges(package)
    pairs = sorted({(e.importer, e.imported, e.line) for e in edges})
    assert pairs == [
        ("pkg.load", "pkg.load.b", 1),
        ("pkg.load.b", "pkg.load.c", 2),
        ("pkg.load.b", "pkg.model.a", 1),
        ("pkg.model.a", "pkg.load.b", 3),  # TYPE_CHECKING
        ("pkg.model.a", "pkg.load.b", 5),  # in a function body
    ]


def test_the_checks_report_an_upward_import_a_cycle_and_a_string_import(package):
    edges = import_edges(package)
    found = upward(edges, top=("pkg",), layers=("model", "load", "cli"))
    assert [(e.importer, e.imported, e.line) for e in found] == [
        ("pkg.model.a", "pkg.load.b", 3),
        ("pkg.model.a", "pkg.load.b", 5),
    ]
    assert [sorted({e.importer for e in c}) for c in cycles(edges)] == [["pkg.load.b", "pkg.model.a"]]
    assert string_imports(package) == ["pkg.load.c:2"]
    with pytest.raises(AssertionError, match="pkg.other is in no layer"):
        layer_of("pkg.other", top=("pkg",), layers=("model", "load", "cli"))


# One error tree in one module (review M1): routes/errors.py defines every exception class, and
# routes exports each; the modules that raise them still offer them under their old names.

_RAISED_IN = {
    "NoRouteError": "routes.geo.routing",
    "PlaceNotFoundError": "routes.gazetteer.places",  # raised in gazetteer.search
    "ImageError": "routes.load.images",
    "SlidesError": "routes.outputs.slidefiles",
    "BriefError": "routes.outputs.briefing",
    "ChartError": "routes.outputs.chart",
    "BrowserMissingError": "routes.outputs.snapshots",
    "BoundsError": "routes.render.orientation",
}


def test_every_exception_class_is_defined_in_routes_errors():
    elsewhere = []
    for name, path in modules(ROOT / "routes").items():
        if name == "routes.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in getattr(node, "bases", ())]
            if isinstance(node, ast.ClassDef) and any(b.endswith(("Error", "Exception", "Warning")) for b in bases):
                elsewhere.append(f"{name}:{node.lineno} {node.name}")
    assert elsewhere == [], "define these in routes/errors.py (and import them where they are raised)"


def test_every_error_is_exported_from_routes_and_keeps_its_old_name():
    import importlib

    import routes
    from routes import errors

    defined = {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, errors.RoutesError)}
    assert set(_RAISED_IN) < defined
    assert defined <= set(routes.__all__)
    for name in defined:
        assert getattr(routes, name) is getattr(errors, name)
    for name, module in _RAISED_IN.items():
        assert getattr(importlib.import_module(module), name) is getattr(errors, name)
