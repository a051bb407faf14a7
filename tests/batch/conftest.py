"""Inputs for batch tests: the damaged-input builders live in tests.support.chaos."""

from __future__ import annotations

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
