"""The two shipped models and their NumPy inference.

* :class:`SpanTagger`: per-token logistic regression over
  :func:`~newsift.persuasion.features.token_features` (the token, a window of
  two words each side, word shape, lexicon hits, in-article repetition and
  the whole sentence's words). Tokens scoring at least ``threshold`` form
  runs; runs one token apart are joined; punctuation is trimmed from the
  ends (:func:`decode`).
* :class:`TechniqueClassifier`: a one-vs-rest linear SVM over
  :func:`~newsift.persuasion.features.span_features` (the span's words and
  characters, its context, repetition counts, lexicon hits).

Both were trained by ``python -m training.persuasion`` on the PTC v2
internal-train split (see ``src/newsift/models/techniques-v1.md``). Weights ship
as sparse ``.npz`` arrays read with ``allow_pickle=False``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.models import ModelArrays, load_model
from newsift.persuasion.features import (
    CLASSIFIER_BUCKETS,
    FEATURES_VERSION,
    TAGGER_BUCKETS,
    ArticleContext,
    Features,
    Sentence,
    span_features,
    token_features,
)
from newsift.persuasion.labels import TECHNIQUES
from newsift.persuasion.text import STOPWORDS

TAGGER_FILE = "techniques-spans-v1.npz"
CLASSIFIER_FILE = "techniques-labels-v1.npz"
MAX_GAP = 5
#: the score a span needs to be reported (``python -m training.persuasion_display``)
SHOWN_FLOOR = 0.45


def _matrix(
    rows: Sequence[Features],
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
    """Concatenated (indices, values) of ``rows`` and each row's start offset."""
    sizes = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if len(rows) else sizes
    index = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(sizes.sum()))
    value = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=index.size)
    return index, value, offsets


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    start: int
    end: int
    score: float


def decode(
    sentence: Sentence,
    probabilities: NDArray[np.float64],
    threshold: float,
    peak: float,
    max_gap: int = MAX_GAP,
) -> list[TaggedSpan]:
    """Spans from token probabilities, with hysteresis.

    Tokens scoring at least ``threshold`` form runs, bridging gaps of up to
    ``max_gap`` tokens; a run is kept only if one of its tokens reaches
    ``peak``. A span never starts or ends on punctuation (as in the corpus)
    and must hold a word that is not a stop word; its score is the mean
    probability of its tokens.
    """
    hot = [i for i, p in enumerate(probabilities) if p >= threshold]
    runs: list[list[int]] = []
    for i in hot:
        if runs and i - runs[-1][-1] <= max_gap + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans: list[TaggedSpan] = []
    tokens = sentence.tokens
    for run in runs:
        a, b = run[0], run[-1]
        while a <= b and not tokens[a].is_word:
            a += 1
        while b >= a and not tokens[b].is_word:
            b -= 1
        if a > b or float(probabilities[a : b + 1].max()) < peak:
            continue
        if all(w in STOPWORDS or not w[:1].isalnum() for w in sentence.words[a : b + 1]):
            continue
        score = float(np.mean(probabilities[a : b + 1]))
        spans.append(TaggedSpan(tokens[a].start, tokens[b].end, score))
    return spans


