"""Train the display confidence of attributed quotes (``make models``).

    python -m training.confidence [--shared ../shared] [--out PATH] [--limit N]
                                       [--cache PATH] [--l2 X] [--threshold X]

(``--out`` defaults to src/newsift/models/attribution-confidence-v1.npz.)

Data: PolNeAR v1.0.0 ``train`` (``../shared/data/attribution/polnear/train``, see
PROVENANCE.md there), first annotator file per article; every fifth article
(sorted by name) is held out for the figures and the threshold, as in
:mod:`training.spans`. Dev is never read here. Each article is analysed as
``benchmarks/attribution.py`` does (``structure.v1`` without its line model,
the rules and the span model, no cue model), and each quote the rules give a
speaker is one example with the features of
:func:`newsift.attribution.confidence.quote_features`.

Label: a quote is **right** when some PolNeAR relation has a source span that
overlaps the quote's speaker span and a cue that overlaps the quote's cue or a
content that overlaps the quote's content; otherwise wrong. (A source is right
when it has at least one right quote.) PolNeAR also counts beliefs and acts as
attributions, so a "wrong" quote there is mostly a wrong or spurious speaker,
which is what the model should learn.

Model: L2-regularised logistic regression fitted by Newton's method (IRLS) in
NumPy on the features seen at least ``MIN_COUNT`` times; deterministic, so the
shipped file is reproducible byte for byte. The parsed features are cached as
gzip JSON Lines (``--cache``, default under the system temporary folder), never
in the repository.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import math
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsift.attribution.analyzer import analyse
from newsift.attribution.nlp import load_english
from newsift.attribution.spans import load_span_model
from newsift.eval.attribution import GoldRelation, polnear_articles, read_brat
from training.paths import MODELS, SHARED
from training.spans import article_blocks, held_out

if TYPE_CHECKING:
    from spacy.language import Language

    from newsift.attribution.annotations import Quote

#: A feature enters the model when it fires on at least this many training examples.
MIN_COUNT = 5
#: Bump when quote_features changes, so a stale cache is not read.
FEATURES_VERSION = "3"
Row = tuple[dict[str, float], int, int]  # features, label, article index


@dataclass
class Recorder:
    """A scorer that records each quote's features and hides nothing."""

    threshold: float = 0.0
    seen: list[dict[str, float]] = field(default_factory=list)

    def probability(self, features: Mapping[str, float]) -> float:
        self.seen.append(dict(features))
        return 1.0


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def right(quote: Quote, relations: Sequence[GoldRelation]) -> bool:
    """Whether a gold relation has the quote's speaker as source and its cue or content."""
    if quote.speaker is None:
        return False
    speaker = (quote.speaker.start, quote.speaker.end)
    cue = (quote.cue.start, quote.cue.end) if quote.cue is not None else None
    content = (quote.content.start, quote.content.end)
    for relation in relations:
        source = relation.source
        if source is None or not any(_overlaps(f, speaker) for f in source.fragments):
            continue
        if relation.cue is not None and _overlaps((relation.cue.start, relation.cue.end), cue):
            return True
        if any(_overlaps((c.start, c.end), content) for c in relation.contents):
            return True
    return False


def collect(nlp: Language, articles: Sequence[tuple[str, Path, Path]]) -> list[Row]:
    """One row per attributed quote of every article."""
    spans = load_span_model()
    rows: list[Row] = []
    for index, (name, text_path, ann_path) in enumerate(articles):
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        relations = read_brat(ann_path.read_text(encoding="utf-8"))
        recorder = Recorder()
        quotes, _, _ = analyse(nlp, text, blocks, spans.refine, confidence=recorder)
        scored = [q for q in quotes if q.confidence is not None]
        assert len(scored) == len(recorder.seen)
        for quote, features in zip(scored, recorder.seen, strict=True):
            rows.append((features, int(right(quote, relations)), index))
    return rows


def cached_rows(
    nlp: Language, articles: Sequence[tuple[str, Path, Path]], cache: Path
) -> list[Row]:
    """The rows, read from ``cache`` when it was written for these articles and features."""
    key = hashlib.sha256(
        json.dumps([FEATURES_VERSION, [a[0] for a in articles]]).encode()
    ).hexdigest()
    if cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            if header.get("key") == key:
                return [(r[0], r[1], r[2]) for r in map(json.loads, handle)]
    rows = collect(nlp, articles)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"key": key}) + "\n")
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    return rows


def vocabulary(rows: Sequence[Row]) -> list[str]:
    """Feature names firing on at least MIN_COUNT rows, sorted."""
    counts: Counter[str] = Counter()
    for features, _, _ in rows:
        counts.update(name for name, value in features.items() if value)
    return sorted(name for name, n in counts.items() if n >= MIN_COUNT)


