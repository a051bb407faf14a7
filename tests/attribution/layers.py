"""What the attribution table tests read off an analysed document."""

from __future__ import annotations

from newsift.document import Document


def sources(doc: Document) -> list[str]:
    """The name of each source, in layer order."""
    return [s.name for s in doc.layers["sources"]]


def speaker_of(doc: Document, word: str) -> str | None:
    """The speaker name of the quote whose content holds ``word`` ("-" when no quote does)."""
    names = {s.id: s.name for s in doc.layers["sources"]}
    for q in doc.layers["quotes"]:
        if word in doc.text[q.content.start : q.content.end]:
            return names.get(q.source or "")
    return "-"
