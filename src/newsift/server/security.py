"""The web app's guards: body size limit, security headers, API key check.

:class:`Guard` is plain ASGI middleware so that it sees the raw body stream:
a ``Content-Length`` over the limit is refused before reading, and a chunked
body is counted as it arrives. Every response gets a strict
Content-Security-Policy (nothing but the report's own stylesheet, by hash; no
script at all), ``nosniff``, ``no-referrer`` and frame denial.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from newsift.report.style import REPORT_CSP

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = f"{REPORT_CSP}; frame-ancestors 'none'"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


class BodyTooLarge(Exception):
    """The request body passed the limit while it was being read."""


class Guard:
    """Refuse bodies over ``max_body`` bytes (413) and add the security headers."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await _error(send, 400, "bad Content-Length header", "request.bad_length")
            return
        if declared is not None and declared > self.max_body:
            await _error(send, 413, self._too_large(), "request.too_large")
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self._too_large())
            return message

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except BodyTooLarge:
            if started:
                raise
            await _error(send, 413, self._too_large(), "request.too_large")

    def _too_large(self) -> str:
        return f"request body over {self.max_body:,} bytes (limit --max-upload-mb)"


def _content_length(scope: Scope) -> int | None:
    """The declared length, None when absent, -1 when unreadable."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                length = int(value)
            except ValueError:
                return -1
            return length if length >= 0 else -1
    return None


async def _error(send: Send, status: int, message: str, code: str) -> None:
    body = json.dumps({"error": message, "code": code}).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        (b"connection", b"close"),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def key_matches(given: str | None, expected: str | None) -> bool:
    """True when no key is required or ``given`` equals it (compared in constant time)."""
    if expected is None:
        return True
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def key_from_headers(headers: MutableMapping[str, str] | Any) -> str | None:
    """The key from ``X-API-Key`` or ``Authorization: Bearer KEY``."""
    direct = headers.get("x-api-key")
    if direct:
        return str(direct)
    auth = str(headers.get("authorization") or "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None
