"""The article's text in a dump: junk blocks (captions, sign-up boxes, related
links), UI lines and lines the line model calls no text set apart, and the author's
bio at its end split off (:func:`read_body`)."""

from __future__ import annotations

import re

from newsift.document import Region, Span
from newsift.structure.hints import LineHints
from newsift.structure.junk import junk_lines
from newsift.structure.layout import DumpLayout, RegionBuilder, separator
from newsift.text.lines import Line, is_ui, paragraph_spans

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


def read_body(
    zone: list[Line],
    out: DumpLayout,
    builder: RegionBuilder,
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
            kept.append(separator(line))
        elif is_ui(line.text):
            builder.add("ui", line)
            kept.append(separator(line))
        elif kind is not None:
            junk_run.append(line)
            kept.append(separator(line))
        elif hints.is_junk(line):
            builder.add("boilerplate", line)
            kept.append(separator(line))
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
    kept: list[Line], builder: RegionBuilder, blank_style: bool, author: str | None
) -> tuple[list[Span], list[Span]]:
    """Paragraphs of ``kept`` split into (text, author bio).

    An "About the author" / "About NAME" heading line makes what follows it the
    bio (the heading itself is UI); otherwise the last paragraph may be one.
    """
    names = author_names(author)
    heading = next(
        (n for n in range(len(kept) - 1, -1, -1) if is_about_heading(kept[n].text, names)), None
    )
    if heading is not None:
        builder.add("ui", kept[heading])
        before = paragraph_spans(kept[:heading], blank_style)
        return before, paragraph_spans(kept[heading + 1 :], blank_style)
    paragraphs = paragraph_spans(kept, blank_style)
    if len(paragraphs) > 1 and is_bio(builder.text_of(paragraphs[-1]), names, author):
        return paragraphs[:-1], paragraphs[-1:]
    return paragraphs, []


def is_bio(text: str, names: list[str], author: str | None) -> bool:
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


def is_about_heading(text: str, names: list[str]) -> bool:
    """ "About the author", "About Wendell Park" on a line of its own."""
    if _ABOUT_HEADING.match(text):
        return True
    about = re.match(r"^about\s+(?P<who>.+?):?$", text, re.I)
    return bool(about and about.group("who").lower() in {n.lower() for n in names})


def author_names(author: str | None) -> list[str]:
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
