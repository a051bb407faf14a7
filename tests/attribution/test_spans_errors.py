"""The content-loss tally of ``training/spans_errors.py``: each gold and predicted content
lands in the cause the module's description gives it."""

from __future__ import annotations

import pytest
from training.spans_errors import classify

CUE = (10, 14)
GOLD = (15, 40)


@pytest.mark.parametrize(
    ("predicted", "causes"),
    [
        ([(CUE, GOLD)], {"exact": 1}),
        ([(CUE, (15, 30))], {"missed: boundary": 1, "wrong: boundary or cue": 1}),
        ([((50, 54), (20, 45))], {"missed: wrong cue": 1, "wrong: boundary or cue": 1}),
        ([(CUE, (60, 70))], {"missed: cue, no content": 1, "wrong: spurious": 1}),
        ([((50, 54), (60, 70))], {"missed: no cue": 1, "wrong: spurious": 1}),
        ([], {"missed: no cue": 1}),
    ],
)
def test_each_content_lands_in_its_cause(
    predicted: list[tuple[tuple[int, int], tuple[int, int]]], causes: dict[str, int]
) -> None:
    tally = classify([(CUE, [GOLD])], predicted, {content for _, content in predicted})
    kinds = {k: v for k, v in tally.items() if k.startswith(("exact", "missed: ", "wrong: "))}
    assert kinds == causes
    assert tally["gold"] == 1 and tally["predicted"] == len(predicted)
