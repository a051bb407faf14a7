"""Analyses in worker processes that the server can kill: the time limit holds for any input.

:class:`~newsift.server.engine.Engine` runs analyses in threads, and Python
cannot stop a thread: an input that hangs inside C code keeps its thread for
good, and a few such inputs stall the server. :class:`ProcessEngine` keeps
``workers`` ``spawn``-ed processes instead; each builds the pipeline once from
its configuration (:attr:`~newsift.pipeline.Pipeline.config`: names and
parameters), importing ``imports`` first so plugins register, and then reads
and analyses one request at a time. The time limit counts the worker's CPU
time from the moment it takes the request (read from ``/proc``): time spent
waiting for a free worker, and what else the machine runs, do not
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

The processes themselves, their CPU, wall-clock and start checks and their kill
are :mod:`newsift.workers`', the same as the batch runner's; this module keeps
the web app's scheduling (idle queue, spare workers, background respawn).
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from newsift.ingest import Loaded
from newsift.pipeline import Pipeline, PipelineConfig
from newsift.server.engine import Batch, Busy, TimedOut, analyse_batch
from newsift.server.settings import Settings, wall_limit
from newsift.workers import TaskLimits, WorkerProcess, WorkerStartError, stop_all, worker_spec

_START_TIMEOUT_S = 300.0  # building a worker's pipeline loads every model
_START_ATTEMPTS = 3
_CPU_POLL_S = 0.25  # how often a waiting thread reads the worker's CPU time
# the worker's own per-document limit (same seconds) ends most overruns cleanly first
_CPU_GRACE_S = 1.0


class WorkerCrashed(Exception):
    """The worker process died while analysing the request (HTTP 500)."""


class NoWorkers(Exception):
    """No worker process is alive or starting (HTTP 503)."""


def request_task(
    pipeline: Pipeline, read: Callable[[], Iterable[Loaded]], max_documents: int
) -> tuple[str, Any]:
    """One request in a worker: ``("ok", batch)``, or ``("error", exception)`` that the
    server re-raises."""
    try:
        return "ok", analyse_batch(pipeline, read, max_documents)
    except Exception as exc:  # noqa: BLE001 - sent back and re-raised by the server
        return "error", _sendable(exc)


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
    (a module-level function or a :func:`functools.partial` of one). A bad
    ``pipeline`` configuration is a :class:`~newsift.errors.ConfigError` here.
    """

    def __init__(
        self, pipeline: PipelineConfig | str, settings: Settings, imports: Sequence[str] = ()
    ) -> None:
        task = functools.partial(request_task, max_documents=settings.max_documents)
        self._spec = worker_spec(
            pipeline, task, time_limit_s=settings.time_limit_s, imports=imports
        )
        self.names = [entry["name"] for entry in self._spec.pipeline]
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[WorkerProcess] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots: asyncio.Semaphore | None = None  # at most `workers` analyses at once
        self._workers: list[WorkerProcess] = []
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
        stop_all(workers)
        self._waiters.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._workers if w.pid is not None]

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

    async def _ask(self, worker: WorkerProcess, read: Callable[[], Iterable[Loaded]]) -> Batch:
        assert self._idle is not None
        cpu_s, wall_s = self.settings.time_limit_s, wall_limit(self.settings)
        limits = TaskLimits(cpu_s + _CPU_GRACE_S, wall_s)
        verdict = ""
        try:
            verdict = await asyncio.get_running_loop().run_in_executor(
                self._waiters, _exchange, worker, read, limits
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

    def _spawn(self) -> WorkerProcess:
        """A new worker, once it says it is ready; raises after a failed start."""
        return self._ready(self._launch())

    def _launch(self) -> WorkerProcess:
        """A new worker process, started but perhaps still loading its models."""
        return WorkerProcess.launch(self._context, self._spec, "newsift-serve-worker")

    def _ready(self, worker: WorkerProcess) -> WorkerProcess:
        """``worker`` once it says it is ready; kills it and raises after a failed start."""
        worker.wait_ready(_START_TIMEOUT_S)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _replace(self, worker: WorkerProcess) -> None:
        """Kill ``worker`` now; start its successor in the background."""
        worker.kill()
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
                except WorkerStartError:
                    continue
                if self._closed or self._loop is None or self._idle is None:
                    worker.kill()
                    return
                self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)
                return
        finally:
            with self._lock:
                self._starting -= 1


def _exchange(
    worker: WorkerProcess, read: Callable[[], Iterable[Loaded]], limits: TaskLimits
) -> str:
    """Send ``read`` to ``worker`` and wait: ``"answered"`` once its answer is waiting (or it
    died), else the limit it passed (``"cpu"``, ``"wall"``; see
    :meth:`~newsift.workers.WorkerProcess.overrun`). Runs in a waiting thread: a large
    upload does not block the event loop."""
    worker.start_clock()
    worker.connection.send(read)
    while True:
        left = _CPU_POLL_S if limits.wall_s is None else limits.wall_s - worker.elapsed()
        if worker.connection.poll(max(0.0, min(_CPU_POLL_S, left))):
            return "answered"
        overrun = worker.overrun(limits)
        if overrun is not None:
            return overrun.limit
