"""Persuasion techniques: SemEval-2020 Task 11 figures on the validation split, speed, balance.

    python benchmarks/persuasion.py [--no-speed] [--spans encoder]

1. Quality on PTC v2 ``internal_dev`` (88 training articles chosen by
   ``splits/train-internal-split.tsv``; the shipped models were fitted and
   tuned on ``internal_train`` only). Span identification (SI): the shipped
   tagger's spans against the gold SI spans, partial-overlap P/R/F1 as in the
   task. Technique classification (TC): the shipped classifier labels every
   gold span (a span with k gold labels gets its top k), micro-F1.
   The anchors are the task's published figures on other splits (official
   test and dev), so they locate the model, they are not like-for-like.
2. Speed: articles per CPU-second for one ~1,000-word article through the
   analyzer (structure and quotes already run), and the same article through
   a BERT-base-shaped token classifier (``transformers.BertConfig()`` defaults,
   random weights, built in memory, torch on CPU, one thread, 512-token
   windows), the size of Prta's model.
3. Even-handedness: sentence pairs written for this benchmark that differ
   only in party, politician or ideology words. Reported: the mean absolute
   change of the sentence's score (its highest token probability) and the
   share of pairs whose tagged techniques (span text aside, labels) differ.
4. Shown findings: what the analyzer reports on each ``internal_dev`` article (the
   span tagger, its display floor, the classifier's label), judged against the gold:
   *right* when the span overlaps a gold span, *labelled right* when it overlaps one
   of the same technique; per article and in all, with every span (no floor) beside
   the shown ones. The floor was chosen on the tuning quarter of ``internal_train``
   (``python -m training.persuasion_display``), for at least 0.60.
5. With ``--spans encoder``: the opt-in MiniLM span tagger
   (``techniques-spans-encoder-v1.onnx``, :mod:`newsift.persuasion.span_encoder`)
   beside the linear one: SI P/R/F1 on ``internal_dev``, TC micro-F1 (the same
   classifier on the gold spans, so the same figure: listed to show it), and its
   CPU cost on the speed article. Needs the ``minilm`` extra.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

import numpy as np

# training/ and tests/ live at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.persuasion import (
    Prepared,
    classify_gold_spans,
    prepare,
    span_rows,
    tagger_score,
)
from training.persuasion_data import DATA, load_articles
from training.persuasion_display import TARGET, Shown, findings, shown

import anchors as reference
from newsift.document import Span
from newsift.eval.floors import floor_of
from newsift.eval.persuasion import tc_score
from newsift.persuasion.analyzer import find_techniques, shown_floor
from newsift.persuasion.features import ArticleContext, Sentence
from newsift.persuasion.labels import TECHNIQUES
from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from newsift.persuasion.span_encoder import EncoderSpanTagger
from newsift.persuasion.text import tokenize
from newsift.text.sentences import split_sentences

SI_ANCHORS = (("SI test F1, best (Hitachi)", 0.5155), ("SI test F1, random baseline", 0.003))
TC_ANCHORS = (
    ("TC test micro-F1, best (ApplicaAI)", 0.6207),
    ("TC official-dev micro-F1, best (RoBERTa-large)", 0.684),
)

#: (left, right) sentence pairs differing only in who is named; kind in the third slot
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("Democrats rammed the reckless bill through the Senate.",
     "Republicans rammed the reckless bill through the Senate.", "party"),
    ("The Democratic plan is a disaster for working families.",
     "The Republican plan is a disaster for working families.", "party"),
    ("Democrats want to destroy the economy with their radical agenda.",
     "Republicans want to destroy the economy with their radical agenda.", "party"),
    ("The GOP leadership met on Tuesday to discuss the budget.",
     "The DNC leadership met on Tuesday to discuss the budget.", "party"),
    ("Senate Democrats voted against the measure, citing its cost.",
     "Senate Republicans voted against the measure, citing its cost.", "party"),
    ("Obama's so-called reforms were a betrayal of every American.",
     "Trump's so-called reforms were a betrayal of every American.", "politician"),
    ("Biden said the new tariffs would hurt farmers.",
     "Trump said the new tariffs would hurt farmers.", "politician"),
    ("Pelosi's shameless stunt fooled nobody.",
     "McConnell's shameless stunt fooled nobody.", "politician"),
    ("Clinton lied to the American people again and again.",
     "Bush lied to the American people again and again.", "politician"),
    ("Sanders called the report a hoax cooked up by his enemies.",
     "Cruz called the report a hoax cooked up by his enemies.", "politician"),
    ("Schumer warned that the deal puts the nation at risk.",
     "Romney warned that the deal puts the nation at risk.", "politician"),
    ("Warren's plan would bankrupt the country in a decade.",
     "DeSantis's plan would bankrupt the country in a decade.", "politician"),
    ("Liberal activists stormed the town hall meeting.",
     "Conservative activists stormed the town hall meeting.", "ideology"),
    ("The left-wing mob will stop at nothing to silence its critics.",
     "The right-wing mob will stop at nothing to silence its critics.", "ideology"),
    ("Progressive groups spent millions on the campaign.",
     "Conservative groups spent millions on the campaign.", "ideology"),
    ("Leftist professors are poisoning the minds of our children.",
     "Rightist professors are poisoning the minds of our children.", "ideology"),
    ("The liberal media ignored the story for weeks.",
     "The conservative media ignored the story for weeks.", "ideology"),
    ("Far-left extremists are a threat to our democracy.",
     "Far-right extremists are a threat to our democracy.", "ideology"),
    ("The socialist agenda has failed everywhere it was tried.",
     "The nationalist agenda has failed everywhere it was tried.", "ideology"),
    ("Left-leaning voters turned out in record numbers.",
     "Right-leaning voters turned out in record numbers.", "ideology"),
)  # fmt: skip


@functools.cache
def internal_dev() -> list[Prepared]:
    """The internal_dev articles, read and split once per process (quality and the shown
    findings both score them)."""
    return prepare([a for a in load_articles(DATA) if a.subset == "internal_dev"])


def quality(
    tagger: SpanTagger | EncoderSpanTagger,
    classifier: TechniqueClassifier,
    per_technique: bool = True,
) -> dict[str, float]:
    dev = internal_dev()
    si = tagger_score(tagger, dev)
    rows, labels, keys = span_rows(dev)
    gold = [(*k, label) for k, label in zip(keys, labels, strict=True)]
    predicted = classify_gold_spans(classifier, rows, keys)
    tc = tc_score(predicted, gold)
    print(
        f"internal_dev: {len(dev)} articles, {si.gold} gold SI spans (merged), "
        f"{tc.gold} TC instances; predicted {si.predicted} spans\n"
    )
    if per_technique:
        per_label(predicted, gold)
    return {
        "SI precision": si.precision,
        "SI recall": si.recall,
        "SI F1": si.f1,
        "TC micro-F1": tc.f1,
    }


def shown_findings(
    tagger: SpanTagger | EncoderSpanTagger, classifier: TechniqueClassifier
) -> Shown:
    """Precision of what the analyzer reports on internal_dev, without and with its floor."""
    dev = internal_dev()
    found = findings(tagger, classifier, dev)
    floor = shown_floor(tagger)
    print(
        f"Shown findings on internal_dev ({len(dev)} articles): right = overlaps a gold span, "
        f"labelled = of the same technique"
    )
    print(f"{'':<22} {'findings':>9} {'/article':>9} {'right':>7} {'labelled':>9}")
    for name, point in (
        ("every span", shown(found, 0.0, len(dev))),
        (f"shown (score >= {floor:.2f})", shown(found, floor, len(dev))),
    ):
        print(
            f"{name:<22} {point.count:>9} {point.per_article:>9.2f} "
            f"{point.precision:>7.3f} {point.labelled_precision:>9.3f}"
        )
    point = shown(found, floor, len(dev))
    verdict = "meets" if point.precision >= TARGET else "BELOW"
    print(f"shown precision {point.precision:.3f} {verdict} the target {TARGET}\n")
    return point


def per_label(
    predicted: list[tuple[str, int, int, str]], gold: list[tuple[str, int, int, str]]
) -> None:
    """Per technique: gold instances, predictions, and F1 (the same multiset matching)."""
    print(f"{'technique':<38} {'gold':>5} {'pred':>5} {'F1':>6}")
    for label in TECHNIQUES:
        figures = tc_score(
            [p for p in predicted if p[3] == label], [g for g in gold if g[3] == label]
        )
        print(f"{label:<38} {figures.gold:>5} {figures.predicted:>5} {figures.f1:>6.3f}")
    print()


def sample_article(words: int = 1000) -> str:
    """About ``words`` words of consecutive internal_dev articles (body lines only)."""
    lines: list[str] = []
    for article in load_articles(DATA):
        if article.subset != "internal_dev":
            continue
        lines.extend(line for line in article.text.split("\n")[2:] if line.strip())
        if sum(len(line.split()) for line in lines) >= words:
            break
    out: list[str] = []
    for line in lines:
        out.append(line)
        if sum(len(x.split()) for x in out) >= words:
            break
    return "\n\n".join(out)


def analyzer_speed(
    text: str, tagger: SpanTagger | EncoderSpanTagger, classifier: TechniqueClassifier
) -> float:
    """Articles per CPU-second: sentence splitting, features, both models, explanations."""
    paragraphs = [Span(0, len(text))]
    ranges = [s for p in paragraphs for s in split_sentences(text, p.start, p.end)]
    find_techniques(tagger, classifier, text, ranges)  # warm up
    runs, start = 0, time.process_time()
    while runs < 3 or time.process_time() - start < 3.0:
        find_techniques(tagger, classifier, text, ranges)
        runs += 1
    return runs / (time.process_time() - start)


def bert_speed(text: str) -> float | None:
    """Articles per CPU-second for a random BERT-base token classifier (None without torch)."""
    model = reference.bert_base()
    if model is None:
        return None
    lengths = reference.windows(reference.estimated_pieces(text))
    reference.run_windows(model, lengths)
    runs, start = 0, time.process_time()
    while runs < 2 or time.process_time() - start < 3.0:
        reference.run_windows(model, lengths)
        runs += 1
    return runs / (time.process_time() - start)


def sentence_view(
    text: str, tagger: SpanTagger | EncoderSpanTagger, classifier: TechniqueClassifier
) -> tuple[float, tuple[str, ...]]:
    """A sentence's score (highest token probability) and its tagged technique labels."""
    sentence = Sentence(tokenize(text))
    context = ArticleContext.build([sentence], text)
    score = float(np.max(tagger.token_probabilities([sentence], context)[0]))
    found = find_techniques(tagger, classifier, text, [Span(0, len(text))])
    return score, tuple(t.label for t in found)


