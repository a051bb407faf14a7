"""Explicit limits on untrusted input, and the per-document guard that enforces two.

Every page is attacker-written by nature. These bounds keep one bad input from
exhausting the machine; each is a CLI flag too (see ``docs/limits.md``).

The time limit counts **CPU time** of the process, not wall-clock time, so a
result does not depend on what else the machine runs; a generous wall-clock
backstop (:func:`wall_backstop`) still ends a document that hangs without using
CPU. The memory cap (:func:`cap_memory`) is on **resident** memory, sampled
while a document is analysed: a document during which the process passes it
fails, and the run goes on. Nothing here caps address space (``RLIMIT_AS``),
which a process with loaded models and thread pools exhausts long before its
resident memory is large.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from newsift.errors import LimitExceeded

#: The wall-clock backstop is this many times the CPU time limit, and at least
#: ``BACKSTOP_MIN_S`` seconds: long enough that load on the machine never reaches it.
BACKSTOP_FACTOR = 4.0
BACKSTOP_MIN_S = 60.0
#: How much CPU time passes between two resident-memory samples (with a memory cap).
MEMORY_SAMPLE_CPU_S = 0.1
#: The smallest ``--max-memory-mb`` accepted: below it nothing useful can run.
MEMORY_FLOOR_MB = 64

_memory_cap_mb: int | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 10_000_000  # one input file or one JSON Lines record
    max_line_chars: int = 100_000  # one line of a text dump or plain text
    max_json_depth: int = 64  # nesting of one JSON Lines record
    time_per_document_s: float | None = 30.0  # CPU seconds for the whole pipeline on one document
    max_memory_mb: int | None = None  # resident-memory cap for the process (CLI only)

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_line_chars", "max_json_depth"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.time_per_document_s is not None and self.time_per_document_s <= 0:
            raise ValueError("time_per_document_s must be positive")
        if self.max_memory_mb and self.max_memory_mb < MEMORY_FLOOR_MB:  # 0: no cap
            raise ValueError(f"max_memory_mb must be at least {MEMORY_FLOOR_MB} (0 for none)")


def wall_backstop(cpu_seconds: float) -> float:
    """The wall-clock limit that backs a CPU time limit: 4x, at least 60 s."""
    return max(BACKSTOP_FACTOR * cpu_seconds, BACKSTOP_MIN_S)


@contextmanager
def time_limit(
    seconds: float | None, what: str = "document", *, wall_seconds: float | None = None
) -> Iterator[None]:
    """Raise :class:`LimitExceeded` if the block uses more than ``seconds`` of CPU time.

    CPU time is the whole process's (all threads, user and system), counted by
    an ``ITIMER_PROF`` interval timer; ``wall_seconds`` (default
    :func:`wall_backstop` of ``seconds``) of wall-clock time end the block too,
    for a hang that uses no CPU. With a memory cap (:func:`cap_memory`) the
    process's resident memory is sampled every ``MEMORY_SAMPLE_CPU_S`` of CPU
    time as well, and passing it raises.

    Timers work only in the main thread of a Unix process and interrupt Python
    code (not a C call stuck in a loop). In other threads this does nothing; the
    batch runner enforces its limits from outside the worker process instead.
    """
    cap_mb = _memory_cap_mb
    usable = (
        (seconds is not None or cap_mb is not None)
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    started = time.process_time()
    tick = seconds if cap_mb is None else min(seconds or MEMORY_SAMPLE_CPU_S, MEMORY_SAMPLE_CPU_S)
    assert tick is not None
    wall = wall_seconds
    if wall is None and seconds is not None:
        wall = wall_backstop(seconds)

    def on_cpu(signum: int, frame: FrameType | None) -> None:
        # without a memory cap the timer fires only when the CPU time is spent;
        # with one it ticks, and the tick nearest the limit ends the block
        if seconds is not None and (
            cap_mb is None or time.process_time() - started >= seconds - tick / 2
        ):
            raise LimitExceeded(f"{what} took more than {seconds:g} CPU-s (CPU time limit)")
        if cap_mb is not None:
            resident = resident_mb()
            if resident is not None and resident > cap_mb:
                raise LimitExceeded(
                    f"{what}: resident memory reached {resident:,.0f} MB, "
                    f"over the {cap_mb:,} MB limit (memory limit)"
                )

    def on_wall(signum: int, frame: FrameType | None) -> None:
        cpu = f"; the CPU time limit is {seconds:g} CPU-s" if seconds is not None else ""
        raise LimitExceeded(
            f"{what} ran for more than {wall:g} s of wall-clock time "
            f"(wall-clock backstop{cpu}); it may be waiting on something"
        )

    previous_cpu = signal.signal(signal.SIGPROF, on_cpu)
    previous_wall = signal.signal(signal.SIGALRM, on_wall)
    signal.setitimer(signal.ITIMER_PROF, tick, tick)
    if wall is not None:
        signal.setitimer(signal.ITIMER_REAL, wall)
    try:
        yield
    except LimitExceeded:
        if cap_mb is not None:
            _give_memory_back()
        raise
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous_cpu)
        signal.signal(signal.SIGALRM, previous_wall)


def cap_memory(megabytes: int | None) -> None:
    """Cap this process's resident memory at ``megabytes`` (``None`` lifts the cap).

    Enforced by :func:`time_limit` while documents are analysed: the document
    during which resident memory passes the cap fails with "memory limit" and
    the next one goes on. Raises ``ValueError`` below ``MEMORY_FLOOR_MB`` or when
    the process already uses more than the cap (its models alone, say), since
    every document would fail.
    """
    global _memory_cap_mb
    if megabytes is None:
        _memory_cap_mb = None
        return
    if megabytes < MEMORY_FLOOR_MB:
        raise ValueError(f"--max-memory-mb {megabytes} is below the floor of {MEMORY_FLOOR_MB}")
    resident = resident_mb()
    if resident is not None and resident >= megabytes:
        raise ValueError(
            f"--max-memory-mb {megabytes}: this process already uses {resident:,.0f} MB "
            "(the loaded models); give more"
        )
    _memory_cap_mb = megabytes


def memory_cap() -> int | None:
    """The resident-memory cap :func:`cap_memory` set, if any."""
    return _memory_cap_mb


def resident_mb(pid: int | None = None) -> float | None:
    """Resident memory of a process (this one by default) in MB, from Linux ``/proc``."""
    where = "self" if pid is None else str(pid)
    try:
        with open(f"/proc/{where}/statm", encoding="ascii") as stream:
            pages = int(stream.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from Linux ``/proc``."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stream:
            stat = stream.read()
        # the command name (field 2) may hold spaces and parentheses: split after it
        after = stat[stat.rindex(")") + 2 :].split()
        ticks = int(after[11]) + int(after[12])  # utime, stime: fields 14 and 15
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def _give_memory_back() -> None:
    """After a document failed on memory: collect, and return freed pages to the system."""
    gc.collect()
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass
