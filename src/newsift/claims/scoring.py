"""Score standalone sentences for triage queues and evaluation (``newsift claims score``).

Input: one sentence per line, or JSON Lines objects with ``text`` (and an
optional ``id``). Output: one JSON object per non-blank input line with ``id``,
``text``, ``score`` (the calibrated probability of the fine-tuned model, or of the
n-gram model without the minilm extra; no news layer,
since a lone sentence has no page), ``checkworthy`` (the model's own decision at
its threshold chosen on the tuning debates), ``type`` and ``features``; a line that cannot be
read gets ``error`` instead, so every input line ends with one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsift.claims.types import claim_type
from newsift.textlines import Item, batches, read_items

if TYPE_CHECKING:
    from newsift.claims.analyzer import Scorer

BATCH = 256
MAX_SENTENCE_CHARS = 5_000


def read_sentences(lines: Iterable[str]) -> Iterator[Item]:
    """``(id, text, error)`` for each non-blank line: plain text or a JSON object with ``text``."""
    return read_items(lines, max_chars=MAX_SENTENCE_CHARS, noun="sentence")


def score_sentences(
    items: Iterable[tuple[str, str | None, str | None]], model: Scorer
) -> Iterator[dict[str, Any]]:
    """One output row per input item, in order, scored in batches."""
    for batch in batches(items, BATCH):
        yield from _score_batch(batch, model)


def _score_batch(
    batch: list[tuple[str, str | None, str | None]], model: Scorer
) -> Iterator[dict[str, Any]]:
    texts = [text for _, text, _ in batch if text is not None]
    scores = iter(model.score(texts)) if texts else iter(())
    for ident, text, error in batch:
        if text is None:
            yield {"id": ident, "error": error}
            continue
        score = float(next(scores))
        kind, found = claim_type(text)
        yield {
            "id": ident,
            "text": text,
            "score": round(score, 4),
            "checkworthy": score >= model.threshold,
            "type": kind,
            "features": found,
        }
