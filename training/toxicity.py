"""Train the comment models: ``python -m training.toxicity``.

Reads ``../shared/data/comments`` (see ``training.comments_data`` for the split:
20 % of each corpus by text hash is left for the benchmark, 10 % is validation)
and writes ``src/newsift/models/toxicity-v1.npz``. Per head: logistic
regression (liblinear, L2; C picked from a small grid on validation; the UCC
heads are also tried stacked on the five score heads' raw outputs, folded
back into one linear head since those outputs are linear in the features, and
the variant with the better validation AUC is kept), Platt
scaling fitted on the validation scores, and the threshold with the best
validation F1 (macro-F1 for ``offensive`` and ``targeted``). The span tagger is
a multinomial logistic regression on words of the typed Toxic Spans comments;
its threshold is the one with the best validation character F1 on the
SemEval-2021 posts, and so is the relative cut used in a comment judged
offensive (a share of its likeliest offending word's score, with a floor).
Needs scikit-learn and SciPy (the ``train`` extra).

The fine-tuned model ``toxicity-minilm-v2`` is built on top of this file's heads:
``python -m training.comments`` fine-tunes the encoder and ``python -m
training.toxicity_stack`` fits its heads, so run those after this. (The retired
``toxicity-minilm-v1`` fitted heads on frozen MiniLM vectors with a gated SOCC
news-comment term; ``train_head`` still takes dense ``vectors`` of
:data:`DENSE_SIZE`.)
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.comments import patterns
from newsift.comments.features import (
    COMMENT_BUCKETS,
    PATTERN_VALUE,
    TOKEN_BUCKETS,
    comment_features,
    pattern_bucket,
    rewritten,
    token_features,
)
from newsift.comments.model import (
    ENCODER_MODEL_FILE,
    MODEL_FILE,
    SCORES,
    SPAN_LABELS,
    TARGETS,
    ToxicityModel,
)
from newsift.eval.metrics import best_threshold, char_f1
from newsift.eval.metrics import f1_at_threshold as f1
from newsift.eval.metrics import macro_f1_at_threshold as macro_f1
from newsift.eval.metrics import roc_auc as auc
from training import comments_data as data
from training.paths import MODELS, ROOT

FUNCTIONAL_CASES = ROOT / "tests" / "comments" / "functional" / "cases.py"
#: L2 penalty of the pattern offsets fitted on the functional dev cases
OFFSET_L2 = 1.0
C_GRID = (0.25, 1.0, 4.0)
DENSE_SIZE = 384  # all-MiniLM-L6-v2 vectors, the dense ``vectors`` a head may be trained on
DENSE_SCALES = (1.0, 2.0)  # MiniLM vector weight against the two unit-length n-gram halves
UCC_OFFENSIVE = ("hostile", "antagonize")  # the UCC attributes that count as offensive
NEWS_WEIGHT = 2.0  # UCC comments count twice as much as OLID tweets for `offensive`
SOCC_WEIGHT = 5.0  # SOCC comments, the closest to the target domain, five times
DAVIDSON_WEIGHT = 0.5  # Davidson tweets (77 % offensive) half as much
NONE_TOKEN_SHARE = 0.2  # share of unlabelled words kept for the span tagger
#: inverse L2 strength of the span tagger: of 0.25, 0.5, 1, 4 (before session 9) and 16,
#: the best validation character F1 at each one's best threshold (0.645 against 0.642)
SPAN_C = 1.0
#: in a comment judged offensive, a word is offending at a share of the likeliest word's
#: score, with a floor (session 13): the pair with the best validation character F1
SPAN_FLOORS = (0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2)
SPAN_RATIOS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
SEED = 13
RARE_TYPE_SHARE = 1 / 3  # identity attack, threat, profanity: one annotator in three suffices


@dataclass
class HeadData:
    """Texts, labels and weights of one head, for the train and the validation part."""

    texts: dict[str, list[str]] = field(default_factory=lambda: {"train": [], "validation": []})
    labels: dict[str, list[bool]] = field(default_factory=lambda: {"train": [], "validation": []})
    weights: dict[str, list[float]] = field(default_factory=lambda: {"train": [], "validation": []})

    def add(
        self,
        text: str,
        label: bool,
        weight: float = 1.0,
        *,
        train_only: bool = False,
    ) -> None:
        """Add a row to its part; ``train_only`` rows never enter validation (calibration)."""
        where = data.part(text)
        if where == "test" or (train_only and where == "validation"):
            return
        self.texts[where].append(text)
        self.labels[where].append(label)
        self.weights[where].append(weight)


@dataclass(frozen=True, slots=True)
class Corpora:
    olid: list[data.Olid]
    davidson: list[data.Labelled]
    ucc: list[data.Labelled]
    socc: list[data.Labelled]
    typed: list[data.Typed]
    semeval: list[data.Spans]
    #: (text, expect, template) of the functional tests' dev half: they fit the pattern offsets
    augmented: list[tuple[str, str, str]] = field(default_factory=list)


def load(root: Path = data.DATA) -> Corpora:
    return Corpora(
        data.olid(root), data.davidson(root), data.ucc(root), data.socc(root), data.typed(root),
        data.semeval_spans(root), augmented_cases(),
    )  # fmt: skip


def augmented_cases(
    cases_file: Path = FUNCTIONAL_CASES, leave_out: Sequence[str] = ()
) -> list[tuple[str, str, str]]:
    """``(text, expect, template)`` of the functional tests' **dev** half
    (:func:`pattern_offsets`), without the behaviours in ``leave_out``.

    Only the dev half is ever read (the test half's templates and names stay
    unseen); without the file (an installed package) there are none.
    """
    if not cases_file.is_file():
        return []
    spec = importlib.util.spec_from_file_location("functional_cases", cases_file)
    if spec is None or spec.loader is None:
        return []
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return [
        (case.text, case.expect, case.template)
        for case in module.cases("dev")
        if case.behaviour not in leave_out
    ]


def head_data(
    corpora: Corpora, typed_weight: float = 0.0, socc_weight: float = SOCC_WEIGHT
) -> dict[str, HeadData]:
    """Which corpus rows train which head, and with what label.

    ``typed_weight`` above 0 adds the toxic Toxic Spans comments to ``offensive``;
    ``socc_weight`` 0 leaves SOCC out of it (the retired MiniLM model did both).
    """
    heads: dict[str, HeadData] = {}
    benign_news = [row.text for row in corpora.ucc if not row.labels["unhealthy"]] + [
        row.text for row in corpora.socc if not row.labels["toxic"]
    ]
    offensive = heads["offensive"] = HeadData()
    for tweet in corpora.olid:
        offensive.add(tweet.text, tweet.a == "OFF")
    for row in corpora.davidson:
        offensive.add(row.text, row.labels["offensive"], DAVIDSON_WEIGHT, train_only=True)
    for row in corpora.socc if socc_weight else ():
        offensive.add(row.text, row.labels["toxic"], socc_weight)
    for comment in corpora.typed if typed_weight else ():
        if max(comment.share.values()) >= 0.5:  # Civil Comments toxic, half the annotators
            offensive.add(comment.text, True, typed_weight, train_only=True)
    for row in corpora.ucc:
        hostile = any(row.labels[a] for a in UCC_OFFENSIVE)
        if hostile or not row.labels["unhealthy"]:
            offensive.add(row.text, hostile, NEWS_WEIGHT)
    for kind in ("insult", "identity_attack", "threat", "profanity"):
        head = heads[kind] = HeadData()
        floor = 0.5 if kind == "insult" else RARE_TYPE_SHARE
        for comment in corpora.typed:
            head.add(comment.text, comment.share[kind] >= floor - 1e-9)
        for text in benign_news:
            head.add(text, False)
        for tweet in corpora.olid:
            if tweet.a == "NOT":
                head.add(tweet.text, False)
    targeted = heads["targeted"] = HeadData()
    for tweet in corpora.olid:
        if tweet.b is not None:
            targeted.add(tweet.text, tweet.b == "TIN")
    for target, code in zip(TARGETS, ("IND", "GRP", "OTH"), strict=True):
        head = heads[f"target_{target}"] = HeadData()
        for tweet in corpora.olid:
            if tweet.c is not None:
                head.add(tweet.text, tweet.c == code)
    for attribute in data.UCC_ATTRIBUTES:
        head = heads[f"ucc_{attribute}"] = HeadData()
        for row in corpora.ucc:
            head.add(row.text, row.labels[attribute])
    return heads


class FeatureCache:
    """Comment feature rows, computed once per distinct text."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[int, float]] = {}

    def matrix(self, texts: Sequence[str]) -> Any:
        from scipy.sparse import csr_matrix

        indptr, cols, vals = [0], list[int](), list[float]()
        for text in texts:
            found = self._rows.get(text)
            if found is None:
                found = self._rows[text] = comment_features(text)
            cols.extend(found.keys())
            vals.extend(found.values())
            indptr.append(len(cols))
        return csr_matrix(
            (np.array(vals), np.array(cols, dtype=np.int64), np.array(indptr)),
            shape=(len(texts), COMMENT_BUCKETS),
        )


