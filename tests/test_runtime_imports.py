"""`newsift analyze` never imports torch, and keeping it out changes nothing.

thinc (spaCy's ML library) imports torch whenever torch is installed;
``newsift.attribution.nlp`` blocks that import while spaCy loads. Each check
runs the CLI entry point in a fresh interpreter, as a user's command would.
"""

from __future__ import annotations

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
