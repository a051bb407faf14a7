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

The third batch of dev pages (``batch3``) takes, among the pages no earlier
rule took, those passing ``batch3_rule`` (English share >= 12%, 150-2,500
words, and either >= 2 double quotation marks with >= 1 speech word, or >= 8
double quotation marks, or >= 2 speech words), one per site, never from a site
of a test page (so no rule is tuned on a test outlet's templates); a site of a
dev page may give a second page. From those, ``BATCH3_SIZE`` pages are drawn
with ``random.Random(BATCH3_SEED)``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ZYTE = Path(__file__).resolve().parents[4] / "shared" / "data" / "extraction" / "zyte_aeb"
FUNCTION_WORDS = {"the", "and", "of", "to", "a", "in"}
SPEECH = re.compile(r"\b(?:said|says|told|according)\b")  # case-sensitive
DOUBLE_QUOTES = re.compile('["\u201c\u201d]')
BATCH3_SEED = 15  # the number
BATCH3_SIZE = 20
TEST_SHARE = 3  # strict pages 0-29: every third is dev, the others test


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


def batch3_rule(words: int, share: float, quotes: int, speech: int) -> bool:
    """Third dev batch: English, not too long, with quotations or reported speech."""
    with_speech = (quotes >= 2 and speech >= 1) or quotes >= 8 or speech >= 2
    return share >= 0.12 and 150 <= words <= 2500 and with_speech


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
    test_sites = {site_key(truth[p]["url"]) for n, p in enumerate(first[:30]) if n % TEST_SHARE}
    earlier = set(first) | set(second)
    rest = {p: e for p, e in truth.items() if p not in earlier}
    candidates = select(rest, batch3_rule, set(test_sites))
    third = sorted(random.Random(BATCH3_SEED).sample(candidates, BATCH3_SIZE))
    for n, page_id in enumerate(first):
        use = ("dev" if n % TEST_SHARE == 0 else "test") if n < 30 else "dev (batch 2)"
        print(f"strict  {n:2d} {page_id[:12]} {use:14s} {site_key(truth[page_id]['url'])}")
    for n, page_id in enumerate(second):
        print(f"relaxed {n:2d} {page_id[:12]} {'candidate':14s} {site_key(truth[page_id]['url'])}")
    for n, page_id in enumerate(candidates):
        use = "dev (batch 3)" if page_id in third else "not drawn"
        print(f"batch3  {n:2d} {page_id[:12]} {use:14s} {site_key(truth[page_id]['url'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
