"""The calibrated thread summary (issue 17, item 5): would-remove, reasons, top comments."""

from __future__ import annotations

import pytest

from newsift.comments.analyzer import summarise
from newsift.comments.annotations import ThreadSummary, TopComment, Toxicity
from newsift.comments.summary import REMOVE_THRESHOLDS, coded_jibe, reason, would_remove
from newsift.comments.targets import NamedTarget
from newsift.document import Region, Span

CALM = {"offensive": 0.9, "insult": 0.1, "identity_attack": 0.0, "threat": 0.0, "profanity": 0.0}
AUTHOR = NamedTarget("the author (Odile Brask)", "author", "byline", Span(0, 3))
COMMENTER = NamedTarget("Renata Holm", "commenter", "reply", Span(0, 3))
SOURCE = NamedTarget("Marisol Quenby", "person", "source", Span(0, 6))
LISTED = NamedTarget("Trudeau", "person", "politician", Span(0, 7))
GROUP = NamedTarget("immigrants", "group", None, Span(0, 10))
COUNCIL = NamedTarget("council", "group", None, Span(0, 7))


@pytest.mark.parametrize(
    ("scores", "target", "text", "labels", "expected"),
    [
        (
            {"threat": 0.8},
            AUTHOR,
            "I know where you live.",
            (),
            "threat aimed at the author (Odile Brask)",
        ),
        ({}, None, "Someone should hang them all.", ("threat",), "threat"),
        (
            {"insult": 0.9},
            COMMENTER,
            "People like you end up in the hospital.",
            (),
            "threat aimed at commenter Renata Holm",
        ),  # a veiled threat: no threat score or span, the patterns read it
        ({}, None, "Careful. Accidents happen to people who talk.", (), "threat"),
        ({"insult": 0.9}, None, "You're killing me, what a moron.", (), "insult, no named target"),
        (
            {},
            LISTED,
            "Our \u201cPrime Minister\u201d strikes again.",
            (),
            "coded jibe at a named politician",
        ),
        (
            {},
            SOURCE,
            'Quenby, the "expert", strikes again.',
            (),
            "coded jibe at Marisol Quenby (a source)",
        ),
        (
            {"identity_attack": 0.7},
            GROUP,
            "Immigrants are vermin.",
            (),
            "identity attack on immigrants",
        ),
        (
            {},
            GROUP,
            "Immigrants are vermin.",
            ("identity_attack",),
            "identity attack on immigrants",
        ),
        (
            {"insult": 0.9},
            AUTHOR,
            "This writer is an idiot.",
            (),
            "insult aimed at the author (Odile Brask)",
        ),
        (
            {"insult": 0.9},
            COMMENTER,
            "You are a clown.",
            (),
            "insult aimed at commenter Renata Holm",
        ),
        (
            {"insult": 0.9},
            SOURCE,
            "Quenby is a hack.",
            (),
            "insult aimed at Marisol Quenby (a source)",
        ),
        ({"insult": 0.9}, COUNCIL, "The council are clowns.", (), "insult aimed at council"),
        ({"profanity": 0.9}, None, "What a load of crap.", (), "profanity, no target"),
        ({"insult": 0.6}, None, "Pathetic.", (), "insult, no named target"),
        ({}, None, "Well then.", (), "offensive, no clear target"),
    ],
)
def test_reason(
    scores: dict[str, float],
    target: NamedTarget | None,
    text: str,
    labels: tuple[str, ...],
    expected: str,
) -> None:
    assert reason({**CALM, "insult": 0.0, **scores}, target, text, labels) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our \u201cPresident\u201d", True),
        ("the 'journalist' who wrote this", True),
        ("the President spoke", False),
        ('"President" is a title', True),
        ("he said \u201cno\u201d", False),
    ],
)
def test_coded_jibe(text: str, expected: bool) -> None:
    assert coded_jibe(text) is expected


@pytest.mark.parametrize(
    ("score", "model", "flag", "expected"),
    [
        (0.95, "toxicity-minilm-v2", 0.3, True),
        (0.5, "toxicity-minilm-v2", 0.3, False),  # flagged by the model, kept by a moderator
        (0.75, "toxicity-v1", 0.3, True),
        (0.5, "toxicity-v1", 0.3, False),
        (0.6, "", 0.5, True),  # a user's checkpoint: its own threshold
        (0.4, "", 0.5, False),
    ],
)
def test_would_remove(score: float, model: str, flag: float, expected: bool) -> None:
    assert would_remove(score, model, flag) is expected


