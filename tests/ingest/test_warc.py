"""WARC reading: a round trip through warcio's writer, then every kind of damage."""

from __future__ import annotations

import gzip
import io
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.errors import DecodeError, EmptyInput, InputError, InputTooLarge, NewsiftError
from newsift.ingest.html_decode import decode_html
from newsift.ingest.warc import WarcError, WarcPage, WarcSkip, iter_warc

NAME = "crawl.warc"
PAGE_A = (
    "<!doctype html><html><body><p>Café in Zürich, a longer page than the others.</p></body></html>"
).encode()
PAGE_B = "<html><body><p>Crème brûlée, “naïve” façade, élève.</p></body></html>".encode("cp1252")
PAGE_C = b"\n<!DOCTYPE html>\n<html><body><p>chunked and gzipped</p></body></html>\n"
HTML = b"<!doctype html><html><body>not a WARC</body></html>\n"


def rid(number: int) -> str:
    return f"urn:uuid:00000000-0000-4000-8000-{number:012d}"


def http(status: str, *headers: tuple[str, str]) -> Any:
    return StatusAndHeaders(status, list(headers), protocol="HTTP/1.1")


def chunked(data: bytes) -> bytes:
    parts = (data[:20], data[20:])
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


# One row per record, in file order: what iter_warc gives for it (None: passed over).
EXPECTED: list[WarcPage | WarcSkip | None] = [
    None,  # 1 warcinfo
    WarcPage(rid(2), "https://news.example/a", "2024-03-05", 200, "text/html", "utf-8", PAGE_A),
    None,  # 3 request
    WarcPage(rid(4), "https://news.example/b", "2024-03-06", 200, "text/html", None, PAGE_B),
    WarcSkip(rid(5), "HTTP status 404"),
    WarcSkip(rid(6), "not HTML (image/png)"),
    None,  # 7 revisit
    None,  # 8 metadata
    WarcSkip(rid(9), "no Content-Type and the body does not start like HTML"),
    WarcPage(rid(10), "https://news.example/c", "2024-03-07", 200, None, None, PAGE_C),
]
ALL = [outcome for outcome in EXPECTED if outcome is not None]


@dataclass(frozen=True)
class Warc:
    data: bytes
    starts: list[int]  # byte offset of each record, then the end of the file

    def before(self, number: int) -> list[WarcPage | WarcSkip]:
        """The outcomes of the records before record ``number`` (1-based)."""
        return [outcome for outcome in EXPECTED[: number - 1] if outcome is not None]


