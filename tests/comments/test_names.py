"""People's names found and folded whoever they are (comments.names)."""

from __future__ import annotations

import pytest

from newsift.comments.lexicon import words
from newsift.comments.names import fold_people, name_spans


def named(text: str) -> list[str]:
    found = words(text)
    return [text[found[i][0] : found[i][1]] for i in name_spans(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Newsom is a disgrace.", ["Newsom"]),  # a sentence's first word, then a verb
        ("Dana Whitcombe lied.", ["Dana", "Whitcombe"]),  # two capitalised words
        ("Macron's plan failed.", ["Macron's"]),  # a possessive
        ("I think Le Pen is wrong.", ["Le", "Pen"]),  # inside a sentence
        ("Careful, Marta. Accidents happen.", ["Marta"]),  # "Careful," opens, no name
        ("The council met on Monday.", []),  # function words, days
        ("Our President Trump spoke.", []),  # titles and listed politicians are folded elsewhere
        ("Let's go Brandon!", []),  # the words of a coded jibe stay
        ("Those Muslims and Liberals are here.", []),  # identity and party words
        ("Stupid people everywhere.", []),  # lexicon words
        ("OK BOOMER is shouting, not a name.", []),
    ],
)
def test_names_are_found(text: str, names: list[str]) -> None:
    assert named(text) == names


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Abbott is a liar.", "X is a liar."),
        ("Ask Olu and Mei.", "Ask X and X."),
        ("Nothing here.", "Nothing here."),
    ],
)
def test_fold_people_replaces_each_name(text: str, folded: str) -> None:
    assert fold_people(text, "X") == folded
