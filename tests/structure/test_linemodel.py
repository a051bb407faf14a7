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
    viterbi,
)


@pytest.fixture(scope="module")
def model() -> LineModel:
    return LineModel.load()


def test_shipped_weights_have_the_right_shapes(model: LineModel) -> None:
    assert model.dense.shape == (dense_width(), len(LABELS))
    assert model.hashed.shape == (HASH_BUCKETS, len(LABELS))
    assert model.stack is not None and model.stack.shape == (stack_width(), len(LABELS))
    assert model.transitions is not None and model.transitions.shape == (len(LABELS),) * 2
    assert model.emission is not None and model.emission.shape == (len(LABELS) + 1, len(LABELS))
    assert Path(__file__).parents[2].joinpath("src/newsift/models/lines-v2.md").exists()


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


_FREE = np.zeros((2, 2))
_NO_SECOND_AFTER_FIRST = np.array([[0.0, -9.0], [0.0, 0.0]])
_STAY = np.array([[0.0, -0.5], [-0.5, 0.0]])


@pytest.mark.parametrize(
    ("scores", "transitions", "start", "path"),
    [
        ([[0.0, -1.0], [-1.0, 0.0]], _FREE, [0.0, 0.0], [0, 1]),  # no transitions: each its best
        ([[0.0, -1.0], [-1.0, 0.0]], _NO_SECOND_AFTER_FIRST, [0.0, 0.0], [0, 0]),
        ([[0.0, -1.0], [-1.0, 0.0]], _NO_SECOND_AFTER_FIRST, [-9.0, 0.0], [1, 1]),
        ([[0.0, -0.2], [-0.3, 0.0], [0.0, -0.2]], _STAY, [0.0, 0.0], [0, 0, 0]),  # a lone flip
        ([[0.0, -2.0], [-2.0, 0.0], [0.0, -2.0]], _STAY, [0.0, 0.0], [0, 1, 0]),  # a strong one
        ([[-1.0, 0.0]], _STAY, [0.0, 0.0], [1]),
    ],
)
def test_viterbi_finds_the_best_path(
    scores: list[list[float]],
    transitions: np.ndarray,
    start: list[float],
    path: list[int],
) -> None:
    assert viterbi(np.array(scores), transitions, np.array(start)) == path


def test_decide_follows_the_transitions(model: LineModel) -> None:
    probs = np.full((3, len(LABELS)), 0.01, dtype=np.float32)
    body, text = LABELS.index("body"), LABELS.index("comment_text")
    probs[:, body] = [0.9, 0.45, 0.9]
    probs[:, text] = [0.05, 0.5, 0.05]
    alone = LineModel(model.dense, model.hashed, model.bias, model.stack, model.stack_bias)
    assert alone.decide(probs) == ["body", "comment_text", "body"]  # no transitions: argmax
    sticky = np.full((len(LABELS),) * 2, -3.0, dtype=np.float32)
    np.fill_diagonal(sticky, 0.0)
    as_given = np.vstack([np.eye(len(LABELS)), np.zeros((1, len(LABELS)))]).astype(np.float32)
    steady = LineModel(
        *(model.dense, model.hashed, model.bias, model.stack, model.stack_bias, LABELS),
        sticky,
        as_given,  # a line's score is its log-probability
    )
    assert steady.decide(probs) == ["body"] * 3
    free = LineModel(
        *(model.dense, model.hashed, model.bias, model.stack, model.stack_bias, LABELS),
        np.zeros_like(sticky),
        as_given,
    )
    assert free.decide(probs) == ["body", "comment_text", "body"]


