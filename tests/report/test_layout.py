"""What the report claims and where it puts things: notes beside paragraphs, numbered comments,
resolved dates, notes that say whose words only when the data says so, several documents."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsift.report.html import render_documents, render_html
from tests.report.hostile import PAYLOADS, hostile_document, inert_problems

SAMPLE = Path(__file__).with_name("sample-report.json")
Edit = Callable[[dict[str, Any]], None]


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _ids(page: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', page)


def _internal_links(page: str) -> list[str]:
    return re.findall(r'href="#([^"]+)"', page)


def _marsh_technique(data: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = next(t for t in data["techniques"] if t["speaker"] == "s4")
    return item


def _set_speaker_kind(kind: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        next(s for s in data["sources"] if s["id"] == "s4")["kind"] = kind

    return edit


def _technique_outside_quotes(data: dict[str, Any]) -> None:
    _marsh_technique(data)["span"] = {"start": 2157, "end": 2174}  # the author's own words
    _marsh_technique(data)["quote"] = None


def _technique_names_another_quote(data: dict[str, Any]) -> None:
    _marsh_technique(data)["quote"] = "q5"  # Marsh's, but not the one holding the span


def _no_change(data: dict[str, Any]) -> None:
    pass


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (_no_change, True),  # Dr. Marsh (a person) said it, inside her quote q7
        (_set_speaker_kind("organization"), True),
        (_set_speaker_kind("document"), False),  # a filing does not "say" words
        (_set_speaker_kind("unknown"), False),
        (_technique_outside_quotes, False),  # a speaker id, but the span is no quote of hers
        (_technique_names_another_quote, False),
    ],
)
def test_in_words_of_only_for_a_person_or_organisation_that_said_it(edit: Edit, said: bool) -> None:
    data = sample()
    edit(data)
    page = render_html(data)
    assert ("(in words of Dr. Helena Marsh)" in page) is said


def _offensive(**fields: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        next(t for t in data["toxicity"] if t["region"] == "r9").update(fields)

    return edit


def _span_outside_the_comment(data: dict[str, Any]) -> None:
    next(t for t in data["toxicity"] if t["region"] == "r9")["spans"] = [
        {"start": 10, "end": 20, "label": "insult"}
    ]


@pytest.mark.parametrize(
    ("edit", "highlighted"),
    [
        (_no_change, True),  # offensive, no moderator decision written (older documents)
        (_offensive(would_remove=True), True),
        (_offensive(would_remove=False), False),  # a moderator would keep it
        (_offensive(offensive=False), False),
        (_span_outside_the_comment, False),
    ],
)
def test_offending_words_only_where_the_analyzer_marks_a_removable_comment(
    edit: Edit, highlighted: bool
) -> None:
    data = sample()
    edit(data)
    page = render_html(data)
    assert ('<mark class="x"' in page) is highlighted
    assert ("Offensive words" in page) is highlighted  # the legend follows the marks


def test_notes_float_beside_their_paragraph_before_its_text() -> None:
    page = render_html(sample())
    paras = re.findall(r'<div class="para">(.*?)</div>', page, re.S)
    with_notes = [p for p in paras if "<aside" in p]
    assert with_notes and all(p.startswith('<aside class="side">') for p in with_notes)
    assert '<ol class="notes" aria-hidden="true">' not in page  # no empty note columns


def test_comment_cards_are_numbered_and_every_mention_links_to_one() -> None:
    page = render_html(sample())
    comments = page[page.index('id="comments"') :]
    numbers = re.findall(r'<a class="cnum" href="#comment-(\d+)">Comment (\d+)</a>', comments)
    assert [a for a, b in numbers if a == b] == [str(n) for n in range(1, 8)]
    assert "No name" not in page
    assert 'reply to <a href="#comment-1"><bdi>Elaine Carver</bdi></a>' in page
    summary = page[page.index('id="summary"') : page.index('id="article"')]
    assert 'Most offensive: <a href="#comment-3">comment 3 (<bdi>Dale Whitaker</bdi>)</a>' in (
        summary
    )


def test_every_internal_link_lands_on_an_element() -> None:
    for data in (sample(), hostile_document()):
        page = render_html(data)
        ids = _ids(page)
        assert len(ids) == len(set(ids))
        assert set(_internal_links(page)) <= set(ids)


@pytest.mark.parametrize(
    ("reference", "resolved", "expected"),
    [
        ("2025-05-20", "2025-05-13", "counted back from 2025-05-20"),
        (None, None, "stay as the page wrote them"),
    ],
)
def test_resolved_dates_beside_relative_times(
    reference: str | None, resolved: str | None, expected: str
) -> None:
    data = sample()
    data["meta"]["reference_date"] = reference
    data["regions"][[r["id"] for r in data["regions"]].index("r6")]["when_resolved"] = resolved
    page = render_html(data)
    assert expected in page
    shown = '1 week ago</span> <time datetime="2025-05-13">(2025-05-13)</time>'
    assert (shown in page) is (resolved is not None)


def test_several_documents_on_one_page_with_links_to_each() -> None:
    first, second = sample(), sample()
    second["id"] = "second.txt"
    second["meta"]["headline"] = "A second story"
    page = render_documents(
        [first, second], failures=[("broken.html", "not a page")], home="/", source="up.warc"
    )
    assert "2 documents from <bdi>up.warc</bdi>" in page
    assert '<a href="#d1-doc">Closing Ferncastle' in page
    assert '<a href="#d2-doc">A second story</a>' in page
    assert "broken.html</bdi>: not a page" in page
    ids = _ids(page)
    assert len(ids) == len(set(ids)), "two documents' anchors clash"
    assert set(_internal_links(page)) <= set(ids)
    assert page.count('<article class="comment') == 14


def test_one_document_is_the_plain_report() -> None:
    assert render_documents([sample()]) == render_html(sample())


def test_several_hostile_documents_stay_inert() -> None:
    page = render_documents(
        [hostile_document(), copy.deepcopy(hostile_document())],
        failures=[(PAYLOADS[0], PAYLOADS[1])],
        source=PAYLOADS[3],
    )
    assert inert_problems(page) == []
