"""Page dumps rendered from real HTML: rules alone against rules plus the line classifier.

    python benchmarks/rendered_dumps.py [--limit N] [--model PATH]

The pages of ../shared/data/extraction/adbar_eval (dev part) whose site is in our
own held-out 30% (never used to train the classifier; see
newsift.eval.lines.held_out) are rendered into dumps line by line, as web-text
corpora store pages. Truth comes from the DOM side of newsift (headline, byline,
date, trafilatura's body, the comment records with author and time). Each row
prints rules alone, rules with the classifier, and their ratio; the classifier
alone is given per line. There is no published anchor for dumps with comments.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from pathlib import Path

from newsift.document import Document, Meta
from newsift.eval.lines import dom_labels, fold, held_out, line_scores, region_labels
from newsift.eval.metrics import prf_from_counts, ratio
from newsift.ingest.dom.comments import HtmlComment
from newsift.ingest.dom.page import read_html_page
from newsift.ingest.dom.render import render_lines
from newsift.ingest.html_decode import decode_html
from newsift.structure.dump import apply_layout, parse_dump
from newsift.structure.linemodel import LineModel
from newsift.text.ngrams import forget_texts

ADBAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction" / "adbar_eval"


def dump_document(text: str, model: LineModel | None) -> Document:
    layout = parse_dump(text, None, model)
    doc = Document(text, meta=Meta(kind="dump"), layers={"regions": layout.regions})
    apply_layout(layout, doc.meta, None)
    return doc


def comment_scores(doc: Document, gold: list[HtmlComment], counts: dict[str, float]) -> None:
    predicted = doc.comments
    counts["gold"] += len(gold)
    counts["predicted"] += len(predicted)
    used: set[int] = set()
    for comment in gold:
        first = fold(comment.paragraphs[0])
        for number, region in enumerate(predicted):
            paragraphs = list(doc.paragraphs(region))
            if number in used or not paragraphs or fold(paragraphs[0]) != first:
                continue
            used.add(number)
            counts["matched"] += 1
            counts["boundary"] += len(paragraphs) == len(comment.paragraphs)
            if comment.author:
                counts["with_author"] += 1
                counts["author_ok"] += fold(region.author or "") == fold(comment.author)
            if comment.when:
                counts["with_time"] += 1
                counts["time_ok"] += bool(region.when) and fold(comment.when) in fold(
                    region.when or ""
                )
            break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", type=Path, default=None, help="line model (default: shipped)")
    args = parser.parse_args()
    model = LineModel.load(args.model)
    entries = json.loads((ADBAR / "trafilatura_evaldata.json").read_text(encoding="utf-8"))
    keys = [k for k in entries if held_out(k)][: args.limit]
    gold_labels, rule_labels, both_labels, model_labels = [], [], [], []
    fields = ("gold", "predicted", "matched", "boundary", "with_author", "author_ok", "with_time")
    counts: dict[str, dict[str, float]] = {"rules": dict.fromkeys((*fields, "time_ok"), 0.0)}
    counts["both"] = dict(counts["rules"])
    headline = {"rules": 0, "both": 0, "n": 0}
    cpu = {"rules": 0.0, "both": 0.0}  # CPU-s of reading the dumps (structure alone)
    for key in keys:
        with gzip.open(ADBAR / entries[key]["page"]) as handle:
            raw = handle.read()
        try:
            page = read_html_page(decode_html(raw)[0], url=key if key.startswith("http") else None)
        except Exception:  # noqa: BLE001 - pages newsift refuses are not scored
            continue
        assert page.root is not None
        lines = render_lines(page.root)
        if not lines:
            continue
        text = "\n\n".join(line.text for line in lines)
        gold_labels.append(dom_labels(page, lines))
        model_labels.append(model.predict([line.text for line in lines]))
        for name, chosen in (("rules", None), ("both", model)):
            forget_texts()  # no line cache from this page's other reading
            started = time.process_time()
            doc = dump_document(text, chosen)
            cpu[name] += time.process_time() - started
            (rule_labels if name == "rules" else both_labels).append(region_labels(doc))
            if page.comments:
                comment_scores(doc, page.comments, counts[name])
            if page.meta.headline:
                headline[name] += fold(doc.meta.headline or "") == fold(page.meta.headline)
        headline["n"] += bool(page.meta.headline)
    rules = line_scores(gold_labels, rule_labels)
    both = line_scores(gold_labels, both_labels)
    alone = line_scores(gold_labels, model_labels)
    print(f"rendered dumps of {len(gold_labels)} held-out adbar_eval pages")
    print(f"{'metric':34} {'rules':>8} {'+model':>8} {'ratio':>7} {'model alone':>12}")

    def row(name: str, a: float, b: float, c: float = math.nan) -> None:
        ratio = b / a if a else math.nan
        print(f"{name:34} {a:8.3f} {b:8.3f} {ratio:7.2f} {c:12.3f}")

    row("line label macro F1", rules.macro_f1, both.macro_f1, alone.macro_f1)
    row("line label accuracy", rules.accuracy, both.accuracy, alone.accuracy)
    for label in rules.f1:
        row(f"  F1 {label}", rules.f1[label], both.f1[label], alone.f1[label])
    row("headline exact", headline["rules"] / headline["n"], headline["both"] / headline["n"])
    for name in ("rules", "both"):
        c = counts[name]
        right = c["boundary"]
        c["f1"] = prf_from_counts(right, c["predicted"] - right, c["gold"] - right).f1
    r, b = counts["rules"], counts["both"]
    row(f"comment-boundary F1 ({int(r['gold'])} comments)", r["f1"], b["f1"])
    row("comments found (first paragraph)", r["matched"] / r["gold"], b["matched"] / b["gold"])
    row(
        "author right, of matched with one",
        _share(r, "author_ok", "with_author"),
        _share(b, "author_ok", "with_author"),
    )
    row(
        "time right, of matched with one",
        _share(r, "time_ok", "with_time"),
        _share(b, "time_ok", "with_time"),
    )
    pages = len(gold_labels)
    print(
        f"{'pages per CPU-second (goal 200)':34} {pages / cpu['rules']:8.0f} "
        f"{pages / cpu['both']:8.0f}   (structure alone, each page read once, "
        f"{sum(map(len, gold_labels)) / pages:.0f} lines a page)"
    )
    return 0


def _share(counts: dict[str, float], part: str, whole: str) -> float:
    return ratio(counts[part], counts[whole], empty=math.nan)


if __name__ == "__main__":
    sys.exit(main())
