"""The shipped line classifier and how the dump rules use it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsift.errors import ModelError
from newsift.structure.dump import parse_dump
from newsift.structure.linemodel import (
    HASH_BUCKETS,
    LABELS,
    LineModel,
    dense_features,
    dense_width,
    hashed_tokens,
    stack_width,
)


@pytest.fixture(scope="module")
def model() -> LineModel:
    return LineModel.load()


def test_shipped_weights_have_the_right_shapes(model: LineModel) -> None:
    assert model.dense.shape == (dense_width(), len(LABELS))
    assert model.hashed.shape == (HASH_BUCKETS, len(LABELS))
    assert model.stack is not None and model.stack.shape == (stack_width(), len(LABELS))
    assert Path(__file__).parents[2].joinpath("src/newsift/models/lines-v1.md").exists()


def test_probabilities_are_a_distribution(model: LineModel) -> None:
    lines = [
        "Home",
        "News",
        "Council Votes to Close Library",
        "By Ana Ruiz",
        "The council voted on Monday.",
    ]
    probs = model.predict_proba(lines)
    assert probs.shape == (5, len(LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert model.predict_proba([]).shape == (0, len(LABELS))


def test_features_are_deterministic() -> None:
    assert hashed_tokens("Same words, same buckets") == hashed_tokens("same WORDS same buckets")
    lines = ["a", "b", "c"]
    assert np.array_equal(dense_features(lines), dense_features(lines))


def test_weights_of_another_shape_are_refused(tmp_path: Path, model: LineModel) -> None:
    bad = LineModel(model.dense[:-1], model.hashed, model.bias, model.stack, model.stack_bias)
    path = tmp_path / "bad.npz"
    bad.save(path)
    with pytest.raises(ModelError, match="do not match"):
        LineModel.load(path)


class _Fixed(LineModel):
    """A stand-in model that calls every line 'other' except the ones given."""

    def __new__(cls, labels: dict[str, str]) -> _Fixed:
        shipped = LineModel.load()
        self = super().__new__(cls)
        object.__setattr__(self, "wanted", labels)
        for name in ("dense", "hashed", "bias", "stack", "stack_bias", "labels"):
            object.__setattr__(self, name, getattr(shipped, name))
        return self

    def __init__(self, labels: dict[str, str]) -> None:
        pass

    def predict_proba(self, lines: list[str]) -> np.ndarray:  # type: ignore[override]
        table = np.zeros((len(lines), len(LABELS)), dtype=np.float32)
        for row, text in enumerate(lines):
            table[row, LABELS.index(self.wanted.get(text, "other"))] = 1.0  # type: ignore[attr-defined]
        return table


DUMP = (
    "Home\n\nNews\n\nCouncil Votes to Close Library\n\nThe council voted on Monday to close it.\n\n"
    "Newsletter abonnieren\n\nIt will shut in May.\n\nYvonne sagt:\n\n19.04.2016 um 20:55 Uhr\n\nSchade.\n"
)


def test_hints_settle_what_the_rules_leave_open() -> None:
    fixed = _Fixed(
        {
            "Council Votes to Close Library": "headline",
            "The council voted on Monday to close it.": "body",
            "It will shut in May.": "body",
            "Yvonne sagt:": "comment_author",
            "19.04.2016 um 20:55 Uhr": "comment_time",
            "Schade.": "comment_text",
        }
    )
    rules = parse_dump(DUMP)
    assert rules.headline == "Home"
    helped = parse_dump(DUMP, None, fixed)
    assert helped.headline == "Council Votes to Close Library"
    comments = [r for r in helped.regions if r.kind == "comment"]
    assert [(c.author, c.when) for c in comments] == [("Yvonne", "19.04.2016 um 20:55 Uhr")]
    kinds = {DUMP[r.start : r.end]: r.kind for r in helped.regions}
    assert kinds["Newsletter abonnieren"] == "boilerplate"
    assert kinds["Home"] == "ui"
