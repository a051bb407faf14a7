"""The top of a page dump: kicker, headline, standfirst, dateline and byline.

The rules anchor on the first datelines and bylines near the top (menus above them
are UI, the line above the anchor is the headline); with no anchor, the headline is
the line above the first running text or the line model's likeliest one. The
headline ranker (:mod:`newsift.structure.headline`) may then pick another line, and
the facts under it are read again (:func:`read_header`)."""

from __future__ import annotations

import re

from newsift.document import Region
from newsift.structure import headline
from newsift.structure.hints import LineHints
from newsift.structure.junk import is_credit
from newsift.structure.layout import DumpLayout, RegionBuilder, ends_sentence, is_prose
from newsift.text.dates import search_date
from newsift.text.header import HeaderFacts, is_role, parse_byline, parse_header_line, person_name
from newsift.text.lines import Line, is_ui, opens_comments, says

HEADER_WINDOW = 12  # non-blank lines at the top searched for the dateline/byline
MIN_TOP_LINES = 6  # lines above the first running text that make a "long top"
PROSE_LOOKBACK = 8  # lines above the running text searched for the headline
MIN_TITLE_WORDS = 2
MENU_TITLE_WORDS = 4  # a headline under a menu has at least this many words
SUBTITLE_WORDS = 3  # a line this short under a title ...
SUBTITLE_MARGIN = 4  # ... of at least this many words more is its subtitle
FACTS_WINDOW = 6  # short lines under such a headline searched for a dateline or byline
QUOTES = "\"'„“”‚‘’«»‹›"
_KICKER_WORDS = {
    "opinion", "news", "local news", "politics", "sports", "sport", "business", "tech",
    "technology", "science", "health", "culture", "education", "world", "editorial",
    "analysis", "commentary", "column", "letters", "letter to the editor", "breaking",
    "breaking news", "features", "feature", "national", "environment", "arts",
    "entertainment", "lifestyle", "op-ed", "guest column", "perspective", "viewpoint",
    "review", "investigation", "investigations", "economy", "climate", "local", "city",
    "metro", "community", "sponsored", "exclusive", "explainer", "obituaries", "travel",
    "food", "drink", "crime", "courts", "weather", "schools", "transport", "housing", "uk",
    "us", "home", "neighborhoods", "neighbourhoods", "money", "property", "politics news",
}  # fmt: skip
_SECTION_PATH = re.compile(r"\s(?:&|»|›|>|\||/)\s")
_KICKER_SPLIT = re.compile(r"\s*(?:&|\band\b|/|\||,|:|›|»|>)\s*")


def read_header(
    lines: list[Line], out: DumpLayout, builder: RegionBuilder, hints: LineHints
) -> int:
    """Find kicker, headline, standfirst, dateline and byline; return the body's first line.

    The rules read the header first; when the headline ranker
    (:mod:`newsift.structure.headline`) is confident another line is the
    headline, the header is read again from that line: lines above it are UI,
    datelines and bylines under it are read as under a headline the model found."""
    if hints.ranker is None:
        return _vetoed(_rules_header(lines, out, builder, hints), out, builder)
    ruled, regions = DumpLayout(), list[Region]()
    start = _rules_header(lines, ruled, RegionBuilder(builder.text, regions), hints)
    nonblank = [line for line in lines if not line.blank]
    chosen = hints.ranked_headline(nonblank, ruled.headline)
    if chosen is None:
        out.headline, out.facts = ruled.headline, ruled.facts
        builder.regions.extend(regions)
        return _vetoed(start, out, builder)
    for line in lines[: chosen.index]:
        if not line.blank:
            builder.add("ui", line)
    builder.add("headline", chosen)
    out.headline = chosen.text
    return _read_facts_under(lines, chosen.index + 1, out, builder)


def _vetoed(start: int, out: DumpLayout, builder: RegionBuilder) -> int:
    """A headline that can be none (:func:`newsift.structure.headline.never_headline`:
    a breadcrumb, a picture credit, a line of figures) is UI, and the page has no
    headline; returns ``start``."""
    if out.headline is not None and headline.never_headline(out.headline):
        out.headline = None
        for region in builder.regions:
            if region.kind == "headline":
                region.kind = "ui"
    return start


