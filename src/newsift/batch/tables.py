"""Flatten analysed documents into the batch tables, each with a fixed Arrow schema.

Tables (one Parquet file per table per shard):

- ``outcomes``: one row per input id (``id, status, analyzer, reason, code, seconds``);
- ``documents``: one row per ``ok`` document: its full JSON and flat columns;
- ``sources``, ``quotes``: the attribution layers, one row per item;
- ``claims``, ``techniques``, ``toxicity``: one row per item when a document has
  the layer (the pipeline may not have it; the table is then empty).

``techniques`` rows are read generically (a label, a score, a span and the
item's JSON), so a new field in that layer needs no change here; a ``toxicity``
row is one comment: its ``offensive`` decision and score, the target as label,
and the comment region's span.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from newsift.unicode import clean_text

S, F, N, B = pa.string(), pa.float64(), pa.int64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "outcomes": pa.schema(
        [("id", S), ("status", S), ("analyzer", S), ("reason", S), ("code", S), ("seconds", F)]
    ),
    "documents": pa.schema(
        [
            ("id", S),
            ("headline", S),
            ("author", S),
            ("published", S),
            ("language", S),
            ("url", S),
            ("host", S),
            ("outlet", S),
            ("words", N),
            ("layers", S),
            ("json", S),
        ]
    ),
    "sources": pa.schema(
        [
            ("doc_id", S),
            ("source_id", S),
            ("name", S),
            ("kind", S),
            ("named", B),
            ("anonymous", B),
            ("descriptor", S),
            ("anonymous_reason", S),
            ("to_author", B),
            ("quotes", N),
            ("quoted_words", N),
        ]
    ),
    "quotes": pa.schema(
        [
            ("doc_id", S),
            ("quote_id", S),
            ("kind", S),
            ("source_id", S),
            ("to_author", B),
            ("speaker", S),
            ("content", S),
        ]
    ),
    "claims": pa.schema(
        [("doc_id", S), ("text", S), ("score", F), ("rank", N), ("checkworthy", B), ("type", S)]
    ),
    "techniques": pa.schema(
        [
            ("doc_id", S),
            ("label", S),
            ("score", F),
            ("start", N),
            ("end", N),
            ("text", S),
            ("json", S),
        ]
    ),
    "toxicity": pa.schema(
        [
            ("doc_id", S),
            ("label", S),
            ("offensive", B),
            ("score", F),
            ("start", N),
            ("end", N),
            ("text", S),
            ("json", S),
        ]
    ),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
Row = dict[str, Any]


def to_table(name: str, rows: list[Row]) -> pa.Table:
    """Rows as an Arrow table of the fixed schema (missing keys are null).

    A string that cannot be written as UTF-8 (a lone surrogate that got past the
    readers, in a reason, a path or a document) has it replaced with U+FFFD, so
    one record can never stop a shard from being written.
    """
    schema = SCHEMAS[name]
    columns = {field.name: [row.get(field.name) for row in rows] for field in schema}
    try:
        return pa.table(columns, schema=schema)
    except UnicodeEncodeError:
        for field in schema:
            if field.type == S:
                columns[field.name] = [_utf8(value) for value in columns[field.name]]
        return pa.table(columns, schema=schema)


def document_rows(doc: Mapping[str, Any]) -> dict[str, list[Row]]:
    """Every table's rows for one analysed document (``outcomes`` excluded)."""
    doc_id = str(doc.get("id"))
    text = str(doc.get("text", ""))
    meta = doc.get("meta") or {}
    url = meta.get("url")
    host = _host(url)
    layers = sorted(k for k in doc if k not in {"schema", "id", "text", "meta"})
    rows: dict[str, list[Row]] = {name: [] for name in TABLES if name != "outcomes"}
    rows["documents"].append(
        {
            "id": doc_id,
            "headline": meta.get("headline"),
            "author": meta.get("author"),
            "published": meta.get("published"),
            "language": meta.get("language"),
            "url": url,
            "host": host,
            "outlet": _outlet(host),
            "words": len(text.split()),
            "layers": ",".join(layers),
            "json": json.dumps(doc, ensure_ascii=False),
        }
    )
    for item in _items(doc, "sources"):
        rows["sources"].append(
            {
                "doc_id": doc_id,
                "source_id": item.get("id"),
                "name": item.get("name"),
                "kind": item.get("kind"),
                "named": item.get("named"),
                "anonymous": item.get("anonymous"),
                "descriptor": item.get("descriptor"),
                "anonymous_reason": item.get("anonymous_reason"),
                "to_author": item.get("to_author"),
                "quotes": len(item.get("quotes") or []),
                "quoted_words": item.get("quoted_words"),
            }
        )
    for item in _items(doc, "quotes"):
        rows["quotes"].append(
            {
                "doc_id": doc_id,
                "quote_id": item.get("id"),
                "kind": item.get("kind"),
                "source_id": item.get("source"),
                "to_author": item.get("to_author"),
                "speaker": _span_text(text, item.get("speaker")),
                "content": _span_text(text, item.get("content")),
            }
        )
    for item in _items(doc, "claims"):
        rows["claims"].append(
            {
                "doc_id": doc_id,
                "text": _span_text(text, item.get("span")),
                "score": _float(item.get("score")),
                "rank": _int(item.get("rank")),
                "checkworthy": item.get("checkworthy")
                if isinstance(item.get("checkworthy"), bool)
                else None,
                "type": _str(item.get("type")),
            }
        )
    rows["techniques"].extend(_generic_row(doc_id, text, i) for i in _items(doc, "techniques"))
    regions = {r.get("id"): r for r in _items(doc, "regions")}
    rows["toxicity"].extend(
        _toxicity_row(doc_id, text, item, regions) for item in _items(doc, "toxicity")
    )
    return rows


