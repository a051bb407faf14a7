"""The HTML report: one self-contained file, from a document's JSON dict.

No external assets and no script: the page works offline, prints through
``@media print``, and carries a Content-Security-Policy that allows nothing but
its own stylesheet (by hash). Every string that comes from the page (text,
names, descriptors, comment authors, URLs, even ids) is escaped with
:func:`html.escape`; links are made only for ``http``/``https`` URLs; element
ids are built from counters, never from page data.

Layout: skip links and a table of contents; a summary panel (sourcing, flags,
top claims, techniques, comment thread); a legend; the article with
highlighted spans (split into flat segments where they overlap) and margin
notes; the sources table; the ranked claims; the comment thread with badges.
Keyboard: every highlight's first segment is a focusable ``<mark>`` with an
``aria-label``; note references are links, and each note links back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from newsift import __version__
from newsift.document import LayerReport
from newsift.report.cards import plugin_lines, registered_cards, renderer
from newsift.report.segments import segments
from newsift.report.style import CSS, REPORT_CSP
from newsift.report.view import (
    ARTICLE_KINDS,
    TECHNIQUES_CAVEAT,
    TECHNIQUES_NONE,
    Mark,
    Note,
    View,
    as_list,
    build_view,
    byline_name,
    flag_name,
    match_summary,
    technique_name,
)

__all__ = ["render_documents", "render_html"]

TOP_CLAIMS = 3
SOURCE_KIND_NAMES = {
    "named": "Named person",
    "anon": "Anonymous person",
    "org": "Organisation",
    "doc": "Document",
    "group": "Group",
    "unattr": "Unattributed",
}
SECTIONS = (
    ("summary", "Summary"),
    ("article", "Article"),
    ("sources", "Sources"),
    ("claims", "Claims"),
    ("comments", "Comments"),
)


def e(value: object) -> str:
    """Escape for HTML text and attribute values (quotes included)."""
    return html.escape(str(value), quote=True)


def bdi(value: object) -> str:
    """A page-given name (author, commenter, source), escaped and bidi-isolated in ``<bdi>``,
    so a right-to-left override in it cannot reorder the text around it."""
    return f"<bdi>{e(value)}</bdi>"


def render_html(data: Mapping[str, Any], *, home: str | None = None) -> str:
    """The report of one document dict as a complete HTML page.

    ``home``: a link target for "Analyse another page" (the web app sets it).
    Raises :class:`newsift.report.view.ReportError` when ``data`` has no text.
    """
    view = build_view(data)
    present = _present_sections(view)
    skips = [f'<a class="skip" href="#{key}">Skip to {name.lower()}</a>' for key, name in present]
    body = [
        _header(view, present, home),
        '<main id="main">',
        _document_main(view),
        "</main>",
        _footer(view),
    ]
    return _page(f"{view.title} · newsift report", skips, body)


def render_documents(
    documents: Sequence[Mapping[str, Any]],
    *,
    failures: Sequence[tuple[str, str]] = (),
    home: str | None = None,
    source: str = "the upload",
) -> str:
    """One page for every document of a multi-document input (a WARC, JSON Lines, a folder).

    A list of the documents (and of the inputs that failed, with why) links to each
    document's report further down; element ids carry a per-document prefix (``d2-``)
    so that no two documents' anchors clash. One document and no failure: the plain
    :func:`render_html` page.
    """
    if len(documents) == 1 and not failures:
        return render_html(documents[0], home=home)
    views = []
    for number, data in enumerate(documents, start=1):
        view = build_view(data)
        view.prefix = f"d{number}-"
        views.append(view)
    rows = [
        f'<li><a href="#d{n}-doc">{e(view.title)}</a> <span class="muted">'
        f"({e(_document_facts(view))})</span></li>"
        for n, view in enumerate(views, start=1)
    ]
    failed = "".join(f"<li><bdi>{e(name)}</bdi>: {e(reason)}</li>" for name, reason in failures)
    home_link = f'<p><a href="{e(home)}">Analyse another page</a></p>' if home is not None else ""
    listing = (
        '<header class="top"><p class="rlabel">newsift report</p>'
        f"<h1>{len(views)} documents from {bdi(source)}</h1>{home_link}</header>"
        '<nav id="documents" aria-labelledby="h-documents" class="doclist">'
        '<h2 id="h-documents">Documents</h2>'
        f"<ol>{''.join(rows)}</ol>"
        + (f"<h3>Not analysed ({len(failures)})</h3><ul>{failed}</ul>" if failures else "")
        + "</nav>"
    )
    sections = [
        f'<article class="document" id="{view.prefix}doc" aria-label="Document {n}">'
        f"{_header(view, _present_sections(view), None)}{_document_main(view)}"
        '<p class="muted"><a href="#documents">Back to the list of documents</a></p></article>'
        for n, view in enumerate(views, start=1)
    ]
    footer = (
        f"<footer><p>Made by newsift {e(__version__)} from {len(views)} documents. "
        "Highlights are machine findings to check, not verdicts.</p></footer>"
    )
    body = [listing, '<main id="main">', *sections, "</main>", footer]
    skips = ['<a class="skip" href="#documents">Skip to the list of documents</a>']
    return _page(f"{len(views)} documents · newsift report", skips, body)


def _page(title: str, skips: Sequence[str], body: Sequence[str]) -> str:
    """The HTML shell: one file, its stylesheet inline and pinned by the CSP."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(REPORT_CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head><body>",
        *skips,
        '<div class="wrap">',
        *body,
        "</div></body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _document_main(view: View) -> str:
    parts = [
        _summary(view),
        _legend(view),
        _article(view),
        _sources(view),
        _claims(view),
        _comments(view),
    ]
    return "\n".join(p for p in parts if p)


