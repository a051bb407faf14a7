"""Standalone texts, one per line, for the ``score`` commands (claims, comments, techniques).

A line is plain text, or a JSON object with ``text`` (and an optional ``id``).
Every non-blank line gives one item ``(id, text, error)``: ``text`` is None
and ``error`` says why when the line cannot be used, so each input line ends
with exactly one output row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

#: ``(id, text, error)``: one per non-blank input line
Item = tuple[str, str | None, str | None]


def read_items(lines: Iterable[str], *, max_chars: int, noun: str = "text") -> Iterator[Item]:
    """One item per non-blank line; a ``noun`` over ``max_chars`` characters is an error."""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        key = str(number)
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as exc:
                yield key, None, f"not a JSON object: {exc}"
                continue
            if not isinstance(obj, dict):
                yield key, None, "not a JSON object"
                continue
            key = str(obj.get("id", number))
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                yield key, None, "record has no 'text' string"
                continue
            line = text.strip()
        if len(line) > max_chars:
            yield key, None, f"{noun} over {max_chars:,} characters"
            continue
        yield key, line, None


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of at most ``size``, in order."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
