"""Rules that read a flattened page dump into regions and meta.

The layout (see ``docs/analyzers/structure.md``)::

    [kicker]            OPINION
    headline            Harbor Council's Water Deal Is a Betrayal
    [standfirst]        A subtitle
    dateline / byline   Posted on Tuesday, March 4, 2025 / by Clara Wendt (either order)
    body paragraphs
    [bio]               Clara Wendt writes about local government ...
    [UI]                12 comments / Leave a reply / Share this:
    comments            Name / Name (avatar text, then name), or Name once, or nothing
                        time line ("4 months ago", "March 5, 2025 at 3:14 pm")
                        paragraphs ... [Reply]

Anchors are found line by line (:mod:`newsift.structure.lines`) and then
judged in context: a comment starts at a time line that stands alone, preceded
by its author's name (once or twice, with no blank line between) or by a blank
line. Paragraphs are runs of lines between blank lines when the dump uses blank
lines, else single lines. Limits: English labels; a body line that is nothing
but a date, preceded by a blank line, is read as an anonymous comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsift.document import Meta, Region, Span
from newsift.structure.dates import parse_when, resolve
from newsift.structure.lines import (
    Line,
    is_time,
    is_ui,
    name_of,
    opens_comments,
    paragraph_spans,
    parse_byline,
    parse_dateline,
    split_lines,
    uses_blank_lines,
)

HEADER_WINDOW = 12  # non-blank lines at the top searched for the dateline/byline
_KICKER_WORDS = {
    "opinion", "news", "local news", "politics", "sports", "sport", "business", "tech",
    "technology", "science", "health", "culture", "education", "world", "editorial",
    "analysis", "commentary", "column", "letters", "letter to the editor", "breaking",
    "breaking news", "features", "feature", "national", "environment", "arts",
    "entertainment", "lifestyle", "op-ed", "guest column", "perspective", "viewpoint",
    "review", "investigation", "investigations", "economy", "climate", "local", "city",
    "metro", "community", "sponsored", "exclusive", "explainer", "obituaries", "travel",
    "food", "crime", "courts", "weather", "schools", "transport", "housing",
}  # fmt: skip
_KICKER_SPLIT = re.compile(r"\s*(?:&|\band\b|/|\||,|:|›|»|>)\s*")
_REPLY_MARKER = re.compile(
    r"^(?:in reply to|replying to|reply to|in response to)\s+@?(?P<name>.+?):?$", re.I
)
_MENTION = re.compile(r"^@(?P<name>[\w.'’-]+(?:\s+[\w.'’-]+){0,3})")
_ABOUT_AUTHOR = re.compile(r"^(?:about the authors?|the authors?\b)", re.I)
_BIO_VERBS = (
    r"(?:is|are|was|were|writes|write|wrote|has|have|covers|cover|teaches|lives|serves|served|reports|works|worked|"
    r"holds|edits|hosts|leads|directs|chairs|runs|studies|researches|retired|previously|"
    r"can be reached|, an?\b|, the\b)"
)
_BIO_GENERIC = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}\s+(?:is an?|is the|writes|covers)\b"
)
_BIO_LEAD = re.compile(r"^[\s—–*_-]+")


@dataclass(slots=True)
class _CommentHead:
    start_line: int  # first line of the header (name line, or the time line)
    time_line: int
    author: str | None
    author_line: int | None
    replies_to: str | None = None


@dataclass(slots=True)
class DumpLayout:
    """What the rules found: regions in text order and the page's meta."""

    regions: list[Region] = field(default_factory=list)
    headline: str | None = None
    author: str | None = None
    published_raw: str | None = None
    updated_raw: str | None = None


def parse_dump(text: str, reference: date | None = None) -> DumpLayout:
    lines = split_lines(text)
    blank_style = uses_blank_lines(lines)
    out = DumpLayout()
    builder = _RegionBuilder(text, out.regions)

    body_start = _read_header(lines, out, builder)
    heads = _find_comment_heads(lines, body_start, blank_style)
    section_start = heads[0].start_line if heads else len(lines)
    for line in lines[body_start:section_start]:
        if not line.blank and opens_comments(line.text):
            section_start = line.index
            break

    _read_body(lines[body_start:section_start], out, builder, blank_style)
    _read_comments(lines, section_start, heads, builder, blank_style, reference)
    out.regions.sort(key=lambda r: (r.start, r.end))
    for number, region in enumerate(out.regions, start=1):
        region.id = f"r{number}"
    for child, parent in builder.replies:
        child.parent = parent.id
    return out


