"""The content-boundary CRF decoder (:mod:`newsift.attribution.spans`).

Viterbi must find the labelling a brute-force search over every labelling
finds; a saved model loads back the same; a damaged file is one ModelError.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from newsift.attribution.spans import LABELS, SpanModel, load_span_model, segments, viterbi
from newsift.errors import ModelError
from newsift.models import load_arrays, shipped_path


def _score(labels: tuple[int, ...], emissions: np.ndarray, transitions: np.ndarray) -> float:
    total = sum(float(emissions[i, label]) for i, label in enumerate(labels))
    total += sum(float(transitions[a, b]) for a, b in itertools.pairwise(labels))
    return total


@pytest.mark.parametrize("seed", range(20))
def test_viterbi_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 7))
    emissions = rng.normal(size=(n, len(LABELS)))
    transitions = rng.normal(size=(len(LABELS), len(LABELS)))
    best = max(
        itertools.product(range(len(LABELS)), repeat=n),
        key=lambda labels: _score(labels, emissions, transitions),
    )
    found = viterbi(emissions, transitions)
    assert _score(tuple(found), emissions, transitions) == pytest.approx(
        _score(best, emissions, transitions)
    )
    assert tuple(found) == best  # ties have probability zero with normal weights


def test_viterbi_of_nothing() -> None:
    assert viterbi(np.zeros((0, 3)), np.zeros((3, 3))) == []


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ("OOO", []),
        ("BII", [(0, 3)]),
        ("OBIO", [(1, 3)]),
        ("BIBI", [(0, 2), (2, 4)]),
        ("OIIO", [(1, 3)]),  # an I after O opens a segment
        ("BOB", [(0, 1), (2, 3)]),
    ],
)
def test_segments(tags: str, expected: list[tuple[int, int]]) -> None:
    assert segments([LABELS.index(t) for t in tags]) == expected


def _small_model() -> SpanModel:
    rng = np.random.default_rng(0)
    names = ["bias", "w=said", "rc=in"]
    return SpanModel(
        {name: i for i, name in enumerate(names)},
        rng.normal(size=(3, 3)).astype(np.float32).astype(np.float64),
        rng.normal(size=(3, 3)).astype(np.float32).astype(np.float64),
    )


def test_saved_model_loads_back(tmp_path: Path) -> None:
    model = _small_model()
    path = tmp_path / "spans.npz"
    model.save(path)
    loaded = load_span_model(path)
    assert loaded.index == model.index
    np.testing.assert_array_equal(loaded.weights, model.weights)
    rows = [["bias", "w=said"], ["bias", "rc=in", "unknown"]]
    assert loaded.tag(rows) == model.tag(rows)


def test_damaged_copy_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "spans.npz"
    _small_model().save(path)
    data = path.read_bytes()
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError):
        load_arrays("attribution-spans-v1.npz", damaged)
    with pytest.raises(ModelError):
        load_span_model(damaged)


def test_wrong_shape_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "spans.npz"
    np.savez(
        path,
        version=np.array(1),
        labels=np.array(LABELS),
        attributes=np.array(["bias"]),
        weights=np.zeros((2, 3), dtype=np.float32),
        transitions=np.zeros((3, 3), dtype=np.float32),
    )
    with pytest.raises(ModelError):
        load_span_model(path)


def test_shipped_model_loads() -> None:
    model = load_span_model()
    assert model.weights.shape == (len(model.index), len(LABELS))
    assert model.transitions.shape == (len(LABELS), len(LABELS))
    assert "bias" in model.index and "rc=in" in model.index


def test_shipped_model_damaged_copy_is_a_model_error(tmp_path: Path) -> None:
    shipped = Path(shipped_path("attribution-spans-v1.npz"))
    damaged = tmp_path / "attribution-spans-v1.npz"
    data = bytearray(shipped.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)  # zero a block inside the archive
    damaged.write_bytes(bytes(data))
    with pytest.raises(ModelError):
        load_span_model(damaged)
    damaged.write_bytes(bytes(data[:100]))
    with pytest.raises(ModelError):
        load_arrays("attribution-spans-v1.npz", damaged)


def test_span_model_parameter() -> None:
    pytest.importorskip("spacy")
    from newsift.attribution.analyzer import QuoteAnalyzer
    from newsift.errors import ConfigError

    rules_only = QuoteAnalyzer(span_model=False)
    with_model = QuoteAnalyzer()
    try:
        rules_only.setup()
        with_model.setup()
    except ConfigError as exc:
        pytest.skip(f"English spaCy pipeline not installed: {exc}")
    assert rules_only._spans is None
    assert with_model._spans is not None
