"""Explicit limits on untrusted input, and the time limit that enforces one.

Every page is attacker-written by nature. These bounds keep one bad input from
exhausting the machine; each is a CLI flag too (see ``docs/limits.md``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from newsift.errors import LimitExceeded


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 10_000_000  # one input file or one JSON Lines record
    max_line_chars: int = 100_000  # one line of a text dump or plain text
    max_json_depth: int = 64  # nesting of one JSON Lines record
    time_per_document_s: float | None = 30.0  # the whole pipeline on one document
    max_memory_mb: int | None = None  # address-space cap for the process (CLI only)

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_line_chars", "max_json_depth"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.time_per_document_s is not None and self.time_per_document_s <= 0:
            raise ValueError("time_per_document_s must be positive")


@contextmanager
def time_limit(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Raise :class:`LimitExceeded` if the block runs longer than ``seconds``.

    Uses a real-time interval timer, so it only works in the main thread of a
    Unix process and interrupts Python code (not a C call stuck in a loop). In
    other threads it does nothing; the batch runner enforces limits from
    outside the worker process instead.
    """
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise LimitExceeded(f"{what} took longer than {seconds:g} s (time limit)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cap_memory(megabytes: int) -> None:
    """Cap this process's address space; allocations past it raise MemoryError."""
    import resource

    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
