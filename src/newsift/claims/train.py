"""Train the check-worthiness models on ClaimBuster: ``python -m newsift.claims.train``.

Positive class: ``Verdict == 1`` (check-worthy factual sentence). The debates
(``File_id``) are split by the SHA-256 of their name: about 20 % are held out
for validation (reported, never used to choose anything), about 10 % are the
tuning part (the regularisation ``C``, the Platt calibration of the scores and
the decision threshold with the best F1 there), the rest is for fitting. The
news layer (:mod:`newsift.claims.triage`) is then fitted on the dev pages of
``benchmarks/data/claims_pages`` (never the test pages); its threshold is the
best F1 over leave-one-page-out probabilities. Writes ``claims-v1.npz`` (hashed n-grams)
and, with ``--encoder minilm`` (the default when the minilm extra is
installed), also ``claims-minilm-v1.npz`` (n-grams plus MiniLM vectors), and
prints validation precision, recall and F1 of each. Needs scikit-learn and
SciPy (the ``train`` extra).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.claims import pages
from newsift.claims.model import (
    DENSE_SCALE,
    ENCODER_MODEL_FILE,
    HASH_BUCKETS,
    MODEL_FILE,
    ClaimModel,
    features,
)
from newsift.claims.triage import NewsLayer, cue_matrix, desk_cues
from newsift.claims.types import claim_features
from newsift.encoders import ENCODER_CHOICES, choose_encoder

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data" / "claims" / "claimbuster" / "crowdsourced.csv"
MODELS = Path(__file__).resolve().parents[1] / "models"
OUT = MODELS / MODEL_FILE
C = 2.0
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0)
VALIDATION_SHARE = 20  # percent of debates, held out and reported
TUNE_SHARE = 10  # percent of debates, for choosing C and the threshold
NEWS_C = 1.0  # regularisation of the news layer (a few hundred sentences, 15 inputs)


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
    c: float
    platt: tuple[float, float] = (1.0, 0.0)
    news_f1: float | None = None  # dev pages, leave-one-page-out


def load_examples(path: Path = DATA) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Example(row["Text"], row["Verdict"].strip() == "1", row["File_id"])
            for row in csv.DictReader(handle)
        ]


def _percentile(debate: str) -> int:
    digest = hashlib.sha256(debate.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100


def is_validation(debate: str) -> bool:
    return _percentile(debate) < VALIDATION_SHARE


def is_tuning(debate: str) -> bool:
    return VALIDATION_SHARE <= _percentile(debate) < VALIDATION_SHARE + TUNE_SHARE


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """(everything not held out, validation): the validation part never changes."""
    train = [e for e in examples if not is_validation(e.debate)]
    validation = [e for e in examples if is_validation(e.debate)]
    return train, validation


def split3(examples: list[Example]) -> tuple[list[Example], list[Example], list[Example]]:
    """(fit, tune, validation) by debate."""
    rest, validation = split(examples)
    fit_part = [e for e in rest if not is_tuning(e.debate)]
    tune = [e for e in rest if is_tuning(e.debate)]
    return fit_part, tune, validation


def matrix(texts: list[str], encoder: Any = None) -> Any:
    from scipy.sparse import csr_matrix, hstack

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, text in enumerate(texts):
        found = features(text)
        rows.extend([i] * len(found))
        cols.extend(found.keys())
        vals.extend(found.values())
    sparse = csr_matrix((vals, (rows, cols)), shape=(len(texts), HASH_BUCKETS), dtype=np.float64)
    if encoder is None:
        return sparse
    dense = np.asarray(encoder.encode(texts), dtype=np.float64) * DENSE_SCALE
    return hstack([sparse, csr_matrix(dense)], format="csr")


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


def fit(x: Any, y: NDArray[np.int64], c: float) -> tuple[NDArray[np.float32], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(x, y)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def _labels(examples: list[Example]) -> NDArray[np.int64]:
    return np.array([e.positive for e in examples], dtype=np.int64)


def train(
    data: Path = DATA,
    out: Path | None = OUT,
    c_grid: tuple[float, ...] = C_GRID,
    encoder: Any = None,
    news_pages: list[pages.NewsPage] | None = None,
) -> tuple[ClaimModel, Figures]:
    """Fit on the fit part, choose C, calibration and threshold on the tuning part, fit the
    news layer on ``news_pages`` (the dev pages), report validation."""
    fit_part, tune, validation = split3(load_examples(data))
    x_fit = matrix([e.text for e in fit_part], encoder)
    tune_gold = _labels(tune).astype(np.bool_)
    tune_texts = [e.text for e in tune]
    best: tuple[float, float, ClaimModel] | None = None
    for c in c_grid:
        weights, bias = fit(x_fit, _labels(fit_part), c)
        model = _model(weights, bias, 0.5, encoder)
        scores = model.score(tune_texts)
        threshold = best_threshold(scores, tune_gold)
        f1 = prf(scores, tune_gold, threshold)[2]
        if best is None or f1 > best[0]:
            best = (f1, c, _model(weights, bias, threshold, encoder))
    assert best is not None
    model = calibrate(best[2], tune_texts, tune_gold)
    news_f1 = None
    if news_pages:
        layer, news_f1 = fit_news(model, news_pages)
        model = replace(model, news=layer)
    gold = _labels(validation).astype(np.bool_)
    p, r, f = prf(model.score([e.text for e in validation]), gold, model.threshold)
    if out is not None:
        model.save(out)
    figures = Figures(
        p, r, f, model.threshold, len(fit_part), len(validation), best[1], model.platt, news_f1
    )
    return model, figures


def platt(logits: NDArray[np.float64], gold: NDArray[np.bool_]) -> tuple[float, float]:
    """Slope and intercept of a one-input logistic regression of ``gold`` on ``logits``."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    fitted.fit(logits.reshape(-1, 1), gold.astype(np.int64))
    return float(fitted.coef_[0][0]), float(fitted.intercept_[0])


