"""ClaimReview in (JSON-LD, JSON Lines, feeds, HTML, WARC) and out (drafts), on fixtures made here."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.attribution.annotations import Source
from newsift.claims.annotations import Claim
from newsift.claims.claimreview import (
    FORMATS,
    MAX_CLAIM_CHARS,
    ArchiveRead,
    claimreview_drafts,
    read_archive,
    write_drafts,
)
from newsift.claims.cli import ARCHIVE_FORMATS
from newsift.claims.matching import FactCheck
from newsift.document import Document, Meta, Span
from newsift.errors import InputError

REVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/otter-tax",
    "claimReviewed": "Otterford doubled its river tax in 2023.",
    "datePublished": "2024-03-05T10:00:00+00:00",
    "headline": "No, Otterford did not double its river tax",
    "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Mara Quell"},
        "appearance": [{"@type": "CreativeWork", "url": "https://blog.example/post"}],
    },
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    },
}
EXPECTED = FactCheck(
    id="https://checks.example/otter-tax",
    claim="Otterford doubled its river tax in 2023.",
    rating="False",
    url="https://checks.example/otter-tax",
    date="2024-03-05",
    title="No, Otterford did not double its river tax",
    outlet="Example Checks",
)


def _review(**changes: Any) -> dict[str, Any]:
    review: dict[str, Any] = json.loads(json.dumps(REVIEW))
    for key, value in changes.items():
        if value is None:
            review.pop(key, None)
        else:
            review[key] = value
    return review


SECOND = _review(url="https://checks.example/whale", claimReviewed="A purple whale swims here.")

# (case, file content, expected (id, rating, outlet) per record, expected skip reasons)
JSON_CASES: list[tuple[str, Any, list[tuple[str, str, str]], dict[str, int]]] = [
    ("single object", REVIEW, [(EXPECTED.id, "False", "Example Checks")], {}),
    (
        "list",
        [REVIEW, SECOND],
        [(EXPECTED.id, "False", "Example Checks"), (SECOND["url"], "False", "Example Checks")],
        {},
    ),
    (
        "graph with @id references",
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@id": "#org", "@type": "Organization", "name": "Graph Checks"},
                _review(author={"@id": "#org"}),
            ],
        },
        [(EXPECTED.id, "False", "Graph Checks")],
        {},
    ),
    (
        "DataFeed",
        {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [
                {"@type": "DataFeedItem", "item": [REVIEW]},
                {"@type": "DataFeedItem", "item": [SECOND]},
            ],
        },
        [(EXPECTED.id, "False", "Example Checks"), (SECOND["url"], "False", "Example Checks")],
        {},
    ),
    (
        "prefixed and listed types, numeric rating, publisher",
        _review(
            **{"@type": ["schema:ClaimReview"]},
            reviewRating={"ratingValue": 2, "bestRating": 5},
            author=None,
            publisher={"@type": "Organization", "name": "Pub Checks"},
        ),
        [(EXPECTED.id, "2/5", "Pub Checks")],
        {},
    ),
    (
        "person author only: the outlet is the review's site",
        _review(author={"@type": "Person", "name": "Jo Writer"}),
        [(EXPECTED.id, "False", "checks.example")],
        {},
    ),
    (
        "no claimReviewed",
        [_review(claimReviewed=None), SECOND],
        [(SECOND["url"], "False", "Example Checks")],
        {"ClaimReview without claimReviewed": 1},
    ),
    (
        "claim too long",
        _review(claimReviewed="x" * (MAX_CLAIM_CHARS + 1)),
        [],
        {f"claim over {MAX_CLAIM_CHARS:,} characters": 1},
    ),
    (
        "the same review twice",
        [REVIEW, REVIEW],
        [(EXPECTED.id, "False", "Example Checks")],
        {"duplicate of an earlier record (same id)": 1},
    ),
    ("JSON without any claim", {"@type": "NewsArticle", "headline": "h"}, [], {}),
]


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _found(archive: ArchiveRead) -> list[tuple[str, str, str]]:
    return [(r.id, r.rating, r.outlet) for r in archive.records]


@pytest.mark.parametrize(("case", "value", "expected", "skipped"), JSON_CASES)
def test_json_ld_shapes(
    tmp_path: Path,
    case: str,
    value: Any,
    expected: list[tuple[str, str, str]],
    skipped: dict[str, int],
) -> None:
    archive = read_archive([_write(tmp_path, "reviews.json", json.dumps(value, indent=2))])
    assert _found(archive) == expected, case
    if case == "JSON without any claim":
        assert list(archive.skipped) == [
            "no ClaimReview and no claim text (claim, claimReviewed, vclaim or text)"
        ]
    else:
        assert dict(archive.skipped) == skipped, case


def test_every_field_of_a_claimreview(tmp_path: Path) -> None:
    archive = read_archive([_write(tmp_path, "one.json", json.dumps(REVIEW))])
    assert archive.records == [EXPECTED]


LINES = [
    json.dumps(REVIEW),
    "",
    json.dumps({"id": "flat-1", "claim": "Flat claim.", "rating": "True", "outlet": "Desk"}),
    json.dumps(
        {
            "vclaim_id": "v1",
            "vclaim": "Snopes claim",
            "title": "T",
            "page_url": "https://www.snopes.com/fact-check/x/",
            "date": "6 March 2021",
        }
    ),
    json.dumps(
        {
            "text": "Fact Check Tools claim",
            "claimant": "Someone",
            "claimReview": [
                {
                    "publisher": {"name": "Tool Checks", "site": "tool.example"},
                    "url": "https://tool.example/1",
                    "title": "Tool title",
                    "reviewDate": "2023-01-02T00:00:00Z",
                    "textualRating": "Misleading",
                }
            ],
        }
    ),
    "{broken",
    "[1, 2]",
    json.dumps({"rating": "False"}),
]


def test_json_lines_of_mixed_records(tmp_path: Path) -> None:
    archive = read_archive([_write(tmp_path, "mixed.jsonl", "\n".join(LINES) + "\n")])
    assert [(r.id, r.claim, r.rating, r.outlet, r.date) for r in archive.records] == [
        (EXPECTED.id, EXPECTED.claim, "False", "Example Checks", "2024-03-05"),
        ("flat-1", "Flat claim.", "True", "Desk", ""),
        ("v1", "Snopes claim", "", "snopes.com", "6 March 2021"),
        (
            "https://tool.example/1",
            "Fact Check Tools claim",
            "Misleading",
            "Tool Checks",
            "2023-01-02",
        ),
    ]
    assert archive.skipped == {
        "not valid JSON": 1,
        "not a JSON object": 2,
        "no ClaimReview and no claim text (claim, claimReviewed, vclaim or text)": 1,
    }
    assert "2 not a JSON object" in archive.summary()


PAGE = """<!doctype html>
<html><head><title>Fact check: river tax</title>
<link rel="canonical" href="https://checks.example/canonical-page">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "River tax"}</script>
<script type="application/ld+json">%s</script>
<script type="application/ld+json">{not json at all</script>
</head><body><h1>No, Otterford did not double its river tax</h1><p>Text.</p></body></html>
"""
PLAIN_PAGE = "<!doctype html><html><head><title>x</title></head><body><p>Hi</p></body></html>"


def test_html_page_with_json_ld(tmp_path: Path) -> None:
    without_url = _review(url=None)
    page = PAGE % json.dumps({"@context": "https://schema.org", "@graph": [without_url]})
    archive = read_archive([_write(tmp_path, "page.html", page)])
    assert [(r.id, r.url, r.claim) for r in archive.records] == [
        (
            "https://checks.example/canonical-page",
            "https://checks.example/canonical-page",
            EXPECTED.claim,
        )
    ]
    assert archive.records[0].outlet == "Example Checks"
    assert not archive.skipped


def _warc(pages: list[tuple[str, bytes, str]], *, compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, body, media in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", media)], protocol="HTTP/1.1", is_http_request=False
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


WARC_PAGES = [
    ("https://checks.example/a", (PAGE % json.dumps(REVIEW)).encode(), "text/html; charset=utf-8"),
    ("https://checks.example/about", PLAIN_PAGE.encode(), "text/html"),
    ("https://checks.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
    ("https://checks.example/b", (PAGE % json.dumps(_review(url=None))).encode(), "text/html"),
]


@pytest.mark.parametrize("compress", [False, True])
def test_warc_of_fact_check_pages(tmp_path: Path, compress: bool) -> None:
    path = _write(tmp_path, "crawl.warc", _warc(WARC_PAGES, compress=compress))
    archive = read_archive([path])
    assert [r.id for r in archive.records] == [
        "https://checks.example/otter-tax",
        "https://checks.example/b",
    ]
    assert archive.skipped == {
        "HTML page without ClaimReview JSON-LD": 1,
        "WARC response that is not an HTML page (not HTML (image/png))": 1,
    }


def test_a_cut_off_warc_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    data = _warc(WARC_PAGES, compress=False)
    path = _write(tmp_path, "cut.warc", data[: len(data) - 200])
    archive = read_archive([path])
    assert [r.id for r in archive.records] == ["https://checks.example/otter-tax"]
    assert any(reason.startswith("WARC: input.warc") for reason in archive.skipped)


@pytest.mark.parametrize(
    ("name", "content", "fmt", "reason"),
    [
        ("bad.json", "[{broken", "auto", "not valid JSON"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "auto", None),
        ("page.html", PLAIN_PAGE, "auto", "HTML page without ClaimReview JSON-LD"),
        ("empty.html", "   ", "html", "unreadable HTML page (input.empty)"),
        ("gz.json", gzip.compress(b"{}"), "auto", None),
    ],
)
def test_bad_inputs_are_counted_not_raised(
    tmp_path: Path, name: str, content: str | bytes, fmt: str, reason: str | None
) -> None:
    path = _write(tmp_path, name, content)
    if reason is None:  # not readable as any of the formats, or nested past the limits
        try:
            archive = read_archive([path], fmt=fmt)
        except InputError as exc:
            assert str(path) in str(exc)
        else:
            assert not archive.records and archive.skipped
        return
    archive = read_archive([path], fmt=fmt)
    assert not archive.records
    assert archive.skipped == {reason: 1}


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01binary", "not JSON, JSON Lines, HTML or WARC"), (b"plain words", "not JSON")],
)
def test_files_of_no_known_format_are_an_input_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_archive([_write(tmp_path, "x.bin", content)])


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_archive([tmp_path / "nowhere.json"])


def test_duplicates_are_dropped_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.json", json.dumps(REVIEW))
    second = _write(tmp_path, "b.jsonl", json.dumps(REVIEW) + "\n" + json.dumps(SECOND) + "\n")
    archive = read_archive([first, second])
    assert [r.id for r in archive.records] == [EXPECTED.id, SECOND["url"]]
    assert archive.skipped == {"duplicate of an earlier record (same id)": 1}


def test_cli_format_choices_are_the_readers() -> None:
    assert ARCHIVE_FORMATS == FORMATS


# out ----------------------------------------------------------------------------
TEXT = "Otterford doubled its river tax in 2023. It is a lovely town. Mara said the fee rose."


def _claim(start: int, end: int, rank: int, checkworthy: bool, **extra: Any) -> Claim:
    claim = Claim(span=Span(start, end), score=0.9, rank=rank, checkworthy=checkworthy)
    if not extra:
        return claim
    data = claim.to_dict() | extra
    return _WithClaimant(claim, data)


class _WithClaimant(Claim):
    """A claim whose JSON carries ``claimant`` and ``source`` as given (the layer's fields)."""

    __slots__ = ("_data",)
    _data: dict[str, Any]

    def __init__(self, claim: Claim, data: dict[str, Any]) -> None:
        for name in Claim.__slots__:
            object.__setattr__(self, name, getattr(claim, name))
        object.__setattr__(self, "_data", data)

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)


def _document(meta: Meta, claims: list[Claim]) -> Document:
    return Document(TEXT, meta=meta, layers={"claims": claims, "sources": [MARA, AUDIT]})


META = Meta(
    url="https://blog.example/post",
    headline="A post",
    author="Jo Writer",
    published="2024-02-01",
    site_name="Blog Example",
)


MARA = Source(id="s1", name="Mara Quell", kind="person", named=True)
AUDIT = Source(id="s2", name="the harbour audit", kind="document", named=False)
FIRST = "Otterford doubled its river tax in 2023."
LAST = "Mara said the fee rose."
JO = {"@type": "Person", "name": "Jo Writer"}


@pytest.mark.parametrize(
    ("meta", "claims", "expected"),
    [
        (META, [_claim(0, 40, 1, True), _claim(41, 61, 3, False)], [(FIRST, JO)]),
        (
            META,
            [_claim(62, 85, 2, True, claimant="source", source="s1"), _claim(0, 40, 1, True)],
            [(FIRST, JO), (LAST, {"@type": "Person", "name": "Mara Quell"})],
        ),
        (
            META,
            [_claim(62, 85, 1, True, claimant="document", source="s2")],
            [(LAST, {"@type": "Organization", "name": "the harbour audit"})],
        ),
        (META, [_claim(62, 85, 1, True, claimant="source", source="gone")], [(LAST, JO)]),
        (META, [_claim(0, 40, 1, True, claimant="author", source=None)], [(FIRST, JO)]),
        (
            Meta(url="https://blog.example/post", site_name="Blog Example"),
            [_claim(0, 40, 1, True, claimant="author")],
            [(FIRST, {"@type": "Organization", "name": "Blog Example"})],
        ),
        (Meta(), [_claim(0, 40, 1, True)], [(FIRST, None)]),
        (META, [_claim(0, 40, 1, False)], []),
    ],
)
def test_drafts_of_check_worthy_claims(
    meta: Meta, claims: list[Claim], expected: list[tuple[str, dict[str, str] | None]]
) -> None:
    drafts = claimreview_drafts(_document(meta, claims))
    assert [(d["claimReviewed"], d["itemReviewed"].get("author")) for d in drafts] == expected
    for draft in drafts:
        assert draft["@type"] == "ClaimReview" and draft["creativeWorkStatus"] == "Draft"
        assert "reviewRating" not in draft
        appearance = draft["itemReviewed"]["appearance"]
        assert appearance.get("url") == meta.url
        assert draft["itemReviewed"].get("datePublished") == meta.published


def test_drafts_round_trip_into_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "drafts.jsonl"
    with path.open("w", encoding="utf-8") as out:
        written = write_drafts(_document(META, [_claim(0, 40, 1, True)]), out)
    assert written == 1
    archive = read_archive([path])
    assert [(r.claim, r.rating) for r in archive.records] == [
        ("Otterford doubled its river tax in 2023.", "")
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("big.json", json.dumps([REVIEW, SECOND]), "JSON file over 2,000 bytes"),
        ("long.jsonl", json.dumps(REVIEW), "line over 1,000 bytes"),
        ("big.html", PAGE % json.dumps(REVIEW), "HTML page over 1,000 bytes"),
    ],
)
def test_size_limits_skip_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, reason: str
) -> None:
    import newsift.claims.claimreview as claimreview

    monkeypatch.setattr(claimreview, "MAX_JSON_BYTES", 2_000)
    monkeypatch.setattr(claimreview, "MAX_PAGE_BYTES", 1_000)
    path = _write(tmp_path, name, content + " " * 2_000)
    archive = read_archive([path])
    assert not archive.records
    assert any(r.startswith(reason) for r in archive.skipped), archive.skipped


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"claimReviewed": ["a", "list"]}, "ClaimReview without claimReviewed"),
        ({"claimReviewed": {"text": "x"}}, "ClaimReview without claimReviewed"),
        (
            {"claimReviewed": None, "itemReviewed": {"@type": "Claim", "text": "From the item."}},
            ("From the item.", "False", "Example Checks"),
        ),
        (
            {"author": ["Jane Checker", {"@type": "Organization", "name": "Listed Org"}]},
            (EXPECTED.claim, "False", "Listed Org"),
        ),
        (
            {"reviewRating": [{"alternateName": ["x"], "ratingValue": "3", "bestRating": 5}]},
            (EXPECTED.claim, "3/5", "Example Checks"),
        ),
        (
            {"url": 42, "reviewRating": "Mostly false"},
            (EXPECTED.claim, "Mostly false", "Example Checks"),
        ),
        ({"datePublished": "26 May 2015"}, (EXPECTED.claim, "False", "Example Checks")),
    ],
)
def test_odd_field_shapes(
    tmp_path: Path, changes: dict[str, Any], expected: str | tuple[str, str, str]
) -> None:
    archive = read_archive([_write(tmp_path, "r.json", json.dumps(_review(**changes)))])
    if isinstance(expected, str):
        assert not archive.records and archive.skipped == {expected: 1}
        return
    [record] = archive.records
    assert (record.claim, record.rating, record.outlet) == expected


