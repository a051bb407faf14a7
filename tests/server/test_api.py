"""The REST API and the browser routes, in process (FastAPI TestClient)."""

from __future__ import annotations

import asyncio
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsift.ingest import Loaded, document_from_text
from newsift.pipeline import Pipeline, default_pipeline
from newsift.report.style import CSS, css_hash
from newsift.server import Settings, create_app
from newsift.server.engine import Busy, Engine
from tests.report.hostile import HOSTILE_DUMP, PAYLOADS, inert_problems
from tests.server.conftest import SAMPLE_TEXT, SlowAnalyzer

PIPELINE = default_pipeline(time_limit_s=None)  # built once: models load once for the module


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(PIPELINE, Settings()), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def url_client() -> Iterator[TestClient]:
    app = create_app(PIPELINE, Settings(allow_urls=True))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_health_and_analyzers(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["pipeline"] == PIPELINE.names
    analyzers = {a["name"]: a for a in client.get("/api/analyzers").json()}
    assert analyzers["structure.v1"]["in_pipeline"] is True
    assert "regions" in analyzers["structure.v1"]["assigns"]


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/analyze", "/api/analyze/upload", "/api/health", "/api/analyzers",
    }  # fmt: skip
    analyze = schema["paths"]["/api/analyze"]["post"]
    assert analyze["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "AnalyzeRequest"
    )
    assert {"200", "400", "401", "413", "422", "503", "504"} <= set(analyze["responses"])
    document = schema["components"]["schemas"]["DocumentOut"]
    for layer in ("regions", "quotes", "sources", "claims", "techniques", "toxicity"):
        item = document["properties"][layer]["items"]
        assert item["type"] == "object" and item["properties"], layer  # not a free object
    assert document["properties"]["claims"]["items"]["properties"]["score"] == {"type": "number"}
    upload = schema["paths"]["/api/analyze/upload"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert client.get("/docs").status_code == 404  # the CDN-backed docs page is off


def test_analyze_text_returns_the_document(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": SAMPLE_TEXT})
    assert response.status_code == 200
    doc = response.json()
    assert doc["schema"].startswith("newsift.document/")
    assert doc["text"] == SAMPLE_TEXT
    assert doc["meta"]["headline"].startswith("Closing Ferncastle General")
    assert {"regions", "quotes", "sources", "flags"} <= set(doc)


def test_analyze_html(client: TestClient) -> None:
    page = "<html><head><title>T</title></head><body><article><h1>Budget passes</h1>"
    page += "<p>The council approved the budget on Monday, officials said.</p>" * 3
    page += "</article></body></html>"
    doc = client.post("/api/analyze", json={"html": page}).json()
    assert "approved the budget" in doc["text"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"text": ""}, 400, "input.empty"),
        ({"text": "   \n"}, 400, "input.empty"),
        ({}, 400, "request.invalid"),
        ({"text": "a", "html": "<p>b</p>"}, 400, "request.invalid"),
        ({"text": "a", "extra": 1}, 422, "request.invalid"),
        ({"text": 5}, 422, "request.invalid"),
        ({"text": "a", "kind": "warc"}, 422, "request.invalid"),
        ({"text": "a", "reference_date": "yesterday"}, 400, "request.invalid"),
        ({"url": "https://example.org/"}, 400, "request.urls_disabled"),
    ],
)
def test_bad_requests_get_one_line_errors(
    client: TestClient, body: dict[str, Any], status: int, code: str
) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert "\n" not in response.json()["error"]


