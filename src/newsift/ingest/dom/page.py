"""An HTML page read into headline, byline, date, body and comments, and laid out as text.

The body comes from trafilatura (``include_comments=False``: its default
leaks comments into the body); body paragraphs that repeat a comment found in
the DOM are dropped as well. The document text is the page's own words laid out
one block per paragraph: headline, author, date, body, then each comment's
author, time and paragraphs, so every region is a span of that text.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from newsift.document import Region, Span
from newsift.ingest.dom.comments import HtmlComment, find_comments
from newsift.ingest.dom.dom import clean_text, parse_html, text_of, word_count
from newsift.ingest.dom.meta import PageMeta, read_meta

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

MIN_LEAK_CHARS = 30  # shorter body lines are not compared with comments
MAX_COMMENT_SHARE = 0.6  # records holding more of the page's text are not removed
PRECISION_MIN_SHARE = 0.4  # see extract_body
SUSPECT_SHARE = 0.3  # see extract_body
SHORT_PAGE_WORDS = 200  # see extract_body


@dataclass(slots=True)
class HtmlPage:
    meta: PageMeta
    body: list[str]
    comments: list[HtmlComment] = field(default_factory=list)
    root: HtmlElement | None = field(default=None, repr=False)  # the parsed page


def read_html_page(html: str, *, url: str | None = None, use_htmldate: bool = True) -> HtmlPage:
    """Read a decoded HTML page. Raises UnsupportedInput or InputTooLarge for bad pages."""
    root = parse_html(html)
    comments = find_comments(root)
    meta = read_meta(root, use_htmldate=use_htmldate)  # reads only (htmldate prunes a copy)
    body = extract_body(_without_records(root, comments), url=url)
    body = _without_comments(body, comments)
    if body and meta.headline and _fold(body[0]) == _fold(meta.headline):
        body = body[1:]  # the headline has a region of its own
    return HtmlPage(meta, body, comments, root)


def _without_records(root: HtmlElement, comments: list[HtmlComment]) -> HtmlElement:
    """A copy of the page without the comment records found (so none leaks into the body).

    Left as it is when the records would hold most of the page's text: then they
    are more likely a misreading than a comment section.
    """
    records = [c.element for c in comments if c.element is not None and c.parent is None]
    if not records:
        return root
    total = len(text_of(root))
    if total == 0 or sum(len(text_of(r)) for r in records) > MAX_COMMENT_SHARE * total:
        return root
    marked = {id(r) for r in records}
    clone = copy.deepcopy(root)
    doomed = [e for e, o in zip(clone.iter(), root.iter(), strict=True) if id(o) in marked]
    for element in doomed:
        _drop(element)
    return clone


def _drop(element: HtmlElement) -> None:
    """Remove ``element`` but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def extract_body(root: HtmlElement, *, url: str | None = None) -> list[str]:
    """The article's paragraphs, by trafilatura (``fast`` mode; it works on its own copy).

    Precision first: ``favor_precision`` output, unless it keeps less than
    :data:`PRECISION_MIN_SHARE` of the words the balanced mode keeps, which
    means it cut the article itself; then the balanced output. On Zyte AEB dev
    this measured F1 0.968, against 0.959 for the default mode alone
    (``benchmarks/extraction.py``).

    The balanced pass runs only when the precise output is suspect: empty, or
    under :data:`SUSPECT_SHARE` of the words of the page's visible text, or
    the page is short (under :data:`SHORT_PAGE_WORDS` visible words, where a
    second pass costs little and a few words tip the share). On the 1,535
    pages of ``../shared/data/extraction`` every page where the balanced
    output won was suspect, and about one page in five is, so the body costs
    about 1.2 trafilatura passes instead of 2, with the same result.
    """
    precise = _trafilatura(root, url, precise=True)
    words = len(precise.split())
    if words == 0 or _suspect(words, word_count(root)):
        balanced = _trafilatura(root, url, precise=False)
        if words < PRECISION_MIN_SHARE * len(balanced.split()):
            precise = balanced
    return [cleaned for line in precise.split("\n") if (cleaned := clean_text(line))]