def _rules_header(
    lines: list[Line], out: DumpLayout, builder: RegionBuilder, hints: LineHints
) -> int:
    """The rules' reading of the header (see :func:`read_header`)."""
    nonblank = [line for line in lines if not line.blank][:HEADER_WINDOW]
    if not nonblank:
        return len(lines)
    anchors = [
        i
        for i, line in enumerate(nonblank)
        if parse_header_line(line.text) is not None
        and not (i and says(nonblank[i - 1].text))  # "Yvonne sagt:" over a comment's time
        and not hints.doubts_european_header(line)
    ]
    if not anchors and (
        (best := _headline_above_prose(lines, hints)) is not None
        or (best := hints.headline(lines)) is not None
    ):
        for line in lines[: best.index]:
            if not line.blank:
                builder.add("ui", line)  # site name, menus above the headline
        builder.add("headline", best)
        out.headline = best.text
        return _read_facts_under(lines, best.index + 1, out, builder)
    if not anchors:
        first = nonblank[0]
        if _looks_like_title(first.text) and len(nonblank) > 1:
            builder.add("headline", first)
            out.headline = first.text
            return first.index + 1
        return first.index
    first_anchor = anchors[0]
    before = [line for line in nonblank[:first_anchor] if not is_ui(line.text)]
    menu = _menu_lines(before)
    for line in nonblank[:first_anchor]:
        if is_ui(line.text) or line in menu:
            builder.add("ui", line)
    before = before[len(menu) :]
    if len(before) >= 2 and _is_kicker(before[0].text, before[1].text):
        builder.add("kicker", before[0])
        before = before[1:]
    if before:
        builder.add("headline", before[0])
        out.headline = before[0].text
        rest = before[1:]
        if rest and (name := person_name(rest[-1].text)) is not None:
            builder.add("byline", rest[-1])  # a bare name above the dateline
            out.facts.author = name
            rest = rest[:-1]
        for line in rest:
            builder.add("standfirst", line)
    position = first_anchor
    last_index = nonblank[first_anchor].index
    while position < len(nonblank):
        line = nonblank[position]
        facts = parse_header_line(line.text)
        if facts is not None:
            builder.add(header_kind(line.text, facts), line)
            out.facts.merge(facts)
        elif is_ui(line.text) and not opens_comments(line.text):
            builder.add("ui", line)
        elif is_credit(line.text):
            builder.add("caption", line)  # "Photographs by Kofi Brennan"
        elif out.facts.author is not None and is_role(line.text):
            builder.add("byline", line)  # "Transport correspondent" under "By Cormac Lynd"
        elif (
            out.facts.author is None
            and line.index == last_index + 1
            and (name := person_name(line.text)) is not None
        ):
            builder.add("byline", line)  # a bare name under the dateline
            out.facts.author = name
        else:
            break
        last_index = line.index
        position += 1
    return last_index + 1


def header_kind(text: str, facts: HeaderFacts) -> str:
    """``byline`` or ``dateline`` for a header line: a line with both author and date is a
    byline when the author comes first ("By Ana Ruiz | May 6, 2025", "Von Felix Eisenreich
    // 1. November 2023"), a dateline when the date or its label does ("Posted on May 6,
    2025 by Ana Ruiz"), as docs/dump-gold-guideline.md reads such lines."""
    if not facts.author:
        return "dateline"
    shown = facts.published or facts.updated
    if not shown:
        return "byline"
    at_author = text.find(facts.author)
    return "byline" if 0 <= at_author < text.find(shown) else "dateline"


def _menu_lines(before: list[Line]) -> list[Line]:
    """The menu at the top of ``before`` (the lines above the dateline): short labels
    ("HOME", "NEWS", "Book Club") in a row right above a headline of several words: at
    least three, or two strong ones (:func:`_menu_label`). The last label stays when it
    reads as the headline's kicker ("OPINION"); the rest are interface, never the
    headline.
    """
    titled = next(
        (i for i, line in enumerate(before) if len(line.text.split()) >= MENU_TITLE_WORDS), None
    )
    if titled is None or titled < 2:
        return []
    labels = [_menu_label(line.text) for line in before[:titled]]
    if not all(labels) or (titled == 2 and labels != ["strong", "strong"]):
        return []  # "OPINION" over a two-word headline ("Title Here") is no menu
    if _is_kicker(before[titled - 1].text, before[titled].text):
        return before[: titled - 1]  # "OPINION" right above the headline stays its kicker
    return before[:titled]