def test_not_json(client: TestClient) -> None:
    response = client.post(
        "/api/analyze", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["code"] == "request.invalid"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1/", "input.fetch.blocked"),
        ("http://10.1.2.3:8080/x", "input.fetch.blocked"),
        ("http://169.254.169.254/latest/meta-data/", "input.fetch.blocked"),
        ("http://[::1]/", "input.fetch.blocked"),
        ("http://[::ffff:127.0.0.1]/", "input.fetch.blocked"),
        ("http://metadata.google.internal/", "input.fetch.blocked"),
        ("http://localhost:8000/api/health", "input.fetch.blocked"),
        ("file:///etc/passwd", "request.invalid"),
        ("/etc/passwd", "request.invalid"),
        ("src/newsift/samples/sample-dump.txt", "request.invalid"),
        ("HTTP://127.0.0.1/", "input.fetch.blocked"),
        ("hTtP://[::1]/", "input.fetch.blocked"),
        ("HTTP:/etc/passwd", "request.invalid"),
    ],
)
def test_urls_reach_only_public_addresses(url_client: TestClient, url: str, code: str) -> None:
    response = url_client.post("/api/analyze", json={"url": url})
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_a_url_request_never_reads_a_local_file(
    url_client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14, defect 1: with a folder ``HTTP:`` in the working directory, an
    upper-case URL was opened as a relative path and the file came back."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "HTTP:").mkdir()
    secret = "A secret headline\n\nThe words of a local file that must never be served.\n"
    (tmp_path / "secret.txt").write_text(secret)
    for url in ("HTTP://../secret.txt", "HTTP://../../../../../../etc/os-release"):
        response = url_client.post("/api/analyze", json={"url": url})
        assert response.status_code == 400, url
        assert response.json()["code"].startswith("input.fetch")
        assert "local file" not in response.text


def test_upload_endpoint(client: TestClient) -> None:
    files = {"file": ("page.txt", SAMPLE_TEXT.encode("utf-8"), "text/plain")}
    body = client.post("/api/analyze/upload", files=files).json()
    assert len(body["documents"]) == 1 and body["failures"] == [] and body["truncated"] is False
    assert body["documents"][0]["id"] == "page.txt"


def test_upload_of_many_records_is_bounded(tmp_path: Any) -> None:
    import json

    lines = "\n".join(json.dumps({"id": f"d{i}", "text": f"Story {i}.\n\nBody."}) for i in range(5))
    lines += "\n" + json.dumps({"id": "bad"})
    app = create_app(PIPELINE, Settings(max_documents=3))
    with TestClient(app) as c:
        body = c.post("/api/analyze/upload", files={"file": ("c.jsonl", lines.encode())}).json()
    assert [d["id"] for d in body["documents"]] == ["d0", "d1", "d2"]
    assert body["truncated"] is True


def test_upload_needs_a_file(client: TestClient) -> None:
    response = client.post("/api/analyze/upload", data={"kind": "auto"})
    assert response.status_code == 422


# ------------------------------------------------------------------ API key
@pytest.fixture(scope="module")
def keyed() -> Iterator[TestClient]:
    with TestClient(create_app(PIPELINE, Settings(api_key="s3cret-key"))) as c:
        yield c


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"X-API-Key": "wrong"}, 401),
        ({"X-API-Key": "s3cret-ke"}, 401),
        ({"Authorization": "Basic s3cret-key"}, 401),
        ({"X-API-Key": "s3cret-key"}, 200),
        ({"Authorization": "Bearer s3cret-key"}, 200),
    ],
)
def test_api_key(keyed: TestClient, headers: dict[str, str], status: int) -> None:
    response = keyed.post("/api/analyze", json={"text": "Short text."}, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


def test_api_key_in_the_form(keyed: TestClient) -> None:
    assert 'name="key"' in keyed.get("/").text
    assert keyed.post("/report", data={"text": "Some text.", "key": "nope"}).status_code == 401
    assert (
        keyed.post("/report", data={"text": "Some text.", "key": "s3cret-key"}).status_code == 200
    )
    assert keyed.get("/api/health").status_code == 200  # health stays open


# ------------------------------------------------------------------ limits
def test_body_limit_by_content_length() -> None:
    with TestClient(create_app(PIPELINE, Settings(max_upload_bytes=1000))) as c:
        response = c.post("/api/analyze", json={"text": "x" * 100_000})
        assert response.status_code == 413 and response.json()["code"] == "request.too_large"
        response = c.post("/api/analyze/upload", files={"file": ("a.txt", b"y" * 5000)})
        assert response.status_code == 413 and response.json()["code"] == "input.too_large"


def test_body_limit_while_streaming() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(200):
            yield b"z" * 1000
        yield b'"}'

    with TestClient(create_app(PIPELINE, Settings(max_upload_bytes=1000))) as c:
        response = c.post(
            "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413  # refused, never read to the end
    assert response.json() == {
        "error": "request body over 66,536 bytes (limit --max-upload-mb)",
        "code": "request.too_large",
    }


def test_time_limit_gives_504() -> None:
    app = create_app(Pipeline([SlowAnalyzer(1.5)]), Settings(time_limit_s=0.2))
    with TestClient(app) as c:
        response = c.post("/api/analyze", json={"text": "Some text."})
        assert response.status_code == 504
        assert response.json()["code"] == "limit.time"
        page = c.post("/report", data={"text": "Some text."})
        assert page.status_code == 504 and "time limit" in page.text


def test_queue_bound_gives_busy() -> None:
    engine = Engine(Pipeline([SlowAnalyzer(0.5)]), Settings(workers=1, max_queue=0))

    def read() -> list[Loaded]:
        return [Loaded("a", document=document_from_text("Some text."))]

    async def two_at_once() -> list[Any]:
        return await asyncio.gather(engine.analyze(read), engine.analyze(read),
                                    return_exceptions=True)  # fmt: skip

    first, second = asyncio.run(two_at_once())
    engine.close()
    assert first.outcomes[0].status == "ok"
    assert isinstance(second, Busy)


def test_waiting_for_a_thread_does_not_count_against_the_time_limit() -> None:
    """Issue 14, defect 4: three 1.2 s analyses on one thread with a 2 s limit; the third
    waits 2.4 s for the thread and must still get its answer, not 504."""
    engine = Engine(Pipeline([SlowAnalyzer(1.2)]), Settings(workers=1, time_limit_s=2.0))

    def read() -> list[Loaded]:
        return [Loaded("a", document=document_from_text("Some text."))]

    async def three_at_once() -> list[Any]:
        return await asyncio.gather(*(engine.analyze(read) for _ in range(3)),
                                    return_exceptions=True)  # fmt: skip

    results = asyncio.run(three_at_once())
    engine.close()
    assert [r.outcomes[0].status for r in results] == ["ok", "ok", "ok"], results


def test_busy_answers_503_with_retry_after() -> None:
    app = create_app(Pipeline([SlowAnalyzer(0.0)]), Settings(workers=1, max_queue=0))
    with TestClient(app) as c:
        engine = c.app.state.engine  # type: ignore[attr-defined]
        engine._in_flight = 1  # one request already holds the only place
        response = c.post("/api/analyze", json={"text": "Some text."})
        engine._in_flight = 0
    assert response.status_code == 503 and response.json()["code"] == "server.busy"
    assert int(response.headers["retry-after"]) > 0
    assert "content-security-policy" in response.headers


# ------------------------------------------------------------------ browser routes
def test_security_headers(client: TestClient) -> None:
    for response in (client.get("/"), client.get("/api/health"), client.post("/report", data={})):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "form-action 'self'" in csp
        assert "unsafe-inline" not in csp and "script-src" not in csp
        assert f"style-src {css_hash(CSS)}" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_index_page_has_the_form(client: TestClient) -> None:
    page = client.get("/").text
    assert '<form class="analyze" method="post" action="/report"' in page
    assert 'id="text"' in page and 'type="file"' in page
    assert 'type="url"' not in page  # URL fetching is off
    assert f"<style>{CSS}</style>" in page and "<script" not in page


def test_form_paste_gives_the_report(client: TestClient) -> None:
    page = client.post("/report", data={"text": SAMPLE_TEXT, "kind": "auto"}).text
    assert "<mark" in page and 'id="sources"' in page and 'class="comment' in page
    assert 'href="/">Analyse another page' in page


def test_form_upload_gives_the_report(client: TestClient) -> None:
    files = {"file": ("sample.txt", SAMPLE_TEXT.encode("utf-8"))}
    page = client.post("/report", files=files, data={"kind": "auto"}).text
    assert "Closing Ferncastle General" in page


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({}, 400, "paste some text, choose a file or give a URL"),
        ({"text": "abc", "kind": "nonsense"}, 400, "unknown kind"),
        ({"url": "http://127.0.0.1/"}, 400, "does not fetch URLs"),
    ],
)
def test_form_errors_are_pages(
    client: TestClient, data: dict[str, str], status: int, message: str
) -> None:
    response = client.post("/report", data=data)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text


def test_hostile_paste_renders_inert(client: TestClient) -> None:
    page = client.post("/report", data={"text": HOSTILE_DUMP}).text
    assert inert_problems(page) == []
    for payload in PAYLOADS:
        assert payload not in page
    assert re.search(r"&lt;script&gt;alert\(&#x27;script&#x27;\)&lt;/script&gt;", page)


@pytest.mark.parametrize(
    "address", ["10.0.0.5", "192.168.1.2", "::ffff:127.0.0.1", "fd00:ec2::254"]
)
def test_public_name_resolving_to_a_private_address_is_refused(
    url_client: TestClient, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    fetch_module = importlib.import_module("newsift.ingest.fetch")  # the module, not fetch()
    asked: list[str] = []

    def fake_resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return [address]

    monkeypatch.setattr(fetch_module, "system_resolver", fake_resolver)
    response = url_client.post("/api/analyze", json={"url": "https://news.example/story"})
    assert asked == ["news.example"]  # refused after resolution, before any connection
    assert response.status_code == 400
    assert response.json()["code"] == "input.fetch.blocked"
