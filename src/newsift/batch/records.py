"""Batch inputs as ``(id, payload)`` records, and the fixed shard each id belongs to.

Readers, chosen by file suffix (or by sniffing the first bytes when the suffix
says nothing):

- JSON Lines (``.jsonl``, ``.ndjson``): one object per line with ``text`` or
  ``html`` and optional ``id``, ``url``, ``crawl_date``;
- CSV (``.csv``): a header row with ``text`` or ``html`` and optional ``id``,
  ``url``, ``crawl_date`` columns;
- Parquet (``.parquet``): the same columns;
- WARC (``.warc``, ``.warc.gz``): every HTML response record
  (:func:`newsift.ingest.warc.iter_warc`);
- a folder: every file in it, recursively in sorted order, read by the rules
  above; any other file is one page of any kind ``newsift analyze`` reads.

Reading never raises for bad input: a damaged file (a Parquet footer that does
not parse, a CSV quote that never closes, a WARC cut off, a JSON line that is
not an object) becomes a record with ``error`` set, which ends as a ``failed``
outcome row; the records before the damage and every other file go on.

An id seen a second time gets ``~2`` (``~3``, ...) appended, so each record
keeps exactly one outcome row. An id or text holding a lone surrogate (a JSON
``"\\ud800"``, a file name that is not UTF-8) has it replaced with U+FFFD before
that, and the record's outcome row says so (``note``). CSV files are decoded
strictly, as UTF-8 or the ``encoding`` given: a row with bytes that do not
decode fails alone with ``input.decode``. In a folder, a broken symbolic link or
anything else that is not a regular file gets a ``failed`` row too.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from newsift.errors import DecodeError, NewsiftError
from newsift.ingest.decode import decode
from newsift.ingest.records import iter_lines, parse_json, record_id, to_record
from newsift.ingest.sniff import sniff_kind
from newsift.ingest.warc import WarcSkip, iter_warc
from newsift.limits import Limits
from newsift.unicode import clean_text, first_surrogate

#: How a record's payload is read: a whole file sniffed like ``newsift analyze``,
#: an HTML page, or text sniffed as a dump or plain text.
PAYLOAD_KINDS = ("file", "html", "text")
_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc", ".warc.gz", ".arc.gz")
_CSV_FIELD_LIMIT = 50_000_000


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """One unit of batch work: an id, raw bytes and how to read them, or why it cannot be."""

    id: str
    payload: bytes = b""
    kind: str = "text"
    url: str | None = None
    crawl_date: str | None = None
    charset: str | None = None
    origin: str = ""  # where it came from: "file:line", "file#row", a WARC record
    error: str | None = None  # a read failure: the record ends ``failed``
    code: str | None = None  # the error's code
    skipped: str | None = None  # passed over on purpose (a PNG in a WARC)
    note: str | None = None  # what was repaired on the way (lone surrogates replaced)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BatchRecord:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def shard_of(record_id: str, shards: int) -> int:
    """The fixed shard of an id: a stable hash (BLAKE2b), not Python's salted ``hash``."""
    digest = hashlib.blake2b(record_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def iter_records(
    inputs: Iterable[str | Path],
    limits: Limits | None = None,
    exclude: Path | None = None,
    encoding: str | None = None,
) -> Iterator[BatchRecord]:
    """Every record of every input, with ids made unique; never raises for bad input.

    Files under ``exclude`` (the output folder, when it sits inside an input folder)
    are passed over. ``encoding`` decodes CSV files and page files (default: UTF-8
    or a BOM, strictly).
    """
    limits = limits or Limits()
    seen: dict[str, int] = {}
    for path in inputs:
        for record in _read_input(Path(path), limits, exclude, encoding):
            record = _clean_id(record)
            count = seen.get(record.id, 0) + 1
            seen[record.id] = count
            if count > 1:
                record = BatchRecord(**{**record.to_dict(), "id": f"{record.id}~{count}"})
            yield record


def _read_input(
    path: Path, limits: Limits, exclude: Path | None, encoding: str | None
) -> Iterator[BatchRecord]:
    if path.is_dir():
        for child in folder_files(path, exclude):
            problem = not_a_file(child)
            if problem is not None:
                yield _failed(str(child), problem, "input")
            else:
                yield from _read_file(child, limits, encoding)
    elif path.exists():
        yield from _read_file(path, limits, encoding)
    elif path.is_symlink():
        yield _failed(str(path), not_a_file(path) or "no such file", "input")
    else:
        yield _failed(str(path), "no such file or folder", "input")


def folder_files(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The entries of a folder that are not folders, recursively, sorted; hidden ones
    and those under ``exclude`` left out.

    Broken symbolic links, links to folders (not followed), FIFOs and the like are
    listed too, so each gets an outcome row (see :func:`not_a_file`).
    """
    skip = exclude.resolve() if exclude is not None else None
    return sorted(
        p
        for p in folder.rglob("*")
        if (p.is_symlink() or not p.is_dir())
        and not p.name.startswith(".")
        and (skip is None or not resolved(p).is_relative_to(skip))
    )


def resolved(path: Path) -> Path:
    """``path.resolve()``, or the absolute path where a symbolic link loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop from ..."
        return path.absolute()


def not_a_file(path: Path) -> str | None:
    """Why a folder entry cannot be read as a file (``None`` for a regular file)."""
    if path.is_file():
        return None
    if path.is_symlink():
        try:
            target = str(path.readlink())
        except OSError:
            target = "?"
        if path.is_dir():
            return f"a symbolic link to a folder ({target}); links to folders are not followed"
        return f"a broken symbolic link (to {target})"
    return "not a regular file (a FIFO, socket or device); not read"


def _read_file(path: Path, limits: Limits, encoding: str | None = None) -> Iterator[BatchRecord]:
    name = path.name.lower()
    try:
        if name.endswith(".parquet"):
            yield from read_parquet(path, limits)
        elif name.endswith(".csv"):
            yield from read_csv(path, limits, encoding)
        elif name.endswith(_JSONL):
            yield from read_jsonl(path, limits)
        elif name.endswith(_WARC):
            yield from read_warc(path, limits)
        else:
            with path.open("rb") as stream:
                kind = sniff_kind(stream.read(1 << 16))
            if kind == "jsonl":
                yield from read_jsonl(path, limits)
            elif kind == "warc":
                yield from read_warc(path, limits)
            else:
                yield read_page(path, limits, encoding)
    except OSError as exc:
        yield _failed(str(path), f"cannot read: {exc.strerror or exc}", "input")


def read_page(path: Path, limits: Limits, encoding: str | None = None) -> BatchRecord:
    """One file that is one page (dump, text or HTML), read later like ``newsift analyze``
    (with ``encoding``, kept in the record's ``charset``, as ``--encoding``)."""
    with path.open("rb") as stream:
        data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        return _failed(
            str(path), f"input is over {limits.max_bytes:,} bytes (limit --max-bytes)", "input"
        )
    return BatchRecord(str(path), data, "file", charset=encoding, origin=str(path))


def read_jsonl(path: Path, limits: Limits) -> Iterator[BatchRecord]:
    """One record per non-blank line; a line that is not a good object fails alone."""
    with path.open("rb") as stream:
        for number, line in iter_lines(stream, limits):
            fallback = f"{path}:{number}"
            if isinstance(line, NewsiftError):
                yield _failed(fallback, str(line), line.code)
                continue
            try:
                obj = parse_json(line, limits)
            except NewsiftError as exc:
                yield _failed(fallback, str(exc), exc.code)
                continue
            yield _from_mapping(obj, fallback)


def read_csv(path: Path, limits: Limits, encoding: str | None = None) -> Iterator[BatchRecord]:
    """One record per row after the header; a broken quote fails the rest of the file.

    Decoded strictly as ``encoding`` (default UTF-8, a UTF-8 BOM dropped): a row
    with bytes that do not decode fails alone with ``input.decode``, as
    ``newsift analyze`` refuses such a file, instead of being silently changed.
    """
    csv.field_size_limit(max(_CSV_FIELD_LIMIT, limits.max_bytes))
    chosen = encoding or "utf-8-sig"
    try:
        "".encode(chosen)
    except LookupError:
        yield _failed(str(path), f"unknown encoding {chosen!r}", DecodeError.code)
        return
    with path.open(encoding=chosen, errors="surrogateescape", newline="") as stream:
        reader = csv.DictReader(stream, strict=True)
        row_number = 0
        try:
            for row_number, row in enumerate(reader, start=1):
                where = f"{path}#{row_number}"
                bad = _undecodable(row, encoding or "utf-8")
                if bad is not None:
                    yield _failed(where, bad, DecodeError.code)
                    continue
                yield _from_mapping(_clean_row(row), where)
        except csv.Error as exc:
            yield _failed(
                f"{path}#{row_number + 1}",
                f"CSV error after row {row_number} (line {reader.line_num}): {exc}; "
                "the rest of the file is not read",
                "input.csv",
            )
        except UnicodeError as exc:  # a codec whose errors surrogateescape cannot carry
            yield _failed(
                f"{path}#{row_number + 1}",
                f"not valid {chosen} after row {row_number}: {_one_line(exc)}; "
                "the rest of the file is not read",
                DecodeError.code,
            )


def read_parquet(path: Path, limits: Limits) -> Iterator[BatchRecord]:
    """One record per row; a file whose footer or pages do not parse fails as one record."""
    import pyarrow.parquet as _pq

    pq: Any = _pq

    row_number = 0
    try:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=256):
            for row in batch.to_pylist():
                row_number += 1
                yield _from_mapping(row, f"{path}#{row_number}")
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for damaged files
        yield _failed(
            f"{path}#{row_number + 1}" if row_number else str(path),
            f"cannot read Parquet: {type(exc).__name__}: {_one_line(exc)}",
            "input.parquet",
        )


def read_warc(path: Path, limits: Limits) -> Iterator[BatchRecord]:
    """Every HTML response; damage is one failed record and ends the file."""
    with path.open("rb") as stream:
        for item in iter_warc(stream, name=str(path), max_record_bytes=limits.max_bytes):
            if isinstance(item, WarcSkip):
                yield BatchRecord(item.id, origin=str(path), skipped=item.reason)
            elif isinstance(item, NewsiftError):
                where = getattr(item, "record_id", None) or f"{path}#error"
                yield _failed(where, str(item), item.code)
            else:
                yield BatchRecord(
                    item.id, item.body, "html", item.url, item.date, item.charset, origin=str(path)
                )


def _from_mapping(obj: Any, fallback: str) -> BatchRecord:
    rid = record_id(obj, fallback)
    try:
        record = to_record(obj, rid)
    except NewsiftError as exc:
        return _failed(rid, str(exc), exc.code, origin=fallback)
    field = "html" if record.html is not None else "text"
    raw = record.html if record.html is not None else record.text or ""
    content, fixed = clean_text(raw)
    note = None
    if fixed:
        note = f"lone surrogates replaced with U+FFFD in {field} ({first_surrogate(raw)})"
    url = clean_text(record.url)[0] if record.url is not None else None
    return BatchRecord(
        record.id,
        content.encode("utf-8"),
        field,
        url,
        record.crawl_date,
        origin=fallback,
        note=note,
    )


def _undecodable(row: Mapping[str | None, Any], encoding: str) -> str | None:
    """The decode error of a CSV row read with ``surrogateescape``, or ``None``.

    Undecodable bytes came back as U+DC80..U+DCFF; they are turned back into the
    bytes and decoded strictly by :func:`newsift.ingest.decode.decode`, so the
    message is the one ``newsift analyze`` gives for such a file.
    """
    for key, value in row.items():
        cells = value if isinstance(value, list) else [value]  # extra cells: key None
        for cell in [key, *cells]:
            if not isinstance(cell, str) or first_surrogate(cell) is None:
                continue
            column = "the header" if cell == key else f"column {key!r}"
            try:
                decode(cell.encode(encoding, "surrogateescape"), encoding)
            except NewsiftError as exc:
                return f"{column}: {exc}"
            except UnicodeError:
                pass
            return f"{column}: not valid {encoding}; pass --encoding"
    return None


def _clean_id(record: BatchRecord) -> BatchRecord:
    """The record with lone surrogates in its id replaced by U+FFFD, noted."""
    rid, fixed = clean_text(record.id)
    if not fixed:
        return record
    note = f"lone surrogates replaced with U+FFFD in id ({first_surrogate(record.id)})"
    if record.note:
        note = f"{record.note}; {note}"
    return BatchRecord(**{**record.to_dict(), "id": rid, "note": note})


def _clean_row(row: Mapping[str | None, Any]) -> dict[str, Any]:
    """A CSV row with empty cells as missing (CSV has no null)."""
    return {k: v for k, v in row.items() if k is not None and v not in (None, "")}


def _failed(rid: str, reason: str, code: str | None, origin: str | None = None) -> BatchRecord:
    return BatchRecord(rid, origin=origin or rid, error=reason, code=code)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200]
