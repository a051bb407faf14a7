"""Hashed n-gram buckets, remembered: the shared fast path of the n-gram featurizers.

A featurizer maps each feature string to a bucket, ``offset + crc32(utf-8) %
size``. Hashing a string costs an encode and a crc32 call in Python; the
same character n-grams and words recur on every page, so :class:`BucketMemo`
keeps the buckets it has computed (up to ``limit`` strings; it forgets all
of them when full, so memory stays bounded over millions of pages). A memo
gives exactly the bucket the plain formula gives (:func:`bucket`), so a
featurizer using one returns the same features in the same order.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable
from itertools import repeat
from operator import mul, truediv

#: strings remembered per memo before it starts over (about 100 MiB at most for short strings)
MAX_REMEMBERED = 1 << 20


def bucket(feature: str, size: int, offset: int = 0) -> int:
    """``offset + crc32(feature as UTF-8) % size``: the same on every run and machine."""
    return offset + zlib.crc32(feature.encode("utf-8")) % size


class BucketMemo(dict[str, int]):
    """``memo[feature]`` is :func:`bucket` of ``feature``, remembered.

    Look many up at C speed with ``map(memo.__getitem__, features)``: a miss
    computes the bucket and keeps it (the memo is emptied first when it holds
    ``limit`` strings).
    """

    __slots__ = ("limit", "offset", "size")

    def __init__(self, size: int, offset: int = 0, limit: int = MAX_REMEMBERED) -> None:
        super().__init__()
        self.size = size
        self.offset = offset
        self.limit = limit
        _MEMOS.append(self)

    def __missing__(self, feature: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[feature] = self.offset + zlib.crc32(feature.encode("utf-8")) % self.size
        return value

    def buckets(self, features: Iterable[str]) -> map[int]:
        """The bucket of each of ``features``, in order (lazily)."""
        return map(self.__getitem__, features)


#: every memo made (featurizers make theirs once, at import)
_MEMOS: list[BucketMemo] = []


def forget_all() -> None:
    """Empty every memo (for a timing that must not profit from earlier pages)."""
    for memo in _MEMOS:
        memo.clear()


def char_ngrams(text: str, sizes: Iterable[int]) -> list[str]:
    """Each character n-gram of ``text``: all n-grams of the first size, then the next size."""
    out: list[str] = []
    for n in sizes:
        out += [text[i : i + n] for i in range(len(text) - n + 1)]
    return out


def normalised(counts: Counter[int]) -> dict[int, float]:
    """``counts`` divided by their L2 norm, in the same order; empty when all are zero.

    The same floats as ``{k: v / norm for k, v in counts.items()}`` with
    ``norm = math.sqrt(sum(v * v for v in counts.values()))`` (integer counts:
    the sum of squares is exact in any order).
    """
    values = counts.values()
    norm = math.sqrt(sum(map(mul, values, values)))
    return dict(zip(counts, map(truediv, values, repeat(norm)), strict=True)) if norm else {}
