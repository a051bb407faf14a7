"""The fine-tuned comment model (toxicity-minilm-v2): features, loading, fallback, clear cases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from newsift.comments import analyzer as comments_analyzer
from newsift.comments import model as comments_model
from newsift.comments.finetuned import (
    FEATURE_SIZE,
    LOGIT_FEATURES,
    POOLED_SIZE,
    FineTunedFeatures,
    feature_column,
    features,
)
from newsift.comments.model import FINETUNED_FILE, ToxicityModel
from newsift.encoders.minilm import minilm_available
from newsift.errors import ModelError
from tests.comments.test_analyzer import ARTICLE, _page

needs_minilm = pytest.mark.skipif(
    not minilm_available(), reason="the minilm extra is not installed"
)


class FakeRunner:
    """Logits and pooled vectors from the text's length; counts one token per word."""

    def run(self, texts: list[str]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        rng = [np.random.default_rng(len(t)) for t in texts]
        pooled = np.array([r.normal(size=POOLED_SIZE) for r in rng], dtype=np.float32)
        logits = np.array(
            [[len(t) / 10.0] * len(LOGIT_FEATURES) for t in texts], dtype=np.float32
        ).reshape(len(texts), len(LOGIT_FEATURES))
        return logits, pooled.reshape(len(texts), POOLED_SIZE)

    def token_counts(self, texts: list[str]) -> list[int]:
        return [len(t.split()) + 2 for t in texts]


@pytest.fixture(scope="module")
def ngram() -> ToxicityModel:
    return ToxicityModel.load(encoder="none")


def fine_tuned(model: ToxicityModel) -> ToxicityModel:
    """``model`` with a v2-layout dense part: ``offensive`` reads its logit only."""
    dense = np.zeros((FEATURE_SIZE, len(model.heads)), dtype=np.float32)
    dense[feature_column("offensive"), model.column("offensive")] = 2.0
    return replace(
        model,
        dense=dense,
        encoder=FineTunedFeatures(FakeRunner()),
        label="toxicity-minilm-v2",
        encoder_file=FINETUNED_FILE,
    )


def test_feature_rows_are_the_unit_pooled_vector_then_the_logits() -> None:
    logits, pooled = FakeRunner().run(["one", "three words here"])
    rows = features(logits, pooled)
    assert rows.shape == (2, FEATURE_SIZE)
    assert np.allclose(np.linalg.norm(rows[:, :POOLED_SIZE], axis=1), 1.0)
    assert np.array_equal(rows[:, POOLED_SIZE:], logits)
    with pytest.raises(ValueError, match="logits"):
        features(logits[:, :3], pooled)


@pytest.mark.parametrize(
    ("head", "column"),
    [
        ("offensive", POOLED_SIZE),
        ("targeted", POOLED_SIZE + 1),
        ("target_individual", POOLED_SIZE + 2),
        ("target_other", POOLED_SIZE + 4),
        ("ucc_unhealthy", FEATURE_SIZE - 1),
    ],
)
def test_each_logit_has_a_fixed_column(head: str, column: int) -> None:
    assert feature_column(head) == column


def test_the_logit_moves_only_its_head(ngram: ToxicityModel) -> None:
    texts = ["You are a pathetic idiot.", "Thanks for the article."]
    moved = fine_tuned(ngram).raw(texts) - ngram.raw(texts)
    logits, _ = FakeRunner().run([comments_model.encoder_text(t) for t in texts])
    column = ngram.column("offensive")
    assert moved[:, column] == pytest.approx(2.0 * logits[:, 0], rel=1e-5)
    assert np.allclose(np.delete(moved, column, axis=1), 0.0)


def test_round_trip_keeps_the_name_and_the_encoder_file(
    ngram: ToxicityModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = fine_tuned(ngram)
    path = tmp_path / "toxicity-minilm-v2.npz"
    model.save(path)
    with pytest.raises(ModelError, match="MiniLM weights"):
        ToxicityModel.load(path, encoder="none")
    asked: list[str] = []

    def fake_encoder(name: str) -> Any:
        asked.append(name)
        return FineTunedFeatures(FakeRunner())

    monkeypatch.setattr(comments_model, "dense_encoder", fake_encoder)
    loaded = ToxicityModel.load(path, encoder="minilm")
    assert asked == [FINETUNED_FILE]
    assert loaded.name == "toxicity-minilm-v2" and loaded.encoder_file == FINETUNED_FILE
    texts = ["What a stupid moron.", "Good piece.", ""]
    assert np.allclose(loaded.probabilities(texts), model.probabilities(texts), atol=1e-3)


@pytest.mark.parametrize("choice", ["auto", "none"])
def test_without_the_extra_the_ngram_model_scores(
    choice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsift.encoders.minilm.minilm_available", lambda: False)
    model = ToxicityModel.load(encoder=choice)
    assert model.name == "toxicity-v1" and model.dense is None and model.encoder is None


def test_minilm_without_the_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsift.encoders.minilm.minilm_available", lambda: False)
    with pytest.raises(ModelError, match="minilm extra"):
        comments_model.dense_encoder(FINETUNED_FILE)


@needs_minilm
def test_a_changed_encoder_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsift.encoders import finetuned

    monkeypatch.setitem(finetuned.FINETUNED_SHA256, FINETUNED_FILE, "0" * 64)
    monkeypatch.setattr(comments_model, "_FINETUNED", {})
    with pytest.raises(ModelError, match="hash differs"):
        ToxicityModel.load(encoder="minilm")


@pytest.mark.parametrize(("budget", "encoded"), [(10_000, 3), (0, 0)])
def test_the_json_says_which_model_scored(
    ngram: ToxicityModel, budget: int, encoded: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _page(
        ARTICLE,
        [
            ("Ann", "You are a pathetic idiot.", None),
            ("Bo", "Thanks for covering the hearing.", None),
            ("Cy", "Rates up 62 percent, unbelievable.", None),
        ],
    )
    model = fine_tuned(ngram)
    items = comments_analyzer.score_comments(model, doc, fallback=ngram, budget=budget)
    assert [t.model for t in items] == [None] * encoded + ["toxicity-v1"] * (3 - encoded)
    summary = comments_analyzer.summarise(doc.comments, items, ["", "", ""])
    assert summary.without_encoder == 3 - encoded


#: clear cases the shipped fine-tuned model must put on the right side of its threshold
CLEAR_CASES = [
    ("You are a pathetic idiot and a liar, shut up.", True),
    ("These council clowns are absolute morons, every one of them.", True),
    ("Anyone who votes for this is a brain-dead moron.", True),
    ("I will find you and make you pay for this, you scumbag.", True),
    ("Thank you for writing this, the hospital closure deserves more coverage.", False),
    ("Is there a date for the state hearing yet? I would like to go and speak.", False),
    ("Calling her a 'moron' like the comment above did is not okay.", False),
    ("The Liberals and the Conservatives both voted for the budget.", False),
]


@needs_minilm
def test_shipped_model_scores_clear_cases_on_the_right_side() -> None:
    model = ToxicityModel.load(encoder="minilm")
    assert model.name == "toxicity-minilm-v2"
    offensive = model.probabilities([t for t, _ in CLEAR_CASES])[:, model.column("offensive")]
    flagged = offensive >= model.threshold("offensive")
    assert flagged.tolist() == [expected for _, expected in CLEAR_CASES], offensive


GOLD = np.array([False, True] * 20)
ORDERED = np.where(GOLD, 1.0, -1.0) + np.linspace(0, 0.5, 40)
SHUFFLED = np.random.default_rng(3).normal(size=40)


@pytest.mark.parametrize(
    ("ngram_scores", "logits", "expected"),
    [
        (SHUFFLED, ORDERED, "logit"),  # the fine-tuned logit alone orders the rows
        (ORDERED, SHUFFLED, "n-gram"),  # the n-gram head does; the encoder adds nothing
    ],
)
def test_stack_keeps_the_candidate_the_tune_part_prefers(
    ngram: ToxicityModel,
    ngram_scores: NDArray[np.float64],
    logits: NDArray[np.float64],
    expected: str,
) -> None:
    pytest.importorskip("sklearn", reason="the train extra is not installed")
    from training import toxicity_stack as stack

    base = stack.ngram_head(ngram, "offensive")
    pooled = np.random.default_rng(4).normal(size=(40, POOLED_SIZE))
    lines: list[str] = []
    head = stack.choose(base, stack.Rows(ngram_scores, logits, pooled, GOLD), lines.append)
    assert lines[0].endswith(f"-> {expected}")
    assert head.dense is not None and head.dense.shape == (FEATURE_SIZE,)
    logit_weight = head.dense[feature_column("offensive")]
    assert (logit_weight == 1.0) if expected == "logit" else (not head.dense.any())
    assert np.array_equal(head.weights, base.weights) == (expected == "n-gram")


def test_the_ngram_fallback_loads_only_when_a_thread_needs_it(
    ngram: ToxicityModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """setup() does not load the n-gram model (a cold start pays for it only when some
    comment falls past the encoder's budget); once loaded it is kept."""
    loads: list[str] = []

    def load(path: Path | None = None, *, encoder: str = "none") -> ToxicityModel:
        loads.append(encoder)
        return fine_tuned(ngram) if encoder != "none" else ngram

    monkeypatch.setattr(ToxicityModel, "load", staticmethod(load))
    analyzer = comments_analyzer.ToxicityAnalyzer(encoder="minilm")
    analyzer.setup()
    assert loads == ["minilm"]
    doc = _page(ARTICLE, [("Ann", "You are a pathetic idiot.", None)])
    monkeypatch.setattr(comments_analyzer, "encoder_budget", lambda n: 0)
    analyzer(doc)
    analyzer(_page(ARTICLE, [("Bo", "Thanks for covering the hearing.", None)]))
    assert loads == ["minilm", "none"]
    assert [t.model for t in doc.layers["toxicity"]] == ["toxicity-v1"]


@pytest.mark.parametrize("shape", [(16, 1000), (5, 37), (1, 1), (3, 0)])
def test_dequantised_weights_equal_the_plain_product(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    q = rng.integers(-127, 128, shape).astype(np.int8)
    scale = rng.random(shape[0]) * 0.1
    plain = (q.astype(np.float32) * scale.astype(np.float32)[:, None]).T.copy()
    got = comments_model._dequantise(q, scale)
    assert got.dtype == np.float32 and got.flags["C_CONTIGUOUS"]
    assert np.array_equal(got, plain)
