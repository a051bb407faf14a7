"""Triage: desk cues, the news layer, calibration, the short list's cap."""

from __future__ import annotations

import numpy as np
import pytest

from newsift.claims.model import ClaimModel
from newsift.claims.triage import (
    DESK_CUES,
    NewsLayer,
    cue_matrix,
    desk_cues,
    short_list,
    short_list_size,
)
from newsift.claims.types import claim_features


@pytest.mark.parametrize(
    ("sentences", "max_share", "max_items", "expected"),
    [
        (0, 0.25, 10, 0),
        (1, 0.25, 10, 1),  # a page with a sentence may list it
        (3, 0.25, 10, 1),
        (8, 0.25, 10, 2),
        (40, 0.25, 10, 10),
        (41, 0.25, 10, 10),
        (100, 0.25, 10, 10),  # max_items caps long pages
        (100, 0.25, 50, 25),
        (12, 1 / 3, 10, 4),
        (30, 0.1, 10, 3),
        (30, 0.0, 10, 0),
        (30, 0.25, 0, 0),
    ],
)
def test_short_list_size(sentences: int, max_share: float, max_items: int, expected: int) -> None:
    assert short_list_size(sentences, max_share, max_items) == expected


@pytest.mark.parametrize(
    ("scores", "threshold", "expected"),
    [
        ([0.9, 0.2, 0.8, 0.7, 0.1, 0.95, 0.3, 0.6], 0.5, [5, 0]),  # cap 2 of 8
        ([0.9, 0.2, 0.8, 0.7, 0.1, 0.95, 0.3, 0.6], 0.92, [5]),  # only one above
        ([0.4, 0.3, 0.2, 0.1], 0.5, []),  # nothing above the threshold
        ([0.7, 0.7, 0.7, 0.7], 0.5, [0]),  # ties go to the earlier sentence
    ],
)
def test_short_list_takes_the_top_above_the_threshold(
    scores: list[float], threshold: float, expected: list[int]
) -> None:
    assert short_list(scores, threshold) == expected


def test_short_list_never_exceeds_its_share() -> None:
    rng = np.random.default_rng(0)
    for n in range(1, 80):
        scores = list(rng.random(n))
        listed = short_list(scores, 0.0)
        assert len(listed) <= max(1, n // 4) and len(listed) <= 10


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("Sales fell 12 percent in March, the lowest since 2009.", {"number", "date"}, {"hedge"}),
        ("Mayor Ilse Varn signed the order on Tuesday.", {"event", "named_entity"}, {"question"}),
        ("Is this really what voters wanted?", {"question"}, {"number"}),
        ("I think the plan might fail.", {"first_person_opinion", "hedge", "short"}, {"event"}),
        ("The tax cut led to a rise in earnings at Brammel.", {"causal"}, {"hedge"}),
        ("Rents in Lunsby are higher than in any other town.", {"comparison"}, {"question"}),
        ("The council should reverse course before it is too late.", {"modal_should"}, {"date"}),
        ("We believe in our players, the coach said.", {"first_person", "attribution"}, {"number"}),
    ],
)
def test_desk_cues(sentence: str, present: set[str], absent: set[str]) -> None:
    cues = set(desk_cues(sentence, claim_features(sentence)))
    assert present <= cues and not absent & cues
    assert cues <= set(DESK_CUES)


def test_cue_matrix_has_one_column_per_cue() -> None:
    matrix = cue_matrix([["number", "short"], []])
    assert matrix.shape == (2, len(DESK_CUES))
    assert matrix[0].sum() == 2 and matrix[1].sum() == 0


def _toy_model(slope: float, intercept: float) -> ClaimModel:
    from newsift.claims.model import HASH_BUCKETS, features

    weights = np.zeros(HASH_BUCKETS, dtype=np.float32)
    for bucket in features("percent million record"):
        weights[bucket] = 0.2
    return ClaimModel(weights, -1.0, 0.5, platt=(slope, intercept))


SENTENCES = [
    "A record 40 percent, 3 million people.",
    "It was a percent of the whole.",
    "I like the weather.",
    "Nothing here at all, really.",
]


@pytest.mark.parametrize(("slope", "intercept"), [(1.0, 0.0), (0.5, -2.0), (2.5, 1.0)])
def test_calibration_keeps_the_order_of_scores(slope: float, intercept: float) -> None:
    model = _toy_model(slope, intercept)
    raw = model.logits(SENTENCES)
    calibrated = model.score(SENTENCES)
    assert list(np.argsort(-raw, kind="stable")) == list(np.argsort(-calibrated, kind="stable"))
    assert np.all((calibrated > 0) & (calibrated < 1))


def test_news_layer_is_monotone_in_the_model_log_odds() -> None:
    layer = NewsLayer(np.array([0.8] + [0.3] * len(DESK_CUES)), -0.5, 0.4)
    odds = np.linspace(-6, 6, 25)
    cues = np.zeros((len(odds), len(DESK_CUES)))
    probabilities = layer.probabilities(odds, cues)
    assert np.all(np.diff(probabilities) > 0)
    assert [name for name, _ in layer.explain()] == ["model_log_odds", *DESK_CUES]


def test_shipped_model_is_calibrated_and_has_a_news_layer() -> None:
    model = ClaimModel.load()
    assert model.platt[0] > 0  # calibration keeps the order
    assert 0 < model.threshold < 1
    assert model.news is not None and 0 < model.news.threshold < 1
    weights = dict(model.news.explain())
    assert weights["model_log_odds"] > 0  # the debate model still counts on news
    assert weights["number"] > 0 and weights["hedge"] < 0  # a desk's signals, learnt


def test_model_round_trip_keeps_calibration_and_news_layer(tmp_path: object) -> None:
    from pathlib import Path

    model = _toy_model(1.5, -0.5)
    layer = NewsLayer(np.arange(1 + len(DESK_CUES), dtype=np.float64) / 10, 0.2, 0.45)
    model = ClaimModel(model.weights, model.bias, 0.3, platt=(1.5, -0.5), news=layer)
    path = Path(str(tmp_path)) / "m.npz"
    model.save(path)
    back = ClaimModel.load(path)
    assert back.platt == (1.5, -0.5) and back.news is not None
    assert np.allclose(back.news.weights, layer.weights) and back.news.threshold == 0.45
    cues = cue_matrix([desk_cues(s, claim_features(s)) for s in SENTENCES])
    assert np.allclose(back.news_scores(SENTENCES, cues), model.news_scores(SENTENCES, cues))
