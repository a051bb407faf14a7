"""`newsift show` summarises every layer that is there."""

from __future__ import annotations

import pytest

import newsift
from newsift.document import Document
from newsift.summary import summarise

PAGE = (
    "Harbour Budget\n\n"
    "The harbour fee rose by 40 percent in 2023, the largest rise in a decade.\n\n"
    "This is a disgraceful, shameful betrayal of every family in town.\n"
)


def test_claims_and_techniques_appear_when_their_analyzers_ran() -> None:
    names = ["structure.v1", "attribution.quotes.v1", "claims.checkworthy.v1",
             "persuasion.techniques.v1"]  # fmt: skip
    doc = newsift.Pipeline.from_config(names)(newsift.load(PAGE, kind="text"))
    text = summarise(doc)
    assert "claims: 1 on the short list" in text and "1 unsourced, by the author" in text
    assert "1. (statistic, UNSOURCED: the author's own claim) The harbour fee rose" in text
    assert "techniques (author's own): " in text


def test_layers_that_did_not_run_are_not_mentioned() -> None:
    doc = newsift.Pipeline.from_config(["structure.v1"])(newsift.load(PAGE, kind="text"))
    text = summarise(doc)
    assert "claims:" not in text and "techniques" not in text and "thread:" not in text


TEXT = "Ann Lee writes.\n\nNorthvale said it would wait. Its chief did not respond.\n"
SOURCE = {"id": "s1", "name": "Northvale", "kind": "organization", "named": True,
          "anonymous": False, "to_author": False, "mentions": [{"start": 17, "end": 26}],
          "quotes": ["q1"], "quoted_words": 4}  # fmt: skip
SOURCING = {"sources": 1, "counts": {"named": 1}, "quotes": 1, "quoted_words": 4,
            "anonymous_words": 1, "only_to_author": 0, "nonresponses": 1, "excluded": 0}  # fmt: skip
NONRESPONSE = {"span": {"start": 47, "end": 71}, "who": "Its chief", "source": None}
FLAG = {"kind": "no_institution", "source": "s1", "reason": "no institution named",
        "evidence": [{"start": 17, "end": 26}]}  # fmt: skip
BYLINE = {"kind": "no_bio", "reason": "no bio for Ann Lee", "author": "Ann Lee",
          "evidence": [{"start": 0, "end": 7}]}  # fmt: skip
SOURCE_LINES = [
    "  sources: 1 (1 named, 0 not named)",
    "  profile over 1 real sources: anonymous sources carry 25% of 4 quoted words",
    "  - Northvale (organization), 1 quote(s)",
]


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        ({"sources": [SOURCE]}, SOURCE_LINES[:1] + SOURCE_LINES[2:]),
        ({"sources": [SOURCE], "sourcing": [SOURCING]}, SOURCE_LINES),
        (
            {"sources": [SOURCE], "nonresponses": [NONRESPONSE], "flags": [FLAG]},
            [*SOURCE_LINES[:1], *SOURCE_LINES[2:], "  - no response: Its chief",
             "  ! no_institution: no institution named"],
        ),
        ({"flags": [FLAG]}, []),  # flags are listed under the sources only
        (
            {"byline": [BYLINE], "sources": [SOURCE]},
            ["  ! byline, no bio: no bio for Ann Lee", "      evidence: \u201cAnn Lee\u201d",
             *SOURCE_LINES[:1], *SOURCE_LINES[2:]],
        ),
    ],
    ids=["sources", "with profile", "non-responses and flags", "flags alone", "byline first"],
)  # fmt: skip
def test_each_layers_lines_in_their_place(
    layers: dict[str, list[dict[str, object]]], expected: list[str]
) -> None:
    data = {"schema": "newsift.document/1.4", "id": "d", "text": TEXT, "meta": {}, **layers}
    lines = summarise(Document.from_dict(data)).splitlines()
    body = lines.index("  body: 0 paragraphs, 0 words")
    assert lines[body + 1 : lines.index("  comments: 0 (0 named, 0 anonymous)")] == expected


def test_no_technique_shown_says_weaker_spans_are_not_reported() -> None:
    """With nothing above the display floor the summary must not read as "no persuasion";
    with spans shown, it lists them and adds no such line."""
    calm = "Budget\n\nThe council met on Tuesday. It approved the budget for next year.\n"
    loaded = (
        "Outrage\n\nThis disgraceful, reckless scheme is a shameless betrayal of every "
        "family in the city. The corrupt council thugs must be stopped.\n"
    )
    every = {"name": "persuasion.techniques.v1", "params": {"min_score": 0.0}}
    names: list[str | dict[str, object]] = ["structure.v1", "attribution.quotes.v1"]
    floor = newsift.Pipeline.from_config([*names, "persuasion.techniques.v1"])
    shown = summarise(floor(newsift.load(calm, kind="text")))
    assert "techniques (author's own): none shown" in shown
    assert "less sure of are not reported" in shown
    doc = newsift.Pipeline.from_config([*names, every])(newsift.load(loaded, kind="text"))
    assert doc.layers["techniques"]
    listed = summarise(doc)
    assert "none shown" not in listed and "not reported" not in listed
