"""The ``claims`` layer: one :class:`Claim` per scored sentence of the body.

Importing this module registers the layer's loader with
:func:`newsift.document.register_layer`, so ``Document.from_dict`` reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsift.claims.claimant import CLAIMANTS
from newsift.document import Span, register_layer
from newsift.errors import SchemaError

CLAIM_TYPES = (
    "statistic", "comparison", "prediction", "causal", "attributed", "event", "other",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence and how check-worthy it is.

    ``span`` is the sentence; ``score`` the calibrated probability that it is
    a check-worthy factual claim (on a news page: the news layer of
    :mod:`newsift.claims.triage`); ``rank`` its place among the article's
    sentences by score (1 = most check-worthy); ``checkworthy`` whether the
    score reaches the calibrated threshold; ``shortlist`` whether it is in the
    page's short list (the top check-worthy sentences, at most a share of the
    page); ``claimant`` who stands behind it (``author``: the author's own
    unsourced assertion, ``source``, ``document``; see
    :mod:`newsift.claims.claimant`; None in documents written before it
    existed); ``searched`` whether it was looked up in a fact-check index (so
    no ``matches`` then means no past fact-check found); ``type`` the rule-based
    claim type and ``features`` the cues the rules found
    (see :mod:`newsift.claims.types`). ``quote`` and ``source`` are the ids of
    the quotation the sentence lies in and of its source (from the attribution
    layers), or None when the sentence is the author's own. ``matches`` are
    past fact-checks found in a local index (see :mod:`newsift.claims.matching`),
    best first, each with ``id``, ``claim``, ``rating``, ``url``, ``date``, ``score``
    and optionally ``outlet``. ``model`` names the model that scored the
    sentence: ``claims-finetuned-v1`` for a sentence the cascade sent to the
    fine-tuned encoder, ``claims-v1`` for one the n-gram model scored alone
    (below the gate, past the per-page budget of
    ``newsift.claims.analyzer.ENCODER_TOKENS``, or without the ``minilm``
    extra); None in documents written before session 8 (then it was set only
    on a sentence past the budget). ``detail`` is false on a claim written without claimant and
    type (the analyzer's ``detail=False``, as in the ``fast`` pipeline
    preset): ``type`` and ``claimant`` were not decided (they keep their
    defaults here) and are left out of the JSON form, which reads back so.
    """

    span: Span
    score: float
    rank: int
    checkworthy: bool
    type: str = "other"
    features: tuple[str, ...] = ()
    quote: str | None = None
    source: str | None = None
    matches: tuple[Mapping[str, Any], ...] = ()
    shortlist: bool = False
    claimant: str | None = None
    searched: bool = False
    model: str | None = None
    detail: bool = True

    def __post_init__(self) -> None:
        if self.type not in CLAIM_TYPES:
            raise ValueError(f"unknown claim type {self.type!r}")
        if self.claimant is not None and self.claimant not in CLAIMANTS:
            raise ValueError(f"unknown claimant {self.claimant!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score!r} outside [0, 1]")
        if self.rank < 1:
            raise ValueError(f"rank {self.rank!r} below 1")

    @property
    def spans(self) -> list[Span]:
        return [self.span]

    def to_dict(self) -> dict[str, Any]:
        out = {
            "span": self.span.to_dict(),
            "score": self.score,
            "rank": self.rank,
            "checkworthy": self.checkworthy,
            "type": self.type,
            "features": list(self.features),
            "quote": self.quote,
            "source": self.source,
            "matches": [dict(m) for m in self.matches],
            "shortlist": self.shortlist,
            "claimant": self.claimant,
            "searched": self.searched,
            **({"model": self.model} if self.model is not None else {}),
        }
        if not self.detail:
            del out["type"], out["claimant"]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Claim:
        try:
            score = data["score"]
            rank = data["rank"]
            checkworthy = data["checkworthy"]
            detail = "type" in data or "claimant" in data
            kind = data["type"] if detail else "other"
            found = data["features"]
            if isinstance(score, bool) or not isinstance(score, int | float):
                raise TypeError("score must be a number")
            if isinstance(rank, bool) or not isinstance(rank, int):
                raise TypeError("rank must be an integer")
            if not isinstance(checkworthy, bool):
                raise TypeError("checkworthy must be a boolean")
            if not isinstance(kind, str):
                raise TypeError("type must be a string")
            if not isinstance(found, list) or not all(isinstance(f, str) for f in found):
                raise TypeError("features must be a list of strings")
            quote, source = data.get("quote"), data.get("source")
            if not all(v is None or isinstance(v, str) for v in (quote, source)):
                raise TypeError("quote and source must be ids or null")
            matches = data.get("matches", [])
            if not isinstance(matches, list) or not all(isinstance(m, Mapping) for m in matches):
                raise TypeError("matches must be a list of objects")
            shortlist, searched = data.get("shortlist", False), data.get("searched", False)
            if not isinstance(shortlist, bool) or not isinstance(searched, bool):
                raise TypeError("shortlist and searched must be booleans")
            claimant = data.get("claimant")
            if claimant is not None and not isinstance(claimant, str):
                raise TypeError("claimant must be a string or null")
            model = data.get("model")
            if model is not None and not isinstance(model, str):
                raise TypeError("model must be a string or null")
            return cls(
                span=Span.from_dict(data["span"]),
                score=float(score),
                rank=rank,
                checkworthy=checkworthy,
                type=kind,
                features=tuple(found),
                quote=quote,
                source=source,
                matches=tuple(dict(m) for m in matches),
                shortlist=shortlist,
                claimant=claimant,
                searched=searched,
                model=model,
                detail=detail,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"bad claim {dict(data)!r:.200}: {exc}") from exc


register_layer("claims", Claim.from_dict)
