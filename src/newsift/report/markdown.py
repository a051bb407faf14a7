r"""A Markdown summary of one document dict, for pasting into tickets.

Short on purpose: the headline, sourcing, flags, the top claims, techniques
and the comment thread; the HTML report has the full text with highlights.
Page text is made inert for Markdown renderers: characters that start
markup (``\ ` * _ { } [ ] < > # | ~ & !``) are backslash-escaped, and line breaks
inside a value become spaces, so a hostile page cannot inject links, HTML or
table rows into the ticket.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsift.document import LayerReport
from newsift.report.cards import plugin_lines, registered_cards, renderer
from newsift.report.view import (
    TECHNIQUES_CAVEAT,
    TECHNIQUES_NONE,
    View,
    as_list,
    build_view,
    byline_name,
    flag_name,
    isolate,
    match_summary,
    technique_name,
)

__all__ = ["md_escape", "render_markdown"]

TOP_CLAIMS = 5
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")


def md_escape(value: object, limit: int | None = None) -> str:
    """One line of page text, safe inside Markdown (and its tables)."""
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(data: Mapping[str, Any]) -> str:
    """The Markdown summary; raises ``ReportError`` when ``data`` has no text."""
    view = build_view(data)
    lines = [f"## {md_escape(view.title, 200)}", ""]
    facts = []
    for key, label in (("author", "by"), ("published", "published"), ("url", "url")):
        if view.meta.get(key):
            value = md_escape(view.meta[key], 200)
            facts.append(f"{label} {isolate(value) if key == 'author' else value}")
    if facts:
        lines += [" · ".join(facts), ""]
    for layer, report in registered_cards():
        lines += _layer_section(view, layer, report)
    lines.append(f"_newsift report of {md_escape(view.id, 120)}_")
    return "\n".join(lines).rstrip() + "\n"


def _layer_section(view: View, layer: str, report: LayerReport) -> list[str]:
    """One layer's section: its registered renderer's lines, or a plug-in's lines."""
    if report.markdown is not None:
        return [str(line) for line in renderer(report.markdown)(view)]
    if layer not in view.layers or report.lines is None:
        return []
    items = [f"- {md_escape(line, 300)}" for line in plugin_lines(report, view.data)]
    return [f"### {md_escape(report.title, 80)}", "", *(items or ["Nothing to show."]), ""]


def sourcing_lines(view: View) -> list[str]:
    if "sources" not in view.layers:
        return []
    out = ["### Sources", ""]
    profile = view.sourcing or {}
    counts = profile.get("counts") if isinstance(profile.get("counts"), Mapping) else None
    if isinstance(counts, Mapping):
        parts = ", ".join(f"{_int(v)} {md_escape(k)}" for k, v in counts.items() if _int(v))
        share = _num(profile.get("anonymous_word_share"))
        out += [
            f"{len(view.sources)} sources ({parts or 'none'}); anonymous sources carry "
            f"{share:.0%} of the quoted words.",
            "",
        ]
    if view.sources:
        out += ["| who | named or anonymous | descriptor | flags |", "|---|---|---|---|"]
        for source_id in view.source_order:
            source = view.sources[source_id]
            status = "named" if source.get("named") is True else "unnamed"
            if source.get("anonymous") is True:
                status = "anonymous"
            flags = ", ".join(flag_name(f.get("kind")) for f in view.flags_of(source_id))
            out.append(
                f"| {isolate(md_escape(view.source_label(source_id), 80))} | {status} "
                f"| {isolate(md_escape(source.get('descriptor') or '-', 100))} "
                f"| {md_escape(flags or '-')} |"
            )
        out.append("")
    return out


def byline_lines(view: View) -> list[str]:
    if not view.byline:
        return []
    out = ["### Byline", ""]
    for signal in view.byline:
        quoted = " … ".join(view.span_text(s) for s in signal["evidence"])  # checked spans
        evidence = f" Evidence: “{md_escape(quoted, 300)}”" if quoted else ""
        out.append(
            f"- **{md_escape(byline_name(signal.get('kind')))}**: "
            f"{md_escape(signal.get('reason') or '', 400)}{evidence}"
        )
    return [*out, ""]


def flags_lines(view: View) -> list[str]:
    if "flags" not in view.layers:
        return []
    out = [f"### Flags ({len(view.flags)})", ""]
    for flag in view.flags:
        out.append(
            f"- **{md_escape(flag_name(flag.get('kind')))}**: "
            f"{md_escape(flag.get('reason') or '', 400)}"
        )
    if not view.flags:
        out.append("None.")
    return [*out, ""]


