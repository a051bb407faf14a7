"""Triage for a news page: the desk's ranking signals, the news layer, the short list.

The check-worthiness model (:mod:`newsift.claims.model`) learnt from debate
transcripts. On a news page a desk ranks by further signals: specific
numbers, named actors, dates, events stated as fact, comparisons and causal
claims push a sentence up; hedged opinion, questions and first-person opinion
push it down. :func:`desk_cues` finds them with regular expressions (the rules
of :mod:`newsift.claims.types` plus the down-ranking ones here), and the
**news layer** (:class:`NewsLayer`), a logistic regression over the model's
calibrated log-odds and those cues, gives the probability that a sentence of
a news page is check-worthy. Its weights are learnt on the dev pages of
``benchmarks/data/claims_pages`` (``python -m training.claims``), so its
output is calibrated on held-apart news, and its threshold is a probability.

:func:`short_list` then picks, per page, the sentences above the threshold,
most check-worthy first, at most ``max_share`` of the page's sentences and at
most ``max_items``; the other sentences keep their rank.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from newsift.text.ngrams import forgotten_with_memos

#: the cues the news layer weighs, in the order of its weights (after the model's log-odds)
DESK_CUES = (
    "number",  # a figure, percentage or amount
    "named_entity",  # a capitalised name inside the sentence
    "date",  # a month, weekday, year or "last week"
    "event",  # a past-tense verb with a date or a name: an event stated as fact
    "comparison",  # a comparative or superlative
    "causal",  # because, led to, due to ...
    "attribution",  # said, according to ...
    "future",  # will, expected to ...
    "hedge",  # may, might, could, perhaps, seems ...
    "question",  # ends with a question mark
    "first_person_opinion",  # I think, we believe, in my view ...
    "first_person",  # I, we, my, our, us
    "modal_should",  # should, must, ought to, need to
    "short",  # fewer than eight words
)
DESK_VERSION = 1

_HEDGE = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|maybe|seems?|seemed|appears? to"
    r"|apparently|arguably|likely|unlikely|suggests?|if)\b",
    re.I,
)
_FIRST_PERSON_OPINION = re.compile(
    r"\b(?:I|we)(?:\s+(?:really|still|just|also|do|don[’']t|do not|can[’']t))?\s+"
    r"(?:think|believe|feel|hope|want|wish|guess|suspect|doubt|love|hate|like|fear|expect)\b"
    r"|\bin (?:my|our) (?:view|opinion)\b|\bI[’']m (?:sure|confident|not sure|afraid)\b"
    r"|\bI (?:don[’']t|do not) see\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|us|me)\b|\bI[’']", re.I)
_SHOULD = re.compile(r"\b(?:should|must|ought to|needs? to|have to|has to|got to)\b", re.I)
_WORD = re.compile(r"\w+")
#: the words one of whose presence each pattern needs: a set test first, the regex only then
_NEEDS = (
    (
        _HEDGE,
        frozenset(
            [
                "may",
                "might",
                "could",
                "perhaps",
                "possibly",
                "probably",
                "maybe",
                "seem",
                "seems",
                "seemed",
                "appear",
                "appears",
                "apparently",
                "arguably",
                "likely",
                "unlikely",
                "suggest",
                "suggests",
                "if",
            ]
        ),
    ),
    (_FIRST_PERSON_OPINION, frozenset({"i", "we", "my", "our"})),
    (_FIRST_PERSON, frozenset({"i", "we", "my", "our", "us", "me"})),
    (_SHOULD, frozenset(["should", "must", "ought", "need", "needs", "have", "has", "got"])),
)


_NEEDED = {pattern: words for pattern, words in _NEEDS}


@lru_cache(maxsize=1024)
def lower_words(sentence: str) -> tuple[str, ...]:
    """The words (``\\w+``) of ``sentence`` lower-cased, in order. The desk cues and the
    claimant's cues (:mod:`newsift.claims.claimant`) both read them: remembered per
    sentence, a page's sentence is read once."""
    return tuple(_WORD.findall(sentence.lower()))


forgotten_with_memos(lower_words.cache_clear)


def _has(pattern: re.Pattern[str], sentence: str, words: set[str]) -> bool:
    return not _NEEDED[pattern].isdisjoint(words) and pattern.search(sentence) is not None


_FIGURES = frozenset({"number", "percent", "money"})
_WHEN_OR_WHO = frozenset({"date", "named_entity"})
_COMPARING = frozenset({"comparative", "superlative"})