def _menu_label(text: str) -> str:
    """How much ``text`` looks like a menu entry: ``strong`` (one capitalised word, or up
    to three words in capitals: "NEWS", "BOOK CLUB"), ``weak`` (two or three capitalised
    words, as a short headline also is: "Local News"), or ``""`` (no entry: more words,
    lower case, sentence or clause punctuation)."""
    words = text.split()
    if not 1 <= len(words) <= 3 or any(mark in text for mark in '.,;:!?"“”'):
        return ""
    if text.isupper() or (len(words) == 1 and words[0][:1].isupper()):
        return "strong"
    return "weak" if all(w[:1].isupper() for w in words) else ""


def _is_kicker(text: str, following: str) -> bool:
    """A section label above the headline: "OPINION", "Arts & Culture", "Local | Schools"."""
    words = text.split()
    if len(words) > 6 or text[-1:] in ".?!" or (len(words) > 4 and not _SECTION_PATH.search(text)):
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    if _SECTION_PATH.search(text):
        return True  # "Home » Community » Land Use", "Weather & Roads"
    parts = [p for p in _KICKER_SPLIT.split(text.lower().strip(" :|")) if p]
    if parts and all(p in _KICKER_WORDS or set(p.split()) <= _KICKER_WORDS for p in parts):
        return True
    # a two- or three-word label above a longer title that is not a sentence
    return (
        len(words) <= 3 and len(following.split()) > len(words) + 3 and not following.endswith(".")
    )


def _read_facts_under(
    lines: list[Line], start: int, out: DumpLayout, builder: RegionBuilder
) -> int:
    """Datelines and bylines between a headline found by the model or above the
    text and the text itself; return the body's first line.

    Only short lines before the first sentence are read; a line
    with a date in it ("KonstantinNotz 15. Januar 2015") is a dateline when no
    date is known yet, and a bare name right before or after a dateline or byline
    is a byline when no author is known yet. When none is found the body starts
    right under the headline; otherwise the short lines in between (tags, share
    buttons) are UI. A byline may also sit under the text's first sentence line or
    two (:func:`_byline_under_sentences`): it is read, and the body reader passes it by.
    """
    found: list[Line] = []
    name: Line | None = None  # a bare name waiting for a dateline beside it
    after_fact = False  # the last line read was a dateline or byline
    nonblank = [line for line in lines[start:] if not line.blank]
    position = 0
    while position < len(nonblank):
        line = nonblank[position]
        if opens_comments(line.text) or len(found) > FACTS_WINDOW:
            break
        if is_prose(line.text) or ends_sentence(line.text):
            byline = _byline_under_sentences(nonblank, position, out)
            if byline is not None:  # the text has begun; its byline sits under its start
                builder.add("byline", nonblank[byline])
                out.facts.merge(parse_header_line(nonblank[byline].text) or HeaderFacts())
                if byline + 1 < len(nonblank):
                    _dateline_under_byline(nonblank[byline + 1], out, builder)
            break  # the text has begun (a short first paragraph when not prose)
        facts = parse_header_line(line.text)
        if facts is not None:
            named = (
                name is not None
                and found[-1:] == [name]
                and out.facts.author is None
                and not facts.author
            )
            for skipped in found:  # a bare name right over the dateline is its byline
                builder.add("byline" if named and skipped is name else "ui", skipped)
            if named and name is not None:
                out.facts.author = person_name(name.text)
            found = []
            builder.add(header_kind(line.text, facts), line)
            out.facts.merge(facts)
        elif out.facts.published is None and len(line.text) <= 80 and search_date(line.text):
            builder.add("dateline", line)
            out.facts.published = line.text
        elif after_fact and out.facts.author is None and person_name(line.text) is not None:
            builder.add("byline", line)  # a bare name under the dateline
            out.facts.author = person_name(line.text)
        else:
            if out.facts.author is None and person_name(line.text) is not None:
                name = line
            found.append(line)
            after_fact = False
            position += 1
            continue
        for skipped in found:
            builder.add("ui", skipped)
        found, name, after_fact = [], None, True
        start = line.index + 1
        position += 1
    return start