def calibrate(model: ClaimModel, texts: list[str], gold: NDArray[np.bool_]) -> ClaimModel:
    """``model`` with Platt scaling and the best-F1 threshold, both fitted on the tuning part."""
    slope, intercept = platt(model.logits(texts), gold)
    calibrated = replace(model, platt=(slope, intercept))
    return replace(calibrated, threshold=best_threshold(calibrated.score(texts), gold))


def news_inputs(
    model: ClaimModel, news: list[pages.NewsPage]
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]]:
    """[calibrated log-odds, cues] per sentence of the pages, the labels, the page numbers."""
    texts = [t for page in news for t in page.texts]
    cues = cue_matrix([desk_cues(t, claim_features(t)) for t in texts])
    x = np.column_stack([model.calibrated_log_odds(texts), cues])
    gold = np.array([label for page in news for label in page.labels], dtype=np.bool_)
    group = np.array([n for n, page in enumerate(news) for _ in page.texts], dtype=np.int64)
    return x, gold, group


def fit_news(model: ClaimModel, news: list[pages.NewsPage]) -> tuple[NewsLayer, float]:
    """The news layer fitted on ``news`` and its leave-one-page-out F1 at its threshold."""
    x, gold, group = news_inputs(model, news)
    held_out = np.zeros(len(gold), dtype=np.float64)
    for page in range(len(news)):
        rest = group != page
        weights, bias = _fit_dense(x[rest], gold[rest])
        held_out[~rest] = _probabilities(x[~rest], weights, bias)
    threshold = best_threshold(held_out, gold)
    weights, bias = _fit_dense(x, gold)
    return NewsLayer(weights, bias, threshold), prf(held_out, gold, threshold)[2]


def _fit_dense(
    x: NDArray[np.float64], gold: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], float]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=NEWS_C, solver="lbfgs", max_iter=1000)
    fitted.fit(x, gold.astype(np.int64))
    return fitted.coef_[0].astype(np.float64), float(fitted.intercept_[0])


def _probabilities(
    x: NDArray[np.float64], weights: NDArray[np.float64], bias: float
) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def _model(weights: NDArray[np.float32], bias: float, threshold: float, encoder: Any) -> ClaimModel:
    if encoder is None:
        return ClaimModel(weights, bias, threshold)
    return ClaimModel(weights[:HASH_BUCKETS], bias, threshold, weights[HASH_BUCKETS:], encoder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--models", type=Path, default=MODELS, help="folder to write into")
    parser.add_argument("--encoder", choices=ENCODER_CHOICES, default="auto")
    args = parser.parse_args(argv)
    runs: list[tuple[str, Any]] = [(MODEL_FILE, None)]
    chosen = choose_encoder(args.encoder)
    if chosen is not None:
        from newsift.encoders.cache import KnownVectors, cached_minilm

        texts = [e.text for e in load_examples(args.data)]  # encoded once, as one cached list
        known = KnownVectors(dict(zip(texts, cached_minilm(texts), strict=True)), chosen)
        runs.append((ENCODER_MODEL_FILE, known))
    dev_pages = pages.load_pages("dev") if pages.available() else None
    if dev_pages is None:
        print("news pages' text not found: the models get no news layer")
    for file_name, encoder in runs:
        model, figures = train(
            args.data, args.models / file_name, encoder=encoder, news_pages=dev_pages
        )
        print(
            f"{file_name}: fit {figures.train} sentences, C {figures.c}, Platt "
            f"{figures.platt[0]:.3f}/{figures.platt[1]:.3f}, threshold "
            f"{figures.threshold:.2f} (tuning part); validation {figures.validation}: "
            f"precision {figures.precision:.3f} recall {figures.recall:.3f} F1 {figures.f1:.3f}"
        )
        if model.news is not None and figures.news_f1 is not None:
            weights = ", ".join(f"{name} {w:+.2f}" for name, w in model.news.explain())
            print(
                f"  news layer (dev pages): threshold {model.news.threshold:.2f}, "
                f"leave-one-page-out F1 {figures.news_f1:.3f}; bias {model.news.bias:+.2f}, "
                f"{weights}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
