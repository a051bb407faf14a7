"""Patterns of abuse that single words miss, and abuse words that are mentioned, not used.

:func:`read` looks at the normalised words of a comment and returns

* ``mentioned``: indexes of abuse words the comment does not aim at anyone:
  negated ("X is not an idiot", "I'd never call them vermin", but not
  "don't be an idiot") or reported in a comment that condemns it
  ("calling them vermin is wrong", "he called me an idiot and that's not
  OK", a quoted slogan the comment calls hateful), and violent words that
  harm no one (:func:`newsift.comments.threats.figurative`: "kill it",
  "kill the bill", "the death of me"). The comment features fold these words
  to ``MENTIONED``, so a counter-speech comment no longer scores like the
  abuse it quotes;
* ``cues``: pattern features added to the comment features (their weights are
  learned): ``threat`` (:func:`newsift.comments.threats.threatens`: a violent
  act with intent, "should", "will", "I'd happily", "time to"; a threat idiom;
  a veiled threat without a violent word), ``dehumanising`` (people likened
  to animals, pests or disease; "go back where they came from"), ``coded``
  (a coded partisan jibe: the lexicon's chants and nicknames, an epithet
  before a name, an insult fused onto a name), ``scare_quote`` (a title or a
  word of praise in scare quotes, "so-called"), ``sarcasm`` ("/s") and
  ``sarcastic_praise`` (praise under "/s" or in quotes), ``counter_speech``
  and ``negated`` (some abuse word was mentioned).

Rules are written for the phenomenon, not for any test sentence; the
functional tests' test half (``tests/comments/functional``) checks that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newsift.comments import threats
from newsift.comments.lexicon import (
    CODED_JIBES,
    CONDEMNING,
    CONDEMNING_PHRASES,
    EPITHETS,
    NEGATORS,
    PRAISE,
    REPORTING,
    SECOND_PERSON,
    TITLES,
    categories,
    categories_of,
)

MENTIONED = "mentionedword"
#: every cue :func:`read` can give, in a fixed order
CUES = (
    "negated", "counter_speech", "threat", "dehumanising", "coded", "scare_quote", "sarcasm",
    "sarcastic_praise", "aimed_sarcasm",
)  # fmt: skip
NEGATION_WINDOW = 8  # words between a negator and the abuse word it negates
REPORT_WINDOW = 6  # words between a reporting verb ("calling") and the abuse it reports
_CLAUSE_BREAK = re.compile(r"[.;:!?]|\bbut\b|\bthough\b", re.IGNORECASE)
#: a negation's scope also ends at a comma or a conjunction ("not safe because he is an idiot")
_SCOPE_BREAK = re.compile(
    r"[.;:!?,]|\b(?:but|though|because|since|and|or|so|when|while|who|which|if)\b", re.IGNORECASE
)
#: after a negator, these make it no negation of what follows ("not as stupid as", "not all")
NOT_NEGATING = frozenset({"as", "only", "just", "all", "even", "these", "those", "they", "you"})
NEGATED = ("insult", "dehumanising")  # what a negator can take back; not profanity or threats
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,200})[\"“”«»]|(?<!\w)['‘]([^'‘’]{1,60})['’](?!\w)")
_QUOTE_MARK = re.compile(r"[\"“”«»'‘]")
_SARCASM = re.compile(r"(?:^|\s)/s\b", re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso[- ]called\b", re.IGNORECASE)
_ACRONYM_JIBE = re.compile(r"\bF[A-Z]B\b")  # "FJB"-style chant acronyms
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
ABUSIVE = ("insult", "profanity", "threat", "dehumanising")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the patterns found in one comment."""

    mentioned: frozenset[int]
    cues: tuple[str, ...]


@lru_cache(maxsize=1 << 16)
def _is_abusive(word: str) -> bool:
    return any(c in ABUSIVE for c in categories(word))


def _same_clause(text: str, words: list[tuple[int, int, str]], first: int, last: int) -> bool:
    return not _CLAUSE_BREAK.search(text[words[first][1] : words[last][0]])


def _negated(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """True when a negator shortly before word ``i`` (same clause) negates it.

    Not a negation: a negator that opens its clause as an auxiliary ("Don't
    be an idiot", "Don't these idiots have a job?"), or one followed by a word
    of :data:`NOT_NEGATING` ("not as stupid as", "not all").
    """
    if not any(c in NEGATED for c in categories(words[i][2])):
        return False
    for j in range(max(0, i - NEGATION_WINDOW), i):
        word = words[j][2]
        if not (word in NEGATORS or word.endswith("n't")):
            continue
        following = words[j + 1][2] if j + 1 < len(words) else ""
        opens = j == 0 or bool(_SCOPE_BREAK.search(text[words[j - 1][1] : words[j][0]]))
        if following in NOT_NEGATING or (opens and word not in NEGATORS - {"dont", "cant"}):
            continue
        if not _SCOPE_BREAK.search(text[words[j][1] : words[i][0]]):
            return True
    return False


def _reported(text: str, words: list[tuple[int, int, str]], i: int, quoted: bool) -> bool:
    """True when word ``i`` is inside quotes or shortly after a reporting verb (same clause)."""
    if quoted:
        return True
    return any(
        words[j][2] in REPORTING and _same_clause(text, words, j, i)
        for j in range(max(0, i - REPORT_WINDOW), i)
    )


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if not _QUOTE_MARK.search(text):
        return []  # every ``_QUOTED`` match opens with one of these marks
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start < at < end for start, end in spans)


