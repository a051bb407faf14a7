"""Overlapping highlights become flat segments, each mark opening exactly once."""

from __future__ import annotations

import pytest

from newsift.report.segments import segments
from newsift.report.view import Mark


def mark(start: int, end: int, kind: str = "quote") -> Mark:
    return Mark(start, end, kind, kind[0], f"{kind} {start}-{end}")


CASES = [
    # (range, marks, expected [(start, end, covering kinds)])
    ((0, 10), [], [(0, 10, "")]),
    ((0, 10), [mark(2, 5)], [(0, 2, ""), (2, 5, "q"), (5, 10, "")]),
    ((0, 10), [mark(0, 6), mark(4, 10, "claim")], [(0, 4, "q"), (4, 6, "qc"), (6, 10, "c")]),
    ((0, 10), [mark(0, 10), mark(3, 4, "technique")], [(0, 3, "q"), (3, 4, "qt"), (4, 10, "q")]),
    ((5, 8), [mark(0, 20)], [(5, 8, "q")]),  # a mark wider than the paragraph
    ((5, 8), [mark(0, 5), mark(8, 9)], [(5, 8, "")]),  # touching marks stay outside
]


@pytest.mark.parametrize(("bounds", "marks", "expected"), CASES)
def test_segments_split_at_every_boundary(
    bounds: tuple[int, int], marks: list[Mark], expected: list[tuple[int, int, str]]
) -> None:
    got = [(s.start, s.end, "".join(m.css for m in s.marks)) for s in segments(*bounds, marks)]
    assert got == expected


def test_a_mark_crossing_paragraphs_opens_once() -> None:
    long_mark = mark(0, 20)
    opened: set[Mark] = set()
    first = segments(0, 10, [long_mark], opened)
    second = segments(12, 20, [long_mark], opened)
    assert first[0].opening == (long_mark,)
    assert second[0].opening == ()
    assert second[0].marks == (long_mark,)
