"""Tag standalone texts for research and triage (``newsift techniques score``).

Input: one text per line, or JSON Lines objects with ``text`` (and an
optional ``id``). Each text is split into sentences and tagged as if it were
an article body with no quotations. Output: one JSON object per non-blank
input line with ``id``, ``text`` and ``techniques`` (the layer's dict form);
a line that cannot be read gets ``error`` instead, so every input line ends
with one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsift.persuasion.analyzer import find_techniques
from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from newsift.text.sentences import split_sentences
from newsift.textlines import Item, read_items

MAX_TEXT_CHARS = 100_000


def read_texts(lines: Iterable[str]) -> Iterator[Item]:
    """``(id, text, error)`` for each non-blank line: plain text or a JSON object with ``text``."""
    return read_items(lines, max_chars=MAX_TEXT_CHARS)


def tag_texts(
    items: Iterable[Item],
    tagger: SpanTagger,
    classifier: TechniqueClassifier,
) -> Iterator[dict[str, Any]]:
    """One output row per input item, in order."""
    for key, text, error in items:
        if text is None:
            yield {"id": key, "error": error}
            continue
        found = find_techniques(tagger, classifier, text, split_sentences(text))
        yield {"id": key, "text": text, "techniques": [t.to_dict() for t in found]}
