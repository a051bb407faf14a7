"""Thread forensics: near-duplicates, junk reasons, off-topic comments, the lexicon."""

from __future__ import annotations

import pytest

from newsift.comments.forensics import (
    content_stems,
    jaccard,
    junk_reasons,
    near_duplicates,
    off_topic,
    shingles,
)
from newsift.comments.lexicon import categories, political_groups

ARTICLE = content_stems(
    [
        "The city council voted to raise water rates by 62 percent after the utility "
        "commission approved the Aquavance contract. Residents packed the hearing to "
        "complain about the bills and the private operator's pipe repairs."
    ]
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Vote them out.", "vote them OUT!"], [None, 0]),
        (["Water is a human right. Period.", "Bills came down after the freeze."], [None, None]),
        (
            [
                "The council ignored every resident who spoke at the hearing last week.",
                "Something else entirely about the budget and the mayor.",
                "The council ignored every resident who spoke at the hearing last week!!",
                "the council ignored every resident who spoke at the hearing last week",
            ],
            [None, None, 0, 0],
        ),
        ([], []),
        (["", ""], [None, None]),
    ],
)
def test_near_duplicates(texts: list[str], expected: list[int | None]) -> None:
    assert near_duplicates(texts) == expected


def test_jaccard_of_shingles() -> None:
    assert jaccard(shingles("a b c d"), shingles("a b c d")) == 1.0
    assert jaccard(shingles("a b c d"), shingles("e f g h")) == 0.0
    assert jaccard(frozenset(), shingles("a b c")) == 0.0


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("I was at that hearing and the room was half empty.", []),
        ("The report is on the city website, www.springfield.gov/water, page 12.", []),
        (
            "Tired of high prices?? Get 80% OFF at www.medsavings-direct.biz with coupon "
            "code HEALTH80, today only!!!",
            ["link_spam", "coupon_spam"],
        ),
        ("Buy cheap followers now http://a.example.com http://b.example.com", ["link_spam"]),
        ("www.win-prizes.xyz", ["link_spam"]),
        ("Use promo code SAVE20 for 20% off all vitamins today only", ["coupon_spam"]),
        ("Das ist nicht die Wahrheit und die Stadt hat es auch nicht gesagt.", ["foreign_text"]),
        ("这是一个非常好的文章，我完全同意作者的观点和看法。", ["foreign_text"]),
        ('Great point <div class="ad"><script>track()</script></div>', ["markup"]),
        ("Agreed &nbsp; totally", []),  # an entity alone is scraping noise
        ("sdfghjkllkjhgf qwrtypsdfgh zxcvbnmnbvcx", ["gibberish"]),
        ("Nooooooooooooooo way", []),  # one drawn-out word is emphasis
        ("Free shipping on the deal, the council says: a limited time offer.", []),
    ],
)
def test_junk_reasons(text: str, reasons: list[str]) -> None:
    assert junk_reasons(text) == reasons


def test_foreign_text_depends_on_the_page_language() -> None:
    german = "Das ist nicht die Wahrheit und die Stadt hat es auch nicht gesagt."
    assert junk_reasons(german, "de") == []
    assert junk_reasons("The council did not say this and it is not the truth.", "de") == [
        "foreign_text"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My water bills doubled after the council signed that contract with Aquavance.", False),
        (
            "Does anyone know a good mechanic downtown who fixes vintage motorcycles, "
            "carburetors, brakes, clutches and exhaust systems cheaply?",
            True,
        ),
        ("Lovely weather for a barbecue today.", False),  # too short to tell
    ],
)
def test_off_topic(text: str, expected: bool) -> None:
    assert off_topic(text, ARTICLE) is expected


def test_off_topic_needs_an_article() -> None:
    text = "Does anyone know a good mechanic downtown who fixes vintage motorcycles cheaply?"
    assert off_topic(text, set()) is False


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("idiot", ["insult"]),
        ("idiots", ["insult"]),
        ("fucking", ["profanity"]),
        ("kill", ["threat"]),
        ("muslims", ["identity"]),
        ("liberals", ["political"]),
        ("trumpers", ["political"]),
        ("hospital", []),
    ],
)
def test_lexicon_categories(word: str, expected: list[str]) -> None:
    assert categories(word) == expected


def test_political_groups_in_order_without_repeats() -> None:
    tokens = ["the", "liberals", "and", "tories", "and", "liberals", "council"]
    assert political_groups(tokens) == ["liberals", "tories", "council"]


def test_near_duplicates_in_a_long_thread() -> None:
    texts = [
        f"comment {i} about the water rates and the council vote number {i}" for i in range(3000)
    ]
    texts.append("comment 17 about the water rates and the council vote number 17")
    found = near_duplicates(texts)
    assert found[-1] == 17
    assert found[:-1] == [None] * 3000
