"""Rule-based claim types: what kind of fact a sentence states.

Each rule looks for cues (the ``features``); the type is the first of
``statistic``, ``comparison``, ``prediction``, ``causal``, ``attributed``,
``event`` whose cues are present, else ``other``. The rules are English and
deliberately shallow: they describe a sentence the model already found
check-worthy, they do not decide whether it is. A claim whose claimant is the
author (no source, no document; see :mod:`newsift.claims.claimant`) is never
typed ``attributed``: :func:`type_of` with ``sourced=False`` skips that type.
"""

from __future__ import annotations

import re

from newsift.text.case import lowers_plainly

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    "|hundred|thousand|million|billion|trillion|dozen|half|quarter|third"
)
_IRREGULAR_PAST = (
    "was|were|had|did|made|said|went|came|took|gave|got|won|lost|left|met|paid|sold|bought"
    "|built|began|became|fell|rose|grew|hit|cut|set|put|ran|led|held|brought|found|told|wrote"
    "|spent|sent|struck|fought|shot|broke|chose|drove|flew|froze|hid|kept|knew|saw|stood|thought"
    "|voted|killed"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EST_NOT_SUPERLATIVE = _words(
    """
    interest interests test tests forest west east best-known honest request suggest
    guest protest rest arrest invest digest contest quest chest nest vest pest crest
    manifest modest earnest harvest conquest attest detest infest ingest divest bequest
    lest zest
    """
)

RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("percent", re.compile(r"\d\s?%|\b(?:per ?cent|percentage points?)\b", re.I)),
    ("money", re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds|usd|eur)\b", re.I)),
    ("number", re.compile(rf"\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\b|\b(?:{_NUMBER_WORDS})\b", re.I)),
    (
        "comparative",
        re.compile(
            r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse"
            r"|\w+er)\s+than\b|\bcompared (?:with|to)\b|\b(?:twice|three times) as\b"
            r"|\bas (?:much|many) as\b",
            re.I,
        ),
    ),
    ("superlative", re.compile(r"\b(?:most|least|best|worst)\b|\b\w{2,}est\b", re.I)),
    (
        "future",
        re.compile(
            r"\b(?:will|won't|shall|going to|expected to|expects? to|forecasts?|forecast to"
            r"|projected to|predicts?|is set to|are set to|likely to|plans? to)\b",
            re.I,
        ),
    ),
    (
        "causal",
        re.compile(
            r"\b(?:because|caused|causes|cause of|led to|leads to|lead to|due to|as a result"
            r"|resulted in|results in|thanks to|blamed|owing to|therefore)\b",
            re.I,
        ),
    ),
    (
        "attribution",
        re.compile(
            r"\b(?:said|says|told|according to|reported|stated|announced|claimed"
            r"|argued|insisted|added|wrote|estimated)\b"
            r"|\bclaims\b(?<!the claims)(?<!\ba claims)(?<!his claims)(?<!her claims)"
            r"(?<!its claims)(?<!their claims)(?<!this claims)",
            re.I,
        ),
    ),
    ("past_tense", re.compile(rf"\b(?:[a-z]{{3,}}ed|{_IRREGULAR_PAST})\b", re.I)),
    (
        "date",
        re.compile(
            rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b\.?|\b(?:1[89]|20)\d\d\b"
            r"|\b(?:yesterday|today|last (?:week|month|year|night|\w+day))\b",
            re.I,
        ),
    ),
)

#: the type and the cues that make it, in order of precedence
TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("statistic", frozenset({"percent", "money", "number"})),
    ("comparison", frozenset({"comparative", "superlative"})),
    ("prediction", frozenset({"future"})),
    ("causal", frozenset({"causal"})),
    ("attributed", frozenset({"attribution"})),
)
_CAPITALISED = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_CALENDAR = re.compile(rf"(?:{_MONTHS}|{_WEEKDAYS})", re.I)
_SUPERLATIVE = re.compile(r"\b(?:most|least|best|worst)\b|\b(\w{2,}est)\b", re.I)


