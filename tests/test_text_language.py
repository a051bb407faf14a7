"""guess_language counts each language's common words from one Counter of the tokens."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from newsift.text import language
from newsift.text.language import guess_language

ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str, min_hits: int = 5) -> str | None:
    """The form that tests every token against every language's words."""
    tokens = language._TOKEN.findall(text[:20_000].lower())
    scores = {lang: sum(t in words for t in tokens) for lang, words in language._WORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < min_hits or top < 1.5 * second:
        return None
    return best


def _texts() -> list[str]:
    pages = [
        p.read_text(encoding="utf-8") for p in (ROOT / "benchmarks/data/structure").rglob("*.txt")
    ]
    vocabulary = sorted({w for words in language._WORDS.values() for w in words})
    vocabulary += ["Der", "LA", "été", "x", "42"]
    rng = random.Random(18)
    made = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40))) for _ in range(800)]
    return pages + made


@pytest.mark.parametrize("cut", [20, 300, 30_000])
def test_guess_language_equals_the_plain_form(cut: int) -> None:
    for text in _texts():
        assert guess_language(text[:cut]) == _plain(text[:cut])


def test_guess_language_examples() -> None:
    assert guess_language("the cat and the dog of the house is in the garden for it") == "en"
    assert guess_language("der Hund und die Katze ist nicht mit dem Auto") == "de"
    assert guess_language("short") is None


#: pieces whose letter runs are not whitespace-separated words, or whose letters are not
#: all ``isalpha``: punctuation, apostrophes, digits inside words, combining marks,
#: underscores, non-decimal digits, separators that ``str.split`` splits on
TRICKY = [
    "",
    "the,of;and",
    "don't the'the",
    "the2the der_die 3le",
    "e\u0301t\u00e9 la e\u0301",
    "x\u00b2the the\u00bdla \u2167de",
    "the\u001cof\u2028and\u00a0is",
    "«la» (the) “der” —el— il/la é… è",
    "THE Der LA Für für MÁS más NÃO não È è",
    "ſo İt the\u0307 ǅe",
]


@pytest.mark.parametrize("text", TRICKY + [t[:3000] for t in _texts()[:40]])
def test_stopword_counts_are_the_counts_of_every_run_of_letters(text: str) -> None:
    lower = text.lower()
    plain = Counter(w for w in language._TOKEN.findall(lower) if w in language._ANY_STOPWORD)
    assert language.stopword_counts(lower) == plain
