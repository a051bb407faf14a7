"""Encode many texts once: vectors cached on disk by a hash of the texts (training, benchmarks)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newsift.encoders import Encoder, choose_encoder
from newsift.encoders.minilm import DIMENSIONS, MODEL_SHA256, Matrix, MiniLMEncoder

CACHE_DIR = Path(os.environ.get("NEWSIFT_CACHE", Path(tempfile.gettempdir()) / "newsift-cache"))


def cached_rows(
    texts: list[str],
    encode: Callable[[list[str]], Matrix],
    tag: str,
    *,
    cache_dir: Path = CACHE_DIR,
) -> Matrix:
    """``encode(texts)``, read from ``cache_dir`` when the encoder named by ``tag`` (which
    must change with the model file's content) encoded these texts before."""
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:24]
    path = cache_dir / f"{tag}-{digest}.npy"
    if path.is_file():
        cached: Matrix = np.load(path, allow_pickle=False)
        if cached.shape[0] == len(texts):
            return cached
    rows = encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, rows, allow_pickle=False)
    partial.replace(path)
    return rows


def cached_minilm(texts: list[str], *, cache_dir: Path = CACHE_DIR) -> Matrix:
    """MiniLM vectors of ``texts``, read from ``cache_dir`` when this model encoded them before."""
    return cached_rows(
        texts,
        lambda missing: MiniLMEncoder.load().encode(missing),
        f"minilm-{MODEL_SHA256[:12]}",
        cache_dir=cache_dir,
    )


class CachedMiniLM:
    """MiniLM through the disk cache for lists (a corpus), directly for one text (a query)."""

    def encode(self, texts: list[str]) -> Matrix:
        if len(texts) > 1:
            return cached_minilm(texts)
        encoder = choose_encoder("minilm")
        assert encoder is not None  # "minilm" raises rather than give None
        return encoder.encode(texts)


class KnownVectors:
    """Vectors of texts encoded before; only texts not among them are encoded (by ``encoder``)."""

    def __init__(self, vectors: dict[str, Matrix], encoder: Encoder | None = None) -> None:
        self.vectors = dict(vectors)
        self.encoder = encoder

    def encode(self, texts: list[str]) -> Matrix:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            encoder = self.encoder or CachedMiniLM()
            self.vectors.update(zip(missing, encoder.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32)
