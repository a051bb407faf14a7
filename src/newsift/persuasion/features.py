"""Hashed features for the span tagger (one row per token) and the technique classifier.

Features are strings hashed with crc32 into a fixed number of buckets, so a
feature lands in the same bucket on every run and machine and no vocabulary
ships. Sets are iterated in sorted order, so each row's float sums (and so the
trained weights) are the same whatever Python's string-hash seed. Both models
see an article as a list of sentences (token lists) plus an
:class:`ArticleContext` that counts which words and phrases recur across the
article's sentences (the cue for the Repetition technique).
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from newsift.persuasion.lexicon import LEXICONS
from newsift.persuasion.text import QUOTE_MARKS, STOPWORDS, Token, norm, shape

TAGGER_BUCKETS = 1 << 20
CLASSIFIER_BUCKETS = 1 << 18
FEATURES_VERSION = 1
MAX_SPAN_CHARS = 400
CHAR_NGRAMS = (3, 4, 5)

Features = dict[int, float]


def bucket(feature: str, buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % buckets


def _lexicons_of(word: str) -> list[str]:
    return [name for name, words in LEXICONS.items() if word in words]


def _size(n: int) -> str:
    """A length bucket: 0, 1, 2, 3, 4-5, 6-10, 11-20, 21+."""
    for limit, label in ((3, str(n)), (5, "4-5"), (10, "6-10"), (20, "11-20")):
        if n <= limit:
            return label
    return "21+"


@dataclass(slots=True)
class Sentence:
    """One sentence: its tokens and their normalised word forms."""

    tokens: list[Token]
    words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.words:
            self.words = [norm(t.text) for t in self.tokens]


@dataclass(slots=True)
class ArticleContext:
    """How often each content word occurs, and in how many sentences each 2- and 3-gram occurs."""

    word_counts: Counter[str]
    ngram_sentences: Counter[tuple[str, ...]]
    lowered: str = ""

    @classmethod
    def build(cls, sentences: Sequence[Sentence], text: str = "") -> ArticleContext:
        words: Counter[str] = Counter()
        ngrams: Counter[tuple[str, ...]] = Counter()
        for sentence in sentences:
            content = [w for w in sentence.words if w[:1].isalnum() and w not in STOPWORDS]
            words.update(content)
            seen = set(_ngrams(sentence.words, 2)) | set(_ngrams(sentence.words, 3))
            ngrams.update(seen)
        return cls(words, ngrams, text.lower())


def _ngrams(words: Sequence[str], n: int) -> Iterable[tuple[str, ...]]:
    return (tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _add(out: Features, names: Iterable[str], buckets: int, value: float = 1.0) -> None:
    for name in names:
        key = bucket(name, buckets)
        out[key] = out.get(key, 0.0) + value


def _add_normalised(out: Features, names: Sequence[str], buckets: int) -> None:
    if names:
        _add(out, names, buckets, 1.0 / math.sqrt(len(names)))


# span tagger ---------------------------------------------------------------------------
def _sentence_features(sentence: Sentence) -> Features:
    """Features every token of the sentence shares: its words, lexicon hits, marks."""
    out: Features = {}
    words = [w for w in sentence.words if w[:1].isalnum()]
    _add_normalised(out, ["s:" + w for w in words], TAGGER_BUCKETS)
    hits = {name for w in words for name in _lexicons_of(w)}
    _add(out, ["slx:" + h for h in sorted(hits)], TAGGER_BUCKETS)
    marks = {w for w in sentence.words if w in {"!", "?"} or w in QUOTE_MARKS}
    _add(out, ["sm:" + m for m in sorted(marks)], TAGGER_BUCKETS)
    _add(out, ["slen:" + _size(len(words) // 4)], TAGGER_BUCKETS)
    return out


def token_features(sentence: Sentence, context: ArticleContext) -> list[Features]:
    """One feature row per token of ``sentence``."""
    shared = _sentence_features(sentence)
    words = sentence.words
    n = len(words)
    padded = ["<s2>", "<s1>", *words, "</s1>", "</s2>"]
    shapes = ["<s>", *(shape(t.text) for t in sentence.tokens), "</s>"]
    lex = [_lexicons_of(w) for w in words]
    in_quote = False
    rows: list[Features] = []
    for i, token in enumerate(sentence.tokens):
        w = words[i]
        if token.text in QUOTE_MARKS:
            in_quote = not in_quote
        p = i + 2
        names = [
            "b",
            "w:" + w,
            "w-1:" + padded[p - 1],
            "w+1:" + padded[p + 1],
            "w-2:" + padded[p - 2],
            "w+2:" + padded[p + 2],
            "b-:" + padded[p - 1] + "|" + w,
            "b+:" + w + "|" + padded[p + 1],
            "sh:" + shapes[i + 1],
            "sh3:" + shapes[i] + shapes[i + 1] + shapes[i + 2],
            "suf:" + w[-3:],
            "pre:" + w[:3],
            "pos:" + str(min(4, 5 * i // max(n, 1))),
            "q:" + str(in_quote),
        ]
        if i < 2:
            names.append(f"first{i}")
        if i >= n - 2:
            names.append(f"last{n - 1 - i}")
        names.extend("lx:" + h for h in lex[i])
        window = {h for j in range(max(0, i - 3), min(n, i + 4)) for h in lex[j]}
        names.extend("lxw:" + h for h in sorted(window))
        if w[:1].isalnum() and w not in STOPWORDS:
            names.append("rep1:" + _size(context.word_counts[w] - 1))
        for m in (2, 3):
            for a in range(max(0, i - m + 1), min(i, n - m) + 1):
                if context.ngram_sentences[tuple(words[a : a + m])] > 1:
                    names.append(f"rep{m}")
                    break
        row = dict(shared)
        _add(row, names, TAGGER_BUCKETS)
        rows.append(row)
    return rows


# technique classifier ------------------------------------------------------------------
def span_features(
    text: str, sentence: Sentence, start: int, end: int, context: ArticleContext
) -> Features:
    """Features of the span ``text[start:end]`` inside ``sentence`` of the article ``text``."""
    inside = [i for i, t in enumerate(sentence.tokens) if t.start < end and t.end > start]
    words = sentence.words
    span_words = [words[i] for i in inside]
    span_set = set(inside)
    outside = [w for i, w in enumerate(words) if i not in span_set and w[:1].isalnum()]
    first = inside[0] if inside else 0
    last = inside[-1] if inside else -1
    out: Features = {}
    b = CLASSIFIER_BUCKETS
    _add_normalised(out, ["sw:" + w for w in span_words], b)
    _add_normalised(out, ["sb:" + x + "|" + y for x, y in pairwise(span_words)], b)
    lowered = " " + " ".join(span_words)[:MAX_SPAN_CHARS] + " "
    chars = ["c:" + lowered[i : i + k] for k in CHAR_NGRAMS for i in range(len(lowered) - k + 1)]
    _add_normalised(out, chars, b)
    _add_normalised(out, ["cw:" + w for w in outside], b)

    def at(i: int) -> str:
        return words[i] if 0 <= i < len(words) else "<none>"

    content = [w for w in span_words if w[:1].isalnum() and w not in STOPWORDS]
    repeated = sum(1 for w in content if context.word_counts[w] > 1)
    key = tuple(span_words)
    occurrences = context.ngram_sentences[key] if 2 <= len(key) <= 3 else 0
    phrase = text[start:end].lower()
    times = context.lowered.count(phrase) if len(phrase) > 3 else 0
    names = [
        "bias",
        "p1:" + at(first - 1),
        "p2:" + at(first - 2),
        "n1:" + at(last + 1),
        "n2:" + at(last + 2),
        "fw:" + at(first),
        "lw:" + at(last),
        "len:" + _size(len(span_words)),
        "cover:" + str(round(4 * len(inside) / max(len(words), 1))),
        "reprat:" + str(round(4 * repeated / len(content)) if content else "none"),
        "repng:" + _size(occurrences),
        "times:" + _size(times),
        "sh:" + "".join(sorted({shape(sentence.tokens[i].text) for i in inside})),
    ]
    if len(content) == 1:
        names.append("rep1:" + _size(context.word_counts[content[0]] - 1))
    names.extend("lx:" + h for w in sorted(set(span_words)) for h in _lexicons_of(w))
    names.extend("clx:" + h for w in sorted(set(outside)) for h in _lexicons_of(w))
    names.extend("m:" + w for w in sorted(set(words)) if w in {"!", "?"} or w in QUOTE_MARKS)
    names.extend("sm:" + w for w in sorted(set(span_words)) if not w[:1].isalnum())
    _add(out, names, b)
    return out
