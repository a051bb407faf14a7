"""The figures the quality gates hold to their floors, each computed on dev data.

    .venv/bin/python -m tests.eval.gates [GATE ...]

prints every gate's figures beside their floors (``newsift.eval.floors.FLOORS``),
which is how a floor is set and re-checked. Each gate runs the code of its
benchmark (the same analyzers, loaders and ``newsift.eval.metrics``) on a dev
split, or on a fixed part of one where the whole split would cost more CPU
time than ``make test`` can spend (the part is named in the floor's ``data``).
Nothing here reads a test split.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

import newsift
from newsift.eval.floors import FLOORS, floor_of
from newsift.eval.metrics import (
    macro_f1_at_threshold,
    prf_at_threshold,
    prf_from_counts,
    ratio,
    roc_auc,
)
from newsift.eval.structure import aggregate, score_page

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

#: fixed parts of the larger dev splits (the first N in the loader's order)
CLAIMBUSTER_TUNE_SENTENCES = 400
COMMENT_VALIDATION_ROWS = 600


@contextmanager
def _repository_on_path() -> Iterator[None]:
    """``benchmarks/`` and the repository root importable (benchmarks and training are not
    installed packages)."""
    added = [str(ROOT / "benchmarks"), str(ROOT)]
    sys.path[:0] = added
    try:
        yield
    finally:
        for path in added:
            sys.path.remove(path)


def import_repository_module(name: str) -> ModuleType:
    with _repository_on_path():
        return importlib.import_module(name)


def structure() -> dict[str, float]:
    """The fictional dev and hard-dev dumps, with and without the line classifier."""
    bench = import_repository_module("structure")
    figures = {}
    for line_model, mode in ((True, "line model"), (False, "rules only")):
        pipeline = newsift.Pipeline.from_config(
            [{"name": "structure.v1", "params": {"line_model": line_model}}]
        )
        for split in ("dev", "hard-dev"):
            scores = []
            for path, truth in bench.pages(split):
                ref = truth.get("reference_date")
                loaded = newsift.load(path, reference_date=ref if isinstance(ref, str) else None)
                scores.append(score_page(pipeline(loaded), truth))
            total = aggregate(scores)
            figures[f"{split}, {mode}: comment boundary F1"] = total.comment_f1
            figures[f"{split}, {mode}: pages entirely right"] = total.pages_all_right / total.pages
    return figures


def dumps() -> dict[str, float]:
    """The hand-labelled dump gold set's dev pages (held-out sites), rules and line model."""
    from newsift.structure.linemodel import LineModel

    bench = import_repository_module("dump_gold")
    collected = bench.collect(bench.gold_files("dev"), ROOT.parent / "shared", LineModel.load())
    found = bench.figures(collected, collected.runs["both"])
    return {
        f"dump gold dev: {name}": found[name]
        for name in ("line accuracy", "body word F1", "comment-boundary F1")
    }


def html() -> dict[str, float]:
    """Body F1 on the Zyte article-body dev pages."""
    scores = import_repository_module("extraction").zyte(None)
    return {"Zyte AEB dev: body F1": scores["f1"]}


def attribution() -> dict[str, float]:
    """Exact-match F1 of source, cue and content on PolNeAR dev (84 articles)."""
    from newsift.eval import attribution as polnear

    bench = import_repository_module("attribution")
    pipeline = newsift.Pipeline.from_config(bench.PIPELINE)
    totals = {role: polnear.Counts() for role in polnear.ROLES}
    for name, text_path, ann_path in polnear.polnear_articles(bench.POLNEAR / "dev"):
        text = text_path.read_text(encoding="utf-8")
        gold = polnear.gold_spans(polnear.read_brat(ann_path.read_text(encoding="utf-8")), text)
        doc = pipeline(newsift.load(text, kind="text", id=name))
        predicted = polnear.predicted_spans(doc.layers["quotes"], doc.text)
        for role in polnear.ROLES:
            totals[role].add(polnear.score_spans(predicted[role], gold[role]))
    return {f"PolNeAR dev: {role} exact F1": totals[role].prf("exact")[2] for role in polnear.ROLES}


