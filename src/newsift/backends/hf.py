"""Run a Hugging Face checkpoint that a user has on disk (the ``hf`` extra).

newsift never downloads: :meth:`HFClassifier.load` reads a local folder with
``local_files_only=True``. By default only ``safetensors`` weights are accepted;
``allow_pickle=True`` also lets transformers read ``pytorch_model.bin`` (which
it opens with ``torch.load(weights_only=True)``) for older checkpoints such as
Prta's BERT.

Two tasks: ``"text"`` gives one ``{label: probability}`` per text (sigmoid per
label for multi-label checkpoints such as Detoxify's, softmax otherwise);
``"token"`` gives, per text, the tokens with their character offsets and
``{label: probability}``.

:func:`tiny_bert_checkpoint` writes a tiny randomly initialised BERT with a
toy vocabulary, so tests exercise the real loading code offline.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsift.errors import ModelError

Task = Literal["text", "token"]
EXTRA_HINT = "the Hugging Face backend needs the hf extra: pip install 'newsift[hf]'"


def hf_available() -> bool:
    """True when torch and transformers are installed."""
    return all(importlib.util.find_spec(name) for name in ("torch", "transformers"))


@dataclass(frozen=True, slots=True)
class TokenScores:
    """One token of a text: its character range and label probabilities."""

    start: int
    end: int
    scores: dict[str, float]


class HFClassifier:
    """A local sequence- or token-classification checkpoint, run on the CPU."""

    def __init__(self, model: Any, tokenizer: Any, task: Task, max_length: int) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.task = task
        self.max_length = max_length
        config = model.config
        self.labels = [str(config.id2label[i]) for i in range(config.num_labels)]
        self.multi_label = config.problem_type == "multi_label_classification"

    @classmethod
    def load(
        cls,
        path: str | Path,
        *,
        task: Task = "text",
        max_length: int = 512,
        allow_pickle: bool = False,
    ) -> HFClassifier:
        """Load a checkpoint folder; :class:`ModelError` when it cannot be used."""
        if not hf_available():
            raise ModelError(EXTRA_HINT)
        from transformers import (
            AutoModelForSequenceClassification,
            AutoModelForTokenClassification,
            AutoTokenizer,
        )

        folder = Path(path)
        if not folder.is_dir():
            raise ModelError(f"{folder}: not a checkpoint folder")
        if not allow_pickle and not any(folder.glob("*.safetensors")):
            raise ModelError(
                f"{folder}: no .safetensors weights (pass allow_pickle=True to read .bin files)"
            )
        auto = (
            AutoModelForTokenClassification
            if task == "token"
            else AutoModelForSequenceClassification
        )
        try:
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            model = auto.from_pretrained(
                folder, local_files_only=True, use_safetensors=None if allow_pickle else True
            )
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{folder}: cannot load the checkpoint: {exc}") from exc
        if task == "token" and not getattr(tokenizer, "is_fast", False):
            raise ModelError(f"{folder}: token task needs a fast tokenizer (tokenizer.json)")
        model.eval()
        return cls(model, tokenizer, task, max_length)

    def _batch(self, texts: list[str], offsets: bool) -> tuple[Any, Any]:
        import torch

        encoded = self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
            return_offsets_mapping=offsets,
        )
        mapping = encoded.pop("offset_mapping", None)
        with torch.inference_mode():
            logits = self.model(**encoded).logits
        probabilities = torch.sigmoid(logits) if self.multi_label else torch.softmax(logits, -1)
        return probabilities, mapping

    def predict(self, texts: list[str], *, batch_size: int = 16) -> list[dict[str, float]]:
        """Label probabilities per text (``task="text"``)."""
        if self.task != "text":
            raise ModelError("predict() is for text checkpoints; use predict_tokens()")
        out: list[dict[str, float]] = []
        for start in range(0, len(texts), batch_size):
            probabilities, _ = self._batch(texts[start : start + batch_size], offsets=False)
            for row in probabilities.tolist():
                out.append(dict(zip(self.labels, (float(p) for p in row), strict=True)))
        return out

    def predict_tokens(self, texts: list[str], *, batch_size: int = 8) -> list[list[TokenScores]]:
        """Per text, each real token's character range and label probabilities."""
        if self.task != "token":
            raise ModelError("predict_tokens() is for token checkpoints; use predict()")
        out: list[list[TokenScores]] = []
        for start in range(0, len(texts), batch_size):
            probabilities, mapping = self._batch(texts[start : start + batch_size], offsets=True)
            for rows, spans in zip(probabilities.tolist(), mapping.tolist(), strict=True):
                out.append(
                    [
                        TokenScores(begin, end, dict(zip(self.labels, row, strict=True)))
                        for row, (begin, end) in zip(rows, spans, strict=True)
                        if end > begin  # special and padding tokens have empty offsets
                    ]
                )
        return out


TOY_WORDS = (
    "the", "a", "of", "and", "to", "in", "is", "was", "said", "he", "she", "they", "it",
    "this", "that", "not", "no", "very", "all", "people", "government", "minister", "police",
    "report", "study", "percent", "million", "year", "new", "would", "could", "must",
    "crisis", "disaster", "shocking", "corrupt", "traitor", "enemy", "always", "never",
    "everyone", "nobody", "threat",
)  # fmt: skip


def tiny_bert_checkpoint(
    folder: str | Path,
    labels: list[str],
    *,
    task: Task = "text",
    multi_label: bool = False,
    seed: int = 0,
) -> Path:
    """Write a tiny random BERT checkpoint (safetensors + fast tokenizer) for tests."""
    if not hf_available():
        raise ModelError(EXTRA_HINT)
    import torch
    from transformers import (
        BertConfig,
        BertForSequenceClassification,
        BertForTokenClassification,
        BertTokenizer,
    )

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *TOY_WORDS]
    vocab_file = target / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    sizes: dict[str, Any] = dict(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=128,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
        problem_type="multi_label_classification" if multi_label else None,
    )
    config = BertConfig(**sizes)
    torch.manual_seed(seed)
    model_class = BertForTokenClassification if task == "token" else BertForSequenceClassification
    model_class(config).save_pretrained(target, safe_serialization=True)
    BertTokenizer(vocab_file=str(vocab_file), do_lower_case=True).save_pretrained(target)
    return target
