"""A self-contained HTML dashboard of a corpus analysis: tables and inline SVG bars.

No scripts, no external files: one HTML page with its CSS inline, safe to mail
or open offline. Every string from the corpus is escaped (``html.escape``), as
page text is attacker-written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.flag{color:#a40000;font-weight:600}.num{text-align:right}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;padding:.6em 1em}
.card b{display:block;font-size:1.5em}.diff{font-family:monospace;font-size:12px}
"""
_MAX_ROWS = 200


def render_report(result: Mapping[str, Any], title: str = "newsift corpus report") -> str:
    """The whole dashboard as one HTML string."""
    summary = result.get("summary", {})
    ledger = result.get("ledger", [])
    flagged = [row for row in ledger if row.get("flags")]
    outlets = result.get("outlets", [])
    parts = [
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>",
        f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1>",
        _cards(summary),
        "<h2>Outcomes</h2>",
        bar_chart(sorted(summary.get("outcomes", {}).items()), unit="inputs"),
        "<h2>Flagged people</h2><p>Leads to check, not verdicts: "
        "<code>cluster_confined</code> = quoted only inside one cluster of outlets that share "
        "bylines or copied text.</p>",
        _ledger_table(flagged),
        "<h2>Outlet anonymous-source share</h2>",
        bar_chart(
            [(o["outlet"], o.get("anonymous_share") or 0.0) for o in outlets[:40]], unit="share"
        ),
        "<h2>Outlets</h2>",
        table(
            outlets,
            [
                "outlet",
                "cluster",
                "documents",
                "authors",
                "shared_bylines",
                "anonymous_share",
                "techniques_per_1000_words",
                "checkworthy_per_1000_words",
                "comment_toxicity",
            ],
        ),
        "<h2>Near-duplicate clusters</h2>",
        table(
            result.get("duplicates", []),
            ["cluster", "doc_id", "first", "outlet", "author", "published", "similarity", "diff"],
        ),
        "<h2>Authors</h2>",
        table(
            result.get("authors", []),
            [
                "author",
                "documents",
                "outlets",
                "byline_reuse",
                "anonymous_share",
                "techniques_per_1000_words",
                "checkworthy_per_1000_words",
                "comment_toxicity",
            ],
        ),
        "<h2>Expert ledger</h2>",
        _ledger_table(ledger),
        "</body></html>",
    ]
    return "\n".join(parts)


def bar_chart(items: Sequence[tuple[str, float]], unit: str = "", width: int = 640) -> str:
    """Horizontal bars as inline SVG; labels escaped."""
    if not items:
        return "<p>(nothing to plot)</p>"
    top = max((float(v) for _, v in items), default=0.0) or 1.0
    row, label_w = 20, 220
    height = row * len(items) + 4
    bars = []
    for i, (label, value) in enumerate(items):
        y = i * row + 2
        length = (width - label_w - 80) * float(value) / top
        bars.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(str(label)[:40])}'
            f'</text><rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" '
            f'fill="#4a78b5"/><text x="{label_w + length + 4:.1f}" y="{y + 14}">'
            f"{escape(_number(value))}</text>"
        )
    return (
        f'<svg role="img" aria-label="{escape(unit)}" width="{width}" height="{height}" '
        f'font-size="12" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """An HTML table of the first rows; lists joined, ``None`` shown as null."""
    if not rows:
        return "<p>(none)</p>"
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for row in rows[:_MAX_ROWS]:
        cells = []
        for column in columns:
            value = row.get(column)
            css = ' class="num"' if isinstance(value, int | float) else ""
            css = ' class="diff"' if column == "diff" else css
            cells.append(f"<td{css}>{escape(_cell(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f"<p>{len(rows) - _MAX_ROWS} more rows in the Parquet files.</p>"
        if len(rows) > _MAX_ROWS
        else ""
    )
    return f"<table><tr>{head}</tr>{''.join(body)}</table>{more}"


def _ledger_table(rows: Sequence[Mapping[str, Any]]) -> str:
    columns = [
        "person",
        "flags",
        "variants",
        "documents",
        "outlets",
        "authors",
        "first_seen",
        "last_seen",
        "descriptors",
        "to_author_share",
    ]
    html = table(rows, columns)
    return html.replace("<td>cluster_confined", '<td class="flag">cluster_confined')


def _cards(summary: Mapping[str, Any]) -> str:
    keys = (
        "documents",
        "outlets",
        "outlet_clusters",
        "duplicate_clusters",
        "people",
        "flagged_people",
    )
    cards = "".join(
        f'<div class="card"><b>{escape(_cell(summary.get(k)))}</b>'
        f"{escape(k.replace('_', ' '))}</div>"
        for k in keys
    )
    layers = ", ".join(summary.get("layers", [])) or "none"
    return f'<div class="cards">{cards}</div><p>Layers: {escape(layers)}</p>'


def _cell(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _number(value: float) -> str:
    return f"{value:,.3g}" if isinstance(value, float) else f"{value:,}"
