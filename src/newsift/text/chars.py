"""Counts of a text's letters, capital letters and digits, at C speed.

``str.isalpha``, ``isupper`` and ``isdigit`` tested character by character
cost a Python call each. The ASCII characters are counted instead by
deleting classes from the text's bytes (in ASCII the letters are exactly
``A-Z`` and ``a-z``, the capitals ``A-Z``, the digits ``0-9``, as those
methods judge them), and the few characters beyond ASCII (curly quotes,
dashes, accented letters) are tested one by one as before.
"""

from __future__ import annotations

import re
import string
from typing import NamedTuple

_LETTERS = string.ascii_letters.encode("ascii")
_CAPITALS = string.ascii_uppercase.encode("ascii")
_DIGITS = string.digits.encode("ascii")
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


class CharCounts(NamedTuple):
    letters: int  # str.isalpha
    capitals: int  # letters that are str.isupper
    digits: int  # str.isdigit


def char_counts(text: str) -> CharCounts:
    """The letters, capital letters and digits of ``text`` (:func:`char_counts_reference`)."""
    raw = text.encode("ascii", "ignore")
    letters = len(raw) - len(raw.translate(None, _LETTERS))
    capitals = len(raw) - len(raw.translate(None, _CAPITALS))
    digits = len(raw) - len(raw.translate(None, _DIGITS))
    if len(raw) < len(text):
        for char in _BEYOND_ASCII.findall(text):
            if char.isalpha():
                letters += 1
                capitals += char.isupper()
            digits += char.isdigit()
    return CharCounts(letters, capitals, digits)


def char_counts_reference(text: str) -> CharCounts:
    """:func:`char_counts` character by character."""
    letters = list(filter(str.isalpha, text))
    return CharCounts(len(letters), sum(map(str.isupper, letters)), sum(map(str.isdigit, text)))
