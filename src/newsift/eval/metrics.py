"""Every figure the benchmarks and quality gates report, defined once.

Precision, recall and F1 from counts, at a score threshold, per label and
macro-averaged; ROC AUC; average precision, AP@k, reciprocal rank and
precision at k (also per page); accuracy and balanced accuracy; the best
threshold on a grid; and the bag-of-shingles scores of the Zyte article
body benchmark. Pure Python and NumPy, so a benchmark, a test or the training
code can import it without pulling in a model.

The edge cases are part of each definition, because the benchmarks print
them: ``empty`` says what a ratio with nothing to count is (0.0 where an empty
prediction earns nothing, 1.0 where nothing flagged means no false alarm, NaN
where the figure is "n/a"). F1 is the harmonic mean of precision and recall
when those are what is known, or ``2·tp / (2·tp + fp + fn)`` from counts
(the same number, without the two divisions).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

NAN = float("nan")


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float


def ratio(part: float, whole: float, *, empty: float = 0.0) -> float:
    """``part / whole``, or ``empty`` when there is nothing to divide by."""
    return part / whole if whole else empty


def harmonic_f1(precision: float, recall: float) -> float:
    """F1 of a precision and a recall; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def f1_from_counts(tp: float, fp: float, fn: float, *, empty: float = 0.0) -> float:
    """``2·tp / (2·tp + fp + fn)``; ``empty`` when nothing was predicted or true."""
    return ratio(2 * tp, 2 * tp + fp + fn, empty=empty)


def prf_from_counts(tp: float, fp: float, fn: float, *, empty: float = 0.0) -> PRF:
    """Precision and recall from counts (``empty`` for a ratio over nothing), and their F1."""
    precision = ratio(tp, tp + fp, empty=empty)
    recall = ratio(tp, tp + fn, empty=empty)
    return PRF(precision, recall, harmonic_f1(precision, recall))


def threshold_counts(
    scores: NDArray[np.float64], gold: NDArray[np.bool_], threshold: float
) -> tuple[int, int, int]:
    """(tp, fp, fn) when every score at or above ``threshold`` is called positive."""
    predicted = scores >= threshold
    tp = int(np.sum(predicted & gold))
    return tp, int(predicted.sum()) - tp, int(gold.sum()) - tp


def prf_at_threshold(scores: NDArray[np.float64], gold: NDArray[np.bool_], threshold: float) -> PRF:
    """Precision, recall and F1 of the positive class at ``threshold`` (0.0 over nothing)."""
    return prf_from_counts(*threshold_counts(scores, gold, threshold))


def f1_at_threshold(
    scores: NDArray[np.float64], gold: NDArray[np.bool_], threshold: float
) -> float:
    """F1 of the positive class at ``threshold``."""
    return f1_from_counts(*threshold_counts(scores, gold, threshold))


def macro_f1_at_threshold(
    scores: NDArray[np.float64], gold: NDArray[np.bool_], threshold: float
) -> float:
    """Mean F1 of both classes: positive at or above ``threshold``, negative below it."""
    tp, fp, fn = threshold_counts(scores, gold, threshold)
    negatives = len(gold) - tp - fp - fn  # true negatives
    return (f1_from_counts(tp, fp, fn) + f1_from_counts(negatives, fn, fp)) / 2


#: The thresholds the trainers search: 0.05 to 0.95 in steps of 0.01.
THRESHOLD_GRID = tuple(float(t) for t in np.round(np.arange(0.05, 0.951, 0.01), 2))


def best_threshold(
    scores: NDArray[np.float64],
    gold: NDArray[np.bool_],
    measure: Callable[[NDArray[np.float64], NDArray[np.bool_], float], float] | None = None,
) -> tuple[float, float]:
    """The threshold of :data:`THRESHOLD_GRID` where ``measure`` (F1 of the positive
    class by default) is highest, and that value; the lowest such threshold on a tie."""
    score_at = f1_at_threshold if measure is None else measure
    best = (THRESHOLD_GRID[0], score_at(scores, gold, THRESHOLD_GRID[0]))
    for threshold in THRESHOLD_GRID[1:]:
        value = score_at(scores, gold, threshold)
        if value > best[1]:
            best = (threshold, value)
    return best


def balanced_accuracy_at_threshold(
    scores: NDArray[np.float64], gold: NDArray[np.bool_], threshold: float
) -> float:
    """Mean of the recall of each class when scores at or above ``threshold`` are positive."""
    hit = (scores >= threshold) == gold
    return float(0.5 * hit[gold].mean() + 0.5 * hit[~gold].mean())


def grouped_precision_at_k(
    scores: NDArray[np.float64], gold: NDArray[np.bool_], group: NDArray[np.int64], k: int = 5
) -> float:
    """Mean over groups (pages) of :func:`precision_at_k` (capped) of the group's ranking by
    score, highest first (stable on ties)."""
    values = []
    for page in np.unique(group):
        mask = group == page
        order = np.argsort(-scores[mask], kind="stable")
        values.append(precision_at_k(gold[mask][order].tolist(), k, capped=True))
    return float(np.mean(values)) if values else 0.0