def _suspect(words: int, page_words: int) -> bool:
    """Whether a non-empty precise output is a small share of the page, or the page is short."""
    return words < SUSPECT_SHARE * page_words or page_words < SHORT_PAGE_WORDS


def _trafilatura(root: HtmlElement, url: str | None, *, precise: bool) -> str:
    """trafilatura's text of ``root`` (it copies a tree it is given before pruning it)."""
    import trafilatura

    return trafilatura.extract(root, options=_extractor(precise, url)) or ""


_EXTRACTORS: dict[bool, Extractor] = {}  # trafilatura's settings by precise/balanced


def _extractor(precise: bool, url: str | None) -> Extractor:
    """The settings of one pass, as ``trafilatura.extract``'s keywords would make them.

    Built once per mode (each build reads trafilatura's config file settings,
    about a tenth of a millisecond a call); the page's URL goes on a copy, set
    as ``Extractor(url=url)`` sets it. trafilatura never changes the settings it
    is given (its recall retry works on a copy).
    """
    from trafilatura.settings import Extractor

    template = _EXTRACTORS.get(precise)
    if template is None:
        template = Extractor(
            fast=True,
            precision=precise,
            comments=False,
            tables=True,
            dedup=False,
            with_metadata=False,
        )
        _EXTRACTORS[precise] = template
    if url is None:
        return template
    options = copy.copy(template)
    options.url = url
    options.source = url.encode("utf-8", "replace").decode("utf-8")
    return options


def _without_comments(body: list[str], comments: list[HtmlComment]) -> list[str]:
    if not comments:  # nothing to compare with: every line is kept
        return body
    said = [_fold(p) for c in comments for p in c.paragraphs]
    whole = " ".join(said)
    kept = []
    for line in body:
        folded = _fold(line)
        if len(folded) >= MIN_LEAK_CHARS and (folded in said or folded in whole):
            continue
        kept.append(line)
    return kept


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


# layout --------------------------------------------------------------------------------
@dataclass(slots=True)
class Layout:
    text: str
    regions: list[Region]


def lay_out(page: HtmlPage, reference: date | None) -> Layout:
    """The page as text, one block per paragraph, with its regions."""
    parts: list[str] = []
    regions: list[Region] = []
    offset = 0

    def put(block: str) -> Span:
        nonlocal offset
        if parts:
            parts.append("\n\n")
            offset += 2
        start = offset
        parts.append(block)
        offset += len(block)
        return Span(start, offset)

    def simple(kind: str, block: str) -> None:
        span = put(block)
        regions.append(Region(f"r{len(regions) + 1}", kind, span.start, span.end, [span]))

    meta = page.meta
    if meta.headline:
        simple("headline", meta.headline)
    if meta.author:
        simple("byline", meta.author)
    if meta.published_raw:
        simple("dateline", meta.published_raw)
    body = [put(p) for p in page.body]
    if body:
        regions.append(Region(f"r{len(regions) + 1}", "body", body[0].start, body[-1].end, body))
    comment_ids: list[str] = []
    for comment in page.comments:
        author_span = put(comment.author) if comment.author else None
        when_span = put(comment.when) if comment.when else None
        paragraphs = [put(p) for p in comment.paragraphs]
        first = author_span or when_span or paragraphs[0]
        resolved = comment.when_date
        if resolved is None and comment.when_relative is not None and reference is not None:
            resolved = comment.when_relative.resolve(reference)
        region_id = f"r{len(regions) + 1}"
        parent = comment_ids[comment.parent] if comment.parent is not None else None
        regions.append(
            Region(
                region_id,
                "comment",
                first.start,
                paragraphs[-1].end,
                paragraphs,
                author=comment.author,
                author_span=author_span,
                when=comment.when,
                when_span=when_span,
                when_resolved=resolved.isoformat() if resolved else None,
                parent=parent,
            )
        )
        comment_ids.append(region_id)
    return Layout("".join(parts), regions)
