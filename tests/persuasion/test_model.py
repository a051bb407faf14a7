"""Decoding token probabilities into spans, and the model files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsift.errors import ModelError
from newsift.persuasion.features import CLASSIFIER_BUCKETS, TAGGER_BUCKETS, Sentence
from newsift.persuasion.labels import TECHNIQUES
from newsift.persuasion.model import SpanTagger, TechniqueClassifier, decode
from newsift.persuasion.text import tokenize

TEXT = "the reckless , vile plan of the council was a disgrace ."
#       0   1        2 3    4    5  6   7       8   9 10       11


def _spans(probs: list[float], threshold: float, peak: float, gap: int) -> list[str]:
    sentence = Sentence(tokenize(TEXT))
    assert len(sentence.tokens) == len(probs)
    found = decode(sentence, np.array(probs), threshold, peak, gap)
    return [TEXT[s.start : s.end] for s in found]


@pytest.mark.parametrize(
    ("probs", "threshold", "peak", "gap", "expected"),
    [
        # one hot token
        ([0, 0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5, 0.5, 0, ["reckless"]),
        # punctuation at the edges is trimmed; gaps of one token bridged
        ([0, 0.9, 0.9, 0, 0.9, 0, 0, 0, 0, 0, 0, 0], 0.5, 0.5, 1, ["reckless , vile plan"]),
        # the same with no bridging: "vile" is cold, so two spans
        ([0, 0.9, 0.9, 0, 0.9, 0, 0, 0, 0, 0, 0, 0], 0.5, 0.5, 0, ["reckless", "plan"]),
        # hysteresis: a run of lukewarm tokens needs one token at the peak
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.3, 0], 0.2, 0.5, 0, []),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.6, 0.3], 0.2, 0.5, 0, ["a disgrace"]),
        # stop words alone are never a span
        ([0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5, 0.5, 0, []),
        # nothing hot
        ([0.1] * 12, 0.5, 0.5, 3, []),
    ],
)
def test_decode(
    probs: list[float], threshold: float, peak: float, gap: int, expected: list[str]
) -> None:
    assert _spans(probs, threshold, peak, gap) == expected


def test_decode_score_is_mean_probability() -> None:
    sentence = Sentence(tokenize(TEXT))
    probs = np.array([0, 0.9, 0.6, 0.7, 0, 0, 0, 0, 0, 0, 0, 0])
    (span,) = decode(sentence, probs, 0.5, 0.5, 0)
    assert span.score == pytest.approx((0.9 + 0.6 + 0.7) / 3)


def test_tagger_save_load(tmp_path: Path) -> None:
    weights = np.zeros(TAGGER_BUCKETS, dtype=np.float32)
    weights[[3, 77]] = [1.5, -2.0]
    tagger = SpanTagger(weights, -0.5, 0.2, 0.35, 4)
    tagger.save(tmp_path / "t.npz")
    again = SpanTagger.load(tmp_path / "t.npz")
    assert np.array_equal(again.weights, weights)
    assert (again.bias, again.threshold, again.peak, again.max_gap) == (-0.5, 0.2, 0.35, 4)


def test_classifier_save_load_and_refusal(tmp_path: Path) -> None:
    weights = np.zeros((len(TECHNIQUES), CLASSIFIER_BUCKETS), dtype=np.float32)
    weights[2, 10] = 0.5
    classifier = TechniqueClassifier(weights, np.arange(len(TECHNIQUES), dtype=np.float64))
    classifier.save(tmp_path / "c.npz")
    again = TechniqueClassifier.load(tmp_path / "c.npz")
    assert np.array_equal(again.weights, weights)
    probs = again.probabilities([{10: 1.0}, {}])
    assert probs.shape == (2, len(TECHNIQUES))
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert int(probs[1].argmax()) == len(TECHNIQUES) - 1
    arrays = dict(np.load(tmp_path / "c.npz"))
    arrays["buckets"] = np.array([123])
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ModelError, match="do not match"):
        TechniqueClassifier.load(tmp_path / "bad.npz")


def test_shipped_models_load() -> None:
    tagger = SpanTagger.load()
    classifier = TechniqueClassifier.load()
    assert 0 < tagger.threshold <= tagger.peak < 1
    assert classifier.weights.shape == (len(TECHNIQUES), CLASSIFIER_BUCKETS)
    assert np.count_nonzero(tagger.weights) > 1000
