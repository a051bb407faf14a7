"""is_ui and opens_comments give the answers of their plain forms (split list, arrow search)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsift.structure import lines

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
