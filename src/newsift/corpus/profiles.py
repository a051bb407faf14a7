"""Author and outlet profiles: how each byline and each site sources and argues.

Per author (and per outlet): documents, words, the share of sources that are
anonymous, persuasion techniques per 1,000 words, check-worthy claims per 1,000
words, mean comment toxicity, and byline reuse (for an author: the outlets the
byline appears in; for an outlet: its bylines that also appear elsewhere).
A rate whose layer no document of the group has (the pipeline did not run
that analyzer) is ``None``, shown as null: absent is not zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Row = dict[str, Any]


def build_profiles(
    documents: Sequence[Mapping[str, Any]],
    sources: Iterable[Mapping[str, Any]],
    claims: Iterable[Mapping[str, Any]],
    techniques: Iterable[Mapping[str, Any]],
    toxicity: Iterable[Mapping[str, Any]],
) -> tuple[list[Row], list[Row]]:
    """``(authors, outlets)`` profile rows, most documents first."""
    per_doc = _per_document(documents, sources, claims, techniques, toxicity)
    outlets_of_author: dict[str, set[str]] = defaultdict(set)
    authors_of_outlet: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        if doc.get("author") and doc.get("outlet"):
            outlets_of_author[str(doc["author"])].add(str(doc["outlet"]))
            authors_of_outlet[str(doc["outlet"])].add(str(doc["author"]))
    authors = _profiles(documents, per_doc, "author")
    for row in authors:
        row["outlets"] = sorted(outlets_of_author.get(row["author"], set()))
        row["byline_reuse"] = len(row["outlets"]) > 1
    outlets = _profiles(documents, per_doc, "outlet")
    for row in outlets:
        bylines = authors_of_outlet.get(row["outlet"], set())
        row["authors"] = len(bylines)
        row["shared_bylines"] = sorted(a for a in bylines if len(outlets_of_author[a]) > 1)
    return authors, outlets


def _per_document(
    documents: Sequence[Mapping[str, Any]],
    sources: Iterable[Mapping[str, Any]],
    claims: Iterable[Mapping[str, Any]],
    techniques: Iterable[Mapping[str, Any]],
    toxicity: Iterable[Mapping[str, Any]],
) -> dict[str, dict[str, float]]:
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for source in sources:
        doc = stats[str(source["doc_id"])]
        doc["sources"] += 1
        doc["anonymous"] += 1 if source.get("anonymous") else 0
    for claim in claims:
        stats[str(claim["doc_id"])]["checkworthy"] += 1 if claim.get("checkworthy") else 0
    for technique in techniques:
        stats[str(technique["doc_id"])]["techniques"] += 1
    for item in toxicity:
        if item.get("score") is not None:
            doc = stats[str(item["doc_id"])]
            doc["toxicity_sum"] += float(item["score"])
            doc["toxicity_n"] += 1
    return stats


def _profiles(
    documents: Sequence[Mapping[str, Any]], per_doc: Mapping[str, Mapping[str, float]], by: str
) -> list[Row]:
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for doc in documents:
        if doc.get(by):
            groups[str(doc[by])].append(doc)
    rows = []
    for name, docs in groups.items():
        words = sum(int(d.get("words") or 0) for d in docs)
        layers = set().union(*(str(d.get("layers") or "").split(",") for d in docs))
        total = {
            k: sum(per_doc.get(str(d["id"]), {}).get(k, 0.0) for d in docs)
            for k in (
                "sources",
                "anonymous",
                "checkworthy",
                "techniques",
                "toxicity_sum",
                "toxicity_n",
            )
        }
        rows.append(
            {
                by: name,
                "documents": len(docs),
                "words": words,
                "sources": int(total["sources"]),
                "anonymous_share": _ratio(total["anonymous"], total["sources"]),
                "techniques_per_1000_words": _rate(
                    total["techniques"], words, "techniques" in layers
                ),
                "checkworthy_per_1000_words": _rate(
                    total["checkworthy"], words, "claims" in layers
                ),
                "comment_toxicity": _ratio(total["toxicity_sum"], total["toxicity_n"])
                if "toxicity" in layers
                else None,
            }
        )
    return sorted(rows, key=lambda r: (-r["documents"], r[by]))


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _rate(count: float, words: int, present: bool) -> float | None:
    if not present or not words:
        return None
    return round(1000 * count / words, 3)
