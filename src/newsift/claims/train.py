"""Train the check-worthiness model on ClaimBuster: ``python -m newsift.claims.train``.

Positive class: ``Verdict == 1`` (check-worthy factual sentence). About 20 % of
the debates (``File_id``, chosen by the SHA-256 of its name) are held out for
validation; the decision threshold is the one with the best F1 there. Writes
``src/newsift/models/claims-v1.npz`` and prints validation precision, recall
and F1. Needs scikit-learn and SciPy (the ``train`` extra).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.claims.model import HASH_BUCKETS, MODEL_FILE, ClaimModel, features

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data" / "claims" / "claimbuster" / "crowdsourced.csv"
OUT = Path(__file__).resolve().parents[1] / "models" / MODEL_FILE
C = 2.0
VALIDATION_SHARE = 20  # percent of debates


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    positive: bool
    debate: str


@dataclass(frozen=True, slots=True)
class Figures:
    precision: float
    recall: float
    f1: float
    threshold: float
    train: int
    validation: int


def load_examples(path: Path = DATA) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Example(row["Text"], row["Verdict"].strip() == "1", row["File_id"])
            for row in csv.DictReader(handle)
        ]


def is_validation(debate: str) -> bool:
    digest = hashlib.sha256(debate.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < VALIDATION_SHARE


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    train = [e for e in examples if not is_validation(e.debate)]
    validation = [e for e in examples if is_validation(e.debate)]
    return train, validation


def matrix(texts: list[str]) -> Any:
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, text in enumerate(texts):
        found = features(text)
        rows.extend([i] * len(found))
        cols.extend(found.keys())
        vals.extend(found.values())
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), HASH_BUCKETS), dtype=np.float64)


def prf(
    scores: NDArray[np.float64], gold: NDArray[np.bool_], threshold: float
) -> tuple[float, ...]:
    predicted = scores >= threshold
    tp = float(np.sum(predicted & gold))
    p = tp / max(float(predicted.sum()), 1.0)
    r = tp / max(float(gold.sum()), 1.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(scores: NDArray[np.float64], gold: NDArray[np.bool_]) -> float:
    candidates = np.round(np.arange(0.05, 0.951, 0.01), 2)
    return float(max(candidates, key=lambda t: (prf(scores, gold, float(t))[2], -t)))


def fit(train: list[Example], c: float = C) -> tuple[NDArray[np.float32], float]:
    from sklearn.linear_model import LogisticRegression

    x = matrix([e.text for e in train])
    y = np.array([e.positive for e in train], dtype=np.int64)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(x, y)
    weights = model.coef_[0].astype(np.float32)
    return weights, float(model.intercept_[0])


def train(data: Path = DATA, out: Path | None = OUT, c: float = C) -> tuple[ClaimModel, Figures]:
    """Fit on the training debates, pick the threshold on the held-out ones, save to ``out``."""
    train_part, validation = split(load_examples(data))
    weights, bias = fit(train_part, c)
    model = ClaimModel(weights, bias, 0.5)
    scores = model.score([e.text for e in validation])
    gold = np.array([e.positive for e in validation], dtype=np.bool_)
    threshold = best_threshold(scores, gold)
    model = ClaimModel(weights, bias, threshold)
    p, r, f = prf(scores, gold, threshold)
    if out is not None:
        model.save(out)
    return model, Figures(p, r, f, threshold, len(train_part), len(validation))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--c", type=float, default=C)
    args = parser.parse_args(argv)
    _, figures = train(args.data, args.out, args.c)
    print(
        f"train {figures.train} sentences, validation {figures.validation}; "
        f"threshold {figures.threshold:.2f}: precision {figures.precision:.3f} "
        f"recall {figures.recall:.3f} F1 {figures.f1:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
