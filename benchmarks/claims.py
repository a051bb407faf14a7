"""Check-worthy claims: validation F1 on ClaimBuster, MAP per debate, speed.

    python benchmarks/claims.py [--encoder auto|minilm|none]

1. ClaimBuster ``crowdsourced.csv``: the debates held out for validation by
   ``newsift.claims.train`` (about 20 %, by SHA-256 of the File_id; never used
   for fitting or for choosing C or the threshold). Positive class Verdict == 1.
2. CheckThat! 2020 Task 5 debates and speeches (50 transcripts, none used in
   training): every sentence of a transcript is ranked by score and the average
   precision of that ranking is taken; MAP is their mean over the transcripts
   with at least one positive. Transcripts of a debate that ClaimBuster also
   holds (same date within a day) are left out, since their sentences were
   training data. The random baseline is computed, not published: the expected
   AP of a random ranking is about positives / sentences per transcript.

The published anchors are on other splits and setups (ClaimBuster's test sets,
CheckThat! test debates), so they locate the models, they are not a
like-for-like comparison. With the minilm extra both shipped models are
measured; MiniLM vectors are cached under $NEWSIFT_CACHE.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import time

import numpy as np
from numpy.typing import NDArray

from newsift.claims.model import ClaimModel
from newsift.claims.train import DATA, load_examples, prf, split
from newsift.encoders import ENCODER_CHOICES, choose_encoder
from newsift.encoders.cache import CachedMiniLM

DEBATES = DATA.parents[1] / "checkthat2020_task5_debates" / "train"
F1_ANCHORS = (
    ("CheckThat! 2023 1B winner (OpenFact), F1", 0.898),
    ("CheckThat! 2024 winner (FactFinders), F1", 0.802),
    ("Full Fact claim detection, F1", 0.83),
)
MACRO_ANCHORS = (
    ("ClaimBuster SVM, macro-F1", 0.831),
    ("ClaimBuster BERT, macro-F1", 0.880),
)
MAP_ANCHOR = ("CheckThat! 2020 Task 5 best run, test debates (approx.)", 0.087)


def average_precision(scores: NDArray[np.float64], gold: NDArray[np.bool_]) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = gold[order]
    if not hits.any():
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())


def read_debates(
    claimbuster_dates: set[dt.date],
) -> tuple[dict[str, tuple[list[str], NDArray[np.bool_]]], list[str]]:
    kept: dict[str, tuple[list[str], NDArray[np.bool_]]] = {}
    skipped: list[str] = []
    for path in sorted(DEBATES.glob("*.tsv")):
        day = dt.datetime.strptime(path.name[:8], "%Y%m%d").date()
        if any(abs((day - other).days) <= 1 for other in claimbuster_dates):
            skipped.append(path.stem)
            continue
        texts, labels = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                texts.append(parts[2])
                labels.append(parts[3].strip() == "1")
        if any(labels):
            kept[path.stem] = (texts, np.array(labels, dtype=np.bool_))
    return kept, skipped


def rows_for(
    model: ClaimModel, debates: dict[str, tuple[list[str], NDArray[np.bool_]]]
) -> list[tuple[str, float, str, float]]:
    _, validation = split(load_examples(DATA))
    texts = [e.text for e in validation]
    gold = np.array([e.positive for e in validation], dtype=np.bool_)
    start = time.process_time()
    scores = model.score(texts)
    cpu = max(time.process_time() - start, 1e-9)
    p, r, f = prf(scores, gold, model.threshold)
    negative = scores < model.threshold
    tn = float(np.sum(negative & ~gold))
    p_neg, r_neg = tn / max(float(negative.sum()), 1.0), tn / max(float((~gold).sum()), 1.0)
    macro = (f + (2 * p_neg * r_neg / (p_neg + r_neg) if p_neg + r_neg else 0.0)) / 2
    aps = [average_precision(model.score(t), g) for t, g in debates.values()]
    name = model.name
    rows: list[tuple[str, float, str, float]] = [
        (f"{name}: validation precision", p, "", 0.0),
        (f"{name}: validation recall", r, "", 0.0),
    ]
    rows += [(f"{name}: validation F1", f, label, anchor) for label, anchor in F1_ANCHORS]
    rows += [
        (f"{name}: validation macro-F1", macro, label, anchor) for label, anchor in MACRO_ANCHORS
    ]
    rows.append(
        (f"{name}: debates MAP ({len(aps)} transcripts)", statistics.fmean(aps), *MAP_ANCHOR)
    )
    rows.append((f"{name}: sentences per CPU-second (validation)", len(texts) / cpu, "", 0.0))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default="auto")
    args = parser.parse_args()
    if not DATA.is_file() or not DEBATES.is_dir():
        print(f"claims data not found under {DATA.parents[1]}", file=sys.stderr)
        return 1
    claimbuster_dates = {
        dt.datetime.strptime(e.debate[:10], "%Y-%m-%d").date() for e in load_examples(DATA)
    }
    debates, skipped = read_debates(claimbuster_dates)
    random_map = statistics.fmean(float(g.mean()) for _, g in debates.values())
    models = [ClaimModel.load(encoder="none")]
    if choose_encoder(args.encoder) is not None:
        shipped = ClaimModel.load(encoder="minilm")
        models.append(dataclasses.replace(shipped, encoder=CachedMiniLM()))
    print(f"debates: {len(debates)} transcripts kept; left out as also in ClaimBuster:")
    print("  " + ", ".join(skipped))
    print()
    print("| metric | ours | anchor | anchor value | ratio |")
    print("|---|---|---|---|---|")
    print(f"| random ranking: debates MAP | {random_map:.3f} | | | |")
    for model in models:
        for metric, ours, label, anchor in rows_for(model, debates):
            if label:
                print(f"| {metric} | {ours:.3f} | {label} | {anchor:.3f} | {ours / anchor:.2f} |")
            elif ours > 10:
                print(f"| {metric} | {ours:,.0f} | | | |")
            else:
                print(f"| {metric} | {ours:.3f} | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
