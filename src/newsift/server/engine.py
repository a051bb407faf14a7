"""Run ingest and the one shared pipeline off the event loop, bounded in number and time.

The pipeline is built and set up once per process (models load once); each
request's reading and analysis runs in a small thread pool. The time limit
counts from the moment a worker thread takes the request (time spent waiting
for a free thread is not counted): past ``time_limit_s`` of analysis the
client gets 504. At most ``workers + max_queue`` requests may be in flight;
one more gets 503 at once. Limit of this design: Python cannot stop a thread,
so an analysis that overruns keeps its worker until it finishes; the queue
bound keeps such overruns from piling up.
The signal-based per-document limit of :class:`~newsift.pipeline.Pipeline`
does not apply in worker threads. :class:`~newsift.server.isolation.ProcessEngine`
lifts this limit with worker processes the server can kill (``newsift serve``'s
default).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from newsift.ingest import Loaded
from newsift.pipeline import Pipeline
from newsift.runner import Outcome, run
from newsift.server.settings import Settings


class Busy(Exception):
    """Too many requests in flight; try again later (HTTP 503)."""


class TimedOut(Exception):
    """The analysis took longer than the request's time limit (HTTP 504)."""


@dataclass(frozen=True, slots=True)
class Batch:
    """The outcomes of one request's inputs; ``truncated`` if more were left unread."""

    outcomes: list[Outcome]
    truncated: bool


class Engine:
    """The pipeline, its worker pool and the bounds around them."""

    def __init__(self, pipeline: Pipeline, settings: Settings) -> None:
        self.pipeline = pipeline
        self.settings = settings
        self._pool = ThreadPoolExecutor(settings.workers, thread_name_prefix="newsift-analyze")
        self._in_flight = 0  # touched only from the event loop

    @property
    def names(self) -> list[str]:
        """The pipeline's analyzer names, in order."""
        return self.pipeline.names

    def start(self) -> None:
        """Load every model now rather than on the first request."""
        self.pipeline.setup()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def analyze(self, read: Callable[[], Iterable[Loaded]]) -> Batch:
        """Read inputs with ``read`` and analyse them, in a worker, within the limits."""
        if self._in_flight >= self.settings.workers + self.settings.max_queue:
            raise Busy("the server is busy; try again in a moment")
        self._in_flight += 1
        loop = asyncio.get_running_loop()
        started: asyncio.Future[float] = loop.create_future()

        def mark(now: float) -> None:
            if not started.done():
                started.set_result(now)

        def job() -> Batch:
            # loop.time() is time.monotonic(): safe to read from this thread
            loop.call_soon_threadsafe(mark, loop.time())
            return analyse_batch(self.pipeline, read, self.settings.max_documents)

        try:
            result: asyncio.Future[Batch] = loop.run_in_executor(self._pool, job)
            # waiting for a free thread does not count against the time limit
            waits: set[asyncio.Future[Any]] = {started, result}
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            if result.done():
                return result.result()
            left = started.result() + self.settings.time_limit_s - loop.time()
            return await asyncio.wait_for(result, max(left, 0.0))
        except TimeoutError as exc:
            raise TimedOut(
                f"the analysis took longer than {self.settings.time_limit_s:g} s (time limit)"
            ) from exc
        finally:
            self._in_flight -= 1


def analyse_batch(
    pipeline: Pipeline, read: Callable[[], Iterable[Loaded]], max_documents: int
) -> Batch:
    """Read the request's inputs (at most ``max_documents``) and run each through ``pipeline``."""
    items = iter(read())
    first = list(itertools.islice(items, max_documents))
    truncated = next(items, None) is not None
    return Batch(list(run(pipeline, first)), truncated)
