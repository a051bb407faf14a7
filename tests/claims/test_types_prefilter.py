"""claim_features skips a rule only where it cannot match: the same cues as searching every rule."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from newsift.claims import types
from newsift.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
STRUCTURE = ROOT / "benchmarks" / "data" / "structure"
PAGES = [
    ROOT / "src" / "newsift" / "samples" / "sample-dump.txt",
    *sorted(STRUCTURE.rglob("*.txt")),
]
#: pieces that touch every rule and its edges (case, apostrophes, non-ASCII look-alikes)
PIECES = [
    "said", "SAYS", "Claims", "the claims", "according to", "Will", "won't", "won’t",
    "is set to", "Plans to", "because", "Caused", "led to", "due to", "as a result",
    "more than", "Bigger Than", "compared with", "twice as", "as many as", "biggest",
    "interest", "best-known", "worst", "5%", "per cent", "percentage points", "$5", "€5",
    "10 dollars", "3.5 EUR", "twelve", "Dozen", "1999", "2024", "17", "January", "Sept.",
    "may", "Monday", "yesterday", "last week", "last Tuesday", "voted", "walked", "Paris",
    "the", "a", "ſaid", "ıs set to", "KELVIN", "İt", "naïve", "?", ",", "“quoted”",
]  # fmt: skip


def _plain(sentence: str) -> list[str]:
    found = [
        name
        for name, pattern in types.RULES
        if (types._has_superlative(sentence) if name == "superlative" else pattern.search(sentence))
    ]
    return found + (["named_entity"] if types._named_entity(sentence) else [])


def _page_sentences() -> list[str]:
    out: list[str] = []
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        out += [text[s.start : s.end] for s in split_sentences(text)]
    return out


def test_same_cues_on_page_sentences() -> None:
    sentences = _page_sentences()
    assert len(sentences) > 500
    for sentence in sentences:
        assert types.claim_features(sentence) == _plain(sentence), sentence


@pytest.mark.parametrize("seed", range(4))
def test_same_cues_on_random_sentences(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        sentence = " ".join(rng.choices(PIECES, k=rng.randint(1, 8)))
        assert types.claim_features(sentence) == _plain(sentence), sentence


@pytest.mark.parametrize(("name", "pattern"), types.RULES)
def test_every_rule_has_its_needs_or_none(name: str, pattern: re.Pattern[str]) -> None:
    assert name in types._NEEDS or name == "past_tense"
    assert pattern.flags & re.IGNORECASE and not pattern.flags & re.VERBOSE
