"""Fact-check matching on a tiny, fictional archive built in the test."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsift.claims.matching import FactCheck, MatchIndex, build_index, read_factchecks
from newsift.errors import ModelError

ARCHIVE = (
    FactCheck(
        "fc-1",
        "The Glimmerton bridge collapsed because of a secret tunnel.",
        "False",
        "https://example.org/1",
        "2024-01-02",
        "Did a tunnel topple the Glimmerton bridge?",
    ),
    FactCheck(
        "fc-2",
        "Drinking lemon water cures the Varnish flu in two days.",
        "False",
        "https://example.org/2",
        "2024-02-03",
        "Lemon water and Varnish flu",
    ),
    FactCheck(
        "fc-3",
        "Mayor Quillby banned bicycles from every street in Otterford.",
        "Mostly false",
        "https://example.org/3",
        "2024-03-04",
        "Quillby bicycle ban",
    ),
    FactCheck(
        "fc-4",
        "Otterford schools will close every Friday starting next year.",
        "True",
        "https://example.org/4",
        "2024-04-05",
        "Four-day school week in Otterford",
    ),
    FactCheck(
        "fc-5",
        "A photo shows a purple whale swimming in Lake Brindle.",
        "Miscaptioned",
        "https://example.org/5",
        "2024-05-06",
        "Purple whale in Lake Brindle?",
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
    results = index.search("Otterford bicycles schools", k=k)
    assert len(results) <= at_most
    if k:
        assert results


@pytest.mark.parametrize("query", ["", "   ", "zzzqqq xxyyzz"])
def test_unknown_text_finds_nothing(index: MatchIndex, query: str) -> None:
    assert index.search(query) == []


def test_identical_text_scores_one(index: MatchIndex) -> None:
    record = ARCHIVE[2]
    found, score = index.search(record.claim + " . " + record.title, k=1)[0]
    assert found == record
    assert score == pytest.approx(1.0, abs=1e-5)


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


@pytest.mark.parametrize(
    ("lines", "ids", "skipped"),
    [
        ([{"id": "a", "claim": "Claim A", "rating": "False", "url": "u", "date": "d"}], ["a"], 0),
        (['{"claim": "no id", "url": "https://x.org/1"}'], ["https://x.org/1"], 0),
        (['{"claim": "no id, no url"}'], ["line-1"], 0),
        (["not json", '{"claim": "ok", "id": "b"}', "[1, 2]", '{"rating": "False"}'], ["b"], 3),
        (
            [
                '{"vclaim_id": "v1", "vclaim": "Snopes claim", "title": "T", "page_url": "p", "date": "6 March 2021"}'
            ],
            ["v1"],
            0,
        ),
        (
            [
                '{"claimReviewed": "CR", "reviewRating": {"alternateName": "Pants on fire"}}',
                "",
                "{broken",
            ],
            ["line-1"],
            1,
        ),
        ([], [], 0),
    ],
)
def test_read_factchecks(tmp_path: Path, lines: list[object], ids: list[str], skipped: int) -> None:
    path = tmp_path / "checks.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    records, bad = read_factchecks(path)
    assert [r.id for r in records] == ids
    assert bad == skipped


def test_read_factchecks_fields(tmp_path: Path) -> None:
    path = tmp_path / "checks.jsonl"
    rows = [
        {"vclaim_id": "v1", "vclaim": "Snopes claim", "title": "T", "page_url": "p", "date": "d"},
        {"claimReviewed": "CR", "reviewRating": {"alternateName": "Pants on fire"}, "url": "u"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    records, _ = read_factchecks(path)
    assert records == [
        FactCheck("v1", "Snopes claim", "", "p", "d", "T"),
        FactCheck("u", "CR", "Pants on fire", "u", "", ""),
    ]


needs_minilm = pytest.mark.skipif(
    not __import__("newsift.encoders.minilm", fromlist=["x"]).minilm_available(),
    reason="the minilm extra is not installed",
)


@pytest.fixture(scope="module")
def fused_index() -> MatchIndex:
    from newsift.encoders import choose_encoder

    return build_index(ARCHIVE, encoder=choose_encoder("minilm"))


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
    assert fused_index.search(query, k=1)[0][0].id == "fc-2"


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
