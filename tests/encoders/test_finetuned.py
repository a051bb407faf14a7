"""Fine-tuned int8 ONNX models: refused when altered or damaged, same logits as torch."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import pytest

from newsift.encoders.finetuned import FINETUNED_SHA256, FineTunedModel
from newsift.encoders.minilm import minilm_available, models_dir
from newsift.errors import ModelError

needs_minilm = pytest.mark.skipif(
    not minilm_available(), reason="the minilm extra is not installed"
)
TEXTS = ["percent rose sharply", "thanks lovely hello", "percent rose sharply", ""]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def tiny_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    """A tiny two-head model trained for a few steps and exported as int8 ONNX."""
    pytest.importorskip("torch", reason="building a model needs torch (the train extra)")
    pytest.importorskip("transformers", reason="building a model needs transformers")
    from training.finetune import Head, export_int8

    from tests.training.tiny import train_tiny

    model = train_tiny([Head("fact", 2), Head("tone", 3)], epochs=2)
    path = tmp_path_factory.mktemp("finetuned") / "tiny.onnx"
    export_int8(model, path, log=lambda _: None)
    return model, path


@pytest.mark.parametrize(
    "file_name", ["not-shipped.onnx", "minilm-l6-int8.onnx", "../claims-finetuned-v1.onnx"]
)
def test_files_outside_the_table_are_refused(file_name: str) -> None:
    with pytest.raises(ModelError, match="not a fine-tuned model"):
        FineTunedModel.load(file_name)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not an onnx model", "damaged"), (b"", "damaged")],
)
@needs_minilm
def test_damaged_file_is_a_model_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.onnx"
    path.write_bytes(content)
    with pytest.raises(ModelError, match=message):
        FineTunedModel.from_path(path, sha256(path))


@needs_minilm
def test_hash_mismatch_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.onnx"
    path.write_bytes(b"some other bytes")
    with pytest.raises(ModelError, match="hash differs"):
        FineTunedModel.from_path(path, "0" * 64)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no absent\.onnx"):
        FineTunedModel.from_path(tmp_path / "absent.onnx", None)


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "model.onnx"
    path.write_bytes(b"x")
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ModelError, match="minilm extra"):
        FineTunedModel.from_path(path, None)


@needs_minilm
def test_shapes_and_repeats(tiny_export: tuple[object, Path]) -> None:
    _, path = tiny_export
    model = FineTunedModel.from_path(path, sha256(path))
    logits, pooled = model.run(TEXTS)
    assert logits.shape == (4, 1 + 3) and logits.dtype == np.float32
    assert pooled.shape == (4, 32) and pooled.dtype == np.float32
    assert np.array_equal(logits[0], logits[2])
    alone = np.stack([model.run([t])[0][0] for t in TEXTS])
    assert np.array_equal(alone, logits)
    assert model.token_counts(["percent rose sharply", ""]) == [5, 2]


@needs_minilm
def test_agrees_with_torch(tiny_export: tuple[object, Path]) -> None:
    from training.finetune import FineTuned

    trained, path = tiny_export
    assert isinstance(trained, FineTuned)
    reference_logits, reference_pooled = trained.predict(TEXTS)
    logits, pooled = FineTunedModel.from_path(path, sha256(path)).run(TEXTS)
    assert np.abs(logits - reference_logits).max() < 0.25
    assert np.abs(pooled - reference_pooled).max() < 0.25
    assert np.array_equal(logits[:, 0] > 0, reference_logits[:, 0] > 0)


@needs_minilm
@pytest.mark.parametrize("file_name", sorted(FINETUNED_SHA256))
def test_shipped_models_load(file_name: str) -> None:
    if not (models_dir() / file_name).is_file():
        pytest.skip(f"{file_name} is not built in this checkout (make models)")
    model = FineTunedModel.load(file_name)
    logits, pooled = model.run(["The unemployment rate fell to 3.5 percent in May."])
    assert logits.shape[0] == 1 and pooled.shape == (1, 384)
    assert np.isfinite(logits).all()


@needs_minilm
def test_models_share_one_tokenizer_and_keep_their_own_logits() -> None:
    """The second model's load reuses the first one's tokenizer; each scores as if alone."""
    claims = FineTunedModel.load("claims-finetuned-v1.onnx")
    comments = FineTunedModel.load("toxicity-finetuned-v1.onnx")
    assert claims._tokenizer is comments._tokenizer
    texts = ["Unemployment rose 4 percent in 2023.", "You are a pathetic idiot."]
    assert claims.token_counts(texts) == comments.token_counts(texts)
    assert claims.logit_width != comments.logit_width or not np.array_equal(
        claims.run(texts)[0], comments.run(texts)[0]
    )
