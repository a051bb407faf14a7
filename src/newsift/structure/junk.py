"""Blocks inside a page's body that are not the article: captions and boilerplate.

- caption: a photo caption and its credit ("Photograph: Aled Brannigan/The
  Ledger", "(Photo: Ravi Castell / Courier)", "Lucia Fairweather/Thornbury Sentinel");
- boilerplate: newsletter sign-up blocks, "Related stories" lists, "Read more: ..."
  links.

In a dump with blank lines a whole paragraph is judged; in a dump without, a
run of adjacent lines. Limits: English phrases; a caption without a credit
line is read as body.
"""

from __future__ import annotations

import itertools
import re

from newsift.text.lines import Line, is_ui

_CREDIT = re.compile(
    r"^(?:\(?(?:photo(?:graph)?s?|image|picture|illustration|credit|video|graphic)"
    r"(?:\s+(?:by|credit))?\s*:\s*.{1,120}\)?"
    r"|(?:photo(?:graph)?s?|illustrations?|graphics?)\s+by\s+.{1,80}"
    r"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*/\s*(?:The\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4}"
    r"|\((?:AP|Reuters|AFP|Getty)[^)]{0,60}\))$",
    re.I,
)
_CAPTION_TAIL = re.compile(
    r"\((?:AP\s+|Reuters\s+)?(?:photo(?:graph)?|image|picture)s?\s*(?:by|:|/)[^)]{1,80}\)\s*$", re.I
)
#: "... eastern span. Kofi Brennan for the Halden Ledger": a credit run into the caption.
_CREDIT_TAIL = re.compile(
    r"[.!?]\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}\s+(?:for|/)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,4}\s*$"
)
CAPTION_MAX_CHARS = 300
_READ_MORE = re.compile(
    r"^(?:read more|related|see also|also read|read also|read next|more on this|"
    r"related (?:article|story|content|coverage)|recommended|listen|watch)\s*:\s*\S",
    re.I,
)
_RELATED_HEAD = re.compile(
    r"^(?:related(?: stories| articles| coverage| content| links| reading)?|"
    r"more (?:stories|from|on)\b.*|"
    r"most (?:read|popular|viewed)|recommended(?: for you| reading)?|you (?:may|might) also like|"
    r"trending(?: now)?|top stories|latest (?:news|stories)|in other news|what to read next)$",
    re.I,
)
_PROMO = re.compile(
    r"\b(?:sign(?:ing)?[ -]?up|subscribe|unsubscribe|newsletter|inbox|e-?mail address|"
    r"enter your e-?mail|terms of (?:service|use)|privacy policy|free trial|delivered to you)",
    re.I,
)
PROMO_MAX_CHARS = 160
RELATED_MAX_LINES = 8


def is_credit(text: str) -> bool:
    """A photo credit, or a caption that ends in one."""
    if len(text) <= 160 and _CREDIT.match(text):
        return True
    return len(text) <= CAPTION_MAX_CHARS and bool(
        _CAPTION_TAIL.search(text) or _CREDIT_TAIL.search(text)
    )


def _promo(text: str) -> bool:
    return len(text) <= PROMO_MAX_CHARS and bool(_PROMO.search(text))


def junk_lines(zone: list[Line], blank_style: bool) -> dict[int, str]:
    """Line index -> ``caption`` or ``boilerplate`` for lines that are not article text."""
    junk: dict[int, str] = {}
    if blank_style:
        for run in _runs(zone):
            kind = _run_kind([line.text for line in run])
            if kind is not None:
                junk.update((line.index, kind) for line in run if not is_ui(line.text))
        return junk
    lines = [line for line in zone if not line.blank and not is_ui(line.text)]
    i = 0
    while i < len(lines):
        text = lines[i].text
        if is_credit(text):
            junk[lines[i].index] = "caption"
        elif _READ_MORE.match(text):
            junk[lines[i].index] = "boilerplate"
        elif _RELATED_HEAD.match(text):
            junk[lines[i].index] = "boilerplate"
            j = i + 1
            while j < len(lines) and j - i <= RELATED_MAX_LINES and _headline_like(lines[j].text):
                junk[lines[j].index] = "boilerplate"
                j += 1
            i = j
            continue
        elif _promo(text) and (
            (i + 1 < len(lines) and _promo(lines[i + 1].text))
            or (i > 0 and junk.get(lines[i - 1].index) == "boilerplate")
        ):
            junk[lines[i].index] = "boilerplate"
        i += 1
    _extend_promo_blocks(zone, junk)
    return junk


def _run_kind(texts: list[str]) -> str | None:
    if is_credit(texts[-1]):
        return "caption" if len(texts) <= 3 else None
    if _RELATED_HEAD.match(texts[0]) or all(_READ_MORE.match(t) for t in texts):
        return "boilerplate"
    promo = sum(_promo(t) or is_ui(t) for t in texts)
    if any(_promo(t) for t in texts) and 2 * promo >= len(texts) and len(texts) > 1:
        return "boilerplate"
    return None


def _extend_promo_blocks(zone: list[Line], junk: dict[int, str]) -> None:
    """In a dump without blank lines, a sign-up block's short lines between promo lines."""
    marked = sorted(i for i, kind in junk.items() if kind == "boilerplate")
    for a, b in itertools.pairwise(marked):
        if 1 < b - a <= 3:
            between = [line for line in zone if a < line.index < b]
            if all(len(line.text) <= 40 for line in between):
                junk.update((line.index, "boilerplate") for line in between if line.text)


def _headline_like(text: str) -> bool:
    return len(text) <= 120 and not is_ui(text)


def _runs(zone: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in zone:
        if line.blank:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(line)
    if current:
        runs.append(current)
    return runs
