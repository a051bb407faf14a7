"""The claims.checkworthy.v1 analyzer: contract, layer round trip, the shared example."""

from __future__ import annotations

import json

import pytest

import newsift
import newsift.claims.analyzer  # registers claims.checkworthy.v1
from newsift.claims.analyzer import CheckworthyAnalyzer
from newsift.claims.annotations import Claim
from newsift.document import Document, Span
from newsift.errors import SchemaError
from tests.conftest import SHARED, needs_shared

EXAMPLE = SHARED / "examples" / "opinion-dump-harbor.txt"
TRUTH = SHARED / "examples" / "opinion-dump-harbor.truth.json"
OPINIONS = ("Make no mistake: this is a corporate raid", "Either the council reverses course")


def test_contract() -> None:
    from newsift.testing import check_analyzer

    check_analyzer("claims.checkworthy.v1")


def test_claim_round_trip() -> None:
    claim = Claim(Span(0, 10), 0.75, 1, True, "statistic", ("number", "percent"))
    payload = json.loads(json.dumps(claim.to_dict()))
    assert Claim.from_dict(payload) == claim


@pytest.mark.parametrize(
    "change",
    [{"type": "rumour"}, {"score": 1.5}, {"rank": 0}, {"checkworthy": "yes"}, {"features": "x"}],
)
def test_claim_from_bad_dict(change: dict[str, object]) -> None:
    data = {**Claim(Span(0, 1), 0.5, 1, False).to_dict(), **change}
    with pytest.raises(SchemaError):
        Claim.from_dict(data)


def _analyse(text: str, kind: str, floor: float) -> Document:
    pipeline = newsift.Pipeline(
        [newsift.registry.create("structure.v1"), CheckworthyAnalyzer(floor=floor)]
    )
    return pipeline(newsift.load(text, kind=kind))


def test_floor_and_ranks() -> None:
    text = (
        "Budget Vote\n\nThe council cut the school budget by 12 percent in 2024. "
        "I think that is sad. Thank you.\n"
    )
    everything = _analyse(text, "text", 0.0).layers["claims"]
    assert sorted(c.rank for c in everything) == list(range(1, len(everything) + 1))
    kept = _analyse(text, "text", 0.5).layers["claims"]
    assert all(c.score >= 0.5 for c in kept)
    assert {c.rank for c in kept} == set(range(1, len(kept) + 1))


@needs_shared
def test_shared_example_ranks_claims_above_opinion() -> None:
    doc = _analyse(EXAMPLE.read_text(encoding="utf-8"), "dump", 0.0)
    claims = doc.layers["claims"]
    assert all(isinstance(c, Claim) for c in claims)
    texts = {doc.span_text(c.span): c for c in claims}

    def rank_of(fragment: str) -> int:
        matches = [c.rank for t, c in texts.items() if fragment in t]
        assert matches, f"no sentence contains {fragment!r}"
        return min(matches)

    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["check_worthy_claims"]
    claim_ranks = [rank_of(c.split(" ... ")[0]) for c in truth]
    opinion_ranks = [rank_of(o) for o in OPINIONS]
    assert len(claim_ranks) == 3
    assert max(claim_ranks) < min(opinion_ranks)
    for fragment in truth:
        claim = next(c for t, c in texts.items() if fragment.split(" ... ")[0] in t)
        assert claim.checkworthy
        assert claim.type == "statistic"
