"""Bytes to text, refusing what is not text with a reason a person can act on."""

from __future__ import annotations

import codecs
import re

from newsift.errors import BinaryInput, DecodeError, EmptyInput, LineTooLong
from newsift.limits import Limits
from newsift.unicode import clean_text, first_surrogate

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
UTF16_SAMPLE_BYTES = 4096  # how much of the input the UTF-16 guess looks at
UTF16_NUL_SHARE = 0.4  # NULs in this share of one byte of each pair: likely UTF-16


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
            raise BinaryInput(f"binary input: it contains NUL bytes{utf16_hint(data)}")
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


def utf16_hint(data: bytes) -> str:
    """``"; it looks like UTF-16: pass --encoding utf-16-le"`` (or ``-be``) when NUL
    bytes alternate with others as in UTF-16 text without a BOM, else ``""``."""
    head = data[:UTF16_SAMPLE_BYTES]
    pairs = len(head) // 2
    if pairs < 2:
        return ""
    even_nuls = head[0 : 2 * pairs : 2].count(0)
    odd_nuls = head[1 : 2 * pairs : 2].count(0)
    for nuls, others, name in ((odd_nuls, even_nuls, "le"), (even_nuls, odd_nuls, "be")):
        if nuls >= UTF16_NUL_SHARE * pairs and others <= 0.02 * pairs:
            try:
                text = head[: 2 * pairs].decode(f"utf-16-{name}", "replace")
            except UnicodeDecodeError:
                continue
            readable = sum(1 for c in text if c.isprintable() or c in "\t\n\r")
            if readable >= 0.95 * len(text):
                return f"; it looks like UTF-16: pass --encoding utf-16-{name}"
    return ""


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


def repair(value: str, name: str, repaired: list[str]) -> str:
    """``value`` with lone surrogates replaced by U+FFFD (same length, so spans hold).

    A ``str`` from JSON (``"\\ud800"``) or a file name that is not UTF-8 can hold
    them, and no UTF-8 writer takes them. ``name`` (with the first one, e.g.
    ``text (U+D800)``) is appended to ``repaired`` when any was replaced.
    """
    cleaned, changed = clean_text(value)
    if changed:
        repaired.append(f"{name} ({first_surrogate(value)})")
    return cleaned
