"""Sourcing audit on PolNeAR: source, cue and content P/R/F1, and speed.

    python benchmarks/attribution.py [--split dev|train|annotator-training] [--limit N]
                                     [--errors N] [--spans crf|encoder|none]
    python benchmarks/attribution.py --speed-article [--rounds N]

Data: ../shared/data/attribution/polnear/SPLIT (PolNeAR v1.0.0, BRAT stand-off;
see PROVENANCE.md there), read in place. Each article is analysed as plain
text (``newsift.load(text, kind="text")``, then ``structure.v1`` without its
line model and ``attribution.quotes.v1``); where an article has several
annotators the first ``.ann`` file in sorted order is the truth. Quotes that
share a cue form one predicted relation (see
``newsift.eval.attribution.predicted_spans``). Each role is scored on
its own: exact = the same character extent (white space at the edges
ignored), overlap = at least one shared character; one-to-one matching.

Anchors (PolNeAR exact-match F1, published): CRF 50.6 / 53.4 / 28.6 and
BiLSTM-CRF 69.6 / 66.7 / 59.0 for source / cue / content; overlap anchors are
the 60-line speech-verb rule measured on dev when the data was prepared
(58 / 59 / 46) and textacy's direct quotations (content 62).
Rules were tuned on train only; dev is the reported split.

``--spans`` picks the content-boundary model (``attribution.quotes.v1``'s
``spans``; ``none``: the rules' contents). ``--speed-article`` instead times the
analyzer with each of them on the 1,000-word article of ``benchmarks/speed.py``
(CPU-ms per 1,000 body words, median of ``--rounds``, one thread, models loaded
first).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import newsift
import newsift.attribution.analyzer  # registers attribution.quotes.v1
from newsift.attribution.nlp import model_description, spacy_version
from newsift.eval.attribution import (
    ROLES,
    Counts,
    gold_spans,
    polnear_articles,
    predicted_spans,
    read_brat,
    score_spans,
)
from newsift.pipeline import run_analyzer

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "data" / "attribution" / "polnear"
STRUCTURE = {"name": "structure.v1", "params": {"line_model": False}}
SPANS = ("crf", "encoder", "none")
PIPELINE = [STRUCTURE, "attribution.quotes.v1"]  # the default one (tests/eval/gates.py)


def attribution_step(spans: str) -> dict[str, Any]:
    """``attribution.quotes.v1`` with the content-boundary model ``spans`` (see SPANS)."""
    if spans == "none":
        return {"name": "attribution.quotes.v1", "params": {"span_model": False}}
    return {"name": "attribution.quotes.v1", "params": {"spans": spans}}


def speed_article(rounds: int) -> int:
    """CPU-ms per 1,000 body words of the analyzer with each span model on the speed article."""
    sys.path.insert(0, str(HERE))
    import speed  # sets the thread variables to 1; numpy and onnxruntime already read them

    source, _ = speed.body_source()
    text = speed.page(1000, 20, source)
    built = {}
    for spans in SPANS:
        pipeline = newsift.Pipeline.from_config([STRUCTURE, attribution_step(spans)])
        pipeline.setup()
        built[spans] = pipeline.analyzers
    words = 0
    times: dict[str, list[float]] = {spans: [] for spans in SPANS}
    quotes: dict[str, int] = {}
    for _ in range(rounds):
        for spans, (structure, attribution) in built.items():
            doc = newsift.load(text, kind="dump", id="speed", reference_date=speed.REFERENCE_DATE)
            doc = run_analyzer(structure, doc)
            words = sum(
                len(doc.text[p.start : p.end].split()) for p in doc.regions_of("body")[0].paragraphs
            )
            before = time.process_time()
            doc = run_analyzer(attribution, doc)
            times[spans].append(time.process_time() - before)
            quotes[spans] = len(doc.layers["quotes"])
    print(f"speed article: {words:,} body words, median of {rounds} rounds, one thread")
    for spans in SPANS:
        ms = 1000 * statistics.median(times[spans]) * 1000 / words
        print(f"  spans={spans:8} {ms:6.1f} CPU-ms per 1,000 words ({quotes[spans]} quotes)")
    return 0


ANCHORS_EXACT = {
    "CRF": {"source": 50.6, "cue": 53.4, "content": 28.6},
    "BiLSTM-CRF": {"source": 69.6, "cue": 66.7, "content": 59.0},
}
QUOTE_MARKS = ('"', "“", "”", "''")
ANCHOR_OVERLAP = {"source": 58.0, "cue": 59.0, "content": 46.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print N missed and N wrong spans")
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("--spans", choices=SPANS, default="crf", help="content-boundary model")
    parser.add_argument("--speed-article", action="store_true", help="time the span models")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of --speed-article")
    args = parser.parse_args(argv)
    if args.speed_article:
        return speed_article(args.rounds)
    folder = args.data / args.split
    if not folder.is_dir():
        print(f"no PolNeAR split at {folder} (see ../shared/data/attribution)", file=sys.stderr)
        return 2
    articles = polnear_articles(folder)
    if args.limit:
        articles = articles[: args.limit]
    pipeline = newsift.Pipeline.from_config([STRUCTURE, attribution_step(args.spans)])
    started = time.process_time()
    pipeline.setup()
    setup_s = time.process_time() - started
    totals = {role: Counts() for role in ROLES}
    cpu = 0.0
    words = 0
    errors: dict[str, list[str]] = {"missed": [], "wrong": []}
    direct = Counts()  # gold contents with a quotation mark (direct and mixed quotes)
    for name, text_path, ann_path in articles:
        text = text_path.read_text(encoding="utf-8")
        gold = gold_spans(read_brat(ann_path.read_text(encoding="utf-8")), text)
        doc = newsift.load(text, kind="text", id=name)
        before = time.process_time()
        doc = pipeline(doc)
        cpu += time.process_time() - before
        words += len(text.split())
        predicted = predicted_spans(doc.layers["quotes"], doc.text)
        quoted = {g for g in gold["content"] if any(m in text[g[0] : g[1]] for m in QUOTE_MARKS)}
        direct.add(score_spans(predicted["content"], quoted))
        for role in ROLES:
            totals[role].add(score_spans(predicted[role], gold[role]))
            if args.errors:
                for start, end in sorted(gold[role] - predicted[role]):
                    errors["missed"].append(f"{role:7} {name[:30]} {text[start:end][:110]!r}")
                for start, end in sorted(predicted[role] - gold[role]):
                    errors["wrong"].append(f"{role:7} {name[:30]} {text[start:end][:110]!r}")
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {words:,} words, spans={args.spans}; "
        f"spaCy {spacy_version()}, {model_description()}"
    )
    print()
    print("| role | match | P | R | F1 | anchor F1 | ratio |")
    print("|---|---|---|---|---|---|---|")
    for mode in ("exact", "overlap"):
        for role in ROLES:
            p, r, f = totals[role].prf(mode)
            if mode == "exact":
                crf = ANCHORS_EXACT["CRF"][role]
                bil = ANCHORS_EXACT["BiLSTM-CRF"][role]
                anchor = f"CRF {crf:.1f} / BiLSTM-CRF {bil:.1f}"
                ratio = f"{100 * f / crf:.2f} / {100 * f / bil:.2f}"
            else:
                anchor = f"60-line rule {ANCHOR_OVERLAP[role]:.0f}"
                ratio = f"{100 * f / ANCHOR_OVERLAP[role]:.2f}"
            print(
                f"| {role} | {mode} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} "
                f"| {anchor} | {ratio} |"
            )
    print()
    print(
        f"direct and mixed quotes ({direct.gold} gold contents with a quotation mark): "
        f"content recall, overlap {100 * direct.overlap / max(direct.gold, 1):.1f} "
        f"(textacy direct_quotations 45.4), exact {100 * direct.exact / max(direct.gold, 1):.1f}"
    )
    print(
        f"speed: {words / 1000 / cpu:.1f} 1,000-word articles per CPU-second "
        f"({cpu:.1f} CPU-s for {words:,} words; setup {setup_s:.1f} CPU-s, not counted)"
    )
    for kind, lines in errors.items():
        if lines:
            print(f"\n{kind} ({len(lines)}):")
            for line in lines[: args.errors]:
                print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
