"""Fit ``toxicity-minilm-v2``: the n-gram heads joined by the fine-tuned encoder's logits.

    python -m training.toxicity_stack [--encoder PATH]

The fine-tuned encoder (``toxicity-finetuned-v1.onnx``, ``training/comments.py``) was
trained on the train part of OLID, UCC and SOCC, so its outputs on those comments are
too good to fit anything on. Here every head of ``toxicity-v1`` that has a fine-tuned
counterpart (:data:`~newsift.comments.finetuned.LOGIT_FEATURES`: ``offensive``,
``targeted``, ``target_*``, ``ucc_*``) is refitted on the **tune** part (the corpora's
``validation`` part, which the encoder never trained on) from what the encoder
gives each comment (int8, as served): the fine-tuned logit of the head's task and
the pooled vector, beside the n-gram head's raw score. Four candidates per head,
the n-gram head alone, the logit alone, a logistic regression on both and one on
both and the pooled vector (each regression with the L2 strength of :data:`C_GRID`
that does best), compete on :data:`FOLDS`-fold cross-validated AUC on that part;
the winner is calibrated (Platt scaling, threshold) there as every head is
(:func:`training.toxicity.calibrate`). ``offensive`` then gets its pattern-cue
offsets on the functional tests' dev half (:func:`training.toxicity.pattern_offsets`).
``insult``, ``identity_attack``, ``threat``, ``profanity`` and the span tagger (with its
thresholds) stay those of ``toxicity-v1``. The test part is never read. Needs the ``train`` extra.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.comments.finetuned import (
    FEATURE_SIZE,
    LOGIT_FEATURES,
    POOLED_SIZE,
    FineTunedFeatures,
    feature_column,
)
from newsift.comments.model import (
    ENCODER_MODEL_FILE,
    FINETUNED_FILE,
    ToxicityModel,
    encoder_text,
)
from newsift.comments.vectors import cached_features
from newsift.eval.metrics import roc_auc
from training import comments_data as data
from training import toxicity as train
from training.paths import MODELS

FOLDS = 5
SEED = 13
#: inverse L2 strengths tried for the stacked candidates (chosen with the candidate by
#: cross-validated AUC on the tune part; 1.0 was the only one before session 9)
C_GRID = (0.1, 1.0, 10.0)
NAME = "toxicity-minilm-v2"
Log = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Rows:
    """One head's tune rows: n-gram raw scores, fine-tuned logits and pooled vectors, gold."""

    ngram: NDArray[np.float64]
    logit: NDArray[np.float64]
    pooled: NDArray[np.float64]
    gold: NDArray[np.bool_]


def load_features(path: Path | None) -> tuple[FineTunedFeatures, str]:
    """The fine-tuned encoder (``path``, unchecked, or the shipped hash-checked file) and
    a cache tag naming its content."""
    from newsift.encoders.finetuned import FineTunedModel
    from newsift.encoders.minilm import _sha256, models_dir

    if path is None:
        return FineTunedFeatures(FineTunedModel.load(FINETUNED_FILE)), _sha256(
            models_dir() / FINETUNED_FILE
        )[:16]
    return FineTunedFeatures(FineTunedModel.from_path(path, None)), _sha256(path)[:16]


def ngram_head(model: ToxicityModel, name: str) -> train.Head:
    """Head ``name`` of the n-gram model as the trainer's :class:`~training.toxicity.Head`."""
    k = model.column(name)
    return train.Head(
        name,
        model.weights[:, k].astype(np.float64),
        float(model.bias[k]),
        float(model.platt_a[k]),
        float(model.platt_b[k]),
        float(model.thresholds[k]),
        "",
    )


