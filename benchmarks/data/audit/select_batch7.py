"""Recompute the candidate pages of the seventh audit batch (see README.md here).

    python benchmarks/data/audit/select_batch7.py

Pool: every HTML file under ``../shared/data/extraction/adbar_eval/pages``
(the trafilatura and the htmldate evaluation pages together; the htmldate-only
pages were never looked at by an earlier batch) that no truth file in ``dev/``
or ``test/`` uses. A page's text is its ``<p>`` paragraphs of at least 8 words,
read with lxml (adbar_eval has no human-marked body). It qualifies when that
text is English (at least 12% of words are *the, and, of, to, a, in*), holds
250 to 1,500 words, at least 4 double quotation marks and at least 2 of *said,
says, told, according* (case-sensitive), its site (host without ``www.``) is
not a site of any dev or test page, and its URL is not a wiki. One page per
site (the first in blob-id order). ``BATCH7_SIZE`` pages are drawn with
``random.Random(BATCH7_SEED)`` from the qualifying pages in blob-id order; the
annotator then skips a drawn page that is not a news or opinion article (a
product page, a press release list, a tutorial) and takes the next drawn one.
Reads only the HTML, never newsift's output.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import lxml.html

HERE = Path(__file__).resolve().parent
ADBAR = HERE.parents[3] / "shared" / "data" / "extraction" / "adbar_eval"
FUNCTION_WORDS = {"the", "and", "of", "to", "a", "in"}
SPEECH = re.compile(r"\b(?:said|says|told|according)\b")  # case-sensitive
DOUBLE_QUOTES = re.compile('["\u201c\u201d]')
BATCH7_SEED = 15  # the number
BATCH7_SIZE = 24  # drawn order; the first 12-15 articles are annotated


def site_key(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def paragraphs(path: Path) -> list[str]:
    raw = gzip.decompress(path.read_bytes())
    try:
        tree = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return []
    out = []
    for p in tree.iter("p"):
        text = " ".join(p.text_content().split())
        if len(text.split()) >= 8:
            out.append(text)
    return out


def measures(body: str) -> tuple[int, float, int, int]:
    words = re.findall(r"\w+", body)
    share = sum(w.lower() in FUNCTION_WORDS for w in words) / max(len(words), 1)
    return len(words), share, len(DOUBLE_QUOTES.findall(body)), len(SPEECH.findall(body))


def main() -> int:
    used_blobs: set[str] = set()
    used_sites: set[str] = set()
    for split in ("dev", "test"):
        for truth_path in sorted((HERE / split).glob("*.json")):
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            used_blobs.add(Path(truth["page"]).name.split(".")[0])
            if truth.get("url"):
                used_sites.add(site_key(truth["url"]))
    urls: dict[str, str] = {}
    for name in ("trafilatura_evaldata.json", "htmldate_eval.json"):
        for key, entry in json.loads((ADBAR / name).read_text(encoding="utf-8")).items():
            blob = Path(entry["page"]).name.split(".")[0]
            urls.setdefault(blob, key)
    qualifying: list[tuple[str, str]] = []
    taken: set[str] = set()
    for page in sorted((ADBAR / "pages").glob("*.html.gz")):
        blob = page.name.split(".")[0]
        url = urls.get(blob, "")
        site = site_key(url) if url.startswith("http") else ""
        if blob in used_blobs or (site and site in used_sites) or "wiki" in url:
            continue
        words, share, quotes, speech = measures("\n".join(paragraphs(page)))
        if not (share >= 0.12 and 250 <= words <= 1500 and quotes >= 4 and speech >= 2):
            continue
        if site and site in taken:
            continue
        taken.add(site)
        qualifying.append((blob, url))
    drawn = random.Random(BATCH7_SEED).sample(qualifying, min(BATCH7_SIZE, len(qualifying)))
    print(f"{len(qualifying)} qualifying pages; drawn order:")
    for n, (blob, url) in enumerate(drawn):
        print(f"{n:2d} {blob[:12]} {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
