"""The ``techniques`` layer: one :class:`Technique` per tagged span of the body.

Importing this module registers the layer's loader with
:func:`newsift.document.register_layer`, so ``Document.from_dict`` reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsift.document import Span, register_layer
from newsift.errors import SchemaError
from newsift.persuasion.labels import TECHNIQUES


@dataclass(frozen=True, slots=True)
class Technique:
    """A span that uses a persuasion technique.

    ``label`` is one of the 14 PTC techniques (:data:`~newsift.persuasion.labels.TECHNIQUES`);
    ``score`` how sure the span tagger is that the span persuades rather than
    informs (the mean probability of its tokens); ``explanation`` one sentence
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
        try:
            score = data["score"]
            if isinstance(score, bool) or not isinstance(score, int | float):
                raise TypeError("score must be a number")
            for key in ("label", "explanation"):
                if not isinstance(data[key], str):
                    raise TypeError(f"{key} must be a string")
            for key in ("speaker", "quote"):
                if data[key] is not None and not isinstance(data[key], str):
                    raise TypeError(f"{key} must be a string or null")
            return cls(
                span=Span.from_dict(data["span"]),
                label=data["label"],
                score=float(score),
                explanation=data["explanation"],
                speaker=data["speaker"],
                quote=data["quote"],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"bad technique {dict(data)!r:.200}: {exc}") from exc


register_layer("techniques", Technique.from_dict)
