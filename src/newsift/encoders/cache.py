"""Encode many texts once: vectors cached on disk by a hash of the texts (training, benchmarks)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

from newsift.encoders.minilm import Matrix, MiniLMEncoder

CACHE_DIR = Path(os.environ.get("NEWSIFT_CACHE", Path(tempfile.gettempdir()) / "newsift-cache"))


def cached_minilm(texts: list[str], *, cache_dir: Path = CACHE_DIR) -> Matrix:
    """MiniLM vectors of ``texts``, read from ``cache_dir`` when encoded before."""
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:24]
    path = cache_dir / f"minilm-{digest}.npy"
    if path.is_file():
        cached: Matrix = np.load(path, allow_pickle=False)
        if cached.shape[0] == len(texts):
            return cached
    vectors = MiniLMEncoder.load().encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, vectors, allow_pickle=False)
    partial.replace(path)
    return vectors
