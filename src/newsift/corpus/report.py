"""A self-contained HTML dashboard of a corpus analysis: charts, a network, readable tables.

One HTML page with its CSS inline, safe to mail, open offline or print: no
script and no external file, under a Content-Security-Policy that allows only
its own stylesheet (by hash). Charts are static SVG on real axes from zero
(:mod:`newsift.corpus.charts`); the outlet network and the timeline of each
near-duplicate cluster draw what the tables count (:mod:`newsift.corpus.outlet_graph`).
Tables show words, not raw values: a missing measurement is "—" with a
tooltip, a flag is "yes"/"no", a share a percentage; on a narrow screen each
row becomes a labelled card. Sorting and filtering live in the SQLite export
(``newsift corpus export --sqlite``, for Datasette) and the DuckDB views.
Every string from the corpus is escaped (``html.escape``): page text is
attacker-written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from newsift.corpus.charts import bar_chart, cluster_timeline, ledger_timeline
from newsift.corpus.outlet_graph import network_svg
from newsift.report.style import css_hash

_CSS = """
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#cfcfcf;--soft:#f4f4f2;--accent:#1f4e9c}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:var(--ink);background:#fff}
.wrap{max-width:1200px;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.6em;margin:.4em 0}h2{margin-top:2em;border-bottom:1px solid var(--line)}
a{color:var(--accent)}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}
.lead{max-width:60rem}.muted{color:var(--muted)}
.cards{display:flex;gap:.8em;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:6px;padding:.5em .9em;background:var(--soft)}
.card b{display:block;font-size:1.5em}
figure{margin:.8em 0}figcaption{color:var(--muted);font-size:.9em;max-width:60rem}
svg.chart{width:100%;max-width:760px;height:auto;display:block}
svg.network{width:100%;max-width:860px;height:auto;display:block}
svg .bar{fill:#1f4e9c}svg .grid{stroke:#e2e2e2}svg .axis{stroke:#333}
svg .lbl,svg .tick,svg .val{fill:#1b1b1b}svg .val-in{fill:#fff;font-weight:700}
svg .axis-label{fill:#1b1b1b;font-weight:700}
svg .node{stroke:#1b1b1b;stroke-width:1}svg .node-label{fill:#1b1b1b}
svg .c0{fill:#1f4e9c}svg .c1{fill:#d9822b}svg .c2{fill:#3a8f3a}svg .c3{fill:#9b59b6}
svg .c4{fill:#c0392b}svg .c5{fill:#7f8c8d}svg .c-none{fill:#fff}
svg .l-text{stroke:#1f4e9c;fill:none;opacity:.8}
svg .l-experts{stroke:#b35900;fill:none;stroke-dasharray:9 5;opacity:.85}
svg .l-bylines{stroke:#555;fill:none;stroke-dasharray:2 4;opacity:.9}
svg.key{width:40px;height:10px;vertical-align:middle}svg.key line{stroke-width:3}
ul.keys{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2em 1.5em}
.timelines figure{margin:.4em 0 1.2em}
ul.changes{margin:.2em 0 0;padding-left:1.2em;font-size:.88em;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.92em}
th,td{border-bottom:1px solid var(--line);padding:.3em .45em;text-align:left;vertical-align:top;
overflow-wrap:break-word}
td.diff{overflow-wrap:anywhere;min-width:12rem}
thead th{border-bottom:2px solid var(--ink);background:var(--soft)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{color:#a40000;font-weight:600}.diff{font-family:monospace;font-size:12px}
.na{color:var(--muted)}
@media screen and (max-width:820px){
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block}
table.stack thead{position:absolute;left:-9999px}
table.stack tr{border-bottom:2px solid var(--line);padding:.3em 0}
table.stack td{border:0;padding:.1em .4em;text-align:left}
table.stack td::before{content:attr(data-label) ": ";font-weight:700}
}
@media print{
body{font-size:10pt}nav{display:none}.wrap{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
figure,tr,.card{break-inside:avoid}h2{break-after:avoid}
svg.network{max-width:16cm}
}
"""
_CSP = f"default-src 'none'; style-src {css_hash(_CSS)}; img-src data:; base-uri 'none'"
_MAX_ROWS = 200
#: Near-duplicate clusters drawn as timelines (the largest first); the table lists all.
_MAX_TIMELINES = 12

#: Plain headers for the table columns; a column not here shows its name with spaces.
HEADERS = {
    "outlet": "Outlet",
    "cluster": "Outlet cluster",
    "documents": "Documents",
    "authors": "Authors",
    "shared_bylines": "Bylines shared with other outlets",
    "anonymous_share": "Anonymous sources",
    "techniques_per_1000_words": "Techniques per 1,000 words",
    "checkworthy_per_1000_words": "Check-worthy claims per 1,000 words",
    "comment_toxicity": "Mean comment toxicity",
    "doc_id": "Document",
    "first": "First seen",
    "author": "Author",
    "published": "Published",
    "similarity": "Similarity to the first",
    "diff": "What changed",
    "outlets": "Outlets",
    "byline_reuse": "Byline on several outlets",
    "person": "Person",
    "flags": "Flags",
    "variants": "Names used",
    "first_seen": "First quoted",
    "last_seen": "Last quoted",
    "descriptors": "Described as",
    "to_author_share": "Said to the author",
}
SECTIONS = (
    ("outcomes", "Outcomes"),
    ("network", "Network"),
    ("spread", "Copies over time"),
    ("flagged", "Flagged people"),
    ("anonymous", "Anonymous sources"),
    ("outlets", "Outlets"),
    ("duplicates", "Near-duplicates"),
    ("authors", "Authors"),
    ("ledger", "Expert ledger"),
    ("explore", "Explore the tables"),
)
LEDGER_COLUMNS = (
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
)


def render_report(result: Mapping[str, Any], title: str = "newsift corpus report") -> str:
    """The whole dashboard as one HTML string."""
    summary = result.get("summary") or {}
    ledger = _rows(result, "ledger")
    outlets = _rows(result, "outlets")
    flagged = [row for row in ledger if row.get("flags")]
    measured = [o for o in outlets if isinstance(o.get("anonymous_share"), int | float)]
    toc = "".join(f'<li><a href="#{key}">{escape(name)}</a></li>' for key, name in SECTIONS)
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(_CSP)}">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><div class=wrap>",
        f"<h1>{escape(title)}</h1>",
        f'<nav aria-label="Sections"><ul>{toc}</ul></nav>',
        _cards(summary),
        _section("outcomes", "Outcomes"),
        bar_chart(
            sorted((str(k), float(v)) for k, v in (summary.get("outcomes") or {}).items()),
            axis_label="inputs (count)",
            title="Inputs by outcome of the batch run",
        ),
        _section("network", "Outlets linked by copied text, shared experts and bylines"),
        '<p class="lead">Each circle is an outlet. A line joins two outlets that published '
        "near-duplicates of the same article, quoted the same person, or carry the same "
        "byline. A tight group of outlets that copy each other and quote the same few "
        "experts is a lead to check, not a verdict.</p>",
        network_svg(result),
        _section("spread", "How each near-duplicate cluster spread"),
        _timelines(_rows(result, "duplicates")),
        _section("flagged", "Flagged people"),
        "<p>Leads to check, not verdicts: <code>cluster_confined</code> = quoted only "
        "inside one cluster of outlets that share bylines or copied text; "
        "<code>only_to_author</code> = every quote was said to the article's author; "
        "<code>varying_descriptors</code> = described in more than two ways.</p>",
        _ledger_table(flagged),
        ledger_timeline(ledger),
        _section("anonymous", "Share of anonymous sources per outlet"),
        bar_chart(
            [(str(o["outlet"]), float(o["anonymous_share"])) for o in measured[:40]],
            axis_label="anonymous sources (% of the outlet's sources)",
            title="Anonymous sources per outlet (outlets with the most documents first)",
            percent=True,
        ),
        _unmeasured(len(outlets) - len(measured)),
        _section("outlets", "Outlets"),
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
        _section("duplicates", "Near-duplicate clusters"),
        table(
            _rows(result, "duplicates"),
            ["cluster", "doc_id", "first", "outlet", "author", "published", "similarity", "diff"],
        ),
        _section("authors", "Authors"),
        table(
            _rows(result, "authors"),
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
        _section("ledger", "Expert ledger"),
        _ledger_table(ledger),
        _section("explore", "Explore the tables"),
        "<p>To sort, filter and join these tables: <code>newsift corpus export OUT_DIR "
        "--sqlite corpus.sqlite</code>, then <code>datasette corpus.sqlite</code>; or query "
        "the views <code>corpus_outlets</code>, <code>corpus_ledger</code>, "
        "<code>corpus_duplicates</code>, <code>corpus_authors</code> in "
        "<code>OUT_DIR/corpus.duckdb</code>. A dash (—) in a table: not measured (the layer "
        "did not run, or there was nothing to count).</p>",
        "</div></body></html>",
    ]
    return "\n".join(parts)


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """An HTML table of the first rows, every cell in words (see :func:`cell`)."""
    if not rows:
        return '<p class="muted">(none)</p>'
    head = "".join(f'<th scope="col">{escape(_header(c))}</th>' for c in columns)
    body = []
    for row in rows[:_MAX_ROWS]:
        cells = []
        for column in columns:
            value = row.get(column)
            css = "num" if isinstance(value, int | float) and not isinstance(value, bool) else ""
            css = "diff" if column == "diff" else css
            css += " flag" if column == "flags" and value else ""
            css_attr = f' class="{css.strip()}"' if css.strip() else ""
            cells.append(
                f'<td data-label="{escape(_header(column))}"{css_attr}>{cell(column, value)}</td>'
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p class="muted">{len(rows) - _MAX_ROWS} more rows in the Parquet files and the '
        "SQLite export.</p>"
        if len(rows) > _MAX_ROWS
        else ""
    )
    rows_html = "".join(body)
    return (
        f'<table class="stack"><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>'
        f"{more}"
    )


def cell(column: str, value: Any) -> str:
    """One cell as escaped HTML in words: no raw ``null``, ``True`` or ``False``."""
    if value is None or value == []:
        return '<span class="na" title="not measured or nothing to count">—</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return escape(", ".join(str(v) for v in value))
    if isinstance(value, float) and column.endswith("_share"):
        return f"{value * 100:.0f}%"
    if isinstance(value, float):
        return f"{value:,.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return escape(str(value))


def _header(column: str) -> str:
    return HEADERS.get(column, column.replace("_", " ").capitalize())


def _section(key: str, heading: str) -> str:
    return f'<h2 id="{key}">{escape(heading)}</h2>'


def _timelines(duplicates: Sequence[Mapping[str, Any]]) -> str:
    clusters: dict[int, list[Mapping[str, Any]]] = {}
    for row in duplicates:
        number = row.get("cluster")
        if isinstance(number, int):
            clusters.setdefault(number, []).append(row)
    if not clusters:
        return '<p class="muted">No near-duplicate articles found.</p>'
    ordered = sorted(clusters.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    shown = "".join(cluster_timeline(rows, n) for n, rows in ordered[:_MAX_TIMELINES])
    rest = len(ordered) - _MAX_TIMELINES
    more = (
        f'<p class="muted">{rest} smaller clusters are in the table below.</p>' if rest > 0 else ""
    )
    return (
        '<p class="lead">One chart per cluster of near-duplicate articles: where each copy '
        "appeared, how many days after the first-seen copy, and how similar it stayed "
        "(estimated Jaccard similarity of word 4-grams; 1.00 = unchanged), and under it what "
        f'each copy changed (-removed +added words).</p><div class="timelines">{shown}</div>{more}'
    )


def _unmeasured(count: int) -> str:
    if count <= 0:
        return ""
    return f'<p class="muted">{count} outlets not drawn: no sources measured.</p>'


def _ledger_table(rows: Sequence[Mapping[str, Any]]) -> str:
    return table(rows, LEDGER_COLUMNS)


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
        f'<div class="card"><b>{cell(k, summary.get(k))}</b>{escape(k.replace("_", " "))}</div>'
        for k in keys
    )
    layers = ", ".join(str(x) for x in summary.get("layers") or []) or "none"
    return f'<div class="cards">{cards}</div><p>Layers: {escape(layers)}</p>'


def _rows(result: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    rows = result.get(name)
    return [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []
