"""Train the content-boundary CRF of attribution (``make models``).

    python -m training.spans [--shared ../shared] [--out PATH] [--limit N]
                                  [--c1 X] [--c2 X] [--iterations N] [--no-check]

(``--out`` defaults to src/newsift/models/attribution-spans-v1.npz.)

Data: PolNeAR v1.0.0 ``train`` (``../shared/data/attribution/polnear/train``, see
PROVENANCE.md there), first annotator file per article. Every fifth article
(sorted by name) is held out for the figures and for tuning; dev is never read
here (``benchmarks/attribution.py`` reports it). Each article is analysed as the
benchmark does (``structure.v1`` without its line model, then the rules of
:mod:`newsift.attribution.quotes`); each rule-found speech whose cue overlaps a
gold cue, and whose gold contents lie in the speech's window (the sentences of
its cue and content), is one training sequence: the window's tokens tagged
O/B/I from the gold contents, with the features of
:func:`newsift.attribution.spans.features`.

Needs python-crfsuite (``pip install -e '.[train]'``); training is deterministic
(L-BFGS, fixed data order), so the shipped model is reproducible byte for byte;
the shipped model needs only NumPy.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

import newsift
from newsift.attribution.analyzer import analyse
from newsift.attribution.nlp import load_english
from newsift.attribution.spans import LABELS, SpanModel, Window, features, window
from newsift.document import Span
from newsift.eval.attribution import (
    ROLES,
    Counts,
    gold_spans,
    polnear_articles,
    predicted_spans,
    read_brat,
    score_spans,
    trim,
)
from training.paths import MODELS, SHARED

if TYPE_CHECKING:
    from spacy.language import Language

    from newsift.attribution.analyzer import CueFinder
    from newsift.attribution.marks import QuotedSpan
    from newsift.attribution.quotes import Speech

Sequences = list[tuple[list[list[str]], list[str]]]
Gold = dict[tuple[int, int], list[tuple[int, int]]]  # cue extent -> content extents


def held_out(index: int) -> bool:
    return index % 5 == 4


def gold_relations(ann: str, text: str) -> Gold:
    out: Gold = {}
    for relation in read_brat(ann):
        if relation.cue is None or not relation.contents:
            continue
        key = trim(text, relation.cue.start, relation.cue.end)
        out.setdefault(key, []).extend(trim(text, c.start, c.end) for c in relation.contents)
    return out


def labelled(
    speech: Speech, quoted: Sequence[QuotedSpan], gold: Gold
) -> tuple[list[list[str]], list[str]] | None:
    """The speech's training sequence, or None where no gold relation fits."""
    found = gold_tags(speech, gold)
    if found is None:
        return None
    where, tags = found
    return features(speech, where, quoted), tags


def gold_tags(speech: Speech, gold: Gold) -> tuple[Window, list[str]] | None:
    """The speech's window and the O/B/I tag of each of its tokens from the one gold
    relation whose cue overlaps the speech's, or None where no gold relation fits."""
    where = window(speech)
    if where is None:
        return None
    cue = speech.cue
    match = [k for k in gold if k[0] < cue.end and cue.start < k[1]]
    if len(match) != 1:
        return None
    sdoc = where.sdoc
    tokens = [sdoc[i] for i in range(where.start, where.end)]
    lo = where.offset + tokens[0].idx
    hi = where.offset + tokens[-1].idx + len(tokens[-1].text)
    contents = gold[match[0]]
    if any(s < lo or e > hi for s, e in contents):
        return None
    tags = []
    for token in tokens:
        start = where.offset + token.idx
        end = start + len(token.text)
        inside = next((c for c in contents if c[0] <= start and end <= c[1]), None)
        if inside is None:
            tags.append("O")
        elif tags and tags[-1] != "O" and start > inside[0]:
            tags.append("I")
        else:
            tags.append("B")
    return where, tags


def article_blocks(text: str, name: str) -> tuple[str, list[list[Span]]]:
    pipeline = newsift.Pipeline.from_config(
        [{"name": "structure.v1", "params": {"line_model": False}}]
    )
    doc = pipeline(newsift.load(text, kind="text", id=name))
    body = [p for region in doc.regions_of("body") for p in region.paragraphs]
    return doc.text, [body] if body else []


def collect(nlp: Language, articles: Sequence[tuple[str, Path, Path]]) -> Sequences:
    out: Sequences = []
    for name, text_path, ann_path in articles:
        raw = text_path.read_text(encoding="utf-8")
        text, blocks = article_blocks(raw, name)
        gold = gold_relations(ann_path.read_text(encoding="utf-8"), text)

        def grab(speeches: list[Speech], quoted: Sequence[QuotedSpan], gold: Gold = gold) -> None:
            for speech in speeches:
                item = labelled(speech, quoted, gold)
                if item is not None:
                    out.append(item)

        analyse(nlp, text, blocks, refine=grab)
    return out