def apply_layout(layout: DumpLayout, meta: Meta, reference: date | None) -> None:
    """Copy what the layout found into ``meta`` (resolving relative dates)."""
    meta.headline = layout.headline
    meta.author = layout.author
    meta.published_raw = layout.published_raw
    published = (
        resolve(parse_when(layout.published_raw), reference) if layout.published_raw else None
    )
    meta.published = published.isoformat() if published else None
    updated = resolve(parse_when(layout.updated_raw), reference) if layout.updated_raw else None
    meta.updated = updated.isoformat() if updated else None


# header ---------------------------------------------------------------------
def _read_header(lines: list[Line], out: DumpLayout, builder: _RegionBuilder) -> int:
    """Find kicker, headline, standfirst, dateline and byline; return the body's first line."""
    nonblank = [line for line in lines if not line.blank][:HEADER_WINDOW]
    if not nonblank:
        return len(lines)
    anchors = [i for i, line in enumerate(nonblank) if _is_anchor(line.text)]
    if not anchors:
        first = nonblank[0]
        if _looks_like_title(first.text) and len(nonblank) > 1:
            builder.add("headline", first)
            out.headline = first.text
            return first.index + 1
        return first.index
    first_anchor = anchors[0]
    before = [line for line in nonblank[:first_anchor] if not is_ui(line.text)]
    for line in nonblank[:first_anchor]:
        if is_ui(line.text):
            builder.add("ui", line)
    if len(before) >= 2 and _is_kicker(before[0].text, before[1].text):
        builder.add("kicker", before[0])
        before = before[1:]
    if before:
        builder.add("headline", before[0])
        out.headline = before[0].text
        for line in before[1:]:
            builder.add("standfirst", line)
    position = first_anchor
    last_index = nonblank[first_anchor].index
    while position < len(nonblank):
        line = nonblank[position]
        if _is_anchor(line.text):
            _take_anchor(line, out, builder)
        elif is_ui(line.text) and not opens_comments(line.text):
            builder.add("ui", line)
        else:
            break
        last_index = line.index
        position += 1
    return last_index + 1


def _is_anchor(text: str) -> bool:
    return parse_dateline(text) is not None or parse_byline(text) is not None


def _take_anchor(line: Line, out: DumpLayout, builder: _RegionBuilder) -> None:
    dateline = parse_dateline(line.text)
    if dateline is not None:
        builder.add("dateline", line)
        if dateline.label == "updated":
            out.updated_raw = out.updated_raw or dateline.date_text or None
        elif dateline.date_text and out.published_raw is None:
            out.published_raw = dateline.date_text
        if dateline.author and out.author is None:
            out.author = dateline.author
        return
    byline = parse_byline(line.text)
    if byline is not None:
        builder.add("byline", line)
        if out.author is None:
            out.author = byline.author
        if byline.date_text and out.published_raw is None:
            out.published_raw = byline.date_text


def _is_kicker(text: str, following: str) -> bool:
    """A section label above the headline: "OPINION", "Arts & Culture", "Local | Schools"."""
    words = text.split()
    if len(words) > 4 or text[-1:] in ".?!":
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    parts = [p for p in _KICKER_SPLIT.split(text.lower().strip(" :|")) if p]
    if parts and all(p in _KICKER_WORDS for p in parts):
        return True
    # a two- or three-word label above a longer title that is not a sentence
    return (
        len(words) <= 3 and len(following.split()) > len(words) + 3 and not following.endswith(".")
    )


def _looks_like_title(text: str) -> bool:
    return len(text.split()) <= 25 and not text.endswith((".", ",", ";", ":"))


# comments -------------------------------------------------------------------
def _find_comment_heads(
    lines: list[Line], body_start: int, blank_style: bool
) -> list[_CommentHead]:
    heads: list[_CommentHead] = []
    taken_until = body_start  # lines already used by an earlier header
    for line in lines[body_start:]:
        if line.blank or not is_time(line.text):
            continue
        i = line.index
        head = _head_ending_at(lines, i, max(taken_until, body_start), blank_style)
        if head is not None:
            heads.append(head)
            taken_until = i + 1
    return heads


def _head_ending_at(
    lines: list[Line], i: int, floor: int, blank_style: bool
) -> _CommentHead | None:
    """The comment header whose time line is ``lines[i]``, or None."""
    above = lines[i - 1] if i - 1 >= floor else None
    if above is None or above.blank or is_ui(above.text):
        return _CommentHead(i, i, None, None)
    name = name_of(above.text)
    twice = lines[i - 2] if i - 2 >= floor else None
    if name is not None and twice is not None and twice.text == above.text:
        return _CommentHead(i - 2, i, name_of(above.text), i - 1)
    if name is not None:
        before = lines[i - 2] if i - 2 >= floor else None
        if not blank_style or before is None or before.blank or is_ui(before.text):
            return _CommentHead(i - 1, i, name, i - 1)
        return None
    if blank_style:
        return None  # a time line glued to a sentence is part of that paragraph
    return _CommentHead(i, i, None, None)


