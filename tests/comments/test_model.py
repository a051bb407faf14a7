"""The shipped comment model: calibrated scores per label, typed spans, safe loading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsift.comments.annotations import SCORE_NAMES
from newsift.comments.model import SPAN_LABELS, ToxicityModel, quantise
from newsift.errors import ModelError


@pytest.fixture(scope="module")
def model() -> ToxicityModel:
    return ToxicityModel.load()


BENIGN = (
    "Thank you for writing this, the hospital closure deserves more coverage.",
    "The 62 percent figure is from before the rate freeze, check the 2022 report.",
    "Is there a date for the state hearing yet? I would like to go and speak.",
)

#: (label, a comment that should score higher on it than every benign comment)
LABELLED = [
    ("offensive", "You are a pathetic idiot and a liar, shut up."),
    ("insult", "What a stupid moron, you clueless fool."),
    ("identity_attack", "Muslims and immigrants are ruining this country, send them all back."),
    ("threat", "Someone should shoot him and burn his house down, I will kill you."),
    ("profanity", "This is fucking bullshit, what a load of crap."),
]


@pytest.mark.parametrize(("label", "text"), LABELLED)
def test_each_label_ranks_its_example_above_benign_comments(
    model: ToxicityModel, label: str, text: str
) -> None:
    scores = model.probabilities([text, *BENIGN])[:, model.column(label)]
    assert scores[0] > scores[1:].max(), (label, scores)


def test_scores_are_probabilities_and_benign_comments_are_not_offensive(
    model: ToxicityModel,
) -> None:
    scores = model.probabilities([*BENIGN, "", "!!!"])
    assert scores.shape == (len(BENIGN) + 2, len(model.heads))
    assert np.all((scores >= 0) & (scores <= 1))
    offensive = scores[: len(BENIGN), model.column("offensive")]
    assert np.all(offensive < model.threshold("offensive"))


def test_abuse_is_offensive_at_the_model_threshold(model: ToxicityModel) -> None:
    text = "These council clowns should be run out of town. Absolute morons, every one of them."
    assert model.probabilities([text])[0, model.column("offensive")] >= model.threshold("offensive")


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("You are a complete idiot and everyone knows it.", "idiot", "insult"),
        ("What a load of fucking nonsense from the mayor.", "fucking", "profanity"),
    ],
)
def test_spans_mark_the_offending_word(
    model: ToxicityModel, text: str, word: str, label: str
) -> None:
    spans = model.spans(text)
    start = text.index(word)
    assert any(s.start <= start < s.end and s.label == label for s in spans), spans
    assert all(s.label in SPAN_LABELS[1:] and 0 <= s.start < s.end <= len(text) for s in spans)


def test_spans_of_an_empty_text(model: ToxicityModel) -> None:
    assert model.spans("") == []
    assert model.spans("...", at_least_one=True) == []


def test_at_least_one_span_only_when_asked(model: ToxicityModel) -> None:
    text = "The budget meeting is on Tuesday at the library."
    assert len(model.spans(text, at_least_one=True)) == 1
    assert model.spans(text, at_least_one=False) == []


def test_quantise_round_trip() -> None:
    weights = np.array([[0.5, -1.0, 0.0], [0.0, 0.0, 0.0]])
    q, scale = quantise(weights)
    assert q.dtype == np.int8
    np.testing.assert_allclose(q * scale[:, None], weights, atol=1.0 / 127)


def test_weights_of_another_shape_are_refused(model: ToxicityModel, tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    model.save(path)
    with np.load(path, allow_pickle=False) as data:
        arrays = dict(data)
    arrays["comment_buckets"] = np.array([1024])
    np.savez(path, **arrays)
    with pytest.raises(ModelError, match="do not match"):
        ToxicityModel.load(path)


def test_save_and_load_keep_the_scores(model: ToxicityModel, tmp_path: Path) -> None:
    path = tmp_path / "copy.npz"
    model.save(path)
    again = ToxicityModel.load(path)
    texts = [LABELLED[0][1], BENIGN[0]]
    np.testing.assert_allclose(again.probabilities(texts), model.probabilities(texts), atol=1e-3)
    assert again.heads[: len(SCORE_NAMES)] == SCORE_NAMES


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Black people are vermin, all of them.", "vermin"),
        ("The Muslims in this thread are idiots.", "idiots"),
        ("Gay men and women marched downtown.", ""),
    ],
)
def test_an_identity_term_is_never_the_offending_word(
    model: ToxicityModel, text: str, kept: str
) -> None:
    marked = [text[s.start : s.end].lower() for s in model.spans(text, at_least_one=True)]
    assert not any(w in m.split() for m in marked for w in ("black", "muslims", "gay", "women"))
    assert not kept or any(kept in m for m in marked), marked


@pytest.mark.parametrize(
    ("plain", "variant"),
    [
        ("You are an idiot.", "You are an 1d10t."),
        ("What a stupid moron.", "What a s t u p i d m0r0n."),
    ],
)
def test_a_spelling_variant_scores_like_the_word(
    model: ToxicityModel, plain: str, variant: str
) -> None:
    p = model.probabilities([plain, variant])[:, model.column("offensive")]
    assert abs(p[0] - p[1]) < 0.05, p


def test_a_span_covers_the_spaced_out_word(model: ToxicityModel) -> None:
    text = "you absolute i d i o t"
    spans = model.spans(text, at_least_one=True)
    assert any(text[s.start : s.end].endswith("i d i o t") for s in spans), spans


def test_condemning_an_insult_scores_below_the_insult(model: ToxicityModel) -> None:
    insult, condemned = "You are vermin.", "Calling people vermin is wrong and has to stop."
    p = model.probabilities([insult, condemned])[:, model.column("offensive")]
    assert p[1] < model.threshold("offensive") <= p[0], p
