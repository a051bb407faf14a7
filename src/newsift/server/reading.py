"""How a request's input is read: picklable readers, so a worker process can run them.

Each function here is module-level and takes only plain data, so
``functools.partial(read_pasted, ...)`` crosses to a
:class:`~newsift.server.isolation.ProcessEngine` worker as easily as it runs in
a thread of :class:`~newsift.server.engine.Engine`. Uploads are read with
:func:`newsift.ingest.read_bytes` directly and URLs with :func:`read_fetched`,
which never opens a local path.
"""

from __future__ import annotations

from newsift.errors import NewsiftError
from newsift.ingest import Loaded, document_from_text, read_bytes, read_url
from newsift.limits import Limits


def read_pasted(text: str, kind: str, reference: str | None, limits: Limits) -> list[Loaded]:
    """Pasted text as one input; ``html`` goes through the HTML reader.

    ``kind`` must already be one of :data:`newsift.ingest.KINDS`.
    """
    if kind == "html":
        return list(
            read_bytes(
                text.encode("utf-8", "surrogatepass"),
                name="pasted.html",
                kind="html",
                limits=limits,
                reference_date=reference,
            )
        )[:1]
    try:
        doc = document_from_text(
            text, id="pasted", kind=kind, source="pasted", reference_date=reference, limits=limits
        )
    except NewsiftError as exc:
        return [Loaded("pasted", error=exc)]
    return [Loaded("pasted", document=doc)]


def read_fetched(url: str, limits: Limits, reference: str | None) -> list[Loaded]:
    """A URL from a request: fetched through the guarded fetcher, never a local path."""
    return [read_url(url, limits=limits, reference_date=reference)]