def test_transitions_are_saved_and_checked(tmp_path: Path, model: LineModel) -> None:
    path = tmp_path / "lines.npz"
    model.save(path)
    again = LineModel.load(path)
    assert again.transitions is not None and model.transitions is not None
    assert np.array_equal(again.transitions, model.transitions)
    assert again.predict(["Home", "A Headline Here", "Text of it."]) == model.predict(
        ["Home", "A Headline Here", "Text of it."]
    )
    bad = LineModel(
        *(model.dense, model.hashed, model.bias, model.stack, model.stack_bias, LABELS),
        model.transitions[:-1],
        model.emission,
    )
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
        for name in ("transitions", "emission"):
            object.__setattr__(self, name, None)  # each line its given label
        return self

    def __init__(self, labels: dict[str, str]) -> None:
        pass

    def predict_proba(self, lines: list[str]) -> np.ndarray:
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


_TEXT = "The council voted on Monday to close the branch library on Elm Street for good."
_MORE = "Residents who use it every week say the decision came without any public hearing."


@pytest.mark.parametrize(
    ("middle", "decided", "kind"),
    [
        # the model decides a short line between two lines of text is furniture: a subheading
        ("Who Pays More", "other", "body"),
        # the model decides it is text
        ("Who Pays More", "body", "body"),
        # a line that ends like a sentence stays text whatever the model decides
        ("It will shut in May.", "other", "body"),
    ],
)
def test_the_decided_label_takes_furniture_out_of_the_body(
    middle: str, decided: str, kind: str
) -> None:
    page = f"Council Votes to Close Library\n\n{_TEXT}\n\n{middle}\n\n{_MORE}\n"
    fixed = _Fixed({"Council Votes to Close Library": "headline", _TEXT: "body", _MORE: "body"})
    object.__setattr__(fixed, "wanted", {**fixed.wanted, middle: decided})  # type: ignore[attr-defined]
    kinds = {page[r.start : r.end]: r.kind for r in parse_dump(page, None, fixed).regions}
    body = next(
        page[r.start : r.end] for r in parse_dump(page, None, fixed).regions if r.kind == "body"
    )
    assert (middle in body) is (kind == "body"), kinds


@pytest.mark.parametrize(
    ("lines", "furniture"),
    [
        # short lines the model decides are furniture, not between two lines of text
        (["Haddon Flats gets new flats", "Levy challenge filed in court"], True),
        # the same lines decided as body stay
        (["Haddon Flats gets new flats", "Levy challenge filed in court"], False),
    ],
)
def test_runs_of_furniture_leave_the_body(lines: list[str], furniture: bool) -> None:
    page = "\n\n".join(["Council Votes to Close Library", _TEXT, _MORE, *lines]) + "\n"
    labels = {"Council Votes to Close Library": "headline", _TEXT: "body", _MORE: "body"}
    labels.update({line: "other" if furniture else "body" for line in lines})
    regions = parse_dump(page, None, _Fixed(labels)).regions
    kinds = {page[r.start : r.end]: r.kind for r in regions}
    for line in lines:
        assert (kinds.get(line) == "boilerplate") is furniture, kinds


@pytest.mark.parametrize(
    ("date_label", "after_label", "comments"),
    [
        # a date the model calls no comment time, over text it decides is body: no comment
        ("other", "body", 0),
        # the model decides the date is a comment's time: a comment
        ("comment_time", "comment_text", 1),
        # the model decides what follows is a comment's text: a comment
        ("other", "comment_text", 1),
    ],
)
def test_a_date_over_article_text_opens_no_comment(
    date_label: str, after_label: str, comments: int
) -> None:
    after = "Without further ado, here are the items you should have at hand today."
    text = [f"Paragraph {n} of the story, about the library and its readers." for n in range(14)]
    page = "\n\n".join(["Council Votes to Close Library", *text, "April 3, 2019", after]) + "\n"
    labels = {"Council Votes to Close Library": "headline", "April 3, 2019": date_label}
    fixed = _Fixed({**labels, **dict.fromkeys(text, "body"), after: after_label})
    regions = parse_dump(page, None, fixed).regions
    assert sum(r.kind == "comment" for r in regions) == comments
    assert sum(r.kind == "comment" for r in parse_dump(page).regions) == 1  # the rules alone