def test_gzip_compressed_files(tmp_path: Path) -> None:
    feed = _write(tmp_path, "feed.jsonl.gz", gzip.compress(json.dumps(REVIEW).encode() + b"\n"))
    page = _write(tmp_path, "page.html.gz", gzip.compress((PAGE % json.dumps(SECOND)).encode()))
    whole = gzip.compress(json.dumps([REVIEW] * 50).encode())
    cut = _write(tmp_path, "cut.json.gz", whole[: len(whole) // 2])
    archive = read_archive([feed, page, cut])
    assert [r.id for r in archive.records] == [EXPECTED.id, SECOND["url"]]
    assert archive.skipped == {"damaged gzip data (EOFError), reading stopped": 1}


ZYTE = Path(__file__).resolve().parents[3] / "shared/data/extraction/zyte_aeb/html"
REAL_PAGES = [
    (
        "8380689f358c1e3a0f6fca6e11ed13e5304a74060139f7a584347db213950446.html.gz",
        "Former U.S. ambassador to Ukraine Marie Yovanovitch has a net worth of $17 million.",
        ("Unproven", "Snopes", "2019-11-18"),
    ),
    (
        "076f4f33bf75059db581bedf36e76fb65e89a8f7752db3339aa3ea11c5122f32.html.gz",
        "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300?",
        ("True", "News Nation Fact Check", "2019-11-19"),
    ),
]


@pytest.mark.parametrize(("name", "claim", "fields"), REAL_PAGES)
def test_real_fact_check_pages(name: str, claim: str, fields: tuple[str, str, str]) -> None:
    if not (ZYTE / name).is_file():
        pytest.skip(f"../shared/data/extraction is absent ({ZYTE})")
    [record] = read_archive([ZYTE / name]).records
    assert record.claim == claim
    assert (record.rating, record.outlet, record.date) == fields