def build(*, gz: bool, drop_id_of: int | None = None) -> Warc:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    starts: list[int] = []

    def write(record: Any, number: int, date: str = "2024-03-05T10:00:00Z") -> None:
        record.rec_headers.replace_header("WARC-Record-ID", f"<{rid(number)}>")
        record.rec_headers.replace_header("WARC-Date", date)
        if number == drop_id_of:
            record.rec_headers.remove_header("WARC-Record-ID")
        starts.append(out.tell())
        writer.write_record(record)

    def response(url: str, number: int, head: Any, body: bytes, date: str = "") -> None:
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=head
        )
        write(record, number, date or "2024-03-05T10:00:00Z")

    write(writer.create_warcinfo_record(NAME, {"software": "newsift tests"}), 1)
    html_utf8 = http("200 OK", ("Content-Type", "text/html; charset=utf-8"))
    response("https://news.example/a", 2, html_utf8, PAGE_A)
    get = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    write(writer.create_warc_record("https://news.example/a", "request", http_headers=get), 3)
    html = http("200 OK", ("Content-Type", "text/html"))
    response("https://news.example/b", 4, html, PAGE_B, "2024-03-06T08:30:00Z")
    missing = http("404 Not Found", ("Content-Type", "text/html"))
    response("https://news.example/gone", 5, missing, b"<html>not found</html>")
    png = http("200 OK", ("Content-Type", "image/png"))
    response("https://news.example/i.png", 6, png, b"\x89PNG\r\n\x1a\n" + bytes(64))
    revisit = writer.create_revisit_record(
        "https://news.example/a", "sha1:AAAA", "https://news.example/a", "2024-03-05T10:00:00Z"
    )
    write(revisit, 7)
    metadata = writer.create_warc_record(
        "https://news.example/a",
        "metadata",
        payload=io.BytesIO(b"via: test\r\n"),
        length=11,
        warc_content_type="application/warc-fields",
    )
    write(metadata, 8)
    response("https://news.example/data", 9, http("200 OK"), b'{"not": "html"}')
    packed = http("200 OK", ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"))
    body = chunked(gzip.compress(PAGE_C, mtime=0))
    response("https://news.example/c", 10, packed, body, "2024-03-07T23:59:59Z")
    starts.append(out.tell())
    return Warc(out.getvalue(), starts)


PLAIN = build(gz=False)
GZ = build(gz=True)


def read(data: bytes, **options: int) -> tuple[list[WarcPage | WarcSkip | NewsiftError], float]:
    started = time.monotonic()
    outcomes = list(iter_warc(io.BytesIO(data), name=NAME, **options))
    return outcomes, time.monotonic() - started


def set_length(warc: Warc, number: int, new: Callable[[int], int]) -> bytes:
    """The plain WARC with record ``number``'s Content-Length changed (the record stays)."""
    at = warc.data.index(rid(number).encode())
    found = re.compile(rb"Content-Length: (\d+)").search(warc.data, at)
    assert found is not None
    length = str(new(int(found.group(1)))).encode()
    return warc.data[: found.start(1)] + length + warc.data[found.end(1) :]


def assert_damage(
    outcomes: list[WarcPage | WarcSkip | NewsiftError],
    seconds: float,
    good: list[WarcPage | WarcSkip],
    error: type[InputError],
    *words: str,
) -> None:
    """The good outcomes first, then exactly one error, on one line, and quickly."""
    assert seconds < 2
    assert outcomes[:-1] == good
    last = outcomes[-1]
    assert isinstance(last, error), last
    message = str(last)
    assert message.startswith(f"{NAME}: ")
    assert "\n" not in message
    for word in words:
        assert word in message


# -- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("warc", [PLAIN, GZ], ids=["plain", "gzip"])
def test_round_trip_gives_pages_and_skips_in_order(warc: Warc) -> None:
    outcomes, seconds = read(warc.data)
    assert outcomes == ALL
    assert seconds < 2


def test_pages_decode_with_their_charset() -> None:
    pages = [outcome for outcome in read(GZ.data)[0] if isinstance(outcome, WarcPage)]
    decoded = [decode_html(page.body, page.charset) for page in pages]
    assert decoded == [
        (PAGE_A.decode(), "utf-8"),
        (PAGE_B.decode("cp1252"), "cp1252"),
        (PAGE_C.decode(), "utf-8"),
    ]


def test_reads_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(GZ.data)
    with path.open("rb") as stream:
        assert list(iter_warc(stream, name=NAME)) == ALL


def test_a_record_without_id_gets_name_and_number() -> None:
    warc = build(gz=False, drop_id_of=4)
    pages = [outcome for outcome in read(warc.data)[0] if isinstance(outcome, WarcPage)]
    assert [page.id for page in pages] == [rid(2), f"{NAME}#4", rid(10)]


def test_warcio_noise_is_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    read(set_length(PLAIN, 4, lambda n: n - 10))  # warcio writes a warning to stderr here
    assert capsys.readouterr().err == ""


# -- damage: the good records, then one error -------------------------------------------------


def middle_of(warc: Warc, number: int) -> int:
    return (warc.starts[number - 1] + warc.starts[number]) // 2


@pytest.mark.parametrize(
    ("cut", "number"),
    [
        (GZ.starts[-1] - 1, 10),  # into the gzip trailer of the last member
        (GZ.starts[-1] - 30, 10),
        (middle_of(GZ, 10), 10),
        (GZ.starts[9] + 5, 10),  # inside the gzip header of the last member
        (middle_of(GZ, 4), 4),
        (middle_of(GZ, 1), 1),
    ],
)
def test_truncated_gzip(cut: int, number: int) -> None:
    outcomes, seconds = read(GZ.data[:cut])
    at = f"record {number} at byte {GZ.starts[number - 1]:,}"
    assert_damage(outcomes, seconds, GZ.before(number), WarcError, at, "cut off")


@pytest.mark.parametrize("number", [4, 10])
def test_truncated_plain_warc(number: int) -> None:
    outcomes, seconds = read(PLAIN.data[: middle_of(PLAIN, number)])
    assert_damage(outcomes, seconds, PLAIN.before(number), WarcError, f"record {number} ")


@pytest.mark.parametrize(
    ("number", "new_length", "words"),
    [
        # longer than the rest of the file
        (4, lambda n: len(PLAIN.data), ("record 4 at byte", f"is {len(PLAIN.data):,} but only")),
        (10, lambda n: n + 100, ("record 10 at byte", "only", "bytes follow")),
        # longer, but the file goes on: the record runs into the next one
        (4, lambda n: n + 40, ("record 4 at byte", "Content-Length", "is wrong")),
        # shorter than the record
        (4, lambda n: n - 10, ("record 4 at byte", "Content-Length", "is wrong")),
        (2, lambda n: 5, ("record 2 at byte", "Content-Length (5) is wrong")),
        (4, lambda n: n - 1, ("record 4 at byte", "Content-Length", "is wrong")),
    ],
)
def test_lying_content_length(
    number: int, new_length: Callable[[int], int], words: tuple[str, ...]
) -> None:
    outcomes, seconds = read(set_length(PLAIN, number, new_length))
    assert_damage(outcomes, seconds, PLAIN.before(number), WarcError, *words)


@pytest.mark.parametrize("warc", [PLAIN, GZ], ids=["plain", "gzip"])
@pytest.mark.parametrize(
    ("garbage", "words"),
    [
        (b"this is not a record\r\n\r\n", "it starts with 'this is not a record'"),
        (b"trailing bytes", "it starts with 'trailing bytes'"),
        (bytes(range(256)) * 4, "it starts with '\\x00\\x01"),
        (gzip.compress(b"hello\n"), ""),
    ],
)
def test_garbage_after_the_last_record(warc: Warc, garbage: bytes, words: str) -> None:
    outcomes, seconds = read(warc.data + garbage)
    at = f"record 11 at byte {len(warc.data):,}"
    assert_damage(outcomes, seconds, ALL, WarcError, at, "not a WARC record", words)


def test_white_space_after_the_last_record_is_fine() -> None:
    assert read(PLAIN.data + b"\r\n\r\n")[0] == ALL
    assert read(GZ.data + b"\r\n\r\n")[0] == ALL


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (HTML, WarcError, "not a WARC file: it starts with b'<!doc'"),
        (b"%PDF-1.7\n", WarcError, "not a WARC file"),
        (bytes(range(256)), WarcError, "not a WARC file"),
        (gzip.compress(HTML), WarcError, "not a WARC file: it starts with '<!doctype"),
        (gzip.compress(b"a b c d e\nrest\n"), WarcError, "not a WARC record (looks like ARC)"),
        (b"WARC/1.0\r\nWARC-Type: response\r\n", WarcError, "record 1 at byte 0: the file is cut"),
        (b"", EmptyInput, "empty file"),
        (gzip.compress(b""), EmptyInput, "no WARC records"),
        (gzip.compress(b"\r\n\r\n"), EmptyInput, "no WARC records"),
    ],
)
def test_not_a_warc_or_empty(data: bytes, error: type[InputError], words: str) -> None:
    outcomes, seconds = read(data)
    assert_damage(outcomes, seconds, [], error, words)


