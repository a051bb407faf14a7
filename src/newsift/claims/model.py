"""The check-worthiness model: how likely a sentence states a fact worth checking.

Features: hashed word unigrams and bigrams (digits folded to ``0``) in the
first half of ``HASH_BUCKETS``, hashed character 3- to 5-grams of the
lower-cased, space-padded sentence in the second half; crc32 hashing, so the
bucket of a feature is the same on every run and machine. Each half is
counted and L2-normalised. The model is logistic regression trained on
ClaimBuster ``crowdsourced.csv`` (see ``src/newsift/models/claims-v1.md``;
``python -m training.claims`` rebuilds it). The weights ship as a sparse
``.npz`` (indices and values of the non-zero weights) read with
``allow_pickle=False``; inference needs only NumPy.

With the ``minilm`` extra the analyzer scores the sentences past this model's gate
with the fine-tuned :class:`~newsift.claims.finetuned.FineTunedClaimModel`; a file of
the retired ``claims-minilm-v1`` layout (a dense part over MiniLM vectors) is refused.

The shipped file also holds a Platt calibration (``platt``: the slope and intercept
applied to the log-odds, fitted on the tuning debates, so that :meth:`score`
is a probability and ``threshold`` one too) and the news layer of
:mod:`newsift.claims.triage` (``news_*`` arrays, fitted on annotated news
pages), used by :meth:`ClaimModel.news_scores`. A file without them scores
uncalibrated and without the news layer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.claims.triage import DESK_CUES, DESK_VERSION, NewsLayer, sigmoid
from newsift.models import load_model
from newsift.text.ngrams import (
    BucketMemo,
    FlatRows,
    WordGrams,
    char_ngram_rows,
    char_ngrams,
    joined_rows,
    normalised,
)

MODEL_FILE = "claims-v1.npz"
HASH_BUCKETS = 1 << 18
WORD_BUCKETS = HASH_BUCKETS // 2
CHAR_NGRAMS = (3, 4, 5)
MAX_CHARS = 1000
FEATURES_VERSION = 1
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[%$€£]", re.UNICODE)
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


#: buckets of word features and of character n-grams: ``offset + crc32 % WORD_BUCKETS``, remembered
_WORD_MEMO = BucketMemo(WORD_BUCKETS, 0)
_CHAR_MEMO = BucketMemo(WORD_BUCKETS, WORD_BUCKETS)


#: the counts ``_word_half_reference`` gets from ``_WORD_MEMO``, without a string per word
_WORD_GRAMS = WordGrams(WORD_BUCKETS, 0)


def _prepared(sentence: str) -> tuple[list[str], str]:
    """The words of ``sentence`` and its space-padded text, as the features read them.

    Digits are folded to ``0`` and ``’`` to ``'`` over the whole text before the
    words are found: both keep every character's class in ``_TOKEN`` (a digit
    and ``0`` are word characters, ``’`` and ``'`` join words alike), so the words
    are those of :func:`_prepared_reference`, folded one by one.
    """
    text = " ".join(sentence[:MAX_CHARS].lower().split())
    folded = _DIGIT.sub("0", text)
    return _TOKEN.findall(folded.replace("’", "'")), " " + folded + " "


def _prepared_reference(sentence: str) -> tuple[list[str], str]:
    """:func:`_prepared` in its plain form (the tests hold the two equal)."""
    text = _SPACE.sub(" ", sentence[:MAX_CHARS].lower()).strip()
    words = [_DIGIT.sub("0", w.replace("’", "'")) for w in _TOKEN.findall(text)]
    return words, " " + _DIGIT.sub("0", text) + " "


def _word_half(words: list[str]) -> dict[int, float]:
    return normalised(_WORD_GRAMS.counts(words))


def _word_half_reference(words: list[str]) -> dict[int, float]:
    """:func:`_word_half` from the feature strings themselves (the tests hold the two equal)."""
    counts: Counter[int] = Counter(_WORD_MEMO.buckets(["w:" + w for w in words]))
    counts.update(_WORD_MEMO.buckets([f"b:{a} {b}" for a, b in pairwise(words)]))
    return normalised(counts)


def features(sentence: str) -> dict[int, float]:
    """Bucket -> value for one sentence (word half and character half, each of unit length)."""
    words, padded = _prepared(sentence)
    char_counts: Counter[int] = Counter(_CHAR_MEMO.buckets(char_ngrams(padded, CHAR_NGRAMS)))
    return {**_word_half(words), **normalised(char_counts)}


def feature_rows(
    sentences: Sequence[str],
) -> list[tuple[NDArray[np.int64], NDArray[np.float64]]]:
    """:func:`features` of each sentence as ``(buckets, values)`` arrays in the dict's order.

    The same numbers as ``np.fromiter`` over the dict's keys and values; the
    character halves of all sentences are computed together in NumPy
    (:func:`newsift.text.ngrams.char_ngram_rows`), which is what makes a page
    of sentences fast.
    """
    starts, buckets, values = flat_feature_rows(sentences)
    cuts = starts.tolist()
    return [(buckets[a:b], values[a:b]) for a, b in pairwise(cuts)]


def flat_feature_rows(sentences: Sequence[str]) -> FlatRows:
    """:func:`feature_rows` as flat rows (:data:`~newsift.text.ngrams.FlatRows`): built
    for all sentences at once, with no NumPy call per sentence."""
    prepared = [_prepared(s) for s in sentences]
    chars = char_ngram_rows(
        [padded for _, padded in prepared], CHAR_NGRAMS, WORD_BUCKETS, WORD_BUCKETS
    )
    words = _WORD_GRAMS.rows([words for words, _ in prepared], WORD_BUCKETS)
    return joined_rows([words, chars])


@dataclass(frozen=True, slots=True)
class ClaimModel:
    """``weights`` (HASH_BUCKETS,), ``bias``, and the decision ``threshold`` on the score.

    ``platt`` (slope, intercept) maps the raw log-odds to calibrated ones; ``news`` is
    the news layer, or None.
    """

    weights: NDArray[np.float32]
    bias: float
    threshold: float
    platt: tuple[float, float] = (1.0, 0.0)
    news: NewsLayer | None = None

    @property
    def name(self) -> str:
        return "claims-v1"

    def logits(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The model's log-odds for each sentence, in order."""
        out = np.full(len(sentences), self.bias, dtype=np.float64)
        starts, index, values = flat_feature_rows(sentences)
        weights = self.weights[index].astype(np.float64)  # one gather for every sentence
        for i, (a, b) in enumerate(pairwise(starts.tolist())):
            if b > a:
                out[i] += float(weights[a:b] @ values[a:b])
        return out

    def calibrated_log_odds(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The log-odds after Platt calibration (fitted on the tuning debates)."""
        slope, intercept = self.platt
        return self.logits(sentences) * slope + intercept

    def score(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The calibrated probability that each sentence is check-worthy, in order."""
        return np.array(
            [sigmoid(float(x)) for x in self.calibrated_log_odds(sentences)], dtype=np.float64
        )

    def news_scores(
        self, sentences: Sequence[str], cues: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """P(check-worthy on a news page) from the news layer, given each sentence's cue row
        (:func:`~newsift.claims.triage.cue_matrix`); :meth:`score` when there is no layer."""
        if self.news is None:
            return self.score(sentences)
        return self.news.probabilities(self.calibrated_log_odds(sentences), cues)

    @property
    def news_threshold(self) -> float:
        """The threshold that goes with :meth:`news_scores`."""
        return self.news.threshold if self.news is not None else self.threshold

    def save(self, path: Path) -> None:
        nonzero = np.flatnonzero(self.weights).astype(np.int32)
        arrays: dict[str, NDArray[np.generic]] = {
            "index": nonzero,
            "value": self.weights[nonzero].astype(np.float32),
            "bias": np.array([self.bias], dtype=np.float64),
            "threshold": np.array([self.threshold], dtype=np.float64),
            "hash_buckets": np.array([HASH_BUCKETS], dtype=np.int64),
            "features_version": np.array([FEATURES_VERSION], dtype=np.int64),
        }
        arrays["platt"] = np.array(self.platt, dtype=np.float64)
        if self.news is not None:
            arrays["news_weights"] = self.news.weights.astype(np.float64)
            arrays["news_bias"] = np.array([self.news.bias], dtype=np.float64)
            arrays["news_threshold"] = np.array([self.news.threshold], dtype=np.float64)
            arrays["news_cues"] = np.array(DESK_CUES)
            arrays["desk_version"] = np.array([DESK_VERSION], dtype=np.int64)
        np.savez_compressed(path, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: Path | None = None) -> ClaimModel:
        """The shipped ``claims-v1`` (or the model at ``path``); refuses other shapes."""
        return load_model(MODEL_FILE, path, cls._from_arrays)

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
        if "dense" in data:
            raise ValueError("a claims-minilm-v1 file (retired: its MiniLM part is not read)")
        weights = np.zeros(HASH_BUCKETS, dtype=np.float32)
        weights[index.astype(np.int64)] = data["value"].astype(np.float32)
        platt = (1.0, 0.0)
        if "platt" in data:
            slope, intercept = (float(v) for v in data["platt"])
            if not slope > 0:
                raise ValueError("claim model calibration must keep the order of scores")
            platt = (slope, intercept)
        return cls(
            weights,
            float(data["bias"][0]),
            float(data["threshold"][0]),
            platt,
            _news_layer(data),
        )


def _news_layer(data: dict[str, NDArray[np.generic]]) -> NewsLayer | None:
    """The news layer stored in a model file, None when it has none; refuses other cues."""
    if "news_weights" not in data:
        return None
    if (
        int(data["desk_version"][0]) != DESK_VERSION
        or tuple(str(c) for c in data["news_cues"]) != DESK_CUES
    ):
        raise ValueError("claim model news layer does not match this version's desk cues")
    return NewsLayer(
        data["news_weights"].astype(np.float64),
        float(data["news_bias"][0]),
        float(data["news_threshold"][0]),
    )
