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

This module composes the readers, top to bottom:

- :mod:`newsift.structure.page_header`: kicker, headline, standfirst, dateline and
  byline at the top of the page (rules first, the headline ranker may overrule);
- :mod:`newsift.structure.near_text`: a byline or dateline near the start of the
  running text when the top gave none;
- :mod:`newsift.structure.comment_heads`: where comments start (their header lines);
- :mod:`newsift.structure.body`: the article's text, junk blocks and the author's bio;
- :mod:`newsift.structure.thread`: the comments and what follows them, with
  :mod:`newsift.structure.replies` finding each reply's parent;
- :mod:`newsift.structure.hints`: where the line classifier may overrule the rules;
- :mod:`newsift.structure.layout`: the layout being built and small shared helpers.
"""

from __future__ import annotations

from datetime import date

from newsift.document import Meta
from newsift.structure.body import read_body
from newsift.structure.comment_heads import find_comment_heads, headers_follow_text, take_titles
from newsift.structure.hints import LineHints
from newsift.structure.layout import DumpLayout, RegionBuilder, zone_style
from newsift.structure.linemodel import LineModel
from newsift.structure.near_text import header_near_text
from newsift.structure.page_header import read_header
from newsift.structure.thread import read_comments, read_trailing_comments
from newsift.text.dates import parse_when, resolve, search_date
from newsift.text.lines import opens_comments, split_lines, uses_blank_lines

__all__ = ["DumpLayout", "LineHints", "apply_layout", "parse_dump"]


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
    builder = RegionBuilder(text, out.regions)
    hints = LineHints.of(lines, model, rank_headline=rank_headline)

    body_start = read_header(lines, out, builder, hints)
    taken = header_near_text(lines, out, builder)
    heads = find_comment_heads(lines, body_start, blank_style, hints, taken)
    section_start = heads[0].start_line if heads else len(lines)
    for line in lines[body_start:section_start]:
        if not line.blank and opens_comments(line.text):
            section_start = line.index
            break
    trailing = not take_titles(lines, section_start, heads) and headers_follow_text(
        lines, section_start, heads
    )

    body_zone, comment_zone = lines[body_start:section_start], lines[section_start:]
    read_body(body_zone, out, builder, zone_style(body_zone, blank_style), hints)
    comment_style = zone_style(comment_zone, blank_style)
    if trailing:
        read_trailing_comments(lines, section_start, heads, builder, comment_style, reference, out)
    else:
        read_comments(lines, section_start, heads, builder, comment_style, reference, out, hints)
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
