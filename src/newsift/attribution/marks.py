"""Direct quotations from quotation marks, paired by direction.

Pure text rules, no parse. Curly marks carry their direction (“ opens, ”
closes); a straight mark (``"``, or ``''`` as some papers print it) opens
when it stands before a word and closes when it stands after one, and
otherwise takes the direction that pairs with what is open. A quotation that
runs over several paragraphs follows the newspaper convention: no closing mark
at the end of a paragraph, an opening mark at the start of the next one; it
becomes one quotation across those paragraphs. An unbalanced mark is confined
to its paragraph: an opening mark left open at the end of its paragraph (and
not continued) closes at that paragraph's end, a closing mark with nothing
open is ignored, so one stray mark never spoils the rest of the document.
Single curly quotes (‘ ’) count only outside double quotes.

Not every quotation is someone's words. :func:`quote_role` sorts each one
from the text around it: a **name** or title (title-cased words after
"dubbed", "called", "named", "titled", "known as", "the so-called", after a
determiner, "the “People's Forum for Peace”", or after a work noun and a
comma, "a book, “Roads to Nowhere,”"; any words after "titled"/"entitled"),
a **scare** quote (one to three words in running syntax, "The “experts” who
...", or any words after "so-called"), or a **statement**. A name is never
a statement. A scare quote that a statement's content takes ("called the
minister a “walking disaster”") is that speaker's; one that no cue reaches is
the writer's own (the attribution rules decide, in
:mod:`newsift.attribution.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsift.document import Span

OPEN = "open"
CLOSE = "close"
EITHER = "either"

_DOUBLE_OPEN = {"“", "„", "«"}
_DOUBLE_CLOSE = {"”", "»"}
_BEFORE_OPEN = set(" \t\n([{—–-/") | {"\u00a0"}
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-/") | {"\u00a0"}

STATEMENT = "statement"
NAME = "name"
SCARE = "scare"
#: Most words a scare quote holds ("the “experts”", "a “walking disaster”").
SCARE_WORDS = 3
_QUOTE_EDGE = "\"“”‘’'«»„ \t\n\u00a0"
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
_MINOR = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "de", "del", "for", "from", "in", "into"}
    | {"la", "le", "nor", "of", "on", "or", "the", "to", "vs", "vs.", "with"}
)
_DETERMINER = r"(?:the|a|an|its|their|his|her|our|my|your|this|that)"
#: "dubbed (the)", "known as", "the so-called": the words after it are a name
_NAMING = re.compile(
    r"(?:\b(?P<cue>dub(?:s|bed|bing)?|nicknamed|(?:en)?titled|names?|named|naming|calls?|"
    r"called|calling|christened|branded|labell?ed|known\s+as|billed\s+as|so-called|"
    r"so\s+called)\s+(?:(?:itself|themselves|himself|herself)\s+)?(?:" + _DETERMINER + r"\s+)?)$",
    re.IGNORECASE,
)
_TITLE_CUES = frozenset({"titled", "entitled"})
_DETERMINED = re.compile(r"(?:\b" + _DETERMINER + r"|\w['’]s)\s+$", re.IGNORECASE)
#: "a book, “...”", "the rally “...”": nouns of things that carry a name or title
_WORK = re.compile(
    r"\b(?:album|article|bill|blog|book|campaign|column|conference|documentary|essay|"
    r"event|festival|film|headline|initiative|memoir|motto|movement|movie|newsletter|"
    r"novel|op-ed|operation|plan|play|podcast|poem|program|programme|rally|report|"
    r"series|show|slogan|song|speech|summit|website)s?\s*,?\s*$",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…:][\"”’')\]]*)\s*$")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    direction: str
    single: bool = False


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A direct quotation from its opening mark to its closing mark (inclusive).

    ``closed`` is False when the closing mark was missing and the quotation
    was confined to the end of its paragraph.
    """

    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1
    role: str = STATEMENT  # statement, name or scare (see quote_role)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def inner(self) -> Span:
        """The quoted words without the marks."""
        start = self.start + 1
        end = self.end - 1 if self.closed else self.end
        return Span(min(start, end), end)


def find_marks(text: str, start: int, end: int) -> list[Mark]:
    """Quotation marks in ``text[start:end]`` with their direction."""
    marks: list[Mark] = []
    i = start
    while i < end:
        char = text[i]
        if char in _DOUBLE_OPEN:
            marks.append(Mark(i, i + 1, OPEN))
        elif char in _DOUBLE_CLOSE:
            marks.append(Mark(i, i + 1, CLOSE))
        elif char == '"' or (char == "'" and i + 1 < end and text[i + 1] == "'"):
            width = 1 if char == '"' else 2
            marks.append(Mark(i, i + width, _direction(text, i, i + width, start, end)))
            i += width
            continue
        elif char == "‘":
            before = text[i - 1] if i > start else " "
            if before in _BEFORE_OPEN or before in "“\"'":
                marks.append(Mark(i, i + 1, OPEN, single=True))
        elif char == "’":
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if not before.isspace() and not after.isalnum():
                marks.append(Mark(i, i + 1, CLOSE, single=True))
        i += 1
    return marks


