"""Train the n-gram check-worthiness model claims-v1 on ClaimBuster: ``python -m training.claims``.

Positive class: ``Verdict == 1`` (check-worthy factual sentence). The debates
(``File_id``) are split by the SHA-256 of their name: about 20 % are held out
for validation (reported, never used to choose anything), about 10 % are the
tuning part (the regularisation ``C``, the Platt calibration of the scores and
the decision threshold with the best F1 there), the rest is for fitting. The
news layer (:mod:`newsift.claims.triage`) is then fitted on the dev pages of
``benchmarks/data/claims_pages`` (never the test pages); its threshold is the
best F1 over leave-one-page-out probabilities. Writes ``claims-v1.npz`` (hashed n-grams)
and prints its validation precision, recall and F1. (The MiniLM-vector model
``claims-minilm-v1`` is retired and no longer written.) Needs scikit-learn and
SciPy (the ``train`` extra). The fine-tuned model the analyzer's cascade uses,
``claims-finetuned-v1``, is built by ``python -m training.checkworthy`` on this
module's split, threshold and news-layer fit.
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

from newsift.claims.finetuned import FineTunedClaimModel
from newsift.claims.model import HASH_BUCKETS, MODEL_FILE, ClaimModel, features
from newsift.claims.triage import NewsLayer, cue_matrix, desk_cues
from newsift.claims.types import claim_features
from newsift.eval.metrics import best_threshold, grouped_precision_at_k, prf_at_threshold
from training import claims_pages as pages
from training.paths import MODELS, SHARED_DATA

DATA = SHARED_DATA / "claims" / "claimbuster" / "crowdsourced.csv"
OUT = MODELS / MODEL_FILE
C = 2.0
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0)
VALIDATION_SHARE = 20  # percent of debates, held out and reported
TUNE_SHARE = 10  # percent of debates, for choosing C and the threshold
#: regularisation of the news layer (a few hundred sentences, 15 inputs), chosen by the
#: leave-one-page-out precision at 5 on the dev pages
NEWS_C_GRID = (0.03, 0.1, 0.3, 1.0)


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
    news_p5: float | None = None  # dev pages, leave-one-page-out, capped precision at 5
    news_c: float | None = None


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
    """Precision, recall and F1 of ``scores >= threshold`` (:mod:`newsift.eval.metrics`)."""
    found = prf_at_threshold(scores, gold, threshold)
    return found.precision, found.recall, found.f1


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
    news_pages: list[pages.NewsPage] | None = None,
) -> tuple[ClaimModel, Figures]:
    """Fit on the fit part, choose C, calibration and threshold on the tuning part, fit the
    news layer on ``news_pages`` (the dev pages), report validation."""
    fit_part, tune, validation = split3(load_examples(data))
    x_fit = matrix([e.text for e in fit_part])
    tune_gold = _labels(tune).astype(np.bool_)
    tune_texts = [e.text for e in tune]
    best: tuple[float, float, ClaimModel] | None = None
    for c in c_grid:
        weights, bias = fit(x_fit, _labels(fit_part), c)
        model = ClaimModel(weights, bias, 0.5)
        scores = model.score(tune_texts)
        threshold = best_threshold(scores, tune_gold)[0]
        f1 = prf(scores, tune_gold, threshold)[2]
        if best is None or f1 > best[0]:
            best = (f1, c, ClaimModel(weights, bias, threshold))
    assert best is not None
    model = calibrate(best[2], tune_texts, tune_gold)
    news: NewsFit | None = None
    if news_pages:
        news = fit_news(model, news_pages)
        model = replace(model, news=news.layer)
    gold = _labels(validation).astype(np.bool_)
    p, r, f = prf(model.score([e.text for e in validation]), gold, model.threshold)
    if out is not None:
        model.save(out)
    figures = Figures(
        p,
        r,
        f,
        model.threshold,
        len(fit_part),
        len(validation),
        best[1],
        model.platt,
        news.f1 if news else None,
        news.p5 if news else None,
        news.c if news else None,
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
    return replace(calibrated, threshold=best_threshold(calibrated.score(texts), gold)[0])


#: a model the news layer can sit on: it gives calibrated log-odds
NewsInput = ClaimModel | FineTunedClaimModel


def news_inputs(
    model: NewsInput, news: list[pages.NewsPage]
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]]:
    """[calibrated log-odds, cues] per sentence of the pages, the labels, the page numbers."""
    texts = [t for page in news for t in page.texts]
    cues = cue_matrix([desk_cues(t, claim_features(t)) for t in texts])
    x = np.column_stack([model.calibrated_log_odds(texts), cues])
    gold = np.array([label for page in news for label in page.labels], dtype=np.bool_)
    group = np.array([n for n, page in enumerate(news) for _ in page.texts], dtype=np.int64)
    return x, gold, group


@dataclass(frozen=True, slots=True)
class NewsFit:
    """The news layer and its leave-one-page-out figures on the dev pages."""

    layer: NewsLayer
    c: float
    f1: float
    p5: float


def fit_news(model: NewsInput, news: list[pages.NewsPage]) -> NewsFit:
    """The news layer fitted on ``news``: C from :data:`NEWS_C_GRID` by leave-one-page-out
    precision at 5 (then F1), the threshold by leave-one-page-out F1."""
    x, gold, group = news_inputs(model, news)
    best: tuple[float, float, float, float] | None = None
    for c in NEWS_C_GRID:
        held_out = np.zeros(len(gold), dtype=np.float64)
        for page in range(len(news)):
            rest = group != page
            weights, bias = _fit_dense(x[rest], gold[rest], c)
            held_out[~rest] = _probabilities(x[~rest], weights, bias)
        threshold = best_threshold(held_out, gold)[0]
        f1 = prf(held_out, gold, threshold)[2]
        p5 = grouped_precision_at_k(held_out, gold, group)
        if best is None or (p5, f1) > (best[0], best[1]):
            best = (p5, f1, c, threshold)
    assert best is not None
    p5, f1, c, threshold = best
    weights, bias = _fit_dense(x, gold, c)
    return NewsFit(NewsLayer(weights, bias, threshold), c, f1, p5)


def _fit_dense(
    x: NDArray[np.float64], gold: NDArray[np.bool_], c: float
) -> tuple[NDArray[np.float64], float]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=c, solver="lbfgs", max_iter=1000)
    fitted.fit(x, gold.astype(np.int64))
    return fitted.coef_[0].astype(np.float64), float(fitted.intercept_[0])


def _probabilities(
    x: NDArray[np.float64], weights: NDArray[np.float64], bias: float
) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def refit_news(models: Path) -> int:
    """Fit the news layer of the calibrated model in ``models`` again on the dev pages."""
    dev_pages = pages.load_pages("dev")
    model = ClaimModel.load(models / MODEL_FILE)
    news = fit_news(model, dev_pages)
    replace(model, news=news.layer).save(models / MODEL_FILE)
    print(
        f"{MODEL_FILE}: news layer C {news.c}, threshold {news.layer.threshold:.2f}, "
        f"leave-one-page-out F1 {news.f1:.3f}, precision at 5 {news.p5:.3f}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--models", type=Path, default=MODELS, help="folder to write into")
    parser.add_argument(
        "--news-only",
        action="store_true",
        help="refit only the news layer of the model in --models (same result as a full run)",
    )
    args = parser.parse_args(argv)
    if args.news_only:
        return refit_news(args.models)
    dev_pages = pages.load_pages("dev") if pages.available() else None
    if dev_pages is None:
        print("news pages' text not found: the model gets no news layer")
    model, figures = train(args.data, args.models / MODEL_FILE, news_pages=dev_pages)
    print(
        f"{MODEL_FILE}: fit {figures.train} sentences, C {figures.c}, Platt "
        f"{figures.platt[0]:.3f}/{figures.platt[1]:.3f}, threshold "
        f"{figures.threshold:.2f} (tuning part); validation {figures.validation}: "
        f"precision {figures.precision:.3f} recall {figures.recall:.3f} F1 {figures.f1:.3f}"
    )
    if model.news is not None and figures.news_f1 is not None:
        weights = ", ".join(f"{name} {w:+.2f}" for name, w in model.news.explain())
        print(
            f"  news layer (dev pages): C {figures.news_c}, threshold "
            f"{model.news.threshold:.2f}; leave-one-page-out F1 {figures.news_f1:.3f}, "
            f"precision at 5 (capped) {figures.news_p5:.3f}; bias {model.news.bias:+.2f}, "
            f"{weights}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
