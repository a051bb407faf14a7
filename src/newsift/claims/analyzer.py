"""The check-worthiness analyzer: rank the body's sentences by how check-worthy they are."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from newsift.claims.annotations import Claim
from newsift.claims.claimant import cued_quote, find_claimant
from newsift.claims.finetuned import ONNX_FILE, FineTunedClaimModel
from newsift.claims.matching import MatchIndex, match_rows
from newsift.claims.model import ClaimModel
from newsift.claims.triage import MAX_ITEMS, MAX_SHARE, cue_matrix, desk_cues, short_list
from newsift.claims.types import claim_features, type_of
from newsift.document import Document, Span
from newsift.encoders import ENCODER_CHOICES, choose_encoder
from newsift.encoders.minilm import minilm_available, models_dir
from newsift.errors import ModelError
from newsift.registry import register
from newsift.text.sentences import document_sentences

#: sentences scoring below this are not written (they are not claims worth showing)
FLOOR = 0.1
#: The cascade. Every body sentence is scored by the n-gram model
#: (``claims-v1``) first; those it gives at least ``GATE`` (a calibrated
#: probability on the news layer) are scored again by the fine-tuned MiniLM
#: model (``claims-finetuned-v1``), most check-worthy first, until the page has
#: spent ``ENCODER_TOKENS`` encoder tokens (the tokenizer's count, with [CLS] and
#: [SEP]). The rest keep the n-gram score. Each claim names the model that
#: scored it (``model``). The gate
#: was chosen on the dev news pages (``benchmarks/claims_cascade.py``); the
#: budget keeps a 3,000-paragraph page well inside the 30 CPU-s per-document
#: limit (see docs/analyzers/claims.md).
GATE = 0.2
ENCODER_TOKENS = 10_000


@register
@dataclass
class CheckworthyAnalyzer:
    """Score every sentence of the body for check-worthiness and rank them.

    Reads: regions (the body's paragraphs). Writes: claims, one
    :class:`~newsift.claims.annotations.Claim` per sentence scoring at least
    ``floor``, in text order, with its calibrated score (the news layer of
    :mod:`~newsift.claims.triage` over the model's calibrated log-odds and
    the desk's cues), its rank among all the article's sentences (1 = most
    check-worthy; ties go to the earlier sentence), whether it reaches the
    calibrated threshold, whether it is in the page's short list (at most
    ``max_share`` of the page's sentences and ``max_items``), its claimant
    (author, source or document; :mod:`~newsift.claims.claimant`) and its
    rule-based type. When the attribution layers are there
    (``attribution.quotes.v1`` ran first), a sentence lying inside a quotation
    or holding a quote's cue gets the quote's id and source. With
    ``match_index`` (a file from ``newsift claims index``) each check-worthy
    claim is searched (``searched``) and gets its ``match_k`` best past
    fact-checks. ``encoder`` (auto, minilm, none) says whether the fine-tuned
    MiniLM model (``claims-finetuned-v1``) scores the sentences the n-gram model
    lets through its gate, and whether MiniLM vectors join the fact-check search
    (computed only then, for the claims searched); ``auto`` uses them when the
    minilm extra is installed. Each claim's ``model`` names the model that
    scored it. ``detail`` (default true) decides each claim's claimant and type;
    false leaves both out (``Claim.detail`` false; score, rank, ``checkworthy``,
    short list, features, quote and source are the same). The ``fast`` preset
    keeps them: the claimant is the finding a triage run looks for first.
    Method: the page's shared sentence segmentation (:mod:`~newsift.text.sentences`), a
    hashed n-gram logistic regression trained on ClaimBuster
    (:mod:`~newsift.claims.model`) and all-MiniLM-L6-v2 fine-tuned on it
    (:mod:`~newsift.claims.finetuned`), type rules (:mod:`~newsift.claims.types`).
    Limits: English; trained on spoken US debate sentences, so news prose and
    opinion pieces are out of its domain.
    """

    name: ClassVar[str] = "claims.checkworthy.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"regions"})
    assigns: ClassVar[frozenset[str]] = frozenset({"claims"})

    floor: float = FLOOR
    max_share: float = MAX_SHARE
    max_items: int = MAX_ITEMS
    match_index: str | None = None
    match_k: int = 3
    encoder: str = "auto"
    detail: bool = True  # false: no claimant and no type (left out of the JSON)
    _model: Scorer | None = field(default=None, init=False, repr=False)
    _fallback: ClaimModel | None = field(default=None, init=False, repr=False)
    _index: MatchIndex | None = field(default=None, init=False, repr=False)

    def setup(self) -> None:
        """Load the shipped model, and the fact-check index when asked for, once."""
        if self._model is None:
            self._model, self._fallback = load_scorers(self.encoder)
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
        found = find_claims(
            self._model, doc, self.floor, self.max_share, self.max_items, self._fallback
        )
        linked = link_quotes(found, doc.layers.get("quotes"))
        claims = assign_claimants(linked, doc) if self.detail else without_detail(linked, doc)
        if self._index is not None:
            claims = [
                replace(
                    c,
                    matches=tuple(match_rows(self._index, doc.span_text(c.span), self.match_k)),
                    searched=True,
                )
                if c.checkworthy
                else c
                for c in claims
            ]
        doc.layers["claims"] = claims
        return doc


#: what scores sentences: the n-gram model, or the fine-tuned one
Scorer = ClaimModel | FineTunedClaimModel


def finetuned_available() -> bool:
    """True when the minilm extra and the fine-tuned model file are there."""
    return minilm_available() and (models_dir() / ONNX_FILE).is_file()


def load_scorers(encoder: str) -> tuple[Scorer, ClaimModel | None]:
    """(the page's model, the n-gram fallback of its cascade or None) for ``encoder``:
    ``none``, or ``auto`` without the minilm extra, give the n-gram model alone;
    ``minilm`` (or ``auto`` with the extra) the fine-tuned model behind the n-gram gate,
    a :class:`~newsift.errors.ModelError` naming the extra when it is missing."""
    if encoder not in ENCODER_CHOICES:
        raise ValueError(f"encoder must be one of {ENCODER_CHOICES}, not {encoder!r}")
    ngram = ClaimModel.load()
    if encoder == "none" or (encoder == "auto" and not finetuned_available()):
        return ngram, None
    return FineTunedClaimModel.load(), ngram


def body_sentences(doc: Document) -> list[Span]:
    """The sentences of the body's paragraphs, in text order: the page's shared segmentation
    (:func:`~newsift.text.sentences.document_sentences`), the one persuasion and attribution
    read too."""
    return document_sentences(doc, "body")


#: desk cues that rank a sentence down, written with its features to explain its rank
DOWN_CUES = ("hedge", "question", "first_person_opinion")


def find_claims(
    model: Scorer,
    doc: Document,
    floor: float = FLOOR,
    max_share: float = MAX_SHARE,
    max_items: int = MAX_ITEMS,
    fallback: ClaimModel | None = None,
    *,
    budget: int | None = None,
    gate: float | None = None,
) -> list[Claim]:
    """Claims of ``doc``'s body sentences scoring at least ``floor``, in text order.

    Scores come from the model's news layer (the model's own calibrated score
    when its file has none); the short list is :func:`~newsift.claims.triage.short_list`.
    When ``model`` is the fine-tuned MiniLM model, the scores come from
    :func:`cascade_scores` (``gate`` and ``budget`` default to ``GATE`` and
    ``ENCODER_TOKENS``): a sentence the encoder model did not score keeps the score
    of ``fallback`` (the n-gram model, loaded when not given) and is judged at its
    threshold. Both scores are calibrated probabilities on the news layer, so
    rank and short list compare them as they are. Each claim's ``model`` is the name
    of the model that scored it.
    """
    sentences = body_sentences(doc)
    texts = [doc.span_text(s) for s in sentences]
    found = [claim_features(t) for t in texts]
    cues = [desk_cues(t, f) for t, f in zip(texts, found, strict=True)]
    raw, scorers = cascade_scores(
        model,
        fallback,
        texts,
        cue_matrix(cues),
        gate=GATE if gate is None else gate,
        budget=ENCODER_TOKENS if budget is None else budget,
    )
    scores = [round(float(s), 6) for s in raw]
    thresholds = [scorer.news_threshold for scorer in scorers]
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    rank = {index: place for place, index in enumerate(order, start=1)}
    passing = [s if s >= t else -1.0 for s, t in zip(scores, thresholds, strict=True)]
    listed = set(short_list(passing, 0.0, max_share, max_items))
    claims: list[Claim] = []
    for i, (span, score) in enumerate(zip(sentences, scores, strict=True)):
        if score < floor and i not in listed:
            continue
        features = (*found[i], *(c for c in cues[i] if c in DOWN_CUES))
        claims.append(
            Claim(
                span,
                score,
                rank[i],
                score >= thresholds[i],
                type_of(found[i]),
                features,
                shortlist=i in listed,
                model=scorers[i].name,
            )
        )
    return claims


def cascade_scores(
    model: Scorer,
    fallback: ClaimModel | None,
    texts: list[str],
    rows: NDArray[np.float64],
    *,
    gate: float,
    budget: int,
) -> tuple[list[float], list[Scorer]]:
    """Each sentence's news-layer score and the model that gave it.

    The n-gram model alone scores every sentence. Otherwise
    ``fallback`` (the n-gram model) scores them all, and ``model`` scores
    again those at ``gate`` or above, highest first, while their encoder
    tokens fit in ``budget``; its score replaces the n-gram one.
    """
    if isinstance(model, ClaimModel):
        return [float(s) for s in model.news_scores(texts, rows)], [model] * len(texts)
    fallback = fallback or ClaimModel.load()
    first = [float(s) for s in fallback.news_scores(texts, rows)]
    candidates = sorted(
        (i for i in range(len(texts)) if first[i] >= gate), key=lambda i: (-first[i], i)
    )
    chosen = candidates[: model.encoder_share([texts[i] for i in candidates], budget)]
    scores: list[float] = list(first)
    scorers: list[Scorer] = [fallback] * len(texts)
    if chosen:
        second = model.news_scores([texts[i] for i in chosen], rows[chosen])
        for i, score in zip(chosen, second, strict=True):
            scores[i], scorers[i] = float(score), model
    return scores, scorers


def assign_claimants(claims: list[Claim], doc: Document) -> list[Claim]:
    """Give each claim its claimant (author, source, document) and, for the author's own
    claims, a type other than ``attributed``."""
    quotes = doc.layers.get("quotes")
    kinds = {s.id: s.kind for s in doc.layers.get("sources", [])}
    out: list[Claim] = []
    for claim in claims:
        found = find_claimant(
            doc.span_text(claim.span),
            claim.span,
            quote=claim.quote,
            source=claim.source,
            quotes=quotes,
            source_kinds=kinds,
        )
        kind = type_of(claim.features, sourced=found.kind != "author")
        out.append(
            replace(claim, claimant=found.kind, quote=found.quote, source=found.source, type=kind)
        )
    return out


def without_detail(claims: list[Claim], doc: Document) -> list[Claim]:
    """``claims`` without claimant and type (``detail`` false), with the quote and
    source :func:`assign_claimants` would give (a quote whose cue lies in the sentence)."""
    quotes = doc.layers.get("quotes")
    out: list[Claim] = []
    for claim in claims:
        quote, source = claim.quote, claim.source
        if quote is None and quotes:
            cued = cued_quote(quotes, claim.span)
            if cued is not None:
                quote, source = cued.id, cued.source
        out.append(
            replace(claim, quote=quote, source=source, type="other", claimant=None, detail=False)
        )
    return out


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
