"""Spelling variants folded back to the word they hide, before any feature is computed.

Abuse is often written to slip past word lists: leetspeak (``1d10t``,
``a$$hole``), letters spaced out (``i d i o t``), letters repeated
(``stuuuupid``), two letters swapped (``idoit``) or one dropped (``stupd``).
:func:`normalised_words` finds the words of a comment as
:func:`~newsift.comments.lexicon.words` does, and rewrites a word only when the
rewritten form is a word of the abuse lexicon (insult, profanity, threat,
dehumanising) and the written form is not itself an ordinary word
(``lexicon.NEAR_MISSES``: "moon" stays "moon", not "moron"). Offsets stay
those of the original text, so spans still point at what the reader wrote.
:func:`normalise` gives the whole text with those words rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from newsift.comments.lexicon import (
    ABUSE_CATEGORIES,
    CATEGORIES,
    NEAR_MISSES,
    categories,
    words,
)

LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                      "$": "s", "!": "i", "|": "l", "+": "t", "8": "b"})  # fmt: skip
#: a written word, leet characters included ("a$$hole", "b!tch", "@ss")
_TOKEN = re.compile(r"[a-z0-9@$!|+*']*[a-z0-9$*][a-z0-9@$!|+*']*", re.IGNORECASE)
#: three or more single letters separated by one space, dot or dash: "i d i o t"
_SPACED = re.compile(r"\b[a-z](?:[ .\-][a-z]){2,}\b", re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1+")
_LEET_INSIDE = re.compile(r"[a-z][0-9@$!|+*]|[0-9@$!|+][a-z]", re.IGNORECASE)
#: found exactly where ``_LEET_INSIDE`` is (a leet character next to a letter), faster:
#: each branch opens with a leet character, which a search skips ahead to
_HAS_LEET_INSIDE = re.compile(r"[0-9@$!|+*](?<=[a-z].)|[0-9@$!|+](?=[a-z])", re.IGNORECASE)
#: the end of every ``_SPACED`` match (separator, letter, separator, letter, word end):
#: where it is absent, ``_SPACED`` finds nothing
_SPACED_TAIL = re.compile(r"[ .\-][a-z][ .\-][a-z]\b", re.IGNORECASE)
MIN_FUZZY = 5  # lexicon words this long or longer are matched with one letter swapped/dropped


def is_abuse(word: str) -> bool:
    """True when ``word`` (lower-cased) is in an abuse category of the lexicon."""
    return any(c in ABUSE_CATEGORIES for c in categories(word))


def _targets() -> set[str]:
    """The abuse words that a swapped or dropped letter is matched against."""
    found: set[str] = set()
    for name in ABUSE_CATEGORIES:
        for entry in CATEGORIES[name]:
            stem = entry.rstrip("*")
            if "*" in stem:
                continue
            found.add(stem)
    return {t for t in found if len(t) >= MIN_FUZZY and t.isalpha()}


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, str]:
    """Written form -> abuse word, for one dropped letter or two neighbouring letters swapped."""
    index: dict[str, str] = {}
    for target in sorted(_targets()):
        for i in range(len(target)):
            index.setdefault(target[:i] + target[i + 1 :], target)
        for i in range(len(target) - 1):
            swapped = target[:i] + target[i + 1] + target[i] + target[i + 2 :]
            if swapped != target:
                index.setdefault(swapped, target)
    return {k: v for k, v in index.items() if k not in NEAR_MISSES and not categories(k)}


@lru_cache(maxsize=1 << 16)
def variant_of(word: str) -> str | None:
    """The abuse word that the lower-cased ``word`` spells differently, or ``None``."""
    if is_abuse(word):
        return None
    candidates = [word]
    if any(not c.isalpha() for c in word):
        candidates.append(word.translate(LEET).replace("'", ""))
    for candidate in list(candidates):
        squeezed = _REPEAT.sub(r"\1\1", candidate)
        candidates.extend((squeezed, _REPEAT.sub(r"\1", candidate)))
    for candidate in candidates[1:]:
        if candidate.isalpha() and is_abuse(candidate):
            return candidate
    index = _fuzzy_index()
    for candidate in candidates:
        if candidate in index and candidate not in NEAR_MISSES:
            return index[candidate]
    return None


def _spaced_word(run: str) -> tuple[int, int, str] | None:
    """``(start, end, abuse word)`` of the longest stretch of ``run``'s letters spelling one."""
    letters = [(m.start(), m.group().lower()) for m in re.finditer(r"[a-z]", run, re.IGNORECASE)]
    for size in range(len(letters), 2, -1):
        for first in range(len(letters) - size + 1):
            picked = letters[first : first + size]
            joined = "".join(c for _, c in picked)
            target = joined if is_abuse(joined) else variant_of(joined)
            if target is not None:
                return picked[0][0], picked[-1][0] + 1, target
    return None


def normalised_words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` like :func:`~newsift.comments.lexicon.words`, variants rewritten.

    A spaced-out abuse word ("i d i o t") becomes one word spanning its letters.
    """
    return normalised_and_plain_words(text)[0]


def normalised_and_plain_words(
    text: str,
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]] | None]:
    """:func:`normalised_words` of ``text`` and, when it read them on the way (the usual
    case: no leet and no spaced-out letters), the plain :func:`~newsift.comments.lexicon.words`
    of ``text``, so that a caller needing both tokenises once; else None. When no word
    has a variant the two are the same list (``is``)."""
    if not _HAS_LEET_INSIDE.search(text) and not (
        _SPACED_TAIL.search(text) and _SPACED.search(text)
    ):  # the usual case: fast
        plain = words(text)
        if not any(map(variant_of, map(itemgetter(2), plain))):
            return plain, plain  # no variant among the words (nor among the short ones)
        return [(s, e, variant_of(w) or w if len(w) > 2 else w) for s, e, w in plain], plain
    return _rewritten_words(text), None


def _rewritten_words(text: str) -> list[tuple[int, int, str]]:
    """:func:`normalised_words` of a text with leet or spaced-out letters."""
    spaced: list[tuple[int, int, str]] = []
    for match in _SPACED.finditer(text):
        found = _spaced_word(match.group())
        if found is not None:
            first, last, target = found
            spaced.append((match.start() + first, match.start() + last, target))
    out: list[tuple[int, int, str]] = []
    at = 0
    for match in _TOKEN.finditer(text):
        start, end = match.start(), match.end()
        if start < at:
            continue
        hit = next((s for s in spaced if s[0] <= start < s[1]), None)
        if hit is not None:
            out.append(hit)
            at = hit[1]
            continue
        written = match.group().lower().strip("'")
        variant = variant_of(written) if len(written) > 2 else None
        if variant is not None:
            out.append((start, end, variant))
        else:
            out.extend(_shift(w, start) for w in words(text[start:end]))
        at = end
    return out


def _shift(word: tuple[int, int, str], by: int) -> tuple[int, int, str]:
    return word[0] + by, word[1] + by, word[2]


def normalise(text: str) -> str:
    """``text`` with each spelling variant of an abuse word replaced by that word."""
    pieces: list[str] = []
    last = 0
    for start, end, word in normalised_words(text):
        if text[start:end].lower() != word:
            pieces.extend((text[last:start], word))
            last = end
    pieces.append(text[last:])
    return "".join(pieces)
