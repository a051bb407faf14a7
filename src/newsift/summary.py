"""A short human summary of an analysed document (what ``newsift show`` prints)."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Mapping
from typing import Any

from newsift.document import Document

TOP_CLAIMS = 5  # a desk reads the top five of the short list


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
    lines.extend(_byline(doc, width))
    lines.extend(_sourcing(doc, width))
    lines.extend(_claims(doc, width))
    lines.extend(_techniques(doc))
    comments = doc.comments
    named = sum(1 for c in comments if c.author)
    lines.append(f"  comments: {len(comments)} ({named} named, {len(comments) - named} anonymous)")
    numbers = {c.id: n for n, c in enumerate(comments, start=1)}
    for thread in _dicts(doc, "thread"):
        lines.extend(_thread(thread, numbers, width))
    badges = {t.get("region"): _badge(t) for t in _dicts(doc, "toxicity")}
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
        badge = badges.get(c.id) or ""
        line = f"  {numbers[c.id]}. {who}, {when}{reply}{badge}: {first}"
        lines.append(_wrap(line, width, indent="      "))
    return "\n".join(lines)


def _thread(thread: Mapping[str, Any], numbers: Mapping[str, int], width: int) -> list[str]:
    """The thread line, the most targeted names and the top comments with their reasons."""
    removal = ""
    if "would_remove" in thread:
        removal = f"{thread['would_remove']} a moderator would remove, "
    counts = f"{thread.get('offensive', 0)} offensive"
    if "duplicates" in thread:  # absent when written without detail (the fast preset)
        counts += (
            f", {thread['duplicates']} near-duplicate, "
            f"{thread.get('junk', 0)} junk, {thread.get('off_topic', 0)} off-topic"
        )
    out = [f"  thread: {removal}{counts}"]
    targets = thread.get("top_targets") or []
    if targets:
        named = ", ".join(f"{t['target']} ({t['count']})" for t in targets)
        out.append(_wrap(f"  most targeted: {named}", width))
    for top in thread.get("top_comments") or []:
        number = numbers.get(top["region"], "?")
        out.append(_wrap(f"  top: comment {number} ({top['score']:.2f}): {top['reason']}", width))
    return out


def _wrap(text: str, width: int, indent: str = "      ") -> str:
    return textwrap.fill(
        text, width=width, subsequent_indent=indent, max_lines=3, placeholder=" ..."
    )


BYLINE_NAMES = {
    "pen_name": "pen name",
    "no_affiliation": "no affiliation",
    "no_bio": "no bio",
    "no_byline": "no byline",
}


def _byline(doc: Document, width: int) -> list[str]:
    """Byline signals (pen name, no bio, ...) with their evidence, when attribution ran."""
    out = []
    for signal in doc.layers.get("byline", []):
        name = BYLINE_NAMES.get(signal.kind, signal.kind)
        out.append(_wrap(f"  ! byline, {name}: {signal.reason}", width))
        evidence = " … ".join(" ".join(doc.span_text(s).split()) for s in signal.evidence)
        if evidence:
            out.append(_wrap(f"      evidence: \u201c{evidence}\u201d", width))
    return out


def _sourcing(doc: Document, width: int) -> list[str]:
    """Sources, non-responses and flags, when the attribution analyzers ran."""
    sources = doc.layers.get("sources")
    if sources is None:
        return []
    named = sum(1 for s in sources if getattr(s, "named", False))
    out = [f"  sources: {len(sources)} ({named} named, {len(sources) - named} not named)"]
    for profile in doc.layers.get("sourcing", []):
        left_out = f"; {profile.excluded} not counted" if profile.excluded else ""
        out.append(
            _wrap(
                f"  profile over {profile.sources} real sources{left_out}: anonymous sources "
                f"carry {profile.anonymous_word_share:.0%} of {profile.quoted_words} quoted words",
                width,
            )
        )
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


def _dicts(doc: Document, layer: str) -> list[Mapping[str, Any]]:
    return [dict(item.to_dict()) for item in doc.layers.get(layer, [])]


def _claims(doc: Document, width: int) -> list[str]:
    """The short list (the top check-worthy claims), who stands behind each, past
    fact-checks, when claims ran. Documents written before the short list existed
    show their top check-worthy claims."""
    if "claims" not in doc.layers:
        return []
    claims = sorted(_dicts(doc, "claims"), key=lambda c: c["rank"])
    worthy = [c for c in claims if c["checkworthy"]]
    if all("shortlist" in c for c in claims):
        listed = [c for c in claims if c["shortlist"]]
    else:
        listed = worthy[:TOP_CLAIMS]
    unsourced = sum(1 for c in listed if c.get("claimant") == "author")
    head = f"  claims: {len(listed)} on the short list ({len(worthy)} check-worthy sentences)"
    if unsourced:
        head += f"; {unsourced} unsourced, by the author"
    out = [head]
    names = {s.id: s.name for s in doc.layers.get("sources", [])}
    for claim in listed[:TOP_CLAIMS]:
        span = claim["span"]
        text = doc.text[span["start"] : span["end"]]
        who = _claimant(claim, names)
        kind = claim.get("type") or "claim"  # no type when written without detail
        out.append(_wrap(f"  {claim['rank']}. ({kind}{who}) {text}", width))
        out.extend(_wrap(f"       {line}", width) for line in _fact_checks(claim))
    if len(listed) > TOP_CLAIMS:
        out.append(f"  ... {len(listed) - TOP_CLAIMS} more on the short list")
    return out


def _claimant(claim: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """ ", unsourced: the author's own claim" and the like; "" when not recorded."""
    kind, source = claim.get("claimant"), claim.get("source")
    name = names.get(source) if isinstance(source, str) else None
    if kind == "author":
        return ", UNSOURCED: the author's own claim"
    if kind == "source":
        return f", attributed to {name}" if name else ", attributed to a source"
    if kind == "document":
        return f", from a document: {name}" if name else ", from a document"
    return ""


def _fact_checks(claim: Mapping[str, Any]) -> list[str]:
    """One line per past fact-check match (verdict, outlet, date, URL), or "no past
    fact-check found" when the claim was searched and nothing matched."""
    matches = [m for m in claim.get("matches") or [] if isinstance(m, Mapping)]
    if not matches:
        return ["no past fact-check found"] if claim.get("searched") is True else []
    lines = []
    for match in matches:
        where = ", ".join(str(match[k]) for k in ("outlet", "date") if match.get(k))
        verdict = str(match.get("rating") or "unrated")
        url = f" {match['url']}" if match.get("url") else ""
        lines.append(f"past fact-check: {verdict}{' (' + where + ')' if where else ''}{url}")
    return lines


def _techniques(doc: Document) -> list[str]:
    """Counts of persuasion techniques, the author's own and in quotes, when they ran."""
    if "techniques" not in doc.layers:
        return []
    found = _dicts(doc, "techniques")
    own = Counter(t["label"] for t in found if t.get("speaker") is None)
    quoted = sum(1 for t in found if t.get("speaker") is not None)
    listed = ", ".join(f"{label} {n}" for label, n in own.most_common()) or "none"
    return [f"  techniques (author's own): {listed}; in quotes: {quoted}"]


def _badge(item: Mapping[str, Any]) -> str:
    marks = []
    if item.get("would_remove"):
        marks.append("would remove")
    if item.get("offensive"):
        marks.append(f"offensive {item.get('scores', {}).get('offensive', 0):.2f}")
    if item.get("named_target"):
        marks.append(f"target: {item['named_target']['name']}")
    if item.get("duplicate_of"):
        marks.append("duplicate")
    if item.get("junk"):
        marks.append("junk")
    return f" [{', '.join(marks)}]" if marks else ""
