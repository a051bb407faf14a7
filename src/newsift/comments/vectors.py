"""Encoder outputs of the comment corpora, computed once and cached on disk.

:func:`cached_features` keeps the fine-tuned encoder's rows of a list of texts
under a tag naming the encoder file's content, so fitting the heads of
``toxicity-minilm-v2`` (:mod:`training.toxicity_stack`) and the benchmarks
(:func:`with_cached_encoder`) encode the held-out comments once. (The frozen
all-MiniLM-L6-v2 corpus cache of the retired ``toxicity-minilm-v1`` is gone with it.)
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from newsift.comments.model import ToxicityModel
from newsift.encoders import Encoder
from newsift.encoders.cache import CACHE_DIR, cached_rows


@runtime_checkable
class TokenCounter(Protocol):
    """An encoder that says how many tokens it reads of each text (the budget's unit)."""

    def token_counts(self, texts: list[str]) -> list[int]: ...


def cached_features(
    texts: list[str], encoder: Encoder, tag: str, *, cache_dir: Path = CACHE_DIR
) -> NDArray[np.float32]:
    """``encoder.encode(texts)``, cached on disk under ``tag`` and a hash of the texts.

    For the fine-tuned encoder (``tag`` names its file's content): fitting the
    heads and the benchmarks read the same held-out comments, encoded once.
    """
    return cached_rows(texts, encoder.encode, tag, cache_dir=cache_dir)


class CachedFeatures:
    """An encoder whose lists of texts (a corpus) go through :func:`cached_features`."""

    def __init__(self, encoder: Encoder, tag: str) -> None:
        self.encoder = encoder
        self.tag = tag

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        if len(texts) > 1:
            return cached_features(texts, self.encoder, self.tag)
        return self.encoder.encode(texts)


def with_cached_encoder(model: ToxicityModel) -> ToxicityModel:
    """``model`` with its fine-tuned encoder's outputs cached on disk (benchmarks)."""
    from dataclasses import replace

    from newsift.encoders.minilm import _sha256, models_dir

    if model.encoder is None or not model.encoder_file:
        return model
    tag = "finetuned-" + _sha256(models_dir() / model.encoder_file)[:16]
    return replace(model, encoder=CachedFeatures(model.encoder, tag))


class RememberingEncoder:
    """An encoder that keeps the rows of its last call in each thread, so that the threat
    head (:mod:`newsift.comments.threat_model`) reads the rows the comment model has just
    computed instead of running the encoder (or even ``encoder_text``) a second time.

    The rows are kept per thread (``threading.local``): two threads scoring at once
    never see each other's rows.
    """

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self._local = threading.local()

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        rows = self.encoder.encode(texts)
        self._local.last = rows
        return rows

    def last_rows(self) -> NDArray[np.float32] | None:
        """The rows of this thread's last :meth:`encode` call, if any."""
        last: NDArray[np.float32] | None = getattr(self._local, "last", None)
        return last


class RememberingCounter(RememberingEncoder):
    """A :class:`RememberingEncoder` of an encoder that counts tokens (the thread budget)."""

    def __init__(self, encoder: Encoder) -> None:
        if not isinstance(encoder, TokenCounter):
            raise TypeError("RememberingCounter needs an encoder with token_counts")
        super().__init__(encoder)
        self.counter: TokenCounter = encoder

    def token_counts(self, texts: list[str]) -> list[int]:
        return self.counter.token_counts(texts)


def remembering(model: ToxicityModel) -> ToxicityModel:
    """``model`` with its encoder wrapped to remember its last rows (see
    :class:`RememberingEncoder`); a model without an encoder is returned as it is."""
    from dataclasses import replace

    if model.encoder is None or isinstance(model.encoder, RememberingEncoder):
        return model
    wrapped = (
        RememberingCounter(model.encoder)
        if isinstance(model.encoder, TokenCounter)
        else RememberingEncoder(model.encoder)
    )
    return replace(model, encoder=wrapped)