def _dehumanising(
    tokens: list[str], mentioned: set[int], text: str, found: list[tuple[str, ...]]
) -> bool:
    """``found``: each word's lexicon categories (``categories_of``)."""
    for i, categories_found in enumerate(found):
        if "dehumanising" not in categories_found or i in mentioned:
            continue
        before = tokens[max(0, i - 3) : i]
        if any(b in {"are", "is", "like", "as", "of", "nothing", "bunch", "pack"} for b in before):
            return True
    if not WITS.isdisjoint(tokens):
        for i, word in enumerate(tokens[:-2]):  # "the brain of a goldfish"
            if word in WITS and tokens[i + 1] == "of" and tokens[i + 2] in {"a", "an"}:
                return True
    return any(
        phrase in text
        for phrase in ("back to where", "back where they", "breed like", "go back to their")
    )


def _coded(text: str, words: list[tuple[int, int, str]], lower: str, tokens: set[str]) -> bool:
    """``tokens``: the set of the words."""
    if _PADDED_JIBE.search(f" {lower} ") or ("F" in text and _ACRONYM_JIBE.search(text)):
        return True
    if not EPITHETS.isdisjoint(tokens):
        for i, (start, end, word) in enumerate(words[:-1]):
            if word not in EPITHETS:
                continue
            name = text[words[i + 1][0] : words[i + 1][1]]
            if _CAPITALISED.fullmatch(name) and text[start:end][:1].isupper():
                return True  # "Sleepy Joe", "Crooked Hillary"
    for start, end, word in words:
        # a word ending in no fusable insult has no tail in ``_FUSABLE`` below
        if len(word) < 7 or not word.endswith(_FUSABLE_ENDINGS):
            continue
        written = text[start:end]
        if not _CAPITALISED.fullmatch(written) or start == 0:
            continue
        for size in range(4, len(word) - 2):
            tail = word[-size:]
            if tail in _FUSABLE and "insult" in categories(tail):
                return True  # an insult fused onto a name: "Trudope"
    return False


WITS = frozenset({"brain", "brains", "iq", "intellect", "intelligence", "wits", "sense", "memory"})
_FUSABLE = frozenset({"dope", "dopes", "tard", "tards", "clown", "idiot", "moron", "dumb", "fool"})
_FUSABLE_ENDINGS = tuple(sorted(_FUSABLE))
_PADDED_JIBES = tuple(f" {jibe} " for jibe in CODED_JIBES)


def any_of(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern that ``search`` finds in a text exactly when one of ``phrases`` is in it
    (``any(p in text for p in phrases)`` in one pass)."""
    return re.compile("|".join(map(re.escape, sorted(phrases))))


_PADDED_JIBE = any_of(_PADDED_JIBES)
_CONDEMNING_PHRASE = any_of(CONDEMNING_PHRASES)


def _scare_quote(text: str, quoted: list[tuple[int, int]]) -> tuple[bool, bool]:
    """``(a title in scare quotes or "so-called", praise in scare quotes)``."""
    # "called" matches case-blind only its own capitals: absent from the lower-cased text,
    # there is no "so-called"
    title = "called" in text.lower() and bool(_SO_CALLED.search(text))
    praise = False
    for start, end in quoted:
        inner = text[start + 1 : end - 1].lower().split()
        if not 1 <= len(inner) <= 3:
            continue
        inner_text = " ".join(w.strip(".,!?") for w in inner)
        if inner_text in TITLES or inner[-1].strip(".,!?") in TITLES:
            title = True
        elif any(w.strip(".,!?") in PRAISE for w in inner):
            praise = True
    return title, praise


def read(text: str, words: list[tuple[int, int, str]]) -> Reading:
    """The mentioned abuse words and the pattern cues of ``text`` (``words``: normalised)."""
    quoted = _quoted_spans(text)
    words_only = [w for _, _, w in words]
    tokens = set(words_only)
    found = [categories_of(w) for w in words_only]
    lower = " ".join(words_only)
    condemns = not CONDEMNING.isdisjoint(tokens) or bool(_CONDEMNING_PHRASE.search(lower))
    mentioned: set[int] = set()
    negated = reported = False
    for i, (start, _, word) in enumerate(words):
        if not _is_abusive(word):
            continue
        if "threat" in found[i] and threats.figurative(text, words, i):
            mentioned.add(i)  # "kill it", "killing me": no abuse to read
        elif _negated(text, words, i):
            mentioned.add(i)
            negated = True
        elif condemns and _reported(text, words, i, _inside(quoted, start)):
            mentioned.add(i)
            reported = True
    cues: list[str] = []
    if negated:
        cues.append("negated")
    if reported:
        cues.append("counter_speech")
    if threats.threatens(text, words, mentioned, lower, tokens, found):
        cues.append("threat")
    if _dehumanising(words_only, mentioned, lower, found):
        cues.append("dehumanising")
    if _coded(text, words, lower, tokens):
        cues.append("coded")
    title, praise = _scare_quote(text, quoted)
    if title:
        cues.append("scare_quote")
    sarcastic = "/" in text and bool(_SARCASM.search(text))
    if sarcastic:
        cues.append("sarcasm")
    if praise or (sarcastic and tokens & PRAISE):
        cues.append("sarcastic_praise")
    if (sarcastic or "sarcastic_praise" in cues or title) and tokens & SECOND_PERSON:
        cues.append("aimed_sarcasm")  # the sneer is addressed to the reader
    return Reading(frozenset(mentioned), tuple(cues))
