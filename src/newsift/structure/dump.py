"""Rules that read a flattened page dump into regions and meta.

The layout (see ``docs/analyzers/structure.md``)::

    [kicker]            OPINION
    headline            Harbor Council's Water Deal Is a Betrayal
    [standfirst]        A subtitle
    dateline / byline   Posted on Tuesday, March 4, 2025 / by Clara Wendt (any order,
                        or on one line: "May 6, 2025 | By Greta Lund | 5 Comments")
    body paragraphs     (captions, ads, sign-up blocks and related links set apart)
    [bio]               Clara Wendt writes about local government ...
    [UI]                12 comments / Leave a reply / Share this:
    comments            Name / Name (avatar text, then name), Name once, "Name · 2 weeks ago",
                        "Name says:", or nothing (anonymous); then the time line; then
                        paragraphs ... [Reply]

Anchors are found line by line (:mod:`newsift.text.lines`,
:mod:`newsift.text.header`) and then judged in context: a comment starts at
a time line that stands alone, preceded by its author's name (once or twice,
with no blank line between) or by a blank line, or at a "Name · time" line.
Paragraphs are runs of lines between blank lines when the dump uses blank lines,
else single lines. Limits: English labels; a body line that is nothing but a
date, preceded by a blank line, is read as an anonymous comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

import numpy as np
from numpy.typing import NDArray

from newsift.document import Meta, Region, Span
from newsift.structure import headline
from newsift.structure.headline import HeadlineRanker, shipped_ranker
from newsift.structure.junk import is_credit, junk_lines
from newsift.structure.linemodel import LineModel
from newsift.text.dates import parse_when, resolve, search_date
from newsift.text.header import (
    HeaderFacts,
    is_european_header,
    is_role,
    names_persons,
    parse_byline,
    parse_header_line,
    person_name,
)
from newsift.text.lines import (
    Line,
    closes_comments,
    is_european_time,
    is_time,
    is_ui,
    labelled_time,
    name_of,
    opens_comments,
    paragraph_spans,
    says,
    split_comment_header,
    split_lines,
    split_name_then_time,
    uses_blank_lines,
    without_edit_mark,
)

HEADER_WINDOW = 12  # non-blank lines at the top searched for the dateline/byline
# the line classifier's thresholds (see LineHints)
TIME_THRESHOLD = 0.6
EUROPEAN_FLOOR = 0.2  # see LineHints.doubts_european
AUTHOR_THRESHOLD = 0.6
HEADLINE_THRESHOLD = 0.3
JUNK_THRESHOLD = 0.0  # the decided label suffices
MODEL_HEADLINE_WINDOW = 40
PROSE_WORDS = 15  # a line of running text has at least this many words
MIN_TOP_LINES = 6  # lines above the first running text that make a "long top"
PROSE_LOOKBACK = 8  # lines above the running text searched for the headline
MIN_TITLE_WORDS = 2
MENU_TITLE_WORDS = 4  # a headline under a menu has at least this many words
FACTS_WINDOW = 6  # short lines under such a headline searched for a dateline or byline
QUOTES = "\"'„“”‚‘’«»‹›"

MAX_MODEL_TIME_CHARS = 80
MAX_MODEL_NAME_CHARS = 60
MAX_JUNK_WORDS = 100
TEXT_AFTER_DATE = 3  # lines under a time line read for text (see LineHints.dates_text)
_SAYS_TAIL = re.compile(r"\s+(?:says|said|sagt|schreibt|meint|dit|dice|wrote|writes)\s*:?$", re.I)
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
_REPLY_MARKER = re.compile(
    r"^(?:in reply to|replying to|reply to|in response to|responding to)\s+@?(?P<name>.+?):?$",
    re.I,
)
_BADGE = re.compile(
    r"^(?:author|moderator|staff|admin|editor|verified|top commenter|top fan|subscriber|"
    r"original poster|op|pinned|mod)$",
    re.I,
)
_MENTION = re.compile(r"^@(?P<name>[\w.'’-]+(?:\s+[\w.'’-]+){0,3})")
#: a reply that opens by greeting an earlier commenter by first name: "Hi Chrissy!",
#: "Hello Sonja!", "Hi, Roberta!", "Dear Ann,", "Hallo Jens,"
_GREETING = re.compile(
    r"^(?i:hi|hello|hey|dear|hallo|bonjour|salut|hola|ciao|thanks|thank you|danke)"
    r"[,!]?\s+(?P<name>[A-ZÀ-Þ][\w'’-]+)(?=$|[\s,!.:;])"
)
#: a line that only ends a comment's header ("Red Bastard" / "(22 juin 2018 @11h29)" / ":");
#: a dash line stays text (a held-out page opens a comment with "–")
_HEADER_MARKS = frozenset({":"})
_ABOUT_AUTHOR = re.compile(r"^(?:about the authors?|the authors?\b)", re.I)
_ABOUT_HEADING = re.compile(r"^(?:about the (?:authors?|writers?|columnist)|the authors?):?$", re.I)
_BIO_VERBS = (
    r"(?:is|are|was|were|writes|write|wrote|has|have|covers|cover|teaches|lives|serves|"
    r"served|reports|works|worked|holds|edits|hosts|leads|directs|chairs|runs|studies|"
    r"researches|retired|previously|can be reached|, an?\b|, the\b)"
)
_BIO_GENERIC = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}\s+(?:is an?|is the|writes|covers)\b"
)
_BIO_LEAD = re.compile(r"^[\s—–*_-]+")
_HANDLE_IN_BIO = r"(?:\s*\(@?[\w.]+\))?"


@dataclass(slots=True)
class _CommentHead:
    start_line: int  # first line of the header (name line, or the time line)
    time_line: int  # the line holding the time (the last header line)
    author: str | None
    author_span: Span | None
    when: str
    when_span: Span
    joined: bool = False  # name and time on the header's one line
    title: int | None = None  # a title line above the header, the comment's own


@dataclass(slots=True)
class DumpLayout:
    """What the rules found: regions in text order and the page's meta."""

    regions: list[Region] = field(default_factory=list)
    headline: str | None = None
    facts: HeaderFacts = field(default_factory=HeaderFacts)