def audit() -> dict[str, float]:
    """Sources and speakers shown on the sourcing audit's dev pages (hand-made truth)."""
    import newsift.attribution.analyzer
    import newsift.attribution.flags  # these two register the analyzers

    bench = import_repository_module("audit")
    pipeline = newsift.Pipeline.from_config(bench.PIPELINE)
    tally = bench.Tally()
    for truth in bench.load_truth("dev"):
        bench.score_page(truth, bench.analyse(truth, pipeline), tally, False)
    counts = tally.counts
    return {
        f"audit dev: {figure}": ratio(counts[part], counts[whole])
        for figure, part, whole in (
            ("source precision", "sources right", "sources shown"),
            ("source recall", "sources found", "sources truth"),
            ("speaker precision", "speaker right", "attributed shown"),
            ("speaker recall", "speaker found", "quotes truth"),
        )
    }


def claims() -> dict[str, float]:
    """F1 on part of ClaimBuster's tuning debates; precision at 5 on the news dev pages."""
    from newsift.attribution.analyzer import QuoteAnalyzer
    from newsift.claims.analyzer import CheckworthyAnalyzer, load_scorers

    training_claims = import_repository_module("training.claims")
    pages = import_repository_module("training.claims_pages")
    bench = import_repository_module("claims")
    _, tune, _ = training_claims.split3(training_claims.load_examples())
    tune = tune[:CLAIMBUSTER_TUNE_SENTENCES]
    texts = [e.text for e in tune]
    gold = np.array([e.positive for e in tune], dtype=np.bool_)
    shipped, fallback = load_scorers("auto")
    figures = {}
    for model in (shipped, fallback):
        if model is not None:
            scored = prf_at_threshold(model.score(texts), gold, model.threshold)
            figures[f"ClaimBuster tune part: {model.name} F1"] = scored.f1
    quotes, analyzer = QuoteAnalyzer(), CheckworthyAnalyzer(floor=0.0)
    tally = bench.NewsTally()
    for page in pages.load_pages("dev"):
        bench.score_news_page(page, lambda doc: analyzer(quotes(doc)), tally)
    news = f"news dev pages, {shipped.name}"  # the analyzer's default model
    figures[f"{news}: precision at 5 per page"] = float(np.mean(tally.at5))
    figures[f"{news}: check-worthy F1"] = prf_from_counts(tally.tp, tally.fp, tally.fn).f1
    return figures


def matching() -> dict[str, float]:
    """MAP@5 and the shown matches' precision on CheckThat! 2022 2A dev (TF-IDF)."""
    from newsift.claims.claimreview import read_archive
    from newsift.claims.matching import TFIDF_CALIBRATION, build_index

    bench = import_repository_module("claims_matching")
    archive = read_archive([bench.DATA / "vclaims.jsonl"])
    index = build_index(archive.records)
    queries = bench.read_queries(bench.DATA / bench.QUERIES)
    qrels = bench.read_qrels(bench.DATA / bench.QRELS["dev"])
    ids = np.array([r.id for r in index.records])
    tally = bench.Tally(before=bench.PREVIOUS_MAP5["tfidf"])
    for query_id, relevant in sorted((q, r) for q, r in qrels.items() if q in queries):
        sparse, dense = index.cosines(queries[query_id])
        tally.add(ids, relevant, sparse, dense, TFIDF_CALIBRATION.floor)
    return {
        "CheckThat! 2A dev: MAP@5": float(np.mean(tally.aps)),
        "CheckThat! 2A dev: precision of shown matches": tally.shown_right / max(tally.shown, 1),
        "CheckThat! 2A dev: no match with the fact-check removed": tally.no_match / len(tally.aps),
    }


