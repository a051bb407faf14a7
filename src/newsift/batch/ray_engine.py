"""The Ray engine: the same :func:`record_task` through Ray Data's ``map_batches``.

An actor class (:class:`RecordProcessor`) builds the pipeline once per actor from
its configuration (every analyzer parameter, as the local workers do), so
models load once per actor, not per record; ``workers`` actors run at once.
Ray is started in local mode when no cluster is connected (``ray.init()`` picks
up ``RAY_ADDRESS`` on a cluster). Results stream back to the coordinator, which
writes shards and the manifest exactly as the local engine does, so a retried
Ray task or a rerun with ``--resume`` cannot double a row: rows exist only in
shard files the manifest lists, and a shard is written whole or not at all.

Limits: the per-item time limit is the pipeline's own (in-process) one; Ray's
memory monitor kills an actor that exhausts the node, and Ray retries its tasks.
"""

from __future__ import annotations

import base64
import importlib
import json
import logging
import os
from collections.abc import Iterator
from typing import Any

from newsift.batch.pool import OnResult, WorkerConfig
from newsift.batch.process import record_task
from newsift.batch.records import BatchRecord
from newsift.limits import Limits
from newsift.workers import build_pipeline

_BATCH_SIZE = 8
_CHUNK = 2000  # records per Ray dataset, so memory stays bounded


class RecordProcessor:
    """A Ray Data actor: builds the pipeline once, then maps batches of records."""

    def __init__(
        self, pipeline: list[dict[str, Any]], limits: dict[str, Any], imports: list[str]
    ) -> None:
        for module in imports:
            importlib.import_module(module)
        self.limits = Limits(**limits)
        self.pipeline = build_pipeline(pipeline, self.limits.time_per_document_s)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        ids, outcomes, documents = [], [], []
        for raw in batch["record"]:
            record = _decode(str(raw))
            ids.append(record.id)
            row, document = record_task(self.pipeline, record, self.limits)
            outcomes.append(json.dumps(row))
            documents.append(json.dumps(document) if document is not None else "")
        return {"id": ids, "outcome": outcomes, "document": documents}


def run_ray(
    records: Iterator[BatchRecord], config: WorkerConfig, workers: int, on_result: OnResult
) -> None:
    """Process ``records`` on Ray (local mode unless a cluster is connected)."""
    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not ray.is_initialized():
        ray.init(num_cpus=max(workers, 1), include_dashboard=False, log_to_driver=False,
                 logging_level=logging.ERROR)  # fmt: skip
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # newsift shows its own bar
    context.print_on_execution_start = False
    limits = {
        "max_bytes": config.limits.max_bytes,
        "max_line_chars": config.limits.max_line_chars,
        "max_json_depth": config.limits.max_json_depth,
        "time_per_document_s": config.limits.time_per_document_s,
    }
    while True:
        chunk = [_encode(record) for _, record in zip(range(_CHUNK), records, strict=False)]
        if not chunk:
            return
        dataset = ray.data.from_items([{"record": item} for item in chunk])
        results = dataset.map_batches(
            RecordProcessor,
            fn_constructor_kwargs={
                "pipeline": list(config.pipeline),
                "limits": limits,
                "imports": list(config.imports),
            },
            compute=ray.data.ActorPoolStrategy(size=workers),
            batch_size=_BATCH_SIZE,
            num_cpus=1,
        )
        for row in results.iter_rows():
            document = json.loads(row["document"]) if row["document"] else None
            on_result(BatchRecord(str(row["id"])), json.loads(row["outcome"]), document)


def _encode(record: BatchRecord) -> str:
    """A record as one JSON string (Arrow-friendly: no mixed bytes and str columns)."""
    row = record.to_dict()
    row["payload"] = base64.b64encode(record.payload).decode("ascii")
    return json.dumps(row)


def _decode(text: str) -> BatchRecord:
    row = json.loads(text)
    row["payload"] = base64.b64decode(row["payload"])
    return BatchRecord.from_dict(row)