def parse_dump(
    text: str,
    reference: date | None = None,
    model: LineModel | None = None,
    *,
    rank_headline: bool = True,
) -> DumpLayout:
    """Regions and meta of a page dump; ``model`` lets the line classifier settle
    what the rules leave open (see :class:`LineHints`), and with it the headline
    ranker when installed (``rank_headline`` false: the rules' headline, as
    training the ranker needs)."""
    lines = split_lines(text)
    blank_style = uses_blank_lines(lines)
    out = DumpLayout()
    builder = _RegionBuilder(text, out.regions)
    hints = LineHints.of(lines, model, rank_headline=rank_headline)

    body_start = _read_header(lines, out, builder, hints)
    taken = _header_near_text(lines, out, builder)
    heads = _find_comment_heads(lines, body_start, blank_style, hints, taken)
    section_start = heads[0].start_line if heads else len(lines)
    for line in lines[body_start:section_start]:
        if not line.blank and opens_comments(line.text):
            section_start = line.index
            break
    trailing = not _take_titles(lines, section_start, heads) and _headers_follow_text(
        lines, section_start, heads
    )

    body_zone, comment_zone = lines[body_start:section_start], lines[section_start:]
    _read_body(body_zone, out, builder, _zone_style(body_zone, blank_style), hints)
    comment_style = _zone_style(comment_zone, blank_style)
    if trailing:
        _read_trailing_comments(lines, section_start, heads, builder, comment_style, reference, out)
    else:
        _read_comments(lines, section_start, heads, builder, comment_style, reference, out, hints)
    out.regions.sort(key=lambda r: (r.start, r.end))
    for number, region in enumerate(out.regions, start=1):
        region.id = f"r{number}"
    for child, parent in builder.replies:
        child.parent = parent.id
    return out


def apply_layout(layout: DumpLayout, meta: Meta, reference: date | None) -> None:
    """Copy what the layout found into ``meta`` (resolving relative dates; a dateline
    with more than a date in it gives the first date written in it)."""
    facts = layout.facts
    meta.headline = layout.headline
    meta.author = facts.author
    meta.published_raw = facts.published
    shown = facts.published
    published = resolve(parse_when(shown) or search_date(shown), reference) if shown else None
    meta.published = published.isoformat() if published else None
    updated = resolve(parse_when(facts.updated), reference) if facts.updated else None
    meta.updated = updated.isoformat() if updated else None


