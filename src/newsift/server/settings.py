"""What an operator can set for ``newsift serve``; plain data, no FastAPI import."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from newsift.limits import wall_backstop

ISOLATION = ("thread", "process")


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and switches of one web app.

    ``api_key``: when set, every analyse request must carry it (header
    ``X-API-Key``, ``Authorization: Bearer``, or the form's key field).
    ``allow_urls``: fetch pages by URL through the guarded fetcher; off by
    default because a server that fetches for strangers is an SSRF risk.
    ``max_upload_bytes``: the largest request body (pasted text, upload, JSON).
    ``time_limit_s``: the most one request's analysis may take before the
    client gets 504. ``workers``: analyses run at once (threads sharing the
    one pipeline); ``max_queue``: requests allowed to wait for a worker before
    new ones get 503. ``max_documents``: documents analysed from one upload
    (a WARC or JSON Lines file can hold many). ``isolation``: ``thread`` runs
    analyses in threads of this process (an overrunning one keeps its thread
    until it ends); ``process`` in worker processes that are killed at the
    time limit (:mod:`newsift.server.isolation`; ``newsift serve``'s default).
    ``imports``: modules each worker process imports first (plugins that
    register analyzers). ``spare_workers``: with process isolation, warm
    worker processes kept beyond ``workers`` (all of them take turns, at most
    ``workers`` at once), so a worker killed at the time limit leaves the
    pool at full strength while its successor loads in the background.
    ``max_requests``: requests the app handles at once (reading bodies,
    waiting, analysing); more get 503 before their body is read.
    ``max_buffered_bytes``: request body bytes held at once across all
    requests (never less than one body of the largest size); a body that would
    pass it gets 503. ``body_timeout_s``: the
    most a client may take to send its whole body (then 408).
    ``wall_limit_s``: with process isolation, ``time_limit_s`` counts the
    worker's CPU time (what else runs on the machine does not change the
    outcome), and this wall-clock time ends an analysis that hangs without
    using CPU; None means 4x ``time_limit_s``, at least 60 s.
    """

    api_key: str | None = None
    allow_urls: bool = False
    max_upload_bytes: int = 10_000_000
    time_limit_s: float = 30.0
    workers: int = 1
    max_queue: int = 16
    max_documents: int = 20
    isolation: str = "thread"
    imports: tuple[str, ...] = ()
    spare_workers: int = 1
    max_requests: int = 64
    max_buffered_bytes: int = 100_000_000
    body_timeout_s: float = 60.0
    wall_limit_s: float | None = None

    def __post_init__(self) -> None:
        if self.max_upload_bytes <= 0:
            raise ValueError("max_upload_bytes must be positive")
        if self.time_limit_s <= 0:
            raise ValueError("time_limit_s must be positive")
        if self.workers < 1 or self.max_queue < 0 or self.max_documents < 1:
            raise ValueError("workers and max_documents must be at least 1, max_queue at least 0")
        if self.isolation not in ISOLATION:
            raise ValueError(f"isolation must be one of {', '.join(ISOLATION)}")
        if self.spare_workers < 0 or self.max_requests < 1:
            raise ValueError("spare_workers must be at least 0, max_requests at least 1")
        if self.max_buffered_bytes <= 0:
            raise ValueError("max_buffered_bytes must be positive")
        if self.body_timeout_s <= 0:
            raise ValueError("body_timeout_s must be positive")
        if self.wall_limit_s is not None and self.wall_limit_s <= 0:
            raise ValueError("wall_limit_s must be positive")
        if self.api_key is not None and not self.api_key.strip():
            raise ValueError("api_key must not be empty")


def wall_limit(settings: Settings) -> float:
    """The wall-clock backstop of a process-isolated analysis (see :class:`Settings`)."""
    if settings.wall_limit_s is not None:
        return settings.wall_limit_s
    return wall_backstop(settings.time_limit_s)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
