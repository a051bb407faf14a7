"""``newsift corpus export --sqlite FILE``: the corpus tables as one SQLite file.

For the tools people already use to sort, filter and join tables (Datasette,
the ``sqlite3`` shell, any spreadsheet that opens SQLite) without a script in
the dashboard. Tables: ``outlets``, ``authors``, ``ledger``, ``duplicates``
(as in ``corpus.json``), ``outlet_links`` (the pairs of outlets the network
view draws, with what they share and how much) and ``documents`` (the batch's
document rows without their JSON). Lists are stored as JSON text, so SQLite's
``json_each`` unnests them; flags are 0/1; a missing measurement is NULL.
The file is written beside and renamed into place, so a reader never sees half
of it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsift.corpus.analyze import SCHEMAS, load_result
from newsift.corpus.outlet_graph import outlet_links

#: Columns of the tables that do not come from ``analyze.SCHEMAS``.
LINK_COLUMNS = ("outlet_a", "outlet_b", "kind", "shared")


def export_sqlite(
    out_dir: str | os.PathLike[str], target: str | os.PathLike[str]
) -> dict[str, int]:
    """Write the SQLite file; returns the number of rows of each table."""
    out = Path(out_dir)
    result = load_result(out)
    tables: dict[str, tuple[Sequence[str], list[Mapping[str, Any]]]] = {
        name: (schema.names, _rows(result.get(name))) for name, schema in SCHEMAS.items()
    }
    tables["outlet_links"] = (
        LINK_COLUMNS,
        [
            {"outlet_a": link.a, "outlet_b": link.b, "kind": link.kind, "shared": link.weight}
            for link in outlet_links(result)
        ],
    )
    documents = _documents(out)
    if documents:
        tables["documents"] = (list(documents[0]), documents)
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        with connection:
            for name, (columns, rows) in tables.items():
                _write_table(connection, name, columns, rows)
    finally:
        connection.close()
    partial.replace(path)
    return {name: len(rows) for name, (_, rows) in tables.items()}


def _write_table(
    connection: sqlite3.Connection,
    name: str,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
) -> None:
    quoted = ", ".join(_quote(c) for c in columns)
    connection.execute(f"CREATE TABLE {_quote(name)} ({quoted})")
    marks = ", ".join("?" for _ in columns)
    connection.executemany(
        f"INSERT INTO {_quote(name)} ({quoted}) VALUES ({marks})",
        ([_value(row.get(c)) for c in columns] for row in rows),
    )


def _value(value: Any) -> Any:
    """A SQLite value: lists and mappings as JSON text, booleans as 0/1, None as NULL."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _rows(value: object) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def _documents(out: Path) -> list[Mapping[str, Any]]:
    """The batch's document rows without their JSON (none when the folder has no table)."""
    from newsift.batch import store

    try:
        table = store.read_table(out, "documents")
    except (FileNotFoundError, KeyError):
        return []
    if "json" in table.column_names:
        table = table.drop_columns(["json"])
    rows: list[Mapping[str, Any]] = table.to_pylist()
    return rows
