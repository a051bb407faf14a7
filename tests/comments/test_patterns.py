"""Patterns of abuse and abuse that is mentioned rather than used (comments.patterns)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsift.comments import lexicon, patterns
from newsift.comments.features import rewritten
from newsift.comments.normalise import normalised_words


def cues(text: str) -> tuple[str, ...]:
    return patterns.read(text, normalised_words(text)).cues


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("They should all be shot.", "threat"),
        ("I will kill you.", "threat"),
        ("I know where you live.", "threat"),
        ("They are vermin.", "dehumanising"),
        ("People like that breed like rabbits.", "dehumanising"),
        ("Go back to where you came from.", "dehumanising"),
        ("Let's go Brandon!", "coded"),
        ("FJB all the way.", "coded"),
        ("Sleepy Joe did it again.", "coded"),
        ('Our "President" spoke today.', "scare_quote"),
        ("The so-called minister spoke today.", "scare_quote"),
        ("What a genius /s", "sarcasm"),
        ("What a genius /s", "sarcastic_praise"),
        ('Thanks, "expert".', "scare_quote"),
        ("Calling them rats is wrong.", "counter_speech"),
        ("She is not an idiot.", "negated"),
        ("People like you end up in the hospital.", "threat"),
        ("I know where you work. See you soon.", "threat"),
        ("Careful. Accidents happen to people who talk.", "threat"),
        ("It would be a shame if something happened to him.", "threat"),
        ("We'll be waiting for them with rifles.", "threat"),
        ("Say that again and I'll break your legs.", "threat"),
        ("He won't live to see the election.", "threat"),
        ("You'd better sleep with one eye open.", "threat"),
        ("Round them up and get rid of them.", "threat"),
    ],
)
def test_each_pattern_is_found(text: str, cue: str) -> None:
    assert cue in cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "This policy will help farmers.",
        "The president spoke today.",
        "Little Rock is in Arkansas.",
        "She said the report was due on Friday.",
        "I hope you all have a great weekend.",
        "She is going to kill it at the debate tonight.",
        "I'd kill for a coffee right now.",
        "You're killing me with these puns.",
        "The senator received death threats after the vote.",
        "The man who threatened to shoot the mayor was sentenced.",
        "Kids end up in the school play every year.",
    ],
)
def test_ordinary_comments_have_no_abuse_pattern(text: str) -> None:
    found = set(cues(text)) - {"sarcasm"}
    assert not found, found


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Calling them rats is wrong.", "rats"),
        ("He called me an idiot and that's not OK.", "idiot"),
        ('The sign said "they are scum" and we reported it.', "scum"),
        ("I don't think she is an idiot.", "idiot"),
        ("He is no fool.", "fool"),
    ],
)
def test_mentioned_abuse_is_folded(text: str, folded: str) -> None:
    cleaned, _ = rewritten(text)
    assert folded not in cleaned and patterns.MENTIONED in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Don't be an idiot.",  # an imperative: still aimed at the reader
        "He called me an idiot and he was right, you are one too.",  # nothing condemned
        "I'm not saying much, but you are an idiot.",  # the negation is in another clause
    ],
)
def test_used_abuse_is_kept(text: str) -> None:
    cleaned, _ = rewritten(text)
    assert "idiot" in cleaned


@pytest.mark.parametrize(
    "phrases",
    [patterns._PADDED_JIBES, sorted(lexicon.THREAT_IDIOMS), sorted(lexicon.CONDEMNING_PHRASES)],
    ids=["jibes", "threat idioms", "condemning phrases"],
)
def test_any_of_finds_a_phrase_exactly_when_one_is_in_the_text(phrases: Sequence[str]) -> None:
    """``any_of(phrases).search`` answers as ``any(p in text for p in phrases)``."""
    import random

    rng = random.Random(18)
    pieces = [*phrases, *(p[: len(p) // 2] for p in phrases), *(p[1:] for p in phrases)]
    pieces += ["you", "the", " ", "not", "x"]
    found = patterns.any_of(phrases)
    hits = 0
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        for variant in (text, f" {text} ", text.upper()):
            expected = any(p in variant for p in phrases)
            assert bool(found.search(variant)) is expected, variant
            hits += expected
    assert hits > 100