def persuasion() -> dict[str, float]:
    """SI F1 and TC micro-F1 on PTC internal_dev, and the precision of the findings the
    analyzer shows there (the benchmark's own figures)."""
    from newsift.persuasion.model import SpanTagger, TechniqueClassifier

    benchmark = import_repository_module("persuasion")
    tagger, classifier = SpanTagger.load(), TechniqueClassifier.load()
    figures: dict[str, float] = benchmark.quality(tagger, classifier)
    figures["shown precision"] = benchmark.shown_findings(tagger, classifier).precision
    return {
        f"PTC internal_dev: {name}": figures[name]
        for name in ("SI F1", "TC micro-F1", "shown precision")
    }


def comments() -> dict[str, float]:
    """The shipped toxicity models on part of the validation part (the 10 % the thresholds
    were tuned on) of OLID, UCC and SOCC; junk rules on their tuning half."""
    from newsift.comments.model import ToxicityModel, wants_encoder

    data = import_repository_module("training.comments_data")
    junk = import_repository_module("comments_junk")

    def validation(rows: list[Any]) -> list[Any]:
        return [r for r in rows if data.part(r.text) == "validation"][:COMMENT_VALIDATION_ROWS]

    tweets, ucc, socc = validation(data.olid()), validation(data.ucc()), validation(data.socc())
    models = [ToxicityModel.load(encoder="none")]
    if wants_encoder("auto"):
        models.append(ToxicityModel.load(encoder="minilm"))
    figures = {}
    for model in models:
        offensive, threshold = model.column("offensive"), model.threshold("offensive")
        p = model.probabilities([t.text for t in tweets])[:, offensive]
        gold = np.array([t.a == "OFF" for t in tweets])
        figures[f"{model.name}: OLID A macro-F1"] = macro_f1_at_threshold(p, gold, threshold)
        p = model.probabilities([c.text for c in ucc])[:, model.column("ucc_hostile")]
        figures[f"{model.name}: UCC hostile AUC"] = roc_auc(
            p, np.array([c.labels["hostile"] for c in ucc])
        )
        p = model.probabilities([c.text for c in socc])[:, offensive]
        figures[f"{model.name}: SOCC toxicity>=2 AUC"] = roc_auc(
            p, np.array([c.labels["toxic"] for c in socc])
        )
    tuning = [item for item in junk.load() if item.half == "tuning"]
    precision, recall, *_ = junk.scores(tuning)
    figures["junk rules, tuning half: precision"] = precision
    figures["junk rules, tuning half: recall"] = recall
    return figures


@dataclass(frozen=True, slots=True)
class Gate:
    """A gate's figures, and the data it needs (it skips, saying so, without)."""

    compute: Callable[[], dict[str, float]]
    needs: Path


GATES: dict[str, Gate] = {
    "structure": Gate(structure, ROOT / "benchmarks" / "data" / "structure" / "dev"),
    "dumps": Gate(dumps, SHARED_DATA / "extraction" / "adbar_eval"),
    "html": Gate(html, SHARED_DATA / "extraction" / "zyte_aeb"),
    "attribution": Gate(attribution, SHARED_DATA / "attribution" / "polnear" / "dev"),
    "audit": Gate(audit, SHARED_DATA / "extraction"),
    "claims": Gate(claims, SHARED_DATA / "claims" / "claimbuster"),
    "matching": Gate(matching, SHARED_DATA / "claims" / "checkthat2022_task2a_en"),
    "persuasion": Gate(persuasion, SHARED_DATA / "propaganda"),
    "comments": Gate(comments, SHARED_DATA / "comments"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gates", nargs="*", choices=[[], *GATES], default=[], metavar="GATE")
    args = parser.parse_args(argv)
    below = 0
    for name in args.gates or GATES:
        gate = GATES[name]
        if not gate.needs.exists():
            print(f"{name}: skipped, {gate.needs} not found")
            continue
        started = time.process_time()
        figures = gate.compute()
        seconds = time.process_time() - started
        print(f"{name} ({seconds:.1f} CPU-s)")
        for figure, value in figures.items():
            floor = floor_of(f"{name}: {figure}", FLOORS)
            shown = "no floor" if floor is None else f"floor {floor.floor:.3f}"
            status = "" if floor is None or value >= floor.floor else "  BELOW FLOOR"
            print(f"  {figure:60} {value:.4f}  {shown}{status}")
            below += bool(status)
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
