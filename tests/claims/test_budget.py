"""The claims analyzer's cascade: the n-gram model scores every sentence, the fine-tuned
model those above the gate, highest first, within the page's token budget; each claim names
the model that scored it."""

from __future__ import annotations

import json

import pytest

import newsift
import newsift.claims.analyzer as claims_analyzer
from newsift.claims.analyzer import CheckworthyAnalyzer, find_claims, finetuned_available
from newsift.claims.annotations import Claim
from newsift.claims.finetuned import FineTunedClaimModel
from newsift.claims.model import ClaimModel
from newsift.document import Document, Span
from newsift.errors import SchemaError

needs_minilm = pytest.mark.skipif(
    not finetuned_available(), reason="the minilm extra or claims-finetuned-v1.onnx is missing"
)
FINETUNED = "claims-finetuned-v1"

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
def models() -> tuple[FineTunedClaimModel, ClaimModel]:
    return FineTunedClaimModel.load(), ClaimModel.load()


def _ngram_order(
    finetuned: FineTunedClaimModel, ngram: ClaimModel, doc: Document
) -> list[tuple[int, float, int]]:
    """``(index, n-gram score, encoder tokens)`` of each body sentence, highest score first."""
    alone = find_claims(ngram, doc, 0.0)
    texts = [doc.span_text(c.span) for c in alone]
    tokens = finetuned.runner.token_counts(texts)
    rows = [(i, c.score, tokens[i]) for i, c in enumerate(alone)]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


@needs_minilm
@pytest.mark.parametrize(
    ("gate", "encoded"),
    [(0.0, None), (0.0, 7), (0.0, 3), (0.0, 1), (0.0, 0), (0.2, None), (0.5, None), (1.1, None)],
)  # encoded: the budget is the tokens of that many candidates; None: no budget limit
def test_the_cascade_encodes_the_candidates_above_the_gate_highest_first(
    models: tuple[FineTunedClaimModel, ClaimModel], gate: float, encoded: int | None
) -> None:
    minilm, ngram = models
    doc = _doc()
    order = _ngram_order(minilm, ngram, doc)
    candidates = [row for row in order if row[1] >= gate]
    chosen = candidates if encoded is None else candidates[:encoded]
    budget = 10**9 if encoded is None else sum(row[2] for row in chosen)
    found = find_claims(minilm, doc, 0.0, fallback=ngram, budget=budget, gate=gate)
    assert len(found) == 7
    expected = {row[0] for row in chosen}
    assert [c.model == FINETUNED for c in found] == [i in expected for i in range(7)]
    assert {c.model for c in found} <= {FINETUNED, "claims-v1"}
    whole = find_claims(minilm, doc, 0.0, budget=10**9, gate=0.0)
    alone = find_claims(ngram, doc, 0.0)
    for claim, mine, theirs in zip(found, whole, alone, strict=True):
        reference = mine if claim.model == FINETUNED else theirs
        assert claim.score == reference.score and claim.checkworthy == reference.checkworthy
    assert sorted(c.rank for c in found) == list(range(1, 8))


@needs_minilm
def test_shipped_gate_and_budget_are_the_defaults(
    models: tuple[FineTunedClaimModel, ClaimModel],
) -> None:
    minilm, ngram = models
    shipped = find_claims(minilm, _doc(), 0.0, fallback=ngram)
    explicit = find_claims(
        minilm,
        _doc(),
        0.0,
        fallback=ngram,
        budget=claims_analyzer.ENCODER_TOKENS,
        gate=claims_analyzer.GATE,
    )
    assert _json(shipped) == _json(explicit)


@needs_minilm
def test_analyzer_uses_the_module_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims_analyzer, "ENCODER_TOKENS", 0)
    doc = CheckworthyAnalyzer(floor=0.0, encoder="minilm")(_doc())
    assert {c.model for c in doc.layers["claims"]} == {"claims-v1"}
    written = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert written.layers["claims"] == doc.layers["claims"]


def test_ngram_model_reads_every_sentence() -> None:
    ngram = ClaimModel.load()
    found = find_claims(ngram, _doc(), 0.0, budget=0)
    assert {c.model for c in found} == {"claims-v1"}


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
