"""Name and snippet matching for the page-level audit (benchmarks/audit.py); invented names."""

from __future__ import annotations

import pytest

from newsift.attribution.audit_matching import (
    assign,
    content_words,
    name_score,
    normalise_name,
    snippet_score,
    surname,
    words,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Pieter van Loon", "pieter van loon"),
        ("Rep. Lena Moss (D-Ore.)", "lena moss d-ore"),
        ("Gov. Min-Jae Oh", "min-jae oh"),
        ("Patrick W. Carlineo Jr.", "patrick w carlineo"),
        ("The Arden Water Board", "arden water board"),
        ("Varga\u2019s office", "varga office"),
        ("Zo\u00eb Br\u00e9ton", "zoe breton"),
        ("President Tomas Varga", "tomas varga"),
        ("  a   senior official ", "senior official"),
        ("The president", "president"),
        ("Gov.", "gov"),
        ("", ""),
    ],
)
def test_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Pieter van Loon", "loon"),
        ("Min-Jae Oh", "oh"),
        ("Cheuk Hau-yip", "hau-yip"),
        ("Ines Moreau III", "moreau"),
        ("Moss", "moss"),
        ("", ""),
    ],
)
def test_surname(name: str, expected: str) -> None:
    assert surname(name) == expected


@pytest.mark.parametrize(
    ("displayed", "truth", "named", "matches"),
    [
        ("Lena Moss", "Lena Moss", True, True),
        ("Moss", "Lena Moss", True, True),
        ("Dr. van Loon", "Dr. Pieter van Loon", True, True),
        ("Min-Jae Oh", "Min-Jae Oh", True, True),
        ("Jae Oh", "Min-Jae Oh", True, True),  # same surname
        ("Moss's spokeswoman", "Lena Moss", True, False),  # surname is not last
        ("Tomas Varga", "Lena Moss", True, False),
        ("the Arden Water Board", "Arden Water Board", False, True),
        ("a senior official", "a senior official in the mayor's office", False, True),
        ("officials", "US officials", False, True),
        ("the pictures", "a congressional report", False, False),
        ("Critics", "Supporters", False, False),
        ("Open Roads", "Open Roads", False, True),
        ("The governor", "The governor", True, True),
        ("The governor", "Gov. Ada Holm", True, False),
        ("", "Open Roads", False, False),
    ],
)
def test_name_score(displayed: str, truth: str, named: bool, matches: bool) -> None:
    assert (name_score(displayed, truth, named_person=named) >= 0.5) is matches


def test_name_score_orders_exact_over_surname_over_overlap() -> None:
    exact = name_score("Lena Moss", "Lena Moss", named_person=True)
    by_surname = name_score("Ms. L. Moss", "Lena Moss", named_person=True)
    overlap = name_score("the water board", "Arden Water Board", named_person=False)
    assert exact == 1.0 and by_surname == 0.9 and 0.5 <= overlap < 0.9


@pytest.mark.parametrize(
    ("snippet", "content", "expected"),
    [
        (
            "rushed the vote without a public hearing",
            "\u201cThe council rushed the vote without a public hearing,\u201d",
            1.0,
        ),
        (
            "rushed the vote without a public hearing",
            "that the board rushed the vote without",
            4 / 7,
        ),
        ("rushed the vote without a public hearing", "the vote was rushed", 0.0),
        ("walking disaster", "a \u201cwalking disaster\u201d", 1.0),
        ("walking disaster", "a walking tour", 0.0),
        ("We\u2019re going up", "\u201cWe're going up and they're going down.\u201d", 1.0),
        ("Min-Jae Oh said nothing new", "min-jae oh said nothing", 0.8),
        ("", "anything", 0.0),
        ("anything at all here", "", 0.0),
        ("Please", "\u201cPlease.\u201d", 1.0),
    ],
)
def test_snippet_score(snippet: str, content: str, expected: float) -> None:
    assert snippet_score(snippet, content) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Varga\u2019s visit", ["varga", "visit"]),
        ("O'Neill's team", ["o'neill", "team"]),
        ("Min-Jae", ["min-jae"]),
        ("\u201cHands!\u201d", ["hands"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_content_words_drop_articles_and_prepositions() -> None:
    assert content_words("a senior official in the mayor's office") == {
        "senior", "official", "mayor", "office",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("left", "right", "reusable", "expected"),
    [
        # the best pair is made first, and each right item once
        (["ab", "a"], ["a", "ab"], False, {0: 1, 1: 0}),
        (["a", "a"], ["a"], False, {0: 0}),
        (["a", "a"], ["a"], True, {0: 0, 1: 0}),
        (["x"], ["a"], False, {}),
        ([], ["a"], False, {}),
    ],
)
def test_assign(
    left: list[str], right: list[str], reusable: bool, expected: dict[int, int]
) -> None:
    def score(a: str, b: str) -> float:
        return 1.0 if a == b else (0.6 if set(a) & set(b) else 0.0)

    assert assign(left, right, score, threshold=0.5, reusable=lambda _: reusable) == expected
