"""``newsift serve``: settings from flags and environment, the loopback warning, usage errors."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn

from newsift.cli import main
from newsift.server.settings import is_loopback


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace uvicorn.run: record what would be served instead of serving."""
    calls: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        calls.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("NEWSIFT_API_KEY", raising=False)
    return calls


def test_defaults_bind_loopback_quietly(
    served: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--pipeline", "structure.v1"]) == 0
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    settings = served["app"].state.settings
    assert settings.api_key is None and settings.allow_urls is False
    assert settings.max_upload_bytes == 10_000_000 and settings.time_limit_s == 30.0
    assert settings.isolation == "process"
    assert "warning" not in capsys.readouterr().err


def test_request_and_worker_bounds_reach_the_server(served: dict[str, Any]) -> None:
    args = ["serve", "--pipeline", "structure.v1", "--spare-workers", "0", "--max-requests", "10"]
    assert main([*args, "--max-upload-mb", "50"]) == 0
    settings = served["app"].state.settings
    assert (settings.spare_workers, settings.max_requests) == (0, 10)
    assert settings.max_buffered_bytes == 200_000_000  # room for 4 bodies of the largest size
    assert served["limit_concurrency"] == 20  # uvicorn's backstop on open connections


def test_thread_isolation_on_request(served: dict[str, Any]) -> None:
    assert main(["serve", "--pipeline", "structure.v1", "--isolation", "thread"]) == 0
    assert served["app"].state.settings.isolation == "thread"


def test_public_bind_without_key_warns(
    served: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["serve", "--host", "0.0.0.0", "--port", "9001", "--allow-urls", "--max-upload-mb", "2"]
    assert main([*args, "--time-limit", "5", "--pipeline", "structure.v1"]) == 0
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0 without an API key" in err
    assert "URL fetching is on" in err
    settings = served["app"].state.settings
    assert settings.allow_urls and settings.max_upload_bytes == 2_000_000
    assert settings.time_limit_s == 5.0


def test_key_from_environment(
    served: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSIFT_API_KEY", "from-env")
    assert main(["serve", "--host", "0.0.0.0", "--pipeline", "structure.v1"]) == 0
    assert served["app"].state.settings.api_key == "from-env"
    assert "warning" not in capsys.readouterr().err
    assert main(["serve", "--api-key", "flag-wins", "--pipeline", "structure.v1"]) == 0
    assert served["app"].state.settings.api_key == "flag-wins"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "--port must be between 1 and 65535"),
        (["--time-limit", "0"], "time_limit_s must be positive"),
        (["--max-upload-mb", "-1"], "max_upload_bytes must be positive"),
        (["--workers", "0"], "workers"),
        (["--api-key", " "], "api_key must not be empty"),
        (["--pipeline", "no.such.v1"], "no.such.v1"),
    ],
)
def test_usage_errors(
    served: dict[str, Any], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["serve", *args]) == 2
    assert message in capsys.readouterr().err
    assert "app" not in served


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("[::1]", True),
        ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.4", False),
        ("example.org", False),
    ],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
