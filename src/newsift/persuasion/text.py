"""Tokens with character offsets, and the word forms the features see.

A token is a word (letters, digits, inner apostrophes or hyphens) or one
punctuation character. :func:`norm` lower-cases a word, folds digits to ``0``
and folds party and politician names (:data:`~newsift.persuasion.lexicon.PARTISAN_NAMES`)
to ``<name>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.persuasion.lexicon import PARTISAN_NAMES

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)
_DIGIT = re.compile(r"\d")
QUOTE_MARKS = frozenset('"“”«»')
STOPWORDS: frozenset[str] = frozenset(
    word
    for line in (
        "a an the and or but if of to in on at by for with from as is are was were be been being",
        "it its this that these those he she they we i you his her their our my your them us him",
        "me not no so than then there here what which who whom whose when where why how all any",
        "each also just very can could will would shall should may might must do does did done",
        "have has had having said says say",
    )
    for word in line.split()
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, stop)]


def norm(word: str) -> str:
    """The form features use: lower case, digits as 0, partisan names as ``<name>``."""
    lower = word.lower().replace("’", "'")
    if lower in PARTISAN_NAMES or lower.removesuffix("'s") in PARTISAN_NAMES:
        return "<name>"
    return _DIGIT.sub("0", lower)


def shape(word: str) -> str:
    """A coarse word shape: ``Xx``, ``x``, ``X``, ``0``, ``p`` (punctuation) or ``m`` (mixed)."""
    if not word[:1].isalnum():
        return "p"
    if word.isdigit():
        return "0"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[:1].isupper():
        return "Xx"
    if word.islower():
        return "x"
    return "m"
