"""The web app's workers build the pipeline with every parameter, not its names alone (issue 20).

Before, ``ProcessEngine`` sent worker processes the analyzer names, so a
``match_index`` given to ``newsift serve`` was dropped in the default process
isolation: claims came back without their fact-checks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsift.claims.matching import FactCheck, build_index
from newsift.cli import main
from newsift.errors import ConfigError
from newsift.pipeline import Pipeline
from newsift.server import Settings, create_app
from newsift.server.isolation import ProcessEngine

CLAIMS = "claims.checkworthy.v1"
PAGE = (
    "Harbour Budget\n\nBy Ana Lind\n\n"
    "The harbour fee rose by 40 percent in 2023, records show.\n\n"
    "The council will vote on Tuesday.\n"
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = [
        FactCheck("fc-9", "The harbour fee rose 40 percent in 2023.", "True", "https://e.org/9"),
        FactCheck("fc-8", "Purple whales live in Lake Brindle.", "False", "https://e.org/8"),
    ]
    path = tmp_path_factory.mktemp("index") / "index.npz"
    build_index(archive).save(path)
    return path


def _config(index: Path) -> list[dict[str, Any]]:
    return [
        {"name": "structure.v1", "params": {}},
        {"name": CLAIMS, "params": {"encoder": "none", "match_index": str(index), "match_k": 1}},
    ]


@pytest.fixture(scope="module")
def answers(index: Path) -> Iterator[dict[str, dict[str, Any]]]:
    """The page analysed once per isolation, with the same configured pipeline."""
    got: dict[str, dict[str, Any]] = {}
    for isolation in ("process", "thread"):
        settings = Settings(isolation=isolation, spare_workers=0, time_limit_s=60.0)
        app = create_app(Pipeline.from_config(_config(index)), settings)
        with TestClient(app) as client:
            response = client.post("/api/analyze", json={"text": PAGE, "kind": "dump"})
            assert response.status_code == 200, response.text
            got[isolation] = response.json()
            got[isolation]["health"] = client.get("/api/health").json()
    yield got


@pytest.mark.parametrize("isolation", ["process", "thread"])
def test_every_isolation_honours_the_match_index(
    answers: dict[str, dict[str, Any]], isolation: str
) -> None:
    doc = answers[isolation]
    checked = [c for c in doc["claims"] if c["checkworthy"]]
    assert checked and all(len(c["matches"]) == 1 for c in checked)  # match_k=1 reached it too
    assert checked[0]["matches"][0]["id"] == "fc-9"
    assert doc["health"]["pipeline"] == ["structure.v1", CLAIMS]


def test_process_and_thread_isolation_give_the_same_document(
    answers: dict[str, dict[str, Any]],
) -> None:
    assert answers["process"] == answers["thread"]


@pytest.mark.parametrize(
    ("config", "words"),
    [
        (["structure.v1", "no.such.v1"], "no analyzer named 'no.such.v1'"),
        ([{"name": CLAIMS, "params": {"match_k": {1}}}], "parameter 'match_k'"),
        ([{"name": "structure.v1", "params": {"line_modl": False}}], "bad parameters"),
    ],
)
def test_a_bad_configuration_fails_in_the_server_not_in_a_worker(
    config: list[Any], words: str
) -> None:
    with pytest.raises(ConfigError, match=words):
        ProcessEngine(config, Settings(isolation="process"))


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    calls: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.update(options, app=app))
    monkeypatch.delenv("NEWSIFT_API_KEY", raising=False)
    return calls


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--pipeline", "@FILE"], "FILE"),
        (["--pipeline", "structure.v1,claims.checkworthy.v1", "--match-index", "INDEX"], "INDEX"),
    ],
)
def test_serve_takes_a_configuration_file_and_match_index(
    served: dict[str, Any], index: Path, tmp_path: Path, options: list[str], expected: str
) -> None:
    file = tmp_path / "pipeline.json"
    file.write_text(json.dumps(_config(index)), encoding="utf-8")
    given = [o.replace("FILE", str(file)).replace("INDEX", str(index)) for o in options]
    assert main(["serve", *given]) == 0
    engine = served["app"].state.engine
    assert isinstance(engine, ProcessEngine)
    claims = engine._spec.pipeline[1]
    assert claims["name"] == CLAIMS and claims["params"]["match_index"] == str(index)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--pipeline", "@/no/such/pipeline.json"], "--pipeline: pipeline file"),
        (["--pipeline", "structure.v1", "--match-index", "x.npz"], "--match-index needs"),
        (["--pipeline", "@BAD"], "unknown keys ['parameters']"),
    ],
)
def test_serve_refuses_a_bad_configuration_with_exit_2(
    served: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    options: list[str],
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"name": "structure.v1", "parameters": {}}]), encoding="utf-8")
    assert main(["serve", *[o.replace("@BAD", f"@{bad}") for o in options]]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert "app" not in served
