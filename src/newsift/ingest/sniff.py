"""Guess what kind of input a page is from its first bytes or lines."""

from __future__ import annotations

import re
import zlib

from newsift.structure.header import parse_header_line
from newsift.structure.lines import is_time, split_comment_header, split_lines

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
HEADER_LINES = 12


def sniff_kind(head: bytes) -> str:
    """``jsonl``, ``html``, ``warc`` or ``auto`` (text, to be sniffed after decoding)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b") and _gunzip_head(head).startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<") and _HTML.search(start[:4096]):
        return "html"
    return "auto"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return b""


def sniff_text_kind(text: str) -> str:
    """``dump`` when the text shows a page's anchors, else ``text``.

    Anchors: a dateline or byline among the first lines, or a line that is
    nothing but a time ("2 weeks ago") further down, as comment threads have.
    """
    lines = [line for line in split_lines(text[:200_000]) if not line.blank]
    for line in lines[:HEADER_LINES]:
        if parse_header_line(line.text) is not None:
            return "dump"
    if any(is_time(line.text) or split_comment_header(line.text) for line in lines[3:]):
        return "dump"
    return "text"
