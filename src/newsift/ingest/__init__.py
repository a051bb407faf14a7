"""Ingest: bytes, files and records become Documents (text + meta), nothing more.

Kinds, chosen by ``kind=`` or sniffed when it is ``"auto"``:

- ``dump``: a flattened page (title, dateline, byline, body, bio, comments);
- ``text``: plain article text, all body;
- ``jsonl``: JSON Lines records ``{"id", "url", "text" | "html", "crawl_date"}``,
  whose texts are sniffed as dump or text;
- ``html``: one HTML page (:mod:`newsift.ingest.html`);
- ``warc``: WARC or WARC.gz, every HTML response record a document, with
  ``WARC-Target-URI`` as url and ``WARC-Date`` as the reference date;
- a path that is an ``http(s)://`` URL is fetched (:mod:`newsift.ingest.fetch`).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsift.document import Document, Meta
from newsift.errors import EmptyInput, InputError, InputTooLarge, NewsiftError, UnsupportedInput
from newsift.ingest import records
from newsift.ingest.decode import check_lines, decode, repair
from newsift.ingest.fetch import FetchLimits, fetch, is_web_url
from newsift.ingest.records import iter_lines, parse_json
from newsift.ingest.sniff import sniff_kind, sniff_text
from newsift.limits import Limits

#: The HTML and WARC readers are imported where they are first used: they pull lxml,
#: charset_normalizer and the DOM rules (about 0.1-0.2 CPU-s of imports and regex
#: compiles) that a dump or text page, the common one-page ``newsift analyze``, never needs.
KINDS = ("auto", "dump", "text", "jsonl", "html", "warc")
_BUFFER = 1 << 16

__all__ = [
    "KINDS",
    "Limits",
    "Loaded",
    "document_from_text",
    "read_bytes",
    "read_path",
    "read_stream",
    "read_url",
    "sniff_kind",
]


@dataclass(frozen=True, slots=True)
class Loaded:
    """One input unit: a document, or the error that kept it from being one.

    ``repaired`` names what ingest fixed on the way, e.g. ``("id (U+D800)",)``
    for lone surrogates replaced with U+FFFD (the text stays the same length).
    """

    id: str
    document: Document | None = None
    error: NewsiftError | None = None
    skipped: str | None = None  # why an input was passed over on purpose (a PNG in a WARC)
    repaired: tuple[str, ...] = ()


def document_from_text(
    text: str,
    *,
    id: str = "doc",  # noqa: A002
    kind: str = "auto",
    url: str | None = None,
    crawl_date: str | None = None,
    reference_date: str | None = None,
    source: str | None = None,
    limits: Limits | None = None,
    repaired: list[str] | None = None,
) -> Document:
    """A document from text already decoded. ``reference_date`` defaults to ``crawl_date``.

    Lone surrogates in ``text``, ``id``, ``url`` or ``source`` are replaced with
    U+FFFD; ``repaired`` (if given) gets the names of the fields fixed.
    """
    limits = limits or Limits()
    fixed = repaired if repaired is not None else []
    text = repair(text, "text", fixed)
    id = repair(id, "id", fixed)  # noqa: A001
    url = repair(url, "url", fixed) if url is not None else None
    source = repair(source, "source", fixed) if source is not None else None
    if not text.strip():
        raise EmptyInput("empty input")
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputTooLarge(f"input is over {limits.max_bytes:,} bytes (limit --max-bytes)")
    check_lines(text, limits)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    confidence = None
    if kind == "auto":
        sniffed = sniff_text(text)
        kind, confidence = sniffed.kind, round(sniffed.confidence, 3)
    if kind not in {"dump", "text"}:
        raise UnsupportedInput(f"cannot read {kind!r} from text; use dump or text")
    meta = Meta(
        kind=kind,
        source=source,
        url=url,
        crawl_date=crawl_date,
        reference_date=crawl_date or reference_date,
        kind_confidence=confidence,
    )
    return Document(text, id=id, meta=meta)


def read_path(
    path: str | os.PathLike[str],
    *,
    kind: str = "auto",
    limits: Limits | None = None,
    reference_date: str | None = None,
    encoding: str | None = None,
) -> Iterator[Loaded]:
    """Every document in a file (``-`` is stdin); never raises for bad input."""
    name = str(path)
    if is_web_url(name):
        yield read_url(name, limits=limits, reference_date=reference_date)
        return
    if name == "-":
        stdin = sys.stdin.buffer  # a BufferedReader: it has peek()
        yield from read_stream(
            stdin,
            name="stdin",
            kind=kind,
            limits=limits,
            reference_date=reference_date,
            encoding=encoding,
        )
        return
    target = Path(name)
    try:
        if target.is_dir():
            raise InputError("is a folder; give the files in it")
        with target.open("rb", buffering=_BUFFER) as stream:
            yield from read_stream(
                stream,
                name=name,
                kind=kind,
                limits=limits,
                reference_date=reference_date,
                encoding=encoding,
            )
    except FileNotFoundError:
        yield Loaded(name, error=InputError("no such file"))
    except OSError as exc:
        yield Loaded(name, error=InputError(f"cannot read: {exc.strerror or exc}"))
    except InputError as exc:
        yield Loaded(name, error=exc)


def read_bytes(
    data: bytes, *, name: str = "doc", **options: str | Limits | None
) -> Iterator[Loaded]:
    """Every document in ``data``; the options are those of :func:`read_stream`."""
    yield from read_stream(io.BufferedReader(io.BytesIO(data), _BUFFER), name=name, **options)  # type: ignore[arg-type]


def read_stream(
    stream: IO[bytes],
    *,
    name: str,
    kind: str = "auto",
    limits: Limits | None = None,
    reference_date: str | None = None,
    encoding: str | None = None,
) -> Iterator[Loaded]:
    limits = limits or Limits()
    notes: list[str] = []
    name = repair(name, "id", notes)  # a file name that is not UTF-8
    if kind not in KINDS:
        error = UnsupportedInput(f"unknown kind {kind!r}; use one of {KINDS}")
        yield Loaded(name, error=error, repaired=tuple(notes))
        return
    head = _peek(stream)
    if kind == "auto":
        kind = sniff_kind(head)
    if kind == "jsonl":
        yield from _read_jsonl(stream, name, limits, reference_date)
        return
    if kind == "warc":
        yield from _read_warc(stream, name, limits)
        return
    try:
        data = stream.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise InputTooLarge(f"input is over {limits.max_bytes:,} bytes (limit --max-bytes)")
        if kind == "html":
            from newsift.ingest.html import document_from_html

            doc = document_from_html(data, id=name, source=name, declared_charset=encoding,
                                     reference_date=reference_date, limits=limits,
                                     repaired=notes)  # fmt: skip
            yield Loaded(name, document=doc, repaired=tuple(notes))
            return
        text = decode(data, encoding)
        doc = document_from_text(text, id=name, kind=kind, source=name,
                                 reference_date=reference_date, limits=limits,
                                 repaired=notes)  # fmt: skip
    except NewsiftError as exc:
        yield Loaded(name, error=exc, repaired=tuple(notes))
        return
    yield Loaded(name, document=doc, repaired=tuple(notes))


def _html_reader() -> Callable[..., Document]:
    """The HTML reader, imported on first use (see the note above ``KINDS``)."""
    from newsift.ingest.html import document_from_html

    return document_from_html


def _read_jsonl(
    stream: IO[bytes], name: str, limits: Limits, reference_date: str | None
) -> Iterator[Loaded]:
    for number, line in iter_lines(stream, limits):
        record_id = f"{name}:{number}"
        if isinstance(line, NewsiftError):
            yield Loaded(record_id, error=line)
            continue
        notes: list[str] = []
        try:
            obj = parse_json(line, limits)
            record_id = repair(records.record_id(obj, record_id), "id", notes)
            record = records.to_record(obj, record_id)
            reader = _html_reader() if record.html is not None else document_from_text
            doc = reader(
                record.html if record.html is not None else record.text or "",
                id=record_id,
                url=record.url,
                crawl_date=record.crawl_date,
                reference_date=reference_date,
                source=f"{name}:{number}",
                limits=limits,
                repaired=notes,
            )
        except NewsiftError as exc:
            yield Loaded(record_id, error=exc, repaired=tuple(notes))
            continue
        yield Loaded(record_id, document=doc, repaired=tuple(notes))


def _read_warc(stream: IO[bytes], name: str, limits: Limits) -> Iterator[Loaded]:
    from newsift.ingest.html import document_from_html
    from newsift.ingest.warc import WarcSkip, iter_warc

    for item in iter_warc(stream, name=name, max_record_bytes=limits.max_bytes):
        notes: list[str] = []
        if isinstance(item, WarcSkip):
            rid = repair(item.id, "id", notes)
            yield Loaded(rid, skipped=item.reason, repaired=tuple(notes))
        elif isinstance(item, NewsiftError):
            rid = repair(getattr(item, "record_id", None) or name, "id", notes)
            yield Loaded(rid, error=item, repaired=tuple(notes))
        else:
            rid = repair(item.id, "id", notes)
            try:
                doc = document_from_html(
                    item.body,
                    id=rid,
                    url=item.url,
                    crawl_date=item.date,
                    declared_charset=item.charset,
                    source=name,
                    limits=limits,
                    repaired=notes,
                )
            except NewsiftError as exc:
                yield Loaded(rid, error=exc, repaired=tuple(notes))
                continue
            yield Loaded(rid, document=doc, repaired=tuple(notes))


def read_url(
    url: str, *, limits: Limits | None = None, reference_date: str | None = None
) -> Loaded:
    """Fetch one page through the guarded fetcher and read it as HTML or text.

    Never opens a local path: anything that is not an http(s) URL fails with
    ``input.fetch``. The web app calls this, never :func:`read_path`.
    """
    limits = limits or Limits()
    notes: list[str] = []
    url = repair(url, "id", notes)
    try:
        fetched = fetch(url, limits=FetchLimits(max_bytes=limits.max_bytes))
        if fetched.content_type in {None, "text/html", "application/xhtml+xml"}:
            from newsift.ingest.html import document_from_html

            doc = document_from_html(fetched.body, id=url, url=fetched.final_url,
                                     declared_charset=fetched.charset, source=url,
                                     reference_date=reference_date, limits=limits,
                                     repaired=notes)  # fmt: skip
        elif fetched.content_type == "text/plain":
            text = decode(fetched.body, fetched.charset)
            doc = document_from_text(text, id=url, url=fetched.final_url, source=url,
                                     reference_date=reference_date, limits=limits,
                                     repaired=notes)  # fmt: skip
        else:
            raise UnsupportedInput(f"{fetched.content_type} is not a page newsift reads")
    except NewsiftError as exc:
        return Loaded(url, error=exc, repaired=tuple(notes))
    return Loaded(url, document=doc, repaired=tuple(notes))


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is None:
        raise TypeError("read_stream needs a buffered stream with peek()")
    head: bytes = peek(_BUFFER)
    return head[:_BUFFER]