# the line classifier's say ------------------------------------------------------
@dataclass(slots=True)
class LineHints:
    """Where the line classifier may overrule or extend the rules.

    - a line the rules do not read as a time, but the model calls a comment
      time ("19.04.2016 um 20:55 Uhr"), opens a comment like a time line;
    - a line the model calls a comment author names the comment ("Yvonne sagt:");
    - with no dateline or byline to anchor the page's top, the model's likeliest
      headline among the first lines is the headline (menus above it are UI);
    - a body line the model decides is not article text (menus, footers,
      widgets, related links) becomes boilerplate.
    ``decided`` holds each line's label from the model's sequence step
    (:meth:`LineModel.decide`), ``probs`` the probabilities it weighed.
    Without a model every rule decides alone.
    """

    probs: dict[int, dict[str, float]] = field(default_factory=dict)
    decided: dict[int, str] = field(default_factory=dict)
    #: each non-blank line's non-blank neighbours (line indices; -1 at the page's ends)
    around: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: lines of running text or decided body (see :meth:`is_junk`)
    text_like: set[int] = field(default_factory=set)
    #: the headline ranker (with a line model whose ranker file is installed)
    ranker: HeadlineRanker | None = None
    #: the line model's probabilities, one column a label, for the ranker
    columns: dict[str, NDArray[np.float32]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, lines: list[Line], model: LineModel | None, *, rank_headline: bool = True
    ) -> LineHints:
        if model is None:
            return cls()
        nonblank = [line for line in lines if not line.blank]
        probs = model.predict_proba([line.text for line in nonblank])
        table = probs.tolist()  # exact floats
        labels = model.labels
        decided = model.decide(probs)
        ends = [-1, *(line.index for line in nonblank), -1]
        return cls(
            {
                line.index: dict(zip(labels, row, strict=True))
                for line, row in zip(nonblank, table, strict=True)
            },
            {line.index: label for line, label in zip(nonblank, decided, strict=True)},
            {line.index: (ends[n], ends[n + 2]) for n, line in enumerate(nonblank)},
            {
                line.index
                for line, label in zip(nonblank, decided, strict=True)
                if label == "body" or _is_prose(line.text)
            },
            shipped_ranker() if rank_headline else None,
            {label: probs[:, labels.index(label)] for label in headline.PROB_LABELS},
        )

    def ranked_headline(self, nonblank: list[Line], ruled: str | None) -> Line | None:
        """The line the ranker takes as headline instead of the rules' ``ruled``, or None."""
        if self.ranker is None:
            return None
        chosen = self.ranker.choose(self.headline_view(nonblank, ruled))
        return nonblank[chosen] if chosen is not None else None

    def headline_view(self, nonblank: list[Line], ruled: str | None) -> headline.PageView:
        """What the headline ranker reads of the page (``ruled``: the rules' headline)."""
        shown = nonblank[: headline.MAX_LINES]
        return headline.PageView(
            [line.text for line in shown],
            {label: column[: len(shown)] for label, column in self.columns.items()} or None,
            [self.decided.get(line.index, "other") for line in shown] if self.decided else None,
            next((i for i, line in enumerate(shown) if line.text == ruled), None),
        )

    def _p(self, line: Line, label: str) -> float:
        return self.probs.get(line.index, {}).get(label, 0.0)

    def headline_probability(self, line: Line) -> float:
        return self._p(line, "headline")

    def is_time(self, line: Line) -> bool:
        if is_time(line.text):
            return not self.doubts_european(line, "comment_time")
        if labelled_time(line.text) is not None:  # "Posted on March 5, 2025"
            return not self.probs or self._p(line, "comment_time") >= EUROPEAN_FLOOR
        return (
            len(line.text) <= MAX_MODEL_TIME_CHARS
            and self._p(line, "comment_time") >= TIME_THRESHOLD
        )

    def doubts_european(self, line: Line, label: str) -> bool:
        """A date only the European tables read ("15.03.2023 | 06:00") that the model,
        when there is one, does not take for ``label``: on real pages such dates are
        as often list items and sidebars as comment times or datelines. The model
        vouches the same way for a labelled time ("Posted on March 5, 2025"), which
        dates related posts as often as comments."""
        return (
            bool(self.probs)
            and is_european_time(line.text)
            and self._p(line, label) < EUROPEAN_FLOOR
        )

    def doubts_european_header(self, line: Line) -> bool:
        """A dateline or byline only the European forms read is no header anchor when
        the model is there: the line above such an anchor is too often a menu item on
        real pages, where the model's headline is right more often (rendered dumps of
        the fitting sites: headline exact 0.412 without these anchors, 0.392 with
        them, even with the model vouching for each); the facts under the headline
        are still read."""
        return bool(self.probs) and is_european_header(line.text)

    def doubts_european_comment(self, line: Line) -> bool:
        """A name-and-time line only the European forms read ("Anna Schmidt sagt: 5.
        Januar 2020"), which the model (when there is one) gives under
        ``EUROPEAN_FLOOR`` of being a comment's author or time line."""
        return (
            bool(self.probs)
            and split_comment_header(line.text, european=False) is None
            and max(self._p(line, "comment_author"), self._p(line, "comment_time")) < EUROPEAN_FLOOR
        )

    def name_of(self, line: Line) -> str | None:
        name = name_of(line.text)
        if name is None and self._p(line, "comment_author") >= AUTHOR_THRESHOLD:
            cleaned = _SAYS_TAIL.sub("", line.text).strip(" :")
            if 0 < len(cleaned) <= MAX_MODEL_NAME_CHARS:
                return cleaned
        return name

    def name_across_blank(self, lines: list[Line], i: int, floor: int) -> Line | None:
        """In dumps that put a blank line between every block, the author line
        above a comment's time is one blank line up: the model may vouch for it."""
        if not self.probs or i - 2 < floor or not lines[i - 1].blank:
            return None
        candidate = lines[i - 2]
        if candidate.blank or is_ui(candidate.text):
            return None
        if self._p(candidate, "comment_author") < AUTHOR_THRESHOLD:
            return None
        return candidate if self.name_of(candidate) else None

    def headline(self, lines: list[Line]) -> Line | None:
        top = [line for line in lines if not line.blank][:MODEL_HEADLINE_WINDOW]
        if not self.probs or not top:
            return None
        best = max(top, key=lambda line: self._p(line, "headline"))
        return best if self._p(best, "headline") >= HEADLINE_THRESHOLD else None

    def is_junk(self, line: Line) -> bool:
        """The model decides the line is no article text. Lines that end like a
        sentence stay text (a bio or a paragraph is the rules' to place), and so
        does a subheading (:meth:`_between_text`)."""
        return (
            self.decided.get(line.index) == "other"
            and len(line.text.split()) <= MAX_JUNK_WORDS
            and not line.text.rstrip("_*\"'”’) ").endswith((".", "!", "?"))
            and self._p(line, "other") >= JUNK_THRESHOLD
            and not self._between_text(line)
        )

    def dates_text(self, line: Line) -> bool:
        """A time line the model decides is no comment's time, over lines it decides
        are article text and none it decides belong to a comment: a date in the body
        ("April 3, 2019" over a section), which opens no comment."""
        if not self.decided or self.decided.get(line.index) == "comment_time":
            return False
        following: list[str] = []
        at = line.index
        while len(following) < TEXT_AFTER_DATE and (at := self.around.get(at, (-1, -1))[1]) >= 0:
            following.append(self.decided.get(at, "other"))
        return "body" in following and not any(x.startswith("comment") for x in following)

    def _between_text(self, line: Line) -> bool:
        """A subheading: title case, and both non-blank neighbours running text or
        decided body ("Who Pays More"; not "Newsletter abonnieren")."""
        before, after = self.around.get(line.index, (-1, -1))
        return before in self.text_like and after in self.text_like and _title_case(line.text)


