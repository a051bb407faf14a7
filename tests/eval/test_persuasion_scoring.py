"""The SemEval-2020 Task 11 scorers against hand-computed cases."""

from __future__ import annotations

import pytest

from newsift.eval.persuasion import merge_spans, si_score, tc_score


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([], []),
        ([(5, 9), (0, 3)], [(0, 3), (5, 9)]),
        ([(0, 5), (3, 8)], [(0, 8)]),
        ([(0, 5), (5, 8)], [(0, 5), (5, 8)]),  # touching, not overlapping
        ([(0, 10), (2, 4), (4, 0)], [(0, 10)]),  # contained; an empty span dropped
    ],
)
def test_merge_spans(spans: list[tuple[int, int]], merged: list[tuple[int, int]]) -> None:
    assert merge_spans(spans) == merged


def test_si_perfect_and_empty() -> None:
    gold = {"a": [(0, 10)], "b": [(5, 15)]}
    assert si_score(gold, gold).f1 == pytest.approx(1.0)
    nothing = si_score({}, gold)
    assert (nothing.precision, nothing.recall, nothing.f1, nothing.gold) == (0.0, 0.0, 0.0, 2)


def test_si_partial_overlap_by_hand() -> None:
    # gold [0,10) and [20,30); predicted [5,15) covers half of gold 1 and is half inside gold;
    # predicted [40,50) touches nothing.
    figures = si_score({"a": [(5, 15), (40, 50)]}, {"a": [(0, 10), (20, 30)]})
    assert figures.precision == pytest.approx((5 / 10 + 0) / 2)
    assert figures.recall == pytest.approx((5 / 10 + 0) / 2)
    assert figures.f1 == pytest.approx(0.25)


def test_si_prediction_over_two_gold_spans() -> None:
    # one long prediction [0,40) over gold [0,10) and [20,30): 20 of its 40 chars are gold
    figures = si_score({"a": [(0, 40)]}, {"a": [(0, 10), (20, 30)]})
    assert figures.precision == pytest.approx(0.5)
    assert figures.recall == pytest.approx(1.0)
    assert figures.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_si_merges_overlapping_gold_and_predictions() -> None:
    # gold [0,6)+[4,10) merge to [0,10); predictions [0,4)+[2,10) merge to [0,10)
    merged = si_score({"a": [(0, 4), (2, 10)]}, {"a": [(0, 6), (4, 10)]})
    assert (merged.precision, merged.recall, merged.predicted, merged.gold) == (1.0, 1.0, 1, 1)
    unmerged = si_score({"a": [(0, 4), (2, 10)]}, {"a": [(0, 6), (4, 10)]}, merge_predicted=False)
    assert unmerged.predicted == 2
    assert unmerged.recall == pytest.approx(4 / 10 + 8 / 10)


def test_si_articles_pooled_not_averaged() -> None:
    # article a: 1 perfect prediction; article b: 3 predictions outside gold
    figures = si_score(
        {"a": [(0, 10)], "b": [(20, 25), (30, 35), (40, 45)]}, {"a": [(0, 10)], "b": [(0, 5)]}
    )
    assert figures.precision == pytest.approx(1 / 4)
    assert figures.recall == pytest.approx(1 / 2)


def test_si_rejects_unknown_article() -> None:
    with pytest.raises(ValueError, match="without gold"):
        si_score({"zzz": [(0, 1)]}, {"a": [(0, 1)]})


def test_tc_micro_f1_by_hand() -> None:
    gold = [
        ("a", 0, 5, "Loaded_Language"),
        ("a", 10, 20, "Doubt"),
        ("a", 30, 40, "Repetition"),
        ("b", 0, 5, "Slogans"),
    ]
    predicted = [
        ("a", 0, 5, "Loaded_Language"),
        ("a", 10, 20, "Repetition"),
        ("a", 30, 40, "Repetition"),
        ("b", 0, 5, "Flag-Waving"),
    ]
    figures = tc_score(predicted, gold)
    assert (figures.precision, figures.recall, figures.f1) == (0.5, 0.5, 0.5)


def test_tc_same_span_matched_in_best_order() -> None:
    gold = [("a", 0, 5, "Doubt"), ("a", 0, 5, "Loaded_Language")]
    in_other_order = [("a", 0, 5, "Loaded_Language"), ("a", 0, 5, "Doubt")]
    assert tc_score(in_other_order, gold).f1 == 1.0
    same_twice = [("a", 0, 5, "Doubt"), ("a", 0, 5, "Doubt")]
    assert tc_score(same_twice, gold).f1 == pytest.approx(0.5)


def test_tc_extra_and_missing_predictions() -> None:
    gold = [("a", 0, 5, "Doubt"), ("a", 6, 9, "Slogans")]
    figures = tc_score([("a", 0, 5, "Doubt"), ("a", 50, 60, "Doubt"), ("a", 70, 80, "Doubt")], gold)
    assert figures.precision == pytest.approx(1 / 3)
    assert figures.recall == pytest.approx(1 / 2)
    assert tc_score([], gold).f1 == 0.0