def claims_lines(view: View) -> list[str]:
    if "claims" not in view.layers:
        return []
    worthy = [c for c in view.ranked_claims() if c["checkworthy"]]
    listed = view.short_list()
    out = [
        f"### Claims to check (short list: {len(listed)}; {len(worthy)} check-worthy "
        f"of {len(view.claims)} sentences)",
        "",
    ]
    for number, claim in enumerate(listed[:TOP_CLAIMS], start=1):
        who = view.claimant_label(claim)
        out.append(
            f"{number}. {md_escape(view.span_text(claim['span']), 300)} "
            f"({md_escape(claim.get('type', 'claim'))}{', ' + md_escape(who) if who else ''}, "
            f"{claim['score']:.2f}){_md_fact_checks(claim)}"
        )
    if not listed:
        out.append("None.")
    return [*out, ""]


def _md_fact_checks(claim: Mapping[str, Any]) -> str:
    """ " Past fact-check: verdict (outlet, date) URL." or " No past fact-check found."."""
    matches = [m for m in as_list(claim.get("matches")) if isinstance(m, Mapping)]
    if not matches:
        return " No past fact-check found." if claim.get("searched") is True else ""
    verdict, where = match_summary(matches[0])
    url = matches[0].get("url")
    link = f" {md_escape(str(url), 300)}" if url else ""
    place = f" ({md_escape(where)})" if where else ""
    return f" Past fact-check: {md_escape(verdict)}{place}{link}."


def techniques_lines(view: View) -> list[str]:
    if "techniques" not in view.layers:
        return []
    out = [f"### Persuasion techniques ({len(view.techniques)})", ""]
    for technique in view.techniques:
        span = technique["span"]
        out.append(
            f"- **{md_escape(technique_name(technique.get('label')))}**: "
            f"“{md_escape(view.span_text(span), 200)}”"
        )
    if not view.techniques:
        out.append(f"None shown. {TECHNIQUES_NONE}")
    else:
        out += ["", f"_{TECHNIQUES_CAVEAT}_"]
    return [*out, ""]


def thread_lines(view: View) -> list[str]:
    comments = view.comments()
    if not comments and view.thread is None:
        return []
    out = ["### Comments", ""]
    thread = view.thread
    if thread is None:
        named = sum(1 for c in comments if c.get("author"))
        return [*out, f"{len(comments)} comments, {named} with a name (toxicity not analysed).", ""]
    out.append(
        f"{_int(thread.get('comments'))} comments ({_int(thread.get('named'))} named, "
        f"{_int(thread.get('anonymous'))} anonymous); {_int(thread.get('offensive'))} offensive "
        f"({_num(thread.get('offensive_share')):.0%})"
        + (
            f"; {_int(thread.get('duplicates'))} duplicates, "
            f"{_int(thread.get('junk'))} junk, {_int(thread.get('off_topic'))} off topic."
            if "duplicates" in thread  # absent when written without detail (the fast preset)
            else "."
        )
    )
    if "would_remove" in thread:
        removed = _int(thread.get("would_remove"))
        share = _num(thread.get("removal_share"))
        out.append(f"A moderator would remove {removed} ({share:.0%}).")
    targets = [t for t in as_list(thread.get("top_targets")) if isinstance(t, Mapping)]
    if targets:
        target_text = ", ".join(
            f"{isolate(md_escape(str(t.get('target')), 60))} ({_int(t.get('count'))})"
            for t in targets
        )
        out.append(f"Most targeted: {target_text}.")
    out.append("")
    tops = _top_comments(view, thread)
    if tops:
        return [*out, *tops, ""]
    for region_id in as_list(thread.get("most_offensive")):
        region = next((c for c in comments if c["id"] == region_id), None)
        if region is not None:
            author = region.get("author") or "no name"
            who = isolate(md_escape(author, 60))
            out.append(f"- {who}: “{md_escape(view.comment_text(region), 200)}”")
    return [*out, ""]


def _top_comments(view: View, thread: Mapping[str, Any]) -> list[str]:
    """One line per top comment: its number in the thread, score, reason and text."""
    comments = view.comments()
    numbers = {c["id"]: n for n, c in enumerate(comments, start=1)}
    out = []
    for top in as_list(thread.get("top_comments")):
        if not isinstance(top, Mapping) or top.get("region") not in numbers:
            continue
        region = comments[numbers[top["region"]] - 1]
        why = md_escape(str(top.get("reason") or "offensive"), 100)
        out.append(
            f"- comment {numbers[region['id']]} ({_num(top.get('score')):.2f}, {why}): "
            f"“{md_escape(view.comment_text(region), 200)}”"
        )
    return out


def _num(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
