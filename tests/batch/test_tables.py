"""Documents flatten into the batch tables; absent layers give no rows, not errors."""

from __future__ import annotations

import json

import pytest

from newsift.batch.tables import SCHEMAS, TABLES, document_rows, to_table

TEXT = "Title\n\nShe said it was fine.\n\nYou idiots."
DOC = {
    "schema": "newsift.document/1.0",
    "id": "d1",
    "text": TEXT,
    "meta": {"headline": "Title", "author": "A B", "url": "https://www.news.example/x"},
    "regions": [{"id": "r1", "kind": "body", "start": 7, "end": 28},
                {"id": "r2", "kind": "comment", "start": 30, "end": 41}],
    "sources": [{"id": "s1", "name": "She", "kind": "person", "named": False,
                 "anonymous": True, "to_author": False, "quotes": ["q1"], "quoted_words": 3}],
    "quotes": [{"id": "q1", "kind": "indirect", "content": {"start": 16, "end": 28},
                "speaker": {"start": 7, "end": 10}, "source": "s1", "to_author": False}],
    "claims": [{"span": {"start": 7, "end": 28}, "score": 0.7, "rank": 1,
                "checkworthy": True, "type": "other"}],
    "techniques": [{"span": {"start": 30, "end": 41}, "label": "Name_Calling", "score": 0.9}],
    "toxicity": [{"region": "r2", "scores": {"offensive": 0.8}, "offensive": True,
                  "target": "group"}],
}  # fmt: skip


def test_every_layer_flattens() -> None:
    rows = document_rows(DOC)
    doc = rows["documents"][0]
    assert (doc["outlet"], doc["host"], doc["words"]) == ("news.example", "www.news.example", 8)
    assert json.loads(doc["json"]) == DOC
    assert rows["sources"][0]["anonymous"] is True and rows["sources"][0]["quotes"] == 1
    assert (rows["quotes"][0]["speaker"], rows["quotes"][0]["content"]) == ("She", "it was fine.")
    assert rows["claims"][0]["text"] == "She said it was fine."
    assert (rows["techniques"][0]["label"], rows["techniques"][0]["text"]) == (
        "Name_Calling", "You idiots.")  # fmt: skip
    toxic = rows["toxicity"][0]
    assert (toxic["score"], toxic["offensive"], toxic["label"], toxic["text"]) == (
        0.8, True, "group", "You idiots.")  # fmt: skip


@pytest.mark.parametrize("layer", ["sources", "quotes", "claims", "techniques", "toxicity"])
def test_an_absent_or_broken_layer_gives_no_rows(layer: str) -> None:
    without = {k: v for k, v in DOC.items() if k != layer}
    assert document_rows(without)[layer] == []
    assert document_rows({**DOC, layer: "not a list"})[layer] == []


def test_tables_keep_their_schema_even_when_empty() -> None:
    for name in TABLES:
        assert to_table(name, []).schema == SCHEMAS[name]
    table = to_table("documents", document_rows(DOC)["documents"])
    assert table.num_rows == 1 and table.schema == SCHEMAS["documents"]
