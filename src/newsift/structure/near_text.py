"""A byline or dateline near the start of a dump's running text, when the page's
top gave none ("By Ian Mohr" a few lines above the first paragraph, "Reuters" beside
the dateline, a date alone on a line): :func:`header_near_text`."""

from __future__ import annotations

import re

from newsift.structure.layout import DumpLayout, RegionBuilder, is_prose
from newsift.structure.page_header import MENU_TITLE_WORDS, header_kind, title_candidate
from newsift.text.header import HeaderFacts, names_persons, parse_header_line
from newsift.text.lines import Line

#: how far from the text's first line of running text a byline is looked for when the
#: header gave no author (nonblank lines before and after it)
NEAR_TEXT_BEFORE = 6
NEAR_TEXT_AFTER = 2
#: a header's headline this many non-blank lines or fewer over the line above such a
#: byline stays the headline (see :func:`_headline_over`)
FAR_HEADLINE = 8
#: the first word of a byline the near-text search reads (a cheap gate before parsing)
_BYLINE_LEAD = re.compile(
    r"^(?:by|von|par|por|door|author|autor|autora|autorin|auteur|auteure|autore|written|posted"
    r"|published|story|words|reporting|text|report|article|column|geschrieben|verfasst|ein"
    r"|écrit|rédigé|escrito|escrita|redactado|scritto)\b",
    re.I,
)
#: news agencies and desks credited alone on a line beside the dateline ("Reuters", "AFP")
AGENCIES = frozenset({
    "afp", "ap", "associated press", "reuters", "dpa", "epd", "kna", "apa", "sda", "ansa",
    "efe", "agencia efe", "europa press", "upi", "xinhua", "bloomberg", "pa", "pa media",
    "press association", "afp/reuters", "reuters/afp", "dpa/afp", "afp/dpa", "ap/reuters",
    "redaktion", "die redaktion", "redacción", "redaccion", "la rédaction", "redazione",
    "redação", "redactie", "agencias", "agences", "agenturen", "staff", "staff reports",
})  # fmt: skip
MAX_AGENCY_CHARS = 25
MAX_DATELINE_CHARS = 80
#: a place before the date on a dateline beside a byline: "Wien - Mittwoch, 02.02.2022"
_PLACE_BEFORE_DATE = re.compile(
    r"^[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){0,2}\s+[-–—]\s+(?P<rest>.+)$"
)


def header_near_text(lines: list[Line], out: DumpLayout, builder: RegionBuilder) -> frozenset[int]:
    """The article's byline and dateline near its text's start, when the header gave
    none: pages whose headline sits under a long top, or whose headline the rules or the
    ranker placed elsewhere, still show "By Ian Mohr" or "Von Lisa Borch" a few lines
    above (or right under) their first line of running text, and a standfirst may stand
    between the headline and the dateline ("17 April 2012 • 2:54pm").

    - A byline counts only with a marker ("By", "Von", "Par", "Por", "Author:") and an
      author that reads as one or a few persons' names; the line beside it is its
      dateline when it is nothing but a date (after a place: "Wien - Mittwoch, ...").
    - With no byline there, an agency alone on a line beside the dateline ("Reuters").
    - With no date known yet, a line that is nothing but a dateline in the same lines.
    Returns the indices of the lines read (no comment starts there)."""
    if out.facts.author is not None and out.facts.published is not None:
        return frozenset()
    nonblank = [line for line in lines if not line.blank]
    first = _text_start(nonblank)
    headed = {region.start for region in builder.regions if region.kind == "headline"}
    read: set[int] = set()
    window = (
        range(max(0, first - NEAR_TEXT_BEFORE), min(len(nonblank), first + NEAR_TEXT_AFTER + 1))
        if first is not None
        else range(0)
    )
    if out.facts.author is None:
        for at in window:
            line = nonblank[at]
            if len(line.text) > 120 or line.start in headed or not _BYLINE_LEAD.match(line.text):
                continue
            facts = parse_header_line(line.text)
            if facts is None or not facts.author or not names_persons(facts.author):
                continue
            _relabel(builder, line, header_kind(line.text, facts))
            out.facts.merge(facts)
            read.add(line.index)
            top = at
            for side in (at - 1, at + 1):
                if 0 <= side < len(nonblank) and _dateline_beside(
                    nonblank[side], out, builder, headed
                ):
                    read.add(nonblank[side].index)
                    top = min(top, side)
            _headline_over(nonblank, top, out, builder)
            break
    if out.facts.author is None:
        read |= _agency_beside_dateline(nonblank, out, builder, headed)
    if out.facts.published is None and out.facts.updated is None:
        for at in window:
            line = nonblank[at]
            if line.start not in headed and _date_only(line.text) is not None:
                _relabel(builder, line, "dateline")
                out.facts.merge(_date_only(line.text) or HeaderFacts())
                read.add(line.index)
                break
    return frozenset(read)


