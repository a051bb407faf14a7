"""Strings that can always be written as UTF-8.

A Python ``str`` may hold lone surrogates (U+D800 to U+DFFF): a JSON escape
such as ``"\\ud800"`` decodes to one, and so does a file name with bytes that
are not UTF-8 (``os.fsdecode`` uses ``surrogateescape``). Such a string cannot
be encoded as UTF-8, so it breaks every writer downstream (JSON output, Parquet,
the terminal). :func:`clean_text` replaces each one with U+FFFD, one code point
for one, so character offsets into the string stay valid.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (so cannot be encoded as UTF-8)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_text(text: str) -> tuple[str, bool]:
    """``text`` with every lone surrogate replaced by U+FFFD, and whether any was.

    The result has the same length as ``text``: spans into it stay valid.
    """
    if not has_surrogates(text):
        return text, False
    return _SURROGATE.sub(REPLACEMENT, text), True


def first_surrogate(text: str) -> str | None:
    """The first lone surrogate as ``U+D800`` (for messages), or ``None``."""
    found = _SURROGATE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


#: The outcome code of an input repaired by :func:`clean_text` (status stays ``ok``).
SURROGATES_CODE = "input.surrogates"
