"""Direct quotations from quotation marks: pairing, continuation, stray marks."""

from __future__ import annotations

import re

import pytest

from newsift.attribution.marks import pair_quotes
from newsift.document import Span


def quoted(text: str) -> list[tuple[str, bool]]:
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [(text[q.start : q.end], q.closed) for q in pair_quotes(text, paragraphs)]


CASES = [
    ("straight marks", '"Yes," he said. "No."', [('"Yes,"', True), ('"No."', True)]),
    ("curly marks", "She said “it is over” today.", [("“it is over”", True)]),
    ("double apostrophes", "He said ''no deal'' twice.", [("''no deal''", True)]),
    (
        "continued across paragraphs",
        "“First part.\n“Second part,” he said.",
        [("“First part.\n“Second part,”", True)],
    ),
    (
        "unclosed mark confined to its paragraph",
        "He said “this never closes.\nNext paragraph is “fine” here.",
        [("“this never closes.", False), ("“fine”", True)],
    ),
    ("stray closing mark ignored", 'A 6" pipe and "a quote" here.', [('"a quote"', True)]),
    ("apostrophes are not marks", "Voters’ rights don’t matter, he said.", []),
    ("single quotes outside doubles", "The ad says ‘vote now’ twice.", [("‘vote now’", True)]),
    (
        "single quotes inside doubles",
        "“He said ‘no’ to me,” she said.",
        [("“He said ‘no’ to me,”", True)],
    ),
    (
        "two openings: the first was stray",
        "He said “one and then “two” again.",
        [("“two”", True)],
    ),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pairing(label: str, text: str, expected: list[tuple[str, bool]]) -> None:
    assert quoted(text) == expected


def test_an_odd_number_of_marks_never_loses_the_document() -> None:
    text = "He said “a.\n\n“b,” she said.\n\nThen “c” and “d.\n\nFinal “e” here."
    found = [q for q, _ in quoted(text)]
    assert "“e”" in found and "“c”" in found
