"""Analyses in worker processes that the server can kill: the time limit holds for any input.

:class:`~newsift.server.engine.Engine` runs analyses in threads, and Python
cannot stop a thread: an input that hangs inside C code keeps its thread for
good, and a few such inputs stall the server. :class:`ProcessEngine` keeps
``workers`` ``spawn``-ed processes instead; each builds the pipeline once (by
its configuration, names and parameters, importing ``imports`` first so plugins register) and
then reads and analyses one request at a time. The time limit counts the
worker's CPU time from the moment it takes the request (read from ``/proc``):
time spent waiting for a free worker, and what else the machine runs, do not
count, so a request that waited never gets a healthy worker killed. A
wall-clock backstop (:func:`~newsift.server.settings.wall_limit`, 4x the limit
and at least 60 s) ends an analysis that hangs without using CPU. Past either,
the worker is killed (SIGKILL), the client gets 504, and a fresh worker is
started in the background. A worker that dies on its own (a crashing
parser) is replaced the same way and the client gets :class:`WorkerCrashed`
(HTTP 500). Inside the worker, the pipeline's own per-document limit (SIGALRM,
the main thread's) turns most overruns into a clean ``failed`` outcome before
the kill is needed.

The pool holds ``workers + spare_workers`` warm processes that take turns; at
most ``workers`` analyse at once. A kill therefore leaves ``workers`` ready
processes while the successor loads its models (15 to 20 s with the default
pipeline) in the background. At most ``workers + max_queue`` requests may be
in flight; one more gets :class:`~newsift.server.engine.Busy` (HTTP 503) at
once. When no worker is alive and none is starting (every restart failed),
requests get :class:`NoWorkers` (HTTP 503) instead of waiting for good.

Costs: each worker holds its own copy of the models (about 400 to 500 MB with
the default pipeline), the spare included. ``newsift serve`` uses this engine
by default (``--isolation process``).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from newsift.ingest import Loaded
from newsift.limits import cpu_seconds
from newsift.pipeline import Pipeline, PipelineConfig
from newsift.server.engine import Batch, Busy, TimedOut, analyse_batch
from newsift.server.settings import Settings, wall_limit

_START_TIMEOUT_S = 300.0  # building a worker's pipeline loads every model
_START_ATTEMPTS = 3
_CPU_POLL_S = 0.25  # how often a waiting thread reads the worker's CPU time
# the worker's own per-document limit (same seconds) ends most overruns cleanly first
_CPU_GRACE_S = 1.0


class WorkerCrashed(Exception):
    """The worker process died while analysing the request (HTTP 500)."""


class NoWorkers(Exception):
    """No worker process is alive or starting (HTTP 503)."""


@dataclass(frozen=True, slots=True)
class WorkerSpec:
    """What a worker builds: picklable, sent to each new process."""

    pipeline: tuple[dict[str, Any], ...]  # :attr:`Pipeline.config`: names and parameters
    time_limit_s: float | None
    max_documents: int
    imports: tuple[str, ...] = ()


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: Connection


def worker_main(connection: Connection, spec: WorkerSpec) -> None:
    """Build the pipeline once; then one ``read`` callable in, one result out, until ``None``."""
    from newsift.batch.process import build_pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when workers stop
    for module in spec.imports:
        importlib.import_module(module)
    pipeline = build_pipeline(spec.pipeline, spec.time_limit_s)
    connection.send(("ready", os.getpid()))
    while True:
        try:
            read = connection.recv()
        except EOFError:
            return
        if read is None:
            return
        try:
            result: tuple[str, Any] = ("ok", analyse_batch(pipeline, read, spec.max_documents))
        except Exception as exc:  # noqa: BLE001 - sent back and re-raised by the server
            result = ("error", _sendable(exc))
        connection.send(result)


def _sendable(exc: Exception) -> Exception:
    """``exc`` itself when it pickles, else a RuntimeError with its message."""
    import pickle

    try:
        pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - any pickling failure means "send the message"
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class ProcessEngine:
    """Worker processes, a queue of idle ones, and the bounds around them.

    Same interface as :class:`~newsift.server.engine.Engine`: ``start``,
    ``close``, ``names`` and ``await analyze(read)``; ``read`` must pickle
    (a module-level function or a :func:`functools.partial` of one).
    """

    def __init__(
        self, pipeline: PipelineConfig | str, settings: Settings, imports: Sequence[str] = ()
    ) -> None:
        for module in imports:  # plugins register their analyzers before the check below
            importlib.import_module(module)
        config = Pipeline.from_config(pipeline).config  # a bad config fails here, not in a worker
        self.names = [entry["name"] for entry in config]
        self.settings = settings
        self._spec = WorkerSpec(
            tuple(config), settings.time_limit_s, settings.max_documents, tuple(imports)
        )
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots: asyncio.Semaphore | None = None  # at most `workers` analyses at once
        self._workers: list[_Worker] = []
        self._starting = 0  # respawns under way
        self._lock = threading.Lock()  # guards _workers and _starting across respawn threads
        self._closed = False
        self._in_flight = 0  # touched only from the event loop
        # one waiting thread per analysis that may run at once
        self._waiters = ThreadPoolExecutor(settings.workers + 1, thread_name_prefix="newsift-wait")

    @property
    def pool_size(self) -> int:
        """Worker processes kept warm: ``workers + spare_workers``."""
        return self.settings.workers + self.settings.spare_workers

    def start(self) -> None:
        """Start every worker and wait until each has loaded its models (call from the loop).

        The workers load their models at the same time.
        """
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        self._slots = asyncio.Semaphore(self.settings.workers)
        launched = [self._launch() for _ in range(self.pool_size)]
        for worker in launched:
            self._idle.put_nowait(self._ready(worker))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
            worker.process.join(timeout=2)
            _kill(worker)
        self._waiters.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    async def analyze(self, read: Callable[[], Iterable[Loaded]]) -> Batch:
        """Read and analyse in an idle worker; the time limit starts when the worker has it."""
        if self._idle is None or self._slots is None:
            raise RuntimeError("ProcessEngine.start() was not called")
        if self._in_flight >= self.settings.workers + self.settings.max_queue:
            raise Busy("the server is busy; try again in a moment")
        self._in_flight += 1
        try:
            async with self._slots:  # waiting for a turn is not analysis time
                if self._idle.empty() and not self._alive():
                    raise NoWorkers(
                        "no analysis worker is running (every restart failed); "
                        "the server needs a restart"
                    )
                worker = await self._idle.get()
                return await self._ask(worker, read)
        finally:
            self._in_flight -= 1

    def _alive(self) -> bool:
        with self._lock:
            return bool(self._workers) or self._starting > 0

    async def _ask(self, worker: _Worker, read: Callable[[], Iterable[Loaded]]) -> Batch:
        assert self._idle is not None
        cpu_s, wall_s = self.settings.time_limit_s, wall_limit(self.settings)
        verdict = ""
        try:
            verdict = await asyncio.get_running_loop().run_in_executor(
                self._waiters,
                _exchange,
                worker.connection,
                read,
                worker.process.pid,
                cpu_s + _CPU_GRACE_S,
                wall_s,
            )
            if verdict == "answered":
                kind, payload = worker.connection.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise WorkerCrashed(
                "the analysis stopped its worker process (a crash while reading or analysing "
                "this input); a new worker is starting"
            ) from exc
        except BaseException:  # cancelled while the worker was busy: it cannot be reused
            self._replace(worker)
            raise
        if verdict == "cpu":
            self._replace(worker)
            raise TimedOut(f"the analysis used more than {cpu_s:g} s of CPU time (time limit)")
        if verdict != "answered":
            self._replace(worker)
            raise TimedOut(
                f"the analysis took longer than {wall_s:g} s of wall-clock time "
                f"(the backstop of the {cpu_s:g} s time limit)"
            )
        self._idle.put_nowait(worker)
        if kind == "error":
            raise payload
        assert isinstance(payload, Batch)
        return payload

    def _spawn(self) -> _Worker:
        """A new worker, once it says it is ready; raises after a failed start."""
        return self._ready(self._launch())

    def _launch(self) -> _Worker:
        """A new worker process, started but perhaps still loading its models."""
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=worker_main, args=(child, self._spec), name="newsift-serve-worker", daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _ready(self, worker: _Worker) -> _Worker:
        """``worker`` once it says it is ready; kills it and raises after a failed start."""
        parent, process = worker.connection, worker.process
        if not parent.poll(_START_TIMEOUT_S):
            _kill(worker)
            raise RuntimeError("a server worker did not start in time")
        try:
            parent.recv()
        except EOFError:
            _kill(worker)
            raise RuntimeError(
                f"a server worker exited while building its pipeline (exit code {process.exitcode})"
            ) from None
        with self._lock:
            self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now; start its successor in the background."""
        _kill(worker)
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            if self._closed:
                return
            self._starting += 1
        threading.Thread(target=self._respawn, name="newsift-respawn", daemon=True).start()

    def _respawn(self) -> None:
        try:
            for _ in range(_START_ATTEMPTS):
                if self._closed:
                    return
                try:
                    worker = self._spawn()
                except RuntimeError:
                    continue
                if self._closed or self._loop is None or self._idle is None:
                    _kill(worker)
                    return
                self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)
                return
        finally:
            with self._lock:
                self._starting -= 1


