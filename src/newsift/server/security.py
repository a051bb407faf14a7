"""The web app's guards: request and body bounds, security headers, API key check.

:class:`Guard` is plain ASGI middleware so that it sees each request before
any of it is read, and the raw body stream after:

- at most ``max_requests`` requests are handled at once; one more gets 503
  with ``Retry-After`` before its body is read;
- on the analyse routes (``keyed``) a missing or wrong API key in the headers
  gets 401 before the body is read (the browser form, whose key is a form
  field, is checked by the app once its body, bounded as below, is read);
- a ``Content-Length`` over ``max_body`` gets 413 before reading; a chunked
  body is counted as it arrives and refused (413) at the byte that passes
  the limit, never buffered past it;
- all bodies together may hold at most ``max_buffered`` bytes (a declared
  length is reserved up front); a body that would pass it gets 503;
- a body not fully received within ``body_timeout_s`` gets 408;
- an exception no handler caught becomes a JSON 500 (logged), not a plain
  text page.

Every response gets a strict Content-Security-Policy (nothing but the
report's own stylesheet, by hash; no script at all), ``nosniff``,
``no-referrer`` and frame denial, errors from this middleware included, and
every error body here is ``{"error": ..., "code": ...}``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from newsift.report.style import REPORT_CSP
from newsift.server.responses import error_body

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
RETRY_AFTER_S = 2  # what a 503 asks the client to wait
UNAUTHORIZED = "missing or wrong API key"
log = logging.getLogger("newsift.server")


class Refused(Exception):
    """The guard refused the request while the app was reading its body."""

    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


class BodyTooLarge(Refused):
    """The request body passed the limit while it was being read."""


class Guard:
    """Bound requests and bodies, check the key early, and add the security headers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        api_key: str | None = None,
        keyed: tuple[str, ...] = (),
        max_requests: int = 64,
        max_buffered: int = 100_000_000,
        body_timeout_s: float = 60.0,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.api_key = api_key
        self.keyed = keyed
        self.max_requests = max_requests
        self.max_buffered = max(max_buffered, max_body)
        self.body_timeout_s = body_timeout_s
        self.requests = 0  # in the app now; touched only from the event loop
        self.buffered = 0  # body bytes reserved or received by those requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.requests >= self.max_requests:
            await _error(send, 503, "the server is busy; try again in a moment", "server.busy")
            return
        self.requests += 1
        try:
            await self._guarded(scope, receive, send)
        finally:
            self.requests -= 1

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = _content_length(scope)
        if declared == -1:
            await _error(send, 400, "bad Content-Length header", "request.bad_length")
            return
        if declared is not None and declared > self.max_body:
            await _error(send, 413, self._too_large(), "request.too_large")
            return
        if self._needs_key(scope) and not key_matches(
            key_from_headers(_headers(scope)), self.api_key
        ):
            await _error(send, 401, UNAUTHORIZED, "request.unauthorized")
            return
        reserved = declared or 0
        if self.buffered + reserved > self.max_buffered:
            await _error(send, 503, self._full(), "server.busy")
            return
        self.buffered += reserved
        received = 0
        complete = False
        deadline = asyncio.get_running_loop().time() + self.body_timeout_s
        refusal: Refused | None = None
        started = False  # the app's response began (headers sent)
        replaced = False  # our refusal went out instead of the app's response

        async def counted() -> Message:
            nonlocal received, complete, refusal, reserved
            if refusal is not None:
                raise refusal
            if complete:  # after the body: waiting for a disconnect is not timed
                return await receive()
            left = deadline - asyncio.get_running_loop().time()
            try:
                message = await asyncio.wait_for(receive(), max(left, 0.0))
            except TimeoutError:
                refusal = Refused(408, self._slow(), "request.timeout")
                raise refusal from None
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if received > self.max_body:
                    refusal = BodyTooLarge(413, self._too_large(), "request.too_large")
                    raise refusal
                if received > reserved:
                    if self.buffered + received - reserved > self.max_buffered:
                        refusal = Refused(503, self._full(), "server.busy")
                        raise refusal
                    self.buffered += received - reserved
                    reserved = received
            return message

        async def secured(message: Message) -> None:
            nonlocal started, replaced
            if refusal is not None and not started:
                if not replaced:  # whatever the app made of the refusal, the client gets ours
                    replaced = True
                    await _error(send, refusal.status, refusal.message, refusal.code)
                return
            if replaced:
                return
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except Exception:
            if refusal is not None:
                if not started and not replaced:
                    await _error(send, refusal.status, refusal.message, refusal.code)
                return
            if started:
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            await _error(
                send,
                500,
                "internal error: the server could not answer this request (it is logged)",
                "server.internal",
            )
        else:
            if refusal is not None and not started and not replaced:
                await _error(send, refusal.status, refusal.message, refusal.code)
        finally:
            self.buffered -= reserved

    def _needs_key(self, scope: Scope) -> bool:
        path = str(scope.get("path", ""))
        return self.api_key is not None and any(path.startswith(p) for p in self.keyed)

    def _too_large(self) -> str:
        return f"request body over {self.max_body:,} bytes (limit --max-upload-mb)"

    def _full(self) -> str:
        return "the server is holding too many request bodies; try again in a moment"

    def _slow(self) -> str:
        return f"the request body took longer than {self.body_timeout_s:g} s to arrive"


def _headers(scope: Scope) -> dict[str, str]:
    return {
        bytes(name).decode("latin-1").lower(): bytes(value).decode("latin-1")
        for name, value in scope.get("headers", [])
    }


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
    body = error_body(message, code)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        (b"connection", b"close"),
        *SECURITY_HEADERS,
    ]
    if status == 503:
        headers.append((b"retry-after", str(RETRY_AFTER_S).encode("ascii")))
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
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
