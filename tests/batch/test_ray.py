"""The Ray engine runs the same process_record and gives the same rows as the local one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsift.batch.run import run_batch
from tests.batch.conftest import bad_inputs
from tests.support.chaos import compare

ray = pytest.importorskip("ray", reason="the ray extra is not installed")


def test_ray_engine_gives_the_same_rows_as_local(tmp_path: Path, local_ray: None) -> None:
    inputs = bad_inputs(tmp_path / "in")
    local = run_batch(inputs, tmp_path / "local", shards=3, pipeline=["structure.v1"])
    on_ray = run_batch(inputs, tmp_path / "ray", engine="ray", workers=2, shards=3,
                       pipeline=["structure.v1"])  # fmt: skip
    assert on_ray.counts == local.counts == {"ok": 8, "skipped": 0, "failed": 4}
    assert compare(tmp_path / "local", tmp_path / "ray") == {
        "duplicates": 0, "lost": 0, "extra": 0, "mismatched": 0,
    }  # fmt: skip
