"""The Hugging Face adapter loads real checkpoints built locally (nothing downloads)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.backends.hf import HFClassifier, hf_available, tiny_bert_checkpoint
from newsift.errors import ModelError

pytestmark = pytest.mark.skipif(not hf_available(), reason="the hf extra is not installed")
TEXTS = ["the minister said it was a shocking disaster", "no", "people"]


@pytest.mark.parametrize("multi_label", [False, True])
def test_text_checkpoint_gives_probabilities_per_label(tmp_path: Path, multi_label: bool) -> None:
    labels = ["toxic", "insult", "threat"]
    folder = tiny_bert_checkpoint(tmp_path / "m", labels, multi_label=multi_label)
    classifier = HFClassifier.load(folder)
    rows = classifier.predict(TEXTS, batch_size=2)
    assert len(rows) == len(TEXTS)
    for row in rows:
        assert list(row) == labels
        assert all(0.0 <= p <= 1.0 for p in row.values())
        if not multi_label:
            assert sum(row.values()) == pytest.approx(1.0, abs=1e-5)
    assert classifier.multi_label is multi_label


def test_token_checkpoint_gives_character_offsets(tmp_path: Path) -> None:
    folder = tiny_bert_checkpoint(tmp_path / "t", ["O", "B-Loaded", "I-Loaded"], task="token")
    text = "The minister said: shocking!"
    (tokens,) = HFClassifier.load(folder, task="token").predict_tokens([text])
    assert [text[t.start : t.end] for t in tokens] == [
        "The", "minister", "said", ":", "shocking", "!",
    ]  # fmt: skip
    assert all(set(t.scores) == {"O", "B-Loaded", "I-Loaded"} for t in tokens)


def test_weights_are_not_mixed_up_between_loads(tmp_path: Path) -> None:
    first = tiny_bert_checkpoint(tmp_path / "a", ["x", "y"], seed=1)
    second = tiny_bert_checkpoint(tmp_path / "b", ["x", "y"], seed=2)
    a = HFClassifier.load(first).predict(TEXTS)
    b = HFClassifier.load(second).predict(TEXTS)
    assert a != b
    assert HFClassifier.load(first).predict(TEXTS) == a  # deterministic


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "not a checkpoint folder"),
        ("pickle-only", r"no \.safetensors"),
        ("broken-config", "cannot load"),
    ],
)
def test_unusable_checkpoints_are_model_errors(tmp_path: Path, setup: str, message: str) -> None:
    folder = tmp_path / "m"
    if setup != "missing":
        tiny_bert_checkpoint(folder, ["x", "y"])
    if setup == "pickle-only":
        (folder / "model.safetensors").rename(folder / "pytorch_model.bin.unused")
    if setup == "broken-config":
        (folder / "config.json").write_text(json.dumps({"model_type": "no-such-model"}))
    with pytest.raises(ModelError, match=message):
        HFClassifier.load(folder)


def test_wrong_task_method_is_refused(tmp_path: Path) -> None:
    classifier = HFClassifier.load(tiny_bert_checkpoint(tmp_path / "m", ["x", "y"]))
    with pytest.raises(ModelError, match="predict_tokens"):
        classifier.predict_tokens(["no"])
