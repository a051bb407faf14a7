"""One person, one source (issue 15, class 3): title + surname, particles, initials,
hyphenated given names and possessives resolve to the first full mention.

Each row: a text, two speaker phrases as they stand in it, and whether their
quotes must share one source. Names are invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.attribution.sources import name_parts, same_person
from newsift.document import Document

Analyse = Callable[[str], Document]

CASES = [
    # (text, first speaker, second speaker, same source)
    (
        "Dr. Pieter van Loon, a hydrologist, told me the dikes were failing.\n\n"
        "The ministry said the dikes were fine.\n\n"
        "Dr. van Loon continued that the figures were wrong.",
        "Dr. Pieter van Loon, a hydrologist",
        "Dr. van Loon",
        True,
    ),
    (
        "P. van Loon said the models were old. Later, van Loon added that nobody listened.",
        "P. van Loon",
        "van Loon",
        True,
    ),
    (
        "Ursula von Brandt told me the plan would fail. Von Brandt's colleague disagreed. "
        "Ms. von Brandt said again that the plan was doomed.",
        "Ursula von Brandt",
        "Ms. von Brandt",
        True,
    ),
    (
        "Abdullah al-Rashid said the port was closed. The minister said trade was normal. "
        "Mr. al-Rashid told me the ships had left.",
        "Abdullah al-Rashid",
        "Mr. al-Rashid",
        True,
    ),
    (
        "Min-Jae Oh, a lawyer in Seoul, said the ruling was unfair. The court said it was final. "
        "Ms. Oh said she would appeal.",
        "Min-Jae Oh, a lawyer in Seoul",
        "Ms. Oh",
        True,
    ),
    (
        "Min-Jae Oh told reporters the case was closed. Ms. Oh said she would appeal.",
        "Min-Jae Oh",
        "Ms. Oh",
        True,
    ),
    (
        "Jean-Luc Marchand, a farmer, said the river was dry. Marchand added that the wells "
        "had failed.",
        "Jean-Luc Marchand, a farmer",
        "Marchand",
        True,
    ),
    (
        "Karl-Heinz Vogt said prices would rise. The bank said they would not. "
        "K. Vogt later told me they had.",
        "Karl-Heinz Vogt",
        "K. Vogt",
        True,
    ),
    (
        "Maria de la Cruz said the clinic was full. The mayor said it was not. "
        "Dr. de la Cruz said the waiting list was a year long.",
        "Maria de la Cruz",
        "Dr. de la Cruz",
        True,
    ),
    # negatives: same surname, different given names or initials
    (
        "Paul van Loon said the dikes were safe. Pieter van Loon said they were not.",
        "Paul van Loon",
        "Pieter van Loon",
        False,
    ),
    (
        "Min-Jae Oh said the ruling was fair. Min-Ho Oh said it was not.",
        "Min-Jae Oh",
        "Min-Ho Oh",
        False,
    ),
    (
        "Anna Berg said the audit was clean. J. Berg said it was rigged.",
        "Anna Berg",
        "J. Berg",
        False,
    ),
]


def _source_of(doc: Document, speaker: str) -> str | None:
    for quote in doc.layers["quotes"]:
        if (
            quote.speaker is not None
            and doc.text[quote.speaker.start : quote.speaker.end] == speaker
        ):
            source: str | None = quote.source
            return source
    raise AssertionError(f"no quote with speaker {speaker!r}")


@pytest.mark.parametrize(("text", "first", "second", "same"), CASES)
def test_one_person_one_source(
    analyse: Analyse, text: str, first: str, second: str, same: bool
) -> None:
    doc = analyse(text)
    a, b = _source_of(doc, first), _source_of(doc, second)
    assert a is not None and b is not None
    assert (a == b) is same


def test_full_name_kept_after_short_mentions(analyse: Analyse) -> None:
    doc = analyse(
        "Dr. van Loon said the dikes were weak. Dr. Pieter van Loon added that they leaked."
    )
    names = [s.name for s in doc.layers["sources"]]
    assert names == ["Dr. Pieter van Loon"]


def test_only_to_author_not_flagged_when_named_again(analyse: Analyse) -> None:
    import newsift.attribution.flags  # noqa: F401  registers attribution.flags.v1
    from newsift.attribution.flags import ExpertFlagger

    told = "Dr. Pieter van Loon, a hydrologist at Delft University, told me the dikes were failing."
    for later, flagged in [
        (
            "\n\nThe ministry said the dikes were fine.\n\nDr. van Loon continued that it was wrong.",
            False,
        ),
        (
            "\n\nThe ministry said the dikes were fine. Van Loon's 2019 study was never published.",
            False,
        ),
        ("\n\nThe ministry said the dikes were fine.", True),
    ]:
        doc = analyse(told + later)
        doc.meta.published = "2024-05-01"
        kinds = [f.kind for f in ExpertFlagger()(doc).layers["flags"]]
        assert ("only_to_author" in kinds) is flagged, later


@pytest.mark.parametrize(
    ("name", "given", "key"),
    [
        ("Dr. Pieter van Loon", ("pieter",), "loon"),
        ("Van Loon's", (), "loon"),
        ("Min-Jae Oh", ("min-jae",), "oh"),
        ("Abdullah al-Rashid", ("abdullah",), "rashid"),
        ("Maria de la Cruz", ("maria",), "cruz"),
        ("President Anton Vella", ("anton",), "vella"),
        ("Dean Smith", ("dean",), "smith"),
    ],
)
def test_name_parts(name: str, given: tuple[str, ...], key: str) -> None:
    assert name_parts(name) == (given, key)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("P. van Loon", "Pieter van Loon", True),
        ("P.J. de Vries", "Pieter-Jan de Vries", True),
        ("Paul van Loon", "Pieter van Loon", False),
        ("Min-Jae Oh", "Min-Ho Oh", False),
        ("Ms. Oh", "Min-Jae Oh", True),
        ("Anna Berg", "Anna Borg", False),
    ],
)
def test_same_person(first: str, second: str, same: bool) -> None:
    assert same_person(first, second) is same