def label_f1(
    predicted: Sequence[str], gold: Sequence[str], labels: Iterable[str], *, empty: float = NAN
) -> dict[str, float]:
    """Each label's F1 over paired predictions; ``empty`` for a label neither side uses."""
    pairs = list(zip(predicted, gold, strict=True))
    scores = {}
    for label in labels:
        tp = sum(p == g == label for p, g in pairs)
        fp = sum(p == label != g for p, g in pairs)
        fn = sum(g == label != p for p, g in pairs)
        scores[label] = f1_from_counts(tp, fp, fn, empty=empty)
    return scores


def char_f1(predicted: Collection[int], gold: Collection[int]) -> float:
    """SemEval-2021 Task 5 (Toxic Spans) per-post F1 over character offsets: 1.0 when both
    are empty, 0.0 when only one is."""
    if not gold:
        return 1.0 if not predicted else 0.0
    if not predicted:
        return 0.0
    both = len(set(predicted) & set(gold))
    if not both:
        return 0.0
    precision, recall = both / len(predicted), both / len(gold)
    return harmonic_f1(precision, recall)


def macro_f1(predicted: Sequence[str], gold: Sequence[str], labels: Sequence[str]) -> float:
    """Mean F1 over ``labels``; a label neither side uses counts as 0."""
    return sum(label_f1(predicted, gold, labels, empty=0.0).values()) / len(labels)


def macro_f1_present(scores: Mapping[str, float]) -> float:
    """Mean of the per-label F1 values that are defined (NaN ones left out)."""
    present = [value for value in scores.values() if not math.isnan(value)]
    return sum(present) / len(present) if present else NAN


def share(flags: Iterable[bool]) -> float:
    """Share of true values; NaN when there are none to count."""
    items = list(flags)
    return ratio(sum(items), len(items), empty=NAN)


def accuracy(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Share of predictions equal to their gold value; NaN when there are none."""
    return share(p == g for p, g in zip(predicted, gold, strict=True))


def roc_auc(scores: NDArray[np.float64], gold: NDArray[np.bool_]) -> float:
    """Area under the ROC curve (tied scores count half); NaN without both classes.

    The Mann-Whitney form: the positives' mean rank among all scores, ties given
    their average rank.
    """
    positives, negatives = int(gold.sum()), int((~gold).sum())
    if not positives or not negatives:
        return NAN
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)  # 1-based rank of each distinct score's last copy
    average_rank = (last - counts + 1 + last) / 2
    ranks = average_rank[inverse.reshape(-1)]
    rank_sum = float(ranks[gold].sum())
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def average_precision(scores: NDArray[np.float64], gold: NDArray[np.bool_]) -> float:
    """Mean precision at each positive of the ranking by score (ties in input order); 0 without
    positives."""
    hits = gold[np.argsort(-scores, kind="stable")]
    if not hits.any():
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())


def average_precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """AP@k of a ranked list: precision at each relevant item of the first ``k``, summed and
    divided by ``min(len(relevant), k)``; 0 when nothing is relevant."""
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], 1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k) if relevant else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: Collection[str]) -> float:
    """1 / the rank of the first relevant item; 0 when none is ranked."""
    return next((1.0 / rank for rank, item in enumerate(ranked, 1) if item in relevant), 0.0)


def precision_at_k(ranked_gold: Sequence[bool], k: int = 5, *, capped: bool = False) -> float:
    """Share of relevant items among the first ``k`` of a ranking, over ``min(k, its length)``.

    ``capped`` also caps the divisor by the number of relevant items, so that a list
    with fewer than ``k`` of them can still score 1.
    """
    cap = min(k, len(ranked_gold))
    if capped:
        cap = min(cap, sum(ranked_gold))
    return sum(ranked_gold[:k]) / max(cap, 1)


_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Bag of word n-grams (``\\w+`` tokens); a text shorter than ``size`` is one n-gram."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class BodyScores:
    """The Zyte article-body benchmark's figures over a set of pages."""

    f1: float
    precision: float
    recall: float
    exact: float


def body_scores(pairs: Iterable[tuple[str, str]]) -> BodyScores:
    """(truth, predicted) body texts scored as the Zyte benchmark defines it.

    Per page, the precision and recall of the predicted bag of 4-word shingles
    against the true one (a page with nothing predicted and nothing true counts 1;
    one with nothing predicted has no precision); the means over pages, their F1,
    and the share of pages whose tokens are exactly right.
    """
    precisions, recalls, exact = [], [], []
    for truth, predicted in pairs:
        true_bag, predicted_bag = shingles(truth), shingles(predicted)
        tp = sum((true_bag & predicted_bag).values())
        fp, fn = sum(predicted_bag.values()) - tp, sum(true_bag.values()) - tp
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        elif fn == 0:
            precisions.append(1.0)
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
        elif fp == 0:
            recalls.append(1.0)
        exact.append(_TOKEN.findall(truth) == _TOKEN.findall(predicted))
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    return BodyScores(harmonic_f1(p, r), p, r, sum(exact) / len(exact))