def _named_entity(sentence: str) -> bool:
    """A capitalised word that does not open the sentence (a crude proper-noun test)."""
    stripped = sentence.lstrip("\"“‘'( ")
    return any(
        m.start() > 0 and not _CALENDAR.fullmatch(m.group(0))
        for m in _CAPITALISED.finditer(stripped)
    )


#: for an ASCII sentence: lower-case strings one of which any match of the rule contains
#: (a rule whose strings are all absent cannot match, and its search is skipped)
_NEEDS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "per"),
    "money": ("$", "dollars", "euros", "pounds", "usd", "eur"),
    "number": (*"0123456789", *_NUMBER_WORDS.split("|")),
    "comparative": (
        "than", "compared with", "compared to", "twice as", "three times as", "as much as",
        "as many as",
    ),
    "superlative": ("most", "least", "best", "worst", "est"),
    "future": (
        "will", "won't", "shall", "going to", "expect", "forecast", "projected to", "predict",
        "set to", "likely to", "plan",
    ),
    "causal": (
        "because", "caus", "lead to", "leads to", "led to", "due to", "as a result", "result",
        "thanks to", "blamed", "owing to", "therefore",
    ),
    "attribution": (
        "said", "says", "told", "according to", "reported", "stated", "announced", "claim",
        "argued", "insisted", "added", "wrote", "estimated",
    ),
    "date": (
        *"0123456789", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec", "day", "last",
    ),
}  # fmt: skip


#: rules whose strings above hold beyond ASCII too (``number`` and ``money`` match other
#: digits and currency signs, which their strings leave out)
_NEEDS_HOLD_BEYOND_ASCII = frozenset(_NEEDS) - {"number", "money"}


def _may_match(name: str, lower: str | None, ascii_only: bool = True) -> bool:
    """False only when rule ``name`` cannot match the sentence lower-cased to ``lower``."""
    needs = _NEEDS.get(name)
    if lower is None or needs is None or not (ascii_only or name in _NEEDS_HOLD_BEYOND_ASCII):
        return True
    return any(map(lower.__contains__, needs))  # no Python call per string


#: each rule compiled without ``re.I``: on a sentence that ``lowers_plainly``, lower-cased,
#: it finds a match exactly where the rule finds one in the sentence (the rules spell
#: their letters in lower case), two to four times faster
_LOWER_RULES = {name: re.compile(pattern.pattern) for name, pattern in RULES}
_LOWER_SUPERLATIVE = re.compile(_SUPERLATIVE.pattern)


def _has_superlative(sentence: str, pattern: re.Pattern[str] = _SUPERLATIVE) -> bool:
    for match in pattern.finditer(sentence):
        word = match.group(1)
        if word is None or word.lower() not in _EST_NOT_SUPERLATIVE:
            return True
    return False


def claim_features(sentence: str) -> list[str]:
    """The cues found in ``sentence``, in the order of :data:`RULES`."""
    # without case traps the rules' case-insensitive matching is plain lower-casing
    ascii_only = sentence.isascii()
    lower = sentence.lower() if lowers_plainly(sentence) else None
    found: list[str] = []
    for name, pattern in RULES:
        if not _may_match(name, lower, ascii_only):
            continue
        if name == "superlative":
            if (
                _has_superlative(sentence)
                if lower is None
                else _has_superlative(lower, _LOWER_SUPERLATIVE)
            ):
                found.append(name)
        elif pattern.search(sentence) if lower is None else _LOWER_RULES[name].search(lower):
            found.append(name)
    if _named_entity(sentence):
        found.append("named_entity")
    return found


def claim_type(sentence: str) -> tuple[str, list[str]]:
    """The claim type of ``sentence`` and the cues found in it."""
    found = claim_features(sentence)
    return type_of(found), found


def type_of(found: list[str] | tuple[str, ...], *, sourced: bool = True) -> str:
    """The claim type given the cues ``found``; ``sourced=False`` (the author's own
    claim) never gives ``attributed``."""
    present = set(found)
    for kind, cues in TYPES:
        if (sourced or kind != "attributed") and present & cues:
            return kind
    if "past_tense" in present and present & {"date", "named_entity"}:
        return "event"
    return "other"
