"""The check-worthiness model: how likely a sentence states a fact worth checking.

Features: hashed word unigrams and bigrams (digits folded to ``0``) in the
first half of ``HASH_BUCKETS``, hashed character 3- to 5-grams of the
lower-cased, space-padded sentence in the second half; crc32 hashing, so the
bucket of a feature is the same on every run and machine. Each half is
counted and L2-normalised. The model is logistic regression trained on
ClaimBuster ``crowdsourced.csv`` (see ``src/newsift/models/claims-v1.md``;
``python -m newsift.claims.train`` rebuilds it). The weights ship as a sparse
``.npz`` (indices and values of the non-zero weights) read with
``allow_pickle=False``; inference needs only NumPy.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.models import load_arrays

MODEL_FILE = "claims-v1.npz"
HASH_BUCKETS = 1 << 18
WORD_BUCKETS = HASH_BUCKETS // 2
CHAR_NGRAMS = (3, 4, 5)
MAX_CHARS = 1000
FEATURES_VERSION = 1
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[%$€£]", re.UNICODE)
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


def _bucket(feature: str, offset: int) -> int:
    return offset + zlib.crc32(feature.encode("utf-8")) % WORD_BUCKETS


def _normalised(counts: Counter[int]) -> dict[int, float]:
    norm = math.sqrt(sum(v * v for v in counts.values()))
    return {k: v / norm for k, v in counts.items()} if norm else {}


def features(sentence: str) -> dict[int, float]:
    """Bucket -> value for one sentence (word half and character half, each of unit length)."""
    text = _SPACE.sub(" ", sentence[:MAX_CHARS].lower()).strip()
    words = [_DIGIT.sub("0", w.replace("’", "'")) for w in _TOKEN.findall(text)]
    word_counts: Counter[int] = Counter(_bucket("w:" + w, 0) for w in words)
    word_counts.update(_bucket("b:" + a + " " + b, 0) for a, b in pairwise(words))
    padded = " " + _DIGIT.sub("0", text) + " "
    char_counts: Counter[int] = Counter(
        _bucket(padded[i : i + n], WORD_BUCKETS)
        for n in CHAR_NGRAMS
        for i in range(len(padded) - n + 1)
    )
    return {**_normalised(word_counts), **_normalised(char_counts)}


@dataclass(frozen=True, slots=True)
class ClaimModel:
    """``weights`` (HASH_BUCKETS,), ``bias``, and the decision ``threshold`` on the score."""

    weights: NDArray[np.float32]
    bias: float
    threshold: float

    def score(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The probability that each sentence is check-worthy, in order."""
        out = np.zeros(len(sentences), dtype=np.float64)
        for i, sentence in enumerate(sentences):
            found = features(sentence)
            if not found:
                out[i] = _sigmoid(self.bias)
                continue
            index = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
            value = np.fromiter(found.values(), dtype=np.float64, count=len(found))
            out[i] = _sigmoid(float(self.weights[index].astype(np.float64) @ value) + self.bias)
        return out

    def save(self, path: Path) -> None:
        nonzero = np.flatnonzero(self.weights).astype(np.int32)
        np.savez_compressed(
            path,
            index=nonzero,
            value=self.weights[nonzero].astype(np.float32),
            bias=np.array([self.bias], dtype=np.float64),
            threshold=np.array([self.threshold], dtype=np.float64),
            hash_buckets=np.array([HASH_BUCKETS], dtype=np.int64),
            features_version=np.array([FEATURES_VERSION], dtype=np.int64),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> ClaimModel:
        """The shipped model (or one at ``path``); refuses weights of another shape."""
        return cls._from_arrays(load_arrays(MODEL_FILE, path))

    @classmethod
    def _from_arrays(cls, data: dict[str, NDArray[np.generic]]) -> ClaimModel:
        index = data["index"]
        ok = (
            int(data["hash_buckets"][0]) == HASH_BUCKETS
            and int(data["features_version"][0]) == FEATURES_VERSION
            and index.shape == data["value"].shape
            and (index.size == 0 or (int(index.min()) >= 0 and int(index.max()) < HASH_BUCKETS))
        )
        if not ok:
            raise ValueError("claim model weights do not match this version's features")
        weights = np.zeros(HASH_BUCKETS, dtype=np.float32)
        weights[index.astype(np.int64)] = data["value"].astype(np.float32)
        return cls(weights, float(data["bias"][0]), float(data["threshold"][0]))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)