def _document_facts(view: View) -> str:
    """A document's id, author and date in one short line (the multi-document list)."""
    facts = [view.id]
    if view.meta.get("author"):
        facts.append(f"by {view.meta['author']}")
    if view.meta.get("published"):
        facts.append(view.meta["published"])
    comments = len(view.comments())
    if comments:
        facts.append(f"{comments} comments")
    return ", ".join(facts)


def _present_sections(view: View) -> list[tuple[str, str]]:
    has = {
        "summary": True,
        "article": True,
        "sources": "sources" in view.layers,
        "claims": "claims" in view.layers,
        "comments": bool(view.comments()),
    }
    return [(key, name) for key, name in SECTIONS if has[key]]


# -------------------------------------------------------------------- header
def _header(view: View, present: Sequence[tuple[str, str]], home: str | None) -> str:
    facts = []
    if view.meta.get("author"):
        facts.append(f"by {bdi(view.meta['author'])}")
    if view.meta.get("published"):
        facts.append(f"published {e(view.meta['published'])}")
    elif view.meta.get("published_raw"):
        facts.append(f"published {e(view.meta['published_raw'])}")
    if view.meta.get("url"):
        facts.append(_link(view.meta["url"]))
    elif view.meta.get("source"):
        facts.append(f"from {bdi(view.meta['source'])}")
    toc = "".join(f'<li><a href="#{view.prefix}{key}">{e(name)}</a></li>' for key, name in present)
    if home is not None:
        toc += f'<li><a href="{e(home)}">Analyse another page</a></li>'
    return (
        '<header class="top">'
        '<p class="rlabel">newsift report</p>'
        f"<h1>{e(view.title)}</h1>"
        f'<p class="meta">{" · ".join(facts) or "no byline or date found"}</p>'
        f'<nav class="toc" aria-label="Sections"><ul>{toc}</ul></nav>'
        "</header>"
    )


def _link(url: str) -> str:
    """A link for http(s) URLs; anything else (``javascript:``, ``data:``) stays text."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in {"http", "https"} and not re.search(r"[\x00-\x20]", url.strip()):
        return f'<a href="{e(url.strip())}" rel="noopener noreferrer nofollow">{e(url)}</a>'
    return f"<span>{e(url)}</span>"


# ------------------------------------------------------------------- summary
def _summary(view: View) -> str:
    body = "".join(card for card in (_layer_card(view, *c) for c in registered_cards()) if card)
    return (
        f'<section id="{view.prefix}summary" aria-labelledby="{view.prefix}h-summary">'
        f'<h2 id="{view.prefix}h-summary">Summary</h2>'
        f'<div class="cards">{body}</div></section>'
    )


def _layer_card(view: View, layer: str, report: LayerReport) -> str:
    """One layer's summary card: its registered renderer's, or a plug-in's lines."""
    if report.html is not None:
        return str(renderer(report.html)(view))
    if layer not in view.layers or report.lines is None:
        return ""
    items = "".join(f"<li>{bdi(line)}</li>" for line in plugin_lines(report, view.data))
    return _card(report.title, f"<ul>{items}</ul>" if items else "<p>Nothing to show.</p>")


def _card(title: str, body: str) -> str:
    return f'<div class="card"><h3>{e(title)}</h3>{body}</div>'


