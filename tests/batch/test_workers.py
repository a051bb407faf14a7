"""newsift.workers, the worker processes of the web app and the batch runner: each limit
is seen from outside, a worker that cannot start says so, a bad pipeline fails in the parent."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

import pytest

from newsift.errors import ConfigError
from newsift.pipeline import Pipeline
from newsift.workers import (
    TaskLimits,
    WorkerProcess,
    WorkerSpec,
    WorkerStartError,
    stop_all,
    worker_spec,
)

CONTEXT = multiprocessing.get_context("spawn")


def chore(pipeline: Pipeline, message: tuple[str, float]) -> Any:
    """A worker task: ``("echo", x)`` answers ``x``; ``sleep``, ``spin`` and ``hold`` take
    wall-clock time, CPU time or memory (MB) and never answer in time."""
    what, amount = message
    if what == "echo":
        return ("echo", amount, pipeline.names)
    if what == "sleep":
        time.sleep(amount)
    if what == "spin":
        started = time.process_time()
        while time.process_time() - started < amount:
            pass
    if what == "hold":
        ballast = b"x" * (int(amount) << 20)
        time.sleep(60)
        del ballast
    return None


@pytest.fixture()
def worker() -> Any:
    spec = worker_spec(["structure.v1"], chore)
    handle = WorkerProcess.launch(CONTEXT, spec, "newsift-test-worker")
    handle.wait_ready(120)
    yield handle
    stop_all([handle])


def test_a_worker_builds_the_configured_pipeline_and_answers(worker: WorkerProcess) -> None:
    worker.start_clock()
    worker.connection.send(("echo", 7.0))
    assert worker.connection.poll(30)
    assert worker.connection.recv() == ("echo", 7.0, ["structure.v1"])
    assert worker.overrun(TaskLimits(cpu_s=5, wall_s=5, memory_mb=100_000)) is None


@pytest.mark.parametrize(
    ("message", "limits", "expected"),
    [
        (("sleep", 30.0), TaskLimits(cpu_s=0.5, wall_s=1.0), "wall"),  # no CPU: the backstop
        (("spin", 30.0), TaskLimits(cpu_s=0.5, wall_s=20.0), "cpu"),
        (("hold", 400.0), TaskLimits(memory_mb=300), "memory"),
    ],
)
def test_each_limit_is_seen_from_outside(
    worker: WorkerProcess, message: tuple[str, float], limits: TaskLimits, expected: str
) -> None:
    worker.start_clock()
    worker.connection.send(message)
    deadline = time.monotonic() + 30
    overrun = None
    while overrun is None and time.monotonic() < deadline:
        time.sleep(0.1)
        overrun = worker.overrun(limits)
    assert overrun is not None and overrun.limit == expected
    worker.kill()
    assert not worker.process.is_alive()


def test_a_worker_that_dies_while_starting_is_a_start_error() -> None:
    spec = WorkerSpec(({"name": "structure.v1", "params": {}},), chore, None, ("no.such.plugin",))
    handle = WorkerProcess.launch(CONTEXT, spec, "newsift-test-worker")
    with pytest.raises(WorkerStartError, match="exited while building its pipeline"):
        handle.wait_ready(120)
    assert not handle.process.is_alive()


@pytest.mark.parametrize(
    ("config", "words"),
    [
        (["structure.v1", "claims.checkworthy.v9"], "did you mean"),
        ([{"name": "structure.v1", "params": {"line_model": {0.5}}}], "parameter 'line_model'"),
        (["claims.checkworthy.v1"], "requires"),
    ],
)
def test_a_bad_pipeline_fails_in_the_parent(config: list[Any], words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        worker_spec(config, chore)