def fit(data: Sequences, c1: float, c2: float, iterations: int, workdir: Path) -> SpanModel:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for rows, tags in data:
        trainer.append(rows, tags)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    path = workdir / "spans.crfsuite"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    dump = workdir / "spans.dump"
    tagger.dump(str(dump))
    tagger.close()
    state, transition = read_dump(dump.read_text(encoding="utf-8"))
    dump.unlink()
    names = sorted({attr for (attr, _), w in state.items() if w != 0.0})
    index = {name: i for i, name in enumerate(names)}
    weights = np.zeros((len(names), len(LABELS)))
    for (attr, label), weight in state.items():
        if attr in index:
            weights[index[attr], LABELS.index(label)] = weight
    transitions = np.zeros((len(LABELS), len(LABELS)))
    for (first, second), weight in transition.items():
        transitions[LABELS.index(first), LABELS.index(second)] = weight
    path.unlink()
    # round through float32, as shipped, so the figures are the shipped model's
    return SpanModel(
        index,
        weights.astype(np.float32).astype(np.float64),
        transitions.astype(np.float32).astype(np.float64),
    )


_DUMP_LINE = re.compile(r"\(\d+\) (.+) --> (\S+): (\S+)$")


def read_dump(dump: str) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    """State features and transitions from CRFsuite's text dump of a model."""
    state: dict[tuple[str, str], float] = {}
    transitions: dict[tuple[str, str], float] = {}
    part = ""
    for line in dump.splitlines():
        stripped = line.strip()
        if stripped.endswith("= {"):
            part = stripped.split()[0]
            continue
        match = _DUMP_LINE.match(stripped)
        if match is None:
            continue
        key = (match.group(1), match.group(2))
        if part == "STATE_FEATURES":
            state[key] = float(match.group(3))
        elif part == "TRANSITIONS":
            transitions[key] = float(match.group(3))
    return state, transitions


def evaluate(
    nlp: Language,
    articles: Sequence[tuple[str, Path, Path]],
    refine: Callable[[list[Speech], Sequence[QuotedSpan]], None] | None = None,
    cues: CueFinder | None = None,
) -> dict[str, Counts]:
    """Exact-match counts per role of the analyzer (with these learned hooks) on ``articles``."""
    totals = {role: Counts() for role in ROLES}
    for name, text_path, ann_path in articles:
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        gold = gold_spans(read_brat(ann_path.read_text(encoding="utf-8")), text)
        quotes, _, _ = analyse(nlp, text, blocks, refine, cues=cues)
        predicted = predicted_spans(quotes, text)
        for role in ROLES:
            totals[role].add(score_spans(predicted[role], gold[role]))
    return totals


def report(label: str, totals: dict[str, Counts]) -> None:
    cells = []
    for role in ROLES:
        p, r, f = totals[role].prf("exact")
        cells.append(f"{role} {100 * p:.1f}/{100 * r:.1f}/{100 * f:.1f}")
    print(f"{label:12} exact P/R/F1: " + ", ".join(cells))


def training_arguments(model_name: str, c1: float) -> argparse.Namespace:
    """The command line shared by the PolNeAR-trained CRFs (``--shared``, ``--out``, penalties)."""
    parser = argparse.ArgumentParser(description=f"Train {model_name} on PolNeAR train.")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=MODELS / f"{model_name}.npz")
    parser.add_argument("--limit", type=int, default=0, help="only the first N train articles")
    parser.add_argument("--c1", type=float, default=c1, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--no-check", action="store_true", help="skip the held-out figures")
    return parser.parse_args()


def split_train(
    shared: Path, limit: int = 0
) -> tuple[list[tuple[str, Path, Path]], list[tuple[str, Path, Path]]]:
    """PolNeAR train articles to fit on, and the held-out fifth (see :func:`held_out`)."""
    articles = polnear_articles(shared / "data" / "attribution" / "polnear" / "train")
    if limit:
        articles = articles[:limit]
    fit_articles = [a for i, a in enumerate(articles) if not held_out(i)]
    return fit_articles, [a for i, a in enumerate(articles) if held_out(i)]


def main() -> int:
    args = training_arguments("attribution-spans-v1", c1=4.0)
    started = time.time()
    fit_articles, check_articles = split_train(args.shared, args.limit)
    nlp = load_english()
    data = collect(nlp, fit_articles)
    print(f"{len(fit_articles)} articles, {len(data)} sequences", file=sys.stderr)
    model = fit(data, args.c1, args.c2, args.iterations, args.out.parent)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(model.index):,} attributes)")
    if not args.no_check:
        print(f"held-out train part: {len(check_articles)} articles")
        report("rules", evaluate(nlp, check_articles))
        report("rules+model", evaluate(nlp, check_articles, model.refine))
    print(f"{time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