def _exchange(
    connection: Connection,
    read: Callable[[], Iterable[Loaded]],
    pid: int | None,
    cpu_s: float,
    wall_s: float,
) -> str:
    """Send ``read`` to worker ``pid`` and wait: ``"answered"`` once its answer is waiting
    (or it died), ``"cpu"`` once it used ``cpu_s`` of CPU time on it, ``"wall"`` after
    ``wall_s`` (also stands in for CPU time where ``/proc`` cannot be read). Runs in a
    waiting thread: a large upload does not block the event loop."""
    started = time.monotonic()
    cpu_at_start = None if pid is None else cpu_seconds(pid)
    connection.send(read)
    while True:
        left = wall_s - (time.monotonic() - started)
        if cpu_at_start is None:  # no /proc: wall-clock time is all there is
            left = min(left, cpu_s - (time.monotonic() - started))
        if left <= 0:
            return "wall"
        if connection.poll(min(_CPU_POLL_S, left)):
            return "answered"
        used = None if pid is None or cpu_at_start is None else cpu_seconds(pid)
        if used is not None and cpu_at_start is not None and used - cpu_at_start > cpu_s:
            return "cpu"


def _kill(worker: _Worker) -> None:
    if worker.process.is_alive():
        with contextlib.suppress(OSError):
            worker.process.kill()
    worker.process.join(timeout=5)
    with contextlib.suppress(OSError):
        worker.connection.close()
