"""The web app's report pages: the reference-date field, and every document of an upload.

In process (FastAPI TestClient) with the structure analyzer only: these are about what the
form sends and what the page lists, not about the analyzers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

import pytest

pytest.importorskip("fastapi", reason="the web app tests need the serve extra")

from fastapi.testclient import TestClient

from newsift.pipeline import Pipeline
from newsift.server import Settings, create_app
from tests.report.hostile import PAYLOADS, inert_problems

DUMP = """Harbour Board Delays Vote

Posted on Tuesday, March 4, 2025
by Clara Wendt

The board delayed its vote on the harbour plan until June.

Mallory Quist
2 days ago

The board should have voted today.
Reply
"""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(Pipeline.from_config(["structure.v1"]), Settings())
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_the_form_offers_a_reference_date_defaulting_to_today(client: TestClient) -> None:
    page = client.get("/").text
    field = re.search(r'<input type="date" id="reference_date" name="reference_date"[^>]*>', page)
    assert field is not None
    assert f'value="{date.today().isoformat()}"' in field[0]
    assert "counted back from" in page and "uses its own date" in page


@pytest.mark.parametrize(
    ("reference", "shown"),
    [
        ("2025-03-10", '<time datetime="2025-03-08">(2025-03-08)</time>'),
        ("", "stay as the page wrote them"),
    ],
)
def test_the_reference_date_resolves_comment_times(
    client: TestClient, reference: str, shown: str
) -> None:
    response = client.post(
        "/report", data={"text": DUMP, "kind": "dump", "reference_date": reference}
    )
    assert response.status_code == 200
    assert shown in response.text


def test_a_bad_reference_date_is_a_plain_error(client: TestClient) -> None:
    response = client.post("/report", data={"text": DUMP, "reference_date": "last week"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text


def _jsonl(*records: dict[str, str]) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


def test_every_document_of_an_upload_is_listed_with_a_link(client: TestClient) -> None:
    upload = _jsonl(
        {"id": "one", "text": DUMP},
        {"id": "two", "text": DUMP.replace("Harbour Board", "Port Authority")},
        {"id": "three", "text": DUMP.replace("Harbour Board", "Ferry Service")},
    )
    response = client.post("/report", files={"file": ("three.jsonl", upload)})
    assert response.status_code == 200
    page = response.text
    assert "3 documents from <bdi>three.jsonl</bdi>" in page
    for number in (1, 2, 3):
        assert f'href="#d{number}-doc"' in page and f'id="d{number}-doc"' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= set(ids)


def test_an_upload_of_hostile_documents_stays_inert(client: TestClient) -> None:
    records = [{"id": p, "text": f"{p}\n\n{p} body {p}"} for p in PAYLOADS[:3]]
    response = client.post("/report", files={"file": (PAYLOADS[3], _jsonl(*records))})
    assert response.status_code == 200
    assert inert_problems(response.text) == []
