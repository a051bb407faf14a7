"""`newsift claims index|match` with ClaimReview inputs and the floor; `analyze --claimreview`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.cli import main

REVIEWS = [
    {
        "@type": "ClaimReview",
        "url": "https://checks.example/milford-water",
        "claimReviewed": "Water bills in Milford rose 62 percent after privatisation.",
        "datePublished": "2024-05-01",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "True"},
    },
    {
        "@type": "ClaimReview",
        "url": "https://checks.example/masks",
        "claimReviewed": "Masks do not stop respiratory viruses.",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    },
]
PAGE = (
    "<!doctype html><html><head><title>Check</title>"
    '<script type="application/ld+json">%s</script></head><body><p>x</p></body></html>'
)


@pytest.fixture
def index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(REVIEWS[0]) + "\nnot json\n", encoding="utf-8")
    page = tmp_path / "masks.html"
    page.write_text(PAGE % json.dumps(REVIEWS[1]), encoding="utf-8")
    out = tmp_path / "fc.npz"
    assert (
        main(["claims", "index", str(feed), str(page), "--out", str(out), "--encoder", "none"]) == 0
    )
    err = capsys.readouterr().err
    assert "skipped 1: 1 not valid JSON" in err and "indexed 2 fact-checks" in err
    return out


@pytest.mark.parametrize(
    ("claim", "floor", "urls"),
    [
        ("Milford water bills went up 62 percent after privatisation", None, ["https://checks.example/milford-water"]),
        ("The striker signed a new contract with the club on Tuesday.", None, []),
        ("The striker signed a new contract with the club on Tuesday.", "0", None),
    ],
)  # fmt: skip
def test_match_shows_only_matches_above_the_floor(
    index: Path,
    capsys: pytest.CaptureFixture[str],
    claim: str,
    floor: str | None,
    urls: list[str] | None,
) -> None:
    extra = ["--floor", floor] if floor is not None else []
    args = ["claims", "match", claim, "--index", str(index), "-k", "2", "--encoder", "none"]
    assert main(args + extra) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    if urls is None:  # floor 0: every candidate sharing a term comes back
        assert row["matches"] and all(0.0 <= m["score"] < 0.5 for m in row["matches"])
        return
    assert [m["url"] for m in row["matches"]] == urls
    for match in row["matches"]:
        assert (match["rating"], match["outlet"], match["date"]) == (
            "True",
            "Example Checks",
            "2024-05-01",
        )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--floor", "1.5"], 2),
        (["-k", "0"], 2),
    ],
)
def test_match_refuses_bad_options(index: Path, args: list[str], code: int) -> None:
    assert main(["claims", "match", "x", "--index", str(index), *args]) == code


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.json", "", "no fact-checks to index"),
        ("bad.jsonl", "not json\n", "no fact-checks to index"),
        ("bad.bin", "\x00\x01", "not JSON, JSON Lines, HTML or WARC"),
    ],
)
def test_index_reports_unusable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main(["claims", "index", str(path), "--out", str(tmp_path / "x.npz")]) == 1
    assert message in capsys.readouterr().err


def test_analyze_writes_claimreview_drafts(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Harbour Budget\n\nThe harbour fee rose by 40 percent in 2023, records show. "
        "Unemployment in Otterford fell to 3.1 percent last year.\n",
        encoding="utf-8",
    )
    drafts = tmp_path / "drafts.jsonl"
    out = tmp_path / "page.json"
    code = main(
        ["analyze", str(page), "--pipeline", "structure.v1,claims.checkworthy.v1",
         "--claimreview", str(drafts), "--out", str(out), "-q"]
    )  # fmt: skip
    assert code == 0
    rows = [json.loads(line) for line in drafts.read_text(encoding="utf-8").splitlines()]
    checked = [c for c in json.loads(out.read_text())["claims"] if c["checkworthy"]]
    assert rows and len(rows) == len(checked)
    assert all(r["@type"] == "ClaimReview" and "reviewRating" not in r for r in rows)


def test_claimreview_without_the_claims_analyzer_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nBody.\n", encoding="utf-8")
    code = main(["analyze", str(page), "--pipeline", "structure.v1", "--claimreview", "x.jsonl"])
    assert code == 2


def test_unwritable_outputs_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(REVIEWS), encoding="utf-8")
    nowhere = tmp_path / "missing-folder" / "x"
    assert main(["claims", "index", str(feed), "--out", str(nowhere), "--encoder", "none"]) == 1
    assert "cannot write" in capsys.readouterr().err
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nBody.\n", encoding="utf-8")
    code = main(["analyze", str(page), "--claimreview", str(nowhere), "-q"])
    assert code == 2
    assert "--claimreview" in capsys.readouterr().err
