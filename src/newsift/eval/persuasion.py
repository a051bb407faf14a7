"""Scorers of SemEval-2020 Task 11, written from the task's definitions.

* Span identification (SI): precision and recall with partial credit for
  overlap. Per article, overlapping gold spans are merged (and predicted ones
  too, as the official scorer's ``-m`` option does); then, over all articles,
  ``P = Σ_s Σ_t |s∩t| / |s|`` over predicted spans ``s`` divided by their number, and
  ``R = Σ_t Σ_s |s∩t| / |t|`` over gold spans ``t`` divided by their number.
  Since merged spans do not overlap one another, each ``Σ_t`` is the share of
  ``s`` that gold covers. ``F1 = 2PR / (P + R)``.
* Technique classification (TC): micro-averaged F1 over (span, technique)
  instances. Where the same span carries k gold techniques, predictions for
  that span are matched to them in the best order (a multiset intersection),
  so with one prediction per gold instance P = R = F1 = accuracy.

Spans are half-open character ranges ``(start, end)``; articles are keyed by id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsift.eval.metrics import harmonic_f1, ratio

SpanList = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined (touching ones stay apart), empty ones dropped, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def si_score(
    predicted: Mapping[str, SpanList], gold: Mapping[str, SpanList], *, merge_predicted: bool = True
) -> PRF:
    """SI precision, recall and F1 over every article in ``gold`` (missing predictions: none)."""
    unknown = set(predicted) - set(gold)
    if unknown:
        raise ValueError(f"predictions for articles without gold: {sorted(unknown)[:3]}")
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article, gold_spans in gold.items():
        truth = merge_spans(gold_spans)
        raw = predicted.get(article, ())
        guess = merge_spans(raw) if merge_predicted else [s for s in raw if s[1] > s[0]]
        n_pred += len(guess)
        n_gold += len(truth)
        for s in guess:
            p_sum += sum(_overlap(s, t) for t in truth) / (s[1] - s[0])
        for t in truth:
            r_sum += sum(_overlap(s, t) for s in guess) / (t[1] - t[0])
    precision = ratio(p_sum, n_pred)
    recall = ratio(r_sum, n_gold)
    return PRF(precision, recall, harmonic_f1(precision, recall), n_pred, n_gold)


Instance = tuple[str, int, int, str]  # article, start, end, technique


def tc_score(predicted: Iterable[Instance], gold: Iterable[Instance]) -> PRF:
    """TC micro precision, recall and F1: labels of the same span matched as multisets."""
    pred_by_span: dict[tuple[str, int, int], Counter[str]] = {}
    gold_by_span: dict[tuple[str, int, int], Counter[str]] = {}
    for article, start, end, label in predicted:
        pred_by_span.setdefault((article, start, end), Counter())[label] += 1
    for article, start, end, label in gold:
        gold_by_span.setdefault((article, start, end), Counter())[label] += 1
    n_pred = sum(c.total() for c in pred_by_span.values())
    n_gold = sum(c.total() for c in gold_by_span.values())
    hits = sum(
        (labels & gold_by_span.get(key, Counter())).total() for key, labels in pred_by_span.items()
    )
    precision = ratio(hits, n_pred)
    recall = ratio(hits, n_gold)
    return PRF(precision, recall, harmonic_f1(precision, recall), n_pred, n_gold)
