"""The display floor of persuasion techniques: judging findings and choosing the floor."""

from __future__ import annotations

import pytest
from training.persuasion import prepare
from training.persuasion_display import Finding, Shown, choose_floor, findings, shown

from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from tests.persuasion.test_analyzer import _classifier, _hot_tagger
from tests.training.test_persuasion import ARTICLE


def _curve(precisions: list[float]) -> list[Shown]:
    return [Shown(round(0.1 * k, 1), 10, 1.0, p, 0.0) for k, p in enumerate(precisions)]


@pytest.mark.parametrize(
    ("precisions", "hold", "expected"),
    [
        ([0.4, 0.5, 0.6, 0.7, 0.7], 2, 0.2),  # reached at 0.2 and held
        ([0.4, 0.61, 0.59, 0.6, 0.7, 0.8], 2, 0.3),  # 0.1 reaches it by a fluke
        ([0.7, 0.7, 0.7], 2, 0.0),  # every floor is good: none needed
        ([0.4, 0.5, 0.6, 0.7], 2, None),  # not held long enough before the grid ends
        ([0.4, 0.5, 0.55], 0, None),  # never reached
    ],
)
def test_choose_floor(precisions: list[float], hold: int, expected: float | None) -> None:
    chosen = choose_floor(_curve(precisions), 0.6, hold)
    assert (chosen.floor if chosen else None) == expected


def test_a_floor_with_no_findings_never_holds() -> None:
    curve = _curve([0.4, 0.7, 0.7])
    curve[2] = Shown(0.2, 0, 0.0, float("nan"), float("nan"))
    assert choose_floor(curve, 0.6, 1) is None


def test_shown_counts_what_reaches_the_floor() -> None:
    found = [Finding(0.1, False, False), Finding(0.4, True, False), Finding(0.5, True, True)]
    assert shown(found, 0.3, 2) == Shown(0.3, 2, 1.0, 1.0, 0.5)
    empty = shown(found, 0.9, 2)
    assert empty.count == 0 and empty.precision != empty.precision  # nan


@pytest.mark.parametrize(
    ("words", "label", "right", "labelled_right"),
    [
        (("vile",), "Loaded_Language", True, True),  # overlaps both gold spans, label of one
        (("vile",), "Doubt", True, False),  # the words persuade, the name is wrong
        (("failed",), "Loaded_Language", False, False),  # outside every gold span
    ],
)
def test_findings_are_judged_against_the_gold(
    words: tuple[str, ...], label: str, right: bool, labelled_right: bool
) -> None:
    tagger: SpanTagger = _hot_tagger(*words)
    classifier: TechniqueClassifier = _classifier(label)
    (finding,) = findings(tagger, classifier, prepare([ARTICLE]))
    assert (finding.right, finding.labelled_right) == (right, labelled_right)
