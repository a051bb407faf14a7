"""A small language guesser: counts of very common words, no model.

Good enough to tell the languages of the European press apart on a paragraph
or more; says ``None`` when the evidence is thin or split.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in is that for it was on with as are be this by have from not at but",
    "de": "der die und den das ist nicht ein eine zu mit sich auf für von dem des im auch wird",
    "fr": "le la les et des est une un pour que qui dans pas du sur au avec ce il elle sont",
    "es": "el la los las de que y en un una es por con para no se del al lo como más",
    "it": "il di che la e un una per non sono del della con si gli le è da nel anche",
    "nl": "de het een en van is dat op te in niet met voor zijn er maar ook aan bij",
    "pt": "o a os as de que e do da em um uma para com não por se mais dos das",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_ANY_STOPWORD = frozenset().union(*_WORDS.values())
_TOKEN = re.compile(r"[^\W\d_]+")


def stopword_counts(lower: str) -> Counter[str]:
    """How often each stopword is a word (a run of letters, ``_TOKEN``) of ``lower``.

    Only stopwords are counted, and most words need no regex: a whitespace-separated
    piece of letters only (``isalpha``) is one run of letters, counted when it is a
    stopword; only the other pieces ("said,", "don't") are split into runs.
    """
    pieces = lower.split()
    counts = Counter(filter(_ANY_STOPWORD.__contains__, pieces))
    rest = " ".join([piece for piece in pieces if not piece.isalpha()])
    counts.update([word for word in _TOKEN.findall(rest) if word in _ANY_STOPWORD])
    return counts


def guess_language(text: str, *, min_hits: int = 5) -> str | None:
    """ISO 639-1 code of the likeliest language, or None when unsure."""
    counts = stopword_counts(text[:20_000].lower())
    scores = {lang: sum(counts[w] for w in words if w in counts) for lang, words in _WORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < min_hits or top < 1.5 * second:
        return None
    return best
