"""The comment thread of a dump: each comment's text between its header and the
next, its reply parent (:mod:`newsift.structure.replies`), and what follows the
thread (footer, bio): :func:`read_comments`, :func:`read_trailing_comments`."""

from __future__ import annotations

from datetime import date

from newsift.document import Region, Span
from newsift.structure.body import author_names, is_about_heading, is_bio
from newsift.structure.comment_heads import CommentHead
from newsift.structure.hints import LineHints
from newsift.structure.layout import DumpLayout, RegionBuilder, line_span, separator
from newsift.structure.replies import REPLY_MARKER, ReplyFinder
from newsift.text.dates import parse_when, resolve
from newsift.text.lines import Line, closes_comments, is_ui, paragraph_spans

#: a line that only ends a comment's header ("Red Bastard" / "(22 juin 2018 @11h29)" / ":");
#: a dash line stays text (a held-out page opens a comment with "–")
_HEADER_MARKS = frozenset({":"})


def read_comments(
    lines: list[Line],
    section_start: int,
    heads: list[CommentHead],
    builder: RegionBuilder,
    blank_style: bool,
    reference: date | None,
    out: DumpLayout,
    hints: LineHints,
) -> None:
    first_head = heads[0].start_line if heads else len(lines)
    for line in lines[section_start:first_head]:
        if not line.blank:
            builder.add("ui", line)  # "12 comments", "Leave a reply", ...
    thread = ReplyFinder(builder.text, _body_span(builder))
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
            marker = REPLY_MARKER.match(line.text)
            if line.text in _HEADER_MARKS and not any(not x.blank for x in kept):
                builder.add("ui", line)  # "Name" / "(22 juin 2018 @11h29)" / ":"
                kept.append(separator(line))
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
                kept.append(separator(line))
            elif is_ui(line.text):
                builder.add("ui", line)
                kept.append(separator(line))  # splits paragraphs
            else:
                kept.append(line)
        paragraphs = paragraph_spans(kept, blank_style)
        if head.title is not None:  # "Ein Argument" above "geschrieben von ... am ..."
            paragraphs.insert(0, line_span(lines[head.title]))
        end = paragraphs[-1].end if paragraphs else head.when_span.end
        region = _comment_region(k, head, lines[head.start_line].start, end, paragraphs, reference)
        parent = thread.parent(region, parent_name, paragraphs)
        if parent is not None:
            builder.replies.append((region, parent))
        builder.regions.append(region)
        title = builder.text_of(paragraphs[0]) if head.title is not None else None
        thread.add(region, title)
    if trailer:
        _read_trailer(trailer, out, builder, blank_style)


def _comment_region(
    k: int,
    head: CommentHead,
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


def read_trailing_comments(
    lines: list[Line],
    section_start: int,
    heads: list[CommentHead],
    builder: RegionBuilder,
    blank_style: bool,
    reference: date | None,
    out: DumpLayout,
) -> None:
    """Comments whose header follows their text (see :func:`headers_follow_text`)."""
    builder.add("ui", lines[section_start])  # "Comments (35)"
    start = section_start + 1
    thread = ReplyFinder(builder.text, _body_span(builder))
    for k, head in enumerate(heads):
        kept: list[Line] = []
        for line in lines[start : head.start_line]:
            if not line.blank and is_ui(line.text):
                builder.add("ui", line)
                kept.append(separator(line))
            else:
                kept.append(line)
        paragraphs = paragraph_spans(kept, blank_style)
        header = lines[head.time_line]
        start_at = paragraphs[0].start if paragraphs else header.start
        region = _comment_region(k, head, start_at, header.end, paragraphs, reference)
        parent = thread.parent(region, None, paragraphs)
        if parent is not None:
            builder.replies.append((region, parent))
        builder.regions.append(region)
        thread.add(region)
        start = head.time_line + 1
    trailer = lines[start:]
    if any(not line.blank for line in trailer):
        _read_trailer(trailer, out, builder, blank_style)


def _body_span(builder: RegionBuilder) -> Span | None:
    """Where the article's text lies (a quote of it names no comment)."""
    return next((Span(r.start, r.end) for r in builder.regions if r.kind == "body"), None)


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
    trailer: list[Line], out: DumpLayout, builder: RegionBuilder, blank_style: bool
) -> None:
    """What follows "Comments are closed.": a bio, or page furniture."""
    kept = []
    for line in trailer:
        if not line.blank and is_ui(line.text):
            builder.add("ui", line)
            kept.append(separator(line))
        else:
            kept.append(line)
    names = author_names(out.facts.author)
    heading = next((n for n, line in enumerate(kept) if is_about_heading(line.text, names)), None)
    if heading is not None:
        builder.add("ui", kept[heading])
        kept = kept[heading + 1 :]
    paragraphs = paragraph_spans(kept, blank_style)
    for number, span in enumerate(paragraphs):
        first = number == 0
        bio = first and (heading is not None or is_bio(builder.text_of(span), names, None))
        kind = "bio" if bio else "boilerplate"
        builder.regions.append(Region(f"t{number}", kind, span.start, span.end, [span]))
