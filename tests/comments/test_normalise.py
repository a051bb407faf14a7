"""Spelling variants of abuse words folded back; ordinary words left alone."""

from __future__ import annotations

import pytest

from newsift.comments.normalise import normalise, normalised_words, variant_of

FOLDED = [
    ("you are an 1d10t", "you are an idiot"),  # leet
    ("a complete m0r0n", "a complete moron"),
    ("what an a$$hole", "what an asshole"),
    ("what a s t u p i d take", "what a stupid take"),  # spaced out
    ("such stuuuupid clowns", "such stupid clowns"),  # repeated letters
    ("an idoit", "an idiot"),  # two letters swapped
    ("a l0ser", "a loser"),
    ("pathetc", "pathetic"),  # one letter dropped
]

KEPT = [
    "I went to the moon and back",  # one letter from "moron", but a word
    "Meet me at 5pm on 2nd street in room 4B",
    "We lose money every year on the best water",
    "I a m here",  # spaced letters that spell nothing abusive
]


@pytest.mark.parametrize(("text", "expected"), FOLDED)
def test_variants_are_folded_back(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_words_are_kept(text: str) -> None:
    assert normalise(text) == text


def test_offsets_point_at_the_written_text() -> None:
    text = "so s t u p i d, 1d10t"
    found = normalised_words(text)
    assert [(text[s:e], w) for s, e, w in found] == [
        ("so", "so"),
        ("s t u p i d", "stupid"),
        ("1d10t", "idiot"),
    ]


def test_abuse_words_are_not_rewritten() -> None:
    assert variant_of("idiot") is None
    assert variant_of("money") is None
