"""newsift.text.ngrams: remembered buckets and normalisation give the plain formulas' values."""

from __future__ import annotations

import math
import random
import zlib
from collections import Counter

import pytest

from newsift.text.ngrams import BucketMemo, bucket, char_ngrams, normalised

WORDS = ["the", "Senate", "voted", "’s", "0%", "café", "naïve", "日本", "🙂", " ", "", "w:a"]


def _texts(seed: int, count: int = 200) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize(
    ("size", "offset", "limit"), [(1 << 17, 0, 1 << 20), (1 << 17, 1 << 17, 7)]
)
def test_memo_is_the_plain_bucket(size: int, offset: int, limit: int) -> None:
    memo = BucketMemo(size, offset, limit=limit)
    for text in _texts(size + limit):
        for gram in char_ngrams(" " + text + " ", (3, 4, 5)):
            expected = offset + zlib.crc32(gram.encode("utf-8")) % size
            assert memo[gram] == expected == bucket(gram, size, offset)
        assert len(memo) <= limit


@pytest.mark.parametrize("text", ["", "ab", "abc", " a b c ", "naïve café 🙂"])
def test_char_ngrams_in_size_then_position_order(text: str) -> None:
    expected = [text[i : i + n] for n in (3, 4, 5) for i in range(len(text) - n + 1)]
    assert char_ngrams(text, (3, 4, 5)) == expected


@pytest.mark.parametrize("seed", range(5))
def test_normalised_is_the_plain_formula(seed: int) -> None:
    rng = random.Random(seed)
    counts = Counter(rng.choices(range(50), k=rng.randint(0, 300)))
    norm = math.sqrt(sum(v * v for v in counts.values()))
    plain = {k: v / norm for k, v in counts.items()} if norm else {}
    got = normalised(counts)
    assert got == plain and list(got) == list(plain)
