"""The layer tables built from the layers' registrations are the tables batch wrote
before they were (issue 20: one registration per layer, behaviour unchanged).

The expected side is the flattening ``newsift/batch/tables.py`` did by hand until then,
kept here verbatim (``_before_rows``) with its column lists (``BEFORE_COLUMNS``); it
is compared row by row, value by value and type by type, on analysed pages (the
sample and every HTML fixture through the default pipeline) and on damaged items.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

import newsift
from newsift.batch.tables import SCHEMAS, TABLES, document_rows, to_table
from tests.batch.test_tables import DOC

ROOT = Path(__file__).resolve().parents[2]
PAGES = [newsift.sample_path(), *sorted((ROOT / "tests/fixtures/html").glob("*.html"))]
LAYER_TABLES = ("sources", "quotes", "claims", "techniques", "toxicity")

#: every layer table's columns and Arrow types before the registrations
BEFORE_COLUMNS = {
    "sources": [("doc_id", "string"), ("source_id", "string"), ("name", "string"),
                ("kind", "string"), ("named", "bool"), ("anonymous", "bool"),
                ("descriptor", "string"), ("anonymous_reason", "string"),
                ("to_author", "bool"), ("quotes", "int64"), ("quoted_words", "int64")],
    "quotes": [("doc_id", "string"), ("quote_id", "string"), ("kind", "string"),
               ("source_id", "string"), ("to_author", "bool"), ("speaker", "string"),
               ("content", "string")],
    "claims": [("doc_id", "string"), ("text", "string"), ("score", "double"),
               ("rank", "int64"), ("checkworthy", "bool"), ("type", "string")],
    "techniques": [("doc_id", "string"), ("label", "string"), ("score", "double"),
                   ("start", "int64"), ("end", "int64"), ("text", "string"),
                   ("json", "string")],
    "toxicity": [("doc_id", "string"), ("label", "string"), ("offensive", "bool"),
                 ("score", "double"), ("start", "int64"), ("end", "int64"),
                 ("text", "string"), ("json", "string")],
}  # fmt: skip


@pytest.fixture(scope="module")
def analysed() -> list[dict[str, Any]]:
    pipeline = newsift.Pipeline.from_config("default")
    return [json.loads(json.dumps(newsift.analyze(p, pipeline=pipeline).to_dict())) for p in PAGES]


def test_tables_and_their_order_are_unchanged() -> None:
    assert ("outcomes", "documents", *LAYER_TABLES) == TABLES


@pytest.mark.parametrize("table", LAYER_TABLES)
def test_each_layer_table_keeps_its_columns_and_types(table: str) -> None:
    schema = SCHEMAS[table]
    assert [(f.name, str(f.type)) for f in schema] == BEFORE_COLUMNS[table]


def test_analysed_pages_give_the_rows_they_gave_before(analysed: list[dict[str, Any]]) -> None:
    seen = dict.fromkeys(LAYER_TABLES, 0)
    for doc in analysed:
        rows = document_rows(doc)
        before = _before_rows(doc)
        for table in LAYER_TABLES:
            assert _typed(to_table(table, rows[table])) == _typed(to_table(table, before[table])), (
                doc["id"],
                table,
            )
            seen[table] += len(rows[table])
    assert all(seen.values()), f"every layer table should get rows from the pages: {seen}"


def _damaged() -> list[tuple[str, dict[str, Any]]]:
    """DOC with one layer's items broken in the ways the lenient reading must survive."""
    return [
        ("wrong types", {**DOC, "claims": [{"span": {"start": "7", "end": 28}, "score": "high",
                                            "rank": True, "checkworthy": 1, "type": 3}]}),
        ("int score", {**DOC, "techniques": [{"span": {"start": 30, "end": 41},
                                              "technique": "Doubt", "probability": 1}]}),
        ("span on the item", {**DOC, "techniques": [{"start": 30, "end": 41, "kind": "x"}]}),
        ("span past the text", {**DOC, "quotes": [{"id": "q", "content": {"start": 0,
                                                                          "end": 999}}]}),
        ("no region", {**DOC, "toxicity": [{"region": "nope", "offensive": False,
                                            "scores": "bad"}]}),
        ("empty target", {**DOC, "toxicity": [{"region": "r2", "offensive": True,
                                               "target": ""}]}),
        ("regions not a list", {**DOC, "regions": "x"}),
        ("items not objects", {**DOC, "sources": [1, "a", None], "toxicity": [[]]}),
        ("no text", {k: v for k, v in DOC.items() if k != "text"}),
    ]  # fmt: skip


@pytest.mark.parametrize(("case", "doc"), _damaged(), ids=[c for c, _ in _damaged()])
def test_damaged_items_give_the_rows_they_gave_before(case: str, doc: dict[str, Any]) -> None:
    rows, before = document_rows(doc), _before_rows(doc)
    for table in LAYER_TABLES:
        assert _typed(to_table(table, rows[table])) == _typed(to_table(table, before[table]))


def _typed(table: Any) -> list[list[tuple[str, Any]]]:
    """Every value with its Python type, so 1 and 1.0 or 1 and True differ."""
    return [[(type(v).__name__, v) for v in row.values()] for row in table.to_pylist()]


# The flattening before the registrations, verbatim (only renamed) -------------------


def _before_rows(doc: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    doc_id = str(doc.get("id"))
    text = str(doc.get("text", ""))
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in LAYER_TABLES}
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
) -> dict[str, Any]:
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


def _generic_row(doc_id: str, text: str, item: Mapping[str, Any]) -> dict[str, Any]:
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


def _float(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
