"""The ``claims`` layer: one :class:`Claim` per scored sentence of the body.

Importing this module registers the layer with :func:`newsift.document.declare_layer`:
its loader for ``Document.from_dict``, its batch table and its ``newsift show`` lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from newsift import fields
from newsift.claims.claimant import CLAIMANTS
from newsift.document import (
    Choices,
    Document,
    LayerReport,
    LayerSummary,
    LayerTable,
    Row,
    Span,
    Wrap,
    WrittenAs,
    declare_layer,
    json_span_text,
)

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

    JSON_WRITTEN_AS: ClassVar[WrittenAs] = {
        "detail": {},
        "matches": {
            "matches": {
                "type": "array",
                "description": "past fact-checks found in a local index, best first",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "claim": {"type": "string", "description": "the checked statement"},
                        "rating": {"type": "string", "description": "the verdict; may be empty"},
                        "outlet": {"type": "string", "description": "may be empty"},
                        "url": {"type": "string", "description": "may be empty"},
                        "date": {"type": "string", "description": "may be empty"},
                        "score": {"type": "number", "description": "match probability"},
                    },
                    "required": ["id", "claim", "score"],
                    "additionalProperties": False,
                },
            }
        },
    }
    JSON_CHOICES: ClassVar[Choices] = {"type": CLAIM_TYPES, "claimant": CLAIMANTS}

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
        """``detail`` is not written: a claim has it when its JSON has a type or claimant."""
        if isinstance(data, Mapping):
            data = {**data, "detail": "type" in data or "claimant" in data}
        return fields.read(cls, data, "claim")


#: ``newsift show`` lists the top five of the short list: what a desk reads
TOP_CLAIMS = 5


def _claim_rows(items: Sequence[Mapping[str, Any]], doc: Mapping[str, Any]) -> list[Row]:
    text = str(doc.get("text", ""))
    return [
        {
            "text": json_span_text(text, item.get("span")),
            "score": item.get("score"),
            "rank": item.get("rank"),
            "checkworthy": item.get("checkworthy"),
            "type": item.get("type"),
        }
        for item in items
    ]


def _claim_lines(doc: Document, wrap: Wrap) -> list[str]:
    """The short list (the top check-worthy claims), who stands behind each, past
    fact-checks. Documents written before the short list existed show their top
    check-worthy claims."""
    claims = sorted((dict(c.to_dict()) for c in doc.layers["claims"]), key=lambda c: c["rank"])
    worthy = [c for c in claims if c["checkworthy"]]
    if all("shortlist" in c for c in claims):
        listed = [c for c in claims if c["shortlist"]]
    else:
        listed = worthy[:TOP_CLAIMS]
    unsourced = sum(1 for c in listed if c.get("claimant") == "author")
    head = f"  claims: {len(listed)} on the short list ({len(worthy)} check-worthy sentences)"
    if unsourced:
        head += f"; {unsourced} unsourced, by the author"
    out = [head]
    names = {s.id: s.name for s in doc.layers.get("sources", [])}
    for claim in listed[:TOP_CLAIMS]:
        span = claim["span"]
        text = doc.text[span["start"] : span["end"]]
        who = _claimant_note(claim, names)
        kind = claim.get("type") or "claim"  # no type when written without detail
        out.append(wrap(f"  {claim['rank']}. ({kind}{who}) {text}"))
        out.extend(wrap(f"       {line}") for line in _fact_check_lines(claim))
    if len(listed) > TOP_CLAIMS:
        out.append(f"  ... {len(listed) - TOP_CLAIMS} more on the short list")
    return out


def _claimant_note(claim: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """ ", unsourced: the author's own claim" and the like; "" when not recorded."""
    kind, source = claim.get("claimant"), claim.get("source")
    name = names.get(source) if isinstance(source, str) else None
    if kind == "author":
        return ", UNSOURCED: the author's own claim"
    if kind == "source":
        return f", attributed to {name}" if name else ", attributed to a source"
    if kind == "document":
        return f", from a document: {name}" if name else ", from a document"
    return ""


def _fact_check_lines(claim: Mapping[str, Any]) -> list[str]:
    """One line per past fact-check match (verdict, outlet, date, URL), or "no past
    fact-check found" when the claim was searched and nothing matched."""
    matches = [m for m in claim.get("matches") or [] if isinstance(m, Mapping)]
    if not matches:
        return ["no past fact-check found"] if claim.get("searched") is True else []
    lines = []
    for match in matches:
        where = ", ".join(str(match[k]) for k in ("outlet", "date") if match.get(k))
        verdict = str(match.get("rating") or "unrated")
        url = f" {match['url']}" if match.get("url") else ""
        lines.append(f"past fact-check: {verdict}{' (' + where + ')' if where else ''}{url}")
    return lines


CLAIMS_LAYER = declare_layer(
    "claims",
    Claim,
    package="newsift.claims",
    order=30,
    table=LayerTable(
        (
            ("text", "string"),
            ("score", "float"),
            ("rank", "int"),
            ("checkworthy", "bool"),
            ("type", "string"),
        ),
        _claim_rows,
    ),
    summary=LayerSummary(_claim_lines),
    report=LayerReport(
        "Claims to check", "newsift.report.html:claims_card", "newsift.report.markdown:claims_lines"
    ),
)
