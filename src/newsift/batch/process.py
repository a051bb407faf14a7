"""One record through the pipeline: the pure, picklable unit every batch engine runs.

:func:`process_record` reads a :class:`~newsift.batch.records.BatchRecord` the
way ``newsift analyze`` reads a file or a JSON Lines record, runs it through a
:class:`~newsift.pipeline.Pipeline` with :func:`newsift.runner.run` (so the
outcome semantics are the CLI's: ``ok``, ``skipped``, or ``failed`` with the
analyzer and a reason), and returns the outcome row and the document as a dict.
It has no side effects and no state of its own, so the local engine, the Ray
engine and tests run the very same function.
"""

from __future__ import annotations

import time
from typing import Any

from newsift.batch.records import BatchRecord
from newsift.errors import NewsiftError, UnsupportedInput
from newsift.ingest import Loaded, document_from_text, read_bytes
from newsift.ingest.decode import decode
from newsift.ingest.html import document_from_html
from newsift.limits import Limits
from newsift.pipeline import Pipeline
from newsift.runner import run
from newsift.unicode import SURROGATES_CODE

OutcomeRow = dict[str, Any]


def process_record(
    record: BatchRecord, pipeline: Pipeline, limits: Limits | None = None
) -> tuple[OutcomeRow, dict[str, Any] | None]:
    """The outcome row of one record and its analysed document (``None`` unless ``ok``)."""
    started = time.perf_counter()
    loaded = load_record(record, limits or Limits())
    outcome = next(iter(run(pipeline, [loaded])))
    reason, code = outcome.reason, outcome.code
    if record.note:  # repaired while reading (lone surrogates): the row says so
        if outcome.status == "ok":
            reason = record.note if reason is None else f"{record.note}; {reason}"
            code = code or SURROGATES_CODE
        else:
            reason = f"{reason} ({record.note})"
    row = outcome_row(record.id, outcome.status, reason, code, outcome.analyzer)
    row["seconds"] = round(time.perf_counter() - started, 6)
    document = outcome.document.to_dict() if outcome.document is not None else None
    return row, document


def record_task(
    pipeline: Pipeline, record: BatchRecord, limits: Limits | None = None
) -> tuple[OutcomeRow, dict[str, Any] | None]:
    """:func:`process_record` as a worker runs it: any exception becomes a ``failed`` row
    (code ``batch.worker``), so a record always gets its result and the worker goes on."""
    try:
        return process_record(record, pipeline, limits)
    except Exception as exc:  # noqa: BLE001 - a result, never a dead loop
        return outcome_row(record.id, "failed", f"batch worker: {exc!r:.300}", "batch.worker"), None


def outcome_row(
    record_id: str,
    status: str,
    reason: str | None = None,
    code: str | None = None,
    analyzer: str | None = None,
    seconds: float = 0.0,
) -> OutcomeRow:
    """One row of the ``outcomes`` table."""
    return {
        "id": record_id,
        "status": status,
        "analyzer": analyzer,
        "reason": reason,
        "code": code,
        "seconds": seconds,
    }


def load_record(record: BatchRecord, limits: Limits) -> Loaded:
    """The record as the runner's input unit: a document, a skip or the error."""
    if record.skipped is not None:
        return Loaded(record.id, skipped=record.skipped)
    if record.error is not None:
        error = NewsiftError(record.error)
        error.code = record.code or NewsiftError.code
        return Loaded(record.id, error=error)
    try:
        if record.kind == "file":
            pages = read_bytes(
                record.payload, name=record.id, limits=limits, encoding=record.charset
            )
            loaded = next(iter(pages))
            return loaded
        if record.kind == "html":
            doc = document_from_html(
                record.payload,
                id=record.id,
                url=record.url,
                crawl_date=record.crawl_date,
                declared_charset=record.charset,
                source=record.origin or None,
                limits=limits,
            )
        elif record.kind == "text":
            doc = document_from_text(
                decode(record.payload, None),
                id=record.id,
                url=record.url,
                crawl_date=record.crawl_date,
                source=record.origin or None,
                limits=limits,
            )
        else:
            raise UnsupportedInput(f"unknown payload kind {record.kind!r}")
    except NewsiftError as exc:
        return Loaded(record.id, error=exc)
    return Loaded(record.id, document=doc)
