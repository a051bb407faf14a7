"""Encoder outputs of the comment corpora, computed once and cached on disk.

:func:`cached_features` keeps the fine-tuned encoder's rows of a list of texts
under a tag naming the encoder file's content, so fitting the heads of
``toxicity-minilm-v2`` (:mod:`training.toxicity_stack`) and the benchmarks
(:func:`with_cached_encoder`) encode the held-out comments once. (The frozen
all-MiniLM-L6-v2 corpus cache of the retired ``toxicity-minilm-v1`` is gone with it.)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.comments.model import ToxicityModel
from newsift.encoders import Encoder
from newsift.encoders.cache import CACHE_DIR, cached_rows


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
