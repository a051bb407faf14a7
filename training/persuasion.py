"""Train the technique models on PTC v2: ``python -m training.persuasion``.

Uses only the ``internal_train`` articles of the suggested split
(``splits/train-internal-split.tsv``); ``internal_dev`` stays untouched for
``benchmarks/persuasion.py``. A quarter of ``internal_train`` (by the SHA-256
of the article id) is held out first to choose the tagger's token threshold
and each model's regularisation; then both models are refit on all of
``internal_train`` and written to ``src/newsift/models/``. Needs scikit-learn
and SciPy (the ``train`` extra).
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.eval.persuasion import PRF, si_score, tc_score
from newsift.persuasion.features import (
    CLASSIFIER_BUCKETS,
    TAGGER_BUCKETS,
    ArticleContext,
    Features,
    Sentence,
    span_features,
    token_features,
)
from newsift.persuasion.labels import TECHNIQUES
from newsift.persuasion.model import (
    CLASSIFIER_FILE,
    TAGGER_FILE,
    SpanTagger,
    TechniqueClassifier,
    decode,
)
from training.paths import MODELS
from training.persuasion_data import DATA, Article, line_sentences, load_articles

TAGGER_C = (0.05, 0.1, 0.2)
CLASSIFIER_C = (0.03, 0.05, 0.1, 0.2)
#: (threshold, peak, max_gap) settings of the tagger's decoding tried on the tuning articles
DECODINGS = tuple(
    (low, high, gap)
    for gap in (3, 5, 8)
    for low in (0.1, 0.15, 0.2, 0.25)
    for high in (0.25, 0.3, 0.35, 0.4, 0.5)
    if high > low
)


def is_tuning(article_id: str) -> bool:
    """A quarter of internal_train, held out to choose thresholds and regularisation."""
    return int(hashlib.sha256(article_id.encode("ascii")).hexdigest(), 16) % 4 == 0


@dataclass(slots=True)
class Prepared:
    """An article read into sentences, with its context."""

    article: Article
    sentences: list[Sentence]
    context: ArticleContext


def prepare(articles: Sequence[Article]) -> list[Prepared]:
    out = []
    for article in articles:
        sentences = line_sentences(article.text)
        out.append(Prepared(article, sentences, ArticleContext.build(sentences, article.text)))
    return out


def covering_sentence(sentences: Sequence[Sentence], start: int, end: int) -> Sentence:
    """The sentence holding ``[start, end)``, or the sentences it spans joined into one."""
    touched = [s for s in sentences if s.tokens[0].start < end and s.tokens[-1].end > start]
    if len(touched) == 1:
        return touched[0]
    if not touched:
        return Sentence([])
    return Sentence([t for s in touched for t in s.tokens], [w for s in touched for w in s.words])


def sparse(rows: Sequence[Features], buckets: int) -> Any:
    from scipy.sparse import csr_matrix

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    index = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(indptr[-1]))
    value = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=index.size)
    return csr_matrix((value, index, indptr), shape=(len(rows), buckets))


# tagger --------------------------------------------------------------------------------
def token_rows(items: Sequence[Prepared]) -> tuple[list[Features], NDArray[np.int64]]:
    rows: list[Features] = []
    labels: list[int] = []
    for item in items:
        inside = np.zeros(len(item.article.text) + 1, dtype=np.int8)
        for a, b in item.article.si_spans:
            inside[a:b] = 1
        for sentence in item.sentences:
            rows.extend(token_features(sentence, item.context))
            labels.extend(int(inside[t.start : t.end].any()) for t in sentence.tokens)
    return rows, np.array(labels, dtype=np.int64)


def fit_tagger(items: Sequence[Prepared], c: float) -> SpanTagger:
    from sklearn.linear_model import LogisticRegression

    rows, labels = token_rows(items)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=0)
    model.fit(sparse(rows, TAGGER_BUCKETS), labels)
    return SpanTagger(model.coef_[0].astype(np.float32), float(model.intercept_[0]), 0.5, 0.5)


def tagger_score(
    tagger: SpanTagger,
    items: Sequence[Prepared],
    probabilities: dict[str, list[NDArray[np.float64]]] | None = None,
) -> PRF:
    """SI figures of ``tagger`` on ``items`` (token probabilities reused when given)."""
    predicted: dict[str, list[tuple[int, int]]] = {}
    for item in items:
        probs = (
            probabilities[item.article.id]
            if probabilities is not None
            else tagger.token_probabilities(item.sentences, item.context)
        )
        predicted[item.article.id] = [
            (span.start, span.end)
            for sentence, p in zip(item.sentences, probs, strict=True)
            for span in decode(sentence, p, tagger.threshold, tagger.peak, tagger.max_gap)
        ]
    gold = {item.article.id: list(item.article.si_spans) for item in items}
    return si_score(predicted, gold)


def best_decoding(tagger: SpanTagger, items: Sequence[Prepared]) -> tuple[SpanTagger, PRF]:
    """``tagger`` with the decoding settings that score best on ``items``."""
    probabilities = {
        item.article.id: tagger.token_probabilities(item.sentences, item.context) for item in items
    }
    scored = []
    for threshold, peak, gap in DECODINGS:
        candidate = SpanTagger(tagger.weights, tagger.bias, threshold, peak, gap)
        scored.append((candidate, tagger_score(candidate, items, probabilities)))
    return max(scored, key=lambda pair: pair[1].f1)


# classifier ----------------------------------------------------------------------------
def span_rows(items: Sequence[Prepared]) -> tuple[list[Features], list[str], list[Any]]:
    rows: list[Features] = []
    labels: list[str] = []
    keys: list[Any] = []
    for item in items:
        text = item.article.text
        for a, b, label in item.article.tc_spans:
            sentence = covering_sentence(item.sentences, a, b)
            rows.append(span_features(text, sentence, a, b, item.context))
            labels.append(label)
            keys.append((item.article.id, a, b))
    return rows, labels, keys


def fit_classifier(
    rows: Sequence[Features], labels: Sequence[str], c: float
) -> TechniqueClassifier:
    """A one-vs-rest linear SVM; its decision values go through a softmax at inference."""
    from sklearn.svm import LinearSVC

    y = np.array([TECHNIQUES.index(label) for label in labels])
    model = LinearSVC(C=c, max_iter=5000, random_state=0)
    model.fit(sparse(rows, CLASSIFIER_BUCKETS), y)
    weights = np.zeros((len(TECHNIQUES), CLASSIFIER_BUCKETS), dtype=np.float32)
    weights[model.classes_] = model.coef_.astype(np.float32)
    bias = np.full(len(TECHNIQUES), -30.0)
    bias[model.classes_] = model.intercept_
    return TechniqueClassifier(weights, bias)


def classify_gold_spans(
    classifier: TechniqueClassifier, rows: Sequence[Features], keys: Sequence[Any]
) -> list[tuple[str, int, int, str]]:
    """One prediction per gold instance: a span with k gold labels gets its top k techniques."""
    probs = classifier.probabilities(rows)
    first: dict[Any, int] = {}
    count: dict[Any, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
        count[key] = count.get(key, 0) + 1
    out = []
    for key, i in first.items():
        for j in np.argsort(-probs[i])[: count[key]]:
            out.append((*key, TECHNIQUES[int(j)]))
    return out


def classifier_score(
    classifier: TechniqueClassifier,
    rows: Sequence[Features],
    labels: Sequence[str],
    keys: Sequence[Any],
) -> PRF:
    gold = [(*k, label) for k, label in zip(keys, labels, strict=True)]
    return tc_score(classify_gold_spans(classifier, rows, keys), gold)


# main ----------------------------------------------------------------------------------
def train(data: Path = DATA, out: Path | None = MODELS, log: Any = print) -> dict[str, float]:
    articles = [a for a in load_articles(data) if a.subset == "internal_train"]
    fit_part = prepare([a for a in articles if not is_tuning(a.id)])
    tune_part = prepare([a for a in articles if is_tuning(a.id)])
    everything = fit_part + tune_part
    log(f"internal_train: {len(everything)} articles ({len(tune_part)} held out for tuning)")

    rows_fit, labels_fit, _ = span_rows(fit_part)
    rows_tune, labels_tune, keys_tune = span_rows(tune_part)
    best_c, best_f = CLASSIFIER_C[0], -1.0
    for c in CLASSIFIER_C:
        f = classifier_score(
            fit_classifier(rows_fit, labels_fit, c), rows_tune, labels_tune, keys_tune
        ).f1
        log(f"classifier C={c}: tuning micro-F1 {f:.3f}")
        if f > best_f:
            best_c, best_f = c, f
    rows_all, labels_all, _ = span_rows(everything)
    classifier = fit_classifier(rows_all, labels_all, best_c)

    best_tagger: SpanTagger | None = None
    best_tagger_c, best_si = TAGGER_C[0], -1.0
    for c in TAGGER_C:
        tuned, figures = best_decoding(fit_tagger(fit_part, c), tune_part)
        log(
            f"tagger C={c}: threshold {tuned.threshold} peak {tuned.peak} gap {tuned.max_gap}: "
            f"tuning SI F1 {figures.f1:.3f} (P {figures.precision:.3f} R {figures.recall:.3f})"
        )
        if figures.f1 > best_si:
            best_tagger, best_tagger_c, best_si = tuned, c, figures.f1
    assert best_tagger is not None
    refit = fit_tagger(everything, best_tagger_c)
    tagger = SpanTagger(
        refit.weights, refit.bias, best_tagger.threshold, best_tagger.peak, best_tagger.max_gap
    )
    if out is not None:
        tagger.save(out / TAGGER_FILE)
        classifier.save(out / CLASSIFIER_FILE)
    return {
        "classifier_c": best_c,
        "classifier_tuning_f1": best_f,
        "tagger_c": best_tagger_c,
        "tagger_threshold": tagger.threshold,
        "tagger_peak": tagger.peak,
        "tagger_max_gap": tagger.max_gap,
        "tagger_tuning_f1": best_si,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args(argv)
    figures = train(args.data, args.out)
    print(", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