def even_handedness(
    tagger: SpanTagger | EncoderSpanTagger, classifier: TechniqueClassifier, name: str = ""
) -> None:
    print(f"\nEven-handedness{name} (score = highest token probability of the sentence)")
    print(f"{'pairs':<12} {'n':>3} {'mean |change|':>14} {'max':>7} {'flags differ':>13}")
    rows = []
    for left, right, kind in PAIRS:
        a, fa = sentence_view(left, tagger, classifier)
        b, fb = sentence_view(right, tagger, classifier)
        rows.append((kind, abs(a - b), fa != fb))
    for kind in ("party", "politician", "ideology", "all"):
        chosen = [r for r in rows if kind in ("all", r[0])]
        changes = [r[1] for r in chosen]
        differ = sum(r[2] for r in chosen) / len(chosen)
        print(
            f"{kind:<12} {len(chosen):>3} {statistics.mean(changes):>14.4f} "
            f"{max(changes):>7.4f} {differ:>13.0%}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    parser.add_argument(
        "--spans",
        choices=("linear", "encoder"),
        default="linear",
        help="encoder: also measure the MiniLM span tagger beside the linear one",
    )
    args = parser.parse_args(argv)
    if not (DATA / "derived").is_dir():
        print(f"benchmark data not found under {DATA}", file=sys.stderr)
        return 1
    tagger, classifier = SpanTagger.load(), TechniqueClassifier.load()
    figures = quality(tagger, classifier)
    shown_findings(tagger, classifier)
    print(f"\n{'metric':<14} {'ours':>7}  {'anchor':<48} {'value':>7} {'ratio':>6}")
    for metric, anchors in (("SI F1", SI_ANCHORS), ("TC micro-F1", TC_ANCHORS)):
        for name, value in anchors:
            print(
                f"{metric:<14} {figures[metric]:>7.4f}  {name:<48} {value:>7.4f} "
                f"{figures[metric] / value:>6.2f}"
            )
    print(f"SI precision {figures['SI precision']:.4f}, recall {figures['SI recall']:.4f}")
    for metric in ("SI F1", "TC micro-F1"):
        floor = floor_of(f"persuasion: PTC internal_dev: {metric}")
        assert floor is not None  # the quality gate holds these two figures
        verdict = "meets" if figures[metric] >= floor.floor else "BELOW"
        print(f"{metric}: {figures[metric]:.4f} {verdict} the floor {floor.floor}")
    even_handedness(tagger, classifier)
    if not args.no_speed:
        text = sample_article()
        ours = analyzer_speed(text, tagger, classifier)
        bert = bert_speed(text)
        print(f"\nSpeed, one {len(text.split())}-word article, articles per CPU-second")
        print(f"newsift persuasion.techniques.v1: {ours:8.2f}")
        if bert is None:
            print("BERT-base token classifier: not measured (needs the hf extra)")
        else:
            print(f"BERT-base token classifier (random, torch CPU, 1 thread): {bert:8.3f}")
            print(f"ratio: {ours / bert:.0f}x")
    if args.spans == "encoder":
        encoder_figures(figures, classifier, None if args.no_speed else (ours, bert))
    return 0