def _bar(label: str, share: float, text: str) -> str:
    width = max(0.0, min(1.0, share)) * 100
    return (
        f'<div class="bar"><span>{e(label)}</span>'
        '<svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        '<rect class="bg" width="100" height="8"/>'
        f'<rect class="fg" width="{width:.1f}" height="8"/>'
        f"</svg><span>{e(text)}</span></div>"
    )


def sourcing_card(view: View) -> str:
    if view.sourcing is None:
        if "sources" not in view.layers:
            return _card("Sourcing", '<p class="muted">Not analysed (no attribution layer).</p>')
        return _card("Sourcing", f"<p>{len(view.sources)} sources.</p>")
    profile = view.sourcing
    counts = profile.get("counts") if isinstance(profile.get("counts"), Mapping) else {}
    shares = profile.get("shares") if isinstance(profile.get("shares"), Mapping) else {}
    assert isinstance(counts, Mapping) and isinstance(shares, Mapping)
    bars = "".join(
        _bar(key.capitalize(), _num(shares.get(key)), str(_int(counts.get(key))))
        for key in ("named", "anonymous", "organizational", "documentary", "unattributed")
        if key in counts or key in shares
    )
    words = _num(profile.get("anonymous_word_share"))
    lines = [
        f'<p><span class="big">{_int(profile.get("sources"))}</span> sources, '
        f"{_int(profile.get('quotes'))} quotes, "
        f"{_int(profile.get('quoted_words'))} quoted words</p>",
        bars,
        f"<p>Anonymous sources carry {words:.0%} of the quoted words. "
        f"{_int(profile.get('only_to_author'))} spoke only to the author; "
        f"{_int(profile.get('nonresponses'))} did not respond.</p>",
    ]
    excluded = _int(profile.get("excluded"))
    if excluded:
        lines.append(
            f'<p class="muted">{excluded} more not counted: unattributed, or with no quote '
            "shown.</p>"
        )
    return _card("Sourcing", "".join(lines))


def byline_card(view: View) -> str:
    """What the page says, or leaves unsaid, about its author (the ``byline`` layer)."""
    if "byline" not in view.layers:
        return ""
    if not view.byline:
        return _card("Byline", "<p>Nothing to flag about the byline.</p>")
    items = "".join(
        f"<li><strong>{e(byline_name(s.get('kind')))}</strong>: {e(s.get('reason') or '')}</li>"
        for s in view.byline
    )
    return _card("Byline", f"<ul>{items}</ul>")


def flags_card(view: View) -> str:
    if "flags" not in view.layers:
        return ""
    if not view.flags:
        return _card("Flags", '<p><span class="big">0</span> flags: nothing to check.</p>')
    kinds = "".join(f"<li>{e(flag_name(k))}: {n}</li>" for k, n in view.flag_counts())
    general = [f for f in view.flags if not f.get("evidence")]
    article_level = "".join(
        f"<li>{e(f.get('reason') or flag_name(f.get('kind')))}</li>" for f in general
    )
    extra = f"<p>About the article:</p><ul>{article_level}</ul>" if article_level else ""
    return _card(
        "Flags",
        f'<p><span class="big">{len(view.flags)}</span> flags</p><ul>{kinds}</ul>{extra}',
    )


def claims_card(view: View) -> str:
    if "claims" not in view.layers:
        return ""
    listed = view.short_list()
    unsourced = sum(1 for c in listed if c["claimant"] == "author")
    items = "".join(
        f'<li><a href="#{view.prefix}claim-{i}">{e(_clip(view.span_text(c["span"]), 90))}</a> '
        f'<span class="muted">({e(_claim_detail(view, c))})</span></li>'
        for i, c in enumerate(listed[:TOP_CLAIMS], start=1)
    )
    top = f"<ol>{items}</ol>" if items else '<p class="muted">No check-worthy claim.</p>'
    extra = (
        f'<p class="muted">{unsourced} of them unsourced: the author\'s own claim.</p>'
        if unsourced
        else ""
    )
    return _card(
        "Claims to check",
        f'<p><span class="big">{len(listed)}</span> on the short list, of '
        f"{_sentences(view)} sentences</p>{top}{extra}",
    )


def _sentences(view: View) -> str:
    """ "N" sentences scored, or "N or more" when low scorers were not written."""
    ranks = [c["rank"] for c in view.claims if c["rank"] < 10**9]
    return str(max(ranks, default=len(view.claims)))


def _claim_detail(view: View, claim: Mapping[str, Any]) -> str:
    """type, claimant, score: the short description of a claim."""
    who = view.claimant_label(claim)
    return f"{claim.get('type', 'claim')}{', ' + who if who else ''}, score {claim['score']:.2f}"


