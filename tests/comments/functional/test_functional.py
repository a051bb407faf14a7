"""Functional tests (HateCheck-style) of the shipped comment model.

The cases and their expected labels are in ``cases.py``. Only the **dev** half
is held to the accuracy goal here; the test half is reported by
``benchmarks/comments_functional.py`` and nothing is tuned on it.
"""

from __future__ import annotations

from collections import Counter

import pytest
from training.toxicity import augmented_cases

from newsift.comments.model import ToxicityModel
from tests.comments.functional.cases import BEHAVIOURS, FILLERS, HALVES, TEMPLATES, cases
from tests.comments.functional.evaluate import (
    accuracy,
    evenhandedness,
    identity_false_spans,
    outcomes,
)

GOAL = 0.85
MIN_CASES = 40


@pytest.fixture(scope="module")
def model() -> ToxicityModel:
    return ToxicityModel.load(encoder="none")


@pytest.mark.parametrize("half", HALVES)
def test_every_behaviour_has_enough_cases_with_valid_labels(half: str) -> None:
    found = cases(half)
    counts = Counter(c.behaviour for c in found)
    assert all(counts[b] >= MIN_CASES for b in BEHAVIOURS), counts
    assert {c.expect for c in found} <= {"offensive", "not_offensive", "untargeted"}
    assert all("{" not in c.text for c in found)


def test_the_halves_share_no_template_and_no_name() -> None:
    for behaviour in BEHAVIOURS:
        dev = {t for t, _ in TEMPLATES[behaviour]["dev"]}
        test = {t for t, _ in TEMPLATES[behaviour]["test"]}
        assert not dev & test, behaviour
    dev_names = set(FILLERS["dev"].groups + FILLERS["dev"].parties)
    dev_names |= set(FILLERS["dev"].politicians + FILLERS["dev"].people)
    test_names = set(FILLERS["test"].groups + FILLERS["test"].parties)
    test_names |= set(FILLERS["test"].politicians + FILLERS["test"].people)
    assert not dev_names & test_names


def test_training_augments_with_the_dev_half_only() -> None:
    augmented = {text for text, _, _ in augmented_cases()}
    assert augmented == {c.text for c in cases("dev")}
    assert not augmented & {c.text for c in cases("test")}


def test_a_left_out_behaviour_is_left_out_of_the_dev_cases() -> None:
    """The fine-tuned encoder trains without the dev threats, on which its threat
    decision is then chosen (training/comments.py)."""
    kept = {text for text, _, _ in augmented_cases(leave_out=("threats",))}
    assert kept == {c.text for c in cases("dev") if c.behaviour != "threats"}


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_dev_accuracy_per_behaviour(model: ToxicityModel, behaviour: str) -> None:
    found = accuracy(outcomes(model, cases("dev", (behaviour,))))
    assert found[behaviour] >= GOAL, found


@pytest.mark.parametrize("half", HALVES)
def test_no_identity_term_is_an_offending_span(model: ToxicityModel, half: str) -> None:
    bad, total = identity_false_spans(model, cases(half))
    assert total > 0 and bad == 0


def test_identity_term_kept_when_used_as_a_slur(model: ToxicityModel) -> None:
    text = "shut up you gay idiot"
    marked = {text[s.start : s.end] for s in model.spans(text)}
    assert any("idiot" in m for m in marked)


def test_swapping_listed_names_changes_nothing(model: ToxicityModel) -> None:
    found = evenhandedness(model, "dev")
    assert found["listed politicians"][0] < 0.005
    assert found["party"][0] < 0.005
