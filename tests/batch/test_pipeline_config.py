"""Batch workers, local and Ray, build the pipeline with every parameter (issue 20).

Before, ``run_batch`` took analyzer names only and ``newsift batch`` had no way
to give a parameter. The parameter checked here is the claims analyzer's
``detail``: false leaves each claim's type out, which the ``claims`` table shows
as a null ``type``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from newsift.batch import store
from newsift.batch.run import run_batch
from newsift.cli import main
from newsift.errors import ConfigError
from tests.batch.conftest import write_jsonl

CLAIMS = "claims.checkworthy.v1"
NO_DETAIL: list[Any] = [
    "structure.v1",
    {"name": CLAIMS, "params": {"encoder": "none", "detail": False}},
]
WITH_DETAIL: list[Any] = ["structure.v1", {"name": CLAIMS, "params": {"encoder": "none"}}]
HAS_RAY = importlib.util.find_spec("ray") is not None


def _types(out: Path) -> list[str | None]:
    rows = store.read_table(out, "claims").to_pylist()
    assert rows, "the pages should have claims"
    return [row["type"] for row in rows]


@pytest.mark.parametrize(
    ("engine", "config", "typed"),
    [
        ("local", WITH_DETAIL, True),
        ("local", NO_DETAIL, False),
        pytest.param(
            "ray",
            NO_DETAIL,
            False,
            marks=pytest.mark.skipif(not HAS_RAY, reason="the ray extra is not installed"),
        ),
    ],
)
def test_every_engine_honours_a_parameter(
    tmp_path: Path, request: pytest.FixtureRequest, engine: str, config: list[Any], typed: bool
) -> None:
    if engine == "ray":
        request.getfixturevalue("local_ray")
    path = write_jsonl(tmp_path / "a.jsonl", 3)
    run_batch([path], tmp_path / "out", engine=engine, shards=1, pipeline=config)
    types = _types(tmp_path / "out")
    assert all(t is not None for t in types) if typed else all(t is None for t in types)
    manifest = store.read_manifest(tmp_path / "out")
    assert manifest is not None and manifest["settings"]["pipeline"] == config


def test_resume_refuses_other_parameters_and_keeps_names_alone(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 2)
    out = tmp_path / "out"
    run_batch([path], out, shards=1, pipeline=NO_DETAIL)
    with pytest.raises(ConfigError, match="--resume: pipeline differ"):
        run_batch([path], out, shards=1, pipeline=WITH_DETAIL, resume=True)
    report = run_batch([path], out, shards=1, pipeline=NO_DETAIL, resume=True)
    assert (report.shards_before, report.records) == (1, 0)
    plain = tmp_path / "plain"
    run_batch([path], plain, shards=1, pipeline="structure.v1")
    manifest = store.read_manifest(plain)
    assert manifest is not None and manifest["settings"]["pipeline"] == ["structure.v1"]


def test_newsift_batch_reads_a_configuration_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 2)
    file = tmp_path / "pipeline.json"
    file.write_text(json.dumps(NO_DETAIL), encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(path), "--out", str(out), "--shards", "1", "-q"]
    assert main([*args, "--pipeline", f"@{file}"]) == 0
    assert all(t is None for t in _types(out))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--pipeline", "@/no/such.json"], "--pipeline: pipeline file /no/such.json: cannot read"),
        (["--pipeline", "structure.v1", "--match-index", "x.npz"], "--match-index needs"),
        (["--pipeline", "@BAD"], "claims.checkworthy.v1: parameter 'floor' is nan"),
        (["--pipeline", "structure.v1,claims.checkworthy.v2"], "did you mean"),
    ],
)
def test_newsift_batch_refuses_a_bad_configuration_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 1)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "claims.checkworthy.v1", "params": {"floor": NaN}}]')
    given = [o.replace("@BAD", f"@{bad}") for o in options]
    assert main(["batch", str(path), "--out", str(tmp_path / "out"), "-q", *given]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()  # refused before anything was written
