"""The ``techniques`` layer: one :class:`Technique` per tagged span of the body.

Importing this module registers the layer with :func:`newsift.document.declare_layer`:
its loader for ``Document.from_dict``, its batch table and its ``newsift show`` line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift import fields
from newsift.document import (
    Document,
    LayerReport,
    LayerSummary,
    LayerTable,
    Row,
    Span,
    Wrap,
    declare_layer,
    json_span_text,
)
from newsift.persuasion.labels import TECHNIQUES


@dataclass(frozen=True, slots=True)
class Technique:
    """A span that uses a persuasion technique.

    ``label`` is one of the 14 PTC techniques (:data:`~newsift.persuasion.labels.TECHNIQUES`);
    ``score`` how sure the span tagger is that the span persuades rather than
    informs (the highest probability of its tokens); ``explanation`` one sentence
    for a reader. ``speaker`` and ``quote`` say whose words these are: the id of
    the quoted source and of the quote when the span lies inside a quotation,
    both ``None`` when the words are the author's own.
    """

    span: Span
    label: str
    score: float
    explanation: str
    speaker: str | None = None
    quote: str | None = None

    def __post_init__(self) -> None:
        if self.label not in TECHNIQUES:
            raise ValueError(f"unknown technique {self.label!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score!r} outside [0, 1]")
        if self.span.end <= self.span.start:
            raise ValueError("empty span")

    @property
    def spans(self) -> list[Span]:
        return [self.span]

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "label": self.label,
            "score": self.score,
            "explanation": self.explanation,
            "speaker": self.speaker,
            "quote": self.quote,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Technique:
        return fields.read(cls, data, "technique")


def _technique_rows(items: Sequence[Mapping[str, Any]], doc: Mapping[str, Any]) -> list[Row]:
    """Read generically (a label, a score, a span and the item's JSON), so a new field
    in the layer needs no new column."""
    text = str(doc.get("text", ""))
    rows = []
    for item in items:
        raw_span = item.get("span")
        span: Mapping[str, Any] = raw_span if isinstance(raw_span, Mapping) else item
        label = next((item[k] for k in ("technique", "label", "kind", "type") if k in item), None)
        score = next((item[k] for k in ("score", "probability", "toxicity") if k in item), None)
        rows.append(
            {
                "label": label,
                "score": score,
                "start": span.get("start"),
                "end": span.get("end"),
                "text": json_span_text(text, span),
                "json": json.dumps(item, ensure_ascii=False),
            }
        )
    return rows


def _technique_lines(doc: Document, wrap: Wrap) -> list[str]:
    """Counts of persuasion techniques, the author's own and in quotes."""
    found = [t.to_dict() for t in doc.layers["techniques"]]
    own = Counter(t["label"] for t in found if t.get("speaker") is None)
    quoted = sum(1 for t in found if t.get("speaker") is not None)
    listed = ", ".join(f"{label} {n}" for label, n in own.most_common()) or "none shown"
    lines = [f"  techniques (author's own): {listed}; in quotes: {quoted}"]
    if not found:  # "none" would read as "no persuasion here"
        lines.append("    (spans the tagger is less sure of are not reported)")
    return lines


TECHNIQUES_LAYER = declare_layer(
    "techniques",
    Technique,
    package="newsift.persuasion",
    order=40,
    table=LayerTable(
        (
            ("label", "string"),
            ("score", "float"),
            ("start", "int"),
            ("end", "int"),
            ("text", "string"),
            ("json", "string"),
        ),
        _technique_rows,
    ),
    summary=LayerSummary(_technique_lines),
    report=LayerReport(
        "Persuasion techniques",
        "newsift.report.html:techniques_card",
        "newsift.report.markdown:techniques_lines",
    ),
)
