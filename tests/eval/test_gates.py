"""Quality gates: every analyzer's dev figures held to the floors of ``FLOORS``.

Each gate (``tests/eval/gates.py``) runs the code of its benchmark on dev data
and fails, naming the figure, its floor and its value, when a figure falls
below its floor (``newsift.eval.floors``). A gate whose data is missing skips
and says where it looked. ``python -m tests.eval.gates`` prints the figures.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace

import pytest

from newsift.claims.analyzer import finetuned_available
from newsift.eval.floors import FLOORS, BelowFloor, Floor, check, floor_of, verdict
from newsift.eval.structure import aggregate, score_page
from tests.eval.gates import GATES, ROOT, import_repository_module


@functools.cache
def figures_of(gate: str) -> dict[str, float]:
    """The gate's figures, keyed as in FLOORS (computed once per test session)."""
    found = GATES[gate]
    if not found.needs.exists():
        pytest.skip(f"{gate} gate: data not found at {found.needs}")
    return {f"{gate}: {figure}": value for figure, value in found.compute().items()}


@pytest.mark.parametrize("gate", sorted(GATES))
def test_gate_meets_every_floor(gate: str) -> None:
    figures = figures_of(gate)
    failures = []
    for figure, value in figures.items():  # a figure without a floor is a KeyError
        try:
            check(figure, value)
        except BelowFloor as below:
            failures.append(str(below))
    assert not failures, "\n".join(failures)
    missing = [
        f.figure for f in FLOORS if f.figure.startswith(f"{gate}: ") and f.figure not in figures
    ]
    if missing and not finetuned_available():
        pytest.skip(f"{gate} gate: the minilm extra is not installed, so not measured: {missing}")
    assert not missing, "floors whose figure the gate no longer computes"


def test_a_raised_floor_fails_the_gate_naming_figure_floor_and_value() -> None:
    figure, value = next(iter(figures_of("structure").items()))
    floor = floor_of(figure)
    assert floor is not None
    raised = [replace(floor, floor=value + 0.001)]
    with pytest.raises(BelowFloor) as failed:
        check(figure, value, raised)
    message = str(failed.value)
    assert figure in message and f"{value + 0.001:.4f}" in message and f"{value:.4f}" in message
    assert verdict(figure, value, raised) == "BELOW FLOOR"
    assert verdict(figure, value) == "ok"


def test_a_degraded_parser_fails_the_structure_gate() -> None:
    """The benchmark's naive baseline (first line headline, no comments) in place of
    structure.v1: the real floor of the comment boundary F1 stops it."""
    bench = import_repository_module("structure")
    scores = [score_page(bench.baseline(path), truth) for path, truth in bench.pages("dev")]
    value = aggregate(scores).comment_f1
    figure = "structure: dev, line model: comment boundary F1"
    with pytest.raises(BelowFloor, match=rf"{figure} = {value:.4f}, below its floor 0\.9900"):
        check(figure, value)


@pytest.mark.parametrize(
    ("value", "fails"),
    [(0.5, False), (0.4999, True), (math.nan, True), (1.0, False)],
)
def test_check_compares_with_the_floor(value: float, fails: bool) -> None:
    floors = [Floor("demo: figure", 0.5, 0.51, "none", "none")]
    if fails:
        with pytest.raises(BelowFloor, match=r"demo: figure = .* below its floor 0\.5000"):
            check("demo: figure", value, floors)
    else:
        check("demo: figure", value, floors)


def test_a_figure_without_a_floor_is_an_error() -> None:
    with pytest.raises(KeyError, match="no floor"):
        check("structure: no such figure", 1.0)


def test_every_floor_is_below_its_measured_figure_and_says_how_to_reprint_it() -> None:
    for floor in FLOORS:
        assert floor.floor <= floor.measured, floor
        assert floor.measured - floor.floor <= 0.02, floor
        assert floor.command and floor.data, floor
        assert floor.figure.split(": ")[0] in GATES, floor


def test_docs_eval_lists_every_floor() -> None:
    doc = (ROOT / "docs" / "eval.md").read_text(encoding="utf-8")
    for floor in FLOORS:
        assert f"| {floor.figure} | {floor.floor:.3f} | {floor.measured:.4f} |" in doc, floor