def _toxicity_row(
    doc_id: str, text: str, item: Mapping[str, Any], regions: Mapping[Any, Mapping[str, Any]]
) -> Row:
    """A ``toxicity`` item (one comment): its ``offensive`` score and the comment's span."""
    row = _generic_row(doc_id, text, regions.get(item.get("region"), {}))
    scores = item.get("scores")
    offensive = item.get("offensive")
    row["label"] = _str(item.get("target")) or ("offensive" if offensive is True else None)
    if isinstance(scores, Mapping):
        row["score"] = _float(scores.get("offensive"))
    row["offensive"] = offensive if isinstance(offensive, bool) else None
    row["text"] = (row["text"] or "")[:500] or None
    row["json"] = json.dumps(item, ensure_ascii=False)
    return row


def _generic_row(doc_id: str, text: str, item: Mapping[str, Any]) -> Row:
    raw_span = item.get("span")
    span: Mapping[str, Any] = raw_span if isinstance(raw_span, Mapping) else item
    label = next((item[k] for k in ("technique", "label", "kind", "type") if k in item), None)
    score = next((item[k] for k in ("score", "probability", "toxicity") if k in item), None)
    return {
        "doc_id": doc_id,
        "label": _str(label),
        "score": _float(score),
        "start": _int(span.get("start")),
        "end": _int(span.get("end")),
        "text": _span_text(text, span),
        "json": json.dumps(item, ensure_ascii=False),
    }


def _items(doc: Mapping[str, Any], layer: str) -> Iterable[Mapping[str, Any]]:
    items = doc.get(layer)
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, Mapping)]


def _span_text(text: str, span: Any) -> str | None:
    if not isinstance(span, Mapping):
        return None
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return text[start:end]
    return None


def _host(url: Any) -> str | None:
    if not isinstance(url, str) or not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host or None


def _outlet(host: str | None) -> str | None:
    """The outlet a host stands for: the host without ``www.``."""
    if host is None:
        return None
    return host[4:] if host.startswith("www.") else host


def _float(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _utf8(value: Any) -> Any:
    return clean_text(value)[0] if isinstance(value, str) else value


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