def techniques_card(view: View) -> str:
    if "techniques" not in view.layers:
        return ""
    if not view.techniques:
        return _card("Persuasion techniques", f"<p>None shown. {e(TECHNIQUES_NONE)}</p>")
    items = "".join(f"<li>{e(technique_name(k))}: {n}</li>" for k, n in view.technique_counts())
    return _card(
        "Persuasion techniques",
        f'<p><span class="big">{len(view.techniques)}</span> spans</p><ul>{items}</ul>'
        f'<p class="muted">{e(TECHNIQUES_CAVEAT)}</p>',
    )


def thread_card(view: View) -> str:
    comments = view.comments()
    if not comments and view.thread is None:
        return ""
    return _card("Comment thread", _thread_summary(view))


def _thread_summary(view: View) -> str:
    comments = view.comments()
    thread = view.thread
    if thread is None:
        named = sum(1 for c in comments if c.get("author"))
        return (
            f'<p><span class="big">{len(comments)}</span> comments, {named} with a name. '
            '<span class="muted">Toxicity not analysed.</span></p>'
        )
    share = _num(thread.get("offensive_share"))
    targets = [
        t for t in as_list(thread.get("top_targets")) if isinstance(t, Mapping) and t.get("target")
    ]
    target_text = ", ".join(f"{bdi(t['target'])} ({_int(t.get('count'))})" for t in targets)
    worst = [r for r in as_list(thread.get("most_offensive")) if isinstance(r, str)]
    worst_links = ", ".join(
        f'<a href="#{_comment_anchor(view, r)}">{_comment_label(view, r)}</a>'
        for r in worst
        if _comment_anchor(view, r)
    )
    removal = ""
    if "would_remove" in thread:
        removed = f"{_int(thread.get('would_remove'))}"
        removal = _bar("Would remove", _num(thread.get("removal_share")), removed)
    top = _top_comments(view, thread)
    return "".join(
        [
            f'<p><span class="big">{_int(thread.get("comments"))}</span> comments: '
            f"{_int(thread.get('named'))} named, {_int(thread.get('anonymous'))} anonymous.</p>",
            removal,
            _bar("Offensive", share, f"{_int(thread.get('offensive'))}"),
            f"<p>Most targeted: {target_text}.</p>" if target_text else "",
            top or (f"<p>Most offensive: {worst_links}.</p>" if worst_links else ""),
            f"<p>{_int(thread.get('duplicates'))} duplicates, {_int(thread.get('junk'))} junk, "
            f"{_int(thread.get('off_topic'))} off topic.</p>"
            if "duplicates" in thread  # absent when written without detail (the fast preset)
            else "",
        ]
    )


def _top_comments(view: View, thread: Mapping[str, Any]) -> str:
    """The thread's top comments by score, each linked to its numbered card, with its reason."""
    rows = []
    for top in as_list(thread.get("top_comments")):
        if not isinstance(top, Mapping) or not isinstance(top.get("region"), str):
            continue
        anchor = _comment_anchor(view, top["region"])
        if not anchor:
            continue
        rows.append(
            f'<li><a href="#{anchor}">{_comment_label(view, top["region"])}</a> '
            f"({_num(top.get('score')):.2f}): "
            f"{bdi(top.get('reason') or 'offensive')}</li>"
        )
    return f"<p>Top comments by score:</p><ol>{''.join(rows)}</ol>" if rows else ""


# -------------------------------------------------------------------- legend
def _legend(view: View) -> str:
    keys: list[tuple[str, str]] = []
    if view.quotes:
        used = {view.source_class(q.get("source")) for q in view.quotes}
        keys += [
            (f"q q-{k}", f"Quote: {v.lower()}") for k, v in SOURCE_KIND_NAMES.items() if k in used
        ]
    if view.claims:
        keys.append(("c", "Check-worthy claim on the short list"))
    if view.techniques:
        keys.append(("t", "Persuasion technique"))
    if view.flags or view.byline:
        keys.append(("f", "Flag evidence"))
    if view.nonresponses:
        keys.append(("nr", "Did not respond"))
    if any(m.kind == "toxic" for m in view.marks):
        keys.append(("x", "Offensive words"))
    if not keys:
        return ""
    items = "".join(f'<span><mark class="{css}">{e(text)}</mark></span>' for css, text in keys)
    return (
        f'<div class="legend" role="note" aria-label="Legend"><strong>Legend:</strong>{items}'
        '<span class="muted">Tab moves through highlights; numbers link to notes.</span></div>'
    )


