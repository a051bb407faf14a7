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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.document import Span

OPEN = "open"
CLOSE = "close"
EITHER = "either"

_DOUBLE_OPEN = {"“", "„", "«"}
_DOUBLE_CLOSE = {"”", "»"}
_BEFORE_OPEN = set(" \t\n([{—–-/") | {"\u00a0"}
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-/") | {"\u00a0"}


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
    return sorted((q for q in found if q.end > q.start + 1), key=lambda q: (q.start, q.end))
