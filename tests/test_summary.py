"""`newsift show` summarises every layer that is there."""

from __future__ import annotations

import newsift
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