@dataclass(frozen=True, slots=True)
class Head:
    """One fitted head: n-gram ``weights``, ``dense`` MiniLM weights (or ``None``), calibration."""

    name: str
    weights: NDArray[np.float64]
    bias: float
    a: float
    b: float
    threshold: float
    report: str
    auc: float = float("nan")
    dense: NDArray[np.float64] | None = None

    def raw(self, x: Any, vectors: NDArray[np.float64] | None) -> NDArray[np.float64]:
        """Raw scores of the rows of ``x`` (sparse n-grams) and their MiniLM ``vectors``."""
        out = np.asarray(x @ self.weights, dtype=np.float64) + self.bias
        if self.dense is not None and vectors is not None:
            out += vectors @ self.dense
        return out


def design(x: Any, vectors: NDArray[np.float64] | None, scale: float, base: Sequence[Head]) -> Any:
    """The fitting matrix: n-grams, MiniLM vectors times ``scale``, one column per base head."""
    from scipy.sparse import csr_matrix, hstack

    blocks = [x]
    if vectors is not None:
        blocks.append(csr_matrix(vectors * scale))
    if base:
        blocks.append(csr_matrix(np.column_stack([h.raw(x, vectors) for h in base])))
    return hstack(blocks, format="csr") if len(blocks) > 1 else x