def test_one_gzip_stream_for_the_whole_file() -> None:
    outcomes, seconds = read(gzip.compress(PLAIN.data))
    assert_damage(outcomes, seconds, [], WarcError, "record 2", "one stream", "warcio recompress")


def test_damaged_gzip_member() -> None:
    data = bytearray(GZ.data)
    data[GZ.starts[3] + 40] ^= 0xFF  # inside record 4's deflate data
    outcomes, seconds = read(bytes(data))
    assert_damage(outcomes, seconds, GZ.before(4), WarcError, "record 4", "damaged gzip data")


def big_warc(*, gz: bool, encoded_body: bytes | None = None) -> Warc:
    """Three HTML responses of 80,000 random hex digits: their gzip members span blocks."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    starts = []
    body = b"<html><body>" + random.Random(7).randbytes(40_000).hex().encode() + b"</body></html>"
    for number in (1, 2, 3):
        head = http("200 OK", ("Content-Type", "text/html"))
        payload = body
        if number == 2 and encoded_body is not None:
            head = http("200 OK", ("Content-Type", "text/html"), ("Content-Encoding", "gzip"))
            payload = encoded_body
        record = writer.create_warc_record(
            f"https://news.example/{number}",
            "response",
            payload=io.BytesIO(payload),
            length=len(payload),
            http_headers=head,
        )
        record.rec_headers.replace_header("WARC-Record-ID", f"<{rid(number)}>")
        starts.append(out.tell())
        writer.write_record(record)
    starts.append(out.tell())
    return Warc(out.getvalue(), starts)


def test_damaged_gzip_data_in_a_long_member() -> None:
    warc = big_warc(gz=True)
    data = bytearray(warc.data)
    data[warc.starts[1] + 30_000] ^= 0xFF  # zlib fails after the first block: warcio only prints
    outcomes, seconds = read(bytes(data))
    assert [type(outcome) for outcome in outcomes[:-1]] == [WarcPage]
    assert_damage(
        outcomes, seconds, outcomes[:1], WarcError, "record 2", "damaged gzip data (Error -3"
    )


def test_damaged_content_encoding_fails_only_its_record() -> None:
    encoded = bytearray(gzip.compress(random.Random(8).randbytes(40_000).hex().encode()))
    encoded[30_000] ^= 0xFF  # past warcio's first block: a failure there is not "not gzip"
    outcomes, seconds = read(big_warc(gz=False, encoded_body=bytes(encoded)).data)
    assert seconds < 2
    assert [type(outcome) for outcome in outcomes] == [WarcPage, DecodeError, WarcPage]
    message = str(outcomes[1])
    assert rid(2) in message and "cannot undo its Content-Encoding 'gzip'" in message


def test_response_without_target_uri() -> None:
    data = PLAIN.data.replace(b"WARC-Target-URI: https://news.example/b\r\n", b"")
    outcomes, seconds = read(data)
    assert_damage(outcomes, seconds, PLAIN.before(4), WarcError, "record 4", "no WARC-Target-URI")


def test_content_length_that_is_not_a_number() -> None:
    at = PLAIN.data.index(rid(4).encode())
    rest = re.sub(rb"Content-Length: \d+", b"Content-Length: lots", PLAIN.data[at:], count=1)
    outcomes, seconds = read(PLAIN.data[:at] + rest)
    words = "no valid Content-Length header (got 'lots')"
    assert_damage(outcomes, seconds, PLAIN.before(4), WarcError, "record 4", words)


# -- limits -----------------------------------------------------------------------------------


class CountingReader:
    def __init__(self, stream: Any, counts: list[int]) -> None:
        self.stream = stream
        self.counts = counts

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.stream.read(size)
        self.counts[-1] += len(data)
        return data


def count_content_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bytes read from each record's content stream, in order."""
    counts: list[int] = []
    content_stream = ArcWarcRecord.content_stream

    def counted(record: Any) -> CountingReader:
        counts.append(0)
        return CountingReader(content_stream(record), counts)

    monkeypatch.setattr(ArcWarcRecord, "content_stream", counted)
    return counts


