"""``newsift corpus synthetic|analyze|report`` and ``newsift batch`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.cli import main


def test_synthetic_batch_analyze_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = tmp_path / "net.jsonl"
    out = tmp_path / "out"
    assert main(["corpus", "synthetic", "--out", str(articles), "--docs", "12", "--seed", "3"]) == 0
    assert json.loads(articles.with_suffix(".truth.json").read_text())["network_personas"]
    code = main(["batch", str(articles), "--out", str(out), "--shards", "2", "-q",
                 "--pipeline", "structure.v1", "--item-time-limit", "30"])  # fmt: skip
    assert code == 0
    assert main(["batch", str(articles), "--out", str(out), "--resume", "-q", "--shards", "2",
                 "--pipeline", "structure.v1"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["corpus", "analyze", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == 12 and summary["outcomes"] == {"ok": 12}
    assert main(["corpus", "report", str(out), "--out", str(tmp_path / "r.html")]) == 0
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "x.jsonl", "--out", "{tmp}/o", "--shards", "0"],
        ["batch", "x.jsonl", "--out", "{tmp}/o", "--pipeline", "nope.v1"],
        ["corpus", "analyze", "{tmp}", "--threshold", "2"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2


def test_analyze_on_a_folder_without_a_batch_fails_cleanly(tmp_path: Path) -> None:
    assert main(["corpus", "analyze", str(tmp_path)]) == 1
    assert main(["corpus", "report", str(tmp_path)]) == 1
