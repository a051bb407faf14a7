"""Scoring the functional cases: accuracy per behaviour, identity-term spans, even-handedness.

Shared by ``tests/comments/functional`` and ``benchmarks/comments_functional.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsift.comments.lexicon import POLITICIANS, categories, words
from newsift.comments.model import ToxicityModel
from newsift.comments.threat_model import ThreatModel, with_threats
from tests.comments.functional.cases import Case, cases, swap_pairs


@dataclass(frozen=True, slots=True)
class Outcome:
    """The model's decision on one case and whether it is the expected one."""

    case: Case
    offensive_probability: float
    offensive: bool
    targeted: bool

    @property
    def correct(self) -> bool:
        if self.case.expect == "offensive":
            return self.offensive
        if self.case.expect == "not_offensive":
            return not self.offensive
        return not (self.offensive and self.targeted)  # untargeted


def outcomes(
    model: ToxicityModel, found: Sequence[Case], threats: ThreatModel | None = None
) -> list[Outcome]:
    """The model's decision on every case (``offensive`` and ``targeted`` at its thresholds),
    with the threat head's finds raised as the analyzer raises them when ``threats`` is given."""
    texts = [c.text for c in found]
    p = with_threats(model, threats, texts, model.probabilities(texts))
    off, tin = model.column("offensive"), model.column("targeted")
    return [
        Outcome(
            case,
            float(row[off]),
            bool(row[off] >= model.threshold("offensive")),
            bool(row[tin] >= model.threshold("targeted")),
        )
        for case, row in zip(found, p, strict=True)
    ]


def accuracy(results: Sequence[Outcome]) -> dict[str, float]:
    """Behaviour -> share of its cases decided as expected."""
    by: dict[str, list[bool]] = defaultdict(list)
    for result in results:
        by[result.case.behaviour].append(result.correct)
    return {name: float(np.mean(values)) for name, values in by.items()}


def identity_only(text: str) -> bool:
    """True when every word of ``text`` is an identity term (lexicon ``identity``)."""
    found = words(text)
    return bool(found) and all("identity" in categories(w) for _, _, w in found)


def identity_false_spans(model: ToxicityModel, found: Sequence[Case]) -> tuple[int, int]:
    """``(spans made of identity terms only, all spans)`` over ``found``.

    Spans are asked for every case with ``at_least_one`` (as for a comment judged
    offensive), so benign sentences with an identity word are tested too. No
    case uses an identity term as a slur, so every such span is a false one.
    """
    bad = total = 0
    for case in found:
        for span in model.spans(case.text, at_least_one=True):
            total += 1
            bad += identity_only(case.text[span.start : span.end])
    return bad, total


def listed(name: str) -> bool:
    return name.split()[-1].lower() in POLITICIANS


def evenhandedness(model: ToxicityModel, half: str) -> dict[str, tuple[float, int]]:
    """Kind of swap -> (mean |change| of the offensive probability, pairs compared).

    Every template with a group, party or politician slot is filled with both
    names of each opposing pair of ``half``; politicians are split into those
    in the lexicon's folding list and the others.
    """
    texts: dict[tuple[str, str], str] = {}
    for case in cases(half):
        texts[(case.template, case.filler)] = case.text
    keys = list(texts)
    p = model.probabilities([texts[k] for k in keys])[:, model.column("offensive")]
    score = dict(zip(keys, p, strict=True))
    changes: dict[str, list[float]] = defaultdict(list)
    for kind, a, b in swap_pairs(half):
        label = kind
        if kind == "politician":
            label = "listed politicians" if listed(a) and listed(b) else "unlisted politicians"
        for template in {t for t, _ in keys}:
            if (template, a) in score and (template, b) in score:
                changes[label].append(abs(float(score[(template, a)] - score[(template, b)])))
    return {k: (float(np.mean(v)), len(v)) for k, v in changes.items()}
