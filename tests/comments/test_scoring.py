"""``newsift comments score``: one JSON row per input line, errors per line, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsift.cli import main
from newsift.comments.annotations import SCORE_NAMES
from newsift.comments.scoring import MAX_COMMENT_CHARS, read_comments

LINES = [
    "You are a pathetic idiot and a liar.",
    "",
    '{"id": "q7", "text": "Thanks for the thoughtful article."}',
    "{not json",
    '{"id": 3, "text": ""}',
    '["a list"]',
    "x" * (MAX_COMMENT_CHARS + 1),
]


def test_read_comments_gives_one_item_per_non_blank_line() -> None:
    items = list(read_comments(LINES))
    assert [(key, text is not None, error is not None) for key, text, error in items] == [
        ("1", True, False),
        ("q7", True, False),
        ("4", False, True),
        ("3", False, True),
        ("6", True, False),  # not an object: read as a comment that starts with "["
        ("7", False, True),
    ]


def test_cli_scores_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(LINES) + "\n"))
    assert main(["comments", "score", "-"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 6
    abusive, polite = rows[0], rows[1]
    assert set(abusive["scores"]) == set(SCORE_NAMES)
    assert abusive["offensive"] is True and polite["offensive"] is False
    assert abusive["scores"]["insult"] > polite["scores"]["insult"]
    assert abusive["spans"] and abusive["text"][abusive["spans"][0]["start"] :]
    assert polite["id"] == "q7" and polite["targeted"] is None
    assert ["error" in row for row in rows] == [False, False, True, True, False, True]


def test_cli_writes_a_file_and_exits_0_when_all_lines_score(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Great reporting.\nWhat a stupid moron.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["comments", "score", str(source), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[1]["scores"]["offensive"] > rows[0]["scores"]["offensive"]


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["comments", "score", str(tmp_path / "nope.txt")]) == 1
    assert "newsift: error:" in capsys.readouterr().err
