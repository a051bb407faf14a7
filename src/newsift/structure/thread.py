"""The comment thread of a dump: each comment's text between its header and the
next, its reply parent (a "Reply to X" line, "@Name", a greeting by first name), and
what follows the thread (footer, bio): :func:`read_comments`,
:func:`read_trailing_comments`."""

from __future__ import annotations

import re
from datetime import date

from newsift.document import Region, Span
from newsift.structure.body import author_names, is_about_heading, is_bio
from newsift.structure.comment_heads import CommentHead
from newsift.structure.hints import LineHints
from newsift.structure.layout import DumpLayout, RegionBuilder, line_span, separator
from newsift.text.dates import parse_when, resolve
from newsift.text.lines import Line, closes_comments, is_ui, paragraph_spans

_REPLY_MARKER = re.compile(
    r"^(?:in reply to|replying to|reply to|in response to|responding to)\s+@?(?P<name>.+?):?$",
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
    by_author = Authors()  # (normalised author, comment), in order
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
            by_author.add(normalise_name(head.author), region, head.author)
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


def normalise_name(name: str) -> str:
    return re.sub(r"[\s_.@'’-]+", "", name.lower())


class Authors:
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
        target = normalise_name(wanted)
        found = [self._exact.get(target[:end]) for end in range(1, len(target) + 1)]
        found.append(self._prefix.get(target))
        best = max(
            (entry for entry in found if entry is not None), default=None, key=lambda e: e[0]
        )
        return best[1] if best is not None else None
