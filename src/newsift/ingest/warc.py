"""WARC and WARC.gz files to HTML pages, with warcio; damage becomes an error, never a raise.

:func:`iter_warc` gives one outcome per HTTP ``response`` record, in file order:

- :class:`WarcPage`: a 2xx response whose payload is HTML (media type ``text/html``
  or ``application/xhtml+xml``, or none and a body that starts like HTML);
- :class:`WarcSkip`: any other response (an image, a PDF, a 404, a ``dns:`` record);
- an error: :class:`~newsift.errors.InputTooLarge` for an HTML payload over
  ``max_record_bytes`` or :class:`~newsift.errors.DecodeError` for a payload whose
  Content-Encoding cannot be undone; iteration goes on after these.

Other records (warcinfo, request, metadata, revisit, resource) are passed over.
Damage to the file itself (a cut-off ``.warc.gz``, a Content-Length longer or
shorter than the record, garbage between records, a file that is not WARC) is
yielded as one :class:`WarcError` naming the file, record number and byte offset
(compressed offset for ``.warc.gz``), and iteration stops there; pages before
the damage have been yielded already. An empty file, or one without any record,
is one :class:`~newsift.errors.EmptyInput`. A Content-Length too short by only a
few bytes that happen to be line breaks cannot be told from a right one; the
damage then shows at the next record, or not at all if it was the last.

Limits: an HTML payload is read up to ``max_record_bytes + 1`` bytes and no
further; other payloads are skipped without being kept. A WARC header line is read
whole, so a file of one enormous line costs its size in memory. warcio reports
some damage (corrupt gzip data, a record not followed by a blank line) only by
writing to ``sys.stderr``; :func:`iter_warc` captures that with
``contextlib.redirect_stderr`` around each warcio call (never across a ``yield``),
so output other threads write to stderr at that moment is captured too.
"""

from __future__ import annotations

import ast
import io
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from dataclasses import dataclass
from functools import partial
from typing import IO, Any, TypeVar

from newsift.errors import DecodeError, EmptyInput, InputError, InputTooLarge, NewsiftError
from newsift.ingest.html_decode import parse_content_type

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/"
_CHUNK = 1 << 16
_SNIPPET = 80  # characters of a bad header line quoted in a message
_GZIP_DAMAGE = "damaged gzip data: this record's gzip member does not decompress"
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html)(?=[\s>/]|\Z)", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DIGITS = re.compile(r"\d+", re.ASCII)
# What warcio lets out on malformed input. AttributeError and TypeError come from
# records it cannot parse (a response without WARC-Target-URI); they are caught
# around warcio calls only (_Reader.quietly), never around newsift code. warcio is
# imported on the first WARC read, not with newsift: it pulls in fsspec and asyncio
# (about 70 ms of every cold start that reads no WARC).
_PLAIN_ERRORS = (EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError)


def _step_errors() -> tuple[type[Exception], ...]:
    """What a warcio step may raise on malformed input, :class:`_CutOff` included."""
    from warcio.exceptions import ArchiveLoadFailed

    return (ArchiveLoadFailed, *_PLAIN_ERRORS, _CutOff)


T = TypeVar("T")


