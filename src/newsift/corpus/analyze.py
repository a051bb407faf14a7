"""``analyze_corpus``: cross-document forensics over a ``newsift batch`` output folder.

Reads the completed shards (through the manifest), then writes to
``OUT_DIR/corpus/``: ``duplicates``, ``ledger``, ``authors``, ``outlets`` as
Parquet, and everything together as ``corpus.json`` (what ``newsift corpus
report`` draws). It also adds views of those tables to ``corpus.duckdb``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as _pq

from newsift.batch import store
from newsift.corpus.duplicates import find_clusters, rows_bodies
from newsift.corpus.ledger import build_ledger, outlet_clusters
from newsift.corpus.profiles import build_profiles

pq: Any = _pq  # pyarrow.parquet has no type hints

FOLDER = "corpus"
S, F, N, B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
L = pa.list_(S)
SCHEMAS = {
    "duplicates": pa.schema(
        [
            ("cluster", N),
            ("doc_id", S),
            ("first", B),
            ("outlet", S),
            ("author", S),
            ("published", S),
            ("similarity", F),
            ("diff", S),
        ]
    ),
    "ledger": pa.schema(
        [
            ("key", S),
            ("person", S),
            ("variants", L),
            ("documents", N),
            ("quotes", N),
            ("outlets", L),
            ("outlet_clusters", pa.list_(N)),
            ("authors", L),
            ("first_seen", S),
            ("last_seen", S),
            ("descriptors", L),
            ("to_author_share", F),
            ("flags", L),
        ]
    ),
    "authors": pa.schema(
        [
            ("author", S),
            ("documents", N),
            ("words", N),
            ("sources", N),
            ("anonymous_share", F),
            ("techniques_per_1000_words", F),
            ("checkworthy_per_1000_words", F),
            ("comment_toxicity", F),
            ("outlets", L),
            ("byline_reuse", B),
        ]
    ),
    "outlets": pa.schema(
        [
            ("outlet", S),
            ("documents", N),
            ("words", N),
            ("sources", N),
            ("anonymous_share", F),
            ("techniques_per_1000_words", F),
            ("checkworthy_per_1000_words", F),
            ("comment_toxicity", F),
            ("authors", N),
            ("shared_bylines", L),
            ("cluster", N),
        ]
    ),
}


def analyze_corpus(out_dir: str | os.PathLike[str], threshold: float = 0.6) -> dict[str, Any]:
    """Run every corpus analysis and write its outputs; returns what ``corpus.json`` holds."""
    out = Path(out_dir)
    documents = store.read_table(out, "documents").drop_columns(["json"]).to_pylist()
    outcomes = store.read_table(out, "outcomes").select(["status"]).to_pylist()
    tables = {
        name: store.read_table(out, name).to_pylist()
        for name in ("sources", "claims", "techniques", "toxicity")
    }
    clusters = find_clusters(documents, threshold, bodies=lambda: _bodies(out))
    outlet_of = outlet_clusters(documents, clusters)
    ledger = build_ledger(tables["sources"], documents, outlet_of)
    authors, outlets = build_profiles(
        documents, tables["sources"], tables["claims"], tables["techniques"], tables["toxicity"]
    )
    for row in outlets:
        row["cluster"] = outlet_of.get(row["outlet"])
    duplicates = [
        {"cluster": number, "first": index == 0, **asdict(copy)}
        for number, cluster in enumerate(clusters)
        for index, copy in enumerate(cluster)
    ]
    result: dict[str, Any] = {
        "summary": {
            "documents": len(documents),
            "outcomes": dict(Counter(str(r["status"]) for r in outcomes)),
            "outlets": len(outlet_of),
            "outlet_clusters": len(set(outlet_of.values())),
            "duplicate_clusters": len(clusters),
            "people": len(ledger),
            "flagged_people": sum(1 for row in ledger if row["flags"]),
            "layers": sorted(
                {
                    layer
                    for d in documents
                    for layer in str(d.get("layers") or "").split(",")
                    if layer
                }
            ),
        },
        "duplicates": duplicates,
        "ledger": ledger,
        "authors": authors,
        "outlets": outlets,
    }
    folder = out / FOLDER
    folder.mkdir(exist_ok=True)
    for name, schema in SCHEMAS.items():
        rows = result[name]
        table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
    (folder / "corpus.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    _add_views(out)
    return result


def _bodies(out: Path) -> Iterator[tuple[str, str]]:
    """Each document's body, read shard by shard in batches (memory stays flat)."""
    for path in store.completed_files(out, "documents"):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=["id", "json"]):
            yield from rows_bodies(batch.to_pylist())


def load_result(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """``corpus.json`` of an analysed folder."""
    path = Path(out_dir) / FOLDER / "corpus.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run 'newsift corpus analyze' first")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _add_views(out: Path) -> None:
    import duckdb

    connection = duckdb.connect(str(out / store.DATABASE))
    try:
        for name in SCHEMAS:
            path = str((out / FOLDER / f"{name}.parquet").resolve()).replace("'", "''")
            connection.execute(
                f"CREATE OR REPLACE VIEW corpus_{name} AS SELECT * FROM read_parquet('{path}')"
            )
    finally:
        connection.close()
