"""Encoder outputs of the comment corpora, computed once and cached on disk.

:func:`cached_features` keeps the fine-tuned encoder's rows of a list of texts
under a tag naming the encoder file's content, so fitting the heads of
``toxicity-minilm-v2`` (:mod:`newsift.comments.stack`) and the benchmarks
(:func:`with_cached_encoder`) encode the held-out comments once. (The frozen
all-MiniLM-L6-v2 corpus cache of the retired ``toxicity-minilm-v1`` is gone with it.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.comments.model import ToxicityModel
from newsift.encoders import Encoder
from newsift.encoders.cache import CACHE_DIR


def cached_features(
    texts: list[str], encoder: Encoder, tag: str, *, cache_dir: Path = CACHE_DIR
) -> NDArray[np.float32]:
    """``encoder.encode(texts)``, cached on disk under ``tag`` and a hash of the texts.

    For the fine-tuned encoder (``tag`` names its file's content): fitting the
    heads and the benchmarks read the same held-out comments, encoded once.
    """
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:24]
    path = cache_dir / f"{tag}-{digest}.npy"
    if path.is_file():
        cached: NDArray[np.float32] = np.load(path, allow_pickle=False)
        if cached.shape[0] == len(texts):
            return cached
    rows = encoder.encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, rows, allow_pickle=False)
    partial.replace(path)
    return rows


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
