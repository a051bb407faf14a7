"""Matching displayed sources and quotes to a hand-made page-level truth (issue 15).

Used by ``benchmarks/audit.py`` with the truth files in ``benchmarks/data/audit``
(guideline: ``docs/audit-guideline.md``). Everything here is plain text
matching, with no model:

- :func:`normalise_name` folds a name for comparison: accents, case, curly
  apostrophes, possessive ``'s``, honorifics and titles (*Dr.*, *Rep.*,
  *Gov.*), leading articles and a trailing *Jr./Sr./II*;
- :func:`name_score` says how well a displayed name fits a truth name: 1.0 for
  the same normalised name, 0.9 for a named person whose surname (last word)
  is the same, else the overlap of content words (Jaccard; a description that
  holds all the other's content words scores at least 0.6);
- :func:`snippet_score` says how much of a truth quote snippet (its first
  words) a displayed quote content holds, as the longest common run of words;
- :func:`assign` pairs items one to one, best score first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

NAME_THRESHOLD = 0.5  # name_score at or above this is a match
SNIPPET_RUN = 4  # words in a row a quote content must share with a truth snippet

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_HONORIFICS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "fr",
        "st",
        "rep",
        "sen",
        "gov",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "adm",
        "hon",
        "judge",
        "justice",
        "president",
        "vice",
        "senator",
        "governor",
        "representative",
        "mayor",
        "councilmember",
        "councilwoman",
        "councilman",
        "minister",
        "premier",
        "chancellor",
        "secretary",
    ]
)
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"])
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "and",
        "from",
        "with",
        "by",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "who",
        "which",
        "one",
        "some",
    ]
)


def _fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.lower()


def words(text: str) -> list[str]:
    """Lower-case words of ``text``: accents folded, curly apostrophes straight,
    possessive ``'s`` dropped, hyphenated names kept whole ("hau-yip")."""
    found = []
    for word in _WORD.findall(_fold(text)):
        if word.endswith("'s"):
            word = word[:-2]
        word = word.strip("'")
        if word:
            found.append(word)
    return found


def normalise_name(name: str) -> str:
    """A name folded for comparison ("Dr. Owen John Dempsey" -> "owen john dempsey")."""
    tokens = [w.replace(".", "") for w in words(name)]
    while tokens and tokens[0] in ("the", "a", "an"):
        tokens = tokens[1:]
    # a title goes only when a name follows it: "The president" stays "president"
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    return " ".join(tokens)


def surname(name: str) -> str:
    """The last word of a normalised person's name ("" when there is none)."""
    tokens = normalise_name(name).split()
    return tokens[-1] if tokens else ""


def content_words(name: str) -> frozenset[str]:
    """The name's words less articles, prepositions and pronouns."""
    return frozenset(w for w in normalise_name(name).split() if w not in _STOPWORDS)


def name_score(displayed: str, truth: str, *, named_person: bool) -> float:
    """How well a displayed source name fits a truth name, 0.0 to 1.0.

    ``named_person``: the truth is a person with a name, so a shared surname is
    enough ("Trump" fits "Donald Trump"; "Carlineo's attorney" does not fit
    "Patrick Carlineo Jr.", whose surname is not its last word).
    """
    a, b = normalise_name(displayed), normalise_name(truth)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if named_person and surname(displayed) == surname(truth):
        return 0.9
    left, right = content_words(displayed), content_words(truth)
    if not left or not right:
        return 0.0
    jaccard = len(left & right) / len(left | right)
    if left <= right or right <= left:
        return max(jaccard, 0.6)
    return jaccard


def snippet_score(snippet: str, content: str) -> float:
    """The share of a truth snippet's words that a content holds in one run.

    0.0 unless the run is at least :data:`SNIPPET_RUN` words long, or, for a
    snippet shorter than that, the whole snippet.
    """
    needle, hay = words(snippet), words(content)
    if not needle or not hay:
        return 0.0
    best = 0
    # longest common substring over words, O(len(needle) * len(hay))
    previous = [0] * (len(hay) + 1)
    for token in needle:
        current = [0] * (len(hay) + 1)
        for j, other in enumerate(hay, start=1):
            if token == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    if best < min(SNIPPET_RUN, len(needle)):
        return 0.0
    return best / len(needle)


T = TypeVar("T")
U = TypeVar("U")


def assign(
    left: Sequence[T],
    right: Sequence[U],
    score: Callable[[T, U], float],
    *,
    threshold: float,
    reusable: Callable[[U], bool] = lambda _: False,
) -> dict[int, int]:
    """Pairs ``left[i] -> right[j]`` one to one, highest score first (ties in order).

    Only pairs scoring at least ``threshold`` are made. A right item for which
    ``reusable`` is true may take several left items.
    """
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            value = score(a, b)
            if value >= threshold:
                pairs.append((-value, i, j))
    pairs.sort()
    taken_left: dict[int, int] = {}
    taken_right: set[int] = set()
    for _, i, j in pairs:
        if i in taken_left or (j in taken_right and not reusable(right[j])):
            continue
        taken_left[i] = j
        taken_right.add(j)
    return taken_left
