"""The encoder-augmented comment model: which file loads, fallback, dense part, behaviour."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from newsift.cli import main
from newsift.comments.analyzer import ToxicityAnalyzer
from newsift.comments.finetuned import FEATURE_SIZE
from newsift.comments.model import ToxicityModel, encoder_text
from newsift.encoders.minilm import minilm_available
from newsift.errors import ModelError

needs_minilm = pytest.mark.skipif(
    not minilm_available(), reason="the minilm extra is not installed"
)


class FakeEncoder:
    """Deterministic unit vectors from the text's length: no weights needed."""

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        rng = [np.random.default_rng(len(t)).normal(size=FEATURE_SIZE) for t in texts]
        rows = np.array(rng, dtype=np.float32).reshape(len(texts), FEATURE_SIZE)
        norms = np.linalg.norm(rows, axis=1, keepdims=True).clip(1e-9)
        return np.asarray(rows / norms, dtype=np.float32)


@pytest.fixture(scope="module")
def ngram() -> ToxicityModel:
    return ToxicityModel.load(encoder="none")


def with_dense(model: ToxicityModel) -> ToxicityModel:
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(FEATURE_SIZE, len(model.heads)))
    return replace(model, dense=dense.astype(np.float32), encoder=FakeEncoder())


@pytest.mark.parametrize(
    ("choice", "available", "expected"),
    [
        ("none", True, "toxicity-v1"),
        ("none", False, "toxicity-v1"),
        ("auto", False, "toxicity-v1"),
        ("auto", True, "toxicity-minilm-v2"),
        ("minilm", True, "toxicity-minilm-v2"),
    ],
)
def test_encoder_choice_picks_the_model_file(choice: str, available: bool, expected: str) -> None:
    if available and not minilm_available():
        pytest.skip("the minilm extra is not installed")
    with pytest.MonkeyPatch.context() as patch:
        if not available:
            patch.setattr("newsift.encoders.minilm.minilm_available", lambda: False)
        model = ToxicityModel.load(encoder=choice)
    assert model.name == expected
    assert (model.dense is None) == (expected == "toxicity-v1")
    assert (model.encoder is None) == (expected == "toxicity-v1")


def test_minilm_without_the_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsift.encoders.minilm.minilm_available", lambda: False)
    monkeypatch.setattr("newsift.encoders._LOADED", {})
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as when the extra is missing
    with pytest.raises(ModelError, match="minilm extra"):
        ToxicityModel.load(encoder="minilm")


def test_fallback_scores_without_any_encoder(ngram: ToxicityModel) -> None:
    scores = ngram.probabilities(["You are a pathetic idiot.", "Thanks for the article."])
    assert ngram.encoder is None
    assert scores[0, ngram.column("offensive")] > scores[1, ngram.column("offensive")]


def test_dense_model_refuses_to_score_without_its_encoder(ngram: ToxicityModel) -> None:
    model = replace(with_dense(ngram), encoder=None)
    with pytest.raises(ModelError, match="needs the MiniLM encoder"):
        model.probabilities(["hello"])


def test_dense_part_moves_the_scores(ngram: ToxicityModel) -> None:
    texts = ["You are a pathetic idiot.", "Thanks for the article."]
    moved = with_dense(ngram).probabilities(texts)
    assert moved.shape == (2, len(ngram.heads))
    assert not np.allclose(moved, ngram.probabilities(texts))


def test_a_dense_model_file_needs_the_encoder_choice(ngram: ToxicityModel, tmp_path: Path) -> None:
    path = tmp_path / "toxicity-dense-test.npz"
    with_dense(ngram).save(path)
    with pytest.raises(ModelError, match="MiniLM weights"):
        ToxicityModel.load(path, encoder="none")


def test_the_retired_frozen_vector_layout_is_refused(ngram: ToxicityModel, tmp_path: Path) -> None:
    """A dense part without its ``encoder_file`` (toxicity-minilm-v1's layout) is damage."""
    path = tmp_path / "toxicity-minilm-v1.npz"
    frozen = np.zeros((384, len(ngram.heads)), dtype=np.float32)
    replace(ngram, dense=frozen).save(path)
    with pytest.raises(ModelError, match="damaged or not this version"):
        ToxicityModel.load(path, encoder="minilm")


@needs_minilm
def test_shipped_minilm_model_separates_clear_cases() -> None:
    model = ToxicityModel.load(encoder="minilm")
    abusive = [
        "You are a pathetic idiot and a liar, shut up.",
        "These council clowns are absolute morons, every one of them.",
    ]
    benign = [
        "Thank you for writing this, the hospital closure deserves more coverage.",
        "Is there a date for the state hearing yet? I would like to go and speak.",
    ]
    offensive = model.probabilities(abusive + benign)[:, model.column("offensive")]
    threshold = model.threshold("offensive")
    assert np.all(offensive[:2] >= threshold) and np.all(offensive[2:] < threshold), offensive


def test_analyzer_and_cli_take_the_encoder_switch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    analyzer = ToxicityAnalyzer(encoder="none")
    analyzer.setup()
    assert analyzer._model is not None and analyzer._model.name == "toxicity-v1"
    with pytest.raises(ValueError, match="encoder must be one of"):
        ToxicityAnalyzer(encoder="bert").setup()
    monkeypatch.setattr("sys.stdin", io.StringIO("What a stupid moron.\n"))
    assert main(["comments", "score", "--encoder", "none", "-"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["offensive"] is True


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Trudeau lied again.", "Smith lied again."),
        ("The NDP and the Tories agree", "The members and the members agree"),
        ("Typical Republicans, unlike Democrats", "Typical members, unlike members"),
        ("libtards and MAGA", "libtards and members"),  # party-based insults stay
        ("  The council met.  ", "The council met."),
        ("Newsom lied again, said Abbott.", "Smith lied again, said Smith."),  # unlisted
        ("Let's go Brandon!", "Let's go Brandon!"),  # a coded jibe stays
    ],
)
def test_encoder_reads_neutral_names(text: str, seen: str) -> None:
    assert encoder_text(text) == seen
