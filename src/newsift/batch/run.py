"""``run_batch``: inputs to Parquet shards, resumable, with exactly one outcome row per id.

Steps: read the inputs once and spool the records of unfinished shards
(:mod:`newsift.batch.spool`); run them shard by shard through an engine (local
worker processes, :mod:`newsift.batch.pool`, or Ray Data,
:mod:`newsift.batch.ray_engine`); write each shard as soon as its last result
is in (:func:`newsift.batch.store.write_shard`) and add it to the manifest;
finally refresh the DuckDB views. See :mod:`newsift.batch.store` for why a
crash at any point loses and doubles nothing. The whole run holds an exclusive
lock on the output folder (:func:`newsift.batch.store.locked`): a second
coordinator on the same folder is refused before it touches anything.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.batch import store
from newsift.batch.pool import PoolLimits, PoolStats, WorkerConfig, WorkerPool
from newsift.batch.process import OutcomeRow
from newsift.batch.records import BatchRecord, folder_files, iter_records, shard_of
from newsift.batch.spool import Spool
from newsift.batch.tables import TABLES, Row, document_rows, to_table
from newsift.errors import ConfigError
from newsift.limits import Limits
from newsift.pipeline import DEFAULT_PIPELINE, Pipeline, PipelineConfig

ENGINES = ("local", "ray")
MAX_SHARDS = 4096


@dataclass(frozen=True, slots=True)
class BatchLimits:
    """Per-item limits: ``input`` bounds reading (as in ``newsift analyze``); the
    others are enforced from outside the worker by the local engine:
    ``time_per_item_s`` of CPU time, ``wall_per_item_s`` of wall-clock time (default
    :func:`newsift.limits.wall_backstop`: 4x the CPU limit, at least 60 s) and
    ``memory_mb`` of resident memory."""

    input: Limits = field(default_factory=Limits)
    time_per_item_s: float | None = 60.0
    memory_mb: int | None = 2048
    wall_per_item_s: float | None = None


@dataclass(slots=True)
class BatchReport:
    """What a run did."""

    out_dir: Path
    shards: int
    shards_before: int = 0  # completed by an earlier run (``resume``)
    shards_written: int = 0
    records: int = 0  # records processed in this run
    counts: dict[str, int] = field(default_factory=lambda: {"ok": 0, "skipped": 0, "failed": 0})
    retried: int = 0  # items rerun after a worker died
    seconds: float = 0.0
    pool: PoolStats | None = None


class ShardCollector:
    """Hold each shard's rows until its last record is in, then write it and the manifest."""

    def __init__(self, out_dir: Path, manifest: dict[str, Any], spool: Spool) -> None:
        self.out_dir = out_dir
        self.manifest = manifest
        self.expected = dict(spool.counts)
        self.rows: dict[int, dict[str, list[Row]]] = {}
        self.written = 0

    def add(self, shard: int, outcome: OutcomeRow, document: dict[str, Any] | None) -> None:
        tables = self.rows.setdefault(shard, {name: [] for name in TABLES})
        tables["outcomes"].append(outcome)
        if document is not None:
            for name, rows in document_rows(document).items():
                tables[name].extend(rows)
        if len(tables["outcomes"]) == self.expected[shard]:
            self.flush(shard)

    def flush(self, shard: int) -> None:
        tables = self.rows.pop(shard, {name: [] for name in TABLES})
        for rows in tables.values():
            rows.sort(key=lambda row: (str(row.get("id", row.get("doc_id"))), _order(row)))
        entry = store.write_shard(
            self.out_dir, shard, {name: to_table(name, rows) for name, rows in tables.items()}
        )
        self.manifest["completed"][str(shard)] = entry
        store.write_manifest(self.out_dir, self.manifest)
        self.written += 1

    def flush_empty(self) -> None:
        """Shards no record fell into are complete as they are: empty."""
        for shard, count in self.expected.items():
            if count == 0:
                self.flush(shard)


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    workers: int = 1,
    engine: str = "local",
    resume: bool = False,
    shards: int = 16,
    pipeline: PipelineConfig | str = DEFAULT_PIPELINE,
    limits: BatchLimits | None = None,
    progress: bool = False,
    imports: Sequence[str] = (),
    start_method: str = "spawn",
    encoding: str | None = None,
) -> BatchReport:
    """Analyse every input record into ``out_dir``; see the module docstring.

    ``encoding`` decodes CSV files and page files (default UTF-8 or a BOM,
    strictly). ``pipeline`` is a configuration as :meth:`Pipeline.from_config`
    reads it (names, presets, ``{"name": ..., "params": {...}}`` entries); every
    worker builds exactly it. Raises :class:`newsift.batch.store.OutputBusy` when
    another run holds ``out_dir``, :class:`~newsift.errors.ConfigError` for a bad
    pipeline (before any worker starts).
    """
    started = time.perf_counter()
    limits = limits or BatchLimits()
    config = _check(pipeline, engine, shards, workers, imports)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with store.locked(out):
        report = _run_locked(
            inputs, out, workers, engine, resume, shards, config, limits, progress, imports,
            start_method, encoding,
        )  # fmt: skip
    report.seconds = time.perf_counter() - started
    return report


