"""Fact-check matching: MAP@5 and MRR on the CheckThat! 2022 2A English dev queries.

    python benchmarks/claims_matching.py [--split dev|train] [--encoder auto|minilm|none]
                                         [--char-weight W] [--no-title]

Data: ../shared/data/claims/checkthat2022_task2a_en/ (see PROVENANCE.md there).
The index is built from vclaims.jsonl (14,231 Snopes fact-checks); the queries are
the tweets of CT2022-Task2A-EN-Train-Dev_Queries.tsv that have a qrel in the chosen
split. Settings were tuned on the train qrels only; the reported figure is dev. With the
MiniLM encoder (the minilm extra) the archive vectors are cached under
$NEWSIFT_CACHE (default /tmp/newsift-cache), so a second run skips encoding.
The anchors are published figures on the test queries (another split), so they
locate the matcher, they are not a like-for-like comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from newsift.claims.matching import DEFAULT_CHAR_WEIGHT, build_index, read_factchecks
from newsift.encoders import ENCODER_CHOICES, choose_encoder
from newsift.encoders.cache import CachedMiniLM

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "claims" / "checkthat2022_task2a_en"
)
QUERIES = "CT2022-Task2A-EN-Train-Dev_Queries.tsv"
QRELS = {"train": "CT2022-Task2A-EN-Train_QRELs.tsv", "dev": "CT2022-Task2A-EN-Dev_QRELs.tsv"}
ANCHORS = (
    ("TF-IDF char n-grams, CT2022 2A test (measured here)", 0.863),
    ("TF-IDF + MiniLM z-fused, CT2022 2A test (measured here)", 0.923),
    ("best CT2022 2A systems, test (approx.)", 0.95),
)
FLOOR = 0.90
K = 5


def read_queries(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            query_id, text = line.split("\t", 1)
            out[query_id.strip()] = text
    return out


def read_qrels(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[3].strip() != "0":
            out.setdefault(parts[0].strip(), set()).add(parts[2].strip())
    return out


def average_precision(ranked: list[str], relevant: set[str], k: int = K) -> float:
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    return next((1.0 / r for r, doc in enumerate(ranked, 1) if doc in relevant), 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(QRELS), default="dev")
    parser.add_argument("--char-weight", type=float, default=DEFAULT_CHAR_WEIGHT)
    parser.add_argument("--no-title", action="store_true")
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default="none")
    args = parser.parse_args()
    encoder = CachedMiniLM() if choose_encoder(args.encoder) is not None else None
    corpus = DATA / "vclaims.jsonl"
    if not corpus.is_file():
        print(f"CheckThat! 2022 2A data not found at {DATA}", file=sys.stderr)
        return 1
    records, skipped = read_factchecks(corpus)
    start = time.perf_counter()
    index = build_index(
        records, char_weight=args.char_weight, use_title=not args.no_title, encoder=encoder
    )
    build_s = time.perf_counter() - start
    queries = read_queries(DATA / QUERIES)
    qrels = read_qrels(DATA / QRELS[args.split])
    missing = sorted(q for q in qrels if q not in queries)
    aps, rrs, latencies = [], [], []
    for query_id, relevant in sorted(qrels.items()):
        if query_id not in queries:
            continue
        start = time.perf_counter()
        ranked = [fc.id for fc, _ in index.search(queries[query_id], k=100)]
        latencies.append((time.perf_counter() - start) * 1000.0)
        aps.append(average_precision(ranked, relevant))
        rrs.append(reciprocal_rank(ranked, relevant))
    map5, mrr = statistics.fmean(aps), statistics.fmean(rrs)
    print(f"archive: {len(records)} fact-checks ({skipped} lines skipped), {corpus.name}")
    print(
        f"settings: char_weight={args.char_weight} use_title={not args.no_title} "
        f"encoder={'minilm (z-fused)' if encoder else 'none (TF-IDF)'}"
    )
    print(f"queries: {len(aps)} ({args.split} qrels; {len(missing)} without query text)")
    print()
    print("| metric | value |")
    print("|---|---|")
    print(f"| MAP@5 ({args.split}) | {map5:.3f} |")
    print(f"| MRR ({args.split}) | {mrr:.3f} |")
    for name, anchor in ANCHORS:
        print(f"| ratio to {name} = {anchor:.3f} | {map5 / anchor:.3f} |")
    print(f"| floor {FLOOR:.2f} met | {'yes' if map5 >= FLOOR else 'no'} |")
    print(f"| index build (s) | {build_s:.2f} |")
    print(
        f"| query latency, median / p95 (ms) | {_quantile(latencies, 0.5):.1f} / "
        f"{_quantile(latencies, 0.95):.1f} |"
    )
    return 0


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


if __name__ == "__main__":
    sys.exit(main())
