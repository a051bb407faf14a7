"""Score corpus analysis against a synthetic corpus's planted truth.

- personas: a person counts as found when the ledger flags them
  ``cluster_confined``; precision over every flagged person, recall over the
  planted network personas (matched by canonical "First Last", case-folded);
- duplicates: pairs of documents in the same cluster, against the pairs of the
  planted duplicate groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from newsift.eval.metrics import ratio


def precision_recall(found: set[Any], truth: set[Any]) -> dict[str, float]:
    """Set precision and recall, rounded; 1.0 over an empty set (nothing found, nothing wrong)."""
    hits = len(found & truth)
    return {
        "precision": round(ratio(hits, len(found), empty=1.0), 4),
        "recall": round(ratio(hits, len(truth), empty=1.0), 4),
        "found": len(found),
        "truth": len(truth),
    }


def score_personas(
    ledger: Iterable[Mapping[str, Any]], personas: Sequence[str]
) -> dict[str, float]:
    flagged = {str(r["key"]) for r in ledger if "cluster_confined" in r["flags"]}
    return precision_recall(flagged, {p.lower() for p in personas})


def score_duplicates(
    duplicates: Iterable[Mapping[str, Any]], groups: Sequence[Sequence[str]]
) -> dict[str, float]:
    clusters: dict[int, list[str]] = {}
    for row in duplicates:
        clusters.setdefault(int(row["cluster"]), []).append(str(row["doc_id"]))
    found = {frozenset(p) for ids in clusters.values() for p in combinations(sorted(ids), 2)}
    truth = {frozenset(p) for ids in groups for p in combinations(sorted(ids), 2)}
    return precision_recall(found, truth)
