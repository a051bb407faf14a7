"""The threat head (``threats-v1``): what it raises, what it leaves, how it loads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from newsift.comments.finetuned import FEATURE_SIZE, LOGIT_FEATURES
from newsift.comments.model import ToxicityModel
from newsift.comments.summary import REMOVE_THRESHOLDS
from newsift.comments.threat_model import (
    MODEL_FILE,
    SHOWN,
    ThreatModel,
    encoder_rows,
    just_scored_rows,
    with_threats,
)
from newsift.comments.vectors import RememberingCounter, RememberingEncoder, remembering
from newsift.encoders.minilm import minilm_available
from newsift.errors import ModelError


def head_on_first_feature(threshold: float = 1.0) -> ThreatModel:
    """A head whose logit is the first feature: rows say directly what it decides."""
    weights = np.zeros(FEATURE_SIZE)
    weights[0] = 1.0
    return ThreatModel(weights, 0.0, threshold)


def rows(*first: float) -> NDArray[np.float32]:
    out = np.zeros((len(first), FEATURE_SIZE), dtype=np.float32)
    out[:, 0] = first
    return out


class CountingEncoder:
    """Rows whose first value is the text's length; counts the texts it encodes."""

    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        self.encoded += len(texts)
        return rows(*(float(len(t)) for t in texts))

    def token_counts(self, texts: list[str]) -> list[int]:
        return [len(t.split()) for t in texts]


class PlainEncoder:
    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        return rows(*(float(len(t)) for t in texts))


@pytest.fixture(scope="module")
def ngram() -> ToxicityModel:
    return ToxicityModel.load(encoder="none")


@pytest.mark.parametrize(
    ("logit", "threatens", "score"),
    [(0.0, False, 1 / (1 + np.e)), (1.0, True, 0.5), (3.0, True, 1 / (1 + np.exp(-2.0)))],
)
def test_score_is_shown_exactly_at_the_threshold(
    logit: float, threatens: bool, score: float
) -> None:
    head = head_on_first_feature()
    assert bool(head.threatens(rows(logit))[0]) is threatens
    assert head.scores(rows(logit))[0] == pytest.approx(score)


@pytest.mark.parametrize(
    ("threat", "offensive", "logit", "want_threat", "want_offensive"),
    [
        (0.1, 0.2, 0.0, 0.1, 0.2),  # not a threat to the head: untouched
        (0.1, 0.2, 1.0, SHOWN, "floor"),  # a threat: shown and flagged
        (0.99, 0.95, 5.0, 0.99, 0.95),  # already higher: never lowered
        (0.1, 0.2, 5.0, 1 / (1 + np.exp(-4.0)), "floor"),  # the head's score when above SHOWN
    ],
)
def test_raised_lifts_only_what_the_head_calls_a_threat(
    ngram: ToxicityModel,
    threat: float,
    offensive: float,
    logit: float,
    want_threat: float,
    want_offensive: float | str,
) -> None:
    probabilities = np.full((1, len(ngram.heads)), 0.3)
    probabilities[0, ngram.column("threat")] = threat
    probabilities[0, ngram.column("offensive")] = offensive
    out = head_on_first_feature().raised(ngram, rows(logit), probabilities)
    floor = max(REMOVE_THRESHOLDS[ngram.name], ngram.threshold("offensive"))
    assert out[0, ngram.column("threat")] == pytest.approx(want_threat)
    expected = floor if want_offensive == "floor" else want_offensive
    assert out[0, ngram.column("offensive")] == pytest.approx(expected)
    others = [i for i, h in enumerate(ngram.heads) if h not in {"threat", "offensive"}]
    assert np.array_equal(out[0, others], probabilities[0, others])
    assert probabilities[0, ngram.column("offensive")] == offensive  # the input is not changed


def test_the_ngram_model_keeps_the_rules_alone(ngram: ToxicityModel) -> None:
    probabilities = ngram.probabilities(["I will find you"])
    assert with_threats(
        ngram, head_on_first_feature(-100.0), ["I will find you"], probabilities
    ) is (probabilities)


@pytest.mark.parametrize(
    ("wrapped", "kind"), [(CountingEncoder, RememberingCounter), (PlainEncoder, RememberingEncoder)]
)
def test_remembering_keeps_the_token_counter_only_when_there_is_one(
    ngram: ToxicityModel, wrapped: type, kind: type
) -> None:
    model = remembering(replace(ngram, encoder=wrapped()))
    assert type(model.encoder) is kind
    assert remembering(model).encoder is model.encoder  # wrapped once


def test_the_rows_just_computed_are_reused_and_others_encoded(ngram: ToxicityModel) -> None:
    inner = CountingEncoder()
    model = remembering(replace(ngram, encoder=inner))
    assert model.encoder is not None
    model.encoder.encode(["one", "three"])
    assert inner.encoded == 2
    found = just_scored_rows(model, ["one", "three"])
    assert inner.encoded == 2 and list(found[:, 0]) == [3.0, 5.0]  # reused
    found = just_scored_rows(model, ["three"])  # not the last call's count: encoded
    assert inner.encoded == 3 and list(found[:, 0]) == [5.0]
    found = encoder_rows(model, ["seven"])  # always encoded
    assert inner.encoded == 4 and list(found[:, 0]) == [5.0]


