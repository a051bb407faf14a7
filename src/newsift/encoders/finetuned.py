"""Fine-tuned all-MiniLM-L6-v2 classifiers shipped as int8 ONNX models.

Each model (``models/<name>.onnx``) is the MiniLM network fine-tuned with one or more
classification heads by ``training/finetune.py`` (outside the wheel; see the model's
card beside it). It takes ``input_ids`` and ``attention_mask`` and gives two outputs:
``logits`` (one column per binary head, one per class of a larger head, in head order)
and ``pooled`` (the 384-wide mean of the last hidden states the heads read).

A file is used only when its SHA-256 is the one :data:`FINETUNED_SHA256` lists, so a
tampered or stale file is refused. Texts are tokenised with the sentence encoder's
tokenizer (``models/minilm-l6-tokenizer.json``, the vocabulary the models were trained
with) and each text runs alone on one thread: activations are quantised per run, so a
text's logits do not depend on its neighbours. The run time needs the ``minilm`` extra
(onnxruntime, tokenizers), never torch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsift.encoders.minilm import (
    DIMENSIONS,
    TOKENIZER_FILE,
    TOKENIZER_SHA256,
    MiniLMEncoder,
    _sha256,
    models_dir,
)
from newsift.errors import ModelError

#: SHA-256 of each shipped fine-tuned model, as ``training/finetune.py`` prints it
FINETUNED_SHA256: dict[str, str] = {
    "claims-finetuned-v1.onnx": (
        "b44c5cbcd2f6d139ecd1d592bcd52851d2f0e56d9dc8cf6493d69b2e41db39a7"
    ),
    "toxicity-finetuned-v1.onnx": (
        "5d34fd2fae67edd72ba4b2c80937a62e2483aba08ce3affeff478668a37983e3"
    ),
}

Matrix = npt.NDArray[np.float32]

#: the tokenizer of each vocabulary file, shared by the models loaded in this process
_TOKENIZERS: dict[Path, Any] = {}


class FineTunedModel:
    """Logits and pooled vectors of a fine-tuned MiniLM model (one CPU thread)."""

    def __init__(self, session: Any, tokenizer: Any, name: str) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.name = name
        logits, pooled = (output.shape for output in session.get_outputs())
        #: columns of ``logits`` (the heads' widths summed) and of ``pooled`` (384 for MiniLM)
        self.logit_width = _static(logits[1], 1)
        self.pooled_width = _static(pooled[1], DIMENSIONS)

    @classmethod
    def load(cls, file_name: str) -> FineTunedModel:
        """The shipped model ``file_name`` after checking its SHA-256 and the tokenizer's."""
        expected = FINETUNED_SHA256.get(file_name)
        if not expected:
            raise ModelError(f"{file_name} is not a fine-tuned model newsift ships")
        return cls.from_path(models_dir() / file_name, expected)

    @classmethod
    def from_path(cls, path: Path, expected_sha256: str | None) -> FineTunedModel:
        """The model at ``path``; its hash is checked unless ``expected_sha256`` is None
        (training scores the file it has just written)."""
        vocabulary = models_dir() / TOKENIZER_FILE
        for file, digest in ((path, expected_sha256), (vocabulary, TOKENIZER_SHA256)):
            if not file.is_file():
                raise ModelError(f"no {file.name} in {file.parent}; reinstall newsift")
            if digest is not None and _sha256(file) != digest:
                raise ModelError(f"{file} is not the file newsift shipped (hash differs)")
        # the same one-thread session and tokenizer the sentence encoder builds (hashes
        # checked above); its errors name the extra or the damaged file
        # Every fine-tuned model reads the one shipped vocabulary: one tokenizer (it holds
        # no per-call state) serves them all, so a second model does not parse it again.
        shared = _TOKENIZERS.get(vocabulary)
        encoder = MiniLMEncoder.load(path, vocabulary, check_hash=False, tokenizer=shared)
        session, tokenizer = encoder._session, encoder._tokenizer
        _TOKENIZERS[vocabulary] = tokenizer
        outputs = [output.name for output in session.get_outputs()]
        if outputs != ["logits", "pooled"]:
            raise ModelError(f"{path} has outputs {outputs}, not logits and pooled")
        return cls(session, tokenizer, path.name)

    def run(self, texts: list[str]) -> tuple[Matrix, Matrix]:
        """``(logits (n, k), pooled (n, 384))`` of the texts; a repeated text runs once."""
        distinct = list(dict.fromkeys(texts))
        logits = np.zeros((len(distinct), self.logit_width), dtype=np.float32)
        pooled = np.zeros((len(distinct), self.pooled_width), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch(distinct)):
            logits[row], pooled[row] = self._forward(encoding.ids)
        if len(distinct) == len(texts):
            return logits, pooled
        row_of = {text: row for row, text in enumerate(distinct)}
        index = [row_of[text] for text in texts]
        return logits[index], pooled[index]

    def token_counts(self, texts: list[str]) -> list[int]:
        """How many tokens (with [CLS] and [SEP], at most 256) the model sees for each text."""
        return [len(encoding.ids) for encoding in self._tokenizer.encode_batch(texts)]

    def _forward(self, tokens: list[int]) -> tuple[Matrix, Matrix]:
        token_ids = np.asarray([tokens], dtype=np.int64)
        feeds = {"input_ids": token_ids, "attention_mask": np.ones_like(token_ids)}
        logits, pooled = self._session.run(None, feeds)
        return np.asarray(logits[0], dtype=np.float32), np.asarray(pooled[0], dtype=np.float32)


def _static(dimension: Any, default: int) -> int:
    """A dimension the export fixed, or ``default`` where it was left symbolic."""
    return dimension if isinstance(dimension, int) else default
