"""process_record: the CLI's outcome semantics, pure and picklable."""

from __future__ import annotations

import pickle

import pytest

from newsift.batch.process import process_record
from newsift.batch.records import BatchRecord
from newsift.limits import Limits
from newsift.pipeline import Pipeline
from newsift.workers import build_pipeline
from tests.batch.conftest import HTML, PAGE


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(["structure.v1"], time_limit_s=10)


@pytest.mark.parametrize(
    ("record", "status", "code"),
    [
        (BatchRecord("t", PAGE.format(n=1).encode(), "text"), "ok", None),
        (BatchRecord("h", HTML.format(n=1).encode(), "html", "https://x.example/a"), "ok", None),
        (BatchRecord("f", PAGE.format(n=1).encode(), "file"), "ok", None),
        (BatchRecord("e", b"   ", "text"), "failed", "input.empty"),
        (BatchRecord("b", b"x", "text", error="broken", code="input.csv"), "failed", "input.csv"),
        (BatchRecord("s", skipped="image/png"), "skipped", None),
        (BatchRecord("k", b"x", "weird"), "failed", "input.unsupported"),
        (BatchRecord("big", b"x" * 200, "text"), "failed", "input.too_large"),
    ],
)
def test_outcome_rows(
    pipeline: Pipeline, record: BatchRecord, status: str, code: str | None
) -> None:
    row, document = process_record(record, pipeline, Limits(max_bytes=100))
    assert (row["id"], row["status"], row["code"]) == (record.id, status, code)
    assert (document is not None) == (status == "ok")
    if document is not None:
        assert document["id"] == record.id
        assert "regions" in document


def test_record_and_result_pickle(pipeline: Pipeline) -> None:
    record = BatchRecord("t", PAGE.format(n=2).encode(), "text")
    assert pickle.loads(pickle.dumps(record)) == record
    result = process_record(record, pipeline)
    assert pickle.loads(pickle.dumps(result))[1] == result[1]
