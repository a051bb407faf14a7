"""The layout a dump reader builds (:class:`DumpLayout`, :class:`RegionBuilder`) and
the small line helpers every part of :mod:`newsift.structure.dump` shares: running
text, sentence ends, a part's blank-line style, separators that split paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from newsift.document import Region, Span
from newsift.text.header import HeaderFacts
from newsift.text.lines import Line, uses_blank_lines

PROSE_WORDS = 15  # a line of running text has at least this many words


@dataclass(slots=True)
class DumpLayout:
    """What the rules found: regions in text order and the page's meta."""

    regions: list[Region] = field(default_factory=list)
    headline: str | None = None
    facts: HeaderFacts = field(default_factory=HeaderFacts)


def ends_sentence(text: str) -> bool:
    return text.rstrip(" \"'”’»)").endswith((".", "!", "?", "…"))


def is_prose(text: str) -> bool:
    """A line of running text: many words, ending like a sentence."""
    return len(text.split()) >= PROSE_WORDS and ends_sentence(text)


def zone_style(zone: list[Line], page_style: bool) -> bool:
    """Blank-line style of one part of the page (the page's when the part is tiny)."""
    if sum(map(bool, map(attrgetter("text"), zone))) < 4:  # fewer than four lines with text
        return page_style
    return uses_blank_lines(zone)


def separator(line: Line) -> Line:
    """A blank stand-in for a line taken out of the text (splits paragraphs)."""
    return Line(line.index, line.start, line.start, "")


def line_span(line: Line) -> Span:
    return Span(line.start, line.end)


class RegionBuilder:
    def __init__(self, text: str, regions: list[Region]) -> None:
        self.text = text
        self.regions = regions
        self.replies: list[tuple[Region, Region]] = []  # (reply, the comment it answers)

    def add(self, kind: str, line: Line) -> None:
        self.regions.append(
            Region(f"{kind}{line.index}", kind, line.start, line.end, [line_span(line)])
        )

    def add_block(self, kind: str, lines: list[Line]) -> None:
        spans = [line_span(line) for line in lines if not line.blank]
        self.regions.append(
            Region(f"{kind}{lines[0].index}", kind, spans[0].start, spans[-1].end, spans)
        )

    def text_of(self, span: Span) -> str:
        return self.text[span.start : span.end]