def test_another_thread_does_not_see_the_rows(ngram: ToxicityModel) -> None:
    import threading

    model = remembering(replace(ngram, encoder=CountingEncoder()))
    assert isinstance(model.encoder, RememberingEncoder)
    model.encoder.encode(["one"])
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(model.encoder.last_rows()))  # type: ignore[union-attr]
    worker.start()
    worker.join()
    assert seen == [None] and model.encoder.last_rows() is not None


def test_saved_head_loads_back(tmp_path: Path) -> None:
    head = head_on_first_feature(2.5)
    head.save(tmp_path / MODEL_FILE)
    back = ThreatModel.load(tmp_path / MODEL_FILE)
    assert back.threshold == 2.5 and back.bias == 0.0
    assert np.array_equal(back.weights, head.weights)


@pytest.mark.parametrize(
    "arrays",
    [
        {"weights": np.zeros(3), "bias": [0.0], "threshold": [1.0]},
        {"weights": np.zeros(FEATURE_SIZE), "bias": [0.0], "threshold": [1.0]},  # no features
        {"weights": np.zeros(FEATURE_SIZE), "threshold": [1.0]},
    ],
)
def test_a_head_of_another_shape_is_a_model_error(
    tmp_path: Path, arrays: dict[str, object]
) -> None:
    path = tmp_path / MODEL_FILE
    found = {name: np.asarray(value) for name, value in arrays.items()}
    if len(found["weights"]) == 3:
        found["logit_features"] = np.array(LOGIT_FEATURES)
    np.savez(path, allow_pickle=False, **found)
    with pytest.raises(ModelError):
        ThreatModel.load(path)


def test_shipped_head_passes_its_hash_check() -> None:
    head = ThreatModel.load()
    assert head.weights.shape == (FEATURE_SIZE,) and np.isfinite(head.threshold)


needs_minilm = pytest.mark.skipif(not minilm_available(), reason="needs the minilm extra")


@needs_minilm
@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("I'll punch your lights out, Orla.", True),  # bank wording the rules miss
        ("We're watching you, Benedikt. Every move you make.", True),
        ("Shoot me an email when you have the figures, Orla.", False),
        ("Three people were stabbed near the station on Friday.", False),
        ("Senator Halvorsen should be voted out of office.", False),
    ],
)
def test_shipped_head_on_its_own_bank(text: str, threat: bool) -> None:
    model = ToxicityModel.load(encoder="minilm")
    assert bool(ThreatModel.load().threatens(encoder_rows(model, [text]))[0]) is threat


#: (encoder, comment, whether it is shown as a threat): the head's find, the n-gram model
#: (rules alone), a look-alike
HEAD_CASES = [
    ("minilm", "I'll punch your lights out, Orla.", True),
    ("none", "I'll punch your lights out, Orla.", False),
    ("minilm", "Shoot me an email when you have the figures, Orla.", False),
]


@needs_minilm
@pytest.mark.parametrize(("encoder", "comment", "threat"), HEAD_CASES)
def test_the_analyzer_shows_the_heads_find_as_a_threat(
    encoder: str, comment: str, threat: bool
) -> None:
    from newsift.comments.analyzer import ToxicityAnalyzer
    from tests.comments.test_analyzer import ARTICLE, _page

    item = ToxicityAnalyzer(encoder=encoder)(_page(ARTICLE, [("Ana", comment, None)])).layers[
        "toxicity"
    ][0]
    assert (item.scores["threat"] >= SHOWN) is threat
    if threat:
        assert item.offensive and item.would_remove
        assert item.reason is not None and item.reason.startswith("threat")


@needs_minilm
@pytest.mark.parametrize(("encoder", "comment", "threat"), HEAD_CASES)
def test_comments_score_shows_the_heads_find_as_the_analyzer_does(
    encoder: str, comment: str, threat: bool
) -> None:
    from newsift.comments.analyzer import ToxicityAnalyzer
    from newsift.comments.scoring import load_scorer, read_comments, score_comments
    from tests.comments.test_analyzer import ARTICLE, _page

    model, threats = load_scorer(encoder)
    assert (threats is not None) is (encoder == "minilm")
    (row,) = score_comments(read_comments([comment]), model, None, threats)
    item = ToxicityAnalyzer(encoder=encoder)(_page(ARTICLE, [("Ana", comment, None)])).layers[
        "toxicity"
    ][0]
    assert (row["scores"]["threat"] >= SHOWN) is threat
    assert row["scores"]["threat"] == pytest.approx(item.scores["threat"], abs=1e-3)
    assert row["offensive"] is item.offensive
