"""Scoring attribution against BRAT stand-off truth (PolNeAR).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) labels each attribution
relation with a ``Source``, a ``Cue`` and one or more ``Content`` spans in
BRAT stand-off form (``T`` lines for spans, ``E`` lines for relations). This
module reads those files and scores predicted (source, cue, content) spans
role by role: precision, recall and F1 under exact match (the same character
extent, surrounding white space ignored) and overlap (at least one shared
character), each gold and each predicted span matched at most once.

A discontinuous gold span (``10 20;30 40``) counts by its extent (``10 40``).
Used by ``benchmarks/attribution.py`` and its tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.eval.metrics import harmonic_f1, ratio

ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldRelation:
    id: str
    source: GoldSpan | None
    cue: GoldSpan | None
    contents: list[GoldSpan] = field(default_factory=list)


def read_brat(ann: str) -> list[GoldRelation]:
    """The attribution relations (``E`` lines) of one BRAT ``.ann`` text.

    Every text-bound annotation (``T`` line) is read first: an ``E`` line may name a
    ``T`` that comes after it in the file (PolNeAR has 73 such content pieces in train
    and 3 in dev, which a single pass dropped before session 11)."""
    lines = ann.splitlines()
    spans: dict[str, GoldSpan] = {}
    for line in lines:
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            _, _, ranges = parts[1].partition(" ")
            fragments: list[tuple[int, int]] = []
            for piece in ranges.split(";"):
                start, end = piece.split()
                fragments.append((int(start), int(end)))
            spans[parts[0]] = GoldSpan(fragments[0][0], fragments[-1][1], tuple(fragments))
    relations: list[GoldRelation] = []
    for line in lines:
        if line.startswith("E"):
            parts = line.split("\t")
            relation = GoldRelation(parts[0], None, None)
            for argument in parts[1].split():
                role, _, ref = argument.partition(":")
                role = role.rstrip("0123456789")
                span = spans.get(ref)
                if span is None:
                    continue
                if role == "Source":
                    relation.source = span
                elif role == "Cue":
                    relation.cue = span
                elif role == "Content":
                    relation.contents.append(span)
            relations.append(relation)
    return relations


def polnear_articles(folder: Path) -> list[tuple[str, Path, Path]]:
    """(article name, text path, first annotator's .ann path) for each article."""
    found = []
    for text in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            found.append((text.stem, text, anns[0]))
    return found


def gold_spans(relations: Iterable[GoldRelation], text: str) -> dict[str, set[tuple[int, int]]]:
    """Role -> set of trimmed (start, end) extents."""
    out: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    for relation in relations:
        if relation.source is not None:
            out["source"].add(trim(text, relation.source.start, relation.source.end))
        if relation.cue is not None:
            out["cue"].add(trim(text, relation.cue.start, relation.cue.end))
        for content in relation.contents:
            out["content"].add(trim(text, content.start, content.end))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The extent without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(slots=True)
class Counts:
    """Matched predictions, predictions and gold spans, exact and overlap."""

    exact: int = 0
    overlap: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.exact += other.exact
        self.overlap += other.overlap
        self.predicted += other.predicted
        self.gold += other.gold

    def prf(self, mode: str) -> tuple[float, float, float]:
        hits = self.exact if mode == "exact" else self.overlap
        precision, recall = ratio(hits, self.predicted), ratio(hits, self.gold)
        return precision, recall, harmonic_f1(precision, recall)


def score_spans(
    predicted: Sequence[tuple[int, int]] | set[tuple[int, int]],
    gold: Sequence[tuple[int, int]] | set[tuple[int, int]],
) -> Counts:
    """Exact and overlap matches, one to one (greedy, largest overlap first)."""
    pred = sorted(set(predicted))
    truth = sorted(set(gold))
    counts = Counts(predicted=len(pred), gold=len(truth))
    truth_set = set(truth)
    counts.exact = sum(1 for p in pred if p in truth_set)
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(truth):
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0:
                pairs.append((-shared, i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    counts.overlap = len(used_p)
    return counts


def predicted_spans(quotes: Iterable[Any], text: str) -> dict[str, set[tuple[int, int]]]:
    """Role -> spans predicted by newsift quotes, in PolNeAR's shape.

    Quotes that share a cue are one relation (a quotation interrupted by its
    attribution, or continued in the next sentence or paragraph), whose content
    is their extent, as PolNeAR counts a discontinuous content; the speaker
    mention is the relation's source, with the comma that closes its appositive
    ("Jeff Weaver, Sanders' campaign manager,") as PolNeAR marks it.
    """
    out: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    groups: dict[tuple[int, int] | None, list[Any]] = {}
    for quote in quotes:
        key = (quote.cue.start, quote.cue.end) if quote.cue is not None else None
        if key is None:
            out["content"].add(trim(text, quote.content.start, quote.content.end))
            continue
        groups.setdefault(key, []).append(quote)
    for key, members in groups.items():
        assert key is not None
        out["cue"].add(trim(text, *key))
        start = min(q.content.start for q in members)
        end = max(q.content.end for q in members)
        out["content"].add(trim(text, start, end))
        speaker = next((q.speaker for q in members if q.speaker is not None), None)
        if speaker is not None:
            end = speaker.end
            if "," in text[speaker.start : end] and text[end : end + 1] == ",":
                end += 1  # PolNeAR keeps the comma that closes an appositive
            out["source"].add(trim(text, speaker.start, end))
    return out