def test_record_over_max_record_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = count_content_reads(monkeypatch)
    limit = len(PAGE_A) - 1  # page A is one byte over, B and C are shorter
    assert max(len(PAGE_B), len(PAGE_C)) <= limit
    outcomes, seconds = read(GZ.data, max_record_bytes=limit)
    assert seconds < 2
    error = outcomes[0]
    assert isinstance(error, InputTooLarge)
    assert str(error) == (
        f"{NAME}: record 2 at byte {GZ.starts[1]:,} ({rid(2)}): HTML payload over "
        f"{limit:,} bytes (max_record_bytes)"
    )
    assert outcomes[1:] == ALL[1:]  # the records after it are still read
    assert max(counts) <= limit + 1


def test_big_payload_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    body = b"<html><body>" + b"x" * 3_000_000 + b"</body></html>"
    head = http("200 OK", ("Content-Type", "text/html"))
    record = writer.create_warc_record(
        "https://news.example/big",
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=head,
    )
    writer.write_record(record)
    counts = count_content_reads(monkeypatch)
    outcomes, seconds = read(out.getvalue(), max_record_bytes=100_000)
    assert seconds < 2
    assert len(outcomes) == 1 and isinstance(outcomes[0], InputTooLarge)
    assert counts == [100_001]


def test_max_records() -> None:
    outcomes, seconds = read(PLAIN.data, max_records=4)
    words = "more than 4 records (max_records)"
    assert_damage(outcomes, seconds, PLAIN.before(5), InputTooLarge, words)


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        list(iter_warc(io.BytesIO(PLAIN.data), name=NAME, max_records=0))


# -- any damage at all ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gz=st.booleans(),
    cut=st.integers(min_value=0, max_value=GZ.starts[-1]),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255)), max_size=3),
)
def test_any_damage_ends_quietly(gz: bool, cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray((GZ if gz else PLAIN).data[: cut or None])
    for at, mask in flips:
        if data:
            data[at % len(data)] ^= mask
    outcomes, seconds = read(bytes(data))
    assert seconds < 2
    stops = [i for i, outcome in enumerate(outcomes) if isinstance(outcome, WarcError | EmptyInput)]
    assert stops in ([], [len(outcomes) - 1])  # damage stops the iteration
    for outcome in outcomes:
        if isinstance(outcome, NewsiftError):
            assert str(outcome).startswith(NAME) and "\n" not in str(outcome)
