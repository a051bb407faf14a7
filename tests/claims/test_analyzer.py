"""The claims.checkworthy.v1 analyzer: contract, layer round trip, the shared example."""

from __future__ import annotations

import json
from pathlib import Path

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
        return int(min(matches))

    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["check_worthy_claims"]
    claim_ranks = [rank_of(c.split(" ... ")[0]) for c in truth]
    opinion_ranks = [rank_of(o) for o in OPINIONS]
    assert len(claim_ranks) == 3
    assert max(claim_ranks) < min(opinion_ranks)
    for fragment in truth:
        claim = next(c for t, c in texts.items() if fragment.split(" ... ")[0] in t)
        assert claim.checkworthy
        assert claim.type == "statistic"


QUOTED = (
    "Harbour Budget\n\n"
    '"The harbour fee rose by 40 percent in 2023, the largest rise in a decade," said Mara Quell, '
    "the port's finance director.\n\n"
    "The council will vote on the fee in March 2025, when 12 members are up for re-election.\n"
)


def _full(text: str, **params: object) -> Document:
    pipeline = newsift.Pipeline(
        [
            newsift.registry.create("structure.v1"),
            newsift.registry.create("attribution.quotes.v1"),
            CheckworthyAnalyzer(floor=0.0, **params),  # type: ignore[arg-type]
        ]
    )
    return pipeline(newsift.load(text, kind="text"))


def test_claims_inside_quotes_link_to_the_quote_and_its_source() -> None:
    doc = _full(QUOTED)
    quotes = {q.id: q for q in doc.layers["quotes"]}
    sources = {s.id: s for s in doc.layers["sources"]}
    by_text = {doc.span_text(c.span)[:20]: c for c in doc.layers["claims"]}
    quoted = by_text['"The harbour fee ros']
    assert quoted.quote in quotes and "quoted" in quoted.features
    assert sources[quoted.source].name == "Mara Quell"
    own = by_text["The council will vot"]
    assert own.quote is None and own.source is None and "quoted" not in own.features
    assert (quoted.claimant, own.claimant) == ("source", "author")
    assert own.type != "attributed"


def test_match_index_option_attaches_past_fact_checks(tmp_path: Path) -> None:
    from newsift.claims.matching import FactCheck, build_index

    archive = [
        FactCheck("fc-9", "The harbour fee rose 40 percent in 2023.", "True", "https://e.org/9"),
        FactCheck("fc-8", "Purple whales live in Lake Brindle.", "False", "https://e.org/8"),
    ]
    path = tmp_path / "index.npz"
    build_index(archive).save(path)
    doc = _full(QUOTED, match_index=str(path), match_k=1, encoder="none")
    checked = [c for c in doc.layers["claims"] if c.checkworthy]
    assert checked, "the statistic sentence should be check-worthy"
    assert all(len(c.matches) == 1 for c in checked)
    top = next(c for c in checked if c.quote is not None).matches[0]
    assert (top["id"], top["rating"]) == ("fc-9", "True")
    assert all(not c.matches for c in doc.layers["claims"] if not c.checkworthy)
    assert all(c.searched == c.checkworthy for c in doc.layers["claims"])
    restored = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert [c.matches for c in restored.layers["claims"]] == [
        c.matches for c in doc.layers["claims"]
    ]


def test_unreadable_match_index_is_a_model_error(tmp_path: Path) -> None:
    from newsift.errors import ModelError

    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not an index")
    with pytest.raises(ModelError, match="cannot read the match index"):
        CheckworthyAnalyzer(match_index=str(bad)).setup()


PAGE = " ".join(
    [
        "The Lunsby council cut the school budget by 12 percent in 2024.",
        "I think that is sad.",
        "Is this what voters wanted?",
        "Mayor Tessa Quillon signed the order on Tuesday, March 4.",
        "Rents rose faster than wages in every month of 2023.",
        "Maybe things will get better.",
        "The factory employs more than 2,000 people.",
        "We should all care more.",
        "Unemployment fell to 3.1 percent, the lowest level since 1987.",
        "Thank you for reading.",
        "The bridge was closed for 14 months after the 2019 flood.",
        "What a day it was!",
    ]
)


@pytest.mark.parametrize(
    ("max_share", "max_items", "cap"), [(0.25, 10, 3), (0.5, 2, 2), (0.1, 10, 1)]
)
def test_short_list_is_capped_and_ranked(max_share: float, max_items: int, cap: int) -> None:
    pipeline = newsift.Pipeline(
        [
            newsift.registry.create("structure.v1"),
            CheckworthyAnalyzer(floor=0.0, max_share=max_share, max_items=max_items),
        ]
    )
    doc = pipeline(newsift.load("Budget\n\n" + PAGE + "\n", kind="text"))
    claims = doc.layers["claims"]
    listed = sorted((c for c in claims if c.shortlist), key=lambda c: c.rank)
    assert 1 <= len(listed) <= cap
    assert all(c.checkworthy for c in listed)
    assert [c.rank for c in listed] == list(range(1, len(listed) + 1))  # the top of the ranking
    texts = [doc.span_text(c.span) for c in listed]
    assert not any(t.endswith("?") or t.startswith(("I think", "We should")) for t in texts)
    assert all(c.claimant == "author" for c in claims)  # no source, no document here


@needs_shared
def test_annotated_pages_align_with_the_analyzer_sentences() -> None:
    from newsift.claims.analyzer import body_sentences
    from training import claims_pages as pages

    for split in ("dev", "test"):
        found = pages.load_pages(split)
        assert len(found) == {"dev": 10, "test": 20}[split]
        for page in found:
            assert tuple(body_sentences(page.document())) == page.spans