def unpack(
    coef: NDArray[np.float64], intercept: float, scale: float | None, base: Sequence[Head]
) -> tuple[NDArray[np.float64], NDArray[np.float64] | None, float]:
    """``(n-gram weights, dense weights, bias)`` of a fitted row of coefficients.

    The dense weights absorb ``scale``; a stacked head is folded back into one
    linear head, since the base heads' scores are linear in the features.
    """
    weights = coef[:COMMENT_BUCKETS].copy()
    at = COMMENT_BUCKETS
    dense = None
    if scale is not None:
        dense = coef[at : at + DENSE_SIZE] * scale
        at += DENSE_SIZE
    for k, h in enumerate(base):
        weights += coef[at + k] * h.weights
        intercept += float(coef[at + k]) * h.bias
        if dense is not None and h.dense is not None:
            dense += coef[at + k] * h.dense
    return weights, dense, intercept


def train_head(
    name: str,
    head: HeadData,
    cache: FeatureCache,
    base: Sequence[Head] = (),
    vectors: dict[str, NDArray[np.float32]] | None = None,
) -> Head:
    """Fit, calibrate and threshold one head; with ``base``, stack on those heads' scores.

    With ``vectors`` (text -> MiniLM vector) the head also sees the vector of
    each comment (rows without one are left out of fitting) and the vector's
    scale against the n-grams is chosen with C on validation.
    """
    from sklearn.linear_model import LogisticRegression

    parts = {}
    for where in ("train", "validation"):
        keep = [i for i, t in enumerate(head.texts[where]) if vectors is None or t in vectors]
        texts = [head.texts[where][i] for i in keep]
        parts[where] = (
            cache.matrix(texts),
            None if vectors is None else np.array([vectors[t] for t in texts], np.float64),
            np.array([head.labels[where][i] for i in keep], dtype=np.bool_),
            np.array([head.weights[where][i] for i in keep]),
        )
    x_train, v_train, y_train, w_train = parts["train"]
    x_val, v_val, y_val, _ = parts["validation"]
    fitted = []
    for scale in DENSE_SCALES if vectors is not None else (None,):
        train_matrix = design(x_train, v_train, scale or 0.0, base)
        val_matrix = design(x_val, v_val, scale or 0.0, base)
        for c in C_GRID:
            model = LogisticRegression(
                C=c,
                solver="liblinear",
                dual=True,
                class_weight="balanced",
                max_iter=500,
                random_state=SEED,
            )
            model.fit(train_matrix, y_train, sample_weight=w_train)
            raw = model.decision_function(val_matrix)
            fitted.append((auc(raw, y_val), c, scale, model, raw))
    score, c, scale, model, raw = max(fitted, key=lambda item: (item[0], -item[1]))
    weights, dense, intercept = unpack(model.coef_[0], float(model.intercept_[0]), scale, base)
    tags = (" (stacked)" if base else "") + (f" (minilm x{scale})" if scale else "")
    fitted_head = Head(name, weights, intercept, 1.0, 0.0, 0.5, "", score, dense)
    return calibrate(fitted_head, raw, y_val, f"{name + tags:40s} "
        f"train {len(y_train):6d} ({int(y_train.sum()):5d}+)  C {c:<4}")  # fmt: skip


