"""Hostile requests to the web app (``newsift serve``): each gets its documented outcome.

Issue 14: defect 3 (memory exhaustion without a key: the key is checked before
the body is read, bodies are counted against the limit as they stream, requests
and body bytes in flight are capped), defect 8 (every error is a documented
status with ``{"error", "code"}`` and the security headers, 500s included),
defect 2 (lone surrogates and invalid UTF-8 in uploads and their names) and
defect 10 (right-to-left overrides and zero-width characters are escaped in
error messages). Requests run in process, through the ASGI interface directly
where what matters is what the server reads.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web app tests need the serve extra")

from fastapi.testclient import TestClient

from newsift.pipeline import Pipeline
from newsift.server import Settings, create_app
from newsift.server.security import Guard

LIMIT = 2_000  # max_upload_bytes of the app under test
KEY = "k3y-for-tests"
SAFE = {"content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"}
INVISIBLE = ("\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\ufeff")

Message = dict[str, Any]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(Pipeline.from_config(["structure.v1"]), Settings(max_upload_bytes=LIMIT))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def assert_error(status: int, headers: Any, body: bytes, want: int, code: str) -> dict[str, str]:
    """The error contract: the status, a JSON ``{"error", "code"}``, the security headers."""
    assert status == want, body[:300]
    payload = json.loads(body)
    assert set(payload) == {"error", "code"}, payload
    assert payload["code"] == code, payload
    message = payload["error"]
    assert message and message.isprintable(), message  # one line, nothing invisible
    names = {k.lower() for k in headers}
    assert names >= SAFE, names
    if want == 503:
        assert int(headers["retry-after"]) > 0
    return payload  # type: ignore[no-any-return]


# ------------------------------------------------------------ error contract (defect 8)
def _chunks(total: int) -> Iterator[bytes]:
    yield b'{"text": "'
    for _ in range(total // 1000):
        yield b"z" * 1000
    yield b'"}'


JSON = {"content-type": "application/json"}
ERRORS = [
    # (what, method, path, request arguments, status, code)
    ("chunked JSON body over the limit", "POST", "/api/analyze",
     {"content": _chunks(200_000), "headers": JSON}, 413, "request.too_large"),
    ("declared length over the limit", "POST", "/api/analyze",
     {"json": {"text": "x" * 100_000}}, 413, "request.too_large"),
    ("JSON nested 30,000 deep", "POST", "/api/analyze",
     {"content": b"[" * 30_000 + b"]" * 30_000, "headers": JSON}, 400, "input.nesting"),
    ("object nested 10,000 deep", "POST", "/api/analyze",
     {"content": b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "headers": JSON}, 400,
     "input.nesting"),
    ("not JSON", "POST", "/api/analyze", {"content": b"{nope", "headers": JSON}, 422,
     "request.invalid"),
    ("lone surrogate in text", "POST", "/api/analyze",
     {"content": b'{"text": "Budget \\ud800 passes\\n\\nThe council approved it."}',
      "headers": JSON}, 400, "input.decode"),
    ("lone low surrogate in html", "POST", "/api/analyze",
     {"content": b'{"html": "<p>Budget \\udc00 passes</p>"}', "headers": JSON}, 400,
     "input.decode"),
    ("unknown path", "GET", "/api/nothing-here", {}, 404, "request.not_found"),
    ("wrong method", "PUT", "/api/analyze", {"json": {"text": "a"}}, 405,
     "request.method_not_allowed"),
    ("empty text", "POST", "/api/analyze", {"json": {"text": " "}}, 400, "input.empty"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "arguments", "status", "code"),
    [row[1:] for row in ERRORS],
    ids=[row[0] for row in ERRORS],
)
def test_every_error_keeps_the_contract(
    client: TestClient, method: str, path: str, arguments: dict[str, Any], status: int, code: str
) -> None:
    response = client.request(method, path, **arguments)
    assert_error(response.status_code, response.headers, response.content, status, code)
    assert client.get("/api/health").status_code == 200  # the server goes on


def test_an_unhandled_error_is_a_json_500_with_the_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = client.app.state.engine  # type: ignore[attr-defined]

    async def broken(read: object) -> None:
        raise RuntimeError("a bug \u202e in the server")

    monkeypatch.setattr(engine, "analyze", broken)
    for path, arguments in (
        ("/api/analyze", {"json": {"text": "Some text."}}),
        ("/report", {"data": {"text": "Some text."}}),
    ):
        response = client.post(path, **arguments)  # type: ignore[arg-type]
        payload = assert_error(
            response.status_code, response.headers, response.content, 500, "server.internal"
        )
        assert "a bug" not in payload["error"]  # the details go to the log, not the client
    monkeypatch.undo()
    assert client.post("/api/analyze", json={"text": "Some text."}).status_code == 200


# ------------------------------------------------------------ uploads (defects 2 and 10)
def _multipart(name: bytes, data: bytes) -> dict[str, Any]:
    """A raw multipart body, so the file name can hold any bytes."""
    body = (
        b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="' + name + b'"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n--b0undary--\r\n"
    )
    return {"content": body, "headers": {"content-type": "multipart/form-data; boundary=b0undary"}}


GOOD = b'{"id": "good", "text": "Budget passes\\n\\nThe council approved it on Monday."}\n'
UPLOADS = [
    # (what, file name, file bytes, {id: "ok" or the failure code}); "good" must always complete
    ("record id with a lone surrogate", b"s.jsonl",
     b'{"id": "a\\ud800", "text": "Budget passes\\n\\nThe council approved it."}\n' + GOOD,
     {"a\ufffd": "ok", "good": "ok"}),
    ("record text with a lone surrogate", b"t.jsonl",
     b'{"id": "t", "text": "Budget \\udfff passes\\n\\nThe council approved it."}\n' + GOOD,
     {"t": None, "good": "ok"}),
    ("file of invalid UTF-8", b"bad.txt", b"Budget \xe9 passes\n\nThe council approved it.",
     {"bad.txt": "input.decode"}),
    ("file with an encoded surrogate", b"cesu.txt", b"Budget \xed\xa0\x80 passes\n\nText.",
     {"cesu.txt": "input.decode"}),
    ("file name of invalid UTF-8", b"a\xff\xfe.jsonl", GOOD, {"good": "ok"}),
    ("file name with an encoded surrogate", b"a\xed\xb2\x80.jsonl", GOOD, {"good": "ok"}),
    ("damaged WARC named with a right-to-left override", "evil\u202egpj.warc".encode(),
     b"WARC/1.0\r\ngarbage\r\n\r\n", {"evil\u202egpj.warc": "input.warc"}),
    ("binary file named with zero-width characters", "a\u200b\u200d.txt".encode(),
     b"\x00\x01\x02binary", {"a\u200b\u200d.txt": "input.binary"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "expected"), [row[1:] for row in UPLOADS], ids=[row[0] for row in UPLOADS]
)
def test_every_upload_gets_one_clear_outcome(
    client: TestClient, name: bytes, data: bytes, expected: dict[str, str | None]
) -> None:
    response = client.post("/api/analyze/upload", **_multipart(name, data))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    body = json.loads(response.content.decode("utf-8"))  # strict UTF-8: no surrogate got out
    outcomes = {d["id"]: "ok" for d in body["documents"]}
    for failure in body["failures"]:
        assert failure["id"] not in outcomes  # one outcome per input
        outcomes[failure["id"]] = failure["code"]
        assert failure["reason"].isprintable(), failure  # overrides and zero-widths escaped
    assert set(outcomes) == set(expected), outcomes
    for key, want in expected.items():
        if want is not None:
            assert outcomes[key] == want, (key, outcomes)


@pytest.mark.parametrize("mark", INVISIBLE)
def test_error_messages_escape_invisible_characters(client: TestClient, mark: str) -> None:
    """Issue 14, defect 10: the message shows ``\\u202e``, never the raw character."""
    name = f"evil{mark}gpj.warc"
    data = b"WARC/1.0\r\ngarbage\r\n\r\n"
    upload = client.post("/api/analyze/upload", files={"file": (name, data)})
    (failure,) = upload.json()["failures"]
    assert mark not in failure["reason"] and f"\\u{ord(mark):04x}" in failure["reason"]
    page = client.post("/report", files={"file": (name, data)})
    assert page.status_code == 400 and mark not in page.text
    assert f"\\u{ord(mark):04x}" in page.text


# ------------------------------------------------------------ ASGI level (defect 3)
Receive = Callable[[], Awaitable[Message]]


def _scope(path: str, headers: dict[str, str], method: str = "POST") -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }


class Call:
    """One request through an ASGI app: what it sent, and how much of the body it read."""

    def __init__(self) -> None:
        self.sent: list[Message] = []
        self.reads = 0

    async def send(self, message: Message) -> None:
        self.sent.append(message)

    @property
    def status(self) -> int:
        return int(self.sent[0]["status"])

    @property
    def headers(self) -> dict[str, str]:
        return {k.decode(): v.decode() for k, v in self.sent[0]["headers"]}

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.sent[1:])

    def endless(self, chunk: bytes = b"x" * 1000) -> Receive:
        """A body that never ends (the attacker's unfinished upload)."""

        async def receive() -> Message:
            self.reads += 1
            return {"type": "http.request", "body": chunk, "more_body": True}

        return receive

    def stalled(self) -> Receive:
        """A body that never arrives."""

        async def receive() -> Message:
            self.reads += 1
            await asyncio.Event().wait()
            raise AssertionError("unreachable")

        return receive


def _keyed_app() -> Any:
    settings = Settings(api_key=KEY, max_upload_bytes=LIMIT)
    return create_app(Pipeline.from_config(["structure.v1"]), settings)


KEYLESS = [
    # (what, path, headers): no key or a wrong one, on each analyse route
    ("analyze, no key", "/api/analyze", {"content-type": "application/json"}),
    ("analyze, wrong key", "/api/analyze", {"x-api-key": "nope"}),
    ("analyze, wrong bearer", "/api/analyze", {"authorization": "Bearer nope"}),
    ("upload, no key", "/api/analyze/upload",
     {"content-type": "multipart/form-data; boundary=b0undary"}),
    ("upload, 9 MB declared, no key", "/api/analyze/upload",
     {"content-type": "multipart/form-data; boundary=b0undary", "content-length": "1500"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "headers"), [row[1:] for row in KEYLESS], ids=[row[0] for row in KEYLESS]
)
def test_a_request_without_the_key_is_refused_before_its_body_is_read(
    path: str, headers: dict[str, str]
) -> None:
    call = Call()
    asyncio.run(_keyed_app()(_scope(path, headers), call.endless(), call.send))
    assert_error(call.status, call.headers, call.body, 401, "request.unauthorized")
    assert call.headers["www-authenticate"] == "Bearer"
    assert call.reads == 0  # not one byte of the body was read


def test_a_streamed_body_over_the_limit_is_refused_early() -> None:
    call = Call()
    headers = {"content-type": "application/json", "x-api-key": KEY}
    asyncio.run(_keyed_app()(_scope("/api/analyze", headers), call.endless(), call.send))
    assert_error(call.status, call.headers, call.body, 413, "request.too_large")
    # the guard's limit is the upload limit plus 64 KiB of form overhead; 1,000 bytes a read
    assert call.reads <= (LIMIT + 65_536) // 1000 + 1


def _read_then_wait(gate: asyncio.Event) -> Any:
    """A tiny ASGI app: reads its whole body, waits for ``gate``, answers 200."""

    async def app(scope: dict[str, Any], receive: Receive, send: Callable[..., Any]) -> None:
        while (await receive()).get("more_body"):
            pass
        await gate.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    return app


def _finite(call: Call, total: int, chunk: int = 100) -> Receive:
    left = total

    async def receive() -> Message:
        nonlocal left
        call.reads += 1
        size = min(chunk, left)
        left -= size
        return {"type": "http.request", "body": b"x" * size, "more_body": left > 0}

    return receive


def test_requests_past_the_cap_get_503_before_their_body_is_read() -> None:
    async def scenario() -> tuple[Call, Call, Call]:
        gate = asyncio.Event()
        guard = Guard(_read_then_wait(gate), max_body=1000, max_requests=1)
        first, second, third = Call(), Call(), Call()
        held = asyncio.create_task(guard(_scope("/x", {}), _finite(first, 10), first.send))
        await asyncio.sleep(0.01)  # the first request is inside the app
        await guard(_scope("/x", {}), second.endless(), second.send)
        gate.set()
        await held
        await guard(_scope("/x", {}), _finite(third, 10), third.send)  # room again
        return first, second, third

    first, second, third = asyncio.run(scenario())
    assert_error(second.status, second.headers, second.body, 503, "server.busy")
    assert second.reads == 0
    assert first.status == 200 and third.status == 200


def test_body_bytes_held_at_once_are_capped() -> None:
    """Two bodies may not hold more than ``max_buffered`` bytes between them."""

    async def scenario() -> list[Call]:
        gate = asyncio.Event()
        guard = Guard(_read_then_wait(gate), max_body=1000, max_buffered=1500)
        calls = [Call() for _ in range(4)]
        declared = {"content-length": "1000"}
        held = asyncio.create_task(
            guard(_scope("/x", declared), _finite(calls[0], 1000), calls[0].send)
        )
        await asyncio.sleep(0.01)  # 1,000 bytes held by the first request
        # a declared length that does not fit is refused before reading
        await guard(_scope("/x", declared), calls[1].endless(), calls[1].send)
        # a chunked body is refused at the chunk that passes the cap
        await guard(_scope("/x", {}), _finite(calls[2], 900), calls[2].send)
        gate.set()
        await held
        await guard(_scope("/x", declared), _finite(calls[3], 1000), calls[3].send)
        return calls

    first, declared, chunked, after = asyncio.run(scenario())
    assert first.status == 200 and after.status == 200  # the bytes were given back
    assert_error(declared.status, declared.headers, declared.body, 503, "server.busy")
    assert declared.reads == 0
    assert_error(chunked.status, chunked.headers, chunked.body, 503, "server.busy")
    assert chunked.reads == 6  # 600 bytes: the chunk that passed 500 left over


def test_a_body_that_never_arrives_gets_408() -> None:
    async def scenario() -> Call:
        gate = asyncio.Event()
        gate.set()
        guard = Guard(_read_then_wait(gate), max_body=1000, body_timeout_s=0.2)
        call = Call()
        await guard(_scope("/x", {"content-length": "10"}), call.stalled(), call.send)
        return call

    call = asyncio.run(scenario())
    assert_error(call.status, call.headers, call.body, 408, "request.timeout")