def _direction(text: str, start: int, end: int, lo: int, hi: int) -> str:
    before = text[start - 1] if start > lo else " "
    after = text[end] if end < hi else " "
    opens = before in _BEFORE_OPEN and not after.isspace()
    closes = after in _AFTER_CLOSE and not before.isspace()
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return EITHER


def pair_quotes(text: str, paragraphs: Sequence[Span]) -> list[QuotedSpan]:
    """Direct quotations over ``paragraphs`` (in text order)."""
    found: list[QuotedSpan] = []
    pending: Mark | None = None  # an open double mark
    pending_paragraphs = 1
    single: Mark | None = None  # an open single mark (only outside doubles)
    previous_end = 0
    for index, paragraph in enumerate(paragraphs):
        marks = find_marks(text, paragraph.start, paragraph.end)
        if pending is not None:
            first = next((m for m in marks if not m.single), None)
            lead = text[paragraph.start : first.start].strip() if first else "x"
            if first is not None and not lead and first.direction in (OPEN, EITHER):
                marks.remove(first)  # the quotation continues into this paragraph
                pending_paragraphs += 1
            else:
                found.append(QuotedSpan(pending.start, previous_end, False, pending_paragraphs))
                pending = None
        single = None
        for mark in marks:
            if mark.single:
                if pending is not None:
                    continue
                if mark.direction == OPEN:
                    single = mark
                elif single is not None:
                    found.append(QuotedSpan(single.start, mark.end))
                    single = None
                continue
            direction = mark.direction
            if direction == EITHER:
                direction = CLOSE if pending is not None else OPEN
            if direction == OPEN:
                if pending is not None and pending.start >= paragraph.start:
                    # two openings in one paragraph: the first was stray
                    pending = mark
                elif pending is not None:
                    found.append(
                        QuotedSpan(pending.start, previous_end, False, pending_paragraphs - 1)
                    )
                    pending = mark
                else:
                    pending = mark
                pending_paragraphs = 1
                single = None
            elif pending is not None:
                found.append(QuotedSpan(pending.start, mark.end, True, pending_paragraphs))
                pending = None
                pending_paragraphs = 1
        previous_end = paragraph.end
        if pending is not None and index == len(paragraphs) - 1:
            found.append(QuotedSpan(pending.start, paragraph.end, False, pending_paragraphs))
            pending = None
    kept = sorted((q for q in found if q.end > q.start + 1), key=lambda q: (q.start, q.end))
    return _with_roles(text, paragraphs, kept)


def _with_roles(
    text: str, paragraphs: Sequence[Span], quoted: list[QuotedSpan]
) -> list[QuotedSpan]:
    out: list[QuotedSpan] = []
    at = 0
    for quotation in quoted:
        while at + 1 < len(paragraphs) and paragraphs[at].end <= quotation.start:
            at += 1
        start = paragraphs[at].start if paragraphs else 0
        role = quote_role(text, quotation, min(start, quotation.start))
        out.append(quotation if role == STATEMENT else replace(quotation, role=role))
    return out


def quote_role(text: str, quotation: QuotedSpan, paragraph_start: int) -> str:
    """``name``, ``scare`` or ``statement``, from the quoted words and the words before them.

    ``paragraph_start`` is where the quotation's (first) paragraph starts.
    """
    raw = text[quotation.start : quotation.end].strip(_QUOTE_EDGE)
    inner = raw.rstrip(",.;:")
    words = _WORDS.findall(inner)
    if not words or quotation.paragraphs > 1:
        return STATEMENT
    before = text[max(paragraph_start, quotation.start - 80) : quotation.start]
    titled = _title_cased(words)
    naming = _NAMING.search(before)
    if naming is not None:
        cue = naming.group("cue").lower()
        if titled or cue in _TITLE_CUES:
            return NAME
        if cue.startswith("so"):
            return SCARE
    opens = _SENTENCE_START.search(before) is not None
    # in running syntax: "the “People's Forum for Peace,”", "Fox News’s “Hannity”"
    if (
        naming is None
        and titled
        and not opens
        and (len(words) >= 2 or _DETERMINED.search(before) or _WORK.search(before))
    ):
        return NAME
    if opens:
        after = text[quotation.end : quotation.end + 1]
        alone = after in {"", " ", "\n"} and raw[-1:] not in ",!?"
        if titled and 2 <= len(words) <= 6 and alone:
            return NAME  # a title-cased sentence of its own: “People's Forum for Peace.”
        return STATEMENT  # it opens a sentence: "“Never,” she said."
    if len(words) <= SCARE_WORDS and inner[-1:] not in "!?":
        return SCARE  # in running syntax: "the “experts” who"
    return STATEMENT


def _title_cased(words: Sequence[str]) -> bool:
    """Every word but minor ones capitalised, and none of them a sentence's lone first word."""
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) < min(2, len(words)) or all(w.isupper() for w in capitals if len(w) > 1):
        return False
    return all(w[:1].isupper() or w.lower() in _MINOR for w in words)