def _read_comments(
    lines: list[Line],
    section_start: int,
    heads: list[_CommentHead],
    builder: _RegionBuilder,
    blank_style: bool,
    reference: date | None,
) -> None:
    first_head = heads[0].start_line if heads else len(lines)
    for line in lines[section_start:first_head]:
        if not line.blank:
            builder.add("ui", line)  # "12 comments", "Leave a reply", ...
    by_author: list[tuple[str, Region]] = []  # (normalised author, comment), in order
    for k, head in enumerate(heads):
        end_line = heads[k + 1].start_line if k + 1 < len(heads) else len(lines)
        content = lines[head.time_line + 1 : end_line]
        parent_name: str | None = None
        kept: list[Line] = []
        for line in content:
            if line.blank:
                kept.append(line)
                continue
            marker = _REPLY_MARKER.match(line.text)
            if marker and not any(not x.blank for x in kept):
                parent_name = marker.group("name")
                builder.add("ui", line)
            elif is_ui(line.text):
                builder.add("ui", line)
                kept.append(Line(line.index, line.start, line.start, ""))  # splits paragraphs
            else:
                kept.append(line)
        paragraphs = paragraph_spans(kept, blank_style)
        time_line = lines[head.time_line]
        start = lines[head.start_line].start
        end = paragraphs[-1].end if paragraphs else time_line.end
        when = time_line.text
        resolved = resolve(parse_when(when), reference)
        region = Region(
            id=f"c{k}",
            kind="comment",
            start=start,
            end=end,
            paragraphs=paragraphs,
            author=head.author,
            author_span=_line_span(lines[head.author_line])
            if head.author_line is not None
            else None,
            when=when,
            when_span=_line_span(time_line),
            when_resolved=resolved.isoformat() if resolved else None,
        )
        if parent_name is None and paragraphs:
            mention = _MENTION.match(builder.text_of(paragraphs[0]))
            if mention:
                parent_name = mention.group("name")
        parent = _latest_by(by_author, parent_name) if parent_name else None
        if parent is not None:
            builder.replies.append((region, parent))
        builder.regions.append(region)
        if head.author:
            by_author.append((_normalise_name(head.author), region))


def _normalise_name(name: str) -> str:
    return re.sub(r"[\s_.@'’-]+", "", name.lower())


def _latest_by(by_author: list[tuple[str, Region]], wanted: str) -> Region | None:
    """The latest comment by ``wanted`` (or by a name that it starts with)."""
    target = _normalise_name(wanted)
    best: Region | None = None
    for author, region in by_author:
        if author and (target == author or target.startswith(author) or author.startswith(target)):
            best = region
    return best


# body -----------------------------------------------------------------------
def _read_body(
    zone: list[Line], out: DumpLayout, builder: _RegionBuilder, blank_style: bool
) -> None:
    kept: list[Line] = []
    for line in zone:
        if not line.blank and is_ui(line.text):
            builder.add("ui", line)
            kept.append(Line(line.index, line.start, line.start, ""))
        else:
            kept.append(line)
    paragraphs = paragraph_spans(kept, blank_style)
    bio_count = len(_bio_paragraphs([builder.text_of(p) for p in paragraphs], out.author))
    split = len(paragraphs) - bio_count
    body, bio = paragraphs[:split], paragraphs[split:]
    if body:
        builder.regions.append(Region("b", "body", body[0].start, body[-1].end, body))
    if bio:
        builder.regions.append(Region("bio", "bio", bio[0].start, bio[-1].end, bio))


def _bio_paragraphs(texts: list[str], author: str | None) -> list[str]:
    """The trailing paragraphs that are the author's bio (usually one, or none)."""
    if len(texts) < 2:
        return []
    for back in (2, 1):  # "About the author" heading + bio paragraph
        if len(texts) > back and _ABOUT_AUTHOR.match(texts[-back]) and len(texts[-back]) < 60:
            return texts[-back:]
    last = _BIO_LEAD.sub("", texts[-1])
    if len(last) > 600:
        return []
    if _ABOUT_AUTHOR.match(last):
        return texts[-1:]
    for name in _author_names(author):
        if re.match(rf"{re.escape(name)}['’]?s?\s*{_BIO_VERBS}", last, re.I):
            return texts[-1:]
    if author is None and _BIO_GENERIC.match(last) and last.count(". ") <= 2:
        return texts[-1:]
    return []


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
        parts = person.split()
        if len(parts) > 1:
            names.append(parts[-1])
            names.append(parts[0])
    return names


# shared ---------------------------------------------------------------------
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

    def text_of(self, span: Span) -> str:
        return self.text[span.start : span.end]
