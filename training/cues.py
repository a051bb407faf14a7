"""Train the cue tagger of attribution (``make models``).

    python -m training.cues [--shared ../shared] [--out PATH] [--limit N]
                                 [--c1 X] [--c2 X] [--iterations N] [--no-check]

(``--out`` defaults to src/newsift/models/attribution-cues-v1.npz.)

Data: PolNeAR v1.0.0 ``train`` (``../shared/data/attribution/polnear/train``, see
PROVENANCE.md there), first annotator file per article. Every fifth article
(sorted by name, as :mod:`training.spans` does) is held out to choose the
confidence threshold and for the figures; dev is never read here
(``benchmarks/attribution.py`` reports it). Each article is analysed as the
benchmark does (``structure.v1`` without its line model, then the rules of
:mod:`newsift.attribution.quotes`, whose cues become an attribute). The lemmas
that open a sentence to tagging are those that head a gold cue at least
``MIN_HEADS`` times and in at least ``MIN_SHARE`` of their uses in the training
part; each sentence holding one is a training sequence, its tokens tagged
O/B/I from the gold cues' extents.

The threshold is the one on a fixed grid (0.20 to 0.95) at which the rules'
statements plus the tagger's additions have the best mean exact F1 of source,
cue and content on the held-out part (ties go to the higher threshold), each
addition counted as the benchmark would count it.

Like :mod:`training.spans` (whose CRF fitting it reuses) it needs
python-crfsuite and is deterministic: a fixed data order and threshold grid.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsift.attribution.analyzer import analyse
from newsift.attribution.cue_tagger import (
    CueTagger,
    rule_tokens,
    save_cue_tagger,
    sentence_rows,
)
from newsift.attribution.nlp import load_english
from newsift.attribution.spans import load_span_model
from newsift.eval.attribution import (
    ROLES,
    Counts,
    gold_spans,
    predicted_spans,
    read_brat,
    score_spans,
    trim,
)
from training.spans import (
    article_blocks,
    evaluate,
    fit,
    report,
    split_train,
    training_arguments,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

    from newsift.attribution.marks import QuotedSpan
    from newsift.attribution.quotes import Speech

Articles = Sequence[tuple[str, Path, Path]]
Sequences = list[tuple[list[list[str]], list[str]]]
MIN_HEADS = 3
MIN_SHARE = 0.05
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(4, 20))


@dataclass
class Paragraph:
    """One parsed paragraph of a training article, with the rules' cue tokens."""

    sdoc: SpacyDoc
    quoted: list[tuple[int, int]]  # quotation extents, relative to the paragraph
    rule: set[int]
    gold: list[tuple[int, int]]  # gold cue extents, relative to the paragraph


def read_paragraphs(nlp: Language, articles: Articles) -> list[Paragraph]:
    """The parsed paragraphs of ``articles`` with their rule cues and gold cues."""
    out: list[Paragraph] = []
    for name, text_path, ann_path in articles:
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        gold = gold_spans(read_brat(ann_path.read_text(encoding="utf-8")), text)["cue"]

        def record(
            sdoc: SpacyDoc,
            offset: int,
            paragraph: int,
            quoted: Sequence[QuotedSpan],
            rule: list[Speech],
            gold: set[tuple[int, int]] = gold,
        ) -> list[Speech]:
            end = offset + len(sdoc.text)
            here = [(q.start - offset, q.end - offset) for q in quoted if q.start < end]
            here = [q for q in here if q[1] > 0]
            cues = [(s - offset, e - offset) for s, e in gold if offset <= s and e <= end]
            sdoc.tensor = np.zeros((0,), dtype=np.float32)  # not needed; saves memory
            out.append(Paragraph(sdoc, here, rule_tokens(sdoc, offset, rule), sorted(cues)))
            return []

        analyse(nlp, text, blocks, cues=record)
    return out


def head_lemmas(paragraphs: Sequence[Paragraph]) -> frozenset[str]:
    """Lemmas heading at least MIN_HEADS gold cues, in at least MIN_SHARE of their uses."""
    heads: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for item in paragraphs:
        for token in item.sdoc:
            uses[token.lemma_.lower()] += 1
        for lo, hi in item.gold:
            span = item.sdoc.char_span(lo, hi, alignment_mode="expand")
            if span is not None and len(span):
                heads[span.root.lemma_.lower()] += 1
    return frozenset(
        lemma
        for lemma, count in heads.items()
        if count >= MIN_HEADS and count >= MIN_SHARE * uses[lemma] and lemma.strip()
    )


def sequences(paragraphs: Sequence[Paragraph], lemmas: frozenset[str]) -> Sequences:
    """One O/B/I sequence per sentence holding one of ``lemmas``."""
    out: Sequences = []
    for item in paragraphs:
        for sent in item.sdoc.sents:
            if not any(t.lemma_.lower() in lemmas for t in sent):
                continue
            tags: list[str] = []
            previous: tuple[int, int] | None = None
            for token in sent:
                inside = next((g for g in item.gold if g[0] <= token.idx < g[1]), None)
                if inside is None:
                    tags.append("O")
                elif inside == previous:
                    tags.append("I")
                else:
                    tags.append("B")
                previous = inside
            out.append((sentence_rows(sent, item.rule, item.quoted), tags))
    return out


