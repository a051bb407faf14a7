"""`newsift analyze` never imports torch, and keeping it out changes nothing.

thinc (spaCy's ML library) imports torch whenever torch is installed;
``newsift.attribution.nlp`` blocks that import while spaCy loads. Each check
runs the CLI entry point in a fresh interpreter, as a user's command would.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsift

SAMPLE = Path(newsift.__file__).parent / "samples" / "sample-dump.txt"

#: Runs ``newsift analyze`` through the console-script entry, then reports the
#: torch-like modules imported. argv[1]: output path; argv[2]: "torch-first"
#: imports torch before the CLI runs (the behaviour without the block).
SCRIPT = """
import json, sys
out, mode = sys.argv[1], sys.argv[2]
if mode == "torch-first":
    import torch
from newsift.cli import main
code = main(["analyze", {sample!r}, "--out", out])
names = ("torch", "transformers", "sentence_transformers")
print(json.dumps({{"code": code, "loaded": [n for n in names if n in sys.modules]}}))
if mode == "torch-after":
    import torch
    print(json.dumps({{"torch_after": torch.tensor([1, 2]).sum().item()}}))
"""


def _analyze(out: Path, mode: str) -> list[dict[str, object]]:
    """Run the script in a subprocess; its JSON lines."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(sample=str(SAMPLE)), str(out), mode],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


needs_spacy = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None, reason="the default pipeline needs spaCy"
)
needs_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None, reason="torch is not installed"
)


@needs_spacy
def test_analyze_does_not_import_torch(tmp_path: Path) -> None:
    lines = _analyze(tmp_path / "out.json", "plain")
    assert lines[0] == {"code": 0, "loaded": []}


@needs_spacy
@needs_torch
def test_output_identical_with_torch_and_torch_still_importable(tmp_path: Path) -> None:
    blocked, allowed = tmp_path / "blocked.json", tmp_path / "allowed.json"
    lines = _analyze(blocked, "torch-after")
    assert lines[0] == {"code": 0, "loaded": []}
    assert lines[1] == {"torch_after": 3}  # the block is gone once spaCy has loaded
    lines = _analyze(allowed, "torch-first")  # torch already there: spaCy sees it
    assert lines[0]["code"] == 0 and "torch" in lines[0]["loaded"]  # type: ignore[operator]
    assert blocked.read_bytes() == allowed.read_bytes()


def test_building_the_command_line_parser_does_not_import_the_web_app() -> None:
    """``newsift`` builds its parser from every command module; FastAPI waits for ``serve``."""
    script = (
        "import sys\n"
        "from newsift.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(n for n in ('fastapi', 'uvicorn', 'newsift.server.app') if n in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


#: What only training, benchmarks and tests may import: the ``train`` extra's fitting
#: libraries, the training and test trees at the repository root, and torch (the ``hf``
#: backend, :mod:`newsift.backends.hf`, imports torch and transformers inside its functions
#: only, for a user's own checkpoint).
TRAINING_ONLY = ("training", "tests", "sklearn", "scipy", "pycrfsuite", "onnx")
LAZY_ONLY = {"torch": {"newsift.backends.hf"}, "transformers": {"newsift.backends.hf"}}
PACKAGE = Path(newsift.__file__).parent


def _runtime_modules() -> list[tuple[str, Path]]:
    """(dotted name, file) of every module of the installed package."""
    return sorted(
        (".".join(("newsift", *path.relative_to(PACKAGE).with_suffix("").parts)), path)
        for path in PACKAGE.rglob("*.py")
    )


def _imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(top-level module name, imported at module level) of every absolute import."""
    top_level = {id(node) for node in tree.body}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(name.split(".")[0], id(node) in top_level) for name in names]
    return found


def _climb(node: ast.AST) -> int | None:
    """How many folders ``node`` goes up from ``__file__``: ``.parent`` is one,
    ``.parents[n]`` n + 1; None for an expression that does not start at ``__file__``."""
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = _climb(node.value)
        return None if inner is None else inner + 1
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "parents"
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, int)
    ):
        inner = _climb(node.value.value)
        return None if inner is None else inner + node.slice.value + 1
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("resolve", "absolute")
    ):
        return _climb(node.func.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Path":
        first = node.args[0] if node.args else None
        return 0 if isinstance(first, ast.Name) and first.id == "__file__" else None
    return None


def test_no_runtime_module_imports_training_code_or_the_train_extra() -> None:
    wrong = [
        f"{name} imports {module}"
        for name, path in _runtime_modules()
        for module, at_top in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if module in TRAINING_ONLY
        or (module in LAZY_ONLY and (at_top or name not in LAZY_ONLY[module]))
    ]
    assert wrong == []


def test_no_runtime_module_reads_a_path_outside_the_package() -> None:
    """``Path(__file__)`` may climb to the package folder (``newsift/``), never above it:
    a wheel has no repository, no ``benchmarks/`` and no ``../shared`` around it."""
    wrong = []
    for name, path in _runtime_modules():
        # newsift/x.py may go up one folder (to newsift/), newsift/a/x.py two, ...
        allowed = len(path.relative_to(PACKAGE).parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (_climb(node) or 0) > allowed:
                wrong.append(f"{name}:{getattr(node, 'lineno', '?')}")
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "climbs"),
    [
        ("Path(__file__)", 0),
        ("Path(__file__).parent", 1),
        ("Path(__file__).parent.parent", 2),
        ("Path(__file__).resolve().parents[1]", 2),
        ("Path(__file__).resolve().parents[3]", 4),
        ("Path(__file__).resolve().parents[3] / 'benchmarks'", None),  # checked at its left side
        ("Path(other).parents[3]", None),
    ],
)
def test_the_climb_counter(source: str, climbs: int | None) -> None:
    assert _climb(ast.parse(source, mode="eval").body) == climbs


#: Imports every module of the installed package in a fresh interpreter (but ``__main__``,
#: which runs the CLI) and prints the training-only modules that came with them.
WALK = """
import importlib, json, pkgutil, sys
import newsift
missing = dict()
for info in pkgutil.walk_packages(newsift.__path__, "newsift."):
    if info.name.rsplit(".", 1)[-1] == "__main__":
        continue
    try:
        importlib.import_module(info.name)
    except ModuleNotFoundError as exc:  # an extra that is not installed
        missing[info.name] = exc.name
names = {names!r}
print(json.dumps({{"missing": missing, "loaded": sorted(n for n in names if n in sys.modules)}}))
"""


def test_every_runtime_module_imports_without_training_code() -> None:
    names = (*TRAINING_ONLY, *LAZY_ONLY, "sentence_transformers")
    result = subprocess.run(
        [sys.executable, "-c", WALK.format(names=names)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=PACKAGE.parent,  # not the repository root: `training` and `tests` are not there
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    assert all(not str(name).startswith("newsift") for name in report["missing"].values())
