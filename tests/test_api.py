from __future__ import annotations

from pathlib import Path

import pytest

import newsift
from newsift.errors import InputError
from newsift.ingest.fetch import Fetched

DUMP = "Title\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nBody.\n\nJo\nJo\n2 days ago\n\nHi.\n"


def test_all_is_complete_and_importable() -> None:
    public = {n for n in dir(newsift) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(newsift.__all__)
    for name in newsift.__all__:
        assert hasattr(newsift, name)


@pytest.mark.parametrize("make", [lambda p: DUMP, lambda p: DUMP.encode(), lambda p: p])
def test_analyze_accepts_text_bytes_and_paths(make: object, tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(DUMP)
    doc = newsift.analyze(make(path), reference_date="2025-03-10")  # type: ignore[operator]
    assert doc.meta.author == "Ana Ruiz"
    assert [c.when_resolved for c in doc.comments] == ["2025-03-08"]


def test_load_does_not_analyse() -> None:
    doc = newsift.load(DUMP, id="mine", url="https://example.org/p")
    assert doc.regions == [] and doc.id == "mine" and doc.meta.url == "https://example.org/p"
    assert newsift.analyze(doc) is doc and doc.meta.headline == "Title"


def test_load_of_a_file_with_many_records_points_to_read(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text('{"text": "a"}\n{"text": "b"}\n')
    with pytest.raises(InputError, match="holds 2 documents"):
        newsift.load(path)
    assert [item.document is not None for item in newsift.read(path)] == [True, True]


def test_load_raises_the_input_error() -> None:
    with pytest.raises(InputError, match="empty input"):
        newsift.load(b"")


def test_custom_pipeline_by_names() -> None:
    doc = newsift.analyze(DUMP, pipeline=["structure.v1"])
    assert doc.meta.headline == "Title"


PAGE_HTML = (
    b"<html><head><title>Rates rise</title></head><body><article><h1>Rates rise</h1>"
    b"<p>The council raised rates by four percent on Monday, its clerk said.</p>"
    b"</article></body></html>"
)


@pytest.mark.parametrize(
    ("source", "kind", "fetched"),
    [
        ("https://example.org/rates", "auto", True),
        ("  HTTP://example.org/rates\n", "auto", True),
        ("https://example.org/rates", "html", True),
        ("https://example.org/rates", "text", False),  # asked to read it as text
        ("see https://example.org/rates", "auto", False),  # text that holds a URL
        ("https://example.org/a https://example.org/b", "auto", False),
        ("ftp://example.org/rates", "auto", False),
    ],
)
def test_a_url_string_is_fetched_as_the_cli_does(
    source: str, kind: str, fetched: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fake_fetch(url: str, **_: object) -> Fetched:
        asked.append(url)
        return Fetched(url, url, 200, "text/html", "utf-8", {}, PAGE_HTML)

    monkeypatch.setattr(newsift.ingest, "fetch", fake_fetch)
    doc = newsift.analyze(source, kind=kind, pipeline=["structure.v1"])
    assert bool(asked) is fetched
    if fetched:
        assert doc.meta.headline == "Rates rise" and doc.meta.url == asked[0]
    else:
        assert doc.text.strip() == source.strip()


def test_the_package_says_it_is_typed() -> None:
    assert (Path(newsift.__file__).parent / "py.typed").is_file()
