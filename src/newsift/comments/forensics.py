"""Thread forensics: near-duplicate comments, injected junk, comments unrelated to the article.

- **Near-duplicates**: word 3-shingles (single words for comments under three
  words) of the normalised text; a comment whose Jaccard similarity with an
  earlier comment of the thread reaches ``DUPLICATE_JACCARD`` is a duplicate of
  the earliest such comment.
- **Junk**: :mod:`newsift.comments.junk` (re-exported here as
  :func:`junk_reasons`); spam needs more than one signal.
- **Off-topic**: share of the comment's content words (stop words dropped,
  words cut to their first ``STEM`` letters) that occur in the headline, body
  and standfirst (and, for a reply, the parent comment). Comments with fewer
  than ``MIN_CONTENT_WORDS`` content words are never called off-topic.
  ``OFF_TOPIC_SHARE`` was set by hand on made-up threads, not tuned on data.

Limits: English cue words; a near-copy whose every shingle is very common in
the thread can be missed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsift.comments.junk import junk_reasons

__all__ = [
    "content_stems",
    "jaccard",
    "junk_reasons",
    "near_duplicates",
    "normalised_words",
    "off_topic",
    "shingles",
]


def _entries(block: str) -> frozenset[str]:
    """The whitespace-separated entries of a word-list block."""
    return frozenset(block.split())


DUPLICATE_JACCARD = 0.7
SIZE_RATIO = DUPLICATE_JACCARD - 0.01  # a safe bound under DUPLICATE_JACCARD (float rounding)
COMMON_SHINGLE = 50
STEM = 5
MIN_CONTENT_WORDS = 8
OFF_TOPIC_SHARE = 0.12

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOPWORDS = _entries(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each else even
    ever every few for from further get got had has have having he her here hers him his how
    i if in into is it its itself just know like make many me more most much must my no nor
    not now of off on once one only or other our out over own people really same say says
    she should so some still such than that the their them then there these they thing
    think this those through to too under until up us very was way we well were what when
    where which while who whom why will with would yes yet you your yours one two three
    thank thanks year years time good great going want right said
    """
)


def normalised_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def shingles(text: str) -> frozenset[str]:
    tokens = normalised_words(text)
    if len(tokens) < 3:
        return frozenset(tokens)
    return frozenset(" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicates(texts: Sequence[str]) -> list[int | None]:
    """For each text, the index of the earliest earlier text it nearly copies, else None.

    Only earlier texts sharing a shingle are compared (an inverted index), and a
    shingle held by more than ``COMMON_SHINGLE`` texts is not used to find
    candidates, so long threads stay fast.
    """
    sets = [shingles(t) for t in texts]
    holders: dict[str, list[int]] = defaultdict(list)
    out: list[int | None] = []
    for i, current in enumerate(sets):
        candidates = sorted(
            {j for s in current if len(holders[s]) <= COMMON_SHINGLE for j in holders[s]}
        )
        found = None
        for j in candidates:
            # |a & b| / |a | b| <= min / max: sets of too different sizes cannot reach the bar
            smaller, larger = sorted((len(current), len(sets[j])))
            if smaller < SIZE_RATIO * larger:
                continue
            if jaccard(current, sets[j]) >= DUPLICATE_JACCARD:
                found = j if out[j] is None else out[j]
                break
        out.append(found)
        for s in current:
            holders[s].append(i)
    return out


def content_stems(texts: Iterable[str]) -> set[str]:
    return {w[:STEM] for t in texts for w in normalised_words(t) if _content(w)}


def _content(word: str) -> bool:
    return len(word) >= 3 and word not in _STOPWORDS and not word.isdigit()


def off_topic(text: str, article: set[str]) -> bool:
    """True when few of the comment's content words occur in ``article`` (stems)."""
    if not article:
        return False
    stems = [w[:STEM] for w in normalised_words(text) if _content(w)]
    if len(stems) < MIN_CONTENT_WORDS:
        return False
    shared = sum(s in article for s in stems)
    return shared / len(stems) < OFF_TOPIC_SHARE
