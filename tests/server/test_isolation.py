"""Worker processes behind the web app: same answers, and a hang or a crash costs one worker."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import tests.batch.poison  # noqa: F401 - registers testing.poison.v1 here as in the workers
from newsift.pipeline import Pipeline
from newsift.server import Settings, create_app
from newsift.server.isolation import ProcessEngine
from tests.server.conftest import SAMPLE_TEXT

NAMES = ["structure.v1", "attribution.quotes.v1", "testing.poison.v1"]
TIME_LIMIT_S = 20.0
RESPAWN_WAIT_S = 120.0


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(
        isolation="process",
        imports=("tests.batch.poison",),
        time_limit_s=TIME_LIMIT_S,
        workers=1,
    )
    app = create_app(Pipeline.from_config(NAMES), settings)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _engine(client: TestClient) -> ProcessEngine:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    assert isinstance(engine, ProcessEngine)
    return engine


def _new_worker(engine: ProcessEngine, old: list[int]) -> list[int]:
    """Wait until the one worker is a new one (not in ``old``)."""
    waited = 0.0
    while waited < RESPAWN_WAIT_S:
        pids = engine.worker_pids()
        if len(pids) == 1 and pids[0] not in old:
            return pids
        time.sleep(0.2)
        waited += 0.2
    pytest.fail("no replacement worker started")


def _analyze(client: TestClient, text: str) -> tuple[int, dict[str, object]]:
    response = client.post("/api/analyze", json={"text": text, "kind": "dump"})
    return response.status_code, response.json()


def test_a_worker_process_answers_like_the_thread_engine(client: TestClient) -> None:
    status, doc = _analyze(client, SAMPLE_TEXT)
    assert status == 200
    with TestClient(create_app(Pipeline.from_config(NAMES), Settings())) as threads:
        expected = threads.post("/api/analyze", json={"text": SAMPLE_TEXT, "kind": "dump"}).json()
    assert doc == expected
    assert client.get("/api/health").json()["pipeline"] == NAMES


@pytest.mark.parametrize(
    ("marker", "status", "code"),
    [
        # blocks SIGALRM and sleeps: only a kill from outside ends it
        ("POISON-HANG", 504, "limit.time"),
        # SIGSEGV in the worker
        ("POISON-CRASH", 500, "server.worker_crashed"),
    ],
)
def test_a_bad_input_costs_one_worker_not_the_server(
    client: TestClient, marker: str, status: int, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(client)
    if marker == "POISON-HANG":  # do not wait the full limit for a hang
        monkeypatch.setattr(engine, "settings", Settings(isolation="process", time_limit_s=3.0))
    before = engine.worker_pids()
    got, body = _analyze(client, f"A page\n\n{marker} in the body of this page.\n")
    assert (got, body["code"]) == (status, code)
    assert body["error"]
    monkeypatch.undo()
    _new_worker(engine, before)
    again, doc = _analyze(client, SAMPLE_TEXT)
    assert again == 200 and doc["regions"]


def test_isolation_setting_is_checked() -> None:
    with pytest.raises(ValueError, match="isolation"):
        Settings(isolation="fork")
