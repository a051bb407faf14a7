"""Damaged model files: one ModelError naming the file and how to reinstall, no traceback.

Issue 14, defect 6: a truncated shipped ``.npz`` gave BadZipFile or EOFError from
deep in NumPy. Each shipped model is copied, damaged one way, and its loader
pointed at the copy; the intact shipped model still loads after each.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import newsift
from newsift.claims.matching import MatchIndex
from newsift.claims.model import ClaimModel
from newsift.comments.model import ToxicityModel
from newsift.errors import ModelError
from newsift.models import REINSTALL
from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from newsift.structure.linemodel import LineModel

LOADERS: dict[str, Callable[[Path | None], Any]] = {
    "lines-v2.npz": LineModel.load,
    "claims-v1.npz": ClaimModel.load,
    "toxicity-v1.npz": ToxicityModel.load,
    "techniques-spans-v1.npz": SpanTagger.load,
    "techniques-labels-v1.npz": TechniqueClassifier.load,
}


def _arrays(path: Path) -> dict[str, Any]:
    with np.load(path, allow_pickle=False) as data:
        return dict(data)


def _rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    arrays = _arrays(path)
    change(arrays)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())


def _drop_largest(arrays: dict[str, Any]) -> None:
    del arrays[max(arrays, key=lambda k: arrays[k].size)]


def _reshape_largest(arrays: dict[str, Any]) -> None:
    key = max(arrays, key=lambda k: arrays[k].size)
    arrays[key] = arrays[key].reshape(-1)[:-1]


def _as_text(arrays: dict[str, Any]) -> None:
    key = max(arrays, key=lambda k: arrays[k].size)
    arrays[key] = np.array(["not", "weights"])


#: (damage, how to do it to the copy at ``path``, what the message says was wrong)
DAMAGE: list[tuple[str, Callable[[Path], None], str]] = [
    ("truncated to half", lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), "BadZipFile"),
    ("truncated to 100 bytes", lambda p: p.write_bytes(p.read_bytes()[:100]), "BadZipFile"),
    ("empty", lambda p: p.write_bytes(b""), "EOFError"),
    ("not a ZIP", lambda p: p.write_bytes(b"<html>404 Not Found</html>"), "ValueError"),
    ("a member cut short", lambda p: _truncate_member(p), ""),
    ("an array missing", lambda p: _rewrite(p, _drop_largest), ""),
    ("an array of the wrong shape", lambda p: _rewrite(p, _reshape_largest), ""),
    ("an array of the wrong type", lambda p: _rewrite(p, _as_text), ""),
]  # fmt: skip


def _truncate_member(path: Path) -> None:
    """A valid ZIP directory whose largest array's data stops early (EOFError in NumPy)."""
    arrays = _arrays(path)
    key = max(arrays, key=lambda k: arrays[k].size)
    buffer = io.BytesIO()
    np.save(buffer, arrays[key])
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, value in arrays.items():
            data = io.BytesIO()
            np.save(data, value)
            raw = (
                data.getvalue() if name != key else buffer.getvalue()[: len(buffer.getvalue()) // 2]
            )
            archive.writestr(f"{name}.npy", raw)


@pytest.mark.parametrize("file_name", sorted(LOADERS))
@pytest.mark.parametrize(("damage", "make", "why"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_a_damaged_model_is_one_model_error(
    file_name: str, damage: str, make: Callable[[Path], None], why: str, tmp_path: Path
) -> None:
    copy = tmp_path / file_name
    shutil.copyfile(str(resources.files("newsift.models").joinpath(file_name)), copy)
    make(copy)
    with pytest.raises(ModelError) as caught:
        LOADERS[file_name](copy)
    message = str(caught.value)
    assert message.startswith(f"model file {copy} is damaged"), message
    assert message.endswith(REINSTALL) and "pip install --force-reinstall newsift" in message
    assert why in message
    assert LOADERS[file_name](None) is not None  # the shipped one is fine: the run goes on


def test_a_missing_model_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="is missing; reinstall newsift"):
        LineModel.load(tmp_path / "gone.npz")


def test_a_damaged_fact_check_index_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    path.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ModelError, match="rebuild it with 'newsift claims index'"):
        MatchIndex.load(path)


def test_analyze_with_a_truncated_shipped_model_says_so_and_exits_1(tmp_path: Path) -> None:
    """The issue's reproduction: a copy of the package with one model cut in half."""
    package = tmp_path / "newsift"
    shutil.copytree(
        Path(newsift.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    damaged = package / "models" / "lines-v2.npz"
    damaged.write_bytes(damaged.read_bytes()[:1000])
    sample = package / "samples" / "sample-dump.txt"
    result = subprocess.run(
        [sys.executable, "-m", "newsift", "analyze", str(sample), "--pipeline", "structure.v1"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"newsift: error: model file {damaged} is damaged or not this version's "
        f"(BadZipFile: File is not a zip file); {REINSTALL}"
    ]
