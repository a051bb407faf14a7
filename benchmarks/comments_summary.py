"""The thread summary's figures: the "would remove" threshold and the target kinds (issue 17).

    python benchmarks/comments_summary.py

A moderator would remove a comment that SOCC's annotators called toxic or
very toxic (``is_toxic_popular_answer_1`` >= 3) or that UCC's called hostile.
Only the benchmark's held-out 20 % of each corpus (:func:`training.comments_data.part`,
never used to train or calibrate the models) is read; it is halved by a
second hash of the text into a *fit* half, where the threshold is the
offensive score at which the predicted share of removals equals the true
share, and a *report* half, where the predicted and true shares, precision
and recall are printed. The fitted thresholds are the
``REMOVE_THRESHOLDS`` of ``newsift.comments.summary``; this script prints
them and checks the shipped ones against its fit.

Then the target kind (OLID level C: individual, group, other) on OLID's
held-out tweets, every one of them targeted: macro-F1 of the model's kind
alone and of the kind after :func:`newsift.comments.analyzer.reconcile` with
the named target (the rules of ``reconcile`` were chosen on OLID's training
tweets).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import numpy as np

# training/ and tests/ live at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.comments_data import DATA, olid, part

from newsift.comments.analyzer import decide_target, reconcile
from newsift.comments.model import ToxicityModel
from newsift.comments.summary import REMOVE_THRESHOLDS
from newsift.comments.targets import ArticlePeople, find_target
from newsift.eval.metrics import macro_f1, prf_from_counts

KINDS = ("individual", "group", "other")
OLID_KINDS = {"IND": "individual", "GRP": "group", "OTH": "other"}


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
        removal = prf_from_counts(tp, int(flagged.sum()) - tp, int(truth.sum()) - tp, empty=1.0)
        own = float((scores[report] >= model.threshold("offensive")).mean())
        print(
            f"| {model.name} | {threshold:.4f} | {shipped:.4f} | {int(fit.sum())}/"
            f"{int(gold[fit].sum())} | {int(report.sum())} | {truth.mean():.3f} | "
            f"{flagged.mean():.3f} | {removal.precision:.3f} | {removal.recall:.3f} | {own:.3f} |"
        )
    target_kinds()
    return 0


def target_kinds() -> None:
    """OLID level C macro-F1 on held-out tweets: the model's kind, and reconciled."""
    rows = [o for o in olid() if o.c and part(o.text) == "test"]
    gold = [OLID_KINDS[o.c] for o in rows if o.c]
    people = ArticlePeople.from_people([])
    print("\n| model | OLID C tweets | model's kind | reconciled with the named target |")
    print("|---|---|---|---|")
    for encoder in ("minilm", "none"):
        model = ToxicityModel.load(encoder=encoder)
        alone, reconciled = [], []
        for row, item in zip(model.probabilities([o.text for o in rows]), rows, strict=True):
            targeted, target, political = decide_target(model, row, item.text, True)
            spans = [(s.start, s.end) for s in model.spans(item.text)]
            named = find_target(item.text, people, offending=spans)
            kept = reconcile(named, item.text, targeted, target, political)
            alone.append((target if targeted else None) or "none")
            reconciled.append((kept[1] if kept[0] else None) or "none")
        print(
            f"| {model.name} | {len(rows)} | {macro_f1(alone, gold, KINDS):.3f} | "
            f"{macro_f1(reconciled, gold, KINDS):.3f} |"
        )


if __name__ == "__main__":
    sys.exit(main())
