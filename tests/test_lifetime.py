"""newsift.lifetime: only a process's own entry point freezes what it loaded."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsift import cli, lifetime

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsift" / "samples" / "sample-dump.txt"


@pytest.fixture
def thawed() -> Iterator[None]:
    """Leave the collector as the test found it (a frozen test process never collects)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_keep_until_exit_moves_live_objects_to_the_permanent_generation(thawed: object) -> None:
    kept = [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0
    lifetime.keep_until_exit()
    assert gc.get_freeze_count() >= len(kept)


def test_entry_freezes_before_exit_and_keeps_the_exit_code(
    monkeypatch: pytest.MonkeyPatch, thawed: object
) -> None:
    monkeypatch.setattr(cli, "main", lambda: 3)
    monkeypatch.setattr(cli, "_OWN_PROCESS", False)
    with pytest.raises(SystemExit) as stopped:
        cli.entry()
    assert stopped.value.code == 3
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize(("own_process", "calls"), [(False, 0), (True, 1)])
def test_analyze_freezes_after_setup_only_in_its_own_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_process: bool, calls: int
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(cli, "keep_until_exit", lambda: seen.append(True))
    monkeypatch.setattr(cli, "_OWN_PROCESS", own_process)
    out = tmp_path / "sample.json"
    code = cli.main(["analyze", str(SAMPLE), "--pipeline", "structure.v1", "--out", str(out)])
    assert code == 0 and out.exists()
    assert len(seen) == calls
