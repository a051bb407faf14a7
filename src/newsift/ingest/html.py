"""HTML pages into Documents: decode, read the DOM, lay the page out as text.

The DOM is the evidence for an HTML page's structure, and it is only at hand
here, so the reader builds the ``regions`` together with the text (see
:mod:`newsift.ingest.dom.page`); ``structure.v1`` keeps them.
"""

from __future__ import annotations

from newsift.document import Document, Meta
from newsift.errors import InputTooLarge
from newsift.ingest.decode import repair
from newsift.ingest.dom.page import lay_out, read_html_page
from newsift.ingest.html_decode import decode_html
from newsift.ingest.paragraphs import split_long_lines
from newsift.limits import Limits
from newsift.text.dates import parse_iso_date


def document_from_html(
    data: bytes | str,
    *,
    id: str,  # noqa: A002 - the schema's field name
    url: str | None = None,
    crawl_date: str | None = None,
    reference_date: str | None = None,
    declared_charset: str | None = None,
    source: str | None = None,
    limits: Limits | None = None,
    repaired: list[str] | None = None,
) -> Document:
    """A document from one HTML page; raises an InputError for a page it cannot read.

    Lines of the laid-out page over ``limits.max_line_chars`` are split (see
    :mod:`newsift.ingest.paragraphs`). Lone surrogates in a ``str`` page, ``id``
    or ``url`` are replaced with U+FFFD; ``repaired`` (if given) gets the fields fixed.
    """
    limits = limits or Limits()
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise InputTooLarge(f"page is over {limits.max_bytes:,} bytes (limit --max-bytes)")
    fixed = repaired if repaired is not None else []
    id = repair(id, "id", fixed)  # noqa: A001
    url = repair(url, "url", fixed) if url is not None else None
    source = repair(source, "source", fixed) if source is not None else None
    if isinstance(data, str):
        text = repair(data, "html", fixed)
    else:
        text = decode_html(data, declared_charset)[0]
    page = read_html_page(text, url=url)
    reference = crawl_date or reference_date
    layout = lay_out(page, parse_iso_date(reference) if reference else None)
    laid_out, regions = split_long_lines(layout.text, layout.regions, limits.max_line_chars)
    meta = Meta(
        headline=page.meta.headline,
        author=page.meta.author,
        published=page.meta.published.isoformat() if page.meta.published else None,
        published_raw=page.meta.published_raw,
        updated=page.meta.updated.isoformat() if page.meta.updated else None,
        url=url,
        kind="html",
        source=source,
        crawl_date=crawl_date,
        reference_date=reference,
        site_name=page.meta.site_name,
    )
    return Document(laid_out, id=id, meta=meta, layers={"regions": regions})
