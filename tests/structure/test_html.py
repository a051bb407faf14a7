"""HTML pages: one fixture per comment family, metadata, layout, and bad pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import newsift
from newsift.errors import InputTooLarge, UnsupportedInput
from newsift.ingest.html import document_from_html
from newsift.structure.html.dom import parse_html
from newsift.structure.html.page import read_html_page
from tests.conftest import FIXTURES

HTML = FIXTURES / "html"

# fixture -> (headline, author, published, body paragraphs, comments as (author, when, resolved, parent, first words))
CASES = {
    "wordpress.html": (
        "Library Roof Left Out of Budget", "Ana Ruiz", "2025-03-04", 3,
        [("Marcus Obi", "March 4, 2025 at 10:15 am", "2025-03-04", None, "The roof has leaked"),
         ("Ana Ruiz", "March 4, 2025 at 11:02 am", "2025-03-04", 0, "The inspector's report"),
         ("Greta L.", "March 5, 2025 at 7:40 am", "2025-03-05", None, "Same council")],
    ),
    "microdata.html": (
        "Ferry Fares Rise 22 Percent", "Ines Carvalho", "2025-03-04", 3,
        [("Jo-Ann Petrakis", "2 days ago", "2025-03-04", None, "A commuter book"),
         (None, "yesterday", "2025-03-05", None, "Fuel is up")],
    ),
    "generic.html": (
        "Stadium Bond Passes by 400 Votes", "Tom Hadley", None, 2,
        [("rivertown_dad", "3 days ago", "2025-03-07", None, "Four hundred votes"),
         ("Priya N.", "2 days ago", "2025-03-08", None, "The bond pays")],
    ),
    "jsonld-comments.html": (
        "Why the Tram Extension Stalled", "Lena Park, Omar Diaz", "2025-01-15", 2,
        [("Sam", "2025-01-16T08:00:00Z", "2025-01-16", None, "The route study"),
         ("Guest", "2025-01-17", "2025-01-17", None, "Build it anyway.")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_comment_families(name: str) -> None:
    headline, author, published, paragraphs, comments = CASES[name]
    doc = newsift.analyze(HTML / name, reference_date="2025-03-10")
    assert doc.meta.kind == "html"
    assert (doc.meta.headline, doc.meta.author, doc.meta.published) == (headline, author, published)
    assert sum(len(r.paragraphs) for r in doc.regions_of("body")) == paragraphs
    index = {c.id: i for i, c in enumerate(doc.comments)}
    got = [
        (
            c.author,
            c.when,
            c.when_resolved,
            index.get(c.parent or ""),
            doc.region_text(c)[: len(want[4])],
        )
        for c, want in zip(doc.comments, comments, strict=False)
    ]
    assert got == comments
    assert len(doc.comments) == len(comments)


def test_layout_spans_hold_what_they_claim() -> None:
    doc = newsift.analyze(HTML / "wordpress.html")
    first = doc.comments[0]
    assert first.author_span is not None and doc.span_text(first.author_span) == "Marcus Obi"
    assert first.when_span is not None and doc.span_text(first.when_span) == first.when
    assert doc.span_text(doc.regions_of("headline")[0]) == doc.meta.headline
    body = doc.region_text(doc.regions_of("body")[0])
    assert "children's section" not in body  # no comment leaks into the body
    assert "Leave a Reply" not in doc.text and "Home" not in doc.text  # furniture is not text


def test_json_round_trip_and_contract() -> None:
    doc = newsift.analyze(HTML / "wordpress.html")
    again = newsift.Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()


def test_page_without_comments() -> None:
    html = (
        "<html><body><h1>Quiet Page</h1><p>"
        + "Nothing to see here, just words. " * 20
        + "</p></body></html>"
    )
    page = read_html_page(html)
    assert page.comments == [] and page.body


def test_relative_comment_times_stay_unresolved_without_a_reference() -> None:
    doc = newsift.analyze(HTML / "generic.html")
    assert [c.when_resolved for c in doc.comments] == [None, None]


@pytest.mark.parametrize(
    ("html", "error", "words"),
    [
        ("just some words, no markup at all", UnsupportedInput, "not HTML"),
        ("<p>x</p>" * 400_000, InputTooLarge, "over 300,000 elements"),
    ],
)
def test_bad_pages(html: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        document_from_html(html, id="bad", limits=newsift.Limits(max_bytes=20_000_000))


def test_deep_nesting_is_cut_not_followed() -> None:
    started = time.process_time()
    doc = document_from_html("<div>" * 100_000 + "deep" + "</div>" * 100_000, id="deep")
    assert time.process_time() - started < 10
    assert doc.meta.kind == "html"


def test_entity_expansion_bomb_is_not_expanded() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    page = f"<!DOCTYPE html [{entities}]><html><body><h1>Bomb</h1><p>&i;&i;&i;</p></body></html>"
    root = parse_html(page)
    assert len(root.text_content()) < 10_000


def test_decoding_follows_the_meta_charset() -> None:
    raw = Path(HTML / "microdata.html").read_bytes().replace(b"$18", "\u20ac18".encode("cp1252"))
    doc = document_from_html(raw, id="m")
    assert "\u20ac18" in doc.text
