"""The comments.toxicity.v1 analyzer: contract, layers, offsets, thread summary, the example."""

from __future__ import annotations

import json

import pytest

import newsift
import newsift.comments.analyzer  # registers comments.toxicity.v1
from newsift.comments.analyzer import ToxicityAnalyzer, summarise, to_document
from newsift.comments.annotations import OffendingSpan, ThreadSummary, Toxicity
from newsift.comments.model import TypedSpan
from newsift.document import Document, Region, Span
from newsift.errors import SchemaError
from tests.conftest import SHARED, needs_shared

EXAMPLE = SHARED / "examples" / "opinion-dump-harbor.txt"
SCORES = {"offensive": 0.9, "insult": 0.8, "identity_attack": 0.1, "threat": 0.0, "profanity": 0.2}


def test_contract() -> None:
    from newsift.testing import check_analyzer

    check_analyzer("comments.toxicity.v1")


def _page(article: str, comments: list[tuple[str | None, str, str | None]]) -> Document:
    """A document with a headline, one body paragraph and comment regions (author, text, parent)."""
    text = "Water Rates\n\n" + article + "\n\n"
    regions = [Region("r0", "headline", 0, 11, [Span(0, 11)])]
    start = 13
    regions.append(
        Region("r1", "body", start, start + len(article), [Span(start, start + len(article))])
    )
    for i, (author, body, parent) in enumerate(comments, start=2):
        begin = len(text)
        paragraphs = []
        for part in body.split("\n\n"):
            paragraphs.append(Span(len(text), len(text) + len(part)))
            text += part + "\n\n"
        regions.append(
            Region(
                f"r{i}", "comment", begin, len(text) - 2, paragraphs, author=author, parent=parent
            )
        )
    return Document(text, layers={"regions": regions})


ARTICLE = (
    "The city council voted to raise water rates by 62 percent after the utility commission "
    "approved the Aquavance contract. Residents packed the hearing to complain about their bills."
)


@pytest.fixture(scope="module")
def analysed() -> Document:
    doc = _page(
        ARTICLE,
        [
            ("Ana", "Thanks for covering the water rates hearing, the bills are brutal.", None),
            (
                None,
                "These council clowns are absolute morons.\n\nVote every last one of them out.",
                None,
            ),
            ("Bo", "Thanks for covering the water rates hearing, the bills are brutal!", None),
            (
                None,
                "Get 80% OFF vitamins at www.cheap-pills.biz with coupon code SAVE80 today only",
                None,
            ),
            (
                "Cy",
                "Does anyone know a good mechanic downtown who fixes vintage motorcycles, "
                "carburetors, brakes, clutches and exhaust systems cheaply?",
                None,
            ),
        ],
    )
    return ToxicityAnalyzer()(doc)


def test_one_item_per_comment_in_order(analysed: Document) -> None:
    items = analysed.layers["toxicity"]
    assert [t.region for t in items] == ["r2", "r3", "r4", "r5", "r6"]
    assert [t.offensive for t in items] == [False, True, False, False, False]


def test_offensive_comment_has_target_and_spans_in_the_document(analysed: Document) -> None:
    abusive = analysed.layers["toxicity"][1]
    assert abusive.targeted is True and abusive.target == "group"
    assert abusive.political_target is True
    words = {analysed.text[s.start : s.end].lower() for s in abusive.spans}
    assert any("moron" in w or "clown" in w for w in words), words
    region = analysed.comments[1]
    assert all(region.start <= s.start < s.end <= region.end for s in abusive.spans)


def test_forensics_fields(analysed: Document) -> None:
    items = analysed.layers["toxicity"]
    assert items[2].duplicate_of == "r2"
    assert items[3].junk == ("link_spam", "coupon_spam")
    # the spam shares no words with the article either
    assert [t.off_topic for t in items] == [False, False, False, True, True]
    assert items[0].targeted is None and items[0].target is None


def test_thread_summary(analysed: Document) -> None:
    [summary] = analysed.layers["thread"]
    assert summary.to_dict() == {
        "comments": 5,
        "named": 3,
        "anonymous": 2,
        "offensive": 1,
        "offensive_share": 0.2,
        "top_targets": [{"target": "council", "count": 1}],
        "most_offensive": ["r3"],
        "duplicates": 1,
        "junk": 1,
        "off_topic": 2,
        "would_remove": 1,
        "removal_share": 0.2,
        "top_comments": [
            {
                "region": "r3",
                "score": summary.top_comments[0].score,
                "reason": "insult aimed at council",
                "target": "council",
            }
        ],
    }


