"""Issue 15, page-level audit: one source shown under two names (``sources.merge_references``).

After the resolver and ``merge_duplicates``, the duplicates left on the dev
pages of ``benchmarks/audit.py`` were one source called two ways: "the union" /
"the UAW", "The trust" / "The Citizens' Independent Transportation Trust", "A
DUP councillor" / "DUP Balmoral councillor Sarah Bunting", "the physicians" /
"A group of physicians", "A poll" / "The Newspoll survey", and a full name read
inside a description ("head Adam Mosseri" / "Mosseri"). Each rule has a table of
invented paragraphs, positive and negative: precision first, so a name merges
only when the page's own words tie it to exactly one other source.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.document import Document

Analyse = Callable[..., Document]


def names(doc: Document) -> list[str]:
    return sorted(s.name for s in doc.layers["sources"])


# paragraph, displayed source names (sorted)
REFERENCES = [
    # "the <noun>": the one organisation the page names with that noun, or its acronym
    (
        "Stellantis and the striking United Auto Workers union reached a deal on Sunday. "
        'The deal raises wages by 25%, the union said. "We won," the UAW said in a statement.',
        ["the UAW"],
    ),
    (
        "The United Auto Workers union and the Teamsters Union both backed the bill. "
        'The deal raises wages by 25%, the union said. "We won," the UAW said in a statement.',
        ["the UAW", "the union"],  # two unions named: "the union" is either
    ),
    (
        "The Environmental Protection Agency issued the rule on Monday. The rule will cut "
        'emissions by a third, the agency said. "It is long overdue," EPA said in a statement.',
        ["The Environmental Protection Agency"],
    ),
    (
        "The striking workers reached a deal on Sunday. The deal raises wages by 25%, the "
        'union said. "We won," the UAW said in a statement.',
        ["the UAW", "the union"],  # no name spells the acronym
    ),
    (
        "The Citizens' Independent Transportation Trust, which safeguards the tax, said in "
        "July that the data was late.\n\nThe trust said it would give the county an "
        "extra month.",
        ["The Citizens' Independent Transportation Trust"],
    ),
    (
        "The Citizens' Independent Transportation Trust said in July that the data was "
        "late. The Harbor Land Trust said the data was fine.\n\nThe trust said it would "
        "wait a month.",
        ["The Citizens' Independent Transportation Trust", "The Harbor Land Trust", "The trust"],
    ),
    # a description first, the name later
    (
        "A DUP councillor has said that the signs show a community pushed to its limits.\n\n"
        "DUP Balmoral councillor Sarah Bunting has said that she has spoken to residents. "
        '"The housing executive let them down," she said.',
        ["Sarah Bunting"],
    ),
    (
        "A DUP councillor has said that the signs show a community pushed to its limits.\n\n"
        "Sinn Fein councillor Sarah Bunting has said that she has spoken to residents. "
        '"The housing executive let them down," she said.',
        ["A DUP councillor", "Sarah Bunting"],  # another party's councillor
    ),
    (
        "A councillor has said that the signs show a community pushed to its limits.\n\n"
        "DUP Balmoral councillor Sarah Bunting has said that she has spoken to residents. "
        '"The housing executive let them down," she said.',
        ["A councillor", "Sarah Bunting"],  # one word says too little
    ),
    (
        "A DUP councillor has said that the signs show a community pushed to its limits.\n\n"
        "Sarah Bunting, a former DUP councillor, has said that she has spoken to residents. "
        '"The housing executive let them down," she said.',
        ["A DUP councillor", "Sarah Bunting"],  # a former councillor is someone else
    ),
    (
        "Paul Greer said the signs were an outrage.\n\nThe signs were put up on Friday, "
        "according to a DUP councillor.\n\nDUP Balmoral councillor Sarah Bunting has said "
        'that she has spoken to residents. "The housing executive let them down," she said.',
        ["Paul Greer", "Sarah Bunting", "a DUP councillor"],  # the page does not open on it
    ),
    # a body of people, then the people
    (
        "A group of physicians, alarmed by the outbreak, said it would give free flu "
        'shots. "We write with urgency," the physicians stated in the letter.',
        ["A group of physicians"],
    ),
    (
        "A group of nurses, alarmed by the outbreak, said it would give free flu "
        'shots. "We write with urgency," the physicians stated in the letter.',
        ["A group of nurses", "the physicians"],
    ),
    (
        "A group of physicians, alarmed by the outbreak, said it would give free flu shots."
        "\n\nCustoms and Border Protection declined to comment. "
        + "The agency has held migrants for weeks. " * 5
        + '\n\n"We write with urgency," the doctors stated.',
        ["A group of physicians"],  # "doctors" and "physicians" are one noun
    ),
    (
        "A group of nurses, alarmed by the outbreak, said it would give free flu shots."
        "\n\nCustoms and Border Protection declined to comment. "
        + "The agency has held migrants for weeks. " * 5
        + '\n\n"We write with urgency," the doctors stated.',
        ["A group of nurses", "the doctors"],
    ),
    # a full name read inside a description
    (
        "Like Instagram head Adam Mosseri, Twitter CEO Jack Dorsey has spoken out about the "
        '"toxic" metrics. Abandoning likes allowed Mosseri to say that Instagram wants to be '
        '"a space that feels much less pressurised."',
        ["Mosseri"],
    ),
    (
        "Like Instagram head Adam Mosseri, Twitter CEO Jack Dorsey has spoken out about the "
        '"toxic" metrics. Abandoning likes allowed Systrom to say that Instagram wants to be '
        '"a space that feels much less pressurised."',
        ["Like Instagram head Adam Mosseri", "Systrom"],
    ),
    # a generic document, then its name
    (
        "A poll released on Monday showed the premier's approval had fallen. The Newspoll "
        "survey showed 59% of voters are dissatisfied with his handling of the crisis.",
        ["The Newspoll survey"],
    ),
    (
        "A poll released on Monday showed the premier's approval had fallen. The Harwick "
        "report showed 59% of voters are dissatisfied with his handling of the crisis.",
        ["A poll", "The Harwick report"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES)
def test_one_source_two_names(analyse: Analyse, text: str, expected: list[str]) -> None:
    assert names(analyse(text)) == sorted(expected)


# text, noun, the names the page gives that noun
NAMED_AS = [
    ("the striking United Auto Workers union said", "union", {("united", "auto", "workers")}),
    (
        "The Citizens’ Independent Transportation Trust, which",
        "trust",
        {("citizens", "independent", "transportation", "trust")},
    ),
    ("After trust members asked, the trust said", "trust", set()),  # a sentence's first word
    ("until September. The trust said", "trust", set()),  # across a sentence's end
    ("the Bank of England and the World Bank", "bank", {("world", "bank")}),
    ("the transit tax trust", "trust", set()),
]


@pytest.mark.parametrize(("text", "noun", "expected"), NAMED_AS)
def test_named_as(text: str, noun: str, expected: set[tuple[str, ...]]) -> None:
    from newsift.attribution.sources import _named_as

    assert _named_as(noun, text) == expected


# a name the page gives the noun, the noun, an organisation's name, whether it is that name
NAMES_ORGANIZATION = [
    (("united", "auto", "workers"), "union", "the UAW", True),
    (("environmental", "protection", "agency"), "agency", "EPA", True),  # the noun in it
    (("environmental", "protection", "agency"), "agency", "EP", False),
    (("teamsters",), "union", "the UAW", False),
    (("teamsters",), "union", "the Teamsters", True),  # "the Teamsters union"
    (
        ("citizens", "independent", "transportation", "trust"),
        "trust",
        "The Citizens’ Independent Transportation Trust",
        True,
    ),
    (("transportation", "trust"), "trust", "The Citizens’ Independent Transportation Trust", True),
    (("harbor", "land", "trust"), "trust", "The Citizens’ Independent Transportation Trust", False),
]


@pytest.mark.parametrize(("words", "noun", "name", "expected"), NAMES_ORGANIZATION)
def test_names_organization(words: tuple[str, ...], noun: str, name: str, expected: bool) -> None:
    from newsift.attribution.sources import SourceDraft, _names_organization

    draft = SourceDraft(0, "organization", True, name, None, noun, False)
    assert _names_organization(words, noun, draft) is expected
