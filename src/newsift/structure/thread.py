"""The comment thread of a dump: each comment's text between its header and the
next, its reply parent (:mod:`newsift.structure.replies`), and what follows the
thread (footer, bio): :func:`read_comments`, :func:`read_trailing_comments`."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from newsift.document import Region, Span
from newsift.structure.body import author_names, is_about_heading, is_bio
from newsift.structure.comment_heads import CommentHead, thread_ui
from newsift.structure.hints import LineHints
from newsift.structure.layout import (
    DumpLayout,
    RegionBuilder,
    ends_sentence,
    line_span,
    separator,
)
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
    ended = False  # at a comment form, past a comment's text
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
            if (
                len(line.text) <= MAX_FORM_CHARS
                and _FORM.match(line.text)
                and any(not x.blank for x in kept)
                and all(later.author is None for later in heads[k + 1 :])
            ):
                # the comment form, then the page's footer: a nameless "header" further
                # down is a date of the footer's ("7.4.30"); a named one is a comment,
                # and the form stands over the thread instead
                trailer = lines[line.index :]
                ended = True
                break
            if k + 1 == len(heads) and _footer_starts(content, position, hints, kept):
                trailer = content[position:]  # the page's footer after the last comment
                break
            if marker and not any(not x.blank for x in kept):
                parent_name = marker.group("name")
                builder.add("ui", line)
                kept.append(separator(line))
            elif thread_ui(line.text):
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
        if ended:
            break
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
    furniture = _post_furniture(lines, heads)
    for k, head in enumerate(heads):
        kept: list[Line] = []
        top = head.name_line
        if top is not None:  # a forum post: its name, the poster's profile, then its text
            for line in lines[start:top]:
                if not line.blank:
                    builder.add("ui", line)
            start = top + 1
        profile = top is not None
        for line in lines[start : head.start_line]:
            if line.blank:
                kept.append(line)
                continue
            profile = profile and line.text in furniture
            if profile or thread_ui(line.text):
                builder.add("ui", line)
                kept.append(separator(line))
            else:
                kept.append(line)
        paragraphs = paragraph_spans(kept, blank_style)
        header = lines[head.time_line]
        start_at = paragraphs[0].start if paragraphs else header.start
        if top is not None:
            named = lines[top]
            start_at = named.start
            head.author_span = Span(named.start, named.start + len(named.text.rstrip()))
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


#: a comment form's opening line ("Kommentar hinzufügen", "Leave a Reply"): after the
#: last comment's text the thread ends there, and the form and the page's footer follow
_FORM = re.compile(
    r"^(?:leave a (?:reply|comment)|add a comment|write a comment|post a comment"
    r"|kommentar (?:hinzufügen|schreiben|verfassen|abgeben)|schreibe(?:n sie)? einen kommentar"
    r"|laisser un commentaire|laisser une réponse|ajouter un commentaire|deja un comentario"
    r"|deja una respuesta|escribe un comentario|lascia un commento|scrivi un commento"
    r"|laat een reactie achter|plaats een reactie|deixe um comentário|deixe uma resposta)"
    r"(?:\s+cancel reply|\s+antworten abbrechen)?\s*[:.!]?$",
    re.I,
)


MAX_FORM_CHARS = 60
#: a poster's profile under the name: "dabei seit 12/2006", "Mitglied seit 2010",
#: "Member since 2014", "Beiträge: 1.234", "Posts: 56", "Registriert: 03/2011"
_PROFILE = re.compile(
    r"^(?:(?:dabei|mitglied|registriert|member|joined|membre|inscrit|miembro|registrado|iscritto"
    r"|lid)(?:\s+(?:seit|since|depuis|desde|dal|sinds))?\s*:?\s*[\w./-]{0,12}\s*\d[\d./-]*"
    r"|(?:beiträge|posts|messages|mensajes|messaggi|berichten)\s*:?\s*[\d.,]+)$",
    re.I,
)
#: a line under the name of this many posts or more of a thread is the profile's template
#: ("Fotos Videos")
PROFILE_REPEATS = 2
MAX_PROFILE_WORDS = 4  # a longer line, or one that ends a sentence, is a post's (a quote)


def _post_furniture(lines: list[Line], heads: list[CommentHead]) -> frozenset[str]:
    """The lines of a forum post's profile, under its name and over its text: the
    member lines (``_PROFILE``) and the short lines found right under the name (first
    three lines with text) in ``PROFILE_REPEATS`` or more posts."""
    counts: Counter[str] = Counter()
    profile: set[str] = set()
    for head in heads:
        if head.name_line is None:
            continue
        under = [x.text for x in lines[head.name_line + 1 : head.start_line] if not x.blank][:3]
        counts.update(set(under))
        profile.update(text for text in under if _PROFILE.match(text))
    profile.update(
        text
        for text, n in counts.items()
        if n >= PROFILE_REPEATS
        and len(text.split()) <= MAX_PROFILE_WORDS
        and not ends_sentence(text)
    )
    return frozenset(profile)


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
