"""Inputs for batch tests (the damaged-input builders live in tests.support.chaos), and a
local Ray for the tests of the Ray engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.chaos import (
    HTML,
    PAGE,
    bad_inputs,
    warc_bytes,
    write_csv,
    write_jsonl,
    write_parquet,
    write_warc,
)

__all__ = [
    "HTML",
    "PAGE",
    "bad_inputs",
    "warc_bytes",
    "write_csv",
    "write_jsonl",
    "write_parquet",
    "write_warc",
]


@pytest.fixture()
def local_ray(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Ray started on this machine for one test (skipped without the ray extra)."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()