class WarcError(InputError):
    """A WARC file that is damaged or not WARC at all; reading stops there."""

    code = "input.warc"


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response: where it came from and its decoded HTTP payload."""

    id: str  # WARC-Record-ID without <>, or "<name>#<record number>"
    url: str | None  # WARC-Target-URI
    date: str | None  # WARC-Date as YYYY-MM-DD
    status: int | None  # HTTP status
    content_type: str | None  # HTTP media type, lower case, no parameters
    charset: str | None  # the charset parameter of the HTTP Content-Type
    body: bytes  # the payload, de-chunked and content-decoded (gzip, deflate)


@dataclass(frozen=True, slots=True)
class WarcSkip:
    """A response record that is not an HTML page, and why."""

    id: str
    reason: str


WarcOutcome = WarcPage | WarcSkip | NewsiftError


def iter_warc(
    stream: IO[bytes],
    *,
    name: str,
    max_record_bytes: int = 10_000_000,
    max_records: int = 1_000_000,
) -> Iterator[WarcPage | WarcSkip | NewsiftError]:
    """Every response record of a WARC or WARC.gz stream as a page, a skip or an error.

    Never raises for bad input and always ends: damage is yielded as one
    :class:`WarcError` and stops the iteration (see the module docstring).
    More than ``max_records`` records is an :class:`InputTooLarge` that stops it too.
    """
    if max_record_bytes <= 0 or max_records <= 0:
        raise ValueError("max_record_bytes and max_records must be positive")
    try:
        head = _read_exactly(stream, len(_WARC_MAGIC))
    except OSError as exc:
        yield WarcError(f"{name}: cannot read: {exc}")
        return
    if not head:
        yield EmptyInput(f"{name}: empty file, no WARC records")
        return
    if not (head.startswith(_GZIP_MAGIC) or head == _WARC_MAGIC):
        yield WarcError(
            f"{name}: not a WARC file: it starts with {head!r}, not 'WARC/' or gzip data"
        )
        return
    source = _Source(stream, head)
    reader = _Reader(source, name, max_record_bytes, max_records, gzip=head.startswith(_GZIP_MAGIC))
    yield from reader.outcomes()


class _Source:
    """The caller's stream with the peeked bytes put back; counts the bytes handed out."""

    def __init__(self, stream: IO[bytes], head: bytes) -> None:
        self._stream = stream
        self._head = head
        self.offset = 0
        self.exhausted = False  # a read found the end of the stream

    def read(self, size: int | None = -1) -> bytes:
        if self._head and size is not None and 0 <= size < len(self._head):
            data, self._head = self._head[:size], self._head[size:]
        elif self._head:
            rest = self._stream.read(-1 if size is None or size < 0 else size - len(self._head))
            data, self._head = self._head + (rest or b""), b""
        else:
            data = self._stream.read(-1 if size is None else size) or b""
            self.exhausted = self.exhausted or (not data and size != 0)
        self.offset += len(data)
        return data

    def tell(self) -> int:
        return self.offset


