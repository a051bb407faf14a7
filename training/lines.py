"""Train the line classifier for page dumps (``make models``).

    python -m training.lines [--shared ../shared] [--out src/newsift/models/lines-v1.npz]

Data:
- ``../shared/data/extraction/adbar_eval`` pages (dev part) rendered into dumps
  line by line (:mod:`newsift.ingest.dom.render`), each line labelled from
  the DOM side (headline, byline, date, trafilatura's body, comment records);
  sites in our own held-out 30% (:func:`newsift.eval.lines.held_out`) are kept
  out of training and used for the figures;
- the project's own fictional dumps (``benchmarks/data/structure/dev`` and
  ``hard-dev``), labelled from the rules' regions, which are right on them.

Needs scikit-learn (``pip install -e '.[train]'``); the shipped model needs only NumPy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

import newsift
from newsift.eval.lines import dom_labels, held_out, line_scores, region_labels
from newsift.ingest.dom.page import read_html_page
from newsift.ingest.dom.render import render_lines
from newsift.ingest.html_decode import decode_html
from newsift.structure.linemodel import (
    HASH_BUCKETS,
    LABELS,
    LineModel,
    dense_features,
    dense_width,
    hashed_tokens,
    stack_features,
)
from training.paths import BENCHMARK_DATA, MODELS, SHARED

Page = tuple[str, list[str], list[str]]  # (key, lines, labels)


def adbar_pages(shared: Path, *, check: bool) -> list[Page]:
    folder = shared / "data" / "extraction" / "adbar_eval"
    entries = json.loads((folder / "trafilatura_evaldata.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for key, entry in entries.items():
        if held_out(key) != check:
            continue
        with gzip.open(folder / entry["page"]) as handle:
            raw = handle.read()
        try:
            text = decode_html(raw)[0]
            page = read_html_page(text, url=key if key.startswith("http") else None)
            assert page.root is not None
            lines = render_lines(page.root)
        except newsift.NewsiftError:
            continue
        if lines:
            pages.append((key, [line.text for line in lines], dom_labels(page, lines)))
    return pages


def dump_pages() -> list[Page]:
    pages: list[Page] = []
    for folder in ("dev", "hard-dev"):
        for path in sorted((BENCHMARK_DATA / "structure" / folder).glob("*.txt")):
            doc = newsift.analyze(path)
            lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
            pages.append((path.name, lines, region_labels(doc)))
    return pages


def matrix(pages: list[Page]) -> tuple[object, np.ndarray]:
    from scipy import sparse

    blocks = []
    labels: list[int] = []
    for _, lines, page_labels in pages:
        dense = sparse.csr_matrix(dense_features(lines))
        rows, cols, values = [], [], []
        for i, text in enumerate(lines):
            buckets = hashed_tokens(text)
            for b in buckets:
                rows.append(i)
                cols.append(b)
                values.append(1 / np.sqrt(len(buckets)))
        hashed = sparse.csr_matrix((values, (rows, cols)), shape=(len(lines), HASH_BUCKETS))
        blocks.append(sparse.hstack([dense, hashed], format="csr"))
        labels.extend(LABELS.index(label) for label in page_labels)
    return sparse.vstack(blocks, format="csr"), np.array(labels)


def _fit(features: object, labels: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=1000, random_state=0)
    model.fit(features, labels)
    weights = np.zeros((model.coef_.shape[1], len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    for row, label in enumerate(model.classes_):
        weights[:, label] = model.coef_[row]
        bias[label] = model.intercept_[row]
    return weights, bias


def _first_stage(pages: list[Page], c: float) -> LineModel:
    features, labels = matrix(pages)
    weights, bias = _fit(features, labels, c)
    return LineModel(weights[: dense_width()], weights[dense_width() :], bias)


def train(pages: list[Page], c: float, stack_c: float = 1.0, folds: int = 3) -> LineModel:
    """Two stages: logistic regression on line features, then on its outputs in context.

    The second stage learns from first-stage outputs on pages the first stage
    did not see (``folds``-fold cross-fitting), so it learns how far to trust them.
    """
    first = _first_stage(pages, c)
    stacked = []
    labels: list[int] = []
    for fold in range(folds):
        held = [p for i, p in enumerate(pages) if i % folds == fold]
        rest = [p for i, p in enumerate(pages) if i % folds != fold]
        partial = _first_stage(rest, c)
        for _, lines, page_labels in held:
            stacked.append(stack_features(partial.first_stage(lines)))
            labels.extend(LABELS.index(label) for label in page_labels)
    stack, stack_bias = _fit(np.concatenate(stacked), np.array(labels), stack_c)
    return LineModel(first.dense, first.hashed, first.bias, stack, stack_bias)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=MODELS / "lines-v1.npz")
    parser.add_argument(
        "-C", dest="c", type=float, default=0.5, help="inverse regularisation strength"
    )
    args = parser.parse_args()
    started = time.time()
    fit_pages = adbar_pages(args.shared, check=False) + dump_pages()
    check_pages = adbar_pages(args.shared, check=True)
    print(f"training pages {len(fit_pages)}, held-out pages {len(check_pages)}", file=sys.stderr)
    model = train(fit_pages, args.c)
    model.save(args.out)
    predicted = [model.predict(lines) for _, lines, _ in check_pages]
    scores = line_scores([labels for _, _, labels in check_pages], predicted)
    print(f"held-out adbar sites: macro F1 {scores.macro_f1:.3f}, accuracy {scores.accuracy:.3f}")
    for label, value in scores.f1.items():
        print(f"  {label:15} F1 {value:.3f}")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
