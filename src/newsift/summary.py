"""A short human summary of an analysed document (what ``newsift show`` prints)."""

from __future__ import annotations

import textwrap

from newsift.document import Document


def summarise(doc: Document, width: int = 78) -> str:
    meta = doc.meta
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
        lines.append(_wrap("  bio: " + doc.region_text(bio), width))
    lines.extend(_sourcing(doc, width))
    comments = doc.comments
    named = sum(1 for c in comments if c.author)
    lines.append(f"  comments: {len(comments)} ({named} named, {len(comments) - named} anonymous)")
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
        lines.append(_wrap(f"  - {who}, {when}{reply}: {first}", width, indent="      "))
    return "\n".join(lines)


def _wrap(text: str, width: int, indent: str = "      ") -> str:
    return textwrap.fill(
        text, width=width, subsequent_indent=indent, max_lines=3, placeholder=" ..."
    )


def _sourcing(doc: Document, width: int) -> list[str]:
    """Sources, non-responses and flags, when the attribution analyzers ran."""
    sources = doc.layers.get("sources")
    if sources is None:
        return []
    named = sum(1 for s in sources if getattr(s, "named", False))
    out = [f"  sources: {len(sources)} ({named} named, {len(sources) - named} not named)"]
    for source in sources:
        bits = [getattr(source, "kind", "?")]
        if getattr(source, "descriptor", None):
            bits.append(source.descriptor)
        if getattr(source, "anonymous_reason", None):
            bits.append(f"anonymous because: {source.anonymous_reason}")
        if getattr(source, "to_author", False):
            bits.append("spoke to the writer")
        quotes = len(getattr(source, "quotes", ()))
        out.append(_wrap(f"  - {source.name} ({'; '.join(bits)}), {quotes} quote(s)", width))
    for item in doc.layers.get("nonresponses", []):
        out.append(_wrap(f"  - no response: {getattr(item, 'who', None) or 'someone'}", width))
    for flag in doc.layers.get("flags", []):
        out.append(_wrap(f"  ! {flag.kind}: {flag.reason}", width))
    return out
