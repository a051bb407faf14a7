"""Ingest: sniffing, JSON Lines records, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.errors import (
    BadRecord,
    BinaryInput,
    DecodeError,
    EmptyInput,
    InputError,
    InputTooLarge,
    LineTooLong,
    NestingTooDeep,
)
from newsift.ingest import Loaded, document_from_text, read_bytes, read_path
from newsift.ingest.sniff import sniff_kind, sniff_text_kind
from newsift.ingest.warc import WarcError
from newsift.limits import Limits

DUMP = "Title\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nBody.\n"
SMALL = Limits(max_bytes=1_000, max_line_chars=200, max_json_depth=8)


def only(items: list[Loaded]) -> Loaded:
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInput, "empty input"),
        (b"   \n\t\n", EmptyInput, "empty input"),
        (b"\x00\x01\x02binary\x00stuff", BinaryInput, "NUL bytes"),
        (b"\x1f\x8b\x08\x00compressed", BinaryInput, "gzip"),
        (b"%PDF-1.7 ...", BinaryInput, "PDF"),
        (b"\x89PNG\r\n\x1a\n....", BinaryInput, "PNG"),
        ("caf\u00e9 au lait".encode("latin-1"), DecodeError, "byte 0xe9 at offset 3"),
        (b"text with \x07\x07\x07\x07\x07 bells" * 3, BinaryInput, "control characters"),
        (b"x" * 1_001, InputTooLarge, "over 1,000 bytes"),
        (b"ok line\n" + b"y" * 300 + b"\n", LineTooLong, "line 2 has 300 characters"),
        (b"WARC/1.0\r\nWARC-Type: response\r\n", WarcError, "cut off inside this record"),
    ],
)
def test_bad_input_gets_one_clear_error(data: bytes, error: type[InputError], words: str) -> None:
    item = only(list(read_bytes(data, name="page.txt", limits=SMALL)))
    assert item.document is None
    assert isinstance(item.error, error)
    assert words in str(item.error)
    assert "\n" not in str(item.error)


def test_fifty_megabyte_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes
    item = only(list(read_path(big)))
    assert isinstance(item.error, InputTooLarge)
    assert "10,000,000 bytes" in str(item.error)


def test_ten_megabyte_line_is_refused() -> None:
    data = b"Title\n\n" + b"word " * 2_000_000 + b"\n"
    item = only(list(read_bytes(data, name="long.txt", limits=Limits(max_bytes=20_000_000))))
    assert isinstance(item.error, LineTooLong)
    assert "line 3 has 10,000,000 characters" in str(item.error)


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (b"\xef\xbb\xbfTitle\r\nBody\r\n", None, "Title\nBody\n"),
        ("Title\nBody".encode("utf-16"), None, "Title\nBody"),
        ("caf\u00e9".encode("latin-1"), "latin-1", "caf\u00e9"),
    ],
)
def test_encodings(data: bytes, encoding: str | None, text: str) -> None:
    item = only(list(read_bytes(data, name="x", encoding=encoding)))
    assert item.document is not None and item.document.text == text


def test_unknown_encoding_is_a_clear_error() -> None:
    item = only(list(read_bytes(b"abc", name="x", encoding="no-such-codec")))
    assert isinstance(item.error, DecodeError) and "unknown encoding" in str(item.error)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'{"id": 1, "text": "x"}\n', "jsonl"),
        (b"\xef\xbb\xbf  {", "jsonl"),
        (b"<!DOCTYPE html>\n<html>", "html"),
        (b"  <div class='x'>", "html"),
        (b"WARC/1.1\r\n", "warc"),
        (b"<3 this article", "auto"),
        (b"Title\n\nBody", "auto"),
    ],
)
def test_sniff_kind(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (DUMP, "dump"),
        ("Title\nby Ana Ruiz\n\nBody.", "dump"),
        ("Body one.\n\nBody two.\n\nJo\nJo\n2 days ago\n\nHi.", "dump"),
        ("Just an article.\n\nWith two paragraphs about 3 days ago.", "text"),
    ],
)
def test_sniff_text_kind(text: str, kind: str) -> None:
    assert sniff_text_kind(text) == kind


def test_jsonl_records_each_become_a_document_or_an_error() -> None:
    lines = [
        {
            "id": "a",
            "url": "https://example.org/a",
            "text": DUMP,
            "crawl_date": "2025-03-10T08:00:00Z",
        },
        {"id": 7, "text": "plain text body"},
        {"text": "no id given"},
        {"id": "h", "html": "<html><body><h1>Hi</h1><p>An HTML record.</p></body></html>"},
        {"id": "n", "url": "u"},
        {"id": "e", "text": "   "},
        {"id": "d", "text": "x", "crawl_date": "last tuesday"},
        [1, 2, 3],
    ]
    data = "\n".join(json.dumps(x) for x in lines).encode() + b"\n{not json\n\n"
    items = list(read_bytes(data, name="batch.jsonl"))
    assert [i.id for i in items] == [
        "a",
        "7",
        "batch.jsonl:3",
        "h",
        "n",
        "e",
        "d",
        "batch.jsonl:8",
        "batch.jsonl:9",
    ]
    first = items[0].document
    assert first is not None
    assert first.meta.kind == "dump" and first.meta.url == "https://example.org/a"
    assert first.meta.crawl_date == first.meta.reference_date == "2025-03-10"
    assert items[1].document is not None and items[1].document.meta.kind == "text"
    assert items[2].document is not None
    html = items[3].document
    assert html is not None and html.meta.kind == "html"
    errors = [type(i.error) for i in items[4:]]
    assert errors == [BadRecord, EmptyInput, BadRecord, BadRecord, BadRecord]


def test_jsonl_nesting_and_record_size_limits() -> None:
    deep = json.dumps({"id": "deep", "text": "x", "extra": [[[[[[[[[[1]]]]]]]]]]})
    huge = json.dumps({"id": "huge", "text": "z" * 2_000})
    very_deep = '{"id": "r", "text": "x", "e": ' + "[" * 100_000 + "]" * 100_000 + "}"
    data = f"{deep}\n{huge}\n{very_deep}\n" + json.dumps({"id": "fine", "text": "ok"}) + "\n"
    items = list(
        read_bytes(
            data.encode(), name="b.jsonl", limits=Limits(max_bytes=250_000, max_json_depth=8)
        )
    )
    assert isinstance(items[0].error, NestingTooDeep)
    assert items[1].document is not None  # 2 kB is under 250 kB
    assert isinstance(items[2].error, NestingTooDeep)
    assert items[3].document is not None
    small = list(
        read_bytes(
            f"{huge}\n{deep}\n".encode(),
            name="b.jsonl",
            limits=Limits(max_bytes=1_000, max_json_depth=8),
        )
    )
    assert isinstance(small[0].error, InputTooLarge)
    assert isinstance(small[1].error, NestingTooDeep)


def test_reference_date_prefers_the_record_crawl_date() -> None:
    data = json.dumps({"id": "a", "text": DUMP, "crawl_date": "2025-03-10"}) + "\n"
    data += json.dumps({"id": "b", "text": DUMP}) + "\n"
    items = list(read_bytes(data.encode(), name="x", reference_date="2025-01-01"))
    refs = [i.document.meta.reference_date for i in items if i.document]
    assert refs == ["2025-03-10", "2025-01-01"]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in str(only(list(read_path(tmp_path / "nope.txt"))).error)
    assert "is a folder" in str(only(list(read_path(tmp_path))).error)


def test_forced_kind_overrides_sniffing() -> None:
    item = only(list(read_bytes(DUMP.encode(), name="x", kind="text")))
    assert item.document is not None and item.document.meta.kind == "text"


def test_document_from_text_checks_limits() -> None:
    with pytest.raises(LineTooLong):
        document_from_text("a" * 300, limits=SMALL)
    with pytest.raises(EmptyInput):
        document_from_text(" \n ")
