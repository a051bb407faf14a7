"""The ``fast`` pipeline preset: structure, claims and comments, no spaCy, no encoder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import newsift
from newsift.pipeline import (
    DEFAULT_PIPELINE,
    FAST_PIPELINE,
    PIPELINES,
    Pipeline,
    fast_pipeline,
    resolve,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"
STRUCTURE_DEV = ROOT / "benchmarks" / "data" / "structure" / "dev"
ENCODED = ("claims.checkworthy.v1", "comments.toxicity.v1")
#: claim fields that come from the quotes layer (attribution), which the fast preset lacks
FROM_QUOTES = {"quote", "source", "claimant", "type"}


def _name(entry: str | Any) -> str:
    return entry if isinstance(entry, str) else str(entry["name"])


@pytest.fixture(scope="module")
def fast() -> Pipeline:
    built = fast_pipeline(time_limit_s=None)
    built.setup()
    return built


@pytest.fixture(scope="module")
def default_without_encoder() -> Pipeline:
    config = [
        {"name": n, "params": {"encoder": "none"}} if n in ENCODED else n for n in DEFAULT_PIPELINE
    ]
    return Pipeline.from_config(config, time_limit_s=None)


@pytest.mark.parametrize(
    ("prefix", "present"),
    [
        ("structure.", True),
        ("claims.", True),
        ("comments.", True),
        ("attribution.", False),  # spaCy
        ("persuasion.", False),  # needs the quotes layer of attribution
    ],
)
def test_fast_preset_analyzers(fast: Pipeline, prefix: str, present: bool) -> None:
    assert any(n.startswith(prefix) for n in fast.names) is present


@pytest.mark.parametrize("name", ENCODED)
def test_fast_preset_has_no_encoder(fast: Pipeline, name: str) -> None:
    analyzer = next(a for a in fast.analyzers if a.name == name)
    assert getattr(analyzer, "encoder") == "none"  # noqa: B009  (not on the protocol)
    model = getattr(analyzer, "_model")  # noqa: B009
    assert model is not None and model.dense is None and model.encoder is None


@pytest.mark.parametrize(
    ("config", "names"),
    [
        ("fast", [_name(e) for e in FAST_PIPELINE]),
        ("default", list(DEFAULT_PIPELINE)),
        (["fast"], [_name(e) for e in FAST_PIPELINE]),
        ("structure.v1, claims.checkworthy.v1", ["structure.v1", "claims.checkworthy.v1"]),
        (["structure.v1", "comments.toxicity.v1"], ["structure.v1", "comments.toxicity.v1"]),
    ],
)
def test_resolve_presets(config: str | list[str], names: list[str]) -> None:
    assert [_name(e) for e in resolve(config)] == names


def test_resolve_copies_the_preset() -> None:
    resolved = resolve("fast")
    params = next(e for e in resolved if not isinstance(e, str))["params"]
    params["encoder"] = "minilm"
    assert all(e["params"]["encoder"] == "none" for e in resolve("fast") if not isinstance(e, str))
    assert set(PIPELINES) >= {"default", "fast"}


def test_from_config_takes_a_preset_name() -> None:
    assert Pipeline.from_config(["fast"]).names == [_name(e) for e in FAST_PIPELINE]


def _pages() -> list[Path]:
    return [SAMPLE, *sorted(STRUCTURE_DEV.glob("*.txt"))[:3]]


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name)
def test_fast_output_equals_default_without_encoder(
    fast: Pipeline, default_without_encoder: Pipeline, path: Path
) -> None:
    """Where the layers overlap: regions, comments and claim scores are the same.

    Claims differ only in what the quotes layer adds (quote, source, the
    claimant a quotation gives, so the type, and the ``quoted`` cue).
    """
    text = path.read_text(encoding="utf-8")

    def run(built: Pipeline) -> dict[str, Any]:
        doc = newsift.load(text, kind="dump", id=path.name, reference_date="2025-06-01")
        return built(doc).to_dict()

    ours, theirs = run(fast), run(default_without_encoder)
    for layer in ("regions", "toxicity", "thread"):
        assert ours[layer] == theirs[layer], layer
    assert len(ours["claims"]) == len(theirs["claims"])
    for mine, other in zip(ours["claims"], theirs["claims"], strict=True):
        assert mine["features"] == [f for f in other["features"] if f != "quoted"]
        kept = set(other) - FROM_QUOTES - {"features"}
        assert {k: mine[k] for k in kept} == {k: other[k] for k in kept}
