"""Line labels for page dumps: from an HTML page's DOM, or from a document's regions.

Used to train the line classifier (:mod:`newsift.structure.linemodel`) and to
measure dump readers line by line. Labels are those of ``LABELS``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsift.document import Document, Span
from newsift.eval.metrics import accuracy, label_f1, macro_f1_present
from newsift.ingest.dom.page import HtmlPage
from newsift.ingest.dom.render import RenderedLine
from newsift.structure.linemodel import LABELS
from newsift.text.dates import search_date

_FOLD = re.compile(r"\W+")
MIN_CONTAINED_CHARS = 25


def fold(text: str) -> str:
    return _FOLD.sub(" ", text.lower()).strip()


def site_of(key: str) -> str:
    """Site key of an evaluation entry: host without www., or the file name's prefix."""
    if key.startswith(("http://", "https://")):
        host = (urlsplit(key).hostname or "").lower()
        return re.sub(r"^(?:www\d?|m|amp)\.", "", host)
    return key.split("::")[-1].split("-")[0].lower()


def held_out(key: str, salt: str = "newsift-tune-v1", share: float = 0.30) -> bool:
    """Is this entry's site in the held-out (check) part of our own dev split?"""
    digest = hashlib.sha256(f"{salt}|{site_of(key)}".encode()).hexdigest()
    return int(digest[:8], 16) / 2**32 < share


def dom_labels(page: HtmlPage, lines: list[RenderedLine]) -> list[str]:
    """Each rendered line's label, read from what the DOM side found."""
    records = {c.element: c for c in page.comments if c.element is not None}
    headline = fold(page.meta.headline or "")
    author = fold(page.meta.author or "")
    body = [fold(p) for p in page.body]
    body_set = set(body)
    body_all = " \n ".join(body)
    labels: list[str] = []
    seen_headline = False
    for line in lines:
        text = fold(line.text)
        comment = _record_of(line.element, records)
        if comment is not None:
            labels.append(_comment_label(line.text, text, comment))
        elif headline and text == headline and not seen_headline:
            labels.append("headline")
            seen_headline = True
        elif text and (text in body_set or (len(text) >= MIN_CONTAINED_CHARS and text in body_all)):
            labels.append("body")
        elif author and author in text and len(line.text) <= 120:
            labels.append("byline")
        elif (
            page.meta.published is not None
            and len(line.text) <= 80
            and search_date(line.text) == page.meta.published
        ):
            labels.append("dateline")
        else:
            labels.append("other")
    return labels


def _record_of(element: HtmlElement, records: Mapping[HtmlElement, object]) -> object | None:
    if element in records:
        return records[element]
    for ancestor in element.iterancestors():
        if ancestor in records:
            return records[ancestor]
    return None


def _comment_label(raw: str, text: str, comment: object) -> str:
    author = fold(getattr(comment, "author", None) or "")
    when = fold(getattr(comment, "when", None) or "")
    paragraphs = [fold(p) for p in getattr(comment, "paragraphs", [])]
    if author and text.startswith(author) and len(text) <= len(author) + 25:
        return "comment_author"
    if when and when in text and len(text) <= len(when) + 25:
        return "comment_time"
    if text and any(text == p or (len(text) >= 10 and text in p) for p in paragraphs):
        return "comment_text"
    return "other"


def region_labels(doc: Document) -> list[str]:
    """Each non-blank line's label, read from the document's regions."""
    spans: list[tuple[Span, str]] = []
    for region in doc.regions:
        if region.kind == "comment":
            if region.author_span is not None:
                spans.append((region.author_span, "comment_author"))
            if region.when_span is not None:
                spans.append((region.when_span, "comment_time"))
            spans.extend((p, "comment_text") for p in region.paragraphs)
        elif region.kind in {"headline", "byline", "dateline"}:
            spans.append((region.span, region.kind))
        elif region.kind == "body":
            spans.extend((p, "body") for p in region.paragraphs)
    labels: list[str] = []
    offset = 0
    for raw in doc.text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        if not raw.strip():
            continue
        found = [label for span, label in spans if span.start < end and start < span.end]
        labels.append(_first(found))
    return labels


def _first(found: list[str]) -> str:
    for label in ("comment_author", "comment_time", "headline", "byline", "dateline",
                  "comment_text", "body"):  # fmt: skip
        if label in found:
            return label
    return "other"


@dataclass(slots=True)
class LineScores:
    f1: dict[str, float]
    macro_f1: float
    accuracy: float


def line_scores(gold: list[list[str]], predicted: list[list[str]]) -> LineScores:
    """Per-label F1 (NaN for a label neither side uses), their mean, and accuracy, over the
    lines of every page."""
    gold_lines = [label for page in gold for label in page]
    predicted_lines = [
        label
        for g_page, p_page in zip(gold, predicted, strict=True)
        for _, label in zip(g_page, p_page, strict=True)
    ]
    f1 = label_f1(predicted_lines, gold_lines, LABELS)
    return LineScores(f1, macro_f1_present(f1), accuracy(predicted_lines, gold_lines))
