"""The claim JSON: new fields round-trip, old documents still read, bad values refused."""

from __future__ import annotations

import json

import pytest

from newsift.claims.annotations import Claim
from newsift.document import Span
from newsift.errors import SchemaError

MATCH = {
    "id": "fc-1",
    "claim": "The harbour fee rose 40 percent.",
    "rating": "False",
    "url": "https://factcheck.example/1",
    "date": "2024-05-01",
    "score": 0.81,
    "outlet": "Harbour Checks",
}


@pytest.mark.parametrize(
    "claim",
    [
        Claim(Span(0, 10), 0.75, 1, True, "statistic", ("number",), shortlist=True,
              claimant="author", searched=True),
        Claim(Span(3, 9), 0.5, 2, True, "attributed", ("attribution", "quoted"), quote="q1",
              source="s1", claimant="source", searched=True, matches=(MATCH,)),
        Claim(Span(4, 8), 0.3, 3, False, "other", (), claimant="document"),
        Claim(Span(0, 1), 0.1, 4, False),  # nothing known about the claimant
    ],
)  # fmt: skip
def test_round_trip(claim: Claim) -> None:
    payload = json.loads(json.dumps(claim.to_dict()))
    assert {"shortlist", "claimant", "searched"} <= payload.keys()
    assert Claim.from_dict(payload) == claim


def test_a_claim_written_before_the_new_fields_still_reads() -> None:
    old = {
        "span": {"start": 0, "end": 5},
        "score": 0.6,
        "rank": 1,
        "checkworthy": True,
        "type": "event",
        "features": ["date"],
        "quote": None,
        "source": None,
        "matches": [],
    }
    claim = Claim.from_dict(old)
    assert (claim.shortlist, claim.claimant, claim.searched) == (False, None, False)


@pytest.mark.parametrize(
    "change",
    [{"claimant": "reporter"}, {"claimant": 3}, {"shortlist": "yes"}, {"searched": 1}],
)
def test_bad_new_fields_are_refused(change: dict[str, object]) -> None:
    data = {**Claim(Span(0, 1), 0.5, 1, False).to_dict(), **change}
    with pytest.raises(SchemaError):
        Claim.from_dict(data)
