"""Fact-check matching on a tiny, fictional archive built in the test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsift.claims.matching import (
    FUSED_CALIBRATION,
    TFIDF_CALIBRATION,
    FactCheck,
    MatchIndex,
    build_index,
    match_rows,
)
from newsift.encoders.minilm import minilm_available
from newsift.errors import ModelError

ARCHIVE = (
    FactCheck(
        "fc-1",
        "The Glimmerton bridge collapsed because of a secret tunnel.",
        "False",
        "https://example.org/1",
        "2024-01-02",
        "Did a tunnel topple the Glimmerton bridge?",
        "Example Checks",
    ),
    FactCheck(
        "fc-2",
        "Drinking lemon water cures the Varnish flu in two days.",
        "False",
        "https://example.org/2",
        "2024-02-03",
        "Lemon water and Varnish flu",
        "Example Checks",
    ),
    FactCheck(
        "fc-3",
        "Mayor Quillby banned bicycles from every street in Otterford.",
        "Mostly false",
        "https://example.org/3",
        "2024-03-04",
        "Quillby bicycle ban",
        "Example Checks",
    ),
    FactCheck(
        "fc-4",
        "Otterford schools will close every Friday starting next year.",
        "True",
        "https://example.org/4",
        "2024-04-05",
        "Four-day school week in Otterford",
        "Example Checks",
    ),
    FactCheck(
        "fc-5",
        "A photo shows a purple whale swimming in Lake Brindle.",
        "Miscaptioned",
        "https://example.org/5",
        "2024-05-06",
        "Purple whale in Lake Brindle?",
        "Example Checks",
    ),
)

QUERIES = (
    ("Wow, the #GlimmertonBridge fell down because someone dug a secret tunnel under it!", "fc-1"),
    ("my aunt says lemon water cured her varnish flu in just 2 days", "fc-2"),
    ("Mayor Quillby has banned bicycles on all streets of Otterford", "fc-3"),
    ("Otterford schools closing on Fridays from next year??", "fc-4"),
    ("look at this purple whale in lake brindle pic.twitter.com/abc123", "fc-5"),
)


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return build_index(ARCHIVE)


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_right_fact_check_first(index: MatchIndex, query: str, expected: str) -> None:
    results = index.search(query, k=3)
    assert results[0][0].id == expected
    assert 0.0 < results[0][1] <= 1.0 + 1e-6
    assert [s for _, s in results] == sorted((s for _, s in results), reverse=True)


@pytest.mark.parametrize(("k", "at_most"), [(0, 0), (1, 1), (3, 3), (50, 5)])
def test_k_limits_results(index: MatchIndex, k: int, at_most: int) -> None:
    results = index.search("Otterford bicycles schools", k=k, floor=0.0)
    assert len(results) <= at_most
    if k:
        assert results


@pytest.mark.parametrize("query", ["", "   ", "zzzqqq xxyyzz"])
def test_unknown_text_finds_nothing(index: MatchIndex, query: str) -> None:
    assert index.search(query) == []


def test_identical_text_is_a_near_certain_match(index: MatchIndex) -> None:
    record = ARCHIVE[2]
    found, score = index.search(record.claim + " . " + record.title, k=1)[0]
    assert found == record
    assert score > 0.95


def test_save_load_round_trip(index: MatchIndex, tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = MatchIndex.load(path)
    assert loaded.records == index.records
    assert loaded.char_weight == index.char_weight
    for query, _ in QUERIES:
        before = index.search(query, k=5)
        after = loaded.search(query, k=5)
        assert [r for r, _ in after] == [r for r, _ in before]
        assert [s for _, s in after] == pytest.approx([s for _, s in before], abs=1e-6)


def test_load_refuses_other_version(index: MatchIndex, tmp_path: Path) -> None:

    path = tmp_path / "index.npz"
    index.save(path)
    with np.load(path, allow_pickle=False) as data:
        arrays = dict(data)
    arrays["version"] = np.array([999], dtype=np.int64)
    np.savez(path, **arrays)
    with pytest.raises(ModelError, match="version 999 is not one this newsift reads"):
        MatchIndex.load(path)


def test_load_refuses_a_missing_array(index: MatchIndex, tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    index.save(path)
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: v for k, v in data.items() if k != "idf"}
    np.savez(path, **arrays)
    with pytest.raises(ModelError, match="not a valid index file"):
        MatchIndex.load(path)


MINILM = minilm_available()
needs_minilm = pytest.mark.skipif(not MINILM, reason="the minilm extra is not installed")


@pytest.fixture(scope="module")
def fused_index() -> MatchIndex:
    from newsift.encoders import choose_encoder

    return build_index(ARCHIVE, encoder=choose_encoder("minilm") if MINILM else None)


@needs_minilm
@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_fused_search_finds_the_right_check_first(
    fused_index: MatchIndex, query: str, expected: str
) -> None:
    assert fused_index.fused
    assert fused_index.search(query, k=1)[0][0].id == expected


@needs_minilm
def test_fused_search_finds_paraphrases_without_shared_words(fused_index: MatchIndex) -> None:
    # no content word in common with fc-2 ("Drinking lemon water cures the Varnish flu")
    query = "a citrus drink heals that illness quickly"
    assert not any(fc.id == "fc-2" for fc, _ in build_index(ARCHIVE).search(query, k=1))
    assert fused_index.search(query, k=1, floor=0.0)[0][0].id == "fc-2"


@needs_minilm
def test_dense_vectors_survive_save_and_load(fused_index: MatchIndex, tmp_path: Path) -> None:
    from newsift.encoders import choose_encoder

    path = tmp_path / "fused.npz"
    fused_index.save(path)
    without_encoder = MatchIndex.load(path)
    assert without_encoder.dense is not None and not without_encoder.fused
    loaded = MatchIndex.load(path, encoder=choose_encoder("minilm"))
    assert loaded.fused
    query = QUERIES[2][0]
    assert [fc.id for fc, _ in loaded.search(query)] == [
        fc.id for fc, _ in fused_index.search(query)
    ]


def test_version_one_indexes_still_load(index: MatchIndex, tmp_path: Path) -> None:
    path = tmp_path / "v1.npz"
    index.save(path)
    with np.load(path, allow_pickle=False) as data:
        arrays = dict(data)
    arrays["version"] = np.array([1], dtype=np.int64)
    np.savez(path, **arrays)
    assert MatchIndex.load(path).search(QUERIES[0][0], k=1)[0][0].id == "fc-1"


UNRELATED = (
    "The striker signed a new contract with the club on Tuesday.",
    "Their execution strategy matters more than the plan itself.",
    "Interest rates stayed at 4 percent, the central bank said.",
)


@pytest.mark.parametrize("fused", [False, True])
@pytest.mark.parametrize("query", UNRELATED)
def test_an_unrelated_claim_gets_no_match(
    index: MatchIndex, fused_index: MatchIndex, fused: bool, query: str
) -> None:
    if fused and not MINILM:
        pytest.skip("the minilm extra is not installed")
    searched = fused_index if fused else index
    assert searched.search(query, k=3) == []
    assert searched.search(query, k=3, floor=0.0), "there are candidates, all below the floor"


@pytest.mark.parametrize("fused", [False, True])
@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_a_paraphrase_gets_its_fact_check_above_the_floor(
    index: MatchIndex, fused_index: MatchIndex, fused: bool, query: str, expected: str
) -> None:
    if fused and not MINILM:
        pytest.skip("the minilm extra is not installed")
    rows = match_rows(fused_index if fused else index, query, k=3)
    assert rows and rows[0]["id"] == expected
    floor = (FUSED_CALIBRATION if fused else TFIDF_CALIBRATION).floor
    assert all(floor <= float(r["score"]) <= 1.0 for r in rows)
    assert rows[0]["outlet"] == "Example Checks"


def test_version_two_indexes_load_without_outlets(index: MatchIndex, tmp_path: Path) -> None:
    path = tmp_path / "v2.npz"
    index.save(path)
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: v for k, v in data.items() if k != "record_outlet"}
    arrays["version"] = np.array([2], dtype=np.int64)
    np.savez(path, **arrays)
    loaded = MatchIndex.load(path)
    assert [r.outlet for r in loaded.records] == [""] * len(ARCHIVE)
    assert [r.claim for r in loaded.records] == [r.claim for r in ARCHIVE]