def calibrate(head: Head, raw: NDArray[np.float64], gold: NDArray[np.bool_], label: str) -> Head:
    """``head`` with Platt scaling, threshold and AUC from its validation ``raw`` scores."""
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e4).fit(raw.reshape(-1, 1), gold)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    probabilities = 1 / (1 + np.exp(-(a * raw + b)))
    measure = macro_f1 if head.name in {"offensive", "targeted"} else f1
    threshold, value = best_threshold(probabilities, gold, measure)
    score = auc(raw, gold)
    report = (
        f"{label}  val {len(gold):5d} ({int(gold.sum()):4d}+)  AUC {score:.3f}  "
        f"{'macro-F1' if measure is macro_f1 else 'F1'} {value:.3f} at {threshold:.2f}"
    )
    return replace(head, a=a, b=b, threshold=threshold, report=report, auc=score)


def fit_offsets(
    margin: NDArray[np.float64], cues: NDArray[np.float64], gold: NDArray[np.float64], l2: float
) -> NDArray[np.float64]:
    """Logistic regression of ``gold`` (0 or 1) on ``cues`` with ``margin`` as a fixed offset."""
    offsets = np.zeros(cues.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(margin + cues @ offsets)))
        gradient = cues.T @ (p - gold) + l2 * offsets
        hessian = (cues.T * (p * (1 - p))) @ cues + l2 * np.eye(cues.shape[1])
        step = np.linalg.solve(hessian, gradient)
        offsets -= step
        if np.abs(step).max() < 1e-8:
            break
    return offsets


def pattern_offsets(
    head: Head,
    raw: Callable[[list[str]], NDArray[np.float64]],
    augmented: Sequence[tuple[str, str, str]],
    log: Callable[[str], None],
) -> Head:
    """``head`` (``offensive``) with its pattern-cue weights refitted on the functional dev cases.

    The corpora say little about counter-speech, coded jibes or scare quotes,
    so each cue of :data:`newsift.comments.patterns.CUES` gets an offset, fitted
    by L2 logistic regression on the dev cases (offensive or not) with the
    head's decision margin (calibrated score minus the threshold's log-odds) as
    a fixed offset, and added to the weight of that cue's bucket. Only the cue
    weights change, so comments without a cue keep their score. The log gives
    the dev accuracy with offsets fitted on the other half of the templates.
    """
    rows = [row for row in augmented if row[1] != "untargeted"]
    if not rows:
        return head
    texts = [text for text, _, _ in rows]
    gold = np.array([expect == "offensive" for _, expect, _ in rows], dtype=np.float64)
    cues = np.array([[float(c in rewritten(t)[1]) for c in patterns.CUES] for t in texts])
    threshold_logit = float(np.log(head.threshold / (1 - head.threshold)))
    margin = head.a * raw(texts) + head.b - threshold_logit
    fold = np.array([template_half(template) for _, _, template in rows])
    correct = []
    for k in (0, 1):
        fitted = fit_offsets(margin[fold != k], cues[fold != k], gold[fold != k], OFFSET_L2)
        decided = margin[fold == k] + cues[fold == k] @ fitted > 0
        correct.extend(decided == (gold[fold == k] > 0))
    offsets = fit_offsets(margin, cues, gold, OFFSET_L2)
    before = float(np.mean((margin > 0) == (gold > 0)))
    log(
        f"pattern offsets ({len(rows)} dev cases): accuracy {before:.3f} without, "
        f"{float(np.mean(correct)):.3f} cross-fitted by halves, "
        + ", ".join(f"{c} {o:+.2f}" for c, o in zip(patterns.CUES, offsets, strict=True))
    )
    weights = head.weights.copy()
    for cue, offset in zip(patterns.CUES, offsets, strict=True):
        weights[pattern_bucket(cue)] += offset / (head.a * PATTERN_VALUE)
    return replace(head, weights=weights)


