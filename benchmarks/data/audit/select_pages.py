"""Recompute which zyte_aeb pages the audit truth uses (see README.md here).

    python benchmarks/data/audit/select_pages.py

Prints, in page-id order, the pages that qualify under the strict rule of
guideline 1.0 (``strict``: English share >= 12%, 200-1,000 words, >= 4 double
quotation marks, >= 2 of *said, says, told, according*) and under the relaxed
rule used for the second batch of dev pages (``relaxed``: English share >= 11%,
150-1,500 words, >= 2 double quotation marks, >= 1 speech word). The English
share is the share of words that are *the, and, of, to, a, in*. Both rules take
one page per site (site key: host without ``www.``); a site already taken by
the strict rule is not taken again by the relaxed one. Reads only the
human-marked main text (``ground-truth.json``), never newsift's output.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ZYTE = Path(__file__).resolve().parents[4] / "shared" / "data" / "extraction" / "zyte_aeb"
FUNCTION_WORDS = {"the", "and", "of", "to", "a", "in"}
SPEECH = re.compile(r"\b(?:said|says|told|according)\b")  # case-sensitive
DOUBLE_QUOTES = re.compile('["\u201c\u201d]')


def site_key(url: str) -> str:
    """Host of ``url`` without a leading ``www.``."""
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def measures(body: str) -> tuple[int, float, int, int]:
    """Words, share of English function words, double quotation marks, speech words."""
    words = re.findall(r"\w+", body)
    share = sum(w.lower() in FUNCTION_WORDS for w in words) / max(len(words), 1)
    return len(words), share, len(DOUBLE_QUOTES.findall(body)), len(SPEECH.findall(body))


def strict(words: int, share: float, quotes: int, speech: int) -> bool:
    """Guideline 1.0 rule (the first 30 pages and the 9 that follow)."""
    return share >= 0.12 and 200 <= words <= 1000 and quotes >= 4 and speech >= 2


def relaxed(words: int, share: float, quotes: int, speech: int) -> bool:
    """Relaxed rule for the second dev batch (guideline 1.1)."""
    return share >= 0.11 and 150 <= words <= 1500 and quotes >= 2 and speech >= 1


def select(
    truth: dict[str, dict[str, str]], rule: Callable[..., bool], taken: set[str]
) -> list[str]:
    """Page ids (id order) passing ``rule``, one per site, skipping sites in ``taken``."""
    chosen = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        site = site_key(entry.get("url", ""))
        if site in taken or not rule(*measures(entry.get("articleBody", ""))):
            continue
        taken.add(site)
        chosen.append(page_id)
    return chosen


def main() -> int:
    path = ZYTE / "ground-truth.json"
    if not path.is_file():
        print(f"skipped: {path} is absent")
        return 0
    truth = json.loads(path.read_text(encoding="utf-8"))
    taken: set[str] = set()
    first = select(truth, strict, taken)
    second = select(truth, relaxed, taken)
    for n, page_id in enumerate(first):
        use = ("dev" if n % 3 == 0 else "test") if n < 30 else "dev (batch 2)"
        print(f"strict  {n:2d} {page_id[:12]} {use:14s} {site_key(truth[page_id]['url'])}")
    for n, page_id in enumerate(second):
        print(f"relaxed {n:2d} {page_id[:12]} {'candidate':14s} {site_key(truth[page_id]['url'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