# ------------------------------------------------------------------- article
def _article(view: View) -> str:
    regions = view.article_regions()
    if not view.regions:
        regions = [{"id": "", "kind": "body", "start": 0, "end": len(view.text), "paragraphs": []}]
    article_marks = [m for m in view.marks if m.kind != "toxic"]
    opened: set[Mark] = set()
    refs: set[int] = set()
    placed: set[int] = set()
    blocks: list[str] = []
    for region in regions:
        kind = region["kind"]
        paragraphs = region["paragraphs"] or [{"start": region["start"], "end": region["end"]}]
        rows = []
        for para in paragraphs:
            notes = [n for n in view.notes if _placed_here(n, para, placed)]
            placed.update(n.number for n in notes)
            body = _highlight(view, para["start"], para["end"], article_marks, opened, refs)
            # the notes come first so that they float beside the paragraph's first line
            aside = f'<aside class="side">{_note_list(notes, view)}</aside>' if notes else ""
            rows.append(f'<div class="para">{aside}<p>{body}</p></div>')
        label = "" if kind == "body" else f'<div class="rlabel">{e(kind)}</div>'
        blocks.append(f'<div class="region kind-{e(kind)}">{label}{"".join(rows)}</div>')
    rest = [n for n in view.notes if n.number not in placed and n.start < len(view.text)]
    rest = [n for n in rest if not _in_comment(view, n.start)]
    if rest:
        blocks.append(
            f'<div class="other-notes"><h3>Other notes</h3>{_note_list(rest, view)}</div>'
        )
    if not view.text.strip():
        blocks.append('<p class="muted">The document has no text.</p>')
    return (
        f'<section id="{view.prefix}article" aria-labelledby="{view.prefix}h-article">'
        f'<h2 id="{view.prefix}h-article">Article</h2><div class="column">'
        + "".join(blocks)
        + "</div></section>"
    )


def _placed_here(note: Note, para: Mapping[str, int], placed: set[int]) -> bool:
    return para["start"] <= note.start < para["end"] and note.number not in placed


def _in_comment(view: View, offset: int) -> bool:
    return any(c["start"] <= offset < c["end"] for c in view.comments())


def _highlight(
    view: View, start: int, end: int, marks: Sequence[Mark], opened: set[Mark], refs: set[int]
) -> str:
    """The text of ``[start, end)`` with its marks as flat ``<mark>`` segments."""
    out: list[str] = []
    for seg in segments(start, end, marks, opened):
        text = e(view.text[seg.start : seg.end])
        if not seg.marks:
            out.append(text)
            continue
        classes = " ".join(dict.fromkeys(" ".join(m.css for m in seg.marks).split()))
        title = "; ".join(dict.fromkeys(m.label for m in seg.marks))
        anchors = "".join(
            f'<span id="{view.prefix}{m.anchor}"></span>' for m in seg.opening if m.anchor
        )
        attrs = f' class="{e(classes)}" title="{e(title)}"'
        if seg.opening:
            label = "; ".join(dict.fromkeys(m.label for m in seg.opening))
            attrs += f' tabindex="0" aria-label="{e(label)}"'
        out.append(f"{anchors}<mark{attrs}>{text}</mark>")
        for mark in seg.marks:
            if mark.note is not None and mark.end == seg.end:
                anchor = "" if mark.note in refs else f' id="{view.prefix}ref-{mark.note}"'
                refs.add(mark.note)
                out.append(
                    f'<sup class="ref"><a href="#{view.prefix}note-{mark.note}"{anchor} '
                    f'aria-label="note {mark.note}">{mark.note}</a></sup>'
                )
    return "".join(out)


def _note_list(notes: Iterable[Note], view: View) -> str:
    items = []
    for note in notes:
        kind = {
            "flag": "Flag",
            "byline": "Byline",
            "technique": "Technique",
            "nonresponse": "Non-response",
        }.get(note.kind, note.kind)
        items.append(
            f'<li class="n-{e(note.kind)}" id="{view.prefix}note-{note.number}">'
            f'<a href="#{view.prefix}ref-{note.number}" '
            f'aria-label="back to the text of note {note.number}">'
            f"{note.number}</a> <strong>{e(kind)}: {e(note.title)}</strong>"
            + (f"<br>{e(note.body)}" if note.body else "")
            + (
                f'<span class="ev">Evidence: “{e(_clip(note.evidence, 300))}”</span>'
                if note.evidence
                else ""
            )
            + "</li>"
        )
    if not items:
        return '<ol class="notes" aria-hidden="true"></ol>'
    return f'<ol class="notes" aria-label="Notes">{"".join(items)}</ol>'