def _title_case(text: str) -> bool:
    """Every word of four letters or more starts with a capital."""
    return all(word[:1].isupper() for word in text.split() if len(word) > 3 and word[0].isalpha())


# header ---------------------------------------------------------------------
def _read_header(
    lines: list[Line], out: DumpLayout, builder: _RegionBuilder, hints: LineHints
) -> int:
    """Find kicker, headline, standfirst, dateline and byline; return the body's first line.

    The rules read the header first; when the headline ranker
    (:mod:`newsift.structure.headline`) is confident another line is the
    headline, the header is read again from that line: lines above it are UI,
    datelines and bylines under it are read as under a headline the model found."""
    if hints.ranker is None:
        return _rules_header(lines, out, builder, hints)
    ruled, regions = DumpLayout(), list[Region]()
    start = _rules_header(lines, ruled, _RegionBuilder(builder.text, regions), hints)
    nonblank = [line for line in lines if not line.blank]
    chosen = hints.ranked_headline(nonblank, ruled.headline)
    if chosen is None:
        out.headline, out.facts = ruled.headline, ruled.facts
        builder.regions.extend(regions)
        return start
    for line in lines[: chosen.index]:
        if not line.blank:
            builder.add("ui", line)
    builder.add("headline", chosen)
    out.headline = chosen.text
    return _read_facts_under(lines, chosen.index + 1, out, builder)


def _rules_header(
    lines: list[Line], out: DumpLayout, builder: _RegionBuilder, hints: LineHints
) -> int:
    """The rules' reading of the header (see :func:`_read_header`)."""
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
            builder.add(_header_kind(line.text, facts), line)
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


def _header_kind(text: str, facts: HeaderFacts) -> str:
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
    lines: list[Line], start: int, out: DumpLayout, builder: _RegionBuilder
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
        if _is_prose(line.text) or _ends_sentence(line.text):
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
            builder.add(_header_kind(line.text, facts), line)
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


def _dateline_under_byline(line: Line, out: DumpLayout, builder: _RegionBuilder) -> None:
    """``line``, right under a byline read under the text's start, as the dateline when
    it is one and no date is known yet."""
    facts = parse_header_line(line.text)
    if out.facts.published is None and facts is not None and facts.published:
        builder.add("dateline", line)
        out.facts.merge(facts)


#: how far from the text's first line of running text a byline is looked for when the
#: header gave no author (nonblank lines before and after it)
NEAR_TEXT_BEFORE = 6
NEAR_TEXT_AFTER = 2
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


def _header_near_text(
    lines: list[Line], out: DumpLayout, builder: _RegionBuilder
) -> frozenset[int]:
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
            _relabel(builder, line, _header_kind(line.text, facts))
            out.facts.merge(facts)
            read.add(line.index)
            for side in (at - 1, at + 1):
                if 0 <= side < len(nonblank) and _dateline_beside(
                    nonblank[side], out, builder, headed
                ):
                    read.add(nonblank[side].index)
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


def _text_start(nonblank: list[Line]) -> int | None:
    """Where the running text starts: the first line of running text with another one
    within the next two lines (a lone teaser sentence in a menu starts nothing), else
    the first line of running text."""
    first = last = None
    for i, line in enumerate(nonblank):
        if not _is_prose(line.text):
            continue
        if last is not None and i - last <= 2:
            return last
        first = i if first is None else first
        last = i
    return first


def _agency_beside_dateline(
    nonblank: list[Line], out: DumpLayout, builder: _RegionBuilder, headed: set[int]
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


def _dateline_beside(
    line: Line, out: DumpLayout, builder: _RegionBuilder, headed: set[int]
) -> bool:
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


def _relabel(builder: _RegionBuilder, line: Line, kind: str) -> None:
    """``line`` becomes one region of ``kind`` (replacing the header region read there)."""
    builder.regions[:] = [region for region in builder.regions if region.start != line.start]
    builder.add(kind, line)


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
        if not _ends_sentence(text):
            return None  # only sentences (standfirst, caption) lie between
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" \"'”’»)").endswith((".", "!", "?", "…"))


def _is_prose(text: str) -> bool:
    """A line of running text: many words, ending like a sentence."""
    return len(text.split()) >= PROSE_WORDS and _ends_sentence(text)


