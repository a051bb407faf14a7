"""Score standalone comments for moderation queues and evaluation (``newsift comments score``).

Input: one comment per line, or JSON Lines objects with ``text`` (and an
optional ``id``). Output: one JSON object per non-blank input line with
``id``, ``text``, ``scores`` (the five calibrated probabilities),
``offensive`` (the model's own decision at its calibrated threshold),
``targeted``, ``target``, ``political_target``, ``spans`` (offsets into
``text``) and ``junk``; a line that cannot be read gets ``error`` instead, so
every input line ends with one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsift.comments.analyzer import decide_target
from newsift.comments.annotations import SCORE_NAMES
from newsift.comments.forensics import junk_reasons
from newsift.comments.model import ToxicityModel
from newsift.comments.threat_model import ThreatModel, with_threats
from newsift.comments.vectors import remembering
from newsift.textlines import Item, batches, read_items

if TYPE_CHECKING:
    from newsift.comments.backend import HFToxicity

BATCH = 256
MAX_COMMENT_CHARS = 20_000


def read_comments(lines: Iterable[str]) -> Iterator[Item]:
    """``(id, text, error)`` for each non-blank line: plain text or a JSON object with ``text``."""
    return read_items(lines, max_chars=MAX_COMMENT_CHARS, noun="comment")


def load_scorer(encoder: str) -> tuple[ToxicityModel, ThreatModel | None]:
    """The shipped model as the analyzer loads it: with the encoder, also the threat head
    (``threats-v1``), and the model keeps its rows for the head to read."""
    model = ToxicityModel.load(encoder=encoder)
    if model.dense is None:
        return model, None
    return remembering(model), ThreatModel.load()


def score_comments(
    items: Iterable[Item],
    model: ToxicityModel,
    external: HFToxicity | None = None,
    threats: ThreatModel | None = None,
) -> Iterator[dict[str, Any]]:
    """One output row per input item, in order, scored in batches.

    With ``external`` (a user's checkpoint) its scores replace the shipped model's; with
    ``threats`` (:func:`load_scorer`) a comment the head calls a threat is scored as one,
    as in the ``comments.toxicity.v1`` analyzer.
    """
    for batch in batches(items, BATCH):
        yield from _score_batch(batch, model, external, threats)


def _score_batch(
    batch: list[Item],
    model: ToxicityModel,
    external: HFToxicity | None,
    threats: ThreatModel | None,
) -> Iterator[dict[str, Any]]:
    texts = [text for _, text, _ in batch if text is not None]
    rows = (
        iter(with_threats(model, threats, texts, model.probabilities(texts))) if texts else iter(())
    )
    replaced = iter(external.scores(texts) if external is not None else [{} for _ in texts])
    for ident, text, error in batch:
        if text is None:
            yield {"id": ident, "error": error}
            continue
        row = next(rows)
        scores = {name: round(float(row[model.column(name)]), 4) for name in SCORE_NAMES}
        scores.update({name: round(value, 4) for name, value in next(replaced).items()})
        threshold = external.threshold if external else model.threshold("offensive")
        offensive = scores["offensive"] >= threshold
        targeted, target, political = decide_target(model, row, text, offensive)
        spans = model.spans(text) if offensive else []
        yield {
            "id": ident,
            "text": text,
            "scores": scores,
            "offensive": offensive,
            "targeted": targeted,
            "target": target,
            "political_target": political,
            "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans],
            "junk": junk_reasons(text),
        }
