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


def precision_recall(found: set[Any], truth: set[Any]) -> dict[str, float]:
    hits = len(found & truth)
    return {
        "precision": round(hits / len(found), 4) if found else 1.0,
        "recall": round(hits / len(truth), 4) if truth else 1.0,
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
