"""Check-worthy claim detection: validation P/R/F1 of the shipped model, sentences per CPU-second.

    python benchmarks/claims.py

Data: ../shared/data/claims/claimbuster/crowdsourced.csv, the debates held out
for validation by ``newsift.claims.train`` (about 20 %, by SHA-256 of the
File_id); positive class Verdict == 1. The anchors are published figures on
other splits and setups (ClaimBuster's official test sets, Full Fact's own
data), so they locate the model, they are not a like-for-like comparison.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from newsift.claims.model import ClaimModel
from newsift.claims.train import DATA, load_examples, prf, split

ANCHORS = (
    ("ClaimBuster SVM (Arslan et al. 2020), macro-F1", 0.831),
    ("ClaimBuster BERT (Meng et al. 2020), macro-F1", 0.880),
    ("Full Fact claim detection, F1", 0.83),
)


def main() -> int:
    if not DATA.is_file():
        print(f"ClaimBuster data not found at {DATA}", file=sys.stderr)
        return 1
    model = ClaimModel.load()
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
    f_negative = 2 * p_neg * r_neg / (p_neg + r_neg) if p_neg + r_neg else 0.0
    macro = (f + f_negative) / 2
    print(f"validation: {len(texts)} sentences, {int(gold.sum())} check-worthy")
    print(f"threshold {model.threshold:.2f}")
    print(f"positive class: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"macro-F1 (both classes): {macro:.3f}")
    for label, value in ANCHORS:
        print(f"  anchor {label}: {value:.3f}")
    print(f"speed: {len(texts) / cpu:,.0f} sentences per CPU-second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
