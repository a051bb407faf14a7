"""The check-worthiness analyzer: rank the body's sentences by how check-worthy they are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from newsift.claims.annotations import Claim
from newsift.claims.model import ClaimModel
from newsift.claims.sentences import split_sentences
from newsift.claims.types import claim_type
from newsift.document import Document, Span
from newsift.registry import register

#: sentences scoring below this are not written (they are not claims worth showing)
FLOOR = 0.1


@register
@dataclass
class CheckworthyAnalyzer:
    """Score every sentence of the body for check-worthiness and rank them.

    Reads: regions (the body's paragraphs). Writes: claims, one
    :class:`~newsift.claims.annotations.Claim` per sentence scoring at least
    ``floor``, in text order, with its rank among all the article's
    sentences (1 = most check-worthy; ties go to the earlier sentence),
    whether it reaches the model's threshold, and its rule-based type.
    Method: a regex sentence splitter (:mod:`~newsift.claims.sentences`), a
    hashed n-gram logistic regression trained on ClaimBuster
    (:mod:`~newsift.claims.model`), type rules (:mod:`~newsift.claims.types`).
    Limits: English; trained on spoken US debate sentences, so news prose and
    opinion pieces are out of its domain.
    """

    name: ClassVar[str] = "claims.checkworthy.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"regions"})
    assigns: ClassVar[frozenset[str]] = frozenset({"claims"})

    floor: float = FLOOR
    _model: ClaimModel | None = field(default=None, init=False, repr=False)

    def setup(self) -> None:
        """Load the shipped model once."""
        if self._model is None:
            self._model = ClaimModel.load()

    def __call__(self, doc: Document) -> Document:
        self.setup()
        assert self._model is not None
        doc.layers["claims"] = list(find_claims(self._model, doc, self.floor))
        return doc


def body_sentences(doc: Document) -> list[Span]:
    """The sentences of the body's paragraphs, in text order."""
    return [
        sentence
        for region in doc.regions_of("body")
        for paragraph in region.paragraphs
        for sentence in split_sentences(doc.text, paragraph.start, paragraph.end)
    ]


def find_claims(model: ClaimModel, doc: Document, floor: float = FLOOR) -> list[Claim]:
    """Claims of ``doc``'s body sentences scoring at least ``floor``, in text order."""
    sentences = body_sentences(doc)
    texts = [doc.span_text(s) for s in sentences]
    scores = [round(float(s), 6) for s in model.score(texts)]
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    rank = {index: place for place, index in enumerate(order, start=1)}
    claims: list[Claim] = []
    for i, (span, text, score) in enumerate(zip(sentences, texts, scores, strict=True)):
        if score < floor:
            continue
        kind, found = claim_type(text)
        claims.append(Claim(span, score, rank[i], score >= model.threshold, kind, tuple(found)))
    return claims
