"""The input sniffer: dump or plain text, the anchor rule beside the model.

    python benchmarks/sniff.py [--part held-out|tune|train|all] [--fixtures-only]

Examples are those of ``training/sniff.py`` (``training.sniff.examples``): dumps
rendered from every HTML page of ../shared/data/extraction (adbar_eval, zyte_aeb),
the same pages' body text, PolNeAR articles, verified-claim pages, and synthetic
de/fr/es/it/nl/pt/en pages. Columns: the anchor rule (the sniffer before the
model), the model alone (p >= its threshold), and the sniffer as shipped (the
model, or the anchor rule where it says dump). The default part is ``held-out``: sites never fitted
(adbar sites in newsift.eval.lines.held_out, all of zyte_aeb, PolNeAR dev, a fifth
of the claims, synthetic seeds >= 300). Per source: accuracy, dump recall, and the
false-dump rate on plain text (1 - text recall); "anchor rule" is the sniffer
before the model (a dateline or byline in the first 12 lines, or a time or comment
header below the third line), run over today's line predicates.

Then every text fixture (tests/fixtures, src/newsift/samples, ../shared/examples):
its kind by the anchor rule and by the model, and the model's p(dump).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.paths import SHARED, SHARED_DATA  # noqa: E402
from training.sniff import examples  # noqa: E402

from newsift.ingest.sniff import shipped_model, sniff_kind, sniff_text  # noqa: E402
from newsift.text.header import parse_header_line  # noqa: E402
from newsift.text.lines import is_time, split_comment_header, split_lines  # noqa: E402

FIXTURE_FOLDERS = (
    ROOT / "tests" / "fixtures",
    ROOT / "src" / "newsift" / "samples",
    SHARED / "examples",
)


def anchor_rule(text: str) -> str:
    """The sniffer before the model, verbatim."""
    lines = [line for line in split_lines(text[:200_000]) if not line.blank]
    for line in lines[:12]:
        if parse_header_line(line.text) is not None:
            return "dump"
    if any(is_time(line.text) or split_comment_header(line.text) for line in lines[3:]):
        return "dump"
    return "text"


def _group(source: str) -> str:
    if source.startswith("synthetic-"):
        return "synthetic " + ("text" if source.endswith("-text") else "dumps")
    return source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="held-out", choices=("held-out", "tune", "train", "all"))
    parser.add_argument("--fixtures-only", action="store_true")
    args = parser.parse_args()
    if not args.fixtures_only:
        scores(args.part)
    fixtures()
    return 0


def scores(part: str) -> None:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for example in examples(SHARED_DATA):
        if part != "all" and example.part != part:
            continue
        truth = "dump" if example.dump else "text"
        sniffed = sniff_text(example.text)
        verdicts = {
            "rule": anchor_rule(example.text),
            "alone": "dump" if sniffed.p >= shipped_model().threshold else "text",
            "model": sniffed.kind,
        }
        for group in (_group(example.source), "all dumps" if example.dump else "all text"):
            row = counts[group]
            row["n"] += 1
            for name, kind in verdicts.items():
                row[name] += kind == truth
    print(f"sniffer on the {part} part: share read right (dumps: recall; text: 1 - false dumps)")
    print(f"{'source':22} {'n':>6} {'anchor rule':>12} {'model alone':>12} {'sniffer':>8}")
    for group in sorted(counts, key=lambda g: (g.startswith("all"), g)):
        row = counts[group]
        rule, alone, model = (row[k] / row["n"] for k in ("rule", "alone", "model"))
        print(f"{group:22} {row['n']:6d} {rule:12.3f} {alone:12.3f} {model:8.3f}")
    dumps, texts = counts["all dumps"], counts["all text"]
    for name, label in (("rule", "anchor rule"), ("alone", "model alone"), ("model", "sniffer")):
        right = dumps[name] + texts[name]
        total = dumps["n"] + texts["n"]
        false_dumps = texts["n"] - texts[name]
        called_dump = dumps[name] + false_dumps
        print(
            f"{label:12} accuracy {right / total:.3f}  dump recall {dumps[name] / dumps['n']:.3f}"
            f"  dump precision {dumps[name] / max(called_dump, 1):.3f}"
            f"  text precision {texts[name] / max(texts[name] + dumps['n'] - dumps[name], 1):.3f}"
            f"  false-dump rate {false_dumps / texts['n']:.3f}"
        )


def fixtures() -> None:
    print("\ntext fixtures (files whose bytes do not say html, jsonl or warc)")
    print(f"{'file':60} {'rule':>5} {'model':>6} {'p':>7}")
    for folder in FIXTURE_FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            raw = path.read_bytes()
            if sniff_kind(raw[:65536]) != "auto":
                continue
            text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
            verdict = sniff_text(text)
            name = str(path.relative_to(folder.parent))
            print(f"{name:60} {anchor_rule(text):>5} {verdict.kind:>6} {verdict.p:7.3f}")


if __name__ == "__main__":
    sys.exit(main())
