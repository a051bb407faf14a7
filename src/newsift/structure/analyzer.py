"""The structure analyzer: regions and meta for text dumps and plain text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from newsift.document import Document, Region
from newsift.errors import InputError
from newsift.registry import register
from newsift.structure.dump import apply_layout, parse_dump
from newsift.structure.linemodel import LineModel
from newsift.text.dates import parse_iso_date
from newsift.text.language import guess_language
from newsift.text.lines import paragraph_spans, split_lines, uses_blank_lines


@register
@dataclass
class StructureAnalyzer:
    """Split a page into headline, dateline, byline, body, bio and comments.

    Reads: text, meta.kind, meta.reference_date. Writes: regions, meta (headline,
    author, published, updated, language).
    A ``dump`` (flattened page) is read by the rules of
    :mod:`newsift.structure.dump`; ``text`` is all body, nothing guessed; an
    ``html`` page arrives with regions read from its DOM at ingest and keeps them.
    Limits: English labels and month names; see ``docs/analyzers/structure.md``.
    """

    name: ClassVar[str] = "structure.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset({"regions", "meta"})

    line_model: bool = True  # let the shipped line classifier settle what the dump rules leave open
    _model: LineModel | None = field(default=None, init=False, repr=False)

    def setup(self) -> None:
        """Load the line classifier once (a few hundred kB of NumPy weights)."""
        if self.line_model and self._model is None:
            self._model = LineModel.load()

    def __call__(self, doc: Document) -> Document:
        reference = _reference_date(doc)
        if doc.meta.kind == "html" and "regions" in doc.layers:
            pass  # laid out from the DOM at ingest (newsift.ingest.html)
        elif doc.meta.kind == "dump":
            self.setup()
            layout = parse_dump(doc.text, reference, self._model)
            apply_layout(layout, doc.meta, reference)
            doc.layers["regions"] = layout.regions
        else:
            doc.layers["regions"] = plain_regions(doc.text)
        body = " ".join(doc.region_text(r) for r in doc.regions_of("body"))
        doc.meta.language = guess_language(body)
        return doc


def plain_regions(text: str) -> list[Region]:
    """The whole text as one body region, split into paragraphs."""
    lines = split_lines(text)
    paragraphs = paragraph_spans(lines, uses_blank_lines(lines))
    if not paragraphs:
        return []
    return [Region("r1", "body", paragraphs[0].start, paragraphs[-1].end, paragraphs)]


def _reference_date(doc: Document) -> date | None:
    raw = doc.meta.reference_date
    if raw is None:
        return None
    try:
        return parse_iso_date(raw)
    except ValueError as exc:
        raise InputError(f"reference date {raw!r} is not YYYY-MM-DD") from exc
