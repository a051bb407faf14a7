"""The fine-tuning harness on a tiny random BERT: it learns, handles missing labels, exports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the harness needs torch (the train extra)")
transformers = pytest.importorskip("transformers", reason="the harness needs transformers")
pytest.importorskip("onnxruntime", reason="the export check needs onnxruntime")
pytest.importorskip("tokenizers", reason="the harness tokenises with tokenizers")

from training.finetune import (  # noqa: E402
    FineTuned,
    Head,
    _schedule,
    export_int8,
    finetune,
    load_checkpoint,
    save_checkpoint,
)

from tests.training.tiny import tiny_config, toy, train_tiny  # noqa: E402


@pytest.fixture(scope="module")
def two_heads() -> FineTuned:
    return train_tiny([Head("fact", 2), Head("tone", 3)])


def test_tune_loss_goes_down(two_heads: FineTuned) -> None:
    losses = two_heads.tune_losses
    assert len(losses) == 6
    assert losses[-1] < 0.6 * losses[0]


def test_multi_task_with_missing_labels_learns_both_heads(two_heads: FineTuned) -> None:
    tune = toy(40, 2)
    logits, pooled = two_heads.predict([text for text, _ in tune])
    assert logits.shape == (40, 1 + 3)
    assert pooled.shape == (40, 32)
    fact_gold = np.array([labels["fact"] for _, labels in tune])
    assert np.mean((logits[:, 0] > 0) == fact_gold) >= 0.8
    tone_rows = [i for i, (_, labels) in enumerate(tune) if "tone" in labels]
    tone_gold = np.array([tune[i][1]["tone"] for i in tone_rows])
    assert np.mean(logits[tone_rows, 1:].argmax(1) == tone_gold) >= 0.6


def test_same_seed_same_weights() -> None:
    first = train_tiny([Head("fact", 2)], epochs=1)
    second = train_tiny([Head("fact", 2)], epochs=1)
    for a, b in zip(first.network.parameters(), second.network.parameters(), strict=True):
        assert torch.equal(a, b)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ({"nope": 1}, "unknown head"),
        ({"fact": 2}, "out of range"),
        ({"fact": -1}, "out of range"),
    ],
)
def test_bad_labels_are_refused(labels: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        finetune(
            [Head("fact", 2)],
            [("a text", labels)],
            [],
            epochs=1,
            lr=1e-3,
            batch=4,
            max_len=8,
            seed=0,
            threads=1,
            log=lambda _: None,
            base=tiny_config(),
        )


@pytest.mark.parametrize(
    ("step", "total", "expected"),
    [(0, 100, 1 / 6), (5, 100, 1.0), (6, 100, 1.0), (53, 100, 0.5), (100, 100, 0.0)],
)
def test_schedule_follows_steps(step: int, total: int, expected: float) -> None:
    assert _schedule(step, total) == pytest.approx(expected, abs=0.01)


def test_export_round_trips_logits(two_heads: FineTuned, tmp_path: Path) -> None:
    path = tmp_path / "tiny.onnx"
    check = export_int8(two_heads, path, log=lambda _: None)
    assert path.is_file()
    assert check.texts == 8
    assert check.max_logit_difference < 0.25
    assert check.decision_flips <= 1


def test_checkpoint_round_trip(two_heads: FineTuned, tmp_path: Path) -> None:
    path = tmp_path / "tiny.safetensors"
    save_checkpoint(two_heads, path)
    again = load_checkpoint(two_heads.heads, path, two_heads.max_len, base=tiny_config())
    texts = ["percent rose", "thanks lovely"]
    assert np.allclose(again.predict(texts)[0], two_heads.predict(texts)[0], atol=1e-6)


def test_export_is_stored_as_the_optimised_graph(two_heads: FineTuned, tmp_path: Path) -> None:
    """The exported file is what onnxruntime would build at load (fused ops stored), and
    optimising it again changes no output."""
    import onnx
    from training.onnx_graph import largest_difference, optimise_for_runtime

    path = tmp_path / "tiny.onnx"
    export_int8(two_heads, path, log=lambda _: None)
    domains = {node.domain for node in onnx.load(str(path)).graph.node}
    assert "com.microsoft" in domains  # onnxruntime's fused kernels, stored in the file
    again = tmp_path / "again.onnx"
    optimise_for_runtime(path, again)
    assert largest_difference(path, again, lengths=(3, 17, 60)) == 0.0
