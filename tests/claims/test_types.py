"""Rule-based claim types and their cues."""

from __future__ import annotations

import pytest

from newsift.claims.types import claim_features, claim_type

TYPES = [
    ("Unemployment rose 5 percent.", "statistic"),
    ("The deal will save taxpayers $310 million.", "statistic"),
    ("Bills rose 62% in five years.", "statistic"),
    ("Crime is lower than in 1990.", "comparison"),
    ("It is the largest plant in the state.", "comparison"),
    ("Exports grew faster compared with imports.", "comparison"),
    ("Prices will rise next year.", "prediction"),
    ("Rates are expected to fall.", "prediction"),
    ("The fire was caused by a faulty wire.", "causal"),
    ("The plant closed due to flooding.", "causal"),
    ("The minister said the plan works.", "attributed"),
    ("According to the report, schools improved.", "attributed"),
    ("The council approved the plan on Tuesday.", "event"),
    ("Voters elected Maria Lopez.", "event"),
    ("I love this city.", "other"),
    ("My interest is simple.", "other"),
]


@pytest.mark.parametrize(("sentence", "expected"), TYPES)
def test_type(sentence: str, expected: str) -> None:
    assert claim_type(sentence)[0] == expected


FEATURES = [
    ("Bills rose 62 percent.", {"percent", "number", "past_tense"}),
    ("It cost $5 in 2010.", {"money", "number", "date"}),
    ("Nothing here", set()),
    ("The vote was held last Thursday.", {"past_tense", "date"}),
    ("He told Anna Berg the news.", {"attribution", "past_tense", "named_entity"}),
]


@pytest.mark.parametrize(("sentence", "expected"), FEATURES)
def test_features(sentence: str, expected: set[str]) -> None:
    assert set(claim_features(sentence)) == expected


def test_type_features_match() -> None:
    kind, found = claim_type("Prices will rise because of 3% inflation.")
    assert kind == "statistic"
    assert found == claim_features("Prices will rise because of 3% inflation.")
    assert {"future", "causal", "percent"} <= set(found)
