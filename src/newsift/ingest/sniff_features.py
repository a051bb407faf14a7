"""What the input sniffer weighs to tell a flattened page (a dump) from plain text.

A dump is one block a line: menus, a headline, datelines and bylines, body,
interface words ("Reply", "Antworten", "Répondre"), comment headers with names
and times, a footer. Plain text is paragraphs. No single anchor decides: each
feature below is a piece of evidence, in any of the languages the structure
rules read (en, de, fr, es, it, nl, pt), and a small logistic model
(:mod:`newsift.ingest.sniff`) weighs them.

Only the first ``MAX_LINES`` non-blank lines are read, so a long input costs
no more than a page: the predicates are the dump reader's own, cached per line.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from newsift.text.dates import search_date
from newsift.text.header import parse_header_line
from newsift.text.lines import (
    is_time,
    is_ui,
    labelled_time,
    name_of,
    opens_comments,
    says,
    split_comment_header,
    split_lines,
)

MAX_CHARS = 200_000
MAX_LINES = 400
HEADER_LINES = 12  # the top of a page, where datelines and bylines are
SHORT_WORDS = 6
LONG_WORDS = 30
MAX_TIME_CHARS = 80

FEATURE_NAMES = (
    "lines_log", "short_share", "long_share", "sentence_end_share", "bare_short_share",
    "ui_share", "times_log", "comment_headers_log", "name_time_pairs_log", "header_at_top",
    "opens_comments", "repeated_share", "dated_lines_log", "footer", "words_per_line_log",
    "anchor_rule",
)  # fmt: skip

#: every date search_date finds has a four-digit year
_FOUR_DIGITS = re.compile(r"\d{4}")
_CLOSERS = "\"'”’»)]"
_ENDS = frozenset(".!?…:;")
_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\balle rechte vorbehalten\b"
    r"|\btous droits réservés\b|\btodos los derechos reservados\b|\btutti i diritti riservati\b"
    r"|\balle rechten voorbehouden\b|\btodos os direitos reservados\b|\bimpressum\b"
    r"|\bprivacy policy\b|\bdatenschutz|\bmentions légales\b|\baviso legal\b|\bcookie",
    re.I,
)


def sniff_features(text: str) -> list[float]:
    """The values of ``FEATURE_NAMES`` for ``text``, in that order."""
    lines = [line.text for line in split_lines(text[:MAX_CHARS]) if not line.blank][:MAX_LINES]
    count = len(lines)
    if count == 0:
        return [0.0] * len(FEATURE_NAMES)
    words = [len(line.split()) for line in lines]
    ends = [_ends_sentence(line) for line in lines]
    short = [line for line, n in zip(lines, words, strict=True) if n <= SHORT_WORDS]
    times = [len(line) <= MAX_TIME_CHARS and _is_any_time(line) for line in lines]
    headers = sum(bool(split_comment_header(line) or says(line)) for line in short or lines)
    pairs = sum(
        1 for i in range(count - 1) if times[i + 1] and len(lines[i]) <= 60 and name_of(lines[i])
    )
    header_at_top = any(parse_header_line(line) is not None for line in lines[:HEADER_LINES])
    seen = Counter(line for line in lines if len(line) <= 60)
    repeated = sum(n for n in seen.values() if n > 1)
    dated = sum(
        1
        for line in lines
        if len(line) <= MAX_TIME_CHARS and _FOUR_DIGITS.search(line) and search_date(line)
    )
    return [
        math.log1p(count),
        len(short) / count,
        sum(n >= LONG_WORDS for n in words) / count,
        sum(ends) / count,
        sum(n <= SHORT_WORDS and not end for n, end in zip(words, ends, strict=True)) / count,
        sum(is_ui(line) for line in short) / count,
        math.log1p(sum(times)),
        math.log1p(headers),
        math.log1p(pairs),
        float(header_at_top),
        float(any(opens_comments(line) for line in short)),
        repeated / count,
        math.log1p(dated),
        float(any(_is_footer(line) for line in lines[-40:] if len(line) <= 200)),
        math.log1p(sum(words) / count),
        float(header_at_top or any(_anchor_below(line) for line in lines[3:])),
    ]


def _anchor_below(line: str) -> bool:
    """The earlier sniffer's test below the third line: a time or a comment header."""
    return is_time(line) or split_comment_header(line) is not None


#: a piece of every ``_FOOTER`` alternative: the pattern runs only where one is found
_FOOTER_PIECES = (
    "©", "(c)", "rights", "rechte", "droits", "derechos", "diritti", "direitos",
    "impressum", "privacy", "datenschutz", "mentions", "aviso", "cookie",
)  # fmt: skip


def _is_footer(line: str) -> bool:
    lowered = line.lower()
    return any(piece in lowered for piece in _FOOTER_PIECES) and bool(_FOOTER.search(line))


def _ends_sentence(line: str) -> bool:
    """Ends with sentence punctuation, maybe inside closing quotes or brackets."""
    return line.rstrip(_CLOSERS)[-1:] in _ENDS


def _is_any_time(line: str) -> bool:
    return is_time(line) or labelled_time(line) is not None
