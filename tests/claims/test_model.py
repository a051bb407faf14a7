"""The shipped check-worthiness model: loads safely, scores deterministically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsift.claims.model import HASH_BUCKETS, WORD_BUCKETS, ClaimModel, features
from newsift.errors import ModelError

SENTENCES = [
    "Unemployment rose by 12 percent between 2008 and 2010.",
    "Thank you very much, it's good to be here.",
    "",
]


def test_load_shipped_model() -> None:
    model = ClaimModel.load()
    assert model.weights.shape == (HASH_BUCKETS,)
    assert np.count_nonzero(model.weights) > 1000
    assert 0.0 < model.threshold < 1.0


def test_scores_are_deterministic_and_sensible() -> None:
    first = ClaimModel.load().score(SENTENCES)
    second = ClaimModel.load().score(SENTENCES)
    assert np.array_equal(first, second)
    assert all(0.0 <= s <= 1.0 for s in first)
    assert first[0] > 0.5 > first[1]


def test_features_are_stable_and_normalised() -> None:
    found = features("The deal saves $310 million.")
    assert found == features("The deal saves $310 million.")
    assert all(0 <= k < HASH_BUCKETS for k in found)
    words = [v for k, v in found.items() if k < WORD_BUCKETS]
    chars = [v for k, v in found.items() if k >= WORD_BUCKETS]
    assert sum(v * v for v in words) == pytest.approx(1.0)
    assert sum(v * v for v in chars) == pytest.approx(1.0)
    assert features("") == {}


def test_save_load_round_trip(tmp_path: Path) -> None:
    model = ClaimModel.load()
    path = tmp_path / "m.npz"
    model.save(path)
    again = ClaimModel.load(path)
    assert np.array_equal(again.weights, model.weights)
    assert again.threshold == model.threshold
    assert np.array_equal(again.score(SENTENCES), model.score(SENTENCES))


def test_refuses_weights_of_another_shape(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    np.savez(
        path,
        index=np.array([1], dtype=np.int32),
        value=np.array([0.5], dtype=np.float32),
        bias=np.array([0.0]),
        threshold=np.array([0.5]),
        hash_buckets=np.array([1 << 10]),
        features_version=np.array([1]),
    )
    with pytest.raises(ModelError, match="do not match"):
        ClaimModel.load(path)


def test_a_retired_claims_minilm_file_is_refused(tmp_path: Path) -> None:
    """The claims-minilm-v1 layout (a dense part over MiniLM vectors) is no longer read:
    loading it says so instead of scoring without its dense part."""
    model = ClaimModel.load()
    path = tmp_path / "old.npz"
    model.save(path)
    arrays = dict(np.load(path, allow_pickle=False))
    arrays["dense"] = np.zeros(384, dtype=np.float32)
    np.savez(path, allow_pickle=False, **arrays)
    with pytest.raises(ModelError, match="claims-minilm-v1"):
        ClaimModel.load(path)