# ------------------------------------------------------------------- sources
def _sources(view: View) -> str:
    if "sources" not in view.layers:
        return ""
    if not view.sources:
        body = '<p class="muted">No quoted sources found.</p>'
    else:
        quote_index = {
            q["id"]: i for i, q in enumerate(view.quotes, start=1) if isinstance(q.get("id"), str)
        }
        quotes_by_id = {q["id"]: q for q in view.quotes if isinstance(q.get("id"), str)}
        rows = []
        for source_id in view.source_order:
            rows.append(_source_row(view, source_id, quote_index, quotes_by_id))
        body = (
            '<table class="stack">'
            '<caption class="muted">Everyone the article quotes or paraphrases.</caption>'
            '<thead><tr><th scope="col">Who</th><th scope="col">Named or anonymous</th>'
            '<th scope="col">Descriptor</th><th scope="col">Spoke to the author</th>'
            '<th scope="col">Quotes</th><th scope="col">Flags</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return (
        f'<section id="{view.prefix}sources" aria-labelledby="{view.prefix}h-sources">'
        f'<h2 id="{view.prefix}h-sources">Sources</h2>'
        f"{body}</section>"
    )


def _source_row(
    view: View,
    source_id: str,
    quote_index: Mapping[Any, int],
    quotes_by_id: Mapping[Any, dict[str, Any]],
) -> str:
    source = view.sources[source_id]
    css = view.source_class(source_id)
    anonymous = source.get("anonymous") is True
    status = (
        '<span class="badge b-anon">anonymous</span>'
        if anonymous
        else f'<span class="badge">{"named" if source.get("named") is True else "unnamed"}</span>'
    )
    status += f' <span class="muted">{e(SOURCE_KIND_NAMES[css])}</span>'
    if source.get("anonymous_reason"):
        status += f'<br><span class="muted">why anonymous: {e(source["anonymous_reason"])}</span>'
    own_ids = [q for q in as_list(source.get("quotes")) if isinstance(q, str) and q in quotes_by_id]
    own = [quotes_by_id[q] for q in own_ids]
    to_author = [q for q in own if q.get("to_author") is True]
    if own and len(to_author) == len(own):
        spoke = "<strong>only to the author</strong>"
    elif to_author or source.get("to_author") is True:
        spoke = "yes, in part"
    else:
        spoke = "no"
    links = ", ".join(
        f'<a href="#{view.prefix}quote-{quote_index[q]}">{i}</a>'
        for i, q in enumerate(own_ids, start=1)
    )
    quotes = f"{len(own)} ({_int(source.get('quoted_words'))} words)"
    if links:
        quotes += f"<br>{links}"
    flags = " ".join(
        f'<span class="badge b-flag" title="{e(f.get("reason") or "")}">'
        f"{e(flag_name(f.get('kind')))}</span>"
        for f in view.flags_of(source_id)
    )
    return (
        f'<tr><th scope="row"><mark class="q q-{css}">{bdi(view.source_label(source_id))}'
        "</mark></th>"
        f'<td data-label="Named or anonymous">{status}</td>'
        f'<td data-label="Descriptor">{bdi(source.get("descriptor") or "—")}</td>'
        f'<td data-label="Spoke to the author">{spoke}</td>'
        f'<td data-label="Quotes">{quotes}</td><td data-label="Flags">{flags or "—"}</td></tr>'
    )


# -------------------------------------------------------------------- claims
def _claims(view: View) -> str:
    if "claims" not in view.layers:
        return ""
    listed = view.short_list()
    ids = {id(c) for c in listed}
    items = [
        _claim_item(
            view,
            claim,
            f'<a href="#{view.prefix}claim-{index}">{e(view.span_text(claim["span"]))}</a>',
        )
        for index, claim in enumerate(listed, start=1)
    ]
    body = f'<ol class="claims">{"".join(items)}</ol>' if items else "<p>No check-worthy claim.</p>"
    ranked = view.ranked_claims()
    others = [c for c in ranked if c["checkworthy"] and id(c) not in ids]
    if others:
        rows = "".join(_claim_item(view, c, e(view.span_text(c["span"]))) for c in others)
        body += (
            f"<details><summary>{len(others)} more check-worthy sentences, by rank</summary>"
            f'<ol class="claims">{rows}</ol></details>'
        )
    rest = sum(1 for c in ranked if not c["checkworthy"])
    if rest:
        body += f'<p class="muted">{rest} other sentences scored below the threshold.</p>'
    return (
        f'<section id="{view.prefix}claims" aria-labelledby="{view.prefix}h-claims">'
        f'<h2 id="{view.prefix}h-claims">'
        "Claims to check: the short list, most check-worthy first</h2>"
        f"{body}</section>"
    )


