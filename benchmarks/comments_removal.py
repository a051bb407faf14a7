"""Calibrate the thread summary's "would remove" threshold on news comments (issue 17, item 5).

    python benchmarks/comments_removal.py

A moderator would remove a comment that SOCC's annotators called toxic or
very toxic (``is_toxic_popular_answer_1`` >= 3) or that UCC's called hostile.
Only the benchmark's held-out 20 % of each corpus (:func:`newsift.comments.data.part`,
never used to train or calibrate the models) is read; it is halved by a
second hash of the text into a *fit* half, where the threshold is the
offensive score at which the predicted share of removals equals the true
share, and a *report* half, where the predicted and true shares, precision
and recall are printed. The fitted thresholds are the
``REMOVE_THRESHOLDS`` of ``newsift.comments.summary``; this script prints
them and checks the shipped ones against its fit.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import numpy as np

from newsift.comments.data import DATA, part
from newsift.comments.model import ToxicityModel
from newsift.comments.summary import REMOVE_THRESHOLDS


def removal_labelled(root: Path = DATA) -> list[tuple[str, bool]]:
    """``(text, would remove)`` for the held-out part of SOCC and UCC."""
    rows: list[tuple[str, bool]] = []
    socc = root / "socc_ctc" / "SFU_constructiveness_toxicity.train80.csv"
    with socc.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            level = row["is_toxic_popular_answer_1"].strip()
            if level.isdigit():
                rows.append((row["comment"], int(level) >= 3))
    with (root / "ucc" / "val.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append((row["comment"], row["hostile"].strip() in {"1", "1.0"}))
    return [(text, gold) for text, gold in rows if part(text) == "test"]


def half(text: str) -> str:
    """``fit`` or ``report``, by a hash of the text other than the split's."""
    digest = hashlib.sha256(("removal:" + text.strip()).encode("utf-8")).digest()
    return "fit" if digest[0] % 2 == 0 else "report"


def share_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    """The score at which as many comments are flagged as are truly to remove."""
    positives = int(gold.sum())
    ranked = np.sort(scores)[::-1]
    if positives == 0:
        return float(ranked[0]) + 1e-4
    return float(ranked[positives - 1])


def main() -> int:
    if not DATA.exists():
        print(f"needs the shared comment corpora at {DATA}", file=sys.stderr)
        return 2
    rows = removal_labelled()
    texts = [t for t, _ in rows]
    gold = np.array([g for _, g in rows])
    halves = np.array([half(t) for t in texts])
    print(f"held-out comments: {len(rows)}, to remove: {int(gold.sum())}")
    print(
        "| model | threshold (fit) | shipped | fit n/true | report n | true share | "
        "predicted share | precision | recall | model's own flag share |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for encoder in ("minilm", "none"):
        model = ToxicityModel.load(encoder=encoder)
        scores = model.probabilities(texts)[:, model.column("offensive")]
        fit, report = halves == "fit", halves == "report"
        threshold = share_threshold(scores[fit], gold[fit])
        shipped = REMOVE_THRESHOLDS.get(model.name, float("nan"))
        flagged = scores[report] >= shipped
        truth = gold[report]
        tp = int((flagged & truth).sum())
        precision = tp / flagged.sum() if flagged.sum() else 1.0
        recall = tp / truth.sum() if truth.sum() else 1.0
        own = float((scores[report] >= model.threshold("offensive")).mean())
        print(
            f"| {model.name} | {threshold:.4f} | {shipped:.4f} | {int(fit.sum())}/"
            f"{int(gold[fit].sum())} | {int(report.sum())} | {truth.mean():.3f} | "
            f"{flagged.mean():.3f} | {precision:.3f} | {recall:.3f} | {own:.3f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