def desk_cues(sentence: str, features: Sequence[str]) -> list[str]:
    """The :data:`DESK_CUES` present in ``sentence``; ``features`` are its
    :func:`~newsift.claims.types.claim_features`."""
    found = set(features)
    cues: list[str] = []
    if not _FIGURES.isdisjoint(found):
        cues.append("number")
    for name in ("named_entity", "date"):
        if name in found:
            cues.append(name)
    if "past_tense" in found and not _WHEN_OR_WHO.isdisjoint(found):
        cues.append("event")
    if not _COMPARING.isdisjoint(found):
        cues.append("comparison")
    for name, feature in (("causal", "causal"), ("attribution", "attribution")):
        if feature in found:
            cues.append(name)
    if "future" in found:
        cues.append("future")
    tokens = lower_words(sentence)
    words = set(tokens)
    if _has(_HEDGE, sentence, words):
        cues.append("hedge")
    if sentence.rstrip(" \"'”’)»").endswith("?"):
        cues.append("question")
    if _has(_FIRST_PERSON_OPINION, sentence, words):
        cues.append("first_person_opinion")
    if _has(_FIRST_PERSON, sentence, words):
        cues.append("first_person")
    if _has(_SHOULD, sentence, words):
        cues.append("modal_should")
    if len(tokens) < 8:
        cues.append("short")
    return cues


def cue_matrix(cues: Sequence[Sequence[str]]) -> NDArray[np.float64]:
    """One row of 0/1 per sentence, one column per :data:`DESK_CUES` name."""
    column = {name: i for i, name in enumerate(DESK_CUES)}
    out = np.zeros((len(cues), len(DESK_CUES)), dtype=np.float64)
    for row, names in enumerate(cues):
        for name in names:
            out[row, column[name]] = 1.0
    return out


@dataclass(frozen=True, slots=True)
class NewsLayer:
    """Logistic regression over [model log-odds, cues]: P(check-worthy on a news page).

    ``weights`` has ``1 + len(DESK_CUES)`` entries: the weight of the model's
    calibrated log-odds, then one per cue; ``threshold`` is the probability
    from which a sentence is check-worthy on a news page (chosen on the dev
    pages).
    """

    weights: NDArray[np.float64]
    bias: float
    threshold: float

    def __post_init__(self) -> None:
        if self.weights.shape != (1 + len(DESK_CUES),):
            raise ValueError("news layer weights do not match the desk cues")
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"news layer threshold {self.threshold!r} outside (0, 1)")

    def probabilities(
        self, log_odds: NDArray[np.float64], cues: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """P(check-worthy) for each sentence from its log-odds and cue row."""
        if not len(log_odds):
            return np.zeros(0, dtype=np.float64)
        z = np.column_stack([log_odds, cues]) @ self.weights + self.bias
        return np.array([sigmoid(float(x)) for x in z], dtype=np.float64)

    def explain(self) -> list[tuple[str, float]]:
        """(input, weight) pairs, model log-odds first: the documented re-ranking."""
        return list(zip(("model_log_odds", *DESK_CUES), map(float, self.weights), strict=True))


def news_arrays(layer: NewsLayer) -> dict[str, NDArray[np.generic]]:
    """The arrays a model file stores its news layer in (read back by the model's loader)."""
    return {
        "news_weights": layer.weights.astype(np.float64),
        "news_bias": np.array([layer.bias], dtype=np.float64),
        "news_threshold": np.array([layer.threshold], dtype=np.float64),
        "news_cues": np.array(DESK_CUES),
        "desk_version": np.array([DESK_VERSION], dtype=np.int64),
    }


#: defaults of the short list: at most a quarter of the page's sentences, at most ten
MAX_SHARE = 0.25
MAX_ITEMS = 10


def short_list_size(
    sentences: int, max_share: float = MAX_SHARE, max_items: int = MAX_ITEMS
) -> int:
    """The most items a page of ``sentences`` sentences may list (at least one when it has any)."""
    if sentences <= 0 or max_items <= 0 or max_share <= 0:
        return 0
    return min(max_items, max(1, math.floor(max_share * sentences + 1e-9)))


def short_list(
    scores: Sequence[float],
    threshold: float,
    max_share: float = MAX_SHARE,
    max_items: int = MAX_ITEMS,
) -> list[int]:
    """Indices of the listed sentences, most check-worthy first (ties: the earlier one)."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    above = [i for i in order if scores[i] >= threshold]
    return above[: short_list_size(len(scores), max_share, max_items)]


def sigmoid(x: float) -> float:
    """The logistic function, without overflow."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def log_odds(p: NDArray[np.float64]) -> NDArray[np.float64]:
    """The log-odds of probabilities, clipped away from 0 and 1."""
    q = np.clip(p, 1e-9, 1 - 1e-9)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)
