"""The CLI as a person uses it: files in, JSON out, clear errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsift
from newsift.cli import main

DUMP = "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nBody.\n\nJo Kim\nJo Kim\n2 days ago\n\nHi.\nReply\n"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


def test_one_input_prints_one_json_object(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(page), "--reference-date", "2025-03-10"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"].startswith("newsift.document/")
    assert doc["meta"]["headline"] == "Title Here"
    comment = next(r for r in doc["regions"] if r["kind"] == "comment")
    assert comment["author"] == "Jo Kim" and comment["when_resolved"] == "2025-03-08"


def test_several_inputs_give_json_lines_and_one_failure_does_not_stop_them(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02\x03")
    code = main(["analyze", str(page), str(empty), str(binary), str(page), "-q"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.strip().splitlines()) == 2  # the two good pages
    assert f"newsift: error: {empty}: empty input" in err
    assert f"newsift: error: {binary}: binary input" in err
    assert "Traceback" not in err


def test_out_folder_gets_one_file_each_and_outcomes(page: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a/b", "text": DUMP}) + "\n" + json.dumps({"id": "bad"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out/"
    outcomes = tmp_path / "outcomes.jsonl"
    code = main(
        ["analyze", str(page), str(jsonl), "--out", f"{out}/", "--outcomes", str(outcomes), "-q"]
    )
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a_b.json", "page.txt.json"]
    rows = [json.loads(line) for line in outcomes.read_text().splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [
        (str(page), "ok"),
        ("a/b", "ok"),
        ("bad", "failed"),
    ]
    assert rows[2]["code"] == "input.bad_record"


def test_out_file_and_jsonl_format(page: Path, tmp_path: Path) -> None:
    target = tmp_path / "one.jsonl"
    assert main(["analyze", str(page), "--format", "jsonl", "--out", str(target)]) == 0
    lines = target.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == str(page)


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze"],
        ["analyze", "x.txt", "--kind", "pdf"],
        ["analyze", "x.txt", "--reference-date", "yesterday"],
        ["analyze", "x.txt", "--pipeline", "no.such.v1"],
        ["analyze", "x.txt", "--max-bytes", "0"],
        ["analyze", "-", "-"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        raise SystemExit(main(argv))
    assert stop.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_unknown_analyzer_suggests_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "x.txt", "--pipeline", "structure.v2"]) == 2
    assert "did you mean 'structure.v1'" in capsys.readouterr().err


def test_stdin_and_kind_override() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsift", "analyze", "-", "--kind", "text"],
        input=DUMP.encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["id"] == "stdin" and doc["meta"]["kind"] == "text"
    assert [r["kind"] for r in doc["regions"]] == ["body"]


def test_show_prints_a_summary(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.json"
    main(["analyze", str(page), "--out", str(out)])
    assert main(["show", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Title Here" in text and "by Ana Ruiz" in text and "Jo Kim, 2 days ago" in text


def test_show_refuses_what_is_not_a_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    assert main(["show", str(bad)]) == 1
    assert "not a newsift document" in capsys.readouterr().err


def test_analyzers_lists_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyzers"]) == 0
    assert "structure.v1" in capsys.readouterr().out


def test_time_limit_fails_the_document_not_the_run(
    page: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from newsift.structure import analyzer

    def slow(text: str, reference: object, model: object = None) -> object:
        started = time.process_time()
        while time.process_time() - started < 30:  # the limit is CPU time: burn some
            pass
        raise AssertionError("not reached")

    monkeypatch.setattr(analyzer, "parse_dump", slow)
    assert main(["analyze", str(page), "--time-limit", "0.2", "-q"]) == 1
    assert "took more than 0.2 CPU-s (CPU time limit)" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert newsift.__version__ in capsys.readouterr().out


def test_memory_cap_is_on_resident_memory_not_address_space(page: Path) -> None:
    code = (
        "import resource, sys\n"
        "from newsift.cli import main\n"
        "from newsift.limits import memory_cap\n"
        "rc = main(['analyze', sys.argv[1], '--max-memory-mb', '3000', '-q', '--out', '/dev/null'])\n"
        "soft, _ = resource.getrlimit(resource.RLIMIT_AS)\n"
        "print(rc, soft == resource.RLIM_INFINITY, memory_cap())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(page)], capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["0", "True", "3000"], result.stderr
