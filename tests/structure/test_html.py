"""HTML pages: one fixture per comment family, metadata, layout, and bad pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import newsift
from newsift.errors import InputTooLarge, UnsupportedInput
from newsift.ingest.dom.comments import find_comments
from newsift.ingest.dom.dom import parse_html
from newsift.ingest.dom.meta import read_meta
from newsift.ingest.dom.page import read_html_page
from newsift.ingest.html import document_from_html
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
        ("<b>x</b>" * 1_000_000, InputTooLarge, "over 300,000 elements"),  # a million elements
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


# authors: one fixture per rule -------------------------------------------------------
AUTHORS = HTML / "authors"
AUTHOR_CASES = {
    "jsonld-id-reference.html": "Mira Okafor",  # JSON-LD author as an @id into @graph
    "jsonld-raw-line-break.html": "Tobias Lindqvist",  # a raw line break inside a JSON string
    "jsonld-recipe.html": "kuchenfee",  # author of a non-article JSON-LD type (Recipe)
    "twitter-label.html": "Hanna Brodersen",  # twitter:labelN "Verfasst von" + twitter:dataN
    "site-name-demoted.html": "Lukas Feld",  # meta author = og:site_name yields to the byline
    "site-domain-demoted.html": "Dana Whitfield",  # JSON-LD author = the host's domain
    "site-name-last-resort.html": "Harbourview Gazette",  # ... kept when nothing else names one
    "login-name-demoted.html": "Mila Hart",  # "mila.hart" yields to "Mila Hart"
    "junk-meta-author.html": "Kai Brenner",  # "No Author" is no author
    "byline-plural-class.html": "Tobias Rehm",  # class "…__authors", "Von" taken off
    "byline-link-and-date.html": "Greta Vos",  # author link (/autoren/) in a byline with a date
    "byline-two-names.html": "Lars Kern und Ina Wolf",  # two links: the whole byline
    "byline-view-all-posts.html": "Colin Marsh",  # "View all posts by"
    "label-dt-dd.html": "Claire Dubois",  # <dt>Auteur</dt><dd>name</dd>
    "label-tail.html": "Peter Salm/SP-X",  # <h5>Autor: </h5>name as the label's tail
    "label-sibling-heading.html": "Nils Huber",  # <h4>Autor</h4><p><a>name</a></p>
    "inline-label.html": "Rechtsanwalt Jonas Brandt",  # "Autor: <a>…</a> name" in running text
    "text-byline-von.html": "Daniela Korn",  # a short line "von Daniela Korn"
    "text-byline-posted-on.html": "Adi Lerner",  # "Posted on <date> by name"
    "text-byline-submitted.html": "rasos",  # "Gespeichert von name am <date>" (Drupal)
    "text-byline-ein-artikel-von.html": "Pia Sladek",  # "Ein Artikel von name | date"
    "wordpress-category-class.html": "oradmin",  # "category-der-kommentar" is no comment area
    "copyright-holder.html": "Gregor Szabo",  # "Copyright (c) 2012- name." as a last resort
    "copyright-company.html": None,  # ... but not a company
    "two-names-as-shown.html": "Ben Fuchs und Mara Theis",  # joined as the byline shows them
    "three-names-listed.html": "Nia Parker, Varun Kale, Eric Moll, Kiran Nair",  # "A, B and C"
    "second-name-from-byline.html": "Evi Tepe und Selma Kay",  # "von A und B" completes A
}


@pytest.mark.parametrize(("name", "author"), list(AUTHOR_CASES.items()))
def test_author_rules(name: str, author: str | None) -> None:
    root = parse_html((AUTHORS / name).read_text(encoding="utf-8"))
    assert read_meta(root, use_htmldate=False).author == author


# byline text -> author: labels and what follows a name, in several languages
BYLINES = {
    "Von Anna Berg": "Anna Berg",
    "par Didier Roy, 21 juin 2018": "Didier Roy",
    "por María Gómez | 3 de mayo de 2022": "María Gómez",
    "di Luca Rossi": "Luca Rossi",
    "Autor: Jan Koch": "Jan Koch",
    "Veröffentlicht von Eva Lang am 3. Mai 2021": "Eva Lang",
    "Zeige alle Beiträge von Petra Sommer": "Petra Sommer",
    "Zum Profil von kuchenfee": "kuchenfee",
    "Interview: Julia Laut": "Julia Laut",
    "lupa am 26/10/13, 03:48 pm": "lupa",
    "Von Tomas Spahn Fr, 18. Oktober 2019": "Tomas Spahn",
    "Ana Ruiz on November 7": "Ana Ruiz",
    "Herr_Rein Veröffentlicht am 3. Mai": "Herr_Rein",
    "Jens Berger Foto: Michael Hut": "Jens Berger",
    "Eberhard Fuhr (Pressesprecher)": "Eberhard Fuhr",
    "Harald Bauer Autor": "Harald Bauer",
    "Gàbor Muniér , Datum: 15.Jun.19 , Kommentare: 0": "Gàbor Muniér",
    "Example Site - Alberto Ávila": "Alberto Ávila",  # the site's name before the author's
    "Powered by Example CMS": None,
    "Dezember 10": None,
}


@pytest.mark.parametrize(("line", "author"), list(BYLINES.items()))
def test_byline_text(line: str, author: str | None) -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Example Site"></head><body>'
        f'<h1>Title</h1><div class="byline">{line}</div><p>Some words.</p></body></html>'
    )
    assert read_meta(parse_html(page), use_htmldate=False).author == author


# comments: one fixture per record pattern --------------------------------------------
COMMENTS = HTML / "comments"
# fixture -> comments as (author, when, date, parent, first words)
Want = tuple[str | None, str | None, str | None, int | None, str]
COMMENT_CASES: dict[str, list[Want]] = {
    # content child chosen by text ("secondary-text" is layout), "datetime" class, the
    # thread wrapper with "Load more..." dropped, the reply nested under its comment
    "blogger-thread.html": [
        ("Ruby", "21:00", None, None, "Hey, what a lovely interview"),
        ("Lena", "07:56", None, 0, "Thank you"),
    ],
    # a theme that puts the comment itself inside .comment-author
    "author-box-holds-text.html": [
        ("Margit Heller", None, "2019-01-01", None, "I can only sign"),
    ],
    # camelCase classes (…CommentName, …CommentTimestamp); "ShareBar…Text" is the text
    "camelcase-classes.html": [
        ("KnackigeKälte", "28.02.2018", "2018-02-28", None, "Thanks a lot"),
        ("The Editors", "20.01.2017", "2017-01-20", None, "Dear Ms Hinz"),
    ],
    # a name in a heading above the text, "comment-meta" time, a dd/mm/yyyy date
    "heading-name-slash-date.html": [
        ("Liberte", "18/02/2020 à 16:42", "2020-02-18", None, "La parité"),
    ],
    # empty avatar box with an author class, name in <strong>, "ds-text-right" buttons
    "bold-name-layout-text-class.html": [
        ("anaya60", "12.04.2020 17:02", "2020-04-12", None, "Made it today"),
        ("08bine", "02.04.2020 09:12", "2020-04-02", None, "Hello everyone"),
    ],
    # BEM-prefixed record class ("mo-comment-card"), "Name - Le <date>" split
    "card-name-date-line.html": [
        ("Muriel", "Le 22/01/2020 à 12:01:03", "2020-01-22", None, "To save a jewel"),
        ("Paul", "Le 21/01/2020 à 09:30:00", "2020-01-21", None, "Stop dismantling"),
    ],
    # repeated dated blocks a few wrappers below the comment section
    "repeated-below-section.html": [
        ("Georg N.", "10.4.2020", "2020-04-10", None, "All fine."),
        ("Herbert", "15.7.2010", "2010-07-15", None, "For this price"),
    ],
    "dated-menu-in-section.html": [],  # a menu of dated links is no thread
    "dated-teasers-below-section.html": [],  # nor are dated headline links below a section
    "error-dialogs.html": [],  # "modal-content comment" dialogs are no comments
    "lone-prompt-with-heading.html": [],  # a guessed name is no evidence for a lone block
}


@pytest.mark.parametrize("name", COMMENT_CASES)
def test_comment_rules(name: str) -> None:
    comments = find_comments(parse_html((COMMENTS / name).read_text(encoding="utf-8")))
    got = [
        (
            c.author,
            c.when,
            c.when_date.isoformat() if c.when_date else None,
            c.parent,
            " ".join(c.paragraphs)[: len(want[4])],
        )
        for c, want in zip(comments, COMMENT_CASES[name], strict=False)
    ]
    assert got == COMMENT_CASES[name]
    assert len(comments) == len(COMMENT_CASES[name])


@pytest.mark.parametrize(
    ("html", "headline"),
    [
        (  # the blog's name in an h1 on every page is no headline
            "<html><head><title>Was ist Virales Marketing? | DimidoBlog</title></head><body>"
            "<h1>DimidoBlog</h1><h2>Was ist Virales Marketing?</h2><p>Text.</p></body></html>",
            "Was ist Virales Marketing?",
        ),
        (
            "<html><head><title>Council Votes - Ledger</title></head><body><h1>Council Votes</h1></body></html>",
            "Council Votes",
        ),
    ],
)
def test_headline_choice(html: str, headline: str) -> None:
    from newsift.ingest.dom.meta import read_meta

    assert read_meta(parse_html(html), use_htmldate=False).headline == headline