def _headline_over(nonblank: list[Line], top: int, out: DumpLayout, builder: RegionBuilder) -> None:
    """The line right over a byline found near the text (and the dateline beside it) is
    the headline when it reads as one (a title of ``MENU_TITLE_WORDS`` words or more)
    and the header's headline, if any, lies more than
    ``FAR_HEADLINE`` lines above it: that one was a menu item or a teaser ("LAOLA Meins"
    over a long menu, the article's "Barisic: ..." over "von Alexander Karper")."""
    if top == 0 or not title_candidate((over := nonblank[top - 1]).text):
        return
    if len(over.text.split()) < MENU_TITLE_WORDS:
        return  # "Keine Kommentare", a label, not a headline of several words
    if any(region.start == over.start for region in builder.regions):
        return  # read already (a caption, a kicker)
    ruled = next((r for r in builder.regions if r.kind == "headline"), None)
    if ruled is not None:
        at = next((n for n, line in enumerate(nonblank) if line.start == ruled.start), top)
        if top - 1 - at <= FAR_HEADLINE:
            return  # the header's headline, a standfirst between
        ruled.kind = "ui"
    builder.add("headline", over)
    out.headline = over.text


def _text_start(nonblank: list[Line]) -> int | None:
    """Where the running text starts: the first line of running text with another one
    within the next two lines (a lone teaser sentence in a menu starts nothing), else
    the first line of running text."""
    first = last = None
    for i, line in enumerate(nonblank):
        if not is_prose(line.text):
            continue
        if last is not None and i - last <= 2:
            return last
        first = i if first is None else first
        last = i
    return first


def _agency_beside_dateline(
    nonblank: list[Line], out: DumpLayout, builder: RegionBuilder, headed: set[int]
) -> set[int]:
    """An agency alone on a line right over or under a dateline read ("Reuters")."""
    datelines = {region.start for region in builder.regions if region.kind == "dateline"}
    for at, dated in enumerate(nonblank):
        if dated.start not in datelines:
            continue
        for side in (at - 1, at + 1):
            line = nonblank[side] if 0 <= side < len(nonblank) else None
            if line is not None and line.start not in headed and _is_agency(line.text):
                _relabel(builder, line, "byline")
                out.facts.author = line.text.strip(" ()")
                return {line.index}
    return set()


def _date_only(text: str) -> HeaderFacts | None:
    """The facts of a short line that is nothing but a dateline (no author in it)."""
    if len(text) > MAX_DATELINE_CHARS:
        return None
    facts = parse_header_line(text)
    return facts if facts is not None and not facts.author and facts.published else None


def _is_agency(text: str) -> bool:
    """A line that is only a news agency's or a desk's name ("Reuters", "(dpa)")."""
    return len(text) <= MAX_AGENCY_CHARS and text.strip(" ()").lower() in AGENCIES


def _dateline_beside(line: Line, out: DumpLayout, builder: RegionBuilder, headed: set[int]) -> bool:
    """``line``, beside a byline found near the text, as the dateline when it is nothing
    but a date, maybe after a place ("Wien - Mittwoch, 02.02.2022, 11:17 Uhr"), and no
    date is known yet."""
    if out.facts.published is not None or line.start in headed:
        return False
    facts = _date_only(line.text)
    if facts is None and (placed := _PLACE_BEFORE_DATE.match(line.text)) is not None:
        facts = _date_only(placed.group("rest"))
    if facts is None:
        return False
    _relabel(builder, line, "dateline")
    out.facts.merge(facts)
    return True


def _relabel(builder: RegionBuilder, line: Line, kind: str) -> None:
    """``line`` becomes one region of ``kind`` (replacing the header region read there)."""
    builder.regions[:] = [region for region in builder.regions if region.start != line.start]
    builder.add(kind, line)
