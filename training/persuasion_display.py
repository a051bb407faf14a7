"""Choose the score a technique needs to be shown: ``python -m training.persuasion_display``.

    python -m training.persuasion_display [--data DIR] [--target P] [--encoder]

A technique the analyzer reports is *right* when its span overlaps a gold span of
PTC (any technique: "these words persuade"), and *labelled right* when it overlaps a
gold span of the same technique. Every ``internal_train`` article is judged out of
sample: in :data:`FOLDS` folds by the SHA-256 of the article id, the linear span tagger
and the technique classifier (C as shipped, the shipped decoding settings) are fitted
on the other folds and run as the analyzer runs them
(:func:`newsift.persuasion.analyzer.find_techniques`). With ``--encoder`` the shipped
MiniLM span tagger, which trained on the fitting three quarters of
:func:`training.persuasion.is_tuning`, is judged on the tuning quarter only (the
classifier fitted on the other three). Printed: for each floor on the span's score,
how many findings an article keeps and their precision, and the floor chosen: the
lowest at which the shown findings' precision reaches ``--target`` and holds it at
the next :data:`HOLD` floors of the grid (a floor that reaches the target by a fluke
of one step is not taken; the sparse top of the grid, a handful of findings, is too
noisy to ask more of). The chosen floors go into
:data:`newsift.persuasion.model.SHOWN_FLOOR` and
:data:`newsift.persuasion.span_encoder.SHOWN_FLOOR`; ``internal_dev`` is never read
here (``benchmarks/persuasion.py`` reports the shown findings there).

The score is the span's highest token probability (session 13; see
docs/analyzers/persuasion.md for how the choice came about: a floor on the mean
probability from the tuning quarter alone, 0.30, read 0.551 on ``internal_dev``, and
across the four folds the same floor runs from 0.48 to 0.66). About 3 CPU-minutes (the
encoder: one).
Needs the ``train`` extra.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsift.document import Span
from newsift.persuasion.analyzer import find_techniques
from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from newsift.persuasion.span_encoder import EncoderSpanTagger
from training.persuasion import (
    Prepared,
    fit_classifier,
    fit_tagger,
    is_tuning,
    prepare,
    span_rows,
)
from training.persuasion_data import DATA, load_articles

#: regularisation of the shipped models (src/newsift/models/techniques-v1.md)
TAGGER_C = 0.1
CLASSIFIER_C = 0.1
#: precision of shown findings (overlap with a gold span) the floor must reach
TARGET = 0.60
#: floors tried, in steps of 0.01
GRID = tuple(round(0.01 * k, 2) for k in range(0, 71))
#: how many higher floors must hold the target too
HOLD = 5
#: folds of internal_train for the linear tagger's out-of-sample findings
FOLDS = 4


def fold_of(article_id: str) -> int:
    """The fold of an article: the first byte of the SHA-256 of its id, modulo FOLDS."""
    return hashlib.sha256(article_id.encode("utf-8")).digest()[0] % FOLDS


@dataclass(frozen=True)
class Finding:
    """One reported technique and whether the gold agrees."""

    score: float
    right: bool  # overlaps a gold span
    labelled_right: bool  # overlaps a gold span of the same technique


@dataclass(frozen=True)
class Shown:
    """What a floor keeps: findings per article and their precision."""

    floor: float
    count: int
    per_article: float
    precision: float
    labelled_precision: float


def findings(
    tagger: SpanTagger | EncoderSpanTagger,
    classifier: TechniqueClassifier,
    items: Sequence[Prepared],
) -> list[Finding]:
    """Every technique the analyzer reports on ``items`` (no display floor), judged."""
    out: list[Finding] = []
    for item in items:
        article = item.article
        ranges = [Span(s.tokens[0].start, s.tokens[-1].end) for s in item.sentences if s.tokens]
        for technique in find_techniques(tagger, classifier, article.text, ranges, min_score=0.0):
            a, b = technique.span.start, technique.span.end
            out.append(
                Finding(
                    technique.score,
                    any(s < b and e > a for s, e in article.si_spans),
                    any(
                        s < b and e > a and label == technique.label
                        for s, e, label in article.tc_spans
                    ),
                )
            )
    return out


def shown(found: Sequence[Finding], floor: float, articles: int) -> Shown:
    kept = [f for f in found if f.score >= floor]
    count = len(kept)
    return Shown(
        floor,
        count,
        count / articles if articles else 0.0,
        sum(f.right for f in kept) / count if count else float("nan"),
        sum(f.labelled_right for f in kept) / count if count else float("nan"),
    )


def choose_floor(curve: Sequence[Shown], target: float, hold: int = HOLD) -> Shown | None:
    """The lowest floor of ``curve`` (ascending) whose precision reaches ``target`` and
    stays there at the next ``hold`` floors; None when none does."""
    for i, point in enumerate(curve):
        window = curve[i : i + hold + 1]
        if len(window) == hold + 1 and all(p.count and p.precision >= target for p in window):
            return point
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--target", type=float, default=TARGET)
    parser.add_argument(
        "--encoder", action="store_true", help="the shipped MiniLM span tagger instead"
    )
    args = parser.parse_args(argv)
    articles = prepare([a for a in load_articles(args.data) if a.subset == "internal_train"])
    shipped = SpanTagger.load()
    if args.encoder:
        fit_part = [item for item in articles if not is_tuning(item.article.id)]
        judged = [item for item in articles if is_tuning(item.article.id)]
        rows, labels, _ = span_rows(fit_part)
        classifier = fit_classifier(rows, labels, CLASSIFIER_C)
        found = findings(EncoderSpanTagger.load(), classifier, judged)
        name = "MiniLM span tagger (shipped), tuning quarter"
    else:
        judged, found = articles, []
        for fold in range(FOLDS):
            train = [item for item in articles if fold_of(item.article.id) != fold]
            rows, labels, _ = span_rows(train)
            classifier = fit_classifier(rows, labels, CLASSIFIER_C)
            fitted = fit_tagger(train, TAGGER_C)
            tagger = SpanTagger(
                fitted.weights, fitted.bias, shipped.threshold, shipped.peak, shipped.max_gap
            )
            found += findings(
                tagger, classifier, [i for i in articles if fold_of(i.article.id) == fold]
            )
        name = f"linear span tagger (C={TAGGER_C}), {FOLDS} folds of internal_train"
    curve = [shown(found, floor, len(judged)) for floor in GRID]
    print(
        f"{name}, classifier C={CLASSIFIER_C}: {len(judged)} articles out of sample, "
        f"{len(found)} findings"
    )
    print(f"{'floor':>6} {'shown':>6} {'/article':>9} {'precision':>10} {'labelled':>9}")
    for point in curve:
        if point.count:
            print(
                f"{point.floor:>6.2f} {point.count:>6} {point.per_article:>9.2f} "
                f"{point.precision:>10.3f} {point.labelled_precision:>9.3f}"
            )
    chosen = choose_floor(curve, args.target)
    if chosen is None:
        print(f"no floor reaches precision {args.target}")
        return 1
    print(
        f"chosen floor {chosen.floor:.2f} (target {args.target}): {chosen.per_article:.2f} "
        f"findings an article, precision {chosen.precision:.3f}, labelled "
        f"{chosen.labelled_precision:.3f} (no floor: {curve[0].per_article:.2f}, "
        f"{curve[0].precision:.3f}, {curve[0].labelled_precision:.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
