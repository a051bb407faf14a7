"""Train the line classifier for page dumps (``make models``).

    python -m training.lines [--shared ../shared] [--out src/newsift/models/lines-v2.npz]

Data:
- ``../shared/data/extraction/adbar_eval`` pages (dev part) rendered into dumps
  line by line (:mod:`newsift.ingest.dom.render`), each line labelled from
  the DOM side (headline, byline, date, trafilatura's body, comment records);
  sites in our own held-out 30% (:func:`newsift.eval.lines.held_out`) are kept
  out of training and used for the figures;
- the project's own fictional dumps (``benchmarks/data/structure/dev`` and
  ``hard-dev``), labelled from the rules' regions, which are right on them.

The DOM side's labels are wrong on many headlines, datelines and bylines
(against the hand-labelled gold of ``benchmarks/dump_gold.py``): the headline
is moved to where a reader sees it and doubtful head lines are left out of the
fit (:func:`placed_labels`). Last, label-to-label transitions are counted on the
training labels for the model's sequence step (Viterbi decoding).

Needs scikit-learn (``pip install -e '.[train]'``); the shipped model needs only NumPy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import newsift
from newsift.eval.lines import dom_labels, fold, held_out, line_scores, region_labels
from newsift.ingest.dom.page import read_html_page
from newsift.ingest.dom.render import render_lines
from newsift.ingest.html_decode import decode_html
from newsift.structure.linemodel import (
    HASH_BUCKETS,
    LABELS,
    LineModel,
    crf_inputs,
    dense_features,
    dense_width,
    hashed_tokens,
    stack_features,
)
from newsift.text.header import parse_header_line
from training.paths import BENCHMARK_DATA, MODELS, SHARED

Page = tuple[str, list[str], list[str]]  # (key, lines, labels)
CRF_C2 = 1.0  # L2 strength of the sequence step
HEADER_REACH = 12  # datelines and bylines sit within this many lines of the headline
MIN_TITLE_SHARE = 0.6  # a line and the page's title, one the start of the other
DOUBT = "?"  # a line left out of the fit: its DOM label is likely wrong


def _same_title(line: str, title: str) -> bool:
    """Is the (folded) line the page's title, or the title with the site's name, or
    the title without it ("Plumber jailed | The Telegraph")?"""
    short, long = sorted((line, title), key=len)
    return bool(short) and long.startswith(short) and len(short) >= MIN_TITLE_SHARE * len(long)


def placed_labels(texts: list[str], labels: list[str], title: str | None) -> list[str]:
    """The DOM labels with the page's head put where a reader sees it.

    The DOM side labels the first line equal to the title the headline, often
    a breadcrumb or a teaser far above the article, and misses a headline shown
    with or without the site's name: the headline is the title-like line
    closest above the text. Dates and author names far from it are related
    posts' or comments', not the page's dateline and byline: they are left out
    of the fit (``DOUBT``), and so is an "other" line near the headline that the
    rules read as a dateline or byline (the DOM side misses datelines in other
    formats)."""
    out = list(labels)
    first_body = next((i for i, label in enumerate(labels) if label == "body"), len(labels))
    wanted = fold(title or "")
    candidates = [i for i, text in enumerate(texts) if wanted and _same_title(fold(text), wanted)]
    above = [i for i in candidates if i < first_body]
    chosen = above[-1] if above else (candidates[0] if candidates else None)
    for i, label in enumerate(out):
        if label == "headline" and i != chosen:
            out[i] = "other"
    if chosen is not None and out[chosen] == "other":
        out[chosen] = "headline"
    anchor = chosen if chosen is not None else first_body
    for i, label in enumerate(out):
        near = abs(i - anchor) <= HEADER_REACH
        far_head = label in ("byline", "dateline") and not near
        missed_head = label == "other" and near and parse_header_line(texts[i]) is not None
        if far_head or missed_head:
            out[i] = DOUBT
    return out


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
            texts = [line.text for line in lines]
            labels = dom_labels(page, lines)
            if not check:
                labels = placed_labels(texts, labels, page.meta.headline)
            pages.append((key, texts, labels))
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
    """Sparse features (dense cues, then hashed words) and label ids of every line."""
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
        labels.extend(label_ids(page_labels))
    return sparse.vstack(blocks, format="csr"), np.array(labels)


def _fit(
    features: object, labels: np.ndarray, c: float, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=1000, random_state=0)
    model.fit(features, labels, sample_weight=weights)
    weights = np.zeros((model.coef_.shape[1], len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    for row, label in enumerate(model.classes_):
        weights[:, label] = model.coef_[row]
        bias[label] = model.intercept_[row]
    return weights, bias


def line_weights(pages: list[Page]) -> np.ndarray:
    """1 for each line, 0 for the lines left out of the fit (``DOUBT``)."""
    return np.array([0.0 if label == DOUBT else 1.0 for _, _, labels in pages for label in labels])


def label_ids(labels: list[str]) -> list[int]:
    """Label ids to fit (a doubtful line's is "other", with weight 0)."""
    return [LABELS.index("other" if label == DOUBT else label) for label in labels]


def _first_stage(pages: list[Page], c: float) -> LineModel:
    features, labels = matrix(pages)
    weights, bias = _fit(features, labels, c, line_weights(pages))
    return LineModel(weights[: dense_width()], weights[dense_width() :], bias)


def crf_step(
    probs: list[np.ndarray], labels: list[list[str]], c2: float = CRF_C2
) -> tuple[np.ndarray, np.ndarray]:
    """The sequence step: a linear-chain CRF (python-crfsuite, L-BFGS) over the
    stack's probabilities on pages the first stage did not see; returns its
    (emission, transitions) weights as arrays for :class:`LineModel`."""
    import pycrfsuite

    names = [*(f"log_{label}" for label in LABELS), "bias"]
    trainer = pycrfsuite.Trainer(verbose=False)
    for page_probs, page_labels in zip(probs, labels, strict=True):
        rows = crf_inputs(page_probs.astype(np.float32)).tolist()
        trainer.append(
            [dict(zip(names, row, strict=True)) for row in rows],
            ["other" if label == DOUBT else label for label in page_labels],
        )
    trainer.set_params({"c2": c2, "max_iterations": 200})
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "lines.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    emission = np.zeros((len(names), len(LABELS)), dtype=np.float32)
    for (name, label), weight in info.state_features.items():
        emission[names.index(name), LABELS.index(label)] = weight
    transitions = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (before, after), weight in info.transitions.items():
        transitions[LABELS.index(before), LABELS.index(after)] = weight
    return emission, transitions


def train(
    pages: list[Page],
    c: float,
    stack_c: float = 1.0,
    folds: int = 3,
) -> LineModel:
    """Two stages: logistic regression on line features, then on its outputs in
    context; then the sequence step, a CRF over the second stage's output.

    The second stage learns from first-stage outputs on pages the first stage
    did not see (``folds``-fold cross-fitting), so it learns how far to trust them.
    Doubtful lines (``DOUBT``) are left out of both fits and of the transitions.
    """
    first = _first_stage(pages, c)
    stacked = []
    labels: list[int] = []
    held_pages: list[Page] = []
    first_outputs: list[np.ndarray] = []
    for part in range(folds):
        held = [p for i, p in enumerate(pages) if i % folds == part]
        rest = [p for i, p in enumerate(pages) if i % folds != part]
        partial = _first_stage(rest, c)
        for page in held:
            first_outputs.append(partial.first_stage(page[1]))
            stacked.append(stack_features(first_outputs[-1]))
            labels.extend(label_ids(page[2]))
        held_pages.extend(held)
    stack, stack_bias = _fit(
        np.concatenate(stacked), np.array(labels), stack_c, line_weights(held_pages)
    )
    second = LineModel(first.dense, first.hashed, first.bias, stack, stack_bias)
    outputs = [second.second_stage(output) for output in first_outputs]
    emission, transitions = crf_step(outputs, [page[2] for page in held_pages])
    return LineModel(
        first.dense, first.hashed, first.bias, stack, stack_bias, LABELS, transitions, emission
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=MODELS / "lines-v2.npz")
    parser.add_argument(
        "-C", dest="c", type=float, default=0.5, help="inverse regularisation strength"
    )
    args = parser.parse_args()
    started = time.time()
    fictional = dump_pages()
    fit_pages = adbar_pages(args.shared, check=False) + fictional
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