def out_of_fold(
    x: NDArray[np.float64], gold: NDArray[np.bool_], c: float = 1.0
) -> NDArray[np.float64]:
    """Each row's logistic-regression score (inverse L2 strength ``c``) from the folds
    that did not see it."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros(len(gold))
    folds = min(FOLDS, int(gold.sum()), int((~gold).sum()))
    for fit, held in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(x, gold):
        model = LogisticRegression(C=c, max_iter=1000).fit(x[fit], gold[fit])
        scores[held] = model.decision_function(x[held])
    return scores


def choose(ngram: train.Head, rows: Rows, log: Log) -> train.Head:
    """The best candidate by cross-validated AUC on the tune rows, uncalibrated.

    Candidates: the n-gram head alone, the logit alone, a logistic regression on
    both, and one on both and the pooled vector, each regression with every L2
    strength of :data:`C_GRID` (ties go to the stronger penalty).
    """
    from sklearn.linear_model import LogisticRegression

    designs = {
        "both": np.column_stack([rows.ngram, rows.logit]),
        "both+pooled": np.column_stack([rows.ngram, rows.logit, rows.pooled]),
    }
    aucs = {"n-gram": roc_auc(rows.ngram, rows.gold), "logit": roc_auc(rows.logit, rows.gold)}
    strengths: dict[str, float] = {}
    for name, x in designs.items():
        for c in C_GRID:
            value = roc_auc(out_of_fold(x, rows.gold, c), rows.gold)
            if value > aucs.get(name, -1.0):
                aucs[name], strengths[name] = value, c
    best = max(aucs, key=lambda k: aucs[k])
    log(
        f"{ngram.name:20s} tune {len(rows.gold):5d} ({int(rows.gold.sum()):4d}+)  "
        + "  ".join(
            f"{k} AUC {v:.3f}" + (f" (C {strengths[k]:g})" if k in strengths else "")
            for k, v in aucs.items()
        )
        + f"  -> {best}"
    )
    dense = np.zeros(FEATURE_SIZE)
    if best == "n-gram":
        return replace(ngram, dense=dense)
    if best == "logit":
        dense[feature_column(ngram.name)] = 1.0
        return replace(ngram, weights=np.zeros_like(ngram.weights), bias=0.0, dense=dense)
    fitted = LogisticRegression(C=strengths[best], max_iter=1000).fit(designs[best], rows.gold)
    coef = fitted.coef_[0]
    dense[feature_column(ngram.name)] = coef[1]
    if best == "both+pooled":
        dense[:POOLED_SIZE] = coef[2:]
    return replace(
        ngram,
        weights=ngram.weights * coef[0],
        bias=ngram.bias * float(coef[0]) + float(fitted.intercept_[0]),
        dense=dense,
    )


def fit(
    corpora: train.Corpora, ngram: ToxicityModel, encoder: FineTunedFeatures, tag: str, log: Log
) -> ToxicityModel:
    """The ``toxicity-minilm-v2`` model (see the module docstring)."""
    cache = train.FeatureCache()
    rows_of = train.head_data(corpora)
    wanted = {t for name in LOGIT_FEATURES for t in rows_of[name].texts["validation"]}
    wanted.update(text for text, _, _ in corpora.augmented)
    texts = sorted(wanted)
    encoded = cached_features([encoder_text(t) for t in texts], encoder, tag)
    table = dict(zip(texts, encoded, strict=True))
    log(f"fine-tuned features of {len(texts)} tune and functional dev comments")

    def vectors(found: list[str]) -> NDArray[np.float64]:
        return np.array([table[t] for t in found], dtype=np.float64).reshape(-1, FEATURE_SIZE)

    heads = []
    for name in ngram.heads:
        base = ngram_head(ngram, name)
        if name not in LOGIT_FEATURES:
            heads.append(base)
            continue
        found = rows_of[name].texts["validation"]
        x, v = cache.matrix(found), vectors(found)
        rows = Rows(
            base.raw(x, None),
            v[:, feature_column(name)],
            v[:, :POOLED_SIZE],
            np.array(rows_of[name].labels["validation"], dtype=np.bool_),
        )
        chosen = choose(base, rows, log)
        head = train.calibrate(chosen, chosen.raw(x, v), rows.gold, f"{name:40s}")
        log(head.report)
        if name == "offensive":
            head = with_offsets(head, corpora, cache, vectors, log)
        heads.append(head)
    spans = (ngram.span_weights.T.astype(np.float64), ngram.span_bias, ngram.span_threshold)
    built = train.assemble(heads, spans, encoder)
    return replace(
        built,
        label=NAME,
        encoder_file=FINETUNED_FILE,
        span_floor=ngram.span_floor,
        span_ratio=ngram.span_ratio,
    )


def with_offsets(
    head: train.Head,
    corpora: train.Corpora,
    cache: train.FeatureCache,
    vectors: Callable[[list[str]], NDArray[np.float64]],
    log: Log,
) -> train.Head:
    """``offensive`` with its pattern-cue offsets on the functional dev cases."""

    def raw(texts: list[str]) -> NDArray[np.float64]:
        return head.raw(cache.matrix(texts), vectors(texts))

    return train.pattern_offsets(head, raw, corpora.augmented, log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=data.DATA, help="comment corpora folder")
    parser.add_argument("--models", type=Path, default=MODELS, help="folder to write into")
    parser.add_argument("--encoder", type=Path, help="a fine-tuned ONNX file (default: shipped)")
    args = parser.parse_args(argv)
    started = time.time()

    def log(message: str) -> None:
        print(f"[{time.time() - started:6.1f}s] {message}", flush=True)

    encoder, tag = load_features(args.encoder)
    corpora = train.load(args.data)
    model = fit(corpora, ToxicityModel.load(encoder="none"), encoder, f"finetuned-{tag}", log)
    out = args.models / ENCODER_MODEL_FILE
    model.save(out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, sha256 {digest[:16]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
