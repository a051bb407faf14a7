"""JSON Lines records: ``{"id", "url", "text" | "html", "crawl_date"}`` one per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from newsift.errors import BadRecord, InputTooLarge, NestingTooDeep
from newsift.limits import Limits
from newsift.text.dates import parse_iso_date


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str | None
    url: str | None
    crawl_date: str | None
    html: str | None = None


def iter_lines(stream: IO[bytes], limits: Limits) -> Iterator[tuple[int, bytes | InputTooLarge]]:
    """Numbered non-blank lines; a line over ``max_bytes`` becomes an error, skipped whole."""
    number = 0
    while True:
        chunk = stream.readline(limits.max_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > limits.max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of the line
                chunk = stream.readline(1 << 20)
            yield (
                number,
                InputTooLarge(f"record is over {limits.max_bytes:,} bytes (limit --max-bytes)"),
            )
            continue
        if chunk.strip():
            yield number, chunk


def parse_json(line: bytes, limits: Limits) -> Any:
    """The JSON value on one line, refusing nesting past ``limits.max_json_depth``."""
    too_deep = f"JSON nested deeper than {limits.max_json_depth} (--max-json-depth)"
    try:
        obj = json.loads(line)
    except RecursionError as exc:
        raise NestingTooDeep(too_deep) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRecord(f"not a JSON object: {exc}") from exc
    if _depth(obj) > limits.max_json_depth:
        raise NestingTooDeep(too_deep)
    return obj


def record_id(obj: Any, fallback: str) -> str:
    """The record's own id when it has a usable one, else ``fallback``."""
    raw = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(raw, str | int) and not isinstance(raw, bool) and raw != "":
        return str(raw)
    return fallback


def to_record(obj: Any, fallback_id: str) -> Record:
    """Check a parsed record's shape: ``{"id", "url", "text" | "html", "crawl_date"}``."""
    if not isinstance(obj, dict):
        raise BadRecord(f"a record must be a JSON object, not {type(obj).__name__}")
    raw_id = obj.get("id")
    if raw_id is not None and record_id(obj, "") == "":
        raise BadRecord(f"'id' must be a non-empty string or integer, got {raw_id!r:.40}")
    text, html = obj.get("text"), obj.get("html")
    if text is None and isinstance(html, str):
        text = None
    elif not isinstance(text, str):
        raise BadRecord("record has no 'text' string (nor 'html')")
    else:
        html = None
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        raise BadRecord("'url' must be a string")
    crawl_date = obj.get("crawl_date")
    if crawl_date is not None:
        if not isinstance(crawl_date, str):
            raise BadRecord("'crawl_date' must be an ISO date string")
        try:
            crawl_date = parse_iso_date(crawl_date).isoformat()
        except ValueError as exc:
            raise BadRecord(f"'crawl_date' {crawl_date!r:.40} is not an ISO date") from exc
    return Record(record_id(obj, fallback_id), text, url, crawl_date, html)


def _depth(obj: Any) -> int:
    deepest, stack = 0, [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest
