"""Which check-worthiness model the analyzer loads, and the fine-tuned model's calibration."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import newsift
import newsift.claims.analyzer as claims_analyzer
from newsift.claims.analyzer import CheckworthyAnalyzer, finetuned_available, load_scorers
from newsift.claims.finetuned import CALIBRATION_FILE, FineTunedClaimModel
from newsift.claims.model import ClaimModel
from newsift.claims.triage import DESK_CUES, NewsLayer
from newsift.errors import ModelError

needs_finetuned = pytest.mark.skipif(
    not finetuned_available(), reason="the minilm extra or claims-finetuned-v1.onnx is missing"
)
TEXT = (
    "Budget Vote\n\n"
    "The council cut the school budget by 12 percent in 2024. I think that is sad.\n\n"
    "Unemployment rose to 7 percent last year, the highest since 2010. Thank you.\n"
)


class FixedLogits:
    """A stand-in network: the logit of a text is its length minus 20."""

    name = "fixed"
    logit_width = 1

    def run(self, texts: list[str]) -> tuple[Any, Any]:
        logits = np.array([[len(t) - 20.0] for t in texts], dtype=np.float32)
        return logits, np.zeros((len(texts), 384), dtype=np.float32)

    def token_counts(self, texts: list[str]) -> list[int]:
        return [len(t.split()) + 2 for t in texts]


def fixed(**kwargs: Any) -> FineTunedClaimModel:
    return FineTunedClaimModel(FixedLogits(), 0.5, (0.5, -1.0), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("encoder", "available", "scorer", "fallback"),
    [
        ("none", True, "claims-v1", None),
        ("none", False, "claims-v1", None),
        ("auto", False, "claims-v1", None),
    ],
)
def test_without_the_extra_the_ngram_model_scores_alone(
    monkeypatch: pytest.MonkeyPatch,
    encoder: str,
    available: bool,
    scorer: str,
    fallback: str | None,
) -> None:
    monkeypatch.setattr(claims_analyzer, "finetuned_available", lambda: available)
    model, second = load_scorers(encoder)
    assert model.name == scorer
    assert (second.name if second else None) == fallback


def test_ngram_only_analyzer_records_its_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims_analyzer, "finetuned_available", lambda: False)
    structure = newsift.registry.create("structure.v1")
    doc = CheckworthyAnalyzer(floor=0.0)(structure(newsift.load(TEXT, kind="text")))
    assert doc.layers["claims"]
    assert {c.model for c in doc.layers["claims"]} == {"claims-v1"}


def test_minilm_without_the_extra_is_a_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ModelError):
        load_scorers("minilm")


def test_unknown_encoder_is_refused() -> None:
    with pytest.raises(ValueError, match="encoder must be one of"):
        load_scorers("bert")


@needs_finetuned
def test_auto_with_the_extra_cascades_to_the_finetuned_model() -> None:
    model, fallback = load_scorers("auto")
    assert model.name == "claims-finetuned-v1"
    assert fallback is not None and fallback.name == "claims-v1"


@pytest.mark.parametrize(
    "texts",
    [
        ["a", "a bit longer", "a much longer sentence than that", "x" * 80],
        ["the same", "the same", "other"],
    ],
)
def test_calibration_keeps_the_order_of_logits(texts: list[str]) -> None:
    model = fixed()
    logits = model.logits(texts)
    scores = model.score(texts)
    assert np.all((scores > 0.0) & (scores < 1.0))
    order = np.argsort(logits, kind="stable")
    assert np.all(np.diff(scores[order]) >= 0)
    assert np.allclose(model.calibrated_log_odds(texts), logits * 0.5 - 1.0)


def test_stacking_adds_the_ngram_log_odds() -> None:
    ngram = ClaimModel.load()
    texts = ["Unemployment rose to 7 percent.", "Thank you."]
    stacked = fixed(ngram_weight=0.25, ngram=ngram)
    expected = fixed().calibrated_log_odds(texts) + 0.25 * ngram.logits(texts)
    assert np.allclose(stacked.calibrated_log_odds(texts), expected)
    with pytest.raises(ValueError, match="stacks the n-gram model"):
        fixed(ngram_weight=0.25).calibrated_log_odds(texts)


@pytest.mark.parametrize(
    ("sentences", "budget", "expected"),
    [(["one two", "three"], 100, 2), (["one two", "three"], 4, 1), (["one two"], 3, 0)],
)
def test_encoder_share_counts_tokens(sentences: list[str], budget: int, expected: int) -> None:
    assert fixed().encoder_share(sentences, budget) == expected


def test_calibration_file_round_trip(tmp_path: Path) -> None:
    layer = NewsLayer(np.linspace(-1, 1, 1 + len(DESK_CUES)), 0.1, 0.4)
    model = fixed(news=layer)
    path = tmp_path / CALIBRATION_FILE
    model.save(path)
    again = FineTunedClaimModel.load(path, runner=FixedLogits())  # type: ignore[arg-type]
    assert again.platt == model.platt and again.threshold == model.threshold
    assert again.news is not None and np.array_equal(again.news.weights, layer.weights)
    cues = np.zeros((2, len(DESK_CUES)))
    texts = ["Unemployment rose.", "Thanks."]
    assert np.array_equal(again.news_scores(texts, cues), model.news_scores(texts, cues))


@pytest.mark.parametrize(
    ("platt", "message"),
    [((0.0, 1.0), "order of scores"), ((-1.0, 0.0), "order of scores")],
)
def test_calibration_that_reverses_scores_is_refused(
    tmp_path: Path, platt: tuple[float, float], message: str
) -> None:
    path = tmp_path / CALIBRATION_FILE
    FineTunedClaimModel(FixedLogits(), 0.5, platt).save(path)  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=message):
        FineTunedClaimModel.load(path, runner=FixedLogits())  # type: ignore[arg-type]


def test_damaged_calibration_file_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / CALIBRATION_FILE
    path.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="damaged"):
        FineTunedClaimModel.load(path, runner=FixedLogits())  # type: ignore[arg-type]


@needs_finetuned
def test_the_sentence_encoder_is_not_loaded_without_a_match_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsift.encoders

    monkeypatch.setattr(newsift.encoders, "_LOADED", {})
    structure = newsift.registry.create("structure.v1")
    doc = CheckworthyAnalyzer(floor=0.0, encoder="minilm")(
        structure(newsift.load(TEXT, kind="text"))
    )
    models = {c.model for c in doc.layers["claims"]}
    assert "claims-finetuned-v1" in models and models <= {"claims-finetuned-v1", "claims-v1"}
    assert newsift.encoders._LOADED == {}
