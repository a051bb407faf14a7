"""The relative cut of the offending words in a comment judged offensive (session 13).

With ``at_least_one`` (a comment already judged offensive) a word is offending when
its ``1 - P(none)`` reaches ``span_ratio`` times that of the comment's likeliest
offending word and at least ``span_floor``; without it, or with ratio 0, the plain
threshold holds as before.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from training.comments_data import Spans, part

from newsift.comments.features import token_features
from newsift.comments.model import (
    ENCODER_MODEL_FILE,
    MODEL_FILE,
    ToxicityModel,
    may_offend,
)

MODELS = Path(__file__).resolve().parents[2] / "src" / "newsift" / "models"

TEXTS = (
    "You are a stupid lying idiot and a disgusting pig.",
    "What a load of fucking nonsense from this moron, shut up.",
    "Typical politician: a corrupt crook who should be ashamed of himself.",
    "The Muslims in this thread are idiots and traitors.",
    "The budget meeting is on Tuesday at the library.",
)


@pytest.fixture(scope="module")
def model() -> ToxicityModel:
    return ToxicityModel.load(encoder="none")


def marked(model: ToxicityModel, text: str, *, at_least_one: bool = True) -> set[int]:
    """Character offsets inside the offending spans of ``text``."""
    spans = model.spans(text, at_least_one=at_least_one)
    return {i for s in spans for i in range(s.start, s.end)}


def allowed_words(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the words that may be offending words."""
    allowed = may_offend(text)
    return [(s, e) for (s, e, _), ok in zip(token_features(text), allowed, strict=True) if ok]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    ("floor", "ratio", "words"),
    [
        (0.0, 1.0, "one"),  # only the likeliest word reaches its own score
        (0.0, 1e-9, "all"),  # every word that may offend reaches a vanishing share
        (1.0, 0.5, "one"),  # a floor nothing reaches: the at-least-one word alone
    ],
)
def test_the_cut_is_relative_to_the_likeliest_word(
    model: ToxicityModel, text: str, floor: float, ratio: float, words: str
) -> None:
    probe = replace(model, span_floor=floor, span_ratio=ratio)
    found = marked(probe, text)
    inside = [(s, e) for s, e in allowed_words(text) if s in found]
    if words == "one":
        assert len(inside) == 1, inside
    else:
        assert inside == allowed_words(text)


@pytest.mark.parametrize("text", TEXTS)
def test_a_higher_ratio_never_marks_more(model: ToxicityModel, text: str) -> None:
    previous: set[int] | None = None
    for ratio in (0.1, 0.3, 0.5, 0.7, 0.9):
        found = marked(replace(model, span_floor=0.0, span_ratio=ratio), text)
        assert found, ratio
        assert previous is None or found <= previous, ratio
        previous = found


@pytest.mark.parametrize("text", TEXTS)
def test_without_at_least_one_the_plain_threshold_holds(model: ToxicityModel, text: str) -> None:
    plain = replace(model, span_floor=0.0, span_ratio=0.0)
    for ratio in (1e-9, 0.3, 1.0):
        probe = replace(model, span_floor=0.0, span_ratio=ratio)
        assert marked(probe, text, at_least_one=False) == marked(plain, text, at_least_one=False)


def test_save_and_load_keep_the_cut(model: ToxicityModel, tmp_path: Path) -> None:
    path = tmp_path / "cut.npz"
    replace(model, span_floor=0.07, span_ratio=0.4).save(path)
    again = ToxicityModel.load(path)
    assert (again.span_floor, again.span_ratio) == (0.07, 0.4)
    replace(model, span_floor=0.0, span_ratio=0.0).save(path)
    plain = ToxicityModel.load(path)
    assert (plain.span_floor, plain.span_ratio) == (0.0, 0.0)


def test_both_shipped_files_carry_the_same_cut() -> None:
    cuts = []
    for name in (MODEL_FILE, ENCODER_MODEL_FILE):
        with np.load(MODELS / name, allow_pickle=False) as data:
            assert "span_relative" in data.files, name
            cuts.append(tuple(float(v) for v in data["span_relative"]))
    assert cuts[0] == cuts[1]
    floor, ratio = cuts[0]
    assert 0.0 <= floor < 1.0 and 0.0 < ratio < 1.0


def validation_posts(gold_word: str, count: int) -> list[Spans]:
    """Toxic Spans posts of the validation part whose gold span is ``gold_word``."""
    posts: list[Spans] = []
    for i in range(2000):
        text = f"Comment {i}: you are a {gold_word} and a total disgrace to this town."
        if part(text) == "validation":
            start = text.index(gold_word)
            posts.append(Spans(text, frozenset(range(start, start + len(gold_word)))))
        if len(posts) == count:
            break
    return posts


@pytest.mark.parametrize(
    ("plain", "expect_cut"),
    [
        (1.0, False),  # nothing beats a perfect plain threshold: the plain cut is kept
        (-1.0, True),  # any pair beats an impossible one: a pair of the grid is chosen
    ],
)
def test_the_trainer_keeps_the_plain_threshold_unless_a_cut_does_better(
    model: ToxicityModel, plain: float, expect_cut: bool
) -> None:
    toxicity = pytest.importorskip("training.toxicity")
    posts = validation_posts("idiot", 3)
    floor, ratio, value = toxicity.span_relative(model, posts, plain)
    if expect_cut:
        assert floor in toxicity.SPAN_FLOORS and ratio in toxicity.SPAN_RATIOS and value > plain
    else:
        assert (floor, ratio, value) == (0.0, 0.0, plain)


def test_the_cut_only_run_adds_the_cut_and_keeps_every_other_array(tmp_path: Path) -> None:
    toxicity = pytest.importorskip("training.toxicity")
    for name in (MODEL_FILE, ENCODER_MODEL_FILE):
        with np.load(MODELS / name, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files if k != "span_relative"}
        np.savez_compressed(tmp_path / name, allow_pickle=False, **arrays)
    corpora = toxicity.Corpora([], [], [], [], [], validation_posts("idiot", 4))
    toxicity.add_span_cut(tmp_path, corpora, lambda _: None)
    for name in (MODEL_FILE, ENCODER_MODEL_FILE):
        with (
            np.load(MODELS / name, allow_pickle=False) as before,
            np.load(tmp_path / name, allow_pickle=False) as after,
        ):
            assert set(after.files) - set(before.files) <= {"span_relative"}
            assert all(
                np.array_equal(before[k], after[k]) for k in before.files if k != "span_relative"
            )