def _headline_above_prose(lines: list[Line], hints: LineHints) -> Line | None:
    """On pages whose text starts under a long top (site name, menus), the headline just above it.

    The first line of running text is found; among the few title-like lines
    above it (not interface words, not lists of tags), the headline is the
    one the line model likes best, or without a model the longest.
    ``None`` unless at least ``MIN_TOP_LINES`` lines come before the text.
    """
    nonblank = [line for line in lines if not line.blank]
    first = next((i for i, line in enumerate(nonblank) if _is_prose(line.text)), None)
    if first is None or first < MIN_TOP_LINES:
        return None
    candidates = [
        line
        for line in nonblank[max(0, first - PROSE_LOOKBACK) : first]
        if _title_candidate(line.text)
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
        return max(candidates, key=lambda line: (hints.headline_probability(line), line.index))
    return max(candidates, key=lambda line: (min(len(line.text.split()), 12), line.index))


def _dated(text: str) -> bool:
    """A dateline, or a short line with a date in it."""
    facts = parse_header_line(text)
    return (facts is not None and facts.published is not None) or (
        len(text) <= 80 and search_date(text) is not None
    )


def _title_candidate(text: str) -> bool:
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
    )


def _looks_like_title(text: str) -> bool:
    return len(text.split()) <= 25 and not text.endswith((".", ",", ";", ":"))


# comments -------------------------------------------------------------------
def _find_comment_heads(
    lines: list[Line],
    body_start: int,
    blank_style: bool,
    hints: LineHints,
    taken: frozenset[int] = frozenset(),
) -> list[_CommentHead]:
    """Comment headers after ``body_start``; lines in ``taken`` (the article's own byline
    and dateline under its text's start) are none."""
    heads: list[_CommentHead] = []
    floor = body_start  # lines before this belong to an earlier header
    opened = False  # past a line that opens the comments ("45 Gedanken zu ...")
    for line in lines[body_start:]:
        if line.blank or line.index in taken:
            continue
        head: _CommentHead | None = None
        joined = split_comment_header(line.text, thread=opened)
        if joined is not None and not joined.vouched and hints.doubts_european_comment(line):
            joined = None  # its own words ("geschrieben von", "Antworten") vouch for it
        if joined is None and opened:
            # inside a thread the opener vouches for this form; the model is not asked
            # (it was fitted before the European tables read such times)
            joined = split_name_then_time(line.text)
        opened = opened or opens_comments(line.text)
        if joined is not None and _opens_record(lines, line.index, floor, blank_style):
            name_start = line.start + joined.name_start
            when_start = line.start + joined.when_start
            head = _CommentHead(
                line.index,
                line.index,
                joined.name,
                Span(name_start, line.start + joined.name_end),
                joined.when,
                Span(when_start, when_start + len(joined.when)),
                joined=True,
            )
        elif hints.is_time(line) and not hints.dates_text(line):
            head = _head_ending_at(lines, line.index, floor, blank_style, hints)
        if head is not None:
            heads.append(head)
            floor = line.index + 1
    return heads


def _opens_record(lines: list[Line], i: int, floor: int, blank_style: bool) -> bool:
    """Can a comment start at line ``i`` (after a blank or UI line, or anywhere without blanks)?"""
    if not blank_style or i <= floor:
        return True
    above = lines[i - 1]
    return above.blank or is_ui(above.text)


def _head_ending_at(
    lines: list[Line], i: int, floor: int, blank_style: bool, hints: LineHints
) -> _CommentHead | None:
    """The comment header whose time line is ``lines[i]``, or None."""
    time_line = lines[i]
    label_end = labelled_time(time_line.text) or 0  # "Posted on March 5, 2025"
    when = without_edit_mark(time_line.text[label_end:])
    when_span = Span(time_line.start + label_end, time_line.start + label_end + len(when))
    badges = 0  # "Author", "Moderator" badge lines between the name and the time
    while i - 1 - badges >= floor and _BADGE.match(lines[i - 1 - badges].text):
        badges += 1
    i -= badges
    above = lines[i - 1] if i - 1 >= floor else None
    if above is not None and above.blank and (named := hints.name_across_blank(lines, i, floor)):
        return _CommentHead(
            named.index,
            i + badges,
            hints.name_of(named),
            _name_span(named, hints.name_of(named) or ""),
            when,
            when_span,
        )
    if above is None or above.blank or is_ui(above.text):
        return _CommentHead(i, i + badges, None, None, when, when_span)
    name = hints.name_of(above)
    twice = lines[i - 2] if i - 2 >= floor else None
    last = i + badges
    if name is not None and twice is not None and twice.text == above.text:
        return _CommentHead(i - 2, last, name, _name_span(above, name), when, when_span)
    if name is not None and (not blank_style or _opens_record(lines, i - 1, floor, blank_style)):
        return _CommentHead(i - 1, last, name, _name_span(above, name), when, when_span)
    if blank_style or badges:
        return None  # a time line glued to a sentence is part of that paragraph
    return _CommentHead(i, i, None, None, when, when_span)


def _name_span(line: Line, name: str) -> Span:
    offset = line.text.find(name)
    start = line.start + max(offset, 0)
    return Span(start, start + len(name))