class _Failed(Exception):
    """A warcio step raised on malformed input; ``cause`` is what it raised."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _CutOff(Exception):
    """The input ends inside a record where warcio would see the end of the file."""


class _Reader:
    """One pass over one file: warcio's iterator plus the checks it leaves out."""

    def __init__(
        self, source: _Source, name: str, max_record_bytes: int, max_records: int, *, gzip: bool
    ) -> None:
        self.source = source
        self.gzip = gzip
        self.name = name
        self.max_record_bytes = max_record_bytes
        self.max_records = max_records
        self.zlib_errors: list[str] = []  # what warcio wrote to stderr about gzip data
        self.payload_errors: list[str] = []  # the same, while reading this record's payload
        self.records: Any = None

    def quietly(self, step: Callable[[], T]) -> T:
        """Run one warcio step: stderr captured, its exceptions as :class:`_Failed`.

        Of what warcio writes, zlib's errors are kept in ``zlib_errors``; its
        "record not followed by newline" warning shows in ``err_count`` too, and
        the rest (logging warnings such as "Replacing spaces in invalid
        WARC-Target-URI") is dropped.
        """
        buffer = io.StringIO()
        try:
            with redirect_stderr(buffer):
                return step()
        except _step_errors() as exc:
            raise _Failed(exc) from exc
        finally:
            lines = buffer.getvalue().splitlines()
            self.zlib_errors += [line.strip() for line in lines if "while decompressing" in line]

    def outcomes(self) -> Iterator[WarcOutcome]:
        number = 0  # records read so far
        end = 0  # byte offset just past the last record read (compressed, for gzip)
        from warcio.archiveiterator import ArchiveIterator

        try:
            self.records = self.quietly(
                lambda: ArchiveIterator(self.source, check_digests=False, arc2warc=False)
            )
            _hook_loader(self.records)
        except _Failed as failed:
            yield WarcError(f"{self.name}: cannot read: {_one_line(failed.cause)}")
            return
        while True:
            at = f" at byte {end:,}" if end >= 0 else ""  # a one-stream .warc.gz has no offsets
            where = f"{self.name}: record {number + 1}{at}"
            try:
                record = self.quietly(lambda: next(self.records, None))
                if record is not None and _blank(record):
                    # white space after the last gzip member: fine; anything after it: not
                    if not self.quietly(partial(_white_space_to_end, record.raw_stream)):
                        yield WarcError(f"{where}: not a WARC record: it starts with a blank line")
                        return
                    record = None
                if record is None:
                    yield from self.finish(number, where)
                    return
                number += 1
                if number > self.max_records:
                    yield InputTooLarge(
                        f"{self.name}: more than {self.max_records:,} records (max_records)"
                    )
                    return
                outcome, problem = self.one(record, number, where)
            except _Failed as failed:
                outcome, problem = None, self.explain(failed.cause, first=number <= 1)
            if problem is not None:
                yield WarcError(f"{where}: {problem}")
                return
            end = int(self.records.offset)
            if outcome is not None:
                yield outcome

    def finish(self, number: int, where: str) -> Iterator[WarcOutcome]:
        """At warcio's end: damage it only wrote to stderr, or no record at all."""
        if self.zlib_errors:
            yield WarcError(f"{where}: damaged gzip data ({_cut(self.zlib_errors[0])})")
        elif number == 0:
            yield EmptyInput(f"{self.name}: no WARC records")

    def one(self, record: Any, number: int, where: str) -> tuple[WarcOutcome | None, str | None]:
        """Read one record to its end: its outcome, and the damage found, if any."""
        if record.format != "warc":
            if self.undecompressed():
                return None, _GZIP_DAMAGE
            return None, f"not a WARC record (looks like {str(record.format).upper()})"
        headers = record.rec_headers
        declared = headers.get_header("Content-Length")
        if declared is None or not _DIGITS.fullmatch(str(declared).strip()):
            if self.gzip_cut() or self.at_end():
                return None, self.cut_off()
            return None, f"no valid Content-Length header (got {declared!r})"
        record_id = _record_id(headers.get_header("WARC-Record-ID")) or f"{self.name}#{number}"
        self.payload_errors = []
        outcome: WarcOutcome | None = None
        if record.rec_type == "response":
            outcome = self.response(record, record_id, where)
        raw = record.raw_stream
        self.quietly(lambda: _drain(raw))
        consumed, length = int(raw.tell()), int(record.length)
        warnings = int(self.records.err_count)
        self.quietly(self.records.read_to_end)
        if int(self.records.err_count) > warnings:
            return None, (
                f"its Content-Length ({length:,}) is wrong: the record is not followed "
                "by the blank lines that end a WARC record"
            )
        cut, short = self.gzip_cut(), consumed < length
        # zlib errors while reading the payload are the file's if the record came out short
        damage = self.zlib_errors or (self.payload_errors if cut or short else [])
        if damage:
            return None, f"damaged gzip data ({_cut(damage[0])})"
        if cut:
            return None, self.cut_off()
        if short:
            return None, (
                f"the file ends inside this record: its Content-Length is {length:,} but only "
                f"{consumed:,} bytes follow (cut off, or a wrong Content-Length)"
            )
        return outcome, None

    def response(self, record: Any, record_id: str, where: str) -> WarcOutcome:
        http = record.http_headers
        if http is None:
            return WarcSkip(record_id, "not an HTTP response")
        status = _status(http.get_statuscode())
        if status is None:
            return WarcSkip(record_id, "no valid HTTP status line")
        if not 200 <= status < 300:
            return WarcSkip(record_id, f"HTTP status {status}")
        media, charset = parse_content_type(http.get_header("Content-Type"))
        if media is not None and media not in HTML_TYPES:
            return WarcSkip(record_id, f"not HTML ({media})")
        before = len(self.zlib_errors)
        body = self.read_body(record, sniff=media is None)
        self.payload_errors, self.zlib_errors = self.zlib_errors[before:], self.zlib_errors[:before]
        if body is None:
            return WarcSkip(record_id, "no Content-Type and the body does not start like HTML")
        if len(body) > self.max_record_bytes:
            return InputTooLarge(
                f"{where} ({record_id}): HTML payload over {self.max_record_bytes:,} bytes "
                "(max_record_bytes)"
            )
        if self.payload_errors:
            encoding = http.get_header("Content-Encoding")
            return DecodeError(
                f"{where} ({record_id}): cannot undo its Content-Encoding {encoding!r} "
                f"({_cut(self.payload_errors[0])})"
            )
        headers = record.rec_headers
        return WarcPage(
            id=record_id,
            url=headers.get_header("WARC-Target-URI"),
            date=_date(headers.get_header("WARC-Date")),
            status=status,
            content_type=media,
            charset=charset,
            body=body,
        )

    def read_body(self, record: Any, *, sniff: bool) -> bytes | None:
        """The payload, at most ``max_record_bytes + 1`` bytes of it; None if not HTML."""
        stream = self.quietly(record.content_stream)
        limit = self.max_record_bytes + 1
        chunks: list[bytes] = []
        total = 0
        while total < limit:
            size = min(_CHUNK, limit - total)
            chunk: bytes = self.quietly(partial(stream.read, size))
            if not chunk:
                break
            if sniff and not chunks and not _looks_like_html(chunk):
                return None
            chunks.append(chunk)
            total += len(chunk)
        if sniff and not chunks:
            return None
        return b"".join(chunks)

    def gzip_cut(self) -> bool:
        """Whether the input is gzip and its last member ended before its end."""
        reader = getattr(self.records, "reader", None)
        decompressor = getattr(reader, "decompressor", None)
        if decompressor is None or getattr(self.records, "next_line", None):
            return False
        return not bool(getattr(decompressor, "eof", True))

    def undecompressed(self) -> bool:
        """Whether warcio gave up on gzip and reads the rest as it is."""
        reader = getattr(self.records, "reader", None)
        return self.gzip and reader is not None and reader.decompressor is None

    def at_end(self) -> bool:
        """Whether warcio has read everything there is (means "cut off" after a bad header)."""
        reader = getattr(self.records, "reader", None)
        left = reader.rem_length() if reader is not None else 0
        return self.source.exhausted and not left

    def cut_off(self) -> str:
        what = "the .warc.gz" if self.gzip else "the file"
        return f"{what} is cut off inside this record"

    def explain(self, exc: BaseException, *, first: bool) -> str:
        """A one-line reason for what a warcio step raised."""
        message = _one_line(exc)
        if isinstance(exc, _CutOff):
            return self.cut_off()
        if "non-chunked gzip" in message:
            return (
                "the .warc.gz is gzip-compressed as one stream, not one member per record "
                "(`warcio recompress` fixes that)"
            )
        if message.startswith(("Unknown archive format", "Invalid WARC record")):
            line = _first_line(str(exc))
            if self.gzip_cut() or (self.at_end() and _starts_warc_line(line)):
                return self.cut_off()
            if self.undecompressed() and line.startswith("\x1f\x8b"):
                return _GZIP_DAMAGE
            what = "not a WARC file" if first else "not a WARC record"
            return f"{what}: it starts with {_cut(line.strip())!r}"
        if self.gzip_cut() or self.at_end():
            return self.cut_off()
        if isinstance(exc, OSError):
            return f"cannot read the file: {message}"
        if isinstance(exc, AttributeError) and "startswith" in message:
            return "warcio cannot read this record: it has no WARC-Target-URI"
        return f"warcio cannot read this record ({type(exc).__name__}: {message})"