def test_layers_survive_a_json_round_trip(analysed: Document) -> None:
    payload = json.loads(json.dumps(analysed.to_dict()))
    assert Document.from_dict(payload).to_dict() == analysed.to_dict()
    assert set(payload["toxicity"][1]) == {
        "region", "scores", "offensive", "targeted", "target", "political_target", "spans",
        "duplicate_of", "junk", "off_topic", "would_remove", "named_target", "reason",
    }  # fmt: skip
    assert payload["toxicity"][1]["named_target"]["name"] == "council"
    assert "named_target" not in payload["toxicity"][0]  # only flagged comments get one


def test_no_comments_no_thread() -> None:
    doc = ToxicityAnalyzer()(_page(ARTICLE, []))
    assert doc.layers["toxicity"] == [] and doc.layers["thread"] == []


def test_to_document_maps_across_paragraphs() -> None:
    region = Region("c", "comment", 100, 120, [Span(100, 105), Span(110, 120)])
    # joined text: 5 chars, 2 separator chars, 10 chars; [3, 10) covers both paragraphs
    mapped = to_document([TypedSpan(3, 10, "insult")], region)
    assert mapped == [OffendingSpan(103, 105, "insult"), OffendingSpan(110, 113, "insult")]
    bare = Region("d", "comment", 50, 60)
    assert to_document([TypedSpan(1, 4, "threat")], bare) == [OffendingSpan(51, 54, "threat")]


def test_summarise_ranks_and_counts() -> None:
    regions = [Region(f"c{i}", "comment", 0, 1, author="A" if i % 2 else None) for i in range(4)]
    items = [
        Toxicity(f"c{i}", {**SCORES, "offensive": s}, s > 0.5, True if s > 0.5 else None,
                 "individual" if s > 0.5 else None)
        for i, s in enumerate((0.6, 0.95, 0.2, 0.7))
    ]  # fmt: skip
    summary = summarise(regions, items, ["a", "b", "c", "d"])
    assert summary.most_offensive == ("c1", "c3", "c0")
    assert summary.top_targets == (("unnamed person", 3),)  # no name: not "individual"
    assert (summary.named, summary.anonymous, summary.offensive) == (2, 2, 3)


@pytest.mark.parametrize(
    "change",
    [
        {"scores": {**SCORES, "threat": 1.5}},
        {"scores": {"offensive": 0.5}},
        {"target": "nation"},
        {"junk": ["adverts"]},
        {"offensive": "yes"},
        {"targeted": "maybe"},
        {"spans": [{"start": 5, "end": 2, "label": "insult"}]},
        {"spans": [{"start": 1, "end": 2, "label": "rude"}]},
    ],
)
def test_toxicity_from_bad_dict(change: dict[str, object]) -> None:
    data = {**Toxicity("c1", SCORES, True, True, "group").to_dict(), **change}
    with pytest.raises(SchemaError):
        Toxicity.from_dict(data)


def test_thread_summary_from_bad_dict() -> None:
    data = {**ThreadSummary(2, 1, 1, 1, 0.5).to_dict(), "comments": "two"}
    with pytest.raises(SchemaError):
        ThreadSummary.from_dict(data)


@needs_shared
def test_shared_example_abusive_comment_scores_highest() -> None:
    pipeline = newsift.Pipeline([newsift.registry.create("structure.v1"), ToxicityAnalyzer()])
    doc = pipeline(newsift.load(EXAMPLE))
    items = {t.region: t for t in doc.layers["toxicity"]}
    texts = {c.id: doc.region_text(c) for c in doc.comments}
    abusive = next(i for i, text in texts.items() if "morons" in text)
    others = [t.scores["offensive"] for i, t in items.items() if i != abusive]
    assert len(others) == 4
    assert items[abusive].scores["offensive"] > max(others)
    assert items[abusive].offensive and not any(
        t.offensive for i, t in items.items() if i != abusive
    )
    assert doc.layers["thread"][0].offensive == 1