@dataclass(frozen=True, slots=True)
class SpanTagger:
    """``weights`` (TAGGER_BUCKETS,), ``bias``, and the decoding settings of :func:`decode`.

    ``threshold``, ``peak`` and ``max_gap`` were tuned on held-out training articles.
    """

    weights: NDArray[np.float32]
    bias: float
    threshold: float
    peak: float
    max_gap: int = MAX_GAP

    def token_probabilities(
        self, sentences: Sequence[Sentence], context: ArticleContext
    ) -> list[NDArray[np.float64]]:
        """Per sentence, the probability that each token lies in a technique span."""
        rows = [row for s in sentences for row in token_features(s, context)]
        if not rows:
            return [np.zeros(0) for _ in sentences]
        index, value, offsets = _matrix(rows)
        logits = np.add.reduceat(self.weights[index].astype(np.float64) * value, offsets)
        probs = _sigmoid(logits + self.bias)
        out: list[NDArray[np.float64]] = []
        at = 0
        for s in sentences:
            out.append(probs[at : at + len(s.tokens)])
            at += len(s.tokens)
        return out

    def spans(
        self, sentences: Sequence[Sentence], context: ArticleContext
    ) -> list[list[TaggedSpan]]:
        """The predicted spans of each sentence."""
        return [
            decode(s, p, self.threshold, self.peak, self.max_gap)
            for s, p in zip(sentences, self.token_probabilities(sentences, context), strict=True)
        ]

    def save(self, path: Path) -> None:
        nonzero = np.flatnonzero(self.weights).astype(np.int32)
        np.savez_compressed(
            path,
            index=nonzero,
            value=self.weights[nonzero].astype(np.float16),
            bias=np.array([self.bias]),
            threshold=np.array([self.threshold]),
            peak=np.array([self.peak]),
            max_gap=np.array([self.max_gap]),
            buckets=np.array([TAGGER_BUCKETS]),
            features_version=np.array([FEATURES_VERSION]),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> SpanTagger:
        """The shipped tagger (or the one at ``path``); refuses weights of another shape."""
        return load_model(TAGGER_FILE, path, cls._from_arrays)

    @classmethod
    def _from_arrays(cls, data: ModelArrays) -> SpanTagger:
        index = data["index"].astype(np.int64)
        _check(data, TAGGER_BUCKETS, index, data["value"].shape == index.shape)
        weights = np.zeros(TAGGER_BUCKETS, dtype=np.float32)
        weights[index] = data["value"].astype(np.float32)
        return cls(
            weights,
            float(data["bias"][0]),
            float(data["threshold"][0]),
            float(data["peak"][0]),
            int(data["max_gap"][0]),
        )


@dataclass(frozen=True, slots=True)
class TechniqueClassifier:
    """``weights`` (len(TECHNIQUES), CLASSIFIER_BUCKETS) and ``bias`` (len(TECHNIQUES),)."""

    weights: NDArray[np.float32]
    bias: NDArray[np.float64]

    def probabilities(self, rows: Sequence[Features]) -> NDArray[np.float64]:
        """(len(rows), len(TECHNIQUES)): the softmax of the decision values, summing to 1."""
        out = np.zeros((len(rows), len(TECHNIQUES)))
        for i, row in enumerate(rows):
            index = np.fromiter(row.keys(), dtype=np.int64, count=len(row))
            value = np.fromiter(row.values(), dtype=np.float64, count=len(row))
            logits = self.weights[:, index].astype(np.float64) @ value + self.bias
            logits -= logits.max()
            e = np.exp(logits)
            out[i] = e / e.sum()
        return out

    def classify(
        self,
        text: str,
        spans: Sequence[tuple[Sentence, int, int]],
        context: ArticleContext,
    ) -> NDArray[np.float64]:
        """Probabilities of each technique for each ``(sentence, start, end)`` span of ``text``."""
        return self.probabilities([span_features(text, s, a, b, context) for s, a, b in spans])

    def save(self, path: Path) -> None:
        used = np.flatnonzero(np.any(self.weights != 0, axis=0)).astype(np.int32)
        np.savez_compressed(
            path,
            index=used,
            value=self.weights[:, used].astype(np.float16),
            bias=self.bias.astype(np.float64),
            labels=np.array(TECHNIQUES),
            buckets=np.array([CLASSIFIER_BUCKETS]),
            features_version=np.array([FEATURES_VERSION]),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> TechniqueClassifier:
        """The shipped classifier (or the one at ``path``); refuses other labels or shapes."""
        return load_model(CLASSIFIER_FILE, path, cls._from_arrays)

    @classmethod
    def _from_arrays(cls, data: ModelArrays) -> TechniqueClassifier:
        index = data["index"].astype(np.int64)
        ok = tuple(str(x) for x in data["labels"]) == TECHNIQUES and data["value"].shape == (
            len(TECHNIQUES),
            index.size,
        )
        _check(data, CLASSIFIER_BUCKETS, index, ok)
        weights = np.zeros((len(TECHNIQUES), CLASSIFIER_BUCKETS), dtype=np.float32)
        weights[:, index] = data["value"].astype(np.float32)
        return cls(weights, data["bias"].astype(np.float64))


def _check(
    data: dict[str, NDArray[np.generic]], buckets: int, index: NDArray[np.int64], ok: bool
) -> None:
    ok = (
        ok
        and int(data["buckets"][0]) == buckets
        and int(data["features_version"][0]) == FEATURES_VERSION
        and (index.size == 0 or (int(index.min()) >= 0 and int(index.max()) < buckets))
    )
    if not ok:
        raise ValueError("technique model weights do not match this version's features")
