"""is_ui and opens_comments give the answers of their plain forms (split list, arrow search)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsift.text import lines

ROOT = Path(__file__).resolve().parents[2]
DUMPS = sorted((ROOT / "benchmarks" / "data" / "structure").rglob("*.txt"))
PIECES = [
    "Reply", "Share", "12 comments", "Like (3)", "·", "|", "/", " - ", "  ", "→", "»", ">",
    "›", ":", "*", "Leave a reply", "Comments", "the vote", "Mara", "5 min read", "\t", "↓",
    "Sort by", "newest", "a sentence of the body.", "",
]  # fmt: skip


def _plain_is_ui(text: str) -> bool:
    lowered = lines._TRAILING_ARROWS.sub("", text.strip().lower()).rstrip(":*").strip()
    if not lowered:
        return False
    if lowered in lines._UI_WORDS or any(p.match(lowered) for p in lines._UI_PATTERNS):
        return True
    parts = [p for p in lines._UI_SEPARATORS.split(lowered) if p]
    return len(parts) > 1 and all(
        p.rstrip(":") in lines._UI_WORDS or any(q.match(p) for q in lines._UI_PATTERNS)
        for p in parts
    )


def _plain_opens(text: str) -> bool:
    stripped = lines._TRAILING_ARROWS.sub("", text.strip()).rstrip(":").strip()
    return bool(lines._SECTION.match(stripped))


def _texts() -> list[str]:
    out = [line for path in DUMPS for line in path.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    out += ["".join(rng.choices(PIECES, k=rng.randint(1, 6))) for _ in range(3000)]
    out += [" ".join(rng.choices(PIECES, k=rng.randint(1, 6))) for _ in range(3000)]
    return out


@pytest.mark.parametrize(
    ("fast", "plain"), [(lines.is_ui, _plain_is_ui), (lines.opens_comments, _plain_opens)]
)
def test_same_answers(fast: object, plain: object) -> None:
    assert callable(fast) and callable(plain)
    texts = _texts()
    assert sum(map(plain, texts)) > 100  # the cases where it says yes are covered
    for text in texts:
        assert fast(text) == plain(text), repr(text)


def test_line_model_first_stage_is_the_per_line_sum() -> None:
    """A line repeated on the page gets the same hashed-word term as computed line by line."""
    import math

    import numpy as np

    from newsift.structure import linemodel

    model = linemodel.LineModel.load()
    for path in DUMPS[:20]:
        texts = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        texts += texts[:5]  # repeats
        logits = linemodel.dense_features(texts) @ model.dense + model.bias
        for i, text in enumerate(texts):
            buckets = linemodel.hashed_tokens(text)
            if buckets:
                logits[i] += model.hashed[buckets].sum(axis=0) / math.sqrt(len(buckets))
        assert np.array_equal(model.first_stage(texts), linemodel._softmax(logits))
