"""The package's floors: shared helpers below the analyzers, front ends above, no cycles.

Read from the source (module-level imports; those inside functions load lazily and
those under ``TYPE_CHECKING`` never run), so the test needs nothing installed.
docs/architecture.md draws the same floors.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsift"

#: Each top-level module or package of newsift on its floor. A part may import its own
#: modules and anything on a lower floor, never a higher one or a neighbour on its own
#: floor (analyzers do not reach into one another; they meet in the Document).
FLOORS: dict[str, int] = {
    # 0, the ground floor: the document, errors, limits and text helpers, the model files
    # and encoders they load, the registry and the pipeline that runs analyzers
    **dict.fromkeys(
        [
            "errors",
            "fields",
            "unicode",
            "limits",
            "document",
            "text",
            "registry",
            "pipeline",
            "models",
            "encoders",
            "backends",
            "clitools",
            "textlines",
            "lifetime",
        ],
        0,
    ),
    # 1, reading inputs into Documents
    "ingest": 1,
    # 2, the analyzers
    **dict.fromkeys(["structure", "attribution", "claims", "comments", "persuasion"], 2),
    # 3, what runs or presents the pipeline
    **dict.fromkeys(
        [
            "__init__",
            "__main__",
            "runner",
            "workers",
            "summary",
            "document_schema",
            "testing",
            "eval",
            "report",
            "cli",
            "batch",
            "server",
            "corpus",
        ],
        3,
    ),
}
#: floors where neighbours may import each other (front ends build on one another)
OPEN_FLOORS = {0, 3}

#: Imports that break the rule, each with why and where it goes (none today: the shared
#: text helpers moved to newsift.text and the DOM reader to newsift.ingest.dom in session
#: 9); the test fails when one is fixed and still listed, so the list only shrinks.
KNOWN: dict[tuple[str, str], str] = {}


def part_of(module: str) -> str:
    """``newsift.claims.model`` -> ``claims``; ``newsift`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements that run on import: the body, into if/try blocks, not TYPE_CHECKING."""
    for node in body:
        if isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                yield from _statements(node.body)
            yield from _statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _statements(block)
        else:
            yield node


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The newsift modules (of ``modules``) that ``path`` imports when it is imported.

    ``from newsift.x import y`` imports the module ``newsift.x.y`` when there is one,
    else the name ``y`` from the package ``newsift.x`` (its ``__init__``).
    """
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                found.add(inner if inner in modules else node.module)
    return found & modules


def module_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules) - {name} for name, path in files.items()}


def test_every_part_has_a_floor() -> None:
    parts = {part_of(m) for m in module_graph()}
    assert parts - set(FLOORS) == set(), "give each new module or package a floor in FLOORS"


def test_no_part_imports_a_higher_floor_or_a_neighbouring_analyzer() -> None:
    broken: dict[tuple[str, str], list[str]] = {}
    for module, imported in module_graph().items():
        for target in imported:
            source, destination = part_of(module), part_of(target)
            if source == destination or source not in FLOORS or destination not in FLOORS:
                continue
            low, high = FLOORS[destination], FLOORS[source]
            if low < high or (low == high and low in OPEN_FLOORS):
                continue
            broken.setdefault((source, destination), []).append(f"{module} -> {target}")
    unexpected = {k: v for k, v in broken.items() if k not in KNOWN}
    assert unexpected == {}, "an import against the floors (see docs/architecture.md)"
    fixed = set(KNOWN) - set(broken)
    assert fixed == set(), f"fixed, so take it out of KNOWN: {sorted(fixed)}"


def test_no_import_cycles() -> None:
    graph = module_graph()
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


KNOWN_MODULES = {"newsift", "newsift.claims.model", "newsift.text", "newsift.text.case",
                 "newsift.cli", "newsift.server"}  # fmt: skip


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import newsift.claims.model\n", {"newsift.claims.model"}),
        ("from newsift.text import case\n", {"newsift.text.case"}),
        ("from newsift.text import CONSTANT\n", {"newsift.text"}),
        ("from newsift import __version__\n", {"newsift"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import newsift.cli\n", set()),
        ("def f():\n    import newsift.cli\n", set()),
        ("try:\n    import newsift.server\nexcept ImportError:\n    pass\n", {"newsift.server"}),
        ("from . import sibling\nimport numpy\n", set()),
    ],
)
def test_imports_are_read_as_python_runs_them(
    source: str, expected: set[str], tmp_path: Path
) -> None:
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert imports_of(path, KNOWN_MODULES) == expected
