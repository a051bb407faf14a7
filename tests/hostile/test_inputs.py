"""Hostile inputs to ``newsift analyze``: each gets one clear outcome, the others complete.

Issue 14: defect 2 (lone surrogates in ids and texts), defect 7 (a huge HTML text
node reached spaCy whole: E088), defect 10 (UTF-16 without a BOM, right-to-left
overrides and zero-width characters in names and error messages), and the cases
that held (entity bombs, gzip bombs, lying WARC lengths, hostile ids, markup in
every displayed name).

One ``newsift analyze`` run reads every file of ``CASES`` beside a good page; each
row then checks its inputs' outcomes. Lines are limited to ``MAX_LINE`` characters
in that run so that the split of long HTML paragraphs is exercised on small pages.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from newsift.attribution.analyzer import analyse
from newsift.attribution.nlp import load_english
from newsift.cli import main
from newsift.document import Document, Region, Span
from newsift.errors import LineTooLong
from newsift.ingest import document_from_text, read_bytes
from newsift.ingest.paragraphs import split_long_lines
from newsift.limits import Limits
from newsift.report import render_html, render_markdown

MAX_LINE = 2_000
GOOD = "Budget passes\n\nThe council approved the budget on Monday, Mayor Ann Bell said.\n"
RLO, ZWJ = "\u202e", "\u200d"


def _warc(body: bytes, *, lie: int = 0, encoding: str | None = None) -> bytes:
    """One WARC response record holding ``body`` (Content-Length off by ``lie``)."""
    headers = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if encoding:
        headers += b"Content-Encoding: " + encoding.encode() + b"\r\n"
    payload = headers + b"\r\n" + body
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        b"WARC-Target-URI: https://news.example/a\r\nWARC-Date: 2025-03-04T00:00:00Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(payload) + lie).encode() + b"\r\n\r\n" + payload + b"\r\n\r\n"
    )


def _jsonl(*records: dict[str, Any]) -> bytes:
    # ensure_ascii keeps lone surrogates as \ud800 escapes, as a hostile file has them
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]><html><body><article><h1>Entity bomb</h1><p>&lol9; The council met on Monday "
    b"and voted.</p></article></body></html>"
)

#: (case, file name, bytes, {input id: "ok" or the failure code}, extra check of the
#: outcome rows by id and the documents by id, or None)
Check = Callable[[dict[str, dict[str, Any]], dict[str, dict[str, Any]]], None]


def _surrogates_replaced(rows: dict[str, Any], docs: dict[str, Any]) -> None:
    assert "lone surrogates replaced with U+FFFD" in rows["a\ufffd"]["reason"]
    assert rows["a\ufffd"]["code"] == "input.surrogates"
    assert "\ufffd" in docs["t"]["text"]
    assert "text (U+DFFF)" in rows["t"]["reason"]


def _split_not_refused(rows: dict[str, Any], docs: dict[str, Any]) -> None:
    doc = docs["long-node.html"]
    assert max(len(line) for line in doc["text"].split("\n")) <= MAX_LINE
    body = next(r for r in doc["regions"] if r["kind"] == "body")
    assert len(body["paragraphs"]) >= 5
    words = " ".join(doc["text"][p["start"] : p["end"]] for p in body["paragraphs"]).split()
    assert len(words) == 2_000 and set(words) == {"word"}  # nothing lost or doubled


def _entity_not_expanded(rows: dict[str, Any], docs: dict[str, Any]) -> None:
    assert len(docs["entities.html"]["text"]) < 10_000


def _ids_kept_apart(rows: dict[str, Any], docs: dict[str, Any]) -> None:
    assert "../../../etc/passwd" in docs and f"evil{RLO}gpj" in docs and "x" * 5_000 in docs


CASES: list[tuple[str, str, bytes, dict[str, str], Check | None]] = [
    ("lone surrogates in an id and a text", "surrogates.jsonl",
     _jsonl({"id": "a\ud800", "text": GOOD}, {"id": "t", "text": "Budget \udfff passes\n\n" + GOOD}),
     {"a\ufffd": "ok", "t": "ok"}, _surrogates_replaced),
    ("a 10,000-character HTML text node", "long-node.html",
     b"<html><body><p>" + b"word " * 2_000 + b"</p></body></html>",
     {"long-node.html": "ok"}, _split_not_refused),
    ("an HTML text node with no space to split at", "no-space.html",
     b"<html><body><p>" + b"x" * (3 * MAX_LINE) + b"</p></body></html>",
     {"no-space.html": "input.line_too_long"}, None),
    ("a dump line over the limit", "long-line.txt", b"Title\n\n" + b"word " * MAX_LINE + b"\n",
     {"long-line.txt": "input.line_too_long"}, None),
    ("UTF-16 without a BOM", "utf16.txt", GOOD.encode("utf-16-le"),
     {"utf16.txt": "input.binary"}, None),
    ("an entity bomb", "entities.html", ENTITY_BOMB, {"entities.html": "ok"}, _entity_not_expanded),
    ("a gzip bomb", "bomb.txt", gzip.compress(b"\0" * 20_000_000), {"bomb.txt": "input.binary"}, None),
    ("a WARC whose Content-Length lies", "lying.warc",
     _warc(b"<html><body><p>The council met.</p></body></html>", lie=500),
     {"lying.warc": "input.warc"}, None),
    ("a WARC payload that is a gzip bomb", "bomb.warc",
     _warc(gzip.compress(b"<html><body><p>" + b"a" * 12_000_000), encoding="gzip"),
     {"bomb.warc": "input.too_large"}, None),
    ("hostile ids", "ids.jsonl",
     _jsonl({"id": "../../../etc/passwd", "text": GOOD}, {"id": f"evil{RLO}gpj", "text": GOOD},
            {"id": "x" * 5_000, "text": GOOD}, {"id": f"no{ZWJ}text"}),
     {"../../../etc/passwd": "ok", f"evil{RLO}gpj": "ok", "x" * 5_000: "ok",
      f"no{ZWJ}text": "input.bad_record"}, _ids_kept_apart),
    ("NUL bytes", "nul.txt", b"Budget\x00passes\x00\x01\x02", {"nul.txt": "input.binary"}, None),
    ("a good page", "good.txt", GOOD.encode(), {"good.txt": "ok"}, None),
]  # fmt: skip


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every case in one run: outcome rows and documents by id, and what stderr said."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = []
    for _, name, data, _, _ in CASES:
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    out, outcomes = folder / "out.jsonl", folder / "outcomes.jsonl"
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stderr", err)
        code = main(
            [
                "analyze",
                *paths,
                "--out",
                str(out),
                "--outcomes",
                str(outcomes),
                "-q",
                "--pipeline",
                "structure.v1,attribution.quotes.v1",
                "--max-line-chars",
                str(MAX_LINE),
                "--time-limit",
                "0",
            ]
        )
    prefix = f"{folder}/"  # files are known by their path; records by their own ids
    rows = [json.loads(line) for line in outcomes.read_text(encoding="utf-8").splitlines()]
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for item in (*rows, *docs):
        item["id"] = item["id"].removeprefix(prefix)
    return {
        "code": code,
        "rows": rows,
        "by_id": {row["id"]: row for row in rows},
        "docs": {doc["id"]: doc for doc in docs},
        "stderr": err.getvalue(),
        "folder": folder,
    }


@pytest.mark.parametrize(
    ("expected", "check"), [row[3:] for row in CASES], ids=[row[0] for row in CASES]
)
def test_each_input_gets_its_outcome_and_the_run_completes(
    analysed: dict[str, Any], expected: dict[str, str], check: Check | None
) -> None:
    by_id = analysed["by_id"]
    for input_id, want in expected.items():
        row = by_id[input_id]
        assert (row["status"] if want == "ok" else row["code"]) == want, row
    if check is not None:
        check(by_id, analysed["docs"])
    assert by_id["good.txt"]["status"] == "ok"  # whatever came before it


def test_one_outcome_per_input_and_no_traceback(analysed: dict[str, Any]) -> None:
    ids = [row["id"] for row in analysed["rows"]]
    assert len(ids) == len(set(ids)) == sum(len(row[3]) for row in CASES)
    assert analysed["code"] == 1  # some failed, none stopped the run
    assert "Traceback" not in analysed["stderr"]
    assert {doc for doc in analysed["docs"]} == {i for i, r in analysed["by_id"].items() if r["status"] == "ok"}  # fmt: skip


def test_error_lines_escape_overrides_and_zero_widths(analysed: dict[str, Any]) -> None:
    err = analysed["stderr"]
    assert RLO not in err and ZWJ not in err and "\ud800" not in err
    assert "no\\u200dtext: record has no 'text'" in err


def test_utf16_without_a_bom_says_which_encoding(analysed: dict[str, Any]) -> None:
    reason = analysed["by_id"]["utf16.txt"]["reason"]
    assert reason.endswith("it looks like UTF-16: pass --encoding utf-16-le"), reason
    big_endian = next(iter(read_bytes(GOOD.encode("utf-16-be"), name="be"))).error
    assert str(big_endian).endswith("pass --encoding utf-16-be")
    html = "<html><body><p>Budget passes</p></body></html>".encode("utf-16-le")
    assert str(next(iter(read_bytes(html, name="p", kind="html"))).error).endswith("utf-16-le")
    assert "UTF-16" not in str(next(iter(read_bytes(b"\x00\x01\x02\x03" * 50, name="b"))).error)


# ---------------------------------------------------------------- splitting (defect 7)
@pytest.mark.parametrize(
    ("line", "max_chars", "pieces"),
    [
        ("One sentence here. Two sentences there. Three.", 30, ["One sentence here.", "Two sentences there. Three."]),
        ("aaaa bbbb cccc dddd", 10, ["aaaa bbbb", "cccc dddd"]),
        ("第一句。第二句很长很长。第三句。", 8, ["第一句。", "第二句很长很长。", "第三句。"]),
        ("short", 10, ["short"]),
    ],
)  # fmt: skip
def test_long_lines_split_at_sentences_then_words(
    line: str, max_chars: int, pieces: list[str]
) -> None:
    text = f"Head\n\n{line}\n\nTail"
    start = 6
    regions = [
        Region("r1", "headline", 0, 4, [Span(0, 4)]),
        Region("r2", "body", start, start + len(line), [Span(start, start + len(line))]),
        Region("r3", "bio", len(text) - 4, len(text), [Span(len(text) - 4, len(text))]),
    ]
    new, moved = split_long_lines(text, regions, max_chars)
    got = [new[p.start : p.end] for p in moved[1].paragraphs]
    assert got == pieces
    assert all(len(line) <= max_chars for line in new.split("\n"))
    assert new[moved[2].start : moved[2].end] == "Tail" and new[: moved[0].end] == "Head"


def test_a_line_with_nowhere_to_split_is_refused() -> None:
    with pytest.raises(LineTooLong, match="without a space or sentence end"):
        split_long_lines("x" * 50, [Region("r1", "body", 0, 50, [Span(0, 50)])], 20)


def test_the_issue_reproduction_reaches_no_analyzer_whole() -> None:
    """``'<p>' + 'word ' * 400000 + '</p>'``: 2 MB in one text node, split at ingest."""
    data = b"<p>" + b"word " * 400_000 + b"</p>\n"
    (item,) = read_bytes(data, name="n.html")
    assert item.document is not None, item.error
    lines = item.document.text.split("\n")
    assert max(map(len, lines)) <= Limits().max_line_chars and len(lines) >= 20


def test_attribution_reads_text_longer_than_spacy_takes_in_pieces() -> None:
    """A document made without ingest's limit: spaCy's E088 must not come out."""
    nlp = load_english()
    paragraph = '"We will fight this," said Ann Bell. ' * 40
    text = f"{paragraph}\n\nThe end."
    doc_spans = [[Span(0, len(paragraph)), Span(len(paragraph) + 2, len(text))]]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nlp, "max_length", 500)
        quotes, sources, _ = analyse(nlp, text, doc_spans)
    assert len(quotes) >= 30 and any("Bell" in str(s.name) for s in sources)


def test_attribution_takes_a_lone_surrogate() -> None:
    """Lone surrogates cannot reach it through ingest; a Document made directly can."""
    from newsift.attribution.analyzer import QuoteAnalyzer

    text = 'Budget \ud800 passes\n\n"It is done," said Mayor Ann Bell \udfff on Monday.'
    doc = Document(text, id="direct")
    first = text.index("\n")
    paragraphs = [Span(0, first), Span(first + 2, len(text))]
    doc.layers["regions"] = [Region("r1", "body", 0, len(text), paragraphs)]
    out = QuoteAnalyzer()(doc)
    (quote,) = out.layers["quotes"]
    assert text[quote.content.start : quote.content.end].strip('"') == "It is done,"


def test_ingest_replaces_lone_surrogates_and_says_where() -> None:
    repaired: list[str] = []
    doc = document_from_text("Budget \ud800 passes", id="a\udfff", repaired=repaired)
    assert doc.text == "Budget \ufffd passes" and doc.id == "a\ufffd"
    assert repaired == ["text (U+D800)", "id (U+DFFF)"]
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")  # writable


# ---------------------------------------------------------- names in the report (defect 10)
NAMES = (f"Ann{RLO}lleB", f"Jo{ZWJ}Kim", "<script>alert(1)</script>")


@pytest.mark.parametrize("hostile", NAMES)
def test_names_are_isolated_and_escaped_in_the_report(hostile: str) -> None:
    text = f"Headline\n\nby {hostile}\n\n{hostile}\n2 days ago\n\nHi.\n"
    start = text.index(hostile, 12)
    data = {
        "text": text,
        "meta": {"headline": "Headline", "author": hostile, "source": hostile},
        "regions": [
            {"id": "r1", "kind": "headline", "start": 0, "end": 8, "paragraphs": [{"start": 0, "end": 8}]},
            {"id": "r2", "kind": "comment", "start": start, "end": len(text) - 1,
             "paragraphs": [{"start": len(text) - 4, "end": len(text) - 1}], "author": hostile},
            {"id": "r3", "kind": "comment", "start": len(text) - 4, "end": len(text) - 1,
             "paragraphs": [{"start": len(text) - 4, "end": len(text) - 1}], "author": None,
             "parent": "r2"},
        ],
        "sources": [{"id": "s1", "name": hostile, "descriptor": hostile, "kind": "person", "named": True, "quotes": []}],
    }  # fmt: skip
    page = render_html(data)
    escaped = hostile.replace("<", "&lt;").replace(">", "&gt;")
    assert "<script>alert" not in page
    assert f"by <bdi>{escaped}</bdi>" in page  # the byline
    assert f"<strong><bdi>{escaped}</bdi></strong>" in page  # the comment's author
    assert f'reply to <a href="#comment-1"><bdi>{escaped}</bdi></a>' in page
    assert page.count(f"<bdi>{escaped}</bdi>") >= 5  # + the source's name and descriptor
    assert RLO not in page.replace(f"<bdi>{escaped}</bdi>", "")  # none outside an isolate
    markdown = render_markdown(data)
    if RLO in hostile:
        assert markdown.count("\u2068") == markdown.count("\u2069") >= 2
        for line in markdown.splitlines():
            if RLO in line:
                assert line.index("\u2068") < line.index(RLO) < line.index("\u2069")