def test_remove_thresholds_stand_above_the_flag() -> None:
    assert set(REMOVE_THRESHOLDS) == {"toxicity-minilm-v2", "toxicity-v1"}
    assert all(0.5 < t < 1 for t in REMOVE_THRESHOLDS.values())


def _item(region: str, score: float, remove: bool, target: NamedTarget | None) -> Toxicity:
    return Toxicity(
        region,
        {**CALM, "offensive": score},
        score > 0.5,
        True if target else None,
        target.label if target else None,
        would_remove=remove,
        named_target=target,
        reason="insult aimed at somebody" if score > 0.5 else None,
    )


def test_summary_counts_removals_names_targets_and_ranks_top_comments() -> None:
    regions = [Region(f"c{i}", "comment", 0, 1) for i in range(5)]
    items = [
        _item("c0", 0.6, False, AUTHOR),
        _item("c1", 0.97, True, SOURCE),
        _item("c2", 0.1, False, None),
        _item("c3", 0.9, True, SOURCE),
        _item("c4", 0.7, False, None),
    ]
    summary = summarise(regions, items, ["a", "b", "c", "d", "e"])
    assert summary.would_remove == 2 and summary.removal_share == 0.4
    assert summary.top_targets == (("Marisol Quenby", 2), ("the author (Odile Brask)", 1))
    assert [c.region for c in summary.top_comments] == ["c1", "c3", "c4", "c0"]
    assert summary.top_comments[0] == TopComment(
        "c1", 0.97, "insult aimed at somebody", "Marisol Quenby"
    )
    assert ThreadSummary.from_dict(summary.to_dict()) == summary


def test_documents_from_before_the_new_fields_read_back() -> None:
    old_item = Toxicity("c1", CALM, True, True, "individual").to_dict()
    for key in ("would_remove", "named_target", "reason"):
        old_item.pop(key, None)
    item = Toxicity.from_dict(old_item)
    assert (item.would_remove, item.named_target, item.reason) == (False, None, None)
    old_thread = ThreadSummary(2, 1, 1, 1, 0.5).to_dict()
    for key in ("would_remove", "removal_share", "top_comments"):
        old_thread.pop(key)
    thread = ThreadSummary.from_dict(old_thread)
    assert (thread.would_remove, thread.removal_share, thread.top_comments) == (0, 0.0, ())


def test_show_prints_removals_most_targeted_and_numbered_top_comments() -> None:
    from functools import partial

    from newsift.comments.annotations import comment_badge, thread_lines
    from newsift.summary import _wrap

    summary = ThreadSummary(
        3, 2, 1, 2, 0.667, top_targets=(("council", 2),), would_remove=1, removal_share=0.333,
        top_comments=(TopComment("c2", 0.97, "insult aimed at council", "council"),),
    )  # fmt: skip
    lines = thread_lines(summary.to_dict(), {"c0": 1, "c1": 2, "c2": 3}, partial(_wrap, width=78))
    assert lines[0].startswith("  thread: 1 a moderator would remove, 2 offensive")
    assert lines[1:] == [
        "  most targeted: council (2)",
        "  top: comment 3 (0.97): insult aimed at council",
    ]
    item = _item("c2", 0.97, True, COUNCIL).to_dict()
    assert comment_badge(item) == " [would remove, offensive 0.97, target: council]"


def test_html_report_numbers_cards_and_lists_top_comments_with_reasons() -> None:
    from newsift.comments.analyzer import ToxicityAnalyzer
    from newsift.report.html import render_html
    from tests.comments.test_analyzer import ARTICLE, _page

    doc = _page(
        ARTICLE,
        [
            ("Ana", "Thanks for covering the water rates hearing.", None),
            (None, "These council clowns are absolute morons.", None),
        ],
    )
    html = render_html(ToxicityAnalyzer(encoder="none")(doc).to_dict())
    assert 'href="#comment-2">Comment 2</a>' in html  # the card's own number
    assert '<li><a href="#comment-2">comment 2</a>' in html
    assert "insult aimed at council" in html
    assert "target: <bdi>council</bdi>" in html
    assert "Most targeted: <bdi>council</bdi> (1)." in html
