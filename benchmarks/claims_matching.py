"""Fact-check matching on CheckThat! 2022 2A English: ranking, and the match floor.

    python benchmarks/claims_matching.py [--split dev|train] [--encoder auto|minilm|none]
                                         [--floor P] [--char-weight W] [--no-title]
    python benchmarks/claims_matching.py --calibrate [--encoder minilm|none]

Data: ../shared/data/claims/checkthat2022_task2a_en/ (see ../shared/data/claims/PROVENANCE.md).
The index is built from vclaims.jsonl (14,231 Snopes fact-checks); the queries are
the tweets of CT2022-Task2A-EN-Train-Dev_Queries.tsv that have a qrel in the chosen
split. With the MiniLM encoder (the minilm extra) the archive vectors are cached under
$NEWSIFT_CACHE (default /tmp/newsift-cache), so a second run skips encoding.

Figures:
- MAP@5 and MRR of the ranking (no floor: every query gets its five best candidates);
- with the floor (``--floor``, default the calibration's floor), each query
  asked twice: against the whole archive (its fact-check is there) and against the
  archive with its fact-check(s) removed (their rows dropped from the scores; the
  IDF and z-score statistics keep that one record, a 1-in-14,231 difference).
  "precision of shown matches" counts, over the first kind, the shown matches that
  are the query's fact-check; "found" is the share of those queries whose
  fact-check is shown; "no match" the share of the second kind that get none.

``--calibrate`` fits the logistic models of ``newsift.claims.matching``
(``TFIDF_CALIBRATION`` / ``FUSED_CALIBRATION``) on the TRAIN queries, both kinds,
features of each query's five best candidates, and prints them with the floor the
train queries suggest; the constants in the module were made this way. Settings are
chosen on train only; the reported figures are dev. The anchors are published
figures on the test queries (another split): they locate the matcher, they are not
a like-for-like comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.claims.claimreview import read_archive
from newsift.claims.matching import (
    DEFAULT_CHAR_WEIGHT,
    FUSED_CALIBRATION,
    TFIDF_CALIBRATION,
    MatchIndex,
    build_index,
    fused_score,
    select_matches,
)
from newsift.encoders import ENCODER_CHOICES, choose_encoder
from newsift.encoders.cache import CachedMiniLM
from newsift.eval.metrics import average_precision_at_k, reciprocal_rank

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "claims" / "checkthat2022_task2a_en"
)
QUERIES = "CT2022-Task2A-EN-Train-Dev_Queries.tsv"
QRELS = {"train": "CT2022-Task2A-EN-Train_QRELs.tsv", "dev": "CT2022-Task2A-EN-Dev_QRELs.tsv"}
ANCHORS = (
    ("TF-IDF char n-grams, CT2022 2A test (measured here)", 0.863),
    ("TF-IDF + MiniLM z-fused, CT2022 2A test (measured here)", 0.923),
    ("best CT2022 2A systems, test (approx.)", 0.95),
)
#: dev MAP@5 of the z-fused ranking before the calibrated re-ranking (README, issue 16)
PREVIOUS_MAP5 = {"tfidf": 0.900, "fused": 0.944}
GOAL_PRECISION = 0.90
GOAL_NO_MATCH = 0.90
K = 5


def read_queries(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            query_id, text = line.split("\t", 1)
            out[query_id.strip()] = text
    return out


def read_qrels(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[3].strip() != "0":
            out.setdefault(parts[0].strip(), set()).add(parts[2].strip())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(QRELS), default="dev")
    parser.add_argument("--char-weight", type=float, default=DEFAULT_CHAR_WEIGHT)
    parser.add_argument("--no-title", action="store_true")
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default="none")
    parser.add_argument("--floor", type=float, help="default: the calibrated floor")
    parser.add_argument("--calibrate", action="store_true", help="fit on train and print")
    args = parser.parse_args()
    encoder = CachedMiniLM() if choose_encoder(args.encoder) is not None else None
    corpus = DATA / "vclaims.jsonl"
    if not corpus.is_file():
        print(f"CheckThat! 2022 2A data not found at {DATA}", file=sys.stderr)
        return 1
    archive = read_archive([corpus])
    start = time.perf_counter()
    index = build_index(
        archive.records, char_weight=args.char_weight, use_title=not args.no_title, encoder=encoder
    )
    build_s = time.perf_counter() - start
    split = "train" if args.calibrate else args.split
    queries = read_queries(DATA / QUERIES)
    qrels = {q: r for q, r in read_qrels(DATA / QRELS[split]).items() if q in queries}
    ids = np.array([r.id for r in index.records])
    if args.calibrate:
        return calibrate(index, ids, queries, qrels)
    calibration = FUSED_CALIBRATION if encoder is not None else TFIDF_CALIBRATION
    floor = calibration.floor if args.floor is None else args.floor
    tally = Tally(before=PREVIOUS_MAP5["fused" if encoder is not None else "tfidf"])
    for query_id, relevant in sorted(qrels.items()):
        start = time.perf_counter()
        sparse, dense = index.cosines(queries[query_id])
        tally.latencies.append((time.perf_counter() - start) * 1000.0)
        tally.add(ids, relevant, sparse, dense, floor)
    print(f"archive: {len(index):,} fact-checks, {corpus.name}")
    print(
        f"settings: char_weight={args.char_weight} use_title={not args.no_title} "
        f"encoder={'minilm (z-fused)' if encoder else 'none (TF-IDF)'} floor={floor}"
    )
    print(f"queries: {len(qrels)} ({split} qrels), each with and without its fact-check")
    print()
    tally.print_table(split, floor)
    print(f"| index build (s) | {build_s:.2f} | | |")
    return 0


@dataclass
class Tally:
    """Per-query outcomes of the ranking and of the floor."""

    before: float  # MAP@5 of the same encoder before the calibrated re-ranking
    aps: list[float] = field(default_factory=list)
    rrs: list[float] = field(default_factory=list)
    shown: int = 0
    shown_right: int = 0
    found: int = 0
    no_match: int = 0
    latencies: list[float] = field(default_factory=list)

    def add(
        self,
        ids: NDArray[np.str_],
        relevant: set[str],
        sparse: NDArray[np.float64],
        dense: NDArray[np.float64] | None,
        floor: float,
    ) -> None:
        ranked = [str(ids[i]) for i, _ in select_matches(sparse, dense, 100, 0.0)]
        self.aps.append(average_precision_at_k(ranked, relevant, K))
        self.rrs.append(reciprocal_rank(ranked, relevant))
        shown = [str(ids[i]) for i, _ in select_matches(sparse, dense, K, floor)]
        self.shown += len(shown)
        self.shown_right += sum(doc in relevant for doc in shown)
        self.found += any(doc in relevant for doc in shown)
        keep = ~np.isin(ids, sorted(relevant))
        without = select_matches(sparse[keep], None if dense is None else dense[keep], K, floor)
        self.no_match += not without

    def print_table(self, split: str, floor: float) -> None:
        n = len(self.aps)
        map5, mrr = statistics.fmean(self.aps), statistics.fmean(self.rrs)
        precision = self.shown_right / self.shown if self.shown else 0.0
        print("| metric | value | anchor / goal | ratio |")
        print("|---|---|---|---|")
        print(
            f"| MAP@5 ({split}, ranking) | {map5:.3f} | before re-ranking {self.before:.3f} | "
            f"{map5 / self.before:.3f} |"
        )
        for name, anchor in ANCHORS:
            print(f"| MAP@5 vs {name} | {map5:.3f} | {anchor:.3f} | {map5 / anchor:.3f} |")
        print(f"| MRR ({split}) | {mrr:.3f} | | |")
        print(
            f"| precision of shown matches (floor {floor:.2f}) | {precision:.3f} "
            f"({self.shown_right}/{self.shown}) | >= {GOAL_PRECISION:.2f} | "
            f"{precision / GOAL_PRECISION:.3f} |"
        )
        share = self.no_match / n if n else 0.0
        print(
            f"| no match, fact-check removed | {share:.3f} ({self.no_match}/{n}) | "
            f">= {GOAL_NO_MATCH:.2f} | {share / GOAL_NO_MATCH:.3f} |"
        )
        print(
            f"| fact-check shown, fact-check present | {self.found / n:.3f} "
            f"({self.found}/{n}) | | |"
        )
        print(
            f"| query latency, median / p95 (ms) | {_quantile(self.latencies, 0.5):.1f} / "
            f"{_quantile(self.latencies, 0.95):.1f} | | |"
        )


def calibrate(
    index: MatchIndex, ids: NDArray[np.str_], queries: dict[str, str], qrels: dict[str, set[str]]
) -> int:
    """Fit the logistic model on train candidates (both kinds of query) and print it."""
    rows: list[list[float]] = []
    labels: list[float] = []
    per_query: list[tuple[list[list[float]], list[float], list[list[float]]]] = []
    for query_id, relevant in sorted(qrels.items()):
        sparse, dense = index.cosines(queries[query_id])
        right = np.isin(ids, sorted(relevant))
        with_features, with_labels = _candidates(sparse, dense, right, None)
        without_features, _ = _candidates(sparse, dense, right, ~right)
        rows += with_features + without_features
        labels += with_labels + [0.0] * len(without_features)
        per_query.append((with_features, with_labels, without_features))
    features = np.array(rows)
    weights = fit_logistic(features, np.array(labels))
    names = ("intercept", "sparse", "dense") if features.shape[1] == 2 else ("intercept", "sparse")
    print("fitted on", len(per_query), "train queries,", len(labels), "candidates:")
    print(", ".join(f"{n}={w:.3f}" for n, w in zip(names, weights, strict=True)))
    suggested = None
    for floor in [round(0.3 + 0.05 * i, 2) for i in range(11)]:
        shown = right_shown = no_match = 0
        for with_features, with_labels, without_features in per_query:
            p_with = _probability(weights, np.array(with_features))
            shown += int((p_with >= floor).sum())
            right_shown += int(((p_with >= floor) & (np.array(with_labels) > 0)).sum())
            no_match += not bool((_probability(weights, np.array(without_features)) >= floor).any())
        precision, share = right_shown / max(shown, 1), no_match / len(per_query)
        print(f"floor {floor:.2f}: train precision {precision:.3f}, no match {share:.3f}")
        if suggested is None and precision >= GOAL_PRECISION and share >= GOAL_NO_MATCH:
            suggested = floor
    print(f"floor: {suggested} (the lowest that meets both goals on train)")
    return 0


def _candidates(
    sparse: NDArray[np.float64],
    dense: NDArray[np.float64] | None,
    right: NDArray[np.bool_],
    keep: NDArray[np.bool_] | None,
) -> tuple[list[list[float]], list[float]]:
    """Features (cosines) and labels of the K best candidates by the fused score."""
    if keep is not None:
        sparse, right = sparse[keep], right[keep]
        dense = None if dense is None else dense[keep]
    top = np.argsort(-fused_score(sparse, dense), kind="stable")[:K]
    features = [[float(sparse[i])] + ([] if dense is None else [float(dense[i])]) for i in top]
    return features, [float(right[i]) for i in top]


def fit_logistic(
    x: NDArray[np.float64], y: NDArray[np.float64], l2: float = 1e-3
) -> NDArray[np.float64]:
    """Intercept and weights of an L2-regularised logistic regression (Newton steps)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + l2 * weights
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + l2 * np.eye(len(weights))
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return weights


def _probability(weights: NDArray[np.float64], x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-(weights[0] + x @ weights[1:]))))


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


if __name__ == "__main__":
    sys.exit(main())
