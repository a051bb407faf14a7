"""Hashed features for whole comments and for single words of a comment.

Comment features: word unigrams and bigrams (URLs folded to ``<url>``, user
mentions to ``<user>``, digits to ``0``) in the first half of
``COMMENT_BUCKETS``, character 3- to 5-grams of the lower-cased, space-padded
text in the second half, plus lexicon cues (``newsift.comments.lexicon``:
counts per category, second-person pronoun next to an insult, shouting) in the
word half. Party, political-group and listed politician names are folded to
one placeholder word first, identity-group words to another, and every other
person's name to a third (:mod:`newsift.comments.names`; even-handedness: no
side's, group's or person's names can carry weight). Before any of this, spelling
variants of abuse words are folded back (:mod:`newsift.comments.normalise`),
abuse words that are negated or reported in counter-speech are folded to one
neutral word, and the comment's patterns (:mod:`newsift.comments.patterns`:
threats, dehumanising comparisons, coded jibes, scare quotes, sarcasm) are
added as cues. Each half is counted and L2-normalised. Word features for the span
model: the word, its neighbours, its character 3-grams, its shape and lexicon
categories, hashed into ``TOKEN_BUCKETS``. crc32 hashing makes a feature's
bucket the same on every machine.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, compress, count, pairwise
from operator import itemgetter

import numpy as np
from numpy.typing import NDArray

from newsift.comments import patterns
from newsift.comments.lexicon import (
    SECOND_PERSON,
    categories,
    categories_of,
    is_political_name,
    words,
)
from newsift.comments.names import fold_people
from newsift.comments.normalise import normalised_and_plain_words, normalised_words
from newsift.text import ngrams
from newsift.text.case import lowers_plainly
from newsift.text.chars import char_counts
from newsift.text.ngrams import (
    BucketMemo,
    char_ngram_rows,
    char_ngrams,
    counted_rows,
    dict_rows,
    joined_rows,
    normalised,
)

COMMENT_BUCKETS = 1 << 18
HALF = COMMENT_BUCKETS // 2
#: word-half buckets of hashed words, bigrams and lexicon cues; the last buckets of the
#: word half belong to the pattern cues alone, so their weights can be set after training
WORD_BUCKETS = HALF - len(patterns.CUES)
TOKEN_BUCKETS = 1 << 16
CHAR_NGRAMS = (3, 4, 5)
MAX_CHARS = 2000
FEATURES_VERSION = 5  # 5: every name of a person folded (session 9)
POLITICAL_PLACEHOLDER = "polname"
#: value of a pattern cue (``patterns.read``), added after the n-gram halves are
#: normalised so that one cue weighs the same in a short and a long comment
PATTERN_VALUE = 1.0
IDENTITY_PLACEHOLDER = "idgroup"
#: what every other name of a person becomes (:func:`~newsift.comments.names.fold_people`)
PERSON_PLACEHOLDER = "personname"

_URL = re.compile(r"(?:https?://|www\.)\S+|\bURL\b", re.IGNORECASE)
_USER = re.compile(r"@\w+")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_REPEAT = re.compile(r"(.)\1{2,}")


#: remembered buckets (crc32 % size, plus HALF for characters) of the word half's
#: features, of character n-grams and of the span model's word features
_WORD_MEMO = BucketMemo(WORD_BUCKETS)
_CHAR_MEMO = BucketMemo(HALF, HALF)
_TOKEN_MEMO = BucketMemo(TOKEN_BUCKETS)
#: counts of ``_WORD_MEMO``'s buckets of ``"w:" + word`` and ``f"b:{a} {b}"``, without
#: building those strings
_WORD_GRAMS = ngrams.WordGrams(WORD_BUCKETS)


def clean(text: str) -> str:
    """The text the comment features see: URLs and mentions folded, spaces squeezed.

    The same text as :func:`clean_reference`, with each substitution skipped
    where a literal it needs is absent ("://", "www.", "url" in any case, "@";
    none of their letters has a case-blind match beyond its upper case) and
    the spaces squeezed by ``str.split``, whose white space is ``\\s``.
    """
    text = text[:MAX_CHARS]
    lower = text.lower()
    if "://" in text or "www." in lower or "url" in lower:
        text = _URL.sub(" <url> ", text)
    if "@" in text:
        text = _USER.sub(" <user> ", text)
    return " ".join(text.split())


def clean_reference(text: str) -> str:
    """:func:`clean` in its plain form (the tests hold the two equal)."""
    text = _URL.sub(" <url> ", text[:MAX_CHARS])
    text = _USER.sub(" <user> ", text)
    return _SPACE.sub(" ", text).strip()


def fold_names(lower: str) -> str:
    """``lower`` with political names and identity-group words replaced by placeholders.

    Party, political-group and listed politician names become
    ``POLITICAL_PLACEHOLDER``; identity terms (lexicon ``identity``) become
    ``IDENTITY_PLACEHOLDER``.
    """
    return folded_words(lower)[0]


def folded_words(
    lower: str, found: list[tuple[int, int, str]] | None = None
) -> tuple[str, list[str]]:
    """:func:`fold_names` of ``lower`` and the words of that text, from one pass over words.

    The words are those :func:`~newsift.comments.lexicon.words` finds in the
    folded text: a word is replaced whole by a placeholder of letters, which
    begins and ends as a word does, so no word boundary moves. ``found``: the
    words of ``lower``, when known.
    """
    found = _words(lower) if found is None else found
    placeholders = list(map(_placeholder, map(itemgetter(2), found)))
    if not any(placeholders):  # the usual case: nothing to fold
        return lower, list(map(itemgetter(2), found))
    pieces: list[str] = []
    tokens: list[str] = []
    last = 0
    for (start, end, word), placeholder in zip(found, placeholders, strict=True):
        if placeholder is None:
            tokens.append(word)
        else:
            pieces.extend((lower[last:start], placeholder))
            tokens.append(placeholder)
            last = end
    pieces.append(lower[last:])
    return "".join(pieces), tokens


fold_political_names = fold_names  # the name earlier versions (and their tests) use


@lru_cache(maxsize=1 << 17)
def _placeholder(word: str) -> str | None:
    """The placeholder :func:`fold_names` puts for ``word``, or None (remembered)."""
    if is_political_name(word):
        return POLITICAL_PLACEHOLDER
    if "identity" in categories_of(word):
        return IDENTITY_PLACEHOLDER
    return None


def _words(text: str) -> list[tuple[int, int, str]]:
    return words(text)


def rewritten(text: str) -> tuple[str, tuple[str, ...]]:
    """The cleaned comment with variants folded and mentioned abuse neutralised, and its cues."""
    out, cues, _ = _rewritten(text)
    return out, cues


def _rewritten(text: str) -> tuple[str, tuple[str, ...], list[tuple[int, int, str]] | None]:
    """:func:`rewritten`, and the :func:`~newsift.comments.lexicon.words` of the text it
    gives when they were read on the way (nothing rewritten), else None."""
    cleaned = clean(text)
    found, plain = normalised_and_plain_words(cleaned)
    reading = patterns.read(cleaned, found)
    # lower-cased once where that keeps every offset (then a word's slice of it is the
    # word's own lower case)
    lower = cleaned.lower() if lowers_plainly(cleaned) else None
    if found is plain and lower is not None and not reading.mentioned:
        return cleaned, reading.cues, plain  # every word is its own lower case: none rewritten
    pieces: list[str] = []
    last = 0
    for i, (start, end, word) in enumerate(found):
        replacement = patterns.MENTIONED if i in reading.mentioned else word
        written = lower[start:end] if lower is not None else cleaned[start:end].lower()
        if replacement != written:
            pieces.extend((cleaned[last:start], replacement))
            last = end
    if not pieces:
        return cleaned, reading.cues, plain
    pieces.append(cleaned[last:])
    return "".join(pieces), reading.cues, None


def _same_words(
    plain: list[tuple[int, int, str]] | None, cleaned: str, people_folded: str, squeezed: str
) -> bool:
    """Whether ``plain`` (the words of ``cleaned``, when known) are the words of
    ``squeezed`` (``people_folded`` lower-cased, letter runs cut to two).

    They are when nothing moved (no name folded, no run cut: the text is
    ``cleaned.lower()``) and lower-casing is plain there: ``words`` reads such a
    text from its lower case, which lower-cased again stays itself.
    """
    return (
        plain is not None
        and people_folded is cleaned
        and len(squeezed) == len(cleaned)
        and lowers_plainly(cleaned)
        and (squeezed.isascii() or (lowers_plainly(squeezed) and squeezed.lower() == squeezed))
    )


def shouting(text: str) -> bool:
    """At least 12 letters, more than 70 % of them capitals."""
    counts = char_counts(text)
    return counts.letters >= 12 and counts.capitals > 0.7 * counts.letters


def shouting_reference(text: str) -> bool:
    """:func:`shouting` over any text, letter by letter."""
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) > 0.7 * len(letters)


def pattern_bucket(name: str) -> int:
    """The comment-feature bucket of pattern cue ``name`` (``patterns.CUES``): its own."""
    return WORD_BUCKETS + patterns.CUES.index(name)


def _comment_parts(text: str) -> tuple[dict[int, float], str, dict[int, float]]:
    """The normalised word half of a comment, the padded text of its character half,
    and its pattern cues (bucket -> value)."""
    tokens, cue_keys, padded, cued = _comment_pieces(text)
    return normalised(Counter(chain(_WORD_GRAMS.keys(tokens), cue_keys))), padded, cued


def _comment_pieces(text: str) -> tuple[list[str], list[int], str, dict[int, float]]:
    """What a comment's features are made of: its words (the word half counts their
    buckets and their pairs'), the buckets of its lexicon and shape cues (each as
    many times as it weighs, after the words), the padded text of the character
    half and its pattern cues (bucket -> value)."""
    cleaned, found_patterns, plain = _rewritten(text)
    shouted = shouting(cleaned)
    people_folded = fold_people(cleaned, PERSON_PLACEHOLDER, plain)
    lowered = people_folded.lower()
    squeezed = _REPEAT.sub(r"\1\1", lowered)
    lower, words_folded = folded_words(
        squeezed, plain if _same_words(plain, cleaned, people_folded, squeezed) else None
    )
    # a word of letters only has no digit to replace (``\d`` is never a letter), nor has
    # any word of a text without digits (placeholders are letters)
    if _DIGIT.search(lower) is None:
        tokens = words_folded
    else:
        tokens = [w if w.isalpha() else _DIGIT.sub("0", w) for w in words_folded]
    cues: Counter[str] = Counter()
    # the words with a category or a placeholder, in order (most words have neither)
    marked = sorted(
        {
            *compress(count(), map(categories_of, tokens)),
            *compress(count(), map(PLACEHOLDER_CATEGORIES.__contains__, tokens)),
        }
    )
    for i in marked:
        found = PLACEHOLDER_CATEGORIES.get(tokens[i]) or categories_of(tokens[i])
        for category in found:
            cues["lex:" + category] += 1
        if "insult" in found and any(t in SECOND_PERSON for t in tokens[max(0, i - 3) : i]):
            cues["lex:you_insult"] += 1
    if shouted:
        cues["shape:shouting"] += 1
    cue_keys = [_WORD_MEMO[cue] for cue, times in cues.items() for _ in range(2 * times)]
    cued: dict[int, float] = {}
    for name in found_patterns:  # fixed value, outside the normalised halves
        bucket = pattern_bucket(name)
        cued[bucket] = cued.get(bucket, 0.0) + PATTERN_VALUE
    return tokens, cue_keys, " " + _DIGIT.sub("0", lower) + " ", cued


def comment_features(text: str) -> dict[int, float]:
    """Bucket -> value for one comment (word half and character half, each of unit length).

    The three parts never share a bucket: words below ``WORD_BUCKETS``,
    pattern cues from there to ``HALF``, character n-grams from ``HALF`` on.
    """
    word, padded, cued = _comment_parts(text)
    char_counts: Counter[int] = Counter(_CHAR_MEMO.buckets(char_ngrams(padded, CHAR_NGRAMS)))
    return {**word, **normalised(char_counts), **cued}


def comment_feature_rows(
    texts: Sequence[str],
) -> list[tuple[NDArray[np.int64], NDArray[np.float64]]]:
    """:func:`comment_features` of each text as ``(buckets, values)`` arrays in the dict's
    order: the same numbers, with the word and character halves of all texts
    counted together in NumPy (:func:`newsift.text.ngrams.counted_rows`)."""
    starts, buckets, values = comment_flat_rows(texts)
    return [(buckets[a:b], values[a:b]) for a, b in pairwise(starts.tolist())]


def comment_flat_rows(texts: Sequence[str]) -> ngrams.FlatRows:
    """:func:`comment_feature_rows` as flat rows (:data:`~newsift.text.ngrams.FlatRows`)."""
    pieces = [_comment_pieces(t) for t in texts]
    keys = _WORD_GRAMS.key_rows(
        [tokens for tokens, _, _, _ in pieces], [cue_keys for _, cue_keys, _, _ in pieces]
    )
    words = counted_rows(*keys, WORD_BUCKETS)
    chars = char_ngram_rows([padded for _, _, padded, _ in pieces], CHAR_NGRAMS, HALF, HALF)
    cued = dict_rows([found for _, _, _, found in pieces])
    return joined_rows([words, chars, cued])


PLACEHOLDER_CATEGORIES = {POLITICAL_PLACEHOLDER: ["political"], IDENTITY_PLACEHOLDER: ["identity"]}


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].isupper():
        return "title"
    if any(not c.isalnum() for c in word):
        return "masked"
    return "lower"


def token_features(text: str) -> list[tuple[int, int, dict[int, float]]]:
    """``(start, end, bucket -> value)`` for each word of ``text`` (offsets into ``text``)."""
    found = normalised_words(text)
    lowered = [w for _, _, w in found]
    out: list[tuple[int, int, dict[int, float]]] = []
    for i, (start, end, word) in enumerate(found):
        prev = lowered[i - 1] if i else "<s>"
        prev2 = lowered[i - 2] if i > 1 else "<s>"
        nxt = lowered[i + 1] if i + 1 < len(found) else "</s>"
        names = [
            "w:" + word,
            "p:" + prev,
            "n:" + nxt,
            "pp:" + prev2,
            "pw:" + prev + " " + word,
            "wn:" + word + " " + nxt,
            "s:" + _shape(text[start:end]),
            "bias",
        ]
        padded = "<" + word + ">"
        names.extend("c:" + padded[j : j + 3] for j in range(len(padded) - 2))
        names.extend("lex:" + c for c in categories(word))
        names.extend("plex:" + c for c in categories(prev))
        names.extend("nlex:" + c for c in categories(nxt))
        if prev in SECOND_PERSON or prev2 in SECOND_PERSON:
            names.append("after_you")
        counts: Counter[int] = Counter(_TOKEN_MEMO.buckets(names))
        out.append((start, end, normalised(counts)))
    return out
