"""HTML extraction: body, headline/author/date and comment threads, against the anchors.

    python benchmarks/extraction.py [--limit N] [--skip-speed]

Data (read in place, dev parts only): ../shared/data/extraction/zyte_aeb (article
bodies, the benchmark's shingle metric) and ../shared/data/extraction/adbar_eval
(title/author/date and comment snippets from trafilatura's evaluation data; dates
from htmldate's). Anchors are the published or measured figures in
../shared/data/extraction/BASELINES.md; the trafilatura speed row is measured here
on the same pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from newsift.document import Document
from newsift.eval.metrics import body_scores, prf_from_counts, ratio
from newsift.ingest.html import document_from_html

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction"
ZYTE, ADBAR = DATA / "zyte_aeb", DATA / "adbar_eval"
_SPACE = re.compile(r"\s+")


# text ---------------------------------------------------------------------------------
def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def body_text(doc: Document) -> str:
    return "\n".join(doc.region_text(r) for r in doc.regions_of("body"))


# runs ---------------------------------------------------------------------------------
def read_gz(path: Path) -> bytes:
    with gzip.open(path) as handle:
        data: bytes = handle.read()
    return data


def analyse(raw: bytes, key: str, url: str | None) -> Document | None:
    try:
        return document_from_html(raw, id=key, url=url)
    except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, it does not stop
        print(f"  failed {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None


def zyte(limit: int | None) -> dict[str, float]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    pairs = []
    for page_id in ids:
        doc = analyse(read_gz(ZYTE / "html" / f"{page_id}.html.gz"), page_id, truth[page_id]["url"])
        pairs.append((truth[page_id]["articleBody"], body_text(doc) if doc else ""))
    scores = body_scores(pairs)
    return {
        "pages": len(ids),
        "f1": scores.f1,
        "p": scores.precision,
        "r": scores.recall,
        "acc": scores.exact,
    }


def adbar(limit: int | None) -> dict[str, float]:
    entries = json.loads((ADBAR / "trafilatura_evaldata.json").read_text(encoding="utf-8"))
    keys = list(entries)[:limit]
    counts: Counter[str] = Counter()
    for key in keys:
        entry = entries[key]
        url = key if key.startswith("http") else None
        doc = analyse(read_gz(ADBAR / entry["page"]), key, url)
        meta = doc.meta if doc else None
        for field, value in (
            ("title", meta.headline if meta else None),
            ("author", meta.author if meta else None),
        ):
            gold = entry.get(field)
            if not gold:
                continue
            gold = ", ".join(gold) if isinstance(gold, list) else gold
            g, v = fold(gold), fold(value or "")
            counts[f"{field}_n"] += 1
            counts[f"{field}_exact"] += g == v
            counts[f"{field}_lenient"] += bool(v) and (g in v or v in g)
        if entry.get("date"):
            counts["date_n"] += 1
            counts["date_ok"] += bool(meta and meta.published == entry["date"])
        if "comments" in entry and doc is not None:
            _score_comments(doc, entry, read_gz(ADBAR / entry["page"]), counts)
    return {k: float(v) for k, v in counts.items()}


def _score_comments(
    doc: Document, entry: dict[str, object], raw: bytes, counts: Counter[str]
) -> None:
    snippets = entry["comments"]
    assert isinstance(snippets, list)
    comments = doc.comments
    if not snippets:
        counts["nocomment_pages"] += 1
        counts["nocomment_pages_with_found"] += bool(comments)
        return
    page = fold(
        re.sub(
            r"<[^>]+>",
            " ",
            re.sub(r"(?s)<(script|style).*?</\1>", " ", raw.decode("utf-8", "replace")),
        )
    )
    import html as html_module

    page = fold(html_module.unescape(page))
    texts = [fold(doc.region_text(c)) for c in comments]
    body = fold(body_text(doc))
    for snippet in snippets:
        s = fold(str(snippet))
        counts["snippets"] += 1
        present = s in page
        counts["snippets_static"] += present
        hit = next((c for c, t in zip(comments, texts, strict=True) if s in t), None)
        counts["snippets_found"] += hit is not None
        counts["snippets_found_static"] += hit is not None and present
        counts["snippets_with_author"] += hit is not None and hit.author is not None
        counts["snippets_with_time"] += hit is not None and (
            hit.when is not None or hit.when_resolved is not None
        )
        counts["snippets_leaked"] += s in body


def htmldate_set(limit: int | None) -> dict[str, float]:
    entries = json.loads((ADBAR / "htmldate_eval.json").read_text(encoding="utf-8"))
    keys = list(entries)[:limit]
    tp = fp = fn = 0
    for key in keys:
        doc = analyse(read_gz(ADBAR / entries[key]["page"]), key, key)
        found = doc.meta.published if doc else None
        if found is None:
            fn += 1
        elif found == entries[key]["date"]:
            tp += 1
        else:
            fp += 1
    scores = prf_from_counts(tp, fp, fn)
    return {
        "pages": len(keys),
        "p": scores.precision,
        "r": scores.recall,
        "f1": scores.f1,
        "acc": ratio(tp, tp + fp + fn),
    }


def speed(limit: int | None, rounds: int = 3) -> dict[str, float]:
    """Pages per CPU-second, newsift and ``trafilatura.extract`` on the same Zyte pages.

    Interleaved page by page over ``rounds`` rounds (after one warm-up round), so a
    change of load on a shared machine falls on both alike.
    """
    import trafilatura

    ids = sorted(json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8")))[:limit]
    pages = [read_gz(ZYTE / "html" / f"{i}.html.gz") for i in ids]
    theirs = ours = 0.0
    for round_ in range(rounds + 1):
        for number, raw in enumerate(pages):
            text = raw.decode("utf-8")
            start = time.process_time()
            trafilatura.extract(text, include_comments=False)
            middle = time.process_time()
            analyse(raw, str(number), None)
            if round_:  # the first round warms caches and imports
                theirs += middle - start
                ours += time.process_time() - middle
    count = rounds * len(pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"ours": count / ours, "trafilatura": count / theirs, "peak_mb": peak_mb}


def row(name: str, ours: float, anchor: float | None, note: str = "") -> None:
    ratio = f"{ours / anchor:7.2f}" if anchor else "    n/a"
    shown = f"{anchor:9.3f}" if anchor is not None else f"{'n/a':>9}"
    print(f"{name:44} {ours:9.3f} {shown} {ratio}  {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set (quick runs)")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"extraction data not found at {DATA}", file=sys.stderr)
        return 1
    z = zyte(args.limit)
    a = adbar(args.limit)
    h = htmldate_set(args.limit)
    print(f"{'metric':44} {'newsift':>9} {'anchor':>9} {'ratio':>7}")
    row(
        f"body F1, Zyte AEB dev ({int(z['pages'])} pages)",
        z["f1"],
        0.959,
        "trafilatura 2.3.1 here; 2.0 published 0.958",
    )
    row("body F1 vs rs_trafilatura", z["f1"], 0.970, "best open anchor")
    row("body precision / recall", z["p"], 0.940, f"recall {z['r']:.3f} (anchor 0.978)")
    row("body exact-match accuracy", z["acc"], 0.284)
    n = a.get("title_n", 0) or math.nan
    row(f"title exact, adbar dev ({int(a.get('title_n', 0))})", a.get("title_exact", 0) / n, 0.590)
    row("title lenient (contain each other)", a.get("title_lenient", 0) / n, 0.822, "goal 0.90")
    n = a.get("author_n", 0) or math.nan
    row(f"author exact ({int(a.get('author_n', 0))})", a.get("author_exact", 0) / n, 0.499)
    row("author lenient", a.get("author_lenient", 0) / n, 0.597, "goal 0.75")
    row(
        f"date same day, trafilatura set ({int(a.get('date_n', 0))})",
        a.get("date_ok", 0) / (a.get("date_n", 0) or math.nan),
        0.859,
    )
    row(
        f"date F1, htmldate set ({int(h['pages'])})",
        h["f1"],
        0.952,
        f"P {h['p']:.3f} R {h['r']:.3f}; goal 0.95",
    )
    snippets = a.get("snippets", 0) or math.nan
    static = a.get("snippets_static", 0) or math.nan
    row(
        f"comment snippets inside a comment ({int(a.get('snippets', 0))})",
        a.get("snippets_found", 0) / snippets,
        0.506,
        "trafilatura: flat text",
    )
    row(
        f"  of those in static HTML ({int(a.get('snippets_static', 0))})",
        a.get("snippets_found_static", 0) / static,
        0.72,
        "goal 0.85",
    )
    found = a.get("snippets_found", 0) or math.nan
    row(
        "  found comments with an author",
        a.get("snippets_with_author", 0) / found,
        None,
        "trafilatura: none",
    )
    row(
        "  found comments with a time",
        a.get("snippets_with_time", 0) / found,
        None,
        "trafilatura: none",
    )
    row(
        "comment snippets leaking into the body",
        a.get("snippets_leaked", 0) / snippets,
        0.059,
        "goal < 0.01 (lower is better)",
    )
    pages = a.get("nocomment_pages", 0) or math.nan
    row(
        f"pages without comments given some ({int(a.get('nocomment_pages', 0))})",
        a.get("nocomment_pages_with_found", 0) / pages,
        45 / 507,
        "lower is better",
    )
    if not args.skip_speed:
        s = speed(args.limit)
        row(
            "pages per CPU-second (Zyte pages)",
            s["ours"],
            s["trafilatura"],
            "anchor: trafilatura.extract here",
        )
        print(f"{'peak memory of this process, MB':44} {s['peak_mb']:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
