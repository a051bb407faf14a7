"""Structure of text dumps: per-field accuracy, comment-boundary F1, pages per CPU-second.

    python benchmarks/structure.py [--split dev|test|all] [--show-errors]

Data: benchmarks/data/structure/{dev,test,hard-dev,hard-test}/*.txt with
*.truth.json beside each, fictional dumps written for this project (dev and
hard-dev for tuning, test and hard-test for reporting; see the README for
which have been seen), plus ../shared/examples in the test split when present.
There is no published parser of flattened dumps with comment threads to
compare with; the anchor column is
a naive baseline computed here (first line = headline, the rest one body, no
comments), and the ratio is ours over it.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import newsift
from newsift.document import Document, Meta, Region
from newsift.eval.structure import COMMENT_FIELDS, PAGE_FIELDS, aggregate, load_truth, score_page
from newsift.text.lines import paragraph_spans, split_lines, uses_blank_lines
from newsift.text.ngrams import forget_texts

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "structure"
SHARED_EXAMPLES = HERE.parent.parent / "shared" / "examples"


def pages(split: str) -> list[tuple[Path, dict[str, object]]]:
    names = ("dev", "test", "hard-dev", "hard-test") if split == "all" else (split,)
    folders = [DATA / s for s in names]
    if split in {"test", "all"} and SHARED_EXAMPLES.is_dir():
        folders.append(SHARED_EXAMPLES)
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            truth = path.with_name(path.stem + ".truth.json")
            if truth.exists():
                found.append((path, load_truth(truth)))
    return found


def baseline(path: Path) -> Document:
    """First line is the headline; everything else is one body; no comments."""
    text = path.read_text(encoding="utf-8")
    lines = split_lines(text)
    first = next(line for line in lines if not line.blank)
    rest = [line for line in lines if line.index > first.index]
    paragraphs = paragraph_spans(rest, uses_blank_lines(rest))
    regions = [Region("r1", "headline", first.start, first.end)]
    if paragraphs:
        regions.append(Region("r2", "body", paragraphs[0].start, paragraphs[-1].end, paragraphs))
    return Document(text, meta=Meta(headline=first.text), layers={"regions": regions})


def _cell(value: float, width: int = 9, digits: int = 3) -> str:
    return f"{'n/a':>{width}}" if math.isnan(value) else f"{value:{width}.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", choices=("dev", "test", "hard-dev", "hard-test", "all"), default="test"
    )
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="without the line classifier (structure.v1 line_model=False)",
    )
    parser.add_argument("--repeat", type=int, default=20, help="passes for the speed figure")
    args = parser.parse_args()
    data = pages(args.split)
    if not data:
        print(f"no pages found under {DATA}", file=sys.stderr)
        return 1

    pipeline = newsift.Pipeline.from_config(
        [{"name": "structure.v1", "params": {"line_model": not args.rules_only}}]
    )
    ours, base = [], []
    for path, truth in data:
        ref = truth.get("reference_date")
        loaded = newsift.load(Path(path), reference_date=ref if isinstance(ref, str) else None)
        doc = pipeline(loaded)
        score = score_page(doc, truth)
        ours.append(score)
        base.append(score_page(baseline(path), truth))
        if args.show_errors and score.mismatches:
            print(f"{path.name}:", *score.mismatches, sep="\n  ")
    a, b = aggregate(ours), aggregate(base)

    texts = [(p.read_text(encoding="utf-8"), t.get("reference_date")) for p, t in data]
    cpu = 0.0
    for _ in range(args.repeat):
        for text, ref in texts:
            forget_texts()  # no line cache left from this page's previous pass
            started = time.process_time()
            pipeline(newsift.load(text, reference_date=ref if isinstance(ref, str) else None))
            cpu += time.process_time() - started
    rate = args.repeat * len(texts) / cpu if cpu else float("inf")

    print(f"structure of text dumps, split={args.split}, {a.pages} pages "
          f"({a.pages_all_right} entirely right)")  # fmt: skip
    print(f"{'metric':34} {'newsift':>9} {'anchor':>9} {'ratio':>7}")
    rows = [(f"field accuracy: {k}", a.field_accuracy[k], b.field_accuracy[k]) for k in PAGE_FIELDS]
    rows += [
        (f"comment accuracy: {k}", a.comment_field_accuracy[k], b.comment_field_accuracy[k])
        for k in COMMENT_FIELDS
    ]
    rows += [
        ("comment boundary precision", a.comment_precision, b.comment_precision),
        ("comment boundary recall", a.comment_recall, b.comment_recall),
        ("comment boundary F1", a.comment_f1, b.comment_f1),
    ]
    for name, value, anchor in rows:
        ratio = value / anchor if anchor and not math.isnan(anchor) else math.nan
        print(f"{name:34} {_cell(value)} {_cell(anchor)} {_cell(ratio, 7, 2)}")
    print(f"{'pages per CPU-second':34} {rate:9.0f} {'':>9} {'':>7}")
    print("anchor: naive baseline (first line headline, rest body, no comments); "
          "no published dump parser exists")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