def template_half(template: str) -> int:
    """0 or 1, fixed by the template: the two halves of the dev cases for cross-fitting."""
    return zlib.crc32(template.encode("utf-8")) % 2


def word_labels(comment: data.Typed) -> list[tuple[dict[int, float], int]]:
    """Feature rows and class index (into SPAN_LABELS) of each word of a typed comment."""
    out = []
    for start, end, found in token_features(comment.text):
        kinds = [comment.chars[i] for i in range(start, end) if i in comment.chars]
        label = SPAN_LABELS.index(max(sorted(set(kinds)), key=kinds.count)) if kinds else 0
        out.append((found, label))
    return out


def train_spans(
    corpora: Corpora, log: Callable[[str], None]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rng = random.Random(SEED)
    indptr, cols, vals, labels = [0], list[int](), list[float](), list[int]()
    for comment in corpora.typed:
        if data.part(comment.text) != "train":
            continue
        for found, label in word_labels(comment):
            if label == 0 and rng.random() > NONE_TOKEN_SHARE:
                continue
            cols.extend(found.keys())
            vals.extend(found.values())
            indptr.append(len(cols))
            labels.append(label)
    x = csr_matrix(
        (np.array(vals), np.array(cols, dtype=np.int64), np.array(indptr)),
        shape=(len(labels), TOKEN_BUCKETS),
    )
    y = np.array(labels)
    log(f"span tagger: {len(y)} words, per class {np.bincount(y, minlength=len(SPAN_LABELS))}")
    model = LogisticRegression(C=SPAN_C, max_iter=300)
    model.fit(x, y)
    weights = np.zeros((len(SPAN_LABELS), TOKEN_BUCKETS))
    bias = np.zeros(len(SPAN_LABELS))
    for row, cls in enumerate(model.classes_):
        weights[int(cls)] = model.coef_[row]
        bias[int(cls)] = model.intercept_[row]
    # the unlabelled words were subsampled: restore their prior odds
    bias[0] += float(np.log(1 / NONE_TOKEN_SHARE))
    return weights, bias


def span_f1(model: ToxicityModel, posts: Sequence[data.Spans]) -> float:
    """Mean character F1 of ``model``'s spans (asked as for a comment judged offensive)."""
    return float(
        np.mean(
            [
                char_f1(
                    {i for s in model.spans(post.text) for i in range(s.start, s.end)},
                    post.offsets,
                )
                for post in posts
            ]
        )
    )


def span_threshold(model: ToxicityModel, posts: list[data.Spans]) -> tuple[float, float]:
    best = (0.5, -1.0)
    plain = replace(model, span_floor=0.0, span_ratio=0.0)
    for threshold in (0.02, 0.04, 0.06, 0.08, *np.round(np.arange(0.1, 0.91, 0.05), 2)):
        value = span_f1(replace(plain, span_threshold=float(threshold)), posts)
        if value > best[1]:
            best = (float(threshold), value)
    return best


def span_relative(
    model: ToxicityModel, posts: list[data.Spans], plain: float
) -> tuple[float, float, float]:
    """``(floor, ratio, char F1)``: the relative cut of the offending words in a comment
    judged offensive with the best validation character F1; ``(0, 0, plain)`` (the
    plain threshold, whose F1 is ``plain``) unless some pair does better."""
    best = (0.0, 0.0, plain)
    for floor in SPAN_FLOORS:
        for ratio in SPAN_RATIOS:
            value = span_f1(replace(model, span_floor=floor, span_ratio=ratio), posts)
            if value > best[2]:
                best = (floor, ratio, value)
    return best


def add_span_cut(models: Path, corpora: Corpora, log: Callable[[str], None]) -> None:
    """Choose the relative span cut for the span tagger of ``models``' ``toxicity-v1`` and
    write it into that file and ``toxicity-minilm-v2`` (same tagger), every other array
    kept as it is (``--span-cut-only``: how session 13 gave the session 9 files their cut).
    """
    posts = [p for p in corpora.semeval if data.part(p.text) == "validation"]
    model = replace(ToxicityModel.load(models / MODEL_FILE), span_floor=0.0, span_ratio=0.0)
    plain = span_f1(model, posts)
    floor, ratio, value = span_relative(model, posts, plain)
    log(f"plain threshold {model.span_threshold:.2f}: validation char F1 {plain:.3f}")
    log(f"relative span cut: floor {floor:.2f}, ratio {ratio:.2f}: validation F1 {value:.3f}")
    for name in (MODEL_FILE, ENCODER_MODEL_FILE):
        path = models / name
        with np.load(path, allow_pickle=False) as found:
            arrays = {key: found[key] for key in found.files if key != "span_relative"}
        if not np.array_equal(arrays["span_q"], found_span_q(models)):
            raise SystemExit(f"{name} has another span tagger than {MODEL_FILE}")
        if ratio > 0.0:
            arrays["span_relative"] = np.array([floor, ratio])
        np.savez_compressed(path, allow_pickle=False, **arrays)
        log(f"wrote {path}")


def found_span_q(models: Path) -> NDArray[np.int8]:
    """The int8 span tagger weights of ``models``' ``toxicity-v1``."""
    with np.load(models / MODEL_FILE, allow_pickle=False) as found:
        return np.asarray(found["span_q"])


def train_heads(corpora: Corpora, cache: FeatureCache, log: Callable[[str], None]) -> list[Head]:
    """Every n-gram head, in ``head_data`` order (UCC heads also tried stacked)."""
    heads: list[Head] = []
    for name, head in head_data(corpora).items():
        candidates = [train_head(name, head, cache)]
        if name.startswith("ucc_"):  # also try stacking; keep the better validation AUC
            base = [h for h in heads if h.name in SCORES]
            candidates.append(train_head(name, head, cache, base))
        for candidate in candidates:
            log(candidate.report)
        heads.append(max(candidates, key=lambda h: h.auc))
    return heads


def assemble(
    heads: Sequence[Head],
    spans: tuple[NDArray[np.float64], NDArray[np.float64], float],
    encoder: Any = None,
) -> ToxicityModel:
    """The model of ``heads`` and the span tagger; a dense part when any head has one."""
    span_weights, span_bias, threshold = spans
    dense = None
    rows = next((len(h.dense) for h in heads if h.dense is not None), DENSE_SIZE)
    if any(h.dense is not None for h in heads):
        dense = np.stack(
            [h.dense if h.dense is not None else np.zeros(rows) for h in heads], axis=1
        ).astype(np.float32)
    return ToxicityModel(
        heads=tuple(h.name for h in heads),
        weights=np.stack([h.weights for h in heads], axis=1).astype(np.float32),
        bias=np.array([h.bias for h in heads]),
        platt_a=np.array([h.a for h in heads]),
        platt_b=np.array([h.b for h in heads]),
        thresholds=np.array([h.threshold for h in heads]),
        span_weights=span_weights.T.astype(np.float32),
        span_bias=span_bias,
        span_threshold=threshold,
        dense=dense,
        encoder=encoder if dense is not None else None,
    )


def with_offsets(
    head: Head, corpora: Corpora, cache: FeatureCache, log: Callable[[str], None]
) -> Head:
    """The n-gram ``offensive`` head with its pattern offsets; any other head as it is."""
    if head.name != "offensive":
        return head
    return pattern_offsets(head, lambda t: head.raw(cache.matrix(t), None), corpora.augmented, log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=data.DATA, help="comment corpora folder")
    parser.add_argument("--models", type=Path, default=MODELS, help="folder to write into")
    parser.add_argument(
        "--span-cut-only",
        action="store_true",
        help="only choose the relative span cut of the files in --models and write it in",
    )
    args = parser.parse_args(argv)
    started = time.time()

    def log(message: str) -> None:
        print(f"[{time.time() - started:6.1f}s] {message}", flush=True)

    corpora = load(args.data)
    if args.span_cut_only:
        add_span_cut(args.models, corpora, log)
        return 0
    cache = FeatureCache()
    heads = train_heads(corpora, cache, log)
    heads = [with_offsets(h, corpora, cache, log) for h in heads]
    span_weights, span_bias = train_spans(corpora, log)
    model = assemble(heads, (span_weights, span_bias, 0.5))
    posts = [p for p in corpora.semeval if data.part(p.text) == "validation"]
    threshold, value = span_threshold(model, posts)
    log(f"span threshold {threshold:.2f}: validation char F1 {value:.3f} ({len(posts)} posts)")
    model = assemble(heads, (span_weights, span_bias, threshold))
    floor, ratio, relative = span_relative(model, posts, value)
    log(f"relative span cut: floor {floor:.2f}, ratio {ratio:.2f}: validation F1 {relative:.3f}")
    out = args.models / MODEL_FILE
    replace(model, span_floor=floor, span_ratio=ratio).save(out)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
