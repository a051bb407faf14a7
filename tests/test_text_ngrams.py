"""newsift.text.ngrams: remembered buckets and normalisation give the plain formulas' values."""

from __future__ import annotations

import math
import random
import zlib
from collections import Counter

import pytest

from newsift.text.ngrams import (
    BucketMemo,
    bucket,
    char_ngram_features,
    char_ngram_rows,
    char_ngrams,
    normalised,
)

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


@pytest.mark.parametrize("seed", range(6))
def test_char_ngram_rows_are_the_per_text_path(seed: int) -> None:
    texts = _texts(seed, count=seed * 7)
    size, offset = [(1 << 17, 1 << 17), (7, 3), (1 << 18, 0)][seed % 3]
    sizes = [(3, 4, 5), (3,), (2, 5)][seed % 3]
    starts, buckets, values = char_ngram_rows(texts, sizes, size, offset)
    assert len(starts) == len(texts) + 1
    for i, text in enumerate(texts):
        plain = normalised(Counter(bucket(g, size, offset) for g in char_ngrams(text, sizes)))
        assert buckets[starts[i] : starts[i + 1]].tolist() == list(plain)
        assert values[starts[i] : starts[i + 1]].tolist() == list(plain.values())
    assert char_ngram_features(texts, sizes, size, offset) == [
        normalised(Counter(bucket(g, size, offset) for g in char_ngrams(t, sizes))) for t in texts
    ]


@pytest.mark.parametrize("ascii_only", [True, False])
def test_feature_rows_are_the_feature_dicts(ascii_only: bool) -> None:
    from newsift.claims.model import feature_rows, features
    from newsift.comments.features import comment_feature_rows, comment_features

    texts = _texts(11 + ascii_only, count=60)
    if ascii_only:
        texts = [t.encode("ascii", "ignore").decode() for t in texts]
    texts += ["You are an IDIOT, a total idiot!!! http://x.y @bob 'experts'", "", "—"]
    for rows, plain in ((feature_rows, features), (comment_feature_rows, comment_features)):
        for text, (index, value) in zip(texts, rows(texts), strict=True):
            found = plain(text)
            assert index.tolist() == list(found) and value.tolist() == list(found.values())


@pytest.mark.parametrize(
    ("seed", "count", "high"),
    [
        (0, 0, 10),
        (1, 1, 10),
        (2, 500, 3),
        (3, 5000, 1 << 18),
        (4, 3000, 1 << 32),
        (5, 800, 1 << 40),
    ],
)
def test_stable_order_is_the_stable_argsort(seed: int, count: int, high: int) -> None:
    import numpy as np

    from newsift.text.ngrams import stable_order

    keys = np.random.default_rng(seed).integers(0, high, count, dtype=np.int64)
    assert stable_order(keys).tolist() == np.argsort(keys, kind="stable").tolist()


@pytest.mark.parametrize("seed", range(4))
def test_prefixed_and_pair_memos_are_the_plain_buckets(seed: int) -> None:
    from itertools import pairwise

    from newsift.text.ngrams import PairMemo, PrefixedMemo, WordGrams

    size, offset, limit = [(1 << 17, 0, 1 << 20), (1 << 17, 1 << 17, 5), (7, 3, 3), (1, 0, 1)][seed]
    words = PrefixedMemo("w:", size, offset, limit=limit)
    pairs = PairMemo("b:", size, offset, limit=limit)
    for text in _texts(seed, count=50):
        tokens = text.split(" ")
        assert list(words.buckets(tokens)) == [bucket("w:" + w, size, offset) for w in tokens]
        assert list(pairs.buckets(pairwise(tokens))) == [
            bucket(f"b:{a} {b}", size, offset) for a, b in pairwise(tokens)
        ]
        assert len(words) <= limit and len(pairs) <= limit
    grams = WordGrams(size, offset)
    for text in _texts(seed + 10, count=50):
        tokens = text.split(" ")
        plain = Counter(bucket("w:" + w, size, offset) for w in tokens)
        plain.update(bucket(f"b:{a} {b}", size, offset) for a, b in pairwise(tokens))
        found = grams.counts(tokens)
        assert found == plain and list(found) == list(plain)


@pytest.mark.parametrize("seed", range(4))
def test_key_rows_are_each_texts_keys_in_order(seed: int) -> None:
    """WordGrams.key_rows (one lookup of all words and of all pairs) gives, text by text,
    the word buckets, the pair buckets and then the extra keys, as key_array of keys()."""
    from itertools import chain

    from newsift.text.ngrams import WordGrams, key_array

    size, offset, limit = [(1 << 17, 0, 1 << 20), (1 << 17, 1 << 17, 5), (7, 3, 3), (1, 0, 1)][seed]
    grams, plain_grams = WordGrams(size, offset), WordGrams(size, offset)
    grams.words.limit = grams.pairs.limit = limit
    rng = random.Random(seed)
    texts = [text.split(" ") if text else [] for text in _texts(seed, count=60)]
    extra = [[rng.randrange(1000) for _ in range(rng.randint(0, 3))] for _ in texts]
    keys = (chain(plain_grams.keys(t), e) for t, e in zip(texts, extra, strict=True))
    plain = key_array(keys, len(texts))
    for found in (grams.key_rows(texts, extra), grams.key_rows(texts, extra)):  # cold, warm
        assert found[0].tolist() == plain[0].tolist()
        assert found[1].tolist() == plain[1].tolist()
    words_only = grams.key_rows(texts)[0].tolist()
    assert words_only == key_array(map(plain_grams.keys, texts), len(texts))[0].tolist()


@pytest.mark.parametrize("seed", range(4))
def test_gram_hashes_are_crc32_of_each_gram(seed: int) -> None:
    from newsift.text.ngrams import _gram_hashes

    rng = random.Random(seed)
    pieces = ["a", "b", " ", "’", "“", "é", "日", "🙂", "\u0080", "\u07ff", "\u0800", "\uffff"]
    for _ in range(300):
        text = "".join(rng.choices(pieces[: 3 + seed * 3], k=rng.randint(1, 30)))
        sizes = rng.choice([(3, 4, 5), (3,), (2, 5), (5, 3), (1, 7)])
        hashes = _gram_hashes(text, sizes)
        for j, n in enumerate(sizes):
            for i in range(len(text) - n + 1):
                assert int(hashes[j, i]) == zlib.crc32(text[i : i + n].encode("utf-8"))
