"""newsift.eval.metrics: each figure against cases worked by hand or by brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from newsift.eval import metrics


@pytest.mark.parametrize(
    ("counts", "empty", "expected"),
    [
        ((3, 1, 2), 0.0, (0.75, 0.6, 2 / 3)),
        ((0, 0, 4), 0.0, (0.0, 0.0, 0.0)),  # nothing predicted earns nothing
        ((0, 0, 4), 1.0, (1.0, 0.0, 0.0)),  # ... or is no false alarm
        ((0, 0, 0), 1.0, (1.0, 1.0, 1.0)),
        ((5, 0, 0), 0.0, (1.0, 1.0, 1.0)),
    ],
)
def test_prf_from_counts(
    counts: tuple[int, int, int], empty: float, expected: tuple[float, float, float]
) -> None:
    found = metrics.prf_from_counts(*counts, empty=empty)
    assert (found.precision, found.recall, found.f1) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("counts", "expected"), [((3, 1, 2), 2 / 3), ((0, 2, 2), 0.0), ((4, 0, 0), 1.0)]
)
def test_f1_from_counts_is_the_harmonic_mean(counts: tuple[int, int, int], expected: float) -> None:
    tp, fp, fn = counts
    assert metrics.f1_from_counts(tp, fp, fn) == pytest.approx(expected)
    harmonic = metrics.harmonic_f1(metrics.ratio(tp, tp + fp), metrics.ratio(tp, tp + fn))
    assert metrics.f1_from_counts(tp, fp, fn) == pytest.approx(harmonic)


def test_f1_from_counts_over_nothing_is_the_given_empty_value() -> None:
    assert math.isnan(metrics.f1_from_counts(0, 0, 0, empty=math.nan))
    assert metrics.f1_from_counts(0, 0, 0) == 0.0


SCORES = np.array([0.9, 0.8, 0.7, 0.5, 0.5, 0.3, 0.2, 0.1])
GOLD = np.array([True, False, True, True, False, False, True, False])


@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.5, 0.75, 0.95])
def test_threshold_figures_against_counting_by_hand(threshold: float) -> None:
    predicted = np.greater_equal(SCORES, threshold)
    tp = sum(p and g for p, g in zip(predicted, GOLD, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, GOLD, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, GOLD, strict=True))
    tn = len(GOLD) - tp - fp - fn
    assert metrics.threshold_counts(SCORES, GOLD, threshold) == (tp, fp, fn)
    positive = metrics.f1_from_counts(tp, fp, fn)
    assert metrics.f1_at_threshold(SCORES, GOLD, threshold) == pytest.approx(positive)
    negative = metrics.f1_from_counts(tn, fn, fp)
    macro = metrics.macro_f1_at_threshold(SCORES, GOLD, threshold)
    assert macro == pytest.approx((positive + negative) / 2)
    labels = ["y" if p else "n" for p in predicted]
    gold_labels = ["y" if g else "n" for g in GOLD]
    assert macro == pytest.approx(metrics.macro_f1(labels, gold_labels, ["y", "n"]))


def _pairwise_auc(scores: np.ndarray, gold: np.ndarray) -> float:
    pairs = list(itertools.product(scores[gold], scores[~gold]))
    return sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)


@pytest.mark.parametrize("seed", range(5))
def test_roc_auc_counts_every_pair_and_half_a_tie(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 6, 40).astype(np.float64)  # many ties
    gold = rng.random(40) < 0.4
    assert metrics.roc_auc(scores, gold) == pytest.approx(_pairwise_auc(scores, gold))


def test_roc_auc_needs_both_classes() -> None:
    assert math.isnan(metrics.roc_auc(np.array([0.1, 0.2]), np.array([True, True])))
    assert metrics.roc_auc(SCORES, GOLD) == pytest.approx(_pairwise_auc(SCORES, GOLD))


@pytest.mark.parametrize(
    ("scores", "gold", "expected"),
    [
        ([0.9, 0.8, 0.7], [True, False, True], (1 + 2 / 3) / 2),
        ([0.1, 0.2, 0.3], [True, False, False], 1 / 3),
        ([0.5, 0.5], [False, True], 1 / 2),  # ties keep input order
        ([0.5, 0.4], [False, False], 0.0),
    ],
)
def test_average_precision(scores: list[float], gold: list[bool], expected: float) -> None:
    found = metrics.average_precision(np.array(scores), np.array(gold))
    assert found == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ranked", "relevant", "k", "ap", "rr"),
    [
        (["a", "b", "c"], {"a"}, 5, 1.0, 1.0),
        (["x", "a", "y", "b"], {"a", "b"}, 5, (1 / 2 + 2 / 4) / 2, 1 / 2),
        (["x", "y", "a"], {"a"}, 2, 0.0, 1 / 3),  # beyond k: no AP, still a rank
        (["x"], set(), 5, 0.0, 0.0),
        (["a", "b", "c"], {"a", "b", "c", "d", "e", "f"}, 2, 1.0, 1.0),  # divided by k
    ],
)
def test_ranking_figures(
    ranked: list[str], relevant: set[str], k: int, ap: float, rr: float
) -> None:
    assert metrics.average_precision_at_k(ranked, relevant, k) == pytest.approx(ap)
    assert metrics.reciprocal_rank(ranked, relevant) == pytest.approx(rr)


@pytest.mark.parametrize(
    ("ranked", "capped", "expected"),
    [
        ([True, False, True, False, False, True], False, 2 / 5),
        ([True, True], False, 1.0),  # a page with two sentences
        ([True, False, False, False, False, False], True, 1.0),  # one check-worthy
        ([False, True, False, False, False, False], True, 1.0),
        ([False, False, False], True, 0.0),
        ([], False, 0.0),
    ],
)
def test_precision_at_5(ranked: list[bool], capped: bool, expected: float) -> None:
    assert metrics.precision_at_k(ranked, 5, capped=capped) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (["a", "b", "a"], ["a", "b", "b"], {"a": 2 / 3, "b": 2 / 3, "c": math.nan}),
        (["a"], ["b"], {"a": 0.0, "b": 0.0, "c": math.nan}),
    ],
)
def test_label_f1_leaves_unused_labels_undefined(
    predicted: list[str], gold: list[str], expected: dict[str, float]
) -> None:
    found = metrics.label_f1(predicted, gold, ["a", "b", "c"])
    assert found == pytest.approx(expected, nan_ok=True)
    defined = [v for v in expected.values() if not math.isnan(v)]
    assert metrics.macro_f1_present(found) == pytest.approx(sum(defined) / len(defined))
    assert metrics.macro_f1(predicted, gold, ["a", "b", "c"]) == pytest.approx(sum(defined) / 3)


def test_accuracy_and_share() -> None:
    assert metrics.accuracy(["a", "b", "c"], ["a", "x", "c"]) == pytest.approx(2 / 3)
    assert math.isnan(metrics.accuracy([], []))
    assert metrics.share([True, False, False, True]) == 0.5
    with pytest.raises(ValueError):
        metrics.accuracy(["a"], [])


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ("one two three four five", "one two three four five", (1.0, 1.0, 1.0, 1.0)),
        ("one two three four five", "one two three four", (1.0, 0.5, 2 / 3, 0.0)),
        ("one two three four", "", (None, 0.0, 0.0, 0.0)),  # no precision without a guess
        ("", "", (1.0, 1.0, 1.0, 1.0)),
        ("a b", "a b", (1.0, 1.0, 1.0, 1.0)),  # shorter than a shingle: one n-gram
    ],
)
def test_body_scores_of_one_page(
    truth: str, predicted: str, expected: tuple[float | None, float, float, float]
) -> None:
    precision, recall, f1, exact = expected
    if precision is None:
        with pytest.raises(ZeroDivisionError):  # a mean over no page with a precision
            metrics.body_scores([(truth, predicted)])
        return
    found = metrics.body_scores([(truth, predicted)])
    assert (found.precision, found.recall, found.f1, found.exact) == pytest.approx(
        (precision, recall, f1, exact)
    )


def test_body_scores_average_pages_before_taking_f1() -> None:
    pages = [("one two three four five", "one two three four five"), ("a b c d", "")]
    found = metrics.body_scores(pages)
    assert (found.precision, found.recall, found.exact) == pytest.approx((1.0, 0.5, 0.5))
    assert found.f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("scores", "gold", "expected"),
    [
        ([0.9, 0.8, 0.2, 0.1], [True, True, False, False], (0.21, 1.0)),  # lowest of the ties
        ([0.9, 0.6, 0.4], [True, False, True], (0.05, 0.8)),  # all positive is best
        ([0.1, 0.2], [False, False], (0.05, 0.0)),  # nothing to find
    ],
)
def test_best_threshold_is_the_lowest_best(
    scores: list[float], gold: list[bool], expected: tuple[float, float]
) -> None:
    threshold, value = metrics.best_threshold(np.array(scores), np.array(gold))
    assert (threshold, value) == pytest.approx(expected)


def test_best_threshold_takes_any_measure() -> None:
    scores, gold = np.array([0.9, 0.6, 0.4]), np.array([True, False, True])
    threshold, value = metrics.best_threshold(scores, gold, metrics.balanced_accuracy_at_threshold)
    assert (threshold, value) == pytest.approx((0.61, 0.75))


@pytest.mark.parametrize(
    ("scores", "gold", "threshold", "expected"),
    [
        ([0.9, 0.1, 0.8, 0.2], [True, False, True, False], 0.5, 1.0),
        ([0.9, 0.9, 0.8, 0.2], [True, False, True, False], 0.5, 0.75),
        ([0.1, 0.1], [True, False], 0.5, 0.5),
    ],
)
def test_balanced_accuracy(
    scores: list[float], gold: list[bool], threshold: float, expected: float
) -> None:
    assert metrics.balanced_accuracy_at_threshold(
        np.array(scores), np.array(gold), threshold
    ) == pytest.approx(expected)


def test_grouped_precision_at_k_averages_pages() -> None:
    scores = np.array([0.9, 0.1, 0.5, 0.8, 0.7, 0.2])
    gold = np.array([False, True, True, True, False, False])
    group = np.array([0, 0, 0, 1, 1, 1])
    # page 0 ranks F, T, F... over min(5, 3, 2) = 2 relevant: its top five hold both -> 1.0;
    # page 1 holds its one relevant item -> 1.0; with k = 1 page 0 scores 0.
    assert metrics.grouped_precision_at_k(scores, gold, group) == pytest.approx(1.0)
    assert metrics.grouped_precision_at_k(scores, gold, group, k=1) == pytest.approx(0.5)
