"""MiniLM vectors of the comment corpora, encoded once in fixed chunks and cached on disk.

Training and the benchmark need the all-MiniLM-L6-v2 vector of thousands of
comments; encoding runs at roughly 80 short texts per CPU-second, so every
corpus is encoded in chunks of ``CHUNK`` distinct texts, in corpus order,
through :func:`newsift.encoders.cache.cached_minilm` (keyed by a hash of the
chunk's texts). A run that stops half-way keeps its finished chunks, and the
trainer and the benchmark read the same cache. The text encoded is what
:class:`~newsift.comments.model.ToxicityModel` encodes at run time:
:func:`encoder_text` of the comment. ``python -m newsift.comments.vectors``
fills the cache ahead of training (needs the ``minilm`` extra).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.comments.model import encoder_text
from newsift.encoders.cache import KnownVectors

CHUNK = 512
DAVIDSON_SAMPLE = 3000  # Davidson tweets encoded (train part only), of about 17,000
TYPED_SAMPLE = 3000  # Toxic Spans comments encoded (train part only), of about 9,900
SEED = 13


def corpus_vectors(
    texts: Iterable[str], log: Callable[[str], None] | None = None
) -> dict[str, NDArray[np.float32]]:
    """Comment text -> its MiniLM vector, for every distinct text of ``texts``."""
    from newsift.encoders.cache import cached_minilm

    distinct = list(dict.fromkeys(texts))
    out: dict[str, NDArray[np.float32]] = {}
    for start in range(0, len(distinct), CHUNK):
        chunk = distinct[start : start + CHUNK]
        vectors = cached_minilm([encoder_text(t) for t in chunk])
        out.update(zip(chunk, vectors, strict=True))
        if log is not None:
            log(f"encoded {min(start + CHUNK, len(distinct))}/{len(distinct)}")
    return out


def corpus_encoder(vectors: dict[str, NDArray[np.float32]]) -> KnownVectors:
    """An encoder that reads the vectors of known comments and encodes only the others.

    For the benchmark: the held-out comments were encoded with their corpus, so
    scoring them again costs nothing. Keys are :func:`encoder_text` of each
    comment, the text the model encodes.
    """
    return KnownVectors({encoder_text(text): vector for text, vector in vectors.items()})


def sample(texts: list[str], size: int) -> list[str]:
    """A fixed random sample of ``size`` of ``texts`` (all of them when fewer), in text order."""
    if len(texts) <= size:
        return texts
    keep = set(random.Random(SEED).sample(range(len(texts)), size))
    return [t for i, t in enumerate(texts) if i in keep]


def encoded_corpora(root: Path | None = None) -> dict[str, list[str]]:
    """Per corpus, the texts the encoder model is trained and measured on, in encoding order."""
    from newsift.comments import data

    root = root or data.DATA
    davidson = [r.text for r in data.davidson(root) if data.part(r.text) == "train"]
    typed = [r.text for r in data.typed(root) if data.part(r.text) == "train"]
    return {
        "socc": [r.text for r in data.socc(root)],
        "ucc": [r.text for r in data.ucc(root)],
        "olid": [r.text for r in data.olid(root)],
        "davidson": sample(davidson, DAVIDSON_SAMPLE),
        "typed": sample(typed, TYPED_SAMPLE),
    }


def all_vectors(
    root: Path | None = None, log: Callable[[str], None] | None = None
) -> dict[str, NDArray[np.float32]]:
    """Comment text -> MiniLM vector for every corpus of :func:`encoded_corpora`.

    Each corpus is encoded on its own, so its chunks (and their cache files)
    stay the same whichever other corpora are read.
    """
    out: dict[str, NDArray[np.float32]] = {}
    for name, texts in encoded_corpora(root).items():
        if log is not None:
            log(f"{name}: {len(texts)} texts")
        out.update(corpus_vectors(texts, log))
    return out


def main() -> int:
    started = time.time()

    def log(message: str) -> None:
        print(f"[{time.time() - started:7.1f}s] {message}", flush=True)

    all_vectors(log=log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
