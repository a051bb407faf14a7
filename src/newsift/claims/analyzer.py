"""The check-worthiness analyzer: rank the body's sentences by how check-worthy they are."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from newsift.claims.annotations import Claim
from newsift.claims.matching import MatchIndex, match_rows
from newsift.claims.model import ClaimModel
from newsift.claims.sentences import split_sentences
from newsift.claims.types import claim_type
from newsift.document import Document, Span
from newsift.encoders import choose_encoder
from newsift.errors import ModelError
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
    whether it reaches the model's threshold, and its rule-based type. When
    the attribution layers are there (``attribution.quotes.v1`` ran first), a
    sentence lying inside a quotation gets the quote's id and source. With
    ``match_index`` (a file from ``newsift claims index``) each check-worthy
    claim gets its ``match_k`` best past fact-checks. ``encoder`` (auto,
    minilm, none) says whether MiniLM vectors join the check-worthiness model
    (``claims-minilm-v1``) and the fact-check search; ``auto`` uses them when
    the minilm extra is installed.
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
    match_index: str | None = None
    match_k: int = 3
    encoder: str = "auto"
    _model: ClaimModel | None = field(default=None, init=False, repr=False)
    _index: MatchIndex | None = field(default=None, init=False, repr=False)

    def setup(self) -> None:
        """Load the shipped model, and the fact-check index when asked for, once."""
        if self._model is None:
            self._model = ClaimModel.load(encoder=self.encoder)
        if self.match_index is not None and self._index is None:
            try:
                self._index = MatchIndex.load(
                    Path(self.match_index), encoder=choose_encoder(self.encoder)
                )
            except (OSError, ValueError) as exc:
                raise ModelError(f"{self.match_index}: cannot read the match index: {exc}") from exc

    def __call__(self, doc: Document) -> Document:
        self.setup()
        assert self._model is not None
        claims = link_quotes(find_claims(self._model, doc, self.floor), doc.layers.get("quotes"))
        if self._index is not None:
            claims = [
                replace(
                    c, matches=tuple(match_rows(self._index, doc.span_text(c.span), self.match_k))
                )
                if c.checkworthy
                else c
                for c in claims
            ]
        doc.layers["claims"] = claims
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


#: a sentence is inside a quotation when the quote covers at least this share of it
QUOTE_COVER = 0.5


def link_quotes(claims: list[Claim], quotes: list[Any] | None) -> list[Claim]:
    """Give each claim lying inside a quotation that quote's id and source."""
    if not quotes:
        return claims
    ordered = sorted(range(len(quotes)), key=lambda i: quotes[i].content.start)
    starts = [quotes[i].content.start for i in ordered]
    reach = list(itertools.accumulate((quotes[i].content.end for i in ordered), max))
    linked: list[Claim] = []
    for claim in claims:
        length = max(claim.span.end - claim.span.start, 1)
        best, best_cover = None, QUOTE_COVER
        for quote in _overlapping(quotes, ordered, starts, reach, claim.span):
            overlap = min(claim.span.end, quote.content.end) - max(
                claim.span.start, quote.content.start
            )
            if overlap / length >= best_cover:
                best, best_cover = quote, overlap / length
        if best is None:
            linked.append(claim)
            continue
        features = claim.features if "quoted" in claim.features else (*claim.features, "quoted")
        linked.append(replace(claim, quote=best.id, source=best.source, features=features))
    return linked


def _overlapping(
    quotes: list[Any], ordered: list[int], starts: list[int], reach: list[int], span: Span
) -> list[Any]:
    """The quotes whose content overlaps ``span``, in their original order.

    ``ordered`` sorts the quotes by content start, ``starts`` holds those
    starts and ``reach`` the furthest content end so far; walking back from
    the last quote starting before the span's end stops where nothing earlier
    reaches the span, so a claim costs its overlaps, not the page's quotes.
    A quote that does not overlap covers nothing and is never linked.
    """
    found = []
    at = bisect.bisect_left(starts, span.end) - 1
    while at >= 0 and reach[at] > span.start:
        index = ordered[at]
        if quotes[index].content.end > span.start:
            found.append(index)
        at -= 1
    return [quotes[i] for i in sorted(found)]
