"""Junk without false alarms: spam needs more than one signal (issue 17, item 4)."""

from __future__ import annotations

import pytest

from newsift.comments.junk import is_spam, junk_reasons, spam_signals

LONG_ON_TOPIC = (
    "I sat through the whole council hearing on the water contract with Aquavance. The "
    "councillors who voted for it kept repeating that the deal was a limited time offer, "
    "as if the water system were on sale with free shipping, and nobody asked what happens "
    "to rates after the first five years or who pays when the old pipes fail again."
)


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        # one signal is never enough
        ("Here is the commission report: https://www.state-utility.gov/report-2022.pdf", []),
        ("The 40% off my cheques in taxes isn't enough for them?", []),
        ("Call your councillor before Thursday and tell them what you think.", []),
        ("So the council sold us out at 40% off. Today only, act now. Disgraceful.", []),
        ("HUGE mistake. HUGE. Nobody will buy this.", []),
        # more than one signal, one of them a way to act
        (
            "Get 60% OFF vitamins at www.vita-deals.shop with promo code VITA60!",
            ["link_spam", "coupon_spam"],
        ),
        ("Use code SAVE15 for 15% off, today only", ["coupon_spam"]),
        ("Earn $300 a day from home, message me on WhatsApp", ["coupon_spam"]),
        ("Click here http://prize-claim.win and sign up now", ["link_spam"]),
        ("Cheap followers! order now at grow-fans.xyz", ["link_spam"]),
        ("www.casino-bonus.xyz", ["link_spam"]),  # little besides a spam-prone link
        # not comment text
        ("<script>document.write('x')</script>", ["markup"]),
        ("The G&amp;M got this one right.", []),  # an entity alone is scraping noise
        ("asdfghjkl qwrtzpsdfg", ["gibberish"]),
        ("hmmmwhy wait?", []),
        ("!!!!!!!!!!!!!!", ["gibberish"]),
        ("Este artigo não diz a verdade sobre a água e a cidade.", ["foreign_text"]),
        ("Good luck selling 2 cents per gallon more as a carbon tax to consumers.", []),
        # written dialect and handles are not another language
        ("Yo dat boy be doin da most wit em fr", []),
        ("@la_di_da_de_el try me", []),
        ("When randoms dm me their mixtape links http://t.example/abc", []),
        ("BEST MASSAGE IN TOWN, TOP RATED 718-555-0199 http://t.example/x", ["link_spam"]),
    ],
)
def test_junk_reasons(text: str, reasons: list[str]) -> None:
    assert junk_reasons(text) == reasons


def test_a_long_on_topic_comment_is_never_junk() -> None:
    spammy = LONG_ON_TOPIC + " Buy now at www.cheap-water.shop, use code H2O for 50% off!"
    assert junk_reasons(spammy) == ["link_spam", "coupon_spam"]
    assert junk_reasons(spammy, on_topic=True) == []
    assert junk_reasons("Buy now at www.cheap-water.shop", on_topic=True) == ["link_spam"]


def test_wordy_comments_need_three_signals() -> None:
    assert spam_signals(LONG_ON_TOPIC) == ["discount", "urgency"]
    assert not is_spam(["link", "call"], words=30)
    assert is_spam(["link", "contact"], words=10)
    assert not is_spam(["link", "call"], words=10)  # "dm me" with a link is a remark
    assert is_spam(["link", "call", "contact"], words=30)
    assert not is_spam(["discount", "urgency"], words=5)  # no way to act


def test_signals_ignore_numbers_inside_links() -> None:
    text = "Debt problem? https://twitter.com/someone/status/517774322799509504"
    assert spam_signals(text) == ["link"]
