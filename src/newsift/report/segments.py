"""Overlapping highlights as flat segments: cut the text wherever a mark starts or ends.

A quote may hold a claim that holds a technique, and a flag's evidence may
straddle a quote's edge; HTML cannot nest such ranges when they cross, so the
text is split at every boundary and each piece lists the marks that cover it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.report.view import Mark


@dataclass(frozen=True, slots=True)
class Segment:
    """``[start, end)`` of the text, the marks covering it, and those that begin here."""

    start: int
    end: int
    marks: tuple[Mark, ...]
    opening: tuple[Mark, ...]


def segments(
    start: int, end: int, marks: Sequence[Mark], opened: set[Mark] | None = None
) -> list[Segment]:
    """Split ``[start, end)`` at every mark boundary inside it.

    A mark *opens* (gets its focus stop and anchor) in the first segment it
    covers; pass the same ``opened`` set for consecutive paragraphs so that a
    mark crossing a paragraph break opens once only.
    """
    opened = set() if opened is None else opened
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for mark in inside:
        cuts.add(max(mark.start, start))
        cuts.add(min(mark.end, end))
    points = sorted(cuts)
    out: list[Segment] = []
    for left, right in itertools.pairwise(points):
        if left == right:
            continue
        covering = tuple(m for m in inside if m.start <= left and m.end >= right)
        opening = tuple(m for m in covering if m not in opened)
        opened.update(opening)
        out.append(Segment(left, right, covering, opening))
    return out