def matrix(rows: Sequence[Row], names: Sequence[str]) -> NDArray[np.float64]:
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for r, (features, _, _) in enumerate(rows):
        for name, value in features.items():
            at = index.get(name)
            if at is not None:
                x[r, at] = value
    return x


def fit(
    x: NDArray[np.float64], y: NDArray[np.float64], l2: float, iterations: int = 50
) -> tuple[NDArray[np.float64], float]:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised)."""
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return w[1:], float(w[0])


def predict(
    x: NDArray[np.float64], weights: NDArray[np.float64], bias: float
) -> NDArray[np.float64]:
    result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -30, 30)))
    return result


def calibration(p: NDArray[np.float64], y: NDArray[np.float64], bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    error = 0.0
    for b in range(bins):
        inside = (p >= b / bins) & ((p < (b + 1) / bins) if b < bins - 1 else (p <= 1.0))
        if inside.any():
            error += inside.sum() / len(p) * abs(float(p[inside].mean() - y[inside].mean()))
    return error


def threshold_table(p: NDArray[np.float64], y: NDArray[np.float64]) -> list[str]:
    """Kept share, precision of kept and recall of right quotes at each threshold."""
    lines = []
    for t in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        kept = p >= t
        precision = float(y[kept].mean()) if kept.any() else 0.0
        recall = float((y * kept).sum() / max(y.sum(), 1))
        lines.append(
            f"  {t:.2f}: kept {kept.mean():.3f}, precision {precision:.3f}, recall {recall:.3f}"
        )
    return lines


def choose_threshold(p: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """The highest threshold (0.05 steps) keeping KEEP_RECALL of the right held-out quotes."""
    best = 0.0
    for step in range(1, 20):
        t = step / 20
        if float((y * (p >= t)).sum()) >= KEEP_RECALL * float(y.sum()):
            best = t
    return best


def save(
    path: Path, names: Sequence[str], weights: NDArray[np.float64], bias: float, threshold: float
) -> None:
    """Write the model as an npz with fixed ZIP timestamps (reproducible byte for byte)."""
    arrays = {
        "names": np.array(names, dtype=np.str_),
        "weights": weights.astype(np.float32),
        "meta": np.array([bias, threshold], dtype=np.float32),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key, array in arrays.items():
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            archive.writestr(info, buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument(
        "--out",
        type=Path,
        default=MODELS / "attribution-confidence-v1.npz",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "newsift-confidence-rows.jsonl.gz",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N train articles")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty")
    parser.add_argument(
        "--threshold", type=float, default=None, help="display threshold (default: chosen)"
    )
    args = parser.parse_args()
    started = time.time()
    articles = polnear_articles(args.shared / "data" / "attribution" / "polnear" / "train")
    if args.limit:
        articles = articles[: args.limit]
    rows = cached_rows(load_english(), articles, args.cache)
    fit_rows = [r for r in rows if not held_out(r[2])]
    check_rows = [r for r in rows if held_out(r[2])]
    names = vocabulary(fit_rows)
    y = np.array([r[1] for r in fit_rows], dtype=np.float64)
    weights, bias = fit(matrix(fit_rows, names), y, args.l2)
    p = predict(matrix(check_rows, names), weights.astype(np.float32), float(np.float32(bias)))
    yc = np.array([r[1] for r in check_rows], dtype=np.float64)
    threshold = args.threshold if args.threshold is not None else choose_threshold(p, yc)
    save(args.out, names, weights, bias, threshold)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(names)} features)")
    print(f"fit: {len(fit_rows)} quotes, {y.mean():.3f} right; threshold {threshold:.2f}")
    loss = -float(np.mean(yc * np.log(p + 1e-12) + (1 - yc) * np.log(1 - p + 1e-12)))
    print(
        f"held out: {len(check_rows)} quotes, {yc.mean():.3f} right; log loss {loss:.4f} "
        f"(constant {_entropy(float(y.mean()), yc):.4f}); "
        f"calibration error {calibration(p, yc):.4f}"
    )
    print("\n".join(threshold_table(p, yc)))
    top = sorted(zip(weights.tolist(), names, strict=True), key=lambda w: -abs(w[0]))[:25]
    print("largest weights: " + ", ".join(f"{n} {w:+.2f}" for w, n in top))
    print(f"{time.time() - started:.0f} s")
    return 0


def _entropy(rate: float, y: NDArray[np.float64]) -> float:
    return -float(np.mean(y * math.log(rate) + (1 - y) * math.log(1 - rate)))


#: The display threshold keeps at least this share of the right speakers of held-out train.
KEEP_RECALL = 0.99


if __name__ == "__main__":
    sys.exit(main())
