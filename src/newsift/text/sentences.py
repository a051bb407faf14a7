"""A regex sentence splitter for English news text.

A boundary is ``.``, ``!`` or ``?`` (with any closing quotes or brackets after
it) followed by white space and something that can open a sentence (a capital,
a digit, an opening quote or bracket). It is not a boundary after a known
abbreviation ("Dr.", "No. 5", "e.g."), after an initialism ("U.S.", "J.")
unless a common sentence opener follows ("in the U.S. The next day"), or
inside a number ("3.5", which has no space anyway).

:func:`document_sentences` is the page's one segmentation: every analyzer that
reads sentences (claims, persuasion, and attribution, whose spaCy parse starts
a sentence wherever this one does) takes them from here, so two analyzers never
disagree on where a sentence of the page begins. A sentence never crosses a
paragraph: each paragraph is split on its own (:func:`paragraph_sentences`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsift.document import Document, Span
from newsift.text.ngrams import forgotten_with_memos


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: abbreviations that are never the end of a sentence when something follows
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof st sen rep gov gen col lt sgt capt cmdr adm maj rev fr hon pres
    supt jr sr mt ft no nos vs etc eg ie cf al approx dept est fig inc co corp ltd bros
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat
    sun ave blvd rd p pp vol ch art sec op
    """
)
#: abbreviations that only precede a number ("No. 5", "p. 12"), else may end a sentence
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "p", "pp", "vol", "ch", "art", "sec", "fig", "op"})
#: words that open a sentence, so an initialism before them ends one ("the U.S. The")
OPENERS = _words(
    """
    the a an he she it they we i you this that these those there but and so yet in on at
    for after before when while if as his her their its our my then however meanwhile
    still officials police
    """
)

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]?([A-Za-z0-9]+)")


def _is_boundary(text: str, start: int, end: int, mark: str) -> bool:
    if mark != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start + 1)
    if before is None:
        return True
    word = before.group(1)
    following = _NEXT_WORD.match(text, end)
    next_word = following.group(1) if following else ""
    bare = word.lower().replace(".", "")
    if bare in NUMBER_ABBREVIATIONS and "." not in word:
        return not next_word[:1].isdigit()
    if bare in ABBREVIATIONS and "." not in word:
        return False
    if "." in word or _INITIALISM.match(word):
        # "U.S.", "e.g.", "J." — a boundary only before a clear sentence opener
        if bare in {"eg", "ie", "cf"}:
            return False
        return next_word.lower() in OPENERS and next_word[:1].isupper()
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the sentences of ``text[start:end]``, stripped of surrounding white space."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for match in _CANDIDATE.finditer(text, start, stop):
        if not _is_boundary(text, match.start(), match.end(), match.group(0)[0]):
            continue
        spans.append(Span(begin, match.end()))
        begin = match.end()
    spans.append(Span(begin, stop))
    return [s for s in (_strip(text, span) for span in spans) if s.end > s.start]


def _strip(text: str, span: Span) -> Span:
    a, b = span.start, span.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b)


#: Paragraphs whose segmentation is remembered (by their text), and the longest one
#: remembered: a page's body many times over, and at most about 4 million characters.
MEMO_PARAGRAPHS = 1024
MEMO_MAX_CHARS = 4_000


@lru_cache(maxsize=MEMO_PARAGRAPHS)
def _remembered(text: str) -> tuple[Span, ...]:
    return tuple(split_sentences(text))


forgotten_with_memos(_remembered.cache_clear)


def paragraph_sentences(text: str) -> tuple[Span, ...]:
    """The sentences of one paragraph, as spans into ``text``, computed once per paragraph.

    Remembered by the paragraph's text rather than by its Document: a
    :class:`~newsift.document.Document` (slotted) and a ``str`` cannot be weakly
    referenced, and the segmentation of a paragraph depends on its text alone, so
    the text is an exact key. Whichever analyzer reads a paragraph first (the
    attribution parse, claims, persuasion) computes it; the others get the same
    tuple back. Paragraphs over :data:`MEMO_MAX_CHARS` are split each time, so the
    memo stays small.
    """
    if len(text) > MEMO_MAX_CHARS:
        return tuple(split_sentences(text))
    return _remembered(text)


def document_sentences(doc: Document, kind: str = "body") -> list[Span]:
    """The sentences of the paragraphs of ``doc``'s ``kind`` regions, in text order.

    The page's shared segmentation (see the module docstring): each paragraph is
    split on its own by :func:`paragraph_sentences`, and its spans are moved to
    the page's offsets.
    """
    found: list[Span] = []
    for region in doc.regions_of(kind):
        for paragraph in region.paragraphs:
            if paragraph.end <= paragraph.start:
                continue
            offset = paragraph.start
            found.extend(
                Span(offset + s.start, offset + s.end)
                for s in paragraph_sentences(doc.text[paragraph.start : paragraph.end])
            )
    return found
