"""Batch records through worker processes that each build the pipeline once, with limits
enforced from outside.

The workers are :mod:`newsift.workers`' (the web app's too): each builds the
pipeline from its configuration, says it is ready, then processes records in the
order it gets them and sends back :func:`~newsift.batch.process.record_task`'s
result for each. The parent (:class:`WorkerPool`) keeps two records in flight
per worker (so a worker never waits for a busy coordinator) and knows which one
each worker is on and since when, so it can enforce limits no code inside the
worker can dodge:

- an item whose worker uses more than ``time_per_item_s`` of CPU time (an
  endless loop, in C code too) gets its worker killed (SIGKILL) and a ``failed``
  row "time limit: took more than N CPU-s"; CPU time, read from ``/proc``, does
  not depend on how busy the machine is;
- an item still running after ``wall_per_item_s`` of wall-clock time (default
  :func:`newsift.limits.wall_backstop`: 4x the CPU limit, at least 60 s; a hang
  that uses no CPU) is killed the same way, "time limit: wall-clock backstop";
- a worker whose resident memory passes ``memory_mb`` is killed the same way,
  its item ``failed`` "memory limit";
- a worker that dies on its own (a crashing parser, a kill from outside) has
  its item retried once in a fresh worker, and ``failed`` if it dies again.

Each killed worker is replaced; the record it had waiting goes back in line
(it never started), and the other items go on.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from newsift.batch.process import OutcomeRow, outcome_row, record_task
from newsift.batch.records import BatchRecord
from newsift.limits import Limits, wall_backstop
from newsift.pipeline import PipelineConfig
from newsift.workers import (
    Overrun,
    TaskLimits,
    WorkerProcess,
    WorkerSpec,
    stop_all,
    worker_spec,
)

Result = tuple[OutcomeRow, dict[str, Any] | None]
OnResult = Callable[[BatchRecord, OutcomeRow, dict[str, Any] | None], None]
_POLL_S = 0.05
_MAX_ATTEMPTS = 2
_MAX_START_FAILURES = 3
_PREFETCH = 2  # items sent ahead to each worker, so it never waits for the coordinator


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """Everything a worker needs to build its pipeline; picklable."""

    pipeline: PipelineConfig  # :attr:`Pipeline.config`: names and parameters
    limits: Limits = field(default_factory=Limits)
    imports: tuple[str, ...] = ()  # modules to import first (plugins that register analyzers)

    def spec(self) -> WorkerSpec:
        """What each worker process builds and does: :func:`record_task` on each record."""
        task = functools.partial(record_task, limits=self.limits)
        limit_s = self.limits.time_per_document_s
        return worker_spec(self.pipeline, task, time_limit_s=limit_s, imports=self.imports)


@dataclass(frozen=True, slots=True)
class PoolLimits:
    """Limits the parent enforces on each item; ``None`` turns one off.

    ``time_per_item_s`` is CPU time; ``wall_per_item_s`` is the wall-clock
    backstop, by default :func:`~newsift.limits.wall_backstop` of it.
    """

    time_per_item_s: float | None = 60.0
    memory_mb: int | None = 2048
    wall_per_item_s: float | None = None

    @property
    def wall_s(self) -> float | None:
        if self.wall_per_item_s is not None:
            return self.wall_per_item_s
        return None if self.time_per_item_s is None else wall_backstop(self.time_per_item_s)

    @property
    def task(self) -> TaskLimits:
        return TaskLimits(self.time_per_item_s, self.wall_s, self.memory_mb)


@dataclass(slots=True)
class PoolStats:
    started_workers: int = 0
    killed_time: int = 0
    killed_memory: int = 0
    crashed: int = 0
    retried: int = 0


@dataclass(slots=True, eq=False)
class _Worker:
    handle: WorkerProcess
    ready: bool = False
    items: deque[tuple[BatchRecord, int]] = field(default_factory=deque)  # sent, in order


class WorkerPool:
    """Run records through ``workers`` processes; every record gets exactly one result."""

    def __init__(
        self,
        config: WorkerConfig,
        workers: int = 1,
        limits: PoolLimits | None = None,
        start_method: str = "spawn",
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.config = config
        self._spec = config.spec()
        self.size = workers
        self.limits = limits or PoolLimits()
        self.context: Any = multiprocessing.get_context(start_method)
        self.stats = PoolStats()
        self._workers: list[_Worker] = []
        self._start_failures = 0

    def run(self, records: Iterator[BatchRecord], on_result: OnResult) -> None:
        """Feed ``records`` to the workers, calling ``on_result`` once per record."""
        queue: deque[tuple[BatchRecord, int]] = deque()
        source = iter(records)
        exhausted = False
        try:
            while len(self._workers) < self.size:
                self._start()
            while True:
                for worker in self._workers:
                    while worker.ready and len(worker.items) < _PREFETCH:
                        if not queue and not exhausted:
                            nxt = next(source, None)
                            exhausted = nxt is None
                            if nxt is not None:
                                queue.append((nxt, 1))
                        if not queue:
                            break
                        item = queue.popleft()
                        if not self._send(worker, item):
                            queue.appendleft(item)  # dead: _step replaces it; the item waits
                            break
                if exhausted and not queue and not any(w.items for w in self._workers):
                    return
                self._step(queue, on_result)
        finally:
            self.close()

    def _send(self, worker: _Worker, item: tuple[BatchRecord, int]) -> bool:
        """Hand ``item`` to ``worker``; False if the worker is gone (killed from outside)."""
        try:
            worker.handle.connection.send(item[0])
        except OSError:
            return False
        if not worker.items:
            worker.handle.start_clock()
        worker.items.append(item)
        return True

    def _step(self, queue: deque[tuple[BatchRecord, int]], on_result: OnResult) -> None:
        handles: list[Any] = [w.handle.connection for w in self._workers]
        handles += [w.handle.process.sentinel for w in self._workers]
        wait(handles, timeout=_POLL_S)
        for worker in list(self._workers):
            if self._receive(worker, on_result):
                continue
            if not worker.handle.process.is_alive():
                self._died(worker, queue, on_result)
            elif worker.items:
                self._enforce(worker, queue, on_result)

    def _receive(self, worker: _Worker, on_result: OnResult) -> bool:
        try:
            if not worker.handle.connection.poll():
                return False
            message = worker.handle.connection.recv()
        except (EOFError, OSError):
            return False
        if not worker.ready:
            worker.ready = True
            self._start_failures = 0
            return True
        record = worker.items.popleft()[0]
        if worker.items:
            worker.handle.start_clock()  # the next prefetched item starts now
        row, document = message
        on_result(record, row, document)
        return True

    def _died(
        self, worker: _Worker, queue: deque[tuple[BatchRecord, int]], on_result: OnResult
    ) -> None:
        code = worker.handle.process.exitcode
        self._replace(worker)
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= _MAX_START_FAILURES:
                raise RuntimeError(f"batch workers die while starting (exit code {code})")
        if not worker.items:
            return
        (record, attempt), *waiting = worker.items
        queue.extendleft(reversed(waiting))  # never started: back in line as they were
        self.stats.crashed += 1
        if attempt < _MAX_ATTEMPTS:
            self.stats.retried += 1
            queue.appendleft((record, attempt + 1))
        else:
            reason = f"worker died (exit code {code}) on {attempt} attempts"
            on_result(record, outcome_row(record.id, "failed", reason, "batch.crash"), None)

    def _enforce(
        self, worker: _Worker, queue: deque[tuple[BatchRecord, int]], on_result: OnResult
    ) -> None:
        elapsed = worker.handle.elapsed()
        overrun = worker.handle.overrun(self.limits.task)
        if overrun is None:
            return
        if overrun.limit == "memory":
            self.stats.killed_memory += 1
        else:
            self.stats.killed_time += 1
        (record, _), *waiting = worker.items
        queue.extendleft(reversed(waiting))  # never started: back in line as they were
        self._replace(worker)
        reason = self._reason(overrun)
        row = outcome_row(record.id, "failed", reason, "limit", seconds=round(elapsed, 6))
        on_result(record, row, None)

    def _reason(self, overrun: Overrun) -> str:
        """The outcome row's words for a worker killed at a limit."""
        limit_s, limit_mb = self.limits.time_per_item_s, self.limits.memory_mb
        if overrun.limit == "cpu":
            return f"time limit: took more than {limit_s:g} CPU-s, worker killed"
        if overrun.limit == "wall":
            cpu = f" (CPU time limit {limit_s:g} CPU-s)" if limit_s is not None else ""
            return (
                f"time limit: wall-clock backstop: ran for more than {self.limits.wall_s:g} s"
                f"{cpu}, worker killed"
            )
        return f"memory limit: worker used {overrun.used:,.0f} MB > {limit_mb:,} MB, killed"

    def _start(self) -> None:
        handle = WorkerProcess.launch(self.context, self._spec, "newsift-batch")
        self._workers.append(_Worker(handle))
        self.stats.started_workers += 1

    def _replace(self, worker: _Worker) -> None:
        worker.handle.kill()
        self._workers.remove(worker)
        self._start()

    def worker_pids(self) -> list[int]:
        return [w.handle.pid for w in self._workers if w.handle.pid is not None]

    def close(self) -> None:
        stop_all([w.handle for w in self._workers])
        self._workers.clear()
