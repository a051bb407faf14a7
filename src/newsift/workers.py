"""Worker processes that build the pipeline once, and the limits enforced on them from outside.

The one worker machinery of the web app (:class:`newsift.server.isolation.ProcessEngine`,
one request at a time) and the batch runner (:class:`newsift.batch.pool.WorkerPool`,
records streamed to several workers): both start workers, hand them work, watch their
CPU time, wall-clock time and memory, and kill and replace them here; each keeps only
its own scheduling.

A worker is a fresh ``spawn`` (or ``forkserver``) process. It ignores SIGINT (its parent
decides when it stops), imports :attr:`WorkerSpec.imports` (plugins that register
analyzers), builds the pipeline from :attr:`WorkerSpec.pipeline` -- a
:attr:`~newsift.pipeline.Pipeline.config`, so every analyzer parameter crosses the process
boundary -- loads its models, says ``("ready", pid)``, then answers each message with
``spec.task(pipeline, message)`` until it gets ``None`` or its parent is gone.

Limits that no code inside the worker can dodge (:meth:`WorkerProcess.overrun`): CPU
time of the worker since its current task started (read from ``/proc``, so how busy the
machine is does not matter; where ``/proc`` cannot be read, wall-clock time stands in),
a wall-clock backstop for a hang that uses no CPU, and resident memory. Past one, the
parent kills the worker (SIGKILL, :meth:`WorkerProcess.kill`) and starts another.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Literal

from newsift.lifetime import keep_until_exit
from newsift.limits import cpu_seconds, resident_mb
from newsift.pipeline import Pipeline, PipelineConfig

#: What a worker does with one message: picklable (a module-level function, or a
#: :func:`functools.partial` of one); it must answer, not raise: an exception it lets
#: out ends the worker, which its parent then treats as a crash.
Task = Callable[[Pipeline, Any], Any]


class WorkerStartError(RuntimeError):
    """A worker exited, or did not say it was ready in time, while building its pipeline."""


@dataclass(frozen=True, slots=True)
class WorkerSpec:
    """What each worker builds and does; picklable, sent to every new process."""

    pipeline: tuple[dict[str, Any], ...]  # Pipeline.config: names and parameters
    task: Task
    time_limit_s: float | None = None  # the pipeline's own per-document limit, inside
    imports: tuple[str, ...] = ()  # modules to import first (plugins that register analyzers)


def worker_spec(
    pipeline: PipelineConfig | str,
    task: Task,
    *,
    time_limit_s: float | None = None,
    imports: Sequence[str] = (),
) -> WorkerSpec:
    """A :class:`WorkerSpec`, with the pipeline checked here in the parent: an unknown
    analyzer, a bad parameter or order is a :class:`~newsift.errors.ConfigError` now,
    not a worker that dies while starting."""
    for module in imports:  # plugins register their analyzers before the check
        importlib.import_module(module)
    config = Pipeline.from_config(pipeline).config
    return WorkerSpec(tuple(config), task, time_limit_s, tuple(imports))


def build_pipeline(config: PipelineConfig, time_limit_s: float | None) -> Pipeline:
    """The pipeline a worker builds once from its configuration (:attr:`Pipeline.config`);
    ``setup()`` loads its models now, not on the first task."""
    pipeline = Pipeline.from_config(config, time_limit_s=time_limit_s)
    pipeline.setup()
    return pipeline


def worker_main(connection: Connection, spec: WorkerSpec) -> None:
    """The worker loop: build once, then one message in, one answer out, until ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    for module in spec.imports:
        importlib.import_module(module)
    pipeline = build_pipeline(spec.pipeline, spec.time_limit_s)
    keep_until_exit()  # this process exists for the pipeline: its models live until it ends
    connection.send(("ready", os.getpid()))
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        answer = spec.task(pipeline, message)
        try:
            connection.send(answer)
        except OSError:
            return  # the parent is gone


@dataclass(frozen=True, slots=True)
class TaskLimits:
    """What one task may use before its worker is killed; ``None`` turns a limit off.

    ``cpu_s``: CPU seconds of the worker since the task started; ``wall_s``: the
    wall-clock backstop; ``memory_mb``: the worker's resident memory.
    """

    cpu_s: float | None = None
    wall_s: float | None = None
    memory_mb: int | None = None


@dataclass(frozen=True, slots=True)
class Overrun:
    """The limit a task passed: ``cpu`` and ``wall`` in seconds, ``memory`` in MB."""

    limit: Literal["cpu", "wall", "memory"]
    used: float


@dataclass(slots=True, eq=False)
class WorkerProcess:
    """One worker process, the pipe to it, and when (and at what CPU time) its task began."""

    process: Any  # multiprocessing's process of the chosen context
    connection: Connection
    since: float = 0.0  # time.monotonic() when the current task started
    since_cpu: float | None = None  # the worker's CPU seconds then (None: unknown)

    @classmethod
    def launch(cls, context: Any, spec: WorkerSpec, name: str) -> WorkerProcess:
        """A new worker, started but perhaps still loading its models."""
        parent, child = context.Pipe()
        process = context.Process(target=worker_main, args=(child, spec), name=name, daemon=True)
        process.start()
        child.close()
        return cls(process, parent)

    @property
    def pid(self) -> int | None:
        pid: int | None = self.process.pid
        return pid

    def wait_ready(self, timeout_s: float) -> None:
        """Return once the worker says it is ready; kill it and raise if it does not."""
        if not self.connection.poll(timeout_s):
            self.kill()
            raise WorkerStartError(f"a worker did not start within {timeout_s:g} s")
        try:
            self.connection.recv()
        except (EOFError, OSError):
            self.kill()
            raise WorkerStartError(
                f"a worker exited while building its pipeline (exit code {self.process.exitcode})"
            ) from None

    def start_clock(self) -> None:
        """The worker's current task starts now: note the time and its CPU seconds."""
        self.since = time.monotonic()
        self.since_cpu = cpu_seconds(self.pid) if self.pid is not None else None

    def elapsed(self) -> float:
        """Wall-clock seconds since :meth:`start_clock`."""
        return time.monotonic() - self.since

    def overrun(self, limits: TaskLimits) -> Overrun | None:
        """The first limit the current task has passed (CPU, then wall clock, then memory)."""
        elapsed = self.elapsed()
        if limits.cpu_s is not None:
            now_cpu = cpu_seconds(self.pid) if self.pid is not None else None
            used = elapsed  # no /proc: wall-clock time stands in for CPU time
            if now_cpu is not None and self.since_cpu is not None:
                used = now_cpu - self.since_cpu
            if used > limits.cpu_s:
                return Overrun("cpu", used)
        if limits.wall_s is not None and elapsed > limits.wall_s:
            return Overrun("wall", elapsed)
        if limits.memory_mb is not None and self.pid is not None:
            rss = resident_mb(self.pid)
            if rss is not None and rss > limits.memory_mb:
                return Overrun("memory", rss)
        return None

    def kill(self) -> None:
        """SIGKILL the worker (if still alive), reap it and close the pipe."""
        if self.process.is_alive():
            with contextlib.suppress(OSError):
                self.process.kill()
        self.process.join(timeout=5)
        with contextlib.suppress(OSError):
            self.connection.close()


def stop_all(workers: Sequence[WorkerProcess], grace_s: float = 2.0) -> None:
    """Ask every worker to stop, give them ``grace_s`` together, then kill what is left."""
    for worker in workers:
        with contextlib.suppress(OSError, ValueError):
            worker.connection.send(None)
    deadline = time.monotonic() + grace_s
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        worker.kill()