def _read_comments(
    lines: list[Line],
    section_start: int,
    heads: list[_CommentHead],
    builder: _RegionBuilder,
    blank_style: bool,
    reference: date | None,
    out: DumpLayout,
    hints: LineHints,
) -> None:
    first_head = heads[0].start_line if heads else len(lines)
    for line in lines[section_start:first_head]:
        if not line.blank:
            builder.add("ui", line)  # "12 comments", "Leave a reply", ...
    by_author = _Authors()  # (normalised author, comment), in order
    trailer: list[Line] = []
    for k, head in enumerate(heads):
        end_line = heads[k + 1].start_line if k + 1 < len(heads) else len(lines)
        parent_name: str | None = None
        kept: list[Line] = []
        content = lines[head.time_line + 1 : end_line]
        for position, line in enumerate(content):
            if line.blank:
                kept.append(line)
                continue
            marker = _REPLY_MARKER.match(line.text)
            if line.text in _HEADER_MARKS and not any(not x.blank for x in kept):
                builder.add("ui", line)  # "Name" / "(22 juin 2018 @11h29)" / ":"
                kept.append(_separator(line))
                continue
            if closes_comments(line.text):
                builder.add("ui", line)
                trailer = content[position + 1 :]
                break
            if k + 1 == len(heads) and _footer_starts(content, position, hints, kept):
                trailer = content[position:]  # the page's footer after the last comment
                break
            if marker and not any(not x.blank for x in kept):
                parent_name = marker.group("name")
                builder.add("ui", line)
                kept.append(_separator(line))
            elif is_ui(line.text):
                builder.add("ui", line)
                kept.append(_separator(line))  # splits paragraphs
            else:
                kept.append(line)
        paragraphs = paragraph_spans(kept, blank_style)
        if head.title is not None:  # "Ein Argument" above "geschrieben von ... am ..."
            paragraphs.insert(0, _line_span(lines[head.title]))
        end = paragraphs[-1].end if paragraphs else head.when_span.end
        region = _comment_region(k, head, lines[head.start_line].start, end, paragraphs, reference)
        parent = None
        if parent_name is None and paragraphs:
            opening = builder.text_of(paragraphs[0])
            mention = _MENTION.match(opening)
            if mention:
                parent_name = mention.group("name")
            elif (greeting := _GREETING.match(opening)) is not None:
                parent = by_author.latest_by_first_name(greeting.group("name"))
        if parent_name:
            parent = by_author.latest_by(parent_name)
        if parent is not None:
            builder.replies.append((region, parent))
        builder.regions.append(region)
        if head.author:
            by_author.add(_normalise_name(head.author), region, head.author)
    if trailer:
        _read_trailer(trailer, out, builder, blank_style)


#: a thread whose headers follow their text, or whose headers carry titles, shows it on
#: several comments before it is read so
RHYTHM_HEADS = 3
MAX_TITLE_WORDS = 8
TITLE_SHARE = 0.8


def _between(lines: list[Line], start: int, stop: int) -> list[Line]:
    """The lines with text from ``start`` to ``stop``, interface lines left out."""
    return [x for x in lines[start:stop] if not x.blank and not is_ui(x.text)]


def _is_title(text: str) -> bool:
    """A comment's short title line ("Ein Argument", "Kurze Antworten"): a few words,
    capitalised, with no sentence's end."""
    return (
        text[:1].isupper()
        and len(text.split()) <= MAX_TITLE_WORDS
        and not text.endswith((".", "!", ":", ";", ","))
        and not opens_comments(text)
        and not is_time(text)
    )


def _take_titles(lines: list[Line], section_start: int, heads: list[_CommentHead]) -> bool:
    """Where nearly every one-line header of a thread (``RHYTHM_HEADS`` or more, a share
    ``TITLE_SHARE`` of them) has a short title line right above it, after text of the
    comment before, each such title is its comment's own: "Ein Argument" / "geschrieben
    von berg2012 am 21. Jan. 2015". True when titles were taken."""
    if len(heads) < RHYTHM_HEADS or not all(head.joined for head in heads):
        return False
    titles: dict[int, int] = {}
    for k, head in enumerate(heads):
        floor = heads[k - 1].time_line + 1 if k else section_start
        above = _between(lines, floor, head.start_line)
        if above and _is_title(above[-1].text) and (k == 0 or len(above) >= 2):
            titles[k] = above[-1].index
    if len(titles) < TITLE_SHARE * len(heads):
        return False
    for k, title in titles.items():
        heads[k].start_line = heads[k].title = title
    return True


def _headers_follow_text(lines: list[Line], section_start: int, heads: list[_CommentHead]) -> bool:
    """Does each one-line header close its comment, under its text ("…" / "Comment by
    Mirko Lange — 17.07, 2011 @ 13:04")? Only where the rhythm is plain: a line opens the
    thread, ``RHYTHM_HEADS`` or more headers, text before each, and after the last one at
    most one short line before the thread's next interface line ("Leave a comment"); a
    thread that runs to the page's end is read headers first."""
    if len(heads) < RHYTHM_HEADS or not all(head.joined for head in heads):
        return False
    if section_start >= heads[0].start_line or not opens_comments(lines[section_start].text):
        return False
    first = _between(lines, section_start + 1, heads[0].start_line)
    if not first or (len(first) == 1 and _is_title(first[0].text)):
        return False  # nothing before the first header, or a title only
    for k in range(1, len(heads)):
        if not _between(lines, heads[k - 1].time_line + 1, heads[k].start_line):
            return False
    after = 0
    for line in lines[heads[-1].time_line + 1 :]:
        if line.blank:
            continue
        if is_ui(line.text) or opens_comments(line.text) or closes_comments(line.text):
            break
        after += 1
        if after > 1 or len(line.text) > MAX_TITLE_CHARS:
            return False
    else:
        return False  # no interface line closes the thread
    return True


