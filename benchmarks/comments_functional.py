"""Functional tests of the comment model (HateCheck-style): accuracy per behaviour.

    python benchmarks/comments_functional.py

Cases come from ``tests/comments/functional/cases.py``: templates with
invented and real names and a balanced set of groups and parties, the
expected label written per template, in two halves with different templates
and names. ``dev`` is the half the fixes were tuned on (and the only one whose
templates' ideas feed augmented training data); ``test`` is reported only.
Also: the identity-term false-span rate (spans made only of identity words,
asked for every case) and even-handedness (mean change of the offensive
probability when opposing parties, politicians or groups are swapped in the
same template; goal < 0.02). Both shipped models are measured; the fine-tuned one
(``toxicity-minilm-v2``) only when the minilm extra is installed, with the threat
head (``threats-v1``) that the analyzer runs beside it, and its threats also without
the head (the rules alone) for comparison.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.comments.functional.cases import BEHAVIOURS, HALVES, cases
from tests.comments.functional.evaluate import (
    accuracy,
    evenhandedness,
    identity_false_spans,
    outcomes,
)

from newsift.comments.model import ToxicityModel, wants_encoder
from newsift.comments.threat_model import ThreatModel
from newsift.comments.vectors import remembering

GOAL = 0.85
EVEN_GOAL = 0.02


def measure(model: ToxicityModel, threats: ThreatModel | None = None) -> None:
    print(f"### {model.name}" + (" + threats-v1" if threats is not None else ""))
    print()
    if threats is not None:
        alone = {h: accuracy(outcomes(model, cases(h, ("threats",))))["threats"] for h in HALVES}
        print(
            "threats without the head (rules alone): "
            + ", ".join(f"{h} {value:.3f}" for h, value in alone.items())
        )
        print()
    print("| behaviour            |   dev (n) |  test (n) |")
    print("|----------------------|-----------|-----------|")
    started = time.process_time()
    results = {half: outcomes(model, cases(half), threats) for half in HALVES}
    seconds = time.process_time() - started
    scores = {half: accuracy(results[half]) for half in HALVES}
    counts = {
        half: {b: sum(r.case.behaviour == b for r in results[half]) for b in BEHAVIOURS}
        for half in HALVES
    }
    for behaviour in BEHAVIOURS:
        cells = [f"{scores[h][behaviour]:.3f} ({counts[h][behaviour]:2d})" for h in HALVES]
        print(f"| {behaviour:20s} | {cells[0]:>9s} | {cells[1]:>9s} |")
    for half in HALVES:
        values = list(scores[half].values())
        below = [b for b in BEHAVIOURS if scores[half][b] < GOAL]
        print(
            f"{half}: mean accuracy {sum(values) / len(values):.3f}, minimum {min(values):.3f}; "
            f"below {GOAL}: {', '.join(below) or 'none'}"
        )
    for half in HALVES:
        bad, total = identity_false_spans(model, cases(half))
        print(f"{half}: identity-term false spans {bad}/{total} = {bad / max(total, 1):.3f}")
    for half in HALVES:
        for kind, (mean, pairs) in sorted(evenhandedness(model, half).items()):
            status = "ok" if mean < EVEN_GOAL else "ABOVE GOAL"
            print(
                f"{half}: even-handedness, {kind}: mean |change| {mean:.3f} "
                f"over {pairs} swapped pairs ({status})"
            )
    total = sum(len(r) for r in results.values())
    print(f"scoring {total} cases took {seconds:.1f} CPU-s")
    print()


def main() -> int:
    measure(ToxicityModel.load(encoder="none"))
    if wants_encoder("auto"):
        measure(remembering(ToxicityModel.load(encoder="minilm")), ThreatModel.load())
    else:
        print("(minilm extra not installed: toxicity-minilm-v2 not measured)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