def _hook_loader(records: Any) -> None:
    """Make warcio raise :class:`_CutOff` where it would take a cut-off file for its end.

    warcio reads an EOFError as "no more records". Two of them mean the input
    was cut instead: one where a record's HTTP headers should start, and one
    at a record boundary while a gzip member is still unfinished.
    """
    loader = records.loader
    load_http_headers = loader.load_http_headers
    parse_record_stream = loader.parse_record_stream

    def checked_http_headers(*args: Any, **kwargs: Any) -> Any:
        try:
            return load_http_headers(*args, **kwargs)
        except EOFError as exc:  # no HTTP headers where the Content-Length promised some
            raise _CutOff from exc

    def checked_record(stream: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return parse_record_stream(stream, *args, **kwargs)
        except EOFError as exc:
            decompressor = getattr(stream, "decompressor", None)
            if decompressor is not None and not getattr(decompressor, "eof", True):
                raise _CutOff from exc
            raise

    loader.load_http_headers = checked_http_headers
    loader.parse_record_stream = checked_record


def _starts_warc_line(line: str) -> bool:
    return any(version.startswith(line) for version in ("WARC/1.0", "WARC/1.1"))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _drain(stream: Any) -> None:
    while stream.read(_CHUNK):
        pass


def _blank(record: Any) -> bool:
    """A "record" warcio made of a blank line: no version line, no header."""
    headers = record.rec_headers
    return not headers.protocol and not headers.statusline and not headers.headers


def _white_space_to_end(stream: Any) -> bool:
    while chunk := stream.read(_CHUNK):
        if chunk.strip():
            return False
    return True


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b" \t\r\n\f")
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip(b" \t\r\n\f")
    return _HTML_START.match(start) is not None


def _record_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value or None


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    match = _DATE.match(value.strip())
    return match.group(0) if match else None


def _status(value: str | None) -> int | None:
    try:
        status = int(str(value).strip())
    except ValueError:
        return None
    return status if 100 <= status <= 999 else None


def _first_line(message: str) -> str:
    """The line an ArchiveLoadFailed quotes (the fields warcio tried as ARC, joined)."""
    line = message.split("first line:", 1)[-1].lstrip(" ")
    if line.startswith("[") and line.endswith("]"):
        try:
            fields = ast.literal_eval(line)
        except (ValueError, SyntaxError):
            return line
        if isinstance(fields, list):
            return " ".join(str(field) for field in fields)
    return line


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return _cut(text or type(exc).__name__)


def _cut(text: str) -> str:
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