def encoder_figures(
    linear: dict[str, float],
    classifier: TechniqueClassifier,
    speeds: tuple[float, float | None] | None,
) -> None:
    """The MiniLM span tagger's internal_dev figures and cost beside the linear tagger's."""
    encoder = EncoderSpanTagger.load()
    print('\nSpan tagger: linear (default) against the MiniLM encoder (spans="encoder")')
    figures = quality(encoder, classifier, per_technique=False)
    shown_findings(encoder, classifier)
    print(f"{'metric':<28} {'linear':>8} {'encoder':>8}")
    for metric, name in (
        ("SI precision", "SI precision"),
        ("SI recall", "SI recall"),
        ("SI F1", "SI F1"),
        ("TC micro-F1", "TC micro-F1 (gold spans)"),
    ):
        print(f"{name:<28} {linear[metric]:>8.4f} {figures[metric]:>8.4f}")
    even_handedness(encoder, classifier, ", MiniLM encoder (names read as one placeholder)")
    if speeds is None:
        return
    text = sample_article()
    ours, bert = speeds
    theirs = analyzer_speed(text, encoder, classifier)
    words = len(text.split())
    print(f"\nSpeed, the same {words}-word article, one thread (CPU-ms per article)")
    print(f"linear tagger:  {1000 / ours:8.1f}")
    print(
        f"MiniLM encoder: {1000 / theirs:8.1f} ({1000 / theirs * 1024 / words:.0f} per 1,024 words)"
    )
    if bert is not None:
        print(f"ratio to the BERT-base token classifier with the encoder: {theirs / bert:.0f}x")


if __name__ == "__main__":
    raise SystemExit(main())
