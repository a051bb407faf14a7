"""``newsift report`` and ``newsift analyze --format html|md``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsift.cli import main
from tests.conftest import ROOT

SAMPLE_JSON = Path(__file__).with_name("sample-report.json")
SAMPLE_DUMP = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"


def test_report_html_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(SAMPLE_JSON)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and 'id="sources"' in out


def test_report_md_to_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "r.md"
    assert main(["report", str(SAMPLE_JSON), "--format", "md", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("## Closing Ferncastle")


def _jsonl(tmp_path: Path, extra_line: str | None = None) -> Path:
    doc = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    lines = [json.dumps(doc), json.dumps({**doc, "id": "second/doc"})]
    if extra_line is not None:
        lines.insert(1, extra_line)
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_several_documents_need_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path)
    assert main(["report", str(path), "--out", str(tmp_path / "one.html")]) == 2
    assert "holds 2 documents; give --out a folder" in capsys.readouterr().err
    assert main(["report", str(path), "--out", f"{tmp_path}/reports/"]) == 0
    names = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert names == ["doc.html", "sample-dump.txt.html"]


def test_bad_lines_are_reported_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path, extra_line='{"no": "text"}')
    assert main(["report", str(path), "--out", f"{tmp_path}/out/", "--format", "md"]) == 1
    assert "line 2: not a newsift document: no 'text' string" in capsys.readouterr().err
    assert len(list((tmp_path / "out").iterdir())) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "no documents"), ("{broken", "line 1: not JSON"), ("[1, 2]", "needs a JSON object")],
)
def test_unreadable_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    assert main(["report", str(path)]) == 1
    assert message in capsys.readouterr().err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "/nonexistent/x.json"]) == 1
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "start"), [("html", "<!DOCTYPE html>"), ("md", "## Closing")])
def test_analyze_writes_a_report(tmp_path: Path, fmt: str, start: str) -> None:
    target = tmp_path / f"sample.{fmt}"
    code = main(["analyze", str(SAMPLE_DUMP), "--format", fmt, "--out", str(target), "-q"])
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith(start)


def test_analyze_several_reports_need_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "b.txt"
    shutil.copy(SAMPLE_DUMP, copy)
    args = ["analyze", str(SAMPLE_DUMP), str(copy), "--format", "md", "-q"]
    assert main([*args, "--out", str(tmp_path / "x.md")]) == 2
    assert "several documents need --out DIR/" in capsys.readouterr().err
    assert main([*args, "--out", f"{tmp_path}/reports/"]) == 0
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "b.txt.md",
        "sample-dump.txt.md",
    ]
