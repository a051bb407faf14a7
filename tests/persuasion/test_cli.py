"""``newsift techniques score``: one JSON row per input line, errors as rows, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.cli import main
from newsift.persuasion.scoring import MAX_TEXT_CHARS, read_texts


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A plain text.", ("1", "A plain text.", None)),
        ('{"id": "x9", "text": " Quoted text. "}', ("x9", "Quoted text.", None)),
        ('{"text": "No id."}', ("1", "No id.", None)),
        ('{"id": 3}', ("3", None, "record has no 'text' string")),
        ("[1, 2]", ("1", "[1, 2]", None)),  # not an object opener: plain text
        ("{not json", ("1", None, "not a JSON object")),
        ("x" * (MAX_TEXT_CHARS + 1), ("1", None, f"text over {MAX_TEXT_CHARS:,} characters")),
    ],
)
def test_read_texts(line: str, expected: tuple[str, str | None, str | None]) -> None:
    ((key, text, error),) = list(read_texts([line]))
    assert (key, text) == expected[:2]
    if expected[2] is None:
        assert error is None
    else:
        assert error is not None and error.startswith(expected[2])


def test_read_texts_skips_blank_lines() -> None:
    assert [k for k, _, _ in read_texts(["one", "", "  ", "four"])] == ["1", "4"]


def test_score_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "This disgraceful, reckless scheme is a shameless betrayal."}\n'
        "The meeting starts at noon.\n",
        encoding="utf-8",
    )
    assert main(["techniques", "score", str(source)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "2"]
    for row in rows:
        for t in row["techniques"]:
            assert row["text"][t["span"]["start"] : t["span"]["end"]]
            assert t["speaker"] is None and t["quote"] is None
    assert rows[0]["techniques"], "no technique in an openly loaded sentence"


def test_score_bad_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.txt"
    source.write_text('{"id": 1}\nFine text here.\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["techniques", "score", str(source), "--out", str(out)]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "error" in rows[0] and "techniques" in rows[1]


def test_score_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["techniques", "score", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err
