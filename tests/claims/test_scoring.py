"""`newsift claims score`: every input line ends with one row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsift.claims.model import ClaimModel
from newsift.claims.scoring import read_sentences, score_sentences
from newsift.cli import main


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Unemployment fell to 3.9 percent.", ("1", "Unemployment fell to 3.9 percent.", None)),
        ('{"id": "a7", "text": " Taxes rose. "}', ("a7", "Taxes rose.", None)),
        ('{"text": 5}', ("1", None, "record has no 'text' string")),
        ("{not json", ("1", None, "not a JSON object")),
        ("x" * 6000, ("1", None, "sentence over 5,000 characters")),
    ],
)
def test_read_sentences(line: str, expected: tuple[str, str | None, str | None]) -> None:
    [(ident, text, error)] = list(read_sentences([line]))
    assert (ident, text) == expected[:2]
    assert (error or "").startswith(expected[2] or "")


def test_rows_keep_order_and_ids_across_batches() -> None:
    lines = [f"The budget grew by {i} percent in 2024." for i in range(600)] + ["{bad"]
    rows = list(score_sentences(read_sentences(lines), ClaimModel.load()))
    assert [r["id"] for r in rows] == [str(i) for i in range(1, 602)]
    assert all(r["type"] == "statistic" for r in rows[:600]) and "error" in rows[600]


def test_cli_scores_stdin_and_a_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsift", "claims", "score", "-"],
        input="Crime fell 12 percent last year.\nWhat a lovely evening!\n",
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["checkworthy"] and not rows[1]["checkworthy"]
    assert rows[0]["score"] > rows[1]["score"]
    source, out = tmp_path / "s.txt", tmp_path / "o.jsonl"
    source.write_text("A sentence.\n{broken\n")
    assert main(["claims", "score", str(source), "--out", str(out)]) == 1
    assert len(out.read_text().splitlines()) == 2
    assert main(["claims", "score", str(tmp_path / "missing.txt")]) == 1


def test_cli_index_and_match(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "fc.jsonl"
    archive.write_text(
        '{"claim": "Water bills in Milford rose 62 percent after privatisation.", "rating": "True", "url": "u1"}\n'
        '{"claim": "Masks do not stop respiratory viruses.", "rating": "False", "url": "u2"}\n'
        "not json\n"
    )
    index = tmp_path / "fc.npz"
    assert main(["claims", "index", str(archive), "--out", str(index)]) == 0
    assert "skipped 1: 1 not valid JSON" in capsys.readouterr().err
    assert (
        main(
            [
                "claims",
                "match",
                "Milford water bills went up 62 percent",
                "--index",
                str(index),
                "-k",
                "1",
            ]
        )
        == 0
    )
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [m["url"] for m in row["matches"]] == ["u1"] and row["matches"][0]["rating"] == "True"
    assert main(["claims", "match", "x", "--index", str(tmp_path / "none.npz")]) == 1
    assert main(["claims", "match", "x", "--index", str(index), "-k", "0"]) == 2


def test_analyze_with_match_index_attaches_fact_checks(tmp_path: Path) -> None:
    archive = tmp_path / "checks.jsonl"
    archive.write_text(
        json.dumps({"claim": "The harbour fee rose 40 percent in 2023.", "rating": "True"}) + "\n"
    )
    index = tmp_path / "index.npz"
    assert main(["claims", "index", str(archive), "--out", str(index), "--encoder", "none"]) == 0
    page = tmp_path / "page.txt"
    page.write_text("Harbour Budget\n\nThe harbour fee rose by 40 percent in 2023, records show.\n")
    out = tmp_path / "page.json"
    code = main(
        ["analyze", str(page), "--pipeline", "structure.v1,claims.checkworthy.v1",
         "--match-index", str(index), "--out", str(out), "-q"]
    )  # fmt: skip
    assert code == 0
    claims = json.loads(out.read_text())["claims"]
    matched = [c for c in claims if c["matches"]]
    assert matched and matched[0]["matches"][0]["rating"] == "True"


def test_match_index_without_the_claims_analyzer_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nBody.\n")
    code = main(["analyze", str(page), "--pipeline", "structure.v1", "--match-index", "x.npz"])
    assert code == 2
