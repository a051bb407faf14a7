"""Issue 15, page-level audit: speech to the page's own outlet is speech to the author.

"Dempsey told Gizmodo by email" on a Gizmodo page was said to the writer, as is
"told this newspaper" on any page. The outlet is the document's site name
(``meta.site_name``, from og:site_name) or its URL host ("gizmodo.com"); a
different outlet ("told The Atlantic" on a Gizmodo page) is not the author.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.attribution.cues import outlet_key, outlet_keys
from newsift.document import Document, Meta

Analyse = Callable[..., Document]


@pytest.fixture(scope="module")
def on_page(analyse: Analyse) -> Callable[[str, str | None, str | None], Document]:
    """A function: (text, site name, URL) -> analysed Document (``analyse`` skips without spaCy)."""
    import newsift
    import newsift.attribution.analyzer  # registers attribution.quotes.v1

    pipeline = newsift.Pipeline.from_config(
        [{"name": "structure.v1", "params": {"line_model": False}}, "attribution.quotes.v1"]
    )

    def run(text: str, site: str | None, url: str | None) -> Document:
        doc = newsift.load(text, kind="text", url=url)
        doc.meta.site_name = site
        return pipeline(doc)

    return run


def to_author(doc: Document) -> dict[str, bool]:
    return {s.name: s.to_author for s in doc.layers["sources"]}


# paragraph, site name, URL, source name, said to the author
OUTLET = [
    ("Dempsey told Gizmodo by email that the case was rare.", "Gizmodo", None, "Dempsey", True),
    (
        "Dempsey told Gizmodo by email that the case was rare.",
        None,
        "https://gizmodo.com/a-man-1839924942",
        "Dempsey",
        True,
    ),
    (
        "Mayor Ilse Brandt told The Harbourview Gazette that the bridge would close.",
        "Harbourview Gazette",
        None,
        "Ilse Brandt",
        True,
    ),
    (
        "Mayor Ilse Brandt told the Harbourview Gazette that the bridge would close.",
        "The Harbourview Gazette",
        None,
        "Ilse Brandt",
        True,
    ),
    (
        "Tomas Reyes told CNN that the talks had stalled.",
        None,
        "https://edition.cnn.com/2019/11/18/world/talks",
        "Tomas Reyes",
        True,
    ),
    (
        "Tomas Reyes told the BBC that the talks had stalled.",
        None,
        "https://www.bbc.co.uk/news/world-123",
        "Tomas Reyes",
        True,
    ),
    (
        "Dempsey told The Atlantic by email that the case was rare.",
        "Gizmodo",
        "https://gizmodo.com/a-man",
        "Dempsey",
        False,
    ),
    ("Dempsey told Gizmodo by email that the case was rare.", None, None, "Dempsey", False),
    (
        "Tomas Reyes told reporters that the talks had stalled.",
        "Gizmodo",
        None,
        "Tomas Reyes",
        False,
    ),
    (
        "Nadia Holm said in an interview with Gizmodo that the drug worked.",
        "Gizmodo",
        None,
        "Nadia Holm",
        True,
    ),
    (
        "Nadia Holm said in an interview with Wired that the drug worked.",
        "Gizmodo",
        None,
        "Nadia Holm",
        False,
    ),
]


@pytest.mark.parametrize(("text", "site", "url", "name", "expected"), OUTLET)
def test_told_the_outlet(
    on_page: Callable[[str, str | None, str | None], Document],
    text: str,
    site: str | None,
    url: str | None,
    name: str,
    expected: bool,
) -> None:
    assert to_author(on_page(text, site, url)) == {name: expected}


# paragraph, source name, said to the author (no site name needed)
NOUNS = [
    ("Olga Pruitt told this newspaper that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told this publication that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told this site that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told this magazine that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told this paper that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told this outlet that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told this reporter that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told our reporter that the mill would close.", "Olga Pruitt", True),
    ("Olga Pruitt told a local newspaper that the mill would close.", "Olga Pruitt", False),
    ("Olga Pruitt told the magazine that the mill would close.", "Olga Pruitt", False),
    ("Olga Pruitt told the council that the mill would close.", "Olga Pruitt", False),
]


@pytest.mark.parametrize(("text", "name", "expected"), NOUNS)
def test_outlet_nouns(analyse: Analyse, text: str, name: str, expected: bool) -> None:
    assert to_author(analyse(text)) == {name: expected}


# name, key
KEYS = [
    ("The New York Times", "newyorktimes"),
    ("Gizmodo", "gizmodo"),
    ("the Harbourview Gazette's", "harbourviewgazette"),
    ("Vox.com", "voxcom"),
]


@pytest.mark.parametrize(("name", "key"), KEYS)
def test_outlet_key(name: str, key: str) -> None:
    assert outlet_key(name) == key


# site name, URL, keys
HOSTS = [
    ("Gizmodo", "https://gizmodo.com/a-man", {"gizmodo"}),
    (None, "https://www.nytimes.com/2019/11/19/opinion/x.html", {"nytimes"}),
    (None, "https://www.bbc.co.uk/news/1", {"bbc"}),
    (None, "https://edition.cnn.com/x", {"cnn"}),
    ("The Guardian", "https://www.theguardian.com/x", {"guardian", "theguardian"}),
    (None, "not a url", set()),
    (None, None, set()),
]


@pytest.mark.parametrize(("site", "url", "keys"), HOSTS)
def test_outlet_keys(site: str | None, url: str | None, keys: set[str]) -> None:
    assert outlet_keys(site, url) == keys


def test_site_name_round_trips() -> None:
    meta = Meta(headline="A", site_name="Gizmodo")
    assert Meta.from_dict(meta.to_dict()) == meta
    assert meta.to_dict()["site_name"] == "Gizmodo"
    assert "site_name" not in Meta(headline="A").to_dict()  # absent when unknown
    assert Meta.from_dict({"headline": "A"}).site_name is None


def test_html_site_name_in_meta() -> None:
    import newsift

    page = (
        '<html><head><meta property="og:site_name" content="Millbrook Ledger">'
        "<title>Mill to close</title></head><body><article><h1>Mill to close</h1>"
        "<p>The mill on Harbour Road will close next spring, the owners said on Monday, "
        "ending two centuries of paper making in the town.</p></article></body></html>"
    )
    doc = newsift.load(page.encode(), kind="html")
    assert doc.meta.site_name == "Millbrook Ledger"
    assert Document.from_dict(doc.to_dict()).meta.site_name == "Millbrook Ledger"
