"""Flatten analysed documents into the batch tables, each with a fixed Arrow schema.

Tables (one Parquet file per table per shard):

- ``outcomes``: one row per input id (``id, status, analyzer, reason, code, seconds``);
- ``documents``: one row per ``ok`` document: its full JSON and flat columns;
- one table per layer that declares one where it is registered
  (:func:`newsift.document.declare_layer` with a :class:`~newsift.document.LayerTable`):
  today ``sources``, ``quotes``, ``claims``, ``techniques`` and ``toxicity``, one row
  per item when a document has the layer (the pipeline may not have it; the table
  is then empty). The layer names its columns and their JSON types and flattens its
  items; this module adds ``doc_id``, maps the types to Arrow and writes a value of
  another type as null, so a new layer's table needs no change here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

import newsift  # noqa: F401  (importing the package registers every layer)
from newsift import fields as field_types
from newsift.document import ColumnType, LayerTable, ordered_layers
from newsift.document import Row as Row  # batch.run reads rows by this name
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
}
#: each column type a layer declares (:class:`newsift.document.LayerTable`), in Arrow
#: and as written: a value of another type is written as null
ARROW_TYPES: dict[ColumnType, pa.DataType] = {"string": S, "float": F, "int": N, "bool": B}
_AS_TYPE: dict[ColumnType, Callable[[Any], Any]] = {
    "string": lambda v: v if isinstance(v, str) else None,
    "float": lambda v: float(v) if field_types.is_number(v) else None,
    "int": lambda v: v if isinstance(v, int) and not isinstance(v, bool) else None,
    "bool": lambda v: v if isinstance(v, bool) else None,
}
#: the layers with a table (every registered layer that declares one), in their order
LAYER_TABLES: dict[str, LayerTable] = {
    spec.name: spec.table for spec in ordered_layers() if spec.table is not None
}


def layer_schema(table: LayerTable) -> pa.Schema:
    """A layer table's Arrow schema: ``doc_id``, then the columns the layer declares."""
    return pa.schema([("doc_id", S), *((c, ARROW_TYPES[kind]) for c, kind in table.columns)])


SCHEMAS.update((name, layer_schema(table)) for name, table in LAYER_TABLES.items())
TABLES: tuple[str, ...] = tuple(SCHEMAS)


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
    for name, table in LAYER_TABLES.items():
        items = _items(doc, name)
        if items:
            rows[name] = [_typed(doc_id, table, row) for row in table.rows(items, doc)]
    return rows


def _typed(doc_id: str, table: LayerTable, row: Row) -> Row:
    """A layer's row with its ``doc_id`` and each value of its column's declared type."""
    out: Row = {"doc_id": doc_id}
    for column, kind in table.columns:
        out[column] = _AS_TYPE[kind](row.get(column))
    return out


def _items(doc: Mapping[str, Any], layer: str) -> list[Mapping[str, Any]]:
    items = doc.get(layer)
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, Mapping)]


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


def _utf8(value: Any) -> Any:
    return clean_text(value)[0] if isinstance(value, str) else value
