"""Issue 15, class 7: every sourcing-profile figure is computed over real sources only.

A real source is a person (named or anonymous), organization, group or document
with at least one displayed quote (:func:`newsift.attribution.annotations.real_sources`).
Each case is a small page's sources and quotes (invented names) and the figures
the profile must give.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from newsift.attribution.annotations import (
    Quote,
    Source,
    SourcingProfile,
    real_sources,
    sourcing_profile,
)
from newsift.document import Span

ZERO = {"named": 0, "anonymous": 0, "organizational": 0, "documentary": 0, "unattributed": 0}


@dataclass(frozen=True)
class S:
    """One source: kind, named, its quote ids, its quoted words."""

    kind: str
    named: bool = True
    quotes: tuple[str, ...] = ("q1",)
    words: int = 10


@dataclass(frozen=True)
class Case:
    sources: list[S]
    real: list[str]  # ids of the sources that count (s1, s2, ... in order)
    counts: dict[str, int]
    quotes: int
    words: int
    anonymous_words: int
    to_author: tuple[str, ...] = ()  # quote ids said to the writer
    empty: tuple[str, ...] = ()  # quote ids with empty content (nothing displayed)
    missing: tuple[str, ...] = ()  # quote ids a source lists that the quotes layer lacks
    only_to_author: int = 0
    shares: dict[str, float] = field(default_factory=dict)


CASES = {
    "anonymous share not diluted by an unattributed source": Case(
        [S("person", False, ("q1",), 32), S("person", True, ("q2",), 68), S("unattributed", False, ("q3",), 100)],
        ["s1", "s2"], {**ZERO, "named": 1, "anonymous": 1}, 2, 100, 32,
    ),
    "named person and organization both count": Case(
        [S("person", True, ("q1",), 20), S("organization", True, ("q2",), 5)],
        ["s1", "s2"], {**ZERO, "named": 1, "organizational": 1}, 2, 25, 0,
        shares={"named": 0.5, "organizational": 0.5},
    ),
    "a document counts as documentary": Case(
        [S("document", True, ("q1",), 12)],
        ["s1"], {**ZERO, "documentary": 1}, 1, 12, 0, shares={"documentary": 1.0},
    ),
    "an unnamed group counts (in the unattributed class)": Case(
        [S("group", False, ("q1",), 7), S("person", True, ("q2",), 7)],
        ["s1", "s2"], {**ZERO, "unattributed": 1, "named": 1}, 2, 14, 0,
    ),
    "a source with no quote is left out": Case(
        [S("person", True, (), 0), S("person", False, ("q2",), 9)],
        ["s2"], {**ZERO, "anonymous": 1}, 1, 9, 9, shares={"anonymous": 1.0},
    ),
    "a source whose only quote has empty content is left out": Case(
        [S("person", False, ("q1",), 40), S("person", True, ("q2",), 10)],
        ["s2"], {**ZERO, "named": 1}, 1, 10, 0, empty=("q1",),
    ),
    "a source whose quote is not in the quotes layer is left out": Case(
        [S("organization", True, ("q9",), 30), S("document", True, ("q2",), 10)],
        ["s2"], {**ZERO, "documentary": 1}, 1, 10, 0, missing=("q9",),
    ),
    "one displayed quote of several is enough": Case(
        [S("person", False, ("q1", "q2"), 15)],
        ["s1"], {**ZERO, "anonymous": 1}, 1, 15, 15, empty=("q1",),
    ),
    "only unattributed sources: every figure is zero": Case(
        [S("unattributed", False, ("q1",), 50), S("unattributed", False, ("q2",), 50)],
        [], dict(ZERO), 0, 0, 0,
    ),
    "no sources at all": Case([], [], dict(ZERO), 0, 0, 0),
    "only-to-author counts real sources only": Case(
        [S("person", True, ("q1",), 10), S("unattributed", False, ("q2",), 10)],
        ["s1"], {**ZERO, "named": 1}, 1, 10, 0, to_author=("q1", "q2"), only_to_author=1,
    ),
    "a source with one quote to the writer and one not is not only-to-author": Case(
        [S("person", False, ("q1", "q2"), 30), S("person", True, ("q3",), 10)],
        ["s1", "s2"], {**ZERO, "anonymous": 1, "named": 1}, 3, 40, 30, to_author=("q1",),
    ),
    "anonymous majority stays a majority over real sources": Case(
        [S("person", False, ("q1",), 60), S("group", False, ("q2",), 40), S("unattributed", False, ("q3",), 200)],
        ["s1", "s2"], {**ZERO, "anonymous": 1, "unattributed": 1}, 2, 100, 60,
    ),
}  # fmt: skip


def _build(case: Case) -> tuple[list[Source], list[Quote]]:
    sources = []
    quotes = []
    for number, spec in enumerate(case.sources, start=1):
        source_id = f"s{number}"
        sources.append(
            Source(source_id, f"Name {number}", spec.kind, spec.named, quotes=spec.quotes,
                   quoted_words=spec.words)
        )  # fmt: skip
        for quote_id in spec.quotes:
            if quote_id in case.missing:
                continue
            content = Span(5, 5) if quote_id in case.empty else Span(5, 25)
            quotes.append(
                Quote(quote_id, "direct", content, source=source_id,
                      to_author=quote_id in case.to_author)
            )  # fmt: skip
    return sources, quotes


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_profile_is_over_real_sources(case: Case) -> None:
    sources, quotes = _build(case)
    assert [s.id for s in real_sources(sources, quotes)] == case.real
    profile = sourcing_profile(sources, quotes)
    data = profile.to_dict()
    assert data["sources"] == len(case.real)
    assert data["excluded"] == len(case.sources) - len(case.real)
    assert data["counts"] == case.counts
    assert data["quotes"] == case.quotes
    assert data["quoted_words"] == case.words
    assert data["anonymous_words"] == case.anonymous_words
    expected_share = round(case.anonymous_words / case.words, 4) if case.words else 0.0
    assert data["anonymous_word_share"] == expected_share
    assert data["only_to_author"] == case.only_to_author
    assert sum(data["counts"].values()) == data["sources"]
    for name, share in case.shares.items():
        assert data["shares"][name] == pytest.approx(share)
    assert SourcingProfile.from_dict(data) == profile


def test_issue_example_share_is_over_real_sources() -> None:
    """32 anonymous words of 100 real ones, not 32 of 200 with a vague "some say" counted."""
    case = CASES["anonymous share not diluted by an unattributed source"]
    sources, quotes = _build(case)
    assert sourcing_profile(sources, quotes).anonymous_word_share == pytest.approx(0.32)


def test_profile_without_excluded_field_reads_back() -> None:
    """A 1.2 profile (no ``excluded``) still reads, with nothing excluded."""
    data = sourcing_profile([]).to_dict()
    del data["excluded"]
    assert SourcingProfile.from_dict(data).excluded == 0


@pytest.mark.parametrize(
    ("case", "flagged"),
    [
        # 60 of 100 real words: a vague source's 200 words must not dilute it to 20%
        (CASES["anonymous majority stays a majority over real sources"], True),
        (CASES["anonymous share not diluted by an unattributed source"], False),  # 32 of 100
        (CASES["one displayed quote of several is enough"], True),  # 15 of 15
    ],
)
def test_anonymous_majority_flag_is_over_real_sources(case: Case, flagged: bool) -> None:
    from newsift.attribution.flags import ExpertFlagger
    from newsift.document import Document

    sources, quotes = _build(case)
    doc = Document("x" * 40, layers={"sources": sources, "quotes": quotes})
    kinds = [f.kind for f in ExpertFlagger()(doc).layers["flags"]]
    assert ("anonymous_majority" in kinds) is flagged
