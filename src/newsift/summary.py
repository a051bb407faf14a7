"""A short human summary of an analysed document (what ``newsift show`` prints).

The page's own lines (headline, byline, body, bio, comments) come from ``meta`` and
the regions; every other layer's lines come from its registration
(:class:`newsift.document.LayerSummary`, declared beside the layer's class), in the
layers' order, so a new layer is shown without a change here.
"""

from __future__ import annotations

import textwrap
from functools import partial

import newsift  # noqa: F401  (importing the package registers every layer)
from newsift.document import Document, LayerSummary, ordered_layers


def summarise(doc: Document, width: int = 78) -> str:
    meta = doc.meta
    wrap = partial(_wrap, width=width)
    lines = [
        f"{meta.headline or '(no headline)'}",
        f"  by {meta.author or 'unknown author'}"
        f" | published {meta.published or meta.published_raw or 'unknown'}"
        f" | language {meta.language or 'unknown'} | read as {meta.kind or '?'}",
    ]
    body = doc.regions_of("body")
    paragraphs = sum(len(r.paragraphs) for r in body)
    words = sum(len(doc.region_text(r).split()) for r in body)
    lines.append(f"  body: {paragraphs} paragraphs, {words} words")
    for bio in doc.regions_of("bio"):
        lines.append(wrap("  bio: " + doc.region_text(bio)))
    summaries = _present_summaries(doc)
    lines.extend(_section_lines(doc, summaries, "page", width))
    comments = doc.comments
    named = sum(1 for c in comments if c.author)
    lines.append(f"  comments: {len(comments)} ({named} named, {len(comments) - named} anonymous)")
    lines.extend(_section_lines(doc, summaries, "comments", width))
    marks: dict[str, str] = {}
    for summary in summaries:
        if summary.comment_marks is not None:
            for region, mark in summary.comment_marks(doc).items():
                marks[region] = marks.get(region, "") + mark
    numbers = {c.id: n for n, c in enumerate(comments, start=1)}
    ids = {c.id: c for c in comments}
    for c in comments:
        who = c.author or "(anonymous)"
        when = c.when or "?"
        if c.when_resolved:
            when += f" = {c.when_resolved}"
        reply = ""
        if c.parent and c.parent in ids:
            reply = f" replying to {ids[c.parent].author or 'anonymous'}"
        first = doc.region_text(c).split("\n")[0]
        line = f"  {numbers[c.id]}. {who}, {when}{reply}{marks.get(c.id, '')}: {first}"
        lines.append(wrap(line))
    return "\n".join(lines)


def _present_summaries(doc: Document) -> list[LayerSummary]:
    """The summaries of the layers this document has, in the layers' order."""
    return [
        spec.summary
        for spec in ordered_layers()
        if spec.summary is not None and spec.name in doc.layers
    ]


def _section_lines(
    doc: Document, summaries: list[LayerSummary], place: str, width: int
) -> list[str]:
    wrap = partial(_wrap, width=width)
    return [
        line
        for summary in summaries
        if summary.place == place and summary.lines is not None
        for line in summary.lines(doc, wrap)
    ]


def _wrap(text: str, width: int, indent: str = "      ") -> str:
    return textwrap.fill(
        text, width=width, subsequent_indent=indent, max_lines=3, placeholder=" ..."
    )
