"""The attribution layers: JSON round trips, loaders, the sourcing profile."""

from __future__ import annotations

import json

import pytest

from newsift.attribution.annotations import (
    NonResponse,
    Quote,
    Source,
    SourcingProfile,
    profile_class,
    sourcing_profile,
)
from newsift.document import Document, Span
from newsift.errors import SchemaError


def _source(id: str, kind: str, named: bool, quotes: tuple[str, ...], words: int) -> Source:  # noqa: A002
    return Source(id, f"name {id}", kind, named, quotes=quotes, quoted_words=words)


def test_layers_round_trip_through_json() -> None:
    quote = Quote("q1", "mixed", Span(10, 20), Span(5, 9), Span(0, 4), "s1", True)
    source = Source(
        "s1",
        "Dana Ortiz",
        "person",
        True,
        descriptor="Councilmember",
        descriptor_spans=(Span(0, 2),),
        anonymous_reason=None,
        to_author=True,
        mentions=(Span(0, 4),),
        quotes=("q1",),
        quoted_words=2,
    )
    refusal = NonResponse(Span(30, 40), "The office", Span(30, 34), None)
    profile = sourcing_profile([source], [quote], [refusal])
    doc = Document("x" * 50, layers={"quotes": [quote], "sources": [source]})
    doc.layers["nonresponses"] = [refusal]
    doc.layers["sourcing"] = [profile]
    payload = json.loads(json.dumps(doc.to_dict()))
    again = Document.from_dict(payload)
    assert again.to_dict() == doc.to_dict()
    assert again.layers["quotes"] == [quote]
    assert again.layers["sources"] == [source]


@pytest.mark.parametrize(
    ("kind", "named", "expected"),
    [
        ("person", True, "named"),
        ("person", False, "anonymous"),
        ("organization", True, "organizational"),
        ("document", False, "documentary"),
        ("group", False, "unattributed"),
        ("unattributed", False, "unattributed"),
    ],
)
def test_profile_class(kind: str, named: bool, expected: str) -> None:
    assert profile_class(Source("s1", "x", kind, named)) == expected


def test_profile_counts_shares_and_words() -> None:
    quotes = [
        Quote("q1", "direct", Span(0, 1), to_author=True),
        Quote("q2", "indirect", Span(0, 1)),
        Quote("q3", "indirect", Span(0, 1)),
    ]
    sources = [
        _source("s1", "person", True, ("q1",), 30),
        _source("s2", "person", False, ("q2",), 10),
        _source("s3", "organization", True, ("q3",), 0),
    ]
    profile = sourcing_profile(sources, quotes, [NonResponse(Span(0, 1))])
    data = profile.to_dict()
    assert data["counts"] == {
        "named": 1,
        "anonymous": 1,
        "organizational": 1,
        "documentary": 0,
        "unattributed": 0,
    }
    assert data["shares"]["named"] == pytest.approx(1 / 3, abs=1e-4)
    assert data["anonymous_word_share"] == 0.25
    assert data["only_to_author"] == 1
    assert data["nonresponses"] == 1
    assert SourcingProfile.from_dict(data) == profile


def test_empty_profile_has_zero_shares() -> None:
    data = sourcing_profile([]).to_dict()
    assert data["sources"] == 0
    assert set(data["shares"].values()) == {0.0}


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "q1", "kind": "rumour", "content": {"start": 0, "end": 1}},
        {"id": "q1", "kind": "direct"},
        {"id": "q1", "kind": "direct", "content": {"start": 0, "end": 1}, "to_author": "yes"},
    ],
)
def test_bad_quotes_are_schema_errors(bad: dict[str, object]) -> None:
    with pytest.raises(SchemaError):
        Quote.from_dict(bad)


def test_bad_source_is_a_schema_error() -> None:
    with pytest.raises(SchemaError):
        Source.from_dict({"id": "s1", "name": "x", "kind": "alien", "named": True})
