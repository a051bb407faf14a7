"""Bytes to text, refusing what is not text with a reason a person can act on."""

from __future__ import annotations

import codecs
import re

from newsift.errors import BinaryInput, DecodeError, EmptyInput, LineTooLong
from newsift.limits import Limits

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data; decompress it first"),
    (b"PK\x03\x04", "a ZIP archive, not a page"),
    (b"%PDF-", "a PDF file, not a page"),
    (b"\x89PNG", "a PNG image, not a page"),
    (b"\xff\xd8\xff", "a JPEG image, not a page"),
    (b"GIF8", "a GIF image, not a page"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
CONTROL_SHARE_LIMIT = 0.01  # more control characters than this: not text


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode page bytes: BOM first, else ``encoding``, else strict UTF-8.

    Line endings become ``\\n``; a BOM is dropped. Raises :class:`EmptyInput`,
    :class:`BinaryInput` or :class:`DecodeError`.
    """
    if not data.strip():
        raise EmptyInput("empty input")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"binary input: {what}")
    chosen = encoding
    for bom, name in _BOMS:
        if encoding is None and data.startswith(bom):
            data, chosen = data[len(bom) :], name
            break
    if chosen is None:
        if b"\x00" in data[:65536]:
            raise BinaryInput("binary input: it contains NUL bytes")
        chosen = "utf-8"
    try:
        text = data.decode(chosen)
    except LookupError as exc:
        raise DecodeError(f"unknown encoding {chosen!r}") from exc
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DecodeError(
            f"not valid {chosen}: byte 0x{bad} at offset {exc.start}; "
            f"pass --encoding if the page uses another encoding"
        ) from exc
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > CONTROL_SHARE_LIMIT:
        raise BinaryInput("binary input: too many control characters for text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput("empty input (only white space)")
    return text


def check_lines(text: str, limits: Limits) -> None:
    """Refuse a text with a line longer than ``limits.max_line_chars``."""
    if len(text) <= limits.max_line_chars:
        return
    lengths = [len(line) for line in text.split("\n")]
    longest = max(lengths)
    if longest > limits.max_line_chars:
        number = lengths.index(longest) + 1
        raise LineTooLong(
            f"line {number} has {longest:,} characters, over the limit of "
            f"{limits.max_line_chars:,} (--max-line-chars)"
        )