def _run_locked(
    inputs: Sequence[str | os.PathLike[str]],
    out: Path,
    workers: int,
    engine: str,
    resume: bool,
    shards: int,
    config: list[dict[str, Any]],
    limits: BatchLimits,
    progress: bool,
    imports: Sequence[str],
    start_method: str,
    encoding: str | None,
) -> BatchReport:
    fingerprints = fingerprint(inputs, exclude=out)
    settings = {"shards": shards, "pipeline": manifest_pipeline(config), "inputs": fingerprints}
    manifest, done = _open_manifest(out, settings, resume)
    report = BatchReport(out, shards, shards_before=len(done))
    spool = Spool(out / "spool", shards)
    spool.fill(iter_records([Path(p) for p in inputs], limits.input, out, encoding), done)
    pending = [shard for shard in range(shards) if shard not in done]
    spool.counts = {shard: spool.counts[shard] for shard in pending}
    report.records = sum(spool.counts.values())
    collector = ShardCollector(out, manifest, spool)
    collector.flush_empty()
    bar = _progress_bar(report.records, progress)

    def on_result(record: BatchRecord, row: OutcomeRow, document: dict[str, Any] | None) -> None:
        report.counts[row["status"]] = report.counts.get(row["status"], 0) + 1
        collector.add(shard_of(record.id, shards), row, document)
        if bar is not None:
            bar.update(1)

    busy = [shard for shard in pending if spool.counts[shard]]
    worker_config = WorkerConfig(tuple(config), limits.input, tuple(imports))
    try:
        if not busy:
            pass  # nothing left to analyse (a finished run resumed): no workers to start
        elif engine == "ray":
            from newsift.batch.ray_engine import run_ray

            run_ray(_records(spool, busy), worker_config, workers, on_result)
        else:
            pool_limits = PoolLimits(
                limits.time_per_item_s, limits.memory_mb, limits.wall_per_item_s
            )
            pool = WorkerPool(worker_config, workers, pool_limits, start_method)
            pool.run(_records(spool, busy), on_result)
            report.pool = pool.stats
            report.retried = pool.stats.retried
    finally:
        if bar is not None:
            bar.close()
    missing = [shard for shard in pending if str(shard) not in manifest["completed"]]
    if missing:  # cannot happen unless an engine dropped results; never end silently
        raise RuntimeError(f"shards {missing} were not completed; run again with --resume")
    spool.remove()
    store.write_views(out)
    report.shards_written = collector.written
    return report


def fingerprint(
    inputs: Sequence[str | os.PathLike[str]], exclude: Path | None = None
) -> list[list[Any]]:
    """Each input file's path, size and mtime: ``--resume`` refuses changed inputs."""
    rows: list[list[Any]] = []
    for raw in inputs:
        path = Path(raw)
        files = folder_files(path, exclude) if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
                rows.append([str(file.resolve()), stat.st_size, stat.st_mtime_ns])
            except (OSError, RuntimeError):  # a broken link; RuntimeError: a link loop
                rows.append([str(file), None, None])
    return rows


def _records(spool: Spool, shards: list[int]) -> Iterator[BatchRecord]:
    for shard in shards:
        yield from spool.read(shard)


def _open_manifest(
    out: Path, settings: dict[str, Any], resume: bool
) -> tuple[dict[str, Any], set[int]]:
    manifest = store.read_manifest(out)
    if manifest is not None and not resume:
        raise ConfigError(f"{out} already holds a batch; give --resume or a new --out")
    if manifest is None:
        manifest = store.new_manifest(settings)
        store.write_manifest(out, manifest)
        return manifest, set()
    try:
        store.check_resumable(manifest, settings)
    except store.ManifestMismatch as exc:
        raise ConfigError(str(exc)) from exc
    done = store.verified_shards(out, manifest)
    manifest["completed"] = {k: v for k, v in manifest["completed"].items() if int(k) in done}
    return manifest, done


def manifest_pipeline(config: list[dict[str, Any]]) -> list[str | dict[str, Any]]:
    """The pipeline as the manifest records it for ``--resume``: an analyzer without
    parameters by its name alone, as runs before pipeline configurations recorded it."""
    return [entry if entry["params"] else entry["name"] for entry in config]


def _check(
    pipeline: PipelineConfig | str,
    engine: str,
    shards: int,
    workers: int,
    imports: Sequence[str],
) -> list[dict[str, Any]]:
    """Refuse bad settings before any worker starts; the pipeline's configuration."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use one of {ENGINES}")
    if not 1 <= shards <= MAX_SHARDS:
        raise ConfigError(f"shards must be between 1 and {MAX_SHARDS}")
    if workers < 1:
        raise ConfigError("workers must be at least 1")
    import importlib

    for module in imports:
        importlib.import_module(module)
    return Pipeline.from_config(pipeline).config  # bad names, params, orders fail here


def _order(row: Row) -> tuple[str, str]:
    return (str(row.get("source_id") or row.get("quote_id") or ""), str(row.get("start") or ""))


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", dynamic_ncols=True, smoothing=0.1)
