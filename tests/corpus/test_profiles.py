"""Author and outlet profiles: rates per 1,000 words, null for absent layers, byline reuse."""

from __future__ import annotations

from newsift.corpus.ledger import build_ledger, outlet_clusters
from newsift.corpus.profiles import build_profiles

DOCS = [
    {"id": "a", "outlet": "one.example", "author": "Ann Lee", "published": "2025-01-01",
     "words": 500, "layers": "regions,sources,techniques,toxicity"},
    {"id": "b", "outlet": "two.example", "author": "Ann Lee", "published": "2025-01-02",
     "words": 500, "layers": "regions,sources"},
    {"id": "c", "outlet": "three.example", "author": "Bo Ng", "published": "2025-01-03",
     "words": 1000, "layers": "regions,sources"},
]  # fmt: skip
SOURCES = [
    {"doc_id": "a", "name": "Dr. Lennart Vosskuhl", "kind": "person", "named": True,
     "anonymous": False, "to_author": True, "quotes": 2, "descriptor": "a fellow"},
    {"doc_id": "b", "name": "L. Vosskuhl", "kind": "person", "named": True,
     "anonymous": False, "to_author": True, "quotes": 1, "descriptor": "an analyst"},
    {"doc_id": "b", "name": "a senior official", "kind": "person", "named": False,
     "anonymous": True, "to_author": False, "quotes": 1},
    {"doc_id": "c", "name": "Mia Holt", "kind": "person", "named": True,
     "anonymous": False, "to_author": False, "quotes": 1},
]  # fmt: skip


def test_profiles_rates_and_nulls() -> None:
    techniques = [{"doc_id": "a"}, {"doc_id": "a"}]
    toxicity = [{"doc_id": "a", "score": 0.2}, {"doc_id": "a", "score": 0.6}]
    authors, outlets = build_profiles(DOCS, SOURCES, [], techniques, toxicity)
    ann = next(r for r in authors if r["author"] == "Ann Lee")
    assert (ann["documents"], ann["outlets"], ann["byline_reuse"]) == (
        2, ["one.example", "two.example"], True)  # fmt: skip
    assert ann["anonymous_share"] == round(1 / 3, 4)
    assert ann["techniques_per_1000_words"] == 2.0 and ann["comment_toxicity"] == 0.4
    assert ann["checkworthy_per_1000_words"] is None  # no document has claims
    bo = next(r for r in authors if r["author"] == "Bo Ng")
    assert bo["techniques_per_1000_words"] is None and bo["byline_reuse"] is False
    two = next(r for r in outlets if r["outlet"] == "two.example")
    assert two["shared_bylines"] == ["Ann Lee"] and two["authors"] == 1


def test_ledger_merges_variants_and_flags_a_confined_persona() -> None:
    clusters = outlet_clusters(DOCS, [])
    assert clusters["one.example"] == clusters["two.example"] != clusters["three.example"]
    ledger = build_ledger(SOURCES, DOCS, clusters)
    vosskuhl = next(r for r in ledger if r["key"] == "lennart vosskuhl")
    assert vosskuhl["variants"] == ["Dr. Lennart Vosskuhl", "L. Vosskuhl"]
    assert vosskuhl["outlets"] == ["one.example", "two.example"]
    assert vosskuhl["flags"] == ["cluster_confined", "only_to_author"]
    assert vosskuhl["descriptors"] == ["a fellow", "an analyst"]
    holt = next(r for r in ledger if r["key"] == "mia holt")
    assert holt["flags"] == []
    assert all(r["key"] != "a senior official" for r in ledger)  # unnamed: not in the ledger
