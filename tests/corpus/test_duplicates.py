"""Near-duplicate clusters with MinHash LSH, the first-seen copy, and word diffs."""

from __future__ import annotations

import json

from newsift.corpus.duplicates import body_text, find_clusters, shingles, word_diff

BASE = ("The port authority said on Monday that the harbour expansion would cost 40 million "
        "euros more than planned, and officials warned that steel prices had risen sharply. "
        "Residents packed a hearing on Thursday to ask for an independent audit of the plan, "
        "while the mayor said a revised budget would follow in May.")  # fmt: skip
OTHER = ("A new transit line opened in the north of the city after six years of building. "
         "Riders said trains were full at rush hour, and the transport board promised more "
         "carriages by the spring, along with new night services on weekends.")  # fmt: skip


def row(doc_id: str, text: str, outlet: str, published: str) -> dict[str, object]:
    doc = {"id": doc_id, "text": text, "regions": []}
    return {"id": doc_id, "outlet": outlet, "author": "A", "published": published,
            "json": json.dumps(doc)}  # fmt: skip


def test_light_edits_cluster_and_the_earliest_copy_comes_first() -> None:
    edited = BASE.replace("said on Monday", "stated on Monday").replace("May", "June")
    docs = [row("b", edited, "two.example", "2025-03-02"), row("a", BASE, "one.example",
            "2025-03-01"), row("c", OTHER, "three.example", "2025-03-01")]  # fmt: skip
    clusters = find_clusters(docs)
    assert len(clusters) == 1
    first, copy = clusters[0]
    assert (first.doc_id, first.outlet, first.diff) == ("a", "one.example", "")
    assert copy.doc_id == "b" and 0.6 <= copy.similarity < 1.0
    assert copy.diff == "-said +stated; -May. +June."


def test_unrelated_texts_do_not_cluster() -> None:
    assert find_clusters([row("a", BASE, "x", "2025"), row("c", OTHER, "y", "2025")]) == []


def test_body_text_uses_body_regions() -> None:
    doc = {
        "text": "Title\n\nBody here",
        "regions": [
            {"kind": "headline", "start": 0, "end": 5},
            {"kind": "body", "start": 7, "end": 16},
        ],
    }
    assert body_text(doc) == "Body here"


def test_shingles_and_diff_limits() -> None:
    assert shingles("a b c") == {"a b c"}
    assert len(shingles("one two three four five")) == 2
    assert word_diff("a b c d", "a x c y", limit=1) == "-b +x; ... 1 more"
