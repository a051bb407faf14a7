"""Fine-tuned MiniLM token taggers shipped as int8 ONNX models: word pieces in, logits out.

A tagger (``models/<name>.onnx``, trained by ``training/finetune_tokens.py``) takes
``input_ids`` and ``attention_mask`` and gives one output, ``logits`` (batch, pieces,
labels): a score per label for every word piece. Unlike the sentence models of
:mod:`newsift.encoders.finetuned` the caller builds the ids (it may insert reserved
pieces as markers), so the tokenizer is handed out with truncation off: a caller
that needs a bound checks the length itself. A file is used only when its SHA-256 is
the one the caller names (a tampered or stale file is refused), with the shipped
vocabulary's; each input runs alone on one thread, as the sentence encoder's do.
The run time needs the ``minilm`` extra, never torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsift.encoders.minilm import (
    TOKENIZER_FILE,
    TOKENIZER_SHA256,
    MiniLMEncoder,
    models_dir,
    require_files,
)
from newsift.errors import ModelError


class TokenTagger:
    """Per-piece logits of a fine-tuned MiniLM token tagger, and its word-piece tokenizer."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        #: the shipped word-piece tokenizer: no padding, no truncation
        self.tokenizer = tokenizer

    @classmethod
    def load(cls, path: Path, expected_sha256: str | None) -> TokenTagger:
        """The tagger at ``path``, its hash checked unless ``expected_sha256`` is None
        (training scores the file it has just written); ModelError when a file is
        missing, altered or damaged, or the ``minilm`` extra is not installed."""
        vocabulary = models_dir() / TOKENIZER_FILE
        require_files(((path, expected_sha256), (vocabulary, TOKENIZER_SHA256)))
        encoder = MiniLMEncoder.load(path, vocabulary, check_hash=False)
        session, tokenizer = encoder._session, encoder._tokenizer
        tokenizer.no_truncation()
        outputs = [output.name for output in session.get_outputs()]
        if outputs != ["logits"]:
            raise ModelError(f"{path} has outputs {outputs}, not logits")
        return cls(session, tokenizer)

    def logits(self, ids: Sequence[int]) -> npt.NDArray[np.float32]:
        """``(pieces, labels)`` logits of one input of word-piece ids (one run, one thread)."""
        token_ids = np.asarray([ids], dtype=np.int64)
        feeds = {"input_ids": token_ids, "attention_mask": np.ones_like(token_ids)}
        (logits,) = self._session.run(None, feeds)
        return np.asarray(logits[0], dtype=np.float32)
