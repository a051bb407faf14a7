"""Reports of analysed documents: a self-contained HTML page and a Markdown summary.

Both render from a document's JSON dict (``Document.to_dict()`` or a file from
``newsift analyze``) and show whichever layers are present::

    from newsift.report import render_html, render_markdown
    page = render_html(doc.to_dict())
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsift.report.html import render_html
from newsift.report.markdown import render_markdown
from newsift.report.view import ReportError

__all__ = ["FORMATS", "ReportError", "render", "render_html", "render_markdown"]

#: Report formats and the file suffix each is written with.
FORMATS: dict[str, str] = {"html": ".html", "md": ".md"}


def render(data: Mapping[str, Any], fmt: str) -> str:
    """The report of one document dict in ``fmt`` (``html`` or ``md``)."""
    if fmt == "html":
        return render_html(data)
    if fmt == "md":
        return render_markdown(data)
    raise ValueError(f"unknown report format {fmt!r}; use one of {sorted(FORMATS)}")