@dataclass
class Added:
    """What the tagger's additions would change on the held-out part, by threshold."""

    base: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    # per added statement: probability, and whether its cue/source/content is a new exact hit
    items: list[tuple[float, dict[str, bool]]] = field(default_factory=list)

    def table(self) -> list[tuple[float, dict[str, tuple[float, float, float]], float]]:
        rows = []
        for threshold in THRESHOLDS:
            taken = [hits for p, hits in self.items if p >= threshold]
            figures: dict[str, tuple[float, float, float]] = {}
            for role in ROLES:
                counts = Counts(
                    exact=self.base[role].exact + sum(h[role] for h in taken),
                    predicted=self.base[role].predicted + len(taken),
                    gold=self.base[role].gold,
                )
                figures[role] = counts.prf("exact")
            added = sum(h["cue"] for h in taken) / len(taken) if taken else 1.0
            rows.append((threshold, figures, added))
        return rows


def assess(nlp: Language, articles: Articles, tagger: CueTagger) -> Added:
    """Rules-only figures and every candidate addition (threshold 0) on ``articles``."""
    spans = load_span_model()
    out = Added()
    for name, text_path, ann_path in articles:
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        gold = gold_spans(read_brat(ann_path.read_text(encoding="utf-8")), text)
        added: list[tuple[float, Speech]] = []

        def grab(
            sdoc: SpacyDoc,
            offset: int,
            paragraph: int,
            quoted: Sequence[QuotedSpan],
            rule: list[Speech],
            added: list[tuple[float, Speech]] = added,
        ) -> list[Speech]:
            scored = tagger.scored(sdoc, offset, paragraph, quoted, rule)
            added.extend(scored)
            found = [speech for _, speech in scored]
            return found

        quotes, _, _ = analyse(nlp, text, blocks, spans.refine, cues=grab)
        kept = {(s.cue.start, s.cue.end) for _, s in added}
        rules_only = [q for q in quotes if q.cue is None or (q.cue.start, q.cue.end) not in kept]
        predicted = predicted_spans(rules_only, text)
        for role in ROLES:
            out.base[role].add(score_spans(predicted[role], gold[role]))
        for probability, speech in added:
            assert speech.content is not None and speech.speaker is not None
            hits = {
                "cue": _new_hit(text, speech.cue.start, speech.cue.end, gold, predicted, "cue"),
                "source": _new_hit(
                    text, speech.speaker.start, speech.speaker.end, gold, predicted, "source"
                ),
                "content": _new_hit(
                    text, speech.content.start, speech.content.end, gold, predicted, "content"
                ),
            }
            out.items.append((probability, hits))
    return out


def _new_hit(
    text: str,
    start: int,
    end: int,
    gold: dict[str, set[tuple[int, int]]],
    predicted: dict[str, set[tuple[int, int]]],
    role: str,
) -> bool:
    key = trim(text, start, end)
    return key in gold[role] and key not in predicted[role]


def choose_threshold(
    table: Sequence[tuple[float, dict[str, tuple[float, float, float]], float]],
) -> float:
    """The threshold with the best mean exact F1 over the roles (the higher one on a tie)."""
    best = max(table, key=lambda row: (round(sum(f for _, _, f in row[1].values()), 9), row[0]))
    return best[0]


def _cells(figures: dict[str, tuple[float, float, float]]) -> str:
    return ", ".join(
        f"{role} {100 * p:.1f}/{100 * r:.1f}/{100 * f:.1f}" for role, (p, r, f) in figures.items()
    )


def main() -> int:
    args = training_arguments("attribution-cues-v1", c1=1.0)
    started = time.time()
    fit_articles, check_articles = split_train(args.shared, args.limit)
    nlp = load_english()
    paragraphs = read_paragraphs(nlp, fit_articles)
    lemmas = head_lemmas(paragraphs)
    data = sequences(paragraphs, lemmas)
    del paragraphs
    print(
        f"{len(fit_articles)} articles, {len(lemmas)} lemmas, {len(data)} sequences",
        file=sys.stderr,
    )
    crf = fit(data, args.c1, args.c2, args.iterations, args.out.parent)
    del data
    added = assess(nlp, check_articles, CueTagger(crf, lemmas, 0.0))
    table = added.table()
    threshold = choose_threshold(table)
    tagger = CueTagger(crf, lemmas, float(np.float32(threshold)))
    save_cue_tagger(tagger, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(crf.index):,} attributes)")
    print(f"held-out train part: {len(check_articles)} articles; threshold by mean exact F1")
    for value, figures, precision in table:
        mark = " <- chosen" if value == threshold else ""
        print(f"  {value:.2f}: added cue P {100 * precision:.1f}; {_cells(figures)}{mark}")
    if not args.no_check:
        refine = load_span_model().refine
        report("rules", evaluate(nlp, check_articles, refine))
        report("rules+cues", evaluate(nlp, check_articles, refine, cues=tagger))
    print(f"{time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
