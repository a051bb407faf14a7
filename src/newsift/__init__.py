"""newsift: read news and opinion pages and show, with evidence, how each is built.

Python API::

    import newsift
    doc = newsift.analyze(Path("page.txt"))       # load + default pipeline
    doc.meta.headline, [c.author for c in doc.comments]
    doc = newsift.load("plain text ...", kind="text")  # a Document, not analysed

A ``str`` is page text, a ``Path`` is a file, ``bytes`` are raw page bytes. A ``str``
that is nothing but an ``http(s)://`` URL is fetched, as ``newsift analyze URL`` does
(through the same guarded fetcher); pass ``kind="text"`` to read such a string as text.
"""

from __future__ import annotations

import os
import pathlib
import typing

# Each layer's JSON loader registers itself on import (no model or spaCy loads here).
from newsift.attribution import annotations as _attribution_layers  # noqa: F401
from newsift.attribution import byline as _byline_layer  # noqa: F401
from newsift.attribution import flags as _flags_layer  # noqa: F401
from newsift.claims import annotations as _claims_layer  # noqa: F401
from newsift.comments import annotations as _comment_layers  # noqa: F401
from newsift.document import SCHEMA, Document, Meta, Region, Span
from newsift.errors import InputError, NewsiftError
from newsift.ingest import Loaded, document_from_text, read_bytes, read_path
from newsift.ingest.fetch import is_web_url
from newsift.limits import Limits
from newsift.persuasion import annotations as _techniques_layer  # noqa: F401
from newsift.pipeline import DEFAULT_PIPELINE, Analyzer, Pipeline, default_pipeline
from newsift.registry import register

if typing.TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PIPELINE",
    "SCHEMA",
    "Analyzer",
    "Document",
    "InputError",
    "Limits",
    "Loaded",
    "Meta",
    "NewsiftError",
    "Pipeline",
    "Region",
    "Span",
    "__version__",
    "analyze",
    "load",
    "read",
    "register",
    "sample_path",
]

_Source = str | bytes | os.PathLike[str]
_pipelines: dict[tuple[str, ...], Pipeline] = {}


def load(
    source: _Source,
    *,
    kind: str = "auto",
    id: str | None = None,  # noqa: A002
    url: str | None = None,
    reference_date: str | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """One document from page text, raw bytes, a web URL or a file holding exactly one page.

    A ``str`` that is only an ``http(s)://`` URL (and ``kind`` is not ``text``) is
    fetched as the command line fetches it; any other ``str`` is page text.
    """
    if isinstance(source, str):
        if kind == "text" or not _is_url_only(source):
            return document_from_text(
                source, id=id or "doc", kind=kind, url=url, reference_date=reference_date,
                limits=limits,
            )  # fmt: skip
        source = source.strip()
    name = id or (str(source) if isinstance(source, (str, os.PathLike)) else "doc")
    if isinstance(source, bytes):
        items = list(
            read_bytes(source, name=name, kind=kind, limits=limits,
                       reference_date=reference_date, encoding=encoding)
        )  # fmt: skip
    else:
        items = list(
            read_path(source, kind=kind, limits=limits, reference_date=reference_date,
                      encoding=encoding)
        )  # fmt: skip
    if len(items) != 1:
        raise InputError(f"{name} holds {len(items)} documents; use newsift.read() for many")
    item = items[0]
    if item.error is not None:
        raise item.error
    assert item.document is not None
    if url is not None:
        item.document.meta.url = url
    if id is not None:
        item.document.id = id
    return item.document


def read(
    path: str | os.PathLike[str],
    *,
    kind: str = "auto",
    limits: Limits | None = None,
    reference_date: str | None = None,
    encoding: str | None = None,
) -> Iterator[Loaded]:
    """Every document in a file or at a web URL (JSON Lines gives many), each with its
    error if any."""
    return read_path(
        path, kind=kind, limits=limits, reference_date=reference_date, encoding=encoding
    )


def analyze(
    source: Document | _Source,
    *,
    pipeline: Pipeline | Sequence[str] | None = None,
    kind: str = "auto",
    id: str | None = None,  # noqa: A002
    url: str | None = None,
    reference_date: str | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Load ``source`` (unless it is a Document; see :func:`load` for the keywords) and run
    the pipeline on it."""
    doc = (
        source
        if isinstance(source, Document)
        else load(source, kind=kind, id=id, url=url, reference_date=reference_date,
                  encoding=encoding, limits=limits)
    )  # fmt: skip
    if not isinstance(pipeline, Pipeline):
        names = tuple(pipeline) if pipeline is not None else DEFAULT_PIPELINE
        if names not in _pipelines:
            _pipelines[names] = (
                default_pipeline() if names == DEFAULT_PIPELINE else Pipeline.from_config(names)
            )
        pipeline = _pipelines[names]
    return pipeline(doc)


def _is_url_only(text: str) -> bool:
    stripped = text.strip()
    return is_web_url(stripped) and not any(c.isspace() for c in stripped)


def sample_path() -> pathlib.Path:
    """The bundled sample page dump (fictional), used by ``make demo``."""
    return pathlib.Path(__file__).parent / "samples" / "sample-dump.txt"