def _dateline_under_byline(line: Line, out: DumpLayout, builder: RegionBuilder) -> None:
    """``line``, right under a byline read under the text's start, as the dateline when
    it is one and no date is known yet."""
    facts = parse_header_line(line.text)
    if out.facts.published is None and facts is not None and facts.published:
        builder.add("dateline", line)
        out.facts.merge(facts)


#: sentence lines (a standfirst, a caption) a byline may sit under, under the headline
BYLINE_UNDER_SENTENCES = 2


def _byline_under_sentences(nonblank: list[Line], position: int, out: DumpLayout) -> int | None:
    """The position of a byline ("Von Georg Kasch", "By Ana Ruiz", "Auteur : Kossivi
    Tiassou") right under the sentence line at ``position`` and at most one more, when
    no author is known yet; None otherwise. Only a byline whose author reads as a
    person's name counts ("By then, it was over." is text)."""
    if out.facts.author is not None:
        return None
    for offset in range(1, BYLINE_UNDER_SENTENCES + 1):
        if position + offset >= len(nonblank):
            return None
        text = nonblank[position + offset].text
        byline = parse_byline(text)
        if byline is not None and person_name(byline.author) is not None:
            return position + offset
        if not ends_sentence(text):
            return None  # only sentences (standfirst, caption) lie between
    return None


def _headline_above_prose(lines: list[Line], hints: LineHints) -> Line | None:
    """On pages whose text starts under a long top (site name, menus), the headline just above it.

    The first line of running text is found; among the few title-like lines
    above it (not interface words, not lists of tags), the headline is the
    one the line model likes best, or without a model the longest. A line of
    three words or fewer the model likes best right under a title-like line
    of at least four words more is that title's subtitle ("Kolumne: Queer Royal
    - Über Dragqueens ..." / "Im Schlepptau"): the title is the headline.
    ``None`` unless at least ``MIN_TOP_LINES`` lines come before the text.
    """
    nonblank = [line for line in lines if not line.blank]
    first = next((i for i, line in enumerate(nonblank) if is_prose(line.text)), None)
    if first is None or first < MIN_TOP_LINES:
        return None
    candidates = [
        line
        for line in nonblank[max(0, first - PROSE_LOOKBACK) : first]
        if title_candidate(line.text)
    ]
    if not candidates:
        return None
    # the last bare name next to a date above the text is its byline ("Boris T. Kaiser"
    # under "19. Oktober 2019"), not its headline (a short title-case headline reads as a
    # name too, but sits above the byline)
    byline = next(
        (
            line
            for at in range(first - 1, max(-1, first - 1 - PROSE_LOOKBACK), -1)
            if person_name((line := nonblank[at]).text) is not None
            and any(
                _dated(other.text)
                for other in (*nonblank[max(0, at - 1) : at], *nonblank[at + 1 : at + 2])
            )
        ),
        None,
    )
    candidates = [line for line in candidates if line is not byline] or candidates
    if hints.probs:
        best = max(candidates, key=lambda line: (hints.headline_probability(line), line.index))
        at = candidates.index(best)
        words = len(best.text.split())
        if (
            at
            and words <= SUBTITLE_WORDS
            and candidates[at - 1].index == nonblank[nonblank.index(best) - 1].index
            and len(candidates[at - 1].text.split()) >= words + SUBTITLE_MARGIN
        ):
            return candidates[at - 1]
        return best
    return max(candidates, key=lambda line: (min(len(line.text.split()), 12), line.index))


def _dated(text: str) -> bool:
    """A dateline, or a short line with a date in it."""
    facts = parse_header_line(text)
    return (facts is not None and facts.published is not None) or (
        len(text) <= 80 and search_date(text) is not None
    )


def title_candidate(text: str) -> bool:
    """Could be a headline: a few words, not a sentence, a menu path, a tag list or a dateline."""
    words = text.split()
    return (
        MIN_TITLE_WORDS <= len(words) <= 25
        and not text.endswith((".", ",", ";", ":"))
        and not is_ui(text)
        and text.count(",") < 2
        and parse_header_line(text) is None
        and not _SECTION_PATH.search(text)
        and search_date(text) is None  # "KonstantinNotz 15. Januar 2015": a dateline
        and (text[:1].isalnum() or text[:1] in QUOTES)  # not "---- by Kenneth Surin"
        and not headline.never_headline(text)
    )


def _looks_like_title(text: str) -> bool:
    return len(text.split()) <= 25 and not text.endswith((".", ",", ";", ":"))
