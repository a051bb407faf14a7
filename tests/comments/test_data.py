"""The split rule, the metrics the trainer and benchmark share, and the corpus readers."""

from __future__ import annotations

import numpy as np
import pytest

from newsift.eval.metrics import char_f1
from newsift.eval.metrics import macro_f1_at_threshold as macro_f1
from newsift.eval.metrics import roc_auc as auc
from training import comments_data as data

needs_corpora = pytest.mark.skipif(
    not (data.DATA / "olid").is_dir(),
    reason=f"comment corpora not found at {data.DATA} (clone ../shared beside the repo)",
)


def test_part_is_fixed_by_the_stripped_text() -> None:
    assert data.part("Some comment.") == data.part("  Some comment.\n")
    parts = [data.part(f"comment number {i}") for i in range(2000)]
    shares = {name: parts.count(name) / len(parts) for name in ("test", "validation", "train")}
    assert shares["test"] == pytest.approx(0.20, abs=0.03)
    assert shares["validation"] == pytest.approx(0.10, abs=0.03)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (set(), frozenset(), 1.0),
        ({1}, frozenset(), 0.0),
        (set(), frozenset({1}), 0.0),
        ({1, 2}, frozenset({1, 2}), 1.0),
        ({1, 2, 3, 4}, frozenset({3, 4}), 2 / 3),
        ({9}, frozenset({3, 4}), 0.0),
    ],
)
def test_char_f1(predicted: set[int], gold: frozenset[int], expected: float) -> None:
    assert char_f1(predicted, gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("scores", "gold", "expected"),
    [
        ([0.1, 0.2, 0.8, 0.9], [False, False, True, True], 1.0),
        ([0.9, 0.8, 0.2, 0.1], [False, False, True, True], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [False, True, False, True], 0.5),
        ([0.1, 0.4, 0.35, 0.8], [False, False, True, True], 0.75),
    ],
)
def test_auc(scores: list[float], gold: list[bool], expected: float) -> None:
    assert auc(np.array(scores), np.array(gold)) == pytest.approx(expected)


def test_auc_needs_both_classes() -> None:
    assert np.isnan(auc(np.array([0.1, 0.2]), np.array([True, True])))


def test_macro_f1_averages_both_classes() -> None:
    scores = np.array([0.9, 0.8, 0.3, 0.1])
    gold = np.array([True, False, False, False])
    # positive class: P 1/2 R 1 -> 2/3; negative: P 1 R 2/3 -> 4/5
    assert macro_f1(scores, gold, 0.5) == pytest.approx((2 / 3 + 4 / 5) / 2)


@needs_corpora
def test_readers_match_the_provenance_counts() -> None:
    assert len(data.olid()) == 13_240
    assert len(data.ucc()) == 4_427
    assert len(data.socc()) == 891
    assert sum(row.labels["toxic"] for row in data.socc()) == 180
    assert len(data.semeval_spans()) == 7_939
