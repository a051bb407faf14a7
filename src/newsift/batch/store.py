"""The output folder: Parquet shards written atomically, a manifest, and DuckDB views.

Layout of ``OUT_DIR``::

    manifest.json                   settings and every completed shard
    <table>/shard-00007.parquet     one file per table per shard (zstd)
    corpus.duckdb                   views over the completed shards
    spool/                          the records of unfinished shards (removed at the end)

Why exactly-once holds: every id belongs to one fixed shard; a shard's files are
each written to a temporary name, fsync'd and renamed, then the folder is
fsync'd, and only then is the shard added to the manifest (itself written to a
temporary name, fsync'd and renamed). A shard is done if and only if the
manifest lists it with files whose SHA-256 matches; anything else (a file
renamed before a crash, a ``.tmp`` left over) is redone by ``--resume``, which
overwrites the same names. Readers (the DuckDB views, :mod:`newsift.corpus`)
read only the files the manifest lists.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as _pq

from newsift.batch.tables import TABLES
from newsift.errors import ConfigError

pq: Any = _pq  # pyarrow.parquet has no type hints

MANIFEST = "manifest.json"
DATABASE = "corpus.duckdb"
MANIFEST_VERSION = 1
LOCK = ".newsift-batch.lock"


class ManifestMismatch(Exception):
    """``--resume`` on a folder made with other inputs or settings."""


class OutputBusy(ConfigError):
    """Another ``newsift batch`` holds the output folder."""

    code = "batch.busy"


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` (``flock`` on ``.newsift-batch.lock``).

    A second run on the same folder gets :class:`OutputBusy` at once instead of
    rewriting the shards and manifest under the first. The lock goes with the
    process (a killed coordinator leaves no stale lock); the file stays.
    """
    path = out_dir / LOCK
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            raise OutputBusy(
                f"{out_dir} is in use by another newsift batch run "
                f"(process {holder or 'unknown'}); wait for it to end or give another --out"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def shard_name(shard: int) -> str:
    return f"shard-{shard:05d}"


def write_shard(out_dir: Path, shard: int, tables: Mapping[str, pa.Table]) -> dict[str, Any]:
    """Write every table of one shard atomically; return its manifest entry."""
    files: dict[str, Any] = {}
    for name in TABLES:
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{shard_name(shard)}.parquet"
        temporary = folder / f".{shard_name(shard)}.parquet.tmp"
        pq.write_table(tables[name], temporary, compression="zstd")
        _fsync_file(temporary)
        os.replace(temporary, final)
        _fsync_dir(folder)
        files[name] = {
            "path": f"{name}/{final.name}",
            "rows": tables[name].num_rows,
            "sha256": file_sha256(final),
        }
    return {"files": files, "rows": {name: files[name]["rows"] for name in TABLES}}


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is damaged ({exc}); use a new --out") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a batch manifest; use a new --out")
    return data


def write_manifest(out_dir: Path, manifest: Mapping[str, Any]) -> None:
    """Replace the manifest atomically (temporary name, fsync, rename, fsync the folder)."""
    temporary = out_dir / f".{MANIFEST}.tmp"
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(manifest, stream, indent=1, sort_keys=True)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, out_dir / MANIFEST)
    _fsync_dir(out_dir)


def new_manifest(settings: Mapping[str, Any]) -> dict[str, Any]:
    return {"version": MANIFEST_VERSION, "settings": dict(settings), "completed": {}}


def check_resumable(manifest: Mapping[str, Any], settings: Mapping[str, Any]) -> None:
    """Refuse to resume when the inputs, shards or pipeline differ from the first run."""
    before = manifest.get("settings", {})
    for key in ("shards", "pipeline", "inputs"):
        if before.get(key) != settings.get(key):
            raise ManifestMismatch(
                f"--resume: {key} differ from the run that made this folder "
                f"({before.get(key)!r:.80} vs {settings.get(key)!r:.80}); use a new --out"
            )


def verified_shards(out_dir: Path, manifest: Mapping[str, Any]) -> set[int]:
    """Shards the manifest lists whose files are all present with the recorded hash."""
    done: set[int] = set()
    for key, entry in manifest.get("completed", {}).items():
        files = entry.get("files", {})
        if set(files) != set(TABLES):
            continue
        if all(
            (out_dir / f["path"]).is_file() and file_sha256(out_dir / f["path"]) == f["sha256"]
            for f in files.values()
        ):
            done.add(int(key))
    return done


def completed_files(out_dir: Path, table: str) -> list[Path]:
    """The files of ``table`` the manifest lists as completed, in shard order."""
    manifest = read_manifest(out_dir)
    if manifest is None:
        raise FileNotFoundError(f"{out_dir}: no {MANIFEST}; is this a 'newsift batch' folder?")
    completed = manifest.get("completed", {})
    return [out_dir / completed[k]["files"][table]["path"] for k in sorted(completed, key=int)]


def read_table(out_dir: Path, table: str) -> pa.Table:
    """One table over every completed shard (an empty table of the right schema if none)."""
    from newsift.batch.tables import SCHEMAS

    files = completed_files(out_dir, table)
    if not files:
        return SCHEMAS[table].empty_table()
    return pa.concat_tables([pq.read_table(path) for path in files])


def write_views(out_dir: Path) -> Path:
    """(Re)create ``corpus.duckdb`` with one view per table over the completed shards."""
    import duckdb

    database = out_dir / DATABASE
    temporary = out_dir / f".{DATABASE}.tmp"
    temporary.unlink(missing_ok=True)
    connection = duckdb.connect(str(temporary))
    try:
        for table in TABLES:
            files = [str(path.resolve()) for path in completed_files(out_dir, table)]
            if files:
                listed = ", ".join(_sql_string(name) for name in files)
                connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}])")
    finally:
        connection.close()
    os.replace(temporary, database)
    return database


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _fsync_file(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
