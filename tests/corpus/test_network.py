"""The synthetic network: the ledger flags the planted personas, clusters find the copies.

Runs the real attribution pipeline (spaCy) on a handful of generated articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsift.batch.run import run_batch
from newsift.corpus.analyze import analyze_corpus, load_result
from newsift.corpus.evaluation import score_duplicates, score_personas
from newsift.corpus.report import render_report
from newsift.corpus.synthetic import SyntheticCorpus, generate, write_jsonl


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SyntheticCorpus]:
    folder = tmp_path_factory.mktemp("network")
    corpus = generate(20, seed=1, network_outlets=2, independent=3, personas=2, experts=3)
    sourcing = ("structure.v1", "attribution.quotes.v1", "attribution.flags.v1")  # no claims
    run_batch(
        [write_jsonl(corpus, folder / "in.jsonl")], folder / "out", shards=2, pipeline=sourcing
    )
    analyze_corpus(folder / "out")
    return folder / "out", corpus


def test_the_ledger_flags_exactly_the_planted_personas(
    analysed: tuple[Path, SyntheticCorpus],
) -> None:
    out, corpus = analysed
    ledger = load_result(out)["ledger"]
    score = score_personas(ledger, corpus.network_personas)
    assert (score["precision"], score["recall"]) == (1.0, 1.0)
    flagged = [row for row in ledger if "cluster_confined" in row["flags"]]
    for row in flagged:
        assert len(row["outlets"]) >= 2 and len(row["outlet_clusters"]) == 1
    variants = {v for row in flagged for v in row["variants"]}
    assert any(re.search(r"\b[A-Z]\. ", v) for v in variants)  # "Dr. L. Falk" merged in


def test_clusters_find_every_copy(analysed: tuple[Path, SyntheticCorpus]) -> None:
    out, corpus = analysed
    result = load_result(out)
    assert score_duplicates(result["duplicates"], corpus.duplicate_groups) == {
        "precision": 1.0, "recall": 1.0, "found": 2, "truth": 2}  # fmt: skip
    copies = [row for row in result["duplicates"] if not row["first"]]
    assert all(row["diff"] for row in copies)


def test_profiles_show_byline_reuse_and_null_for_absent_layers(
    analysed: tuple[Path, SyntheticCorpus],
) -> None:
    out, _ = analysed
    result = load_result(out)
    reused = {row["author"] for row in result["authors"] if row["byline_reuse"]}
    assert reused, "network authors write for several outlets"
    assert all(row["checkworthy_per_1000_words"] is None for row in result["outlets"])
    assert all(row["anonymous_share"] is not None for row in result["outlets"])


def test_report_is_self_contained_and_escaped(analysed: tuple[Path, SyntheticCorpus]) -> None:
    out, _ = analysed
    result = load_result(out)
    result["ledger"][0]["person"] = "<script>alert(1)</script>"
    page = render_report(result)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<svg" in page and "cluster_confined" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