MAX_TITLE_CHARS = 60


def _comment_region(
    k: int,
    head: _CommentHead,
    start: int,
    end: int,
    paragraphs: list[Span],
    reference: date | None,
) -> Region:
    """The ``k``-th comment's region from ``start`` to ``end``, with its header's author and
    time (resolved against ``reference``)."""
    resolved = resolve(parse_when(head.when), reference)
    return Region(
        id=f"c{k}",
        kind="comment",
        start=start,
        end=end,
        paragraphs=paragraphs,
        author=head.author,
        author_span=head.author_span,
        when=head.when,
        when_span=head.when_span,
        when_resolved=resolved.isoformat() if resolved else None,
    )


def _read_trailing_comments(
    lines: list[Line],
    section_start: int,
    heads: list[_CommentHead],
    builder: _RegionBuilder,
    blank_style: bool,
    reference: date | None,
    out: DumpLayout,
) -> None:
    """Comments whose header follows their text (see :func:`_headers_follow_text`)."""
    builder.add("ui", lines[section_start])  # "Comments (35)"
    start = section_start + 1
    for k, head in enumerate(heads):
        kept: list[Line] = []
        for line in lines[start : head.start_line]:
            if not line.blank and is_ui(line.text):
                builder.add("ui", line)
                kept.append(_separator(line))
            else:
                kept.append(line)
        paragraphs = paragraph_spans(kept, blank_style)
        header = lines[head.time_line]
        start_at = paragraphs[0].start if paragraphs else header.start
        builder.regions.append(
            _comment_region(k, head, start_at, header.end, paragraphs, reference)
        )
        start = head.time_line + 1
    trailer = lines[start:]
    if any(not line.blank for line in trailer):
        _read_trailer(trailer, out, builder, blank_style)


def _footer_starts(content: list[Line], position: int, hints: LineHints, kept: list[Line]) -> bool:
    """After some comment text, two lines in a row the line model calls page furniture.

    One such line alone may be a sign-off ("— Pat"); footers (menus, legal
    links, copyright) run longer. Interface words ("Report this comment")
    belong to the thread and do not count.
    """
    line = content[position]
    if not any(not x.blank for x in kept) or is_ui(line.text) or not hints.is_junk(line):
        return False
    following = next(
        (x for x in content[position + 1 :] if not x.blank and not is_ui(x.text)), None
    )
    return following is not None and hints.is_junk(following)


def _read_trailer(
    trailer: list[Line], out: DumpLayout, builder: _RegionBuilder, blank_style: bool
) -> None:
    """What follows "Comments are closed.": a bio, or page furniture."""
    kept = []
    for line in trailer:
        if not line.blank and is_ui(line.text):
            builder.add("ui", line)
            kept.append(_separator(line))
        else:
            kept.append(line)
    names = _author_names(out.facts.author)
    heading = next((n for n, line in enumerate(kept) if _is_about_heading(line.text, names)), None)
    if heading is not None:
        builder.add("ui", kept[heading])
        kept = kept[heading + 1 :]
    paragraphs = paragraph_spans(kept, blank_style)
    for number, span in enumerate(paragraphs):
        first = number == 0
        is_bio = first and (heading is not None or _is_bio(builder.text_of(span), names, None))
        kind = "bio" if is_bio else "boilerplate"
        builder.regions.append(Region(f"t{number}", kind, span.start, span.end, [span]))


def _normalise_name(name: str) -> str:
    return re.sub(r"[\s_.@'’-]+", "", name.lower())


class _Authors:
    """The thread's comments by normalised author, to find the one a reply names.

    Holds each author's latest comment and the latest comment under every
    prefix of an author, so that finding the parent costs the length of the
    name, not of the thread.
    """

    def __init__(self) -> None:
        self._exact: dict[str, tuple[int, Region]] = {}
        self._prefix: dict[str, tuple[int, Region]] = {}
        self._first: dict[str, Region] = {}  # the latest comment under each first name
        self._count = 0

    def add(self, author: str, region: Region, written: str = "") -> None:
        """Remember ``region`` under its normalised ``author`` and the first word of the
        name as ``written``."""
        if not author:
            return
        self._count += 1
        entry = (self._count, region)
        self._exact[author] = entry
        for end in range(len(author) + 1):
            self._prefix[author[:end]] = entry
        if written.split():
            self._first[written.split()[0].lower()] = region

    def latest_by_first_name(self, name: str) -> Region | None:
        """The latest comment whose author's name begins with the word ``name`` (a
        greeting names a commenter by first name; no prefix of a word counts)."""
        return self._first.get(name.lower())

    def latest_by(self, wanted: str) -> Region | None:
        """The latest comment by ``wanted``, a name it starts with, or one starting with it."""
        target = _normalise_name(wanted)
        found = [self._exact.get(target[:end]) for end in range(1, len(target) + 1)]
        found.append(self._prefix.get(target))
        best = max(
            (entry for entry in found if entry is not None), default=None, key=lambda e: e[0]
        )
        return best[1] if best is not None else None