def _claim_item(view: View, claim: Mapping[str, Any], sentence: str) -> str:
    """One claim: the sentence, who stands behind it, type, score, cues, past fact-checks."""
    detail = e(_claim_detail(view, claim))
    features = ", ".join(claim["features"])
    if features:
        detail += f"; cues: {e(features)}"
    finding = (
        "<br><strong>Unsourced factual claim by the author.</strong>"
        if claim["claimant"] == "author"
        else ""
    )
    return f'<li>{sentence}{finding}<br><span class="muted">{detail}</span>{_matches(claim)}</li>'


def _matches(claim: Mapping[str, Any]) -> str:
    found = [m for m in as_list(claim.get("matches")) if isinstance(m, Mapping)]
    if not found:
        if claim.get("searched") is True:
            return '<p class="muted">No past fact-check found in the index.</p>'
        return ""
    rows = []
    for match in found:
        url = match.get("url")
        link = _link(url) if isinstance(url, str) and url else ""
        verdict, where = match_summary(match)
        rows.append(
            f"<li><strong>{e(verdict)}</strong>{' (' + e(where) + ')' if where else ''}: "
            f"“{e(match.get('claim') or '')}” {link} "
            f'<span class="muted">(similarity {_num(match.get("score")):.2f})</span></li>'
        )
    summary = f"<summary>Past fact-checks ({len(rows)})</summary>"
    return f"<details open>{summary}<ul>{''.join(rows)}</ul></details>"


# ------------------------------------------------------------------ comments
def _comments(view: View) -> str:
    comments = view.comments()
    if not comments:
        return ""
    toxic_marks = [m for m in view.marks if m.kind in {"toxic", "technique"}]
    ids = {c["id"] for c in comments}
    opened: set[Mark] = set()
    refs: set[int] = set()
    cards = []
    for number, comment in enumerate(comments, start=1):
        depth = _depth(comment, {c["id"]: c for c in comments})
        badges = _badges(view, comment, ids)
        author = comment.get("author") if isinstance(comment.get("author"), str) else None
        who = f"<strong>{bdi(author)}</strong>" if author else ""
        parent = comment.get("parent")
        reply = ""
        if isinstance(parent, str) and parent in ids:
            reply = (
                f'<span class="muted">reply to <a href="#{_comment_anchor(view, parent)}">'
                f"{bdi(_comment_name(view, parent))}</a></span>"
            )
        paragraphs = comment["paragraphs"] or [{"start": comment["start"], "end": comment["end"]}]
        text = "".join(
            f"<p>{_highlight(view, p['start'], p['end'], toxic_marks, opened, refs)}</p>"
            for p in paragraphs
        )
        offensive = (
            " offensive" if view.toxicity.get(comment["id"], {}).get("offensive") is True else ""
        )
        anchor = f"{view.prefix}comment-{number}"
        cards.append(
            f'<article class="comment d{min(depth, 3)}{offensive}" id="{anchor}" '
            f'aria-label="Comment {number}">'
            f'<header><a class="cnum" href="#{anchor}">Comment {number}</a>'
            f"{who}{_when(comment)}{reply}<span>{badges}</span></header>{text}</article>"
        )
    summary = f'<div class="card">{_thread_summary(view)}{_reference_line(view)}</div>'
    return (
        f'<section id="{view.prefix}comments" aria-labelledby="{view.prefix}h-comments">'
        f'<h2 id="{view.prefix}h-comments">Comments</h2>{summary}{"".join(cards)}</section>'
    )


