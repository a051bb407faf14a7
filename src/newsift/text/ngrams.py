"""Hashed n-gram buckets, remembered: the shared fast path of the n-gram featurizers.

A featurizer maps each feature string to a bucket, ``offset + crc32(utf-8) %
size``. Hashing a string costs an encode and a crc32 call in Python; the
same character n-grams and words recur on every page, so :class:`BucketMemo`
keeps the buckets it has computed (up to ``limit`` strings; it forgets all
of them when full, so memory stays bounded over millions of pages). A memo
gives exactly the bucket the plain formula gives (:func:`bucket`), so a
featurizer using one returns the same features in the same order.

:func:`char_ngram_features` does the character half of such a featurizer for
many texts at once in NumPy (crc32 computed byte by byte over every n-gram of
every text together), with the same buckets, order and floats as the
per-text Python path; it pays from a page of sentences or a thread of
comments on.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, filterfalse, pairwise, repeat
from operator import mul, truediv
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

#: rows of many texts, flat: ``(starts, buckets, values)``, text i's features being
#: ``buckets[starts[i]:starts[i + 1]]`` with the same slice of ``values``
FlatRows = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]

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

    def fill(self, features: Iterable[str]) -> None:
        """Remember the buckets of those of ``features`` not yet known, all at once.

        The same buckets :meth:`__missing__` gives, computed in one chain of
        C-level ``map`` calls instead of one Python call per new string: on a
        page whose words are new (a cold memo) that is most of the hashing cost.
        """
        new = set(filterfalse(self.__contains__, features))
        _store(self, new, map(str.encode, new), self.size, self.offset, self.limit)


def _store(
    memo: dict[_AnyKey, int],
    new: set[_AnyKey],
    encoded: Iterable[bytes],
    size: int,
    offset: int,
    limit: int,
) -> None:
    """``memo[key] = offset + crc32(encoded) % size`` for each key of ``new`` and its
    UTF-8 feature string in ``encoded`` (same order); the memo is emptied first when
    the new keys would take it past ``limit`` strings."""
    if not new or len(new) > limit:
        return  # nothing new, or more than the memo keeps: looked up one by one
    if len(memo) + len(new) > limit:
        memo.clear()
    hashed = map(offset.__add__, map(size.__rmod__, map(zlib.crc32, encoded)))
    memo.update(zip(new, hashed, strict=True))


_Key = TypeVar("_Key", str, tuple[str, str])
_AnyKey = TypeVar("_AnyKey", str, tuple[str, str])


class _FeatureMemo(dict[_Key, int], Generic[_Key]):
    """``memo[key]`` is :func:`bucket` of the feature string ``key`` stands for, remembered.

    Keyed by what the featurizer already holds (a word, a word pair), so no
    feature string is built for a key seen before.
    """

    __slots__ = ("limit", "offset", "prefix", "size")

    def __init__(self, prefix: str, size: int, offset: int = 0, limit: int = MAX_REMEMBERED):
        super().__init__()
        self.prefix = prefix
        self.size = size
        self.offset = offset
        self.limit = limit
        _MEMOS.append(self)

    def feature(self, key: _Key) -> str:
        """The feature string ``key`` stands for (each subclass says how it is built)."""
        raise NotImplementedError

    def __missing__(self, key: _Key) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = bucket(self.feature(key), self.size, self.offset)
        return value

    def buckets(self, keys: Iterable[_Key]) -> map[int]:
        """The bucket of each key's feature, in order (lazily)."""
        return map(self.__getitem__, keys)

    def fill(self, keys: Iterable[_Key]) -> None:
        """Remember the buckets of those of ``keys`` not yet known, all at once
        (see :meth:`BucketMemo.fill`)."""
        new = set(filterfalse(self.__contains__, keys))
        if new:
            _store(
                self, new, map(str.encode, self.features(new)), self.size, self.offset, self.limit
            )

    def features(self, keys: Iterable[_Key]) -> Iterable[str]:
        """:meth:`feature` of each of ``keys``, in order (subclasses do it without a
        Python call per key)."""
        return map(self.feature, keys)

    def lookup(self, keys: list[_Key]) -> NDArray[np.int64]:
        """The bucket of each of ``keys``, in order: one C-level pass over them; the
        keys not yet known (a page's new words) are remembered at once (:meth:`fill`)
        and only their places are filled in."""
        found = np.fromiter(map(self.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
        missing = np.flatnonzero(found < 0)
        if len(missing):
            new = [keys[i] for i in missing.tolist()]
            self.fill(new)
            found[missing] = np.fromiter(map(self.__getitem__, new), dtype=np.int64, count=len(new))
        return found


class PrefixedMemo(_FeatureMemo[str]):
    """``memo[word]`` is :func:`bucket` of ``prefix + word``."""

    __slots__ = ()

    def feature(self, key: str) -> str:
        return self.prefix + key

    def features(self, keys: Iterable[str]) -> Iterable[str]:
        return map(self.prefix.__add__, keys)


class PairMemo(_FeatureMemo[tuple[str, str]]):
    """``memo[(a, b)]`` is :func:`bucket` of ``f"{prefix}{a} {b}"``."""

    __slots__ = ()

    def feature(self, key: tuple[str, str]) -> str:
        return f"{self.prefix}{key[0]} {key[1]}"

    def features(self, keys: Iterable[tuple[str, str]]) -> Iterable[str]:
        return map(self.prefix.__add__, map(" ".join, keys))


class WordGrams:
    """Bucket counts of a text's words (``"w:" + word``) and word pairs (``"b:a b"``).

    The counts, in first-appearance order, of ``bucket(f, size, offset)`` over
    ``["w:" + w for w in words]`` then ``[f"b:{a} {b}" for a, b in pairwise(words)]``,
    from memos keyed by the words and pairs themselves.
    """

    __slots__ = ("pairs", "words")

    def __init__(self, size: int, offset: int = 0) -> None:
        self.words = PrefixedMemo("w:", size, offset)
        self.pairs = PairMemo("b:", size, offset)

    def counts(self, words: list[str]) -> Counter[int]:
        found: Counter[int] = Counter(self.words.buckets(words))
        found.update(self.pairs.buckets(pairwise(words)))
        return found

    def keys(self, words: list[str]) -> chain[int]:
        """The bucket of each word, then of each pair: what :meth:`counts` counts, in order."""
        return chain(self.words.buckets(words), self.pairs.buckets(pairwise(words)))

    def rows(self, texts: Sequence[list[str]], span: int) -> FlatRows:
        """``normalised(self.counts(words))`` of each of ``texts`` as flat rows (buckets below
        ``span``), computed for all texts together."""
        return counted_rows(*self.key_rows(texts), span)

    def key_rows(
        self, texts: Sequence[list[str]], extra: Sequence[list[int]] | None = None
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """:func:`key_array` of ``chain(self.keys(words), extra[i])`` for each text
        (``extra``: more bucket keys per text, put after its pairs), built from one
        lookup of every word and one of every pair of all texts."""
        count = len(texts)
        words = self.words.lookup(list(chain.from_iterable(texts)))
        pairs = self.pairs.lookup(list(chain.from_iterable(map(pairwise, texts))))
        word_counts = np.fromiter(map(len, texts), dtype=np.int64, count=count)
        parts = [(words, word_counts), (pairs, np.maximum(word_counts - 1, 0))]
        if extra is not None:
            extra_counts = np.fromiter(map(len, extra), dtype=np.int64, count=count)
            flat = np.fromiter(
                chain.from_iterable(extra), dtype=np.int64, count=int(extra_counts.sum())
            )
            parts.append((flat, extra_counts))
        return interleaved(parts)


def interleaved(
    parts: Sequence[tuple[NDArray[np.int64], NDArray[np.int64]]],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Flat keys whose text i has text i's keys of each part, part after part.

    Each part is ``(flat, counts)``: text i's keys of that part are ``counts[i]``
    consecutive entries of ``flat``, text after text. Returns the joined keys and
    how many each text has (as :func:`key_array`).
    """
    per_text, places = _places([counts for _, counts in parts])
    out = np.empty(int(per_text.sum()), dtype=np.int64)
    for (flat, _), to in zip(parts, places, strict=True):
        out[to] = flat
    return out, per_text


def _places(
    counts: Sequence[NDArray[np.int64]],
) -> tuple[NDArray[np.int64], list[NDArray[np.int64]]]:
    """For parts whose text i has ``counts[k][i]`` items in part k (text after text), how
    many items each text has in all, and where each part's items go when each text's
    items are laid out part after part (:func:`interleaved`, :func:`joined_rows`)."""
    per_text = np.add.reduce(counts) if len(counts) > 1 else counts[0]
    before = np.cumsum(per_text) - per_text  # where text i's slice of the next part goes
    places = []
    for length in counts:
        part_starts = np.cumsum(length) - length
        places.append(np.repeat(before - part_starts, length) + np.arange(int(length.sum())))
        before = before + length
    return per_text, places


def key_array(
    keys: Iterable[Iterable[int]], count: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The buckets of ``count`` texts' features as one array, and how many each text has."""
    lists = [list(k) for k in keys]
    per_text = np.fromiter(map(len, lists), dtype=np.int64, count=count)
    flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(per_text.sum()))
    return flat, per_text


#: every memo made (featurizers make theirs once, at import)
_MEMOS: list[BucketMemo | _FeatureMemo[str] | _FeatureMemo[tuple[str, str]]] = []


#: ``cache_clear`` of the per-text caches (lines, sentences, paragraphs) that
#: :func:`forget_texts` and :func:`forget_all` empty
_CACHES: list[Callable[[], None]] = []


def forgotten_with_memos(clear: Callable[[], None]) -> None:
    """Have :func:`forget_texts` (and so :func:`forget_all`) call ``clear`` too: a cache
    keyed by a whole line, sentence or paragraph, which a page never seen before cannot
    hit (unlike the word memos, whose words recur from page to page)."""
    _CACHES.append(clear)


def forget_texts() -> None:
    """Empty every per-text cache, keep the word and n-gram memos (for a timing of pages
    as a long run meets them: its vocabulary known, its sentences new)."""
    for clear in _CACHES:
        clear()


def forget_all() -> None:
    """Empty every memo and per-text cache (for a timing that must not profit from
    earlier pages)."""
    for memo in _MEMOS:
        memo.clear()
    forget_texts()


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


def _crc_table() -> NDArray[np.uint32]:
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)
    return table.astype(np.uint32)


_CRC_TABLE = _crc_table()  # zlib's crc32: reflected polynomial 0xEDB88320


def _gram_hashes(joined: str, sizes: Sequence[int]) -> NDArray[np.uint32]:
    """Row j: crc32 of the UTF-8 bytes of the ``sizes[j]``-gram starting at each character
    of ``joined`` (garbage where it runs past the end)."""
    count = len(joined)
    longest = max(sizes)
    hashes = np.zeros((len(sizes), count), dtype=np.uint32)
    state = np.full(count, 0xFFFFFFFF, dtype=np.uint32)
    if joined.isascii():
        data = np.zeros(count + longest, dtype=np.uint8)
        data[:count] = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        for k in range(longest):
            state = _CRC_TABLE[(state ^ data[k : k + count]) & 0xFF] ^ (state >> 8)
            for j, n in enumerate(sizes):
                if n == k + 1:
                    hashes[j] = state
        return hashes ^ np.uint32(0xFFFFFFFF)
    return _utf8_gram_hashes(joined, sizes, hashes, state)


def _utf8_gram_hashes(
    joined: str, sizes: Sequence[int], hashes: NDArray[np.uint32], state: NDArray[np.uint32]
) -> NDArray[np.uint32]:
    """:func:`_gram_hashes` of a text with characters beyond ASCII.

    The crc32 runs byte by byte over every position at once; an n-gram's
    hash is the state after its own number of UTF-8 bytes. The first
    ``max(sizes)`` steps run over all positions and their states are kept:
    an n-gram of n one-byte characters reads its hash from step n, one with
    a wider character (or cut at the end) from the step of its byte count.
    Only the few positions whose grams run longer than that (next to a wide
    character) take the remaining steps.
    """
    count = len(joined)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    widths = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(widths, out=offsets[1:])
    starts = offsets[:-1]
    common = max(sizes)  # steps every position takes
    # bytes of each n-gram, row by row (cut at the end of the text)
    after = np.concatenate([offsets, np.full(common, offsets[-1], dtype=np.int64)])
    lengths = np.stack([after[n : n + count] - starts for n in sizes])
    steps = max(int(lengths.max()), common)
    data = np.zeros(int(offsets[-1]) + steps, dtype=np.uint8)
    data[: offsets[-1]] = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    history = np.empty((common, count), dtype=np.uint32)
    for k in range(common):
        state = _CRC_TABLE[(state ^ data[starts + k]) & 0xFF] ^ (state >> 8)
        history[k] = state
    longer = np.flatnonzero(lengths.max(axis=0) > common)  # positions that need more steps
    later = np.empty((steps - common, len(longer)), dtype=np.uint32)
    if len(longer):
        going, at = history[common - 1, longer], starts[longer]
        for k in range(common, steps):
            going = _CRC_TABLE[(going ^ data[at + k]) & 0xFF] ^ (going >> 8)
            later[k - common] = going
    for j, n in enumerate(sizes):
        hashes[j] = history[n - 1]  # n one-byte characters: n steps
        odd = np.flatnonzero(lengths[j] != n)
        short = odd[lengths[j, odd] <= common]
        hashes[j, short] = history[lengths[j, short] - 1, short]
        beyond = np.flatnonzero(lengths[j, longer] > common)
        hashes[j, longer[beyond]] = later[lengths[j, longer[beyond]] - 1 - common, beyond]
    return hashes ^ np.uint32(0xFFFFFFFF)


def stable_order(keys: NDArray[np.int64]) -> NDArray[np.int64]:
    """``np.argsort(keys, kind="stable")``, by two 16-bit radix passes when every key is
    below 2**32 (about three times faster than the comparison sort on a page's grams).

    NumPy sorts 16-bit integers stably by radix: sorting by the low half, then
    stably by the high half, orders by the whole key and keeps ties in place.
    """
    if not len(keys) or int(keys.min()) < 0 or int(keys.max()) >= 1 << 32:
        return np.argsort(keys, kind="stable")
    by_low = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    high = (keys[by_low] >> 16).astype(np.uint16)
    return by_low[np.argsort(high, kind="stable")]


def char_ngram_rows(
    texts: Sequence[str], sizes: Sequence[int], size: int, offset: int = 0
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """The character half of many texts as rows: ``(starts, buckets, values)``.

    Text i's features are ``buckets[starts[i]:starts[i + 1]]`` with
    ``values[starts[i]:starts[i + 1]]``: exactly the keys, order and values of
    ``normalised(Counter(bucket(g, size, offset) for g in char_ngrams(text, sizes)))``.
    """
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    # n-grams of each text (rows) and size (columns)
    runs = np.maximum(lengths[:, None] - np.asarray(sizes, dtype=np.int64)[None, :] + 1, 0)
    total = int(runs.sum())
    if not total:
        return (
            np.zeros(len(texts) + 1, dtype=np.int64),
            np.zeros(0, dtype=np.int64),
            np.zeros(0, dtype=np.float64),
        )
    joined = "".join(texts)
    hashes = _gram_hashes(joined, sizes)
    # the flat index into ``hashes`` of each n-gram: text by text, then size, then position
    # (row j of ``hashes`` starts at ``j * len(joined)``; text i at its first character)
    text_starts = np.cumsum(lengths) - lengths
    firsts = np.arange(len(sizes), dtype=np.int64)[None, :] * len(joined) + text_starts[:, None]
    run_list = runs.ravel()
    flat = np.repeat(firsts.ravel() - (np.cumsum(run_list) - run_list), run_list)
    flat += np.arange(total, dtype=np.int64)
    per_text = runs.sum(axis=1)
    buckets = offset + (hashes.ravel()[flat] % np.uint32(size)).astype(np.int64)
    return counted_rows(buckets, per_text, offset + size)


def counted_rows(buckets: NDArray[np.int64], per_text: NDArray[np.int64], span: int) -> FlatRows:
    """Each text's features counted and L2-normalised, as flat rows.

    ``buckets`` holds the bucket (below ``span``) of every feature occurrence,
    text after text, ``per_text[i]`` of them for text i. Text i's row is exactly
    the keys, order and values of ``normalised(Counter(its buckets))``: each
    bucket at its first appearance, its count over the square root of the
    (exact, integer) sum of squared counts.
    """
    total = len(buckets)
    texts = len(per_text)
    if not total:
        return np.zeros(texts + 1, dtype=np.int64), buckets, np.zeros(0, dtype=np.float64)
    text_of = np.repeat(np.arange(texts, dtype=np.int64), per_text)
    keys = text_of * span + buckets
    # count each (text, bucket) at its first appearance
    order = stable_order(keys)
    ordered = keys[order]
    opens = np.ones(total, dtype=np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=opens[1:])
    group_starts = np.flatnonzero(opens)
    first = order[group_starts]  # stable sort: the earliest of each group
    tally = np.zeros(total, dtype=np.int64)
    tally[first] = np.diff(np.append(group_starts, total))
    seen = np.zeros(total, dtype=np.bool_)
    seen[first] = True
    counts = tally[seen]
    owners = text_of[seen]
    starts = np.zeros(texts + 1, dtype=np.int64)
    np.cumsum(np.bincount(owners, minlength=texts), out=starts[1:])
    # each text's sum of squared counts, exact in integers (then as normalised() has it)
    summed = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts * counts, out=summed[1:])
    squares = summed[starts[1:]] - summed[starts[:-1]]
    values = counts / np.sqrt(squares.astype(np.float64))[owners]
    return starts, buckets[seen], values


def char_ngram_features(
    texts: Sequence[str], sizes: Sequence[int], size: int, offset: int = 0
) -> list[dict[int, float]]:
    """:func:`char_ngram_rows` as one dict per text (bucket -> value, in order)."""
    starts, buckets, values = char_ngram_rows(texts, sizes, size, offset)
    cuts, keys, floats = starts.tolist(), buckets.tolist(), values.tolist()
    return [
        dict(zip(keys[cuts[i] : cuts[i + 1]], floats[cuts[i] : cuts[i + 1]], strict=True))
        for i in range(len(texts))
    ]


def dict_rows(found: Sequence[dict[int, float]]) -> FlatRows:
    """One dict (bucket -> value) per text as flat rows, in each dict's order."""
    lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    starts = np.zeros(len(found) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    total = int(starts[-1])
    buckets = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=total)
    values = np.fromiter(
        chain.from_iterable(d.values() for d in found), dtype=np.float64, count=total
    )
    return starts, buckets, values


def joined_rows(parts: Sequence[FlatRows]) -> FlatRows:
    """Flat rows whose text i has the features of text i in each of ``parts``, part by part.

    The same numbers, in the same order, as concatenating each text's slices
    of the parts, in a few NumPy calls for all texts together.
    """
    own, places = _places([np.diff(starts) for starts, _, _ in parts])
    starts = np.zeros(len(own) + 1, dtype=np.int64)
    np.cumsum(own, out=starts[1:])
    buckets = np.empty(int(starts[-1]), dtype=np.int64)
    values = np.empty(int(starts[-1]), dtype=np.float64)
    for (_, part_buckets, part_values), to in zip(parts, places, strict=True):
        buckets[to] = part_buckets
        values[to] = part_values
    return starts, buckets, values
