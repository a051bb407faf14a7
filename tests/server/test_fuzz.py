"""Property tests of the endpoints: whatever a client sends, the answer is never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsift.pipeline import default_pipeline
from newsift.server import Settings, create_app

ALLOWED = {200, 400, 401, 413, 422, 503, 504}
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(default_pipeline(time_limit_s=None), Settings(max_upload_bytes=20_000))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


SCALAR = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
VALUE = st.recursive(SCALAR, lambda v: st.lists(v, max_size=3) | st.dictionaries(st.text(max_size=5), v, max_size=3), max_leaves=6)  # fmt: skip
PAGE_TEXT = st.lists(
    st.text(st.characters(codec="utf-8"), max_size=20)
    | st.sampled_from(["\n", "\n\n", '"', " said ", "Reply", "2 days ago", "by Ann Lee"]),
    max_size=20,
).map("".join)
BODY = st.fixed_dictionaries(
    {},
    optional={
        "text": PAGE_TEXT | VALUE,
        "html": st.text(max_size=200).map(lambda t: f"<p>{t}</p>") | VALUE,
        "url": st.sampled_from(["http://127.0.0.1/", "ftp://x", "", "http://[::1"]) | VALUE,
        "kind": st.sampled_from(["auto", "dump", "text", "html", "warc", ""]) | VALUE,
        "reference_date": st.sampled_from(["2025-01-02", "2025-13-01", "x"]) | VALUE,
        "other": VALUE,
    },
)


@FUZZ
@given(body=BODY | VALUE)
def test_analyze_json_never_500(client: TestClient, body: Any) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.status_code in ALLOWED
    payload = response.json()
    if response.status_code == 200:
        assert isinstance(payload["text"], str)
    else:
        assert set(payload) == {"error", "code"}


@FUZZ
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(
    ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ""]
))  # fmt: skip
def test_raw_bodies_never_500(client: TestClient, raw: bytes, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    for path in ("/api/analyze", "/api/analyze/upload", "/report"):
        response = client.post(path, content=raw, headers=headers)
        assert response.status_code in ALLOWED, (path, response.text[:200])


@FUZZ
@given(
    data=st.binary(max_size=2000) | PAGE_TEXT.map(lambda t: t.encode("utf-8")),
    name=st.text(max_size=30),
    kind=st.sampled_from(["auto", "dump", "text", "html", "warc", "jsonl", "bogus"]),
    text=PAGE_TEXT,
)
def test_form_and_upload_never_500(
    client: TestClient, data: bytes, name: str, kind: str, text: str
) -> None:
    files = {"file": (name or "f", data)}
    for path in ("/api/analyze/upload", "/report"):
        response = client.post(path, files=files, data={"kind": kind})
        assert response.status_code in ALLOWED, (path, response.text[:200])
    response = client.post("/report", data={"text": text, "kind": kind})
    assert response.status_code in ALLOWED
    if response.status_code == 200:
        assert "<script" not in response.text


def test_jsonl_upload_with_deep_nesting(client: TestClient) -> None:
    deep = ('{"a":' * 2000) + "1" + ("}" * 2000)
    response = client.post("/api/analyze/upload", files={"file": ("x.jsonl", deep.encode())})
    assert response.status_code == 200
    body = json.loads(response.text)
    assert body["documents"] == []
    assert body["failures"][0]["code"] == "input.nesting"
