"""Encoder outputs of the comment corpora, computed once and cached on disk.

The fine-tuned model (``toxicity-minilm-v2``): :func:`cached_features` keeps the
fine-tuned encoder's rows of a list of texts under a tag naming the encoder file's
content, so fitting its heads (:mod:`newsift.comments.stack`) and the benchmarks
(:func:`with_cached_encoder`) encode the held-out comments once.

The frozen all-MiniLM-L6-v2 vectors of the retired ``toxicity-minilm-v1`` method
(``train.train_heads`` with ``vectors``, :mod:`newsift.comments.news`): every
corpus is encoded in chunks of ``CHUNK`` distinct texts, in corpus order, through
:func:`newsift.encoders.cache.cached_minilm` (keyed by a hash of the chunk's
texts), so a run that stops half-way keeps its finished chunks. The text encoded
is :func:`encoder_text` of the comment. ``python -m newsift.comments.vectors``
fills that cache (needs the ``minilm`` extra).
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.comments.model import ToxicityModel, encoder_text
from newsift.encoders import Encoder
from newsift.encoders.cache import CACHE_DIR, KnownVectors

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
