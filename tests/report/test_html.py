"""The HTML report: what it shows for each layer, what it skips, and that page text stays inert."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsift.report import ReportError, render_html
from newsift.report.style import CSS, REPORT_CSP
from tests.report.hostile import PAYLOADS, hostile_document, inert_problems

SAMPLE = Path(__file__).with_name("sample-report.json")


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def page(sample: dict[str, Any]) -> str:
    return render_html(sample)


def test_summary_panel_shows_each_layer(page: str) -> None:
    summary = page[page.index('id="summary"') : page.index('id="article"')]
    for heading in ("Sourcing", "Flags", "Claims to check", "Persuasion techniques",
                    "Comment thread"):  # fmt: skip
        assert f"<h3>{heading}</h3>" in summary
    assert '<span class="big">7</span> sources' in summary
    assert "Loaded language: 1" in summary
    assert '<span class="big">2</span> flags' in summary


def test_quotes_are_coloured_by_source_type(page: str, sample: dict[str, Any]) -> None:
    assert page.count('class="q q-named') >= 4  # Ashby, Marsh, Dubois, Okafor
    assert 'class="q q-anon' in page  # the senior executive
    assert 'class="q q-org' in page and 'class="q q-doc' in page
    assert len(re.findall(r'<span id="quote-\d+"></span>', page)) == len(sample["quotes"])


def test_overlaps_split_into_segments_with_combined_classes(page: str) -> None:
    # Marsh's quote holds an appeal-to-fear technique and sits in a check-worthy claim
    assert re.search(r'<mark class="q q-named (c )?t"', page) or re.search(
        r'<mark class="[^"]*\bq-named\b[^"]*\bt\b', page
    )


def test_every_opening_mark_is_focusable_with_a_label(page: str) -> None:
    focusable = re.findall(r'<mark [^>]*tabindex="0"[^>]*>', page)
    assert len(focusable) >= 20
    assert all('aria-label="' in tag for tag in focusable)


def test_margin_notes_explain_flags_and_techniques_with_evidence(page: str) -> None:
    notes = re.findall(r'<li class="n-(\w+)" id="note-(\d+)">(.*?)</li>', page, re.S)
    kinds = [kind for kind, _, _ in notes]
    assert kinds.count("flag") == 2 and kinds.count("technique") == 4
    assert kinds.count("nonresponse") == 1
    flag = next(body for kind, _, body in notes if kind == "flag")
    assert "Evidence: “a former hospital administrator" in flag
    for _, number, _ in notes:  # every note is referenced from the text and links back
        assert f'href="#note-{number}"' in page
        assert f'id="ref-{number}"' in page


def test_sources_table_rows(page: str) -> None:
    table = page[page.index('id="sources"') : page.index('id="claims"')]
    assert table.count('<th scope="row">') == 7
    assert "only to the author" not in table  # Dubois spoke to the author in part only
    assert "yes, in part" in table
    assert "No institution named" in table and 'class="badge b-anon">anonymous' in table
    assert "not authorized to discuss the board" in table  # why anonymous


def test_claims_are_ranked_and_link_to_the_text(page: str, sample: dict[str, Any]) -> None:
    claims = page[page.index('id="claims"') : page.index('id="comments"')]
    links = re.findall(r'<li><a href="#claim-(\d+)">', claims)
    assert links == ["1", "2", "3", "4", "5"]  # the five underlined in the text
    worthy = sum(1 for c in sample["claims"] if c["checkworthy"])
    # an old document (no short list): its top five, then the other check-worthy ones by rank
    assert claims.count("<li>") - claims.count("<li><strong>Mostly true") == worthy
    assert "5 more check-worthy sentences, by rank" in claims
    for number in links:
        assert re.search(
            rf'<span id="claim-{number}"></span>(<span id="[\w-]+"></span>)*<mark', page
        )
    assert "Past fact-checks (1)" in claims
    assert 'href="https://factcheck.example/rural-er" rel="noopener noreferrer nofollow"' in claims


def test_comment_badges(page: str) -> None:
    comments = page[page.index('id="comments"') :]
    assert comments.count('<article class="comment') == 7
    assert re.search(
        r'<span class="badge b-off" title="offensive 0.93, insult 0.88[^"]*">offensive</span>',
        comments,
    )
    assert comments.count('class="badge b-ok"') == 6
    assert "targets: group (political)" in comments
    assert "junk: link spam" in comments and "off topic" in comments
    assert 'class="comment d1' in comments  # Tom Hadley replies to Elaine Carver
    assert 'class="x"' in comments or 'class="x ' in comments or ' x"' in comments


def test_self_contained_and_locked_down(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"\s(src|srcset)=", page)
    assert "<link" not in page
    assert f'content="{REPORT_CSP.replace(chr(39), "&#x27;")}"' in page
    digest = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in REPORT_CSP
    assert f"<style>{CSS}</style>" in page
    assert "@media print" in CSS


@pytest.mark.parametrize(
    ("layers", "present", "absent"),
    [
        ([], ['id="article"'], ['id="sources"', 'id="claims"', 'id="comments"', "<mark"]),
        (["regions"], ['id="comments"', "kind-headline"], ['id="sources"', 'class="badge b-off"']),
        (["regions", "quotes", "sources"], ['id="sources"', "q-named"], ['id="claims"']),
        (["regions", "claims"], ['id="claims"', 'class="c"'], ['id="sources"']),
    ],
)
def test_absent_layers_are_skipped(
    sample: dict[str, Any], layers: list[str], present: list[str], absent: list[str]
) -> None:
    data = {k: sample[k] for k in ("schema", "id", "text", "meta", *layers)}
    page = render_html(data).split("</style>", 1)[1]
    for needle in present:
        assert needle in page
    for needle in absent:
        assert needle not in page


def test_text_is_required() -> None:
    with pytest.raises(ReportError, match="no 'text'"):
        render_html({"schema": "newsift.document/1.1", "meta": {}})
    with pytest.raises(ReportError):
        render_html([])  # type: ignore[arg-type]


def test_hostile_content_is_inert() -> None:
    page = render_html(hostile_document())
    assert inert_problems(page) == []
    for payload in PAYLOADS:
        assert payload not in page
    assert "&lt;script&gt;alert(&#x27;script&#x27;)&lt;/script&gt;" in page
    assert 'href="javascript' not in page


def test_inspector_catches_live_markup() -> None:
    assert inert_problems("<style></style><img src=x onerror=alert(1)>")
    assert inert_problems('<style></style><a href="javascript:alert(1)">x</a>')
    assert inert_problems("<style></style></style><script>alert(1)</script>")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip
LAYER_KEYS = st.sampled_from(
    ["regions", "quotes", "sources", "sourcing", "flags", "nonresponses", "claims",
     "techniques", "toxicity", "thread", "meta", "byline"]
)  # fmt: skip
SPAN = st.fixed_dictionaries({"start": st.integers(-2, 60), "end": st.integers(-2, 60)})
ITEM = st.dictionaries(
    st.sampled_from(["id", "kind", "start", "end", "span", "content", "source", "region",
                     "spans", "evidence", "rank", "score", "label", "author", "parent",
                     "paragraphs", "checkworthy", "offensive", "junk", "matches"]),
    JSON | SPAN | st.lists(SPAN, max_size=3) | st.sampled_from(["comment", "body", "s1", "r1"]),
    max_size=8,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=60),
    layers=st.dictionaries(LAYER_KEYS, st.lists(ITEM, max_size=4) | JSON, max_size=6),
)
def test_any_malformed_layers_still_render_inert(text: str, layers: dict[str, Any]) -> None:
    page = render_html({"schema": "newsift.document/1.1", "id": "x", "text": text, **layers})
    assert page.startswith("<!DOCTYPE html>")
    assert inert_problems(page) == []
