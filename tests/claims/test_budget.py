"""The claims analyzer's per-page MiniLM budget: past it the n-gram model scores, marked."""

from __future__ import annotations

import json

import pytest

import newsift
import newsift.claims.analyzer as claims_analyzer
from newsift.claims.analyzer import CheckworthyAnalyzer, body_sentences, find_claims
from newsift.claims.annotations import Claim
from newsift.claims.model import ClaimModel
from newsift.document import Document, Span
from newsift.encoders.minilm import minilm_available
from newsift.errors import SchemaError

needs_minilm = pytest.mark.skipif(
    not minilm_available(), reason="the minilm extra is not installed"
)

TEXT = (
    "Budget Vote\n\n"
    "The council cut the school budget by 12 percent in 2024. I think that is sad.\n\n"
    "Unemployment rose to 7 percent last year, the highest since 2010. Thank you.\n\n"
    "The mayor said the new bridge will cost 40 million dollars. Crime fell by half.\n"
)


def _doc() -> Document:
    structure = newsift.registry.create("structure.v1")
    return structure(newsift.load(TEXT, kind="text"))


def _json(claims: list[Claim]) -> str:
    return json.dumps([c.to_dict() for c in claims], sort_keys=True)


@pytest.fixture(scope="module")
def models() -> tuple[ClaimModel, ClaimModel]:
    return ClaimModel.load(encoder="minilm"), ClaimModel.load(encoder="none")


def _token_prefix(model: ClaimModel, doc: Document, sentences: int) -> int:
    """The encoder tokens of the first ``sentences`` body sentences."""
    from newsift.encoders.minilm import MiniLMEncoder

    assert isinstance(model.encoder, MiniLMEncoder)
    texts = [doc.span_text(s) for s in body_sentences(doc)]
    return sum(model.encoder.token_counts(texts[:sentences]))


@needs_minilm
@pytest.mark.parametrize("encoded", [None, 7, 3, 1, 0])  # None: the shipped budget
def test_sentences_past_the_budget_are_scored_by_the_ngram_model(
    models: tuple[ClaimModel, ClaimModel], encoded: int | None
) -> None:
    minilm, ngram = models
    doc = _doc()
    total = len(body_sentences(doc))
    budget = None if encoded is None else _token_prefix(minilm, doc, encoded)
    found = find_claims(minilm, doc, 0.0, fallback=ngram, budget=budget)
    assert len(found) == total == 7
    whole = find_claims(minilm, doc, 0.0, budget=10**9)
    if encoded is None or encoded == total:  # a short page: identical to encoder-only scoring
        assert _json(found) == _json(whole)
        return
    alone = find_claims(ngram, doc, 0.0)
    assert [c.model for c in found] == [None] * encoded + ["claims-v1"] * (total - encoded)
    for claim, mine, theirs in zip(found, whole, alone, strict=True):
        expected = mine if claim.model is None else theirs
        assert claim.score == expected.score and claim.checkworthy == expected.checkworthy
    assert sorted(c.rank for c in found) == list(range(1, total + 1))


@needs_minilm
def test_analyzer_uses_the_module_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims_analyzer, "ENCODER_TOKENS", 0)
    doc = CheckworthyAnalyzer(floor=0.0, encoder="minilm")(_doc())
    assert {c.model for c in doc.layers["claims"]} == {"claims-v1"}
    written = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert written.layers["claims"] == doc.layers["claims"]


def test_ngram_model_reads_every_sentence() -> None:
    ngram = ClaimModel.load(encoder="none")
    assert ngram.encoder_share(["One.", "Two."], 0) == 2
    found = find_claims(ngram, _doc(), 0.0, budget=0)
    assert all(c.model is None for c in found)


@pytest.mark.parametrize(
    ("model", "written"),
    [(None, False), ("claims-v1", True)],
)
def test_model_round_trip(model: str | None, written: bool) -> None:
    claim = Claim(Span(0, 10), 0.75, 1, True, "statistic", ("number",), model=model)
    payload = json.loads(json.dumps(claim.to_dict()))
    assert ("model" in payload) is written
    assert Claim.from_dict(payload) == claim


@pytest.mark.parametrize(
    ("change", "model"),
    [({}, None), ({"model": None}, None), ({"model": "claims-v1"}, "claims-v1")],
)
def test_old_and_new_documents_read(change: dict[str, object], model: str | None) -> None:
    old = {"span": {"start": 0, "end": 4}, "score": 0.4, "rank": 2, "checkworthy": False,
           "type": "other", "features": []}  # fmt: skip
    assert Claim.from_dict({**old, **change}).model == model


def test_bad_model_is_refused() -> None:
    data = {**Claim(Span(0, 1), 0.5, 1, False).to_dict(), "model": 3}
    with pytest.raises(SchemaError):
        Claim.from_dict(data)