def _badges(view: View, comment: Mapping[str, Any], ids: set[str]) -> str:
    item = view.toxicity.get(comment["id"])
    badges = []
    if not comment.get("author"):
        badges.append('<span class="badge b-anon">anonymous</span>')
    if item is None:
        return "".join(badges)
    scores = item.get("scores")
    title = f' title="{e(_score_text(scores))}"' if isinstance(scores, Mapping) and scores else ""
    if item.get("offensive") is True:
        badges.append(f'<span class="badge b-off"{title}>offensive</span>')
    else:
        badges.append(f'<span class="badge b-ok"{title}>not offensive</span>')
    if item.get("would_remove") is True:
        badges.append('<span class="badge b-off">would remove</span>')
    target = item.get("target")
    if item.get("offensive") is True and isinstance(target, str):
        political = " (political)" if item.get("political_target") is True else ""
        badges.append(f'<span class="badge b-target">targets: {e(target)}{political}</span>')
    elif item.get("offensive") is True and item.get("targeted") is False:
        badges.append('<span class="badge b-target">untargeted</span>')
    named = item.get("named_target")
    if isinstance(named, Mapping) and isinstance(named.get("name"), str):
        badges.append(f'<span class="badge b-target">target: {bdi(named["name"])}</span>')
    if isinstance(item.get("reason"), str):
        badges.append(f'<span class="badge b-target">why: {e(item["reason"])}</span>')
    duplicate = item.get("duplicate_of")
    if isinstance(duplicate, str) and duplicate:
        anchor = _comment_anchor(view, duplicate)
        shown = bdi(_comment_name(view, duplicate))
        target_html = f'<a href="#{anchor}">{shown}</a>' if anchor else shown
        badges.append(f'<span class="badge b-dup">duplicate of {target_html}</span>')
    for reason in as_list(item.get("junk")):
        badges.append(f'<span class="badge b-junk">junk: {e(reason)}</span>')
    if item.get("off_topic") is True:
        badges.append('<span class="badge b-topic">off topic</span>')
    return "".join(badges)


def _score_text(scores: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} {_num(v):.2f}" for k, v in scores.items())


def _depth(comment: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> int:
    depth, seen = 0, {comment["id"]}
    parent = comment.get("parent")
    while isinstance(parent, str) and parent in by_id and parent not in seen and depth < 3:
        seen.add(parent)
        depth += 1
        parent = by_id[parent].get("parent")
    return depth


def _comment_anchor(view: View, region_id: str) -> str:
    for number, comment in enumerate(view.comments(), start=1):
        if comment["id"] == region_id:
            return f"{view.prefix}comment-{number}"
    return ""


def _comment_name(view: View, region_id: str) -> str:
    """A comment's author, or ``comment 5`` without one (plain text: escape it)."""
    for number, comment in enumerate(view.comments(), start=1):
        if comment["id"] == region_id:
            author = comment.get("author")
            return author if isinstance(author, str) and author else f"comment {number}"
    return str(region_id)


def _comment_label(view: View, region_id: str) -> str:
    """``comment 4 (Elaine Carver)``, or ``comment 5`` without a name (escaped HTML): the
    card's number first, so a summary's mention finds its numbered card."""
    for number, comment in enumerate(view.comments(), start=1):
        if comment["id"] == region_id:
            author = comment.get("author")
            named = f" ({bdi(author)})" if isinstance(author, str) and author else ""
            return f"comment {number}{named}"
    return bdi(region_id)


def _when(comment: Mapping[str, Any]) -> str:
    """The comment's time as the page gave it, and beside it the date it resolves to."""
    when, resolved = comment.get("when"), comment.get("when_resolved")
    if not isinstance(when, str) or not when:
        return ""
    shown = f'<span class="muted">{e(when)}</span>'
    if isinstance(resolved, str) and resolved and resolved != when:
        shown += f' <time datetime="{e(resolved)}">({e(resolved)})</time>'
    return f'<span class="when">{shown}</span>'


def _reference_line(view: View) -> str:
    """Say plainly which date relative comment times were counted back from, if any."""
    comments = view.comments()
    relative = [c for c in comments if isinstance(c.get("when"), str) and c.get("when")]
    if not relative:
        return ""
    reference = view.meta.get("reference_date") or view.meta.get("crawl_date")
    resolved = sum(1 for c in relative if isinstance(c.get("when_resolved"), str))
    if reference:
        return (
            f'<p class="muted">Comment times such as “2 days ago” are counted back from '
            f"{e(reference)}; {resolved} of {len(relative)} resolved to a date.</p>"
        )
    return (
        '<p class="muted">No reference date was given, so comment times such as “2 days ago” '
        "stay as the page wrote them.</p>"
    )


# -------------------------------------------------------------------- footer
def _footer(view: View) -> str:
    analysed = ", ".join(sorted(k for k in view.layers if k not in ARTICLE_KINDS))
    return (
        f"<footer><p>Made by newsift {e(__version__)} from document {e(view.id)}. "
        f"Layers: {e(analysed or 'none')}. Highlights are machine findings to check, "
        "not verdicts.</p></footer>"
    )


# ------------------------------------------------------------------- helpers
def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return 0.0


def _int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value == value and abs(value) < 1e15:
        return int(value)
    return 0
