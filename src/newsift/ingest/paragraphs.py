"""Over-long lines of a laid-out HTML page, split at sentence or word boundaries.

A dump or plain text with a line over ``Limits.max_line_chars`` is refused
(:func:`newsift.ingest.decode.check_lines`). An HTML page is laid out from its
DOM, so one text node can be a line of megabytes (a page without ``<p>``
breaks); refusing it would lose pages a browser shows well. Such a line is
split instead, each piece at most ``max_line_chars`` long: after the last
sentence end within the allowed length, else at the last white space, and
refused with :class:`~newsift.errors.LineTooLong` where a piece has no white
space to split at. The text keeps its characters: a space
at a split becomes a line break, and after a sentence end with no space (as
in Chinese or Japanese) a line break is inserted; every region and paragraph
span moves with its text, and a paragraph cut by a split becomes two.
No analyzer then sees a line longer than the limit (spaCy refuses a text over
1,000,000 characters).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsift.document import Region, Span
from newsift.errors import LineTooLong

#: A sentence end: terminal punctuation, closing quotes or brackets, then white space;
#: or a full-width terminal mark, after which no space is written.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s|[。！？][」』”’）]*")


def split_long_lines(
    text: str, regions: Sequence[Region], max_chars: int
) -> tuple[str, list[Region]]:
    """``text`` with no line over ``max_chars``, and ``regions`` moved to match.

    Raises :class:`LineTooLong` for a line that has no white space or sentence
    end within some ``max_chars`` characters.
    """
    if len(text) <= max_chars:
        return text, list(regions)
    cuts: list[tuple[int, bool]] = []  # (where the next piece starts, a space was replaced)
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if end - start > max_chars:
            cuts.extend(_cuts(text, start, end, max_chars))
        start = end + 1
    if not cuts:
        return text, list(regions)
    pieces: list[str] = []
    inserted: list[int] = []  # old offsets before which a "\n" was inserted
    previous = 0
    for at, replaced in cuts:
        if replaced:
            pieces.append(text[previous : at - 1])
        else:
            pieces.append(text[previous:at])
            inserted.append(at)
        pieces.append("\n")
        previous = at
    pieces.append(text[previous:])
    new_text = "".join(pieces)
    ends = [at - 1 if replaced else at for at, replaced in cuts]  # where the piece before ends
    starts = [at for at, _ in cuts]

    def move(offset: int, *, is_end: bool) -> int:
        shift = (
            bisect.bisect_left(inserted, offset)
            if is_end
            else bisect.bisect_right(inserted, offset)
        )
        return offset + shift

    def span(old: Span) -> Span:
        return Span(move(old.start, is_end=False), move(old.end, is_end=True))

    def split(old: Span) -> list[Span]:
        out: list[Span] = []
        first = bisect.bisect_right(starts, old.start)
        begin = old.start
        for index in range(first, len(starts)):
            if starts[index] >= old.end:
                break
            out.append(Span(move(begin, is_end=False), move(ends[index], is_end=True)))
            begin = starts[index]
        out.append(Span(move(begin, is_end=False), move(old.end, is_end=True)))
        return [piece for piece in out if piece.end > piece.start]

    moved = [
        Region(
            region.id,
            region.kind,
            move(region.start, is_end=False),
            move(region.end, is_end=True),
            [piece for paragraph in region.paragraphs for piece in split(paragraph)],
            author=region.author,
            author_span=span(region.author_span) if region.author_span else None,
            when=region.when,
            when_span=span(region.when_span) if region.when_span else None,
            when_resolved=region.when_resolved,
            parent=region.parent,
        )
        for region in regions
    ]
    return new_text, moved


def _cuts(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, bool]]:
    """Where to cut the line ``text[start:end]`` so that no piece is over ``max_chars``."""
    cuts: list[tuple[int, bool]] = []
    piece = start
    while end - piece > max_chars:
        limit = piece + max_chars  # the piece may run to here (exclusive), "\n" included
        at = _sentence_cut(text, piece + 1, limit)
        if at is None:
            space = max(text.rfind(" ", piece + 1, limit), text.rfind("\t", piece + 1, limit))
            if space < 0:
                raise LineTooLong(
                    f"a paragraph of {end - start:,} characters has {max_chars:,} characters "
                    f"without a space or sentence end to split at, over the limit of "
                    f"{max_chars:,} (--max-line-chars)"
                )
            at = (space + 1, True)
        cuts.append(at)
        piece = at[0]
    return cuts


def _sentence_cut(text: str, lo: int, hi: int) -> tuple[int, bool] | None:
    """The last sentence end in ``text[lo:hi]`` as a cut, or ``None``."""
    best: tuple[int, bool] | None = None
    for match in _SENTENCE_END.finditer(text, lo, hi):
        # a space or tab after the sentence becomes the line break; else one is inserted
        best = (match.end(), match.group()[-1] in " \t")
    return best
