"""Who stands behind a claim: the author, a source, or a document.

A claim's ``claimant`` is

- ``source`` when the sentence lies in a quotation (the ``quotes`` layer of
  ``attribution.quotes.v1`` covers at least half of it) or holds the cue of a
  quote ("..., the minister said"), and that quote's source is a person,
  organization or group (named or not); without the attribution layers, when
  the sentence has a speech cue (said, told, according to, ...) or opens or
  closes a quotation (a later sentence of a quote has no cue of its own);
- ``document`` when that source is a document (``sources`` layer kind
  ``document``), or, failing a quote, when the sentence names a report, study,
  survey, filing or data as its basis ("according to the report", "the study
  found");
- ``author`` otherwise: the author's own unsourced assertion. A check-worthy
  claim by the author is the finding a fact-checking desk looks for first.

English cues, deliberately shallow; see ``docs/analyzers/claims.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.claims.triage import lower_words
from newsift.document import Span

CLAIMANTS = ("author", "source", "document")

_DOCUMENT_NOUNS = """
    report study studies survey poll filing paper analysis data figures statistics record
    document census audit review release website lawsuit indictment complaint memo transcript
    budget journal dataset database presentation ruling research
"""
#: the nouns and their plurals: every document cue holds one (a cheap test first)
DOCUMENT_WORDS = frozenset(w + end for w in _DOCUMENT_NOUNS.split() for end in ("", "s"))
_DOCUMENT_NOUN = "(?:" + "|".join(_DOCUMENT_NOUNS.split()) + ")s?"
_DOCUMENT = re.compile(
    rf"\baccording to\b[^,;:“”\"]{{0,60}}?\b{_DOCUMENT_NOUN}\b"
    rf"|\b{_DOCUMENT_NOUN}\b[^,;:“”\"]{{0,50}}?\b(?:shows?|showed|shown|found|finds|indicates?"
    r"|indicated|estimates?|estimated|reveals?|revealed|concluded|suggests?|suggested"
    r"|published|puts?|says|said|stated|alleges|alleged|notes|noted|lists|listed"
    r"|cites|cited)\b"
    rf"|\b(?:published|detailed|described|reported) in\b[^,;:]{{0,40}}?\b{_DOCUMENT_NOUN}\b",
    re.I,
)
#: verbs of saying: a set lookup per word is much faster than one alternation regex
_SPEECH_LIST = """
    said says say told tells reports stated announced attributed argued argues insisted
    insists added adds wrote writes tweeted testified warned stressed noted explained admitted
    denied denies acknowledged alleged alleges confirmed recalled believes claimed
"""
SPEECH_WORDS = frozenset(_SPEECH_LIST.split())
#: "according to", a "reported" that is not passive ("cases were reported"), and a verb
#: "claims" rather than the noun ("the claims")
_SPEECH_PHRASES = re.compile(
    r"\baccording to\b|(?<!were )(?<!was )(?<!been )(?<!cases )\breported\b"
    r"|(?<!the )(?<!a )(?<!his )(?<!her )(?<!its )(?<!their )(?<!this )\bclaims\b",
    re.I,
)
#: a sentence that opens a quotation, or closes one right after its last punctuation
#: ("... is not a delay. For some of them it is a death sentence.”)
_OPENS_QUOTE = re.compile(r"\A\s*(?:[\"“«„]|‘(?=[^\W\d_]))")
_CLOSES_QUOTE = re.compile(r"[.!?,…][\"”’»]\s*\Z")
_PHRASE_WORDS = frozenset({"according", "reported", "claims"})


@dataclass(frozen=True, slots=True)
class Claimant:
    """``kind`` (one of :data:`CLAIMANTS`), the quote and source ids behind it when known."""

    kind: str
    quote: str | None = None
    source: str | None = None


def sentence_words(sentence: str) -> frozenset[str]:
    """The lower-cased words of ``sentence``: both cue tests below gate on them, so a
    caller asking both reads them once."""
    return frozenset(lower_words(sentence))


def document_cue(sentence: str, words: frozenset[str] | None = None) -> bool:
    """Whether ``sentence`` names a report, study, survey, filing or data as its basis
    (``words``: :func:`sentence_words` of it, when already read)."""
    if words is None:
        words = sentence_words(sentence)
    return not DOCUMENT_WORDS.isdisjoint(words) and _DOCUMENT.search(sentence) is not None


def speech_cue(sentence: str, words: frozenset[str] | None = None) -> bool:
    """Whether ``sentence`` has a verb or phrase of saying (said, told, according to, ...)
    (``words``: :func:`sentence_words` of it, when already read)."""
    if words is None:
        words = sentence_words(sentence)
    if not SPEECH_WORDS.isdisjoint(words):
        return True
    return not _PHRASE_WORDS.isdisjoint(words) and _SPEECH_PHRASES.search(sentence) is not None


def in_quotation_marks(sentence: str) -> bool:
    """Whether ``sentence`` opens a quotation or ends one (a quoted speaker's words)."""
    return _OPENS_QUOTE.search(sentence) is not None or _CLOSES_QUOTE.search(sentence) is not None


def find_claimant(
    sentence: str,
    span: Span,
    *,
    quote: str | None = None,
    source: str | None = None,
    quotes: Sequence[Any] | None = None,
    source_kinds: Mapping[str, str] | None = None,
) -> Claimant:
    """The claimant of the sentence ``sentence`` at ``span``.

    ``quote``/``source``: the quotation the sentence lies in and its source,
    when one covers it (see ``link_quotes`` in the analyzer). ``quotes``: the
    page's ``quotes`` layer, to find a quote whose cue lies in the sentence;
    ``source_kinds``: source id -> kind from the ``sources`` layer. Both None
    when the attribution layers did not run.
    """
    kinds = source_kinds or {}
    if quote is None and quotes:
        cued = cued_quote(quotes, span)
        if cued is not None:
            quote, source = cued.id, cued.source
    if quote is not None:
        if source is not None and kinds.get(source) == "document":
            return Claimant("document", quote, source)
        if source is None and document_cue(sentence):
            return Claimant("document", quote, None)
        return Claimant("source", quote, source)
    words = sentence_words(sentence)
    if document_cue(sentence, words):
        return Claimant("document")
    if speech_cue(sentence, words):
        return Claimant("source")
    if quotes is None and in_quotation_marks(sentence):
        # Without the attribution layers (the fast preset) a quoted sentence with no cue
        # of its own is still somebody's words: never the author's unsourced claim.
        return Claimant("source")
    return Claimant("author")


def cued_quote(quotes: Sequence[Any], span: Span) -> Any:
    """The first quote whose cue lies inside ``span`` and whose content overlaps it."""
    for candidate in quotes:
        cue = candidate.cue
        if cue is None or not (span.start <= cue.start and cue.end <= span.end):
            continue
        content = candidate.content
        if content.start < span.end and content.end > span.start:
            return candidate
    return None
