"""Pattern offsets: a logistic regression with a fixed offset (training.toxicity.fit_offsets)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the train extra is not installed")

from training.toxicity import fit_offsets, template_half


def test_an_offset_moves_the_decision_where_the_cue_fires() -> None:
    rng = np.random.default_rng(0)
    margin = rng.normal(-2.0, 0.5, 200)  # the head says "not offensive" to all
    cue = (np.arange(200) % 2).astype(np.float64)[:, None]
    gold = cue[:, 0].copy()  # but every comment with the cue is offensive
    offsets = fit_offsets(margin, cue, gold, l2=1.0)
    assert offsets[0] > 2.0
    assert np.all((margin + cue @ offsets > 0) == (gold > 0))


def test_a_cue_that_never_fires_gets_no_offset() -> None:
    margin = np.array([-1.0, 1.0, -1.0, 1.0])
    cues = np.zeros((4, 1))
    assert fit_offsets(margin, cues, np.array([0.0, 1.0, 0.0, 1.0]), l2=1.0)[0] == 0.0


def test_templates_fall_in_two_fixed_halves() -> None:
    halves = {template_half(f"template {i}") for i in range(20)}
    assert halves == {0, 1}
    assert template_half("a") == template_half("a")
