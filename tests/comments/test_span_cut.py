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