# body -----------------------------------------------------------------------
def _read_body(
    zone: list[Line],
    out: DumpLayout,
    builder: _RegionBuilder,
    blank_style: bool,
    hints: LineHints,
) -> None:
    junk = junk_lines(zone, blank_style)
    kept: list[Line] = []
    junk_run: list[Line] = []
    taken = {region.start for region in builder.regions}  # a byline read under the text's start
    for line in zone:
        kind = junk.get(line.index)
        if junk_run and (kind is None or kind != junk.get(junk_run[-1].index) or line.blank):
            builder.add_block(junk.get(junk_run[-1].index, "boilerplate"), junk_run)
            junk_run = []
        if line.blank:
            kept.append(line)
        elif line.start in taken:
            kept.append(_separator(line))
        elif is_ui(line.text):
            builder.add("ui", line)
            kept.append(_separator(line))
        elif kind is not None:
            junk_run.append(line)
            kept.append(_separator(line))
        elif hints.is_junk(line):
            builder.add("boilerplate", line)
            kept.append(_separator(line))
        else:
            kept.append(line)
    if junk_run:
        builder.add_block(junk.get(junk_run[-1].index, "boilerplate"), junk_run)
    body, bio = _split_bio(kept, builder, blank_style, out.facts.author)
    if body:
        builder.regions.append(Region("b", "body", body[0].start, body[-1].end, body))
    if bio:
        builder.regions.append(Region("bio", "bio", bio[0].start, bio[-1].end, bio))


def _split_bio(
    kept: list[Line], builder: _RegionBuilder, blank_style: bool, author: str | None
) -> tuple[list[Span], list[Span]]:
    """Paragraphs of ``kept`` split into (text, author bio).

    An "About the author" / "About NAME" heading line makes what follows it the
    bio (the heading itself is UI); otherwise the last paragraph may be one.
    """
    names = _author_names(author)
    heading = next(
        (n for n in range(len(kept) - 1, -1, -1) if _is_about_heading(kept[n].text, names)), None
    )
    if heading is not None:
        builder.add("ui", kept[heading])
        before = paragraph_spans(kept[:heading], blank_style)
        return before, paragraph_spans(kept[heading + 1 :], blank_style)
    paragraphs = paragraph_spans(kept, blank_style)
    if len(paragraphs) > 1 and _is_bio(builder.text_of(paragraphs[-1]), names, author):
        return paragraphs[:-1], paragraphs[-1:]
    return paragraphs, []


def _is_bio(text: str, names: list[str], author: str | None) -> bool:
    """Is this paragraph the author's bio ("Clara Wendt writes about ...")?"""
    text = _BIO_LEAD.sub("", text)
    if len(text) > 600:
        return False
    if _ABOUT_AUTHOR.match(text):
        return True
    for name in names:
        if re.match(rf"{re.escape(name)}{_HANDLE_IN_BIO}['’]?s?\s*{_BIO_VERBS}", text, re.I):
            return True
    return author is None and bool(_BIO_GENERIC.match(text)) and text.count(". ") <= 2


def _is_about_heading(text: str, names: list[str]) -> bool:
    """ "About the author", "About Wendell Park" on a line of its own."""
    if _ABOUT_HEADING.match(text):
        return True
    about = re.match(r"^about\s+(?P<who>.+?):?$", text, re.I)
    return bool(about and about.group("who").lower() in {n.lower() for n in names})


def _author_names(author: str | None) -> list[str]:
    """Full names and surnames to look for at the start of a bio."""
    if not author:
        return []
    names: list[str] = [author]  # "Ana Ruiz and Jon Ash are ..."
    for person in re.split(r"\s*(?:,|\band\b|&)\s*", author):
        person = person.strip()
        if not person:
            continue
        names.append(person)
        parts = [p for p in person.split() if p.rstrip(".").lower() not in {"dr", "prof"}]
        if len(parts) > 1:
            names.append(" ".join(parts))
            names.append(parts[-1])
            names.append(parts[0])
    return names


# shared ---------------------------------------------------------------------
def _zone_style(zone: list[Line], page_style: bool) -> bool:
    """Blank-line style of one part of the page (the page's when the part is tiny)."""
    if sum(map(bool, map(attrgetter("text"), zone))) < 4:  # fewer than four lines with text
        return page_style
    return uses_blank_lines(zone)


def _separator(line: Line) -> Line:
    """A blank stand-in for a line taken out of the text (splits paragraphs)."""
    return Line(line.index, line.start, line.start, "")


def _line_span(line: Line) -> Span:
    return Span(line.start, line.end)


class _RegionBuilder:
    def __init__(self, text: str, regions: list[Region]) -> None:
        self.text = text
        self.regions = regions
        self.replies: list[tuple[Region, Region]] = []  # (reply, the comment it answers)

    def add(self, kind: str, line: Line) -> None:
        self.regions.append(
            Region(f"{kind}{line.index}", kind, line.start, line.end, [_line_span(line)])
        )

    def add_block(self, kind: str, lines: list[Line]) -> None:
        spans = [_line_span(line) for line in lines if not line.blank]
        self.regions.append(
            Region(f"{kind}{lines[0].index}", kind, spans[0].start, spans[-1].end, spans)
        )

    def text_of(self, span: Span) -> str:
        return self.text[span.start : span.end]
