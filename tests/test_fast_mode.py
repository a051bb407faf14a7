"""The ``fast`` pipeline preset: structure, claims and comments, no spaCy, no encoder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsift
from newsift.claims.annotations import Claim
from newsift.comments.annotations import DETAIL_FIELDS, THREAD_DETAIL_FIELDS
from newsift.document import Document
from newsift.pipeline import (
    DEFAULT_PIPELINE,
    FAST_PIPELINE,
    PIPELINES,
    Pipeline,
    fast_pipeline,
    resolve,
)
from newsift.testing import CONTRACT_DOCS, contract_documents

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"
STRUCTURE_DEV = ROOT / "benchmarks" / "data" / "structure" / "dev"
ENCODED = ("claims.checkworthy.v1", "comments.toxicity.v1")
#: claim fields that come from the quotes layer (attribution), which the fast preset
#: lacks, and that its claims leave out (detail=False)
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
    """The default pipeline with the encoder off and structure by the rules, as in ``fast``."""
    config: list[str | dict[str, Any]] = [
        {"name": n, "params": {"encoder": "none"}} if n in ENCODED else n for n in DEFAULT_PIPELINE
    ]
    config[0] = {"name": "structure.v1", "params": {"line_model": False}}
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
    assert model is not None and model.name in ("claims-v1", "toxicity-v1")  # n-gram models
    assert getattr(model, "dense", None) is None and getattr(model, "encoder", None) is None


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
    params = next(e for e in resolved if _name(e) == "claims.checkworthy.v1")["params"]
    params["encoder"] = "minilm"
    again = [e for e in resolve("fast") if _name(e) in ENCODED]
    assert all(e["params"]["encoder"] == "none" for e in again)
    assert set(PIPELINES) >= {"default", "fast"}


def test_from_config_takes_a_preset_name() -> None:
    assert Pipeline.from_config(["fast"]).names == [_name(e) for e in FAST_PIPELINE]


def _pages() -> list[Path]:
    return [SAMPLE, *sorted(STRUCTURE_DEV.glob("*.txt"))[:3]]


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name)
def test_fast_output_equals_default_without_encoder(
    fast: Pipeline, default_without_encoder: Pipeline, path: Path
) -> None:
    """Where the layers overlap: regions, comment scores and claim scores are the same.

    Claims differ only in what the quotes layer adds (quote, source, the
    claimant a quotation gives, so the type, and the ``quoted`` cue); comments
    and the thread in the detail fields, absent in ``fast``.
    """
    text = path.read_text(encoding="utf-8")

    def run(built: Pipeline) -> dict[str, Any]:
        doc = newsift.load(text, kind="dump", id=path.name, reference_date="2025-06-01")
        return built(doc).to_dict()

    ours, theirs = run(fast), run(default_without_encoder)
    assert ours["regions"] == theirs["regions"]
    assert len(ours["toxicity"]) == len(theirs["toxicity"])
    for mine, other in zip(ours["toxicity"], theirs["toxicity"], strict=True):
        assert not set(mine) & set(DETAIL_FIELDS)
        assert mine == {k: other[k] for k in mine}
    for mine, other in zip(ours["thread"], theirs["thread"], strict=True):
        assert not set(mine) & set(THREAD_DETAIL_FIELDS)
        assert mine == {k: other[k] for k in mine}
    assert len(ours["claims"]) == len(theirs["claims"])
    for mine, other in zip(ours["claims"], theirs["claims"], strict=True):
        assert mine["features"] == [f for f in other["features"] if f != "quoted"]
        kept = set(other) - FROM_QUOTES - {"features"}
        assert {k: mine[k] for k in kept} == {k: other[k] for k in kept}


@pytest.mark.parametrize("label", [*CONTRACT_DOCS, "sample"])
def test_fast_output_round_trips(fast: Pipeline, label: str) -> None:
    """The fast preset's documents (fields left out) read back to the same JSON."""
    if label == "sample":
        doc = newsift.load(SAMPLE.read_text(encoding="utf-8"), kind="dump", id="s")
    else:
        doc = contract_documents()[label]
    payload = json.loads(json.dumps(fast(doc).to_dict()))
    again = Document.from_dict(payload)
    assert again.to_dict() == payload
    assert all(not t.detail for t in again.layers.get("toxicity", []))
    assert all(not t.detail for t in again.layers.get("thread", []))


def test_show_reads_fast_output(fast: Pipeline) -> None:
    """``newsift show`` (newsift.summary) prints a fast document."""
    from newsift.summary import summarise

    doc = fast(newsift.load(SAMPLE.read_text(encoding="utf-8"), kind="dump", id="s"))
    assert "thread" in summarise(Document.from_dict(json.loads(json.dumps(doc.to_dict()))))


@pytest.mark.parametrize("detail", [True, False])
def test_show_and_reports_say_nothing_of_what_was_not_checked(detail: bool) -> None:
    """Without detail (the fast preset's comments, claims detail=False), ``show`` and the
    reports print no duplicate, junk or off-topic counts as if checked, and no claim type."""
    from newsift.report import render
    from newsift.summary import summarise

    config = [
        {"name": "structure.v1", "params": {"line_model": False}},
        {"name": "claims.checkworthy.v1", "params": {"encoder": "none", "detail": detail}},
        {"name": "comments.toxicity.v1", "params": {"encoder": "none", "detail": detail}},
    ]
    doc = Pipeline.from_config(config)(
        newsift.load(SAMPLE.read_text(encoding="utf-8"), kind="dump")
    )
    data = json.loads(json.dumps(doc.to_dict()))
    shown = summarise(Document.from_dict(data))
    markdown, html = render(data, "md"), render(data, "html")
    assert ("near-duplicate" in shown) is detail
    assert ("duplicates" in markdown) is detail and ("duplicates" in html) is detail
    assert ("(statistic" in shown) is detail  # the sample's top claim is a statistic


def test_claims_without_detail() -> None:
    """claims ``detail=False``: the same claims less claimant and type, read back so."""
    text = SAMPLE.read_text(encoding="utf-8")
    out = {}
    for detail in (True, False):
        config = [
            {"name": "structure.v1", "params": {"line_model": False}},
            {"name": "claims.checkworthy.v1", "params": {"encoder": "none", "detail": detail}},
        ]
        doc = Pipeline.from_config(config)(newsift.load(text, kind="dump", id="s"))
        out[detail] = json.loads(json.dumps(doc.to_dict()))["claims"]
    assert out[False] and len(out[False]) == len(out[True])
    for brief, full in zip(out[False], out[True], strict=True):
        assert {k: v for k, v in full.items() if k not in ("type", "claimant")} == brief
        assert not Claim.from_dict(brief).detail and Claim.from_dict(brief).to_dict() == brief


def test_default_output_keeps_detail(default_without_encoder: Pipeline) -> None:
    doc = newsift.load(SAMPLE.read_text(encoding="utf-8"), kind="dump", id="s")
    data = json.loads(json.dumps(default_without_encoder(doc).to_dict()))
    assert data["toxicity"] and all(
        set(DETAIL_FIELDS) - {"named_target", "reason"} <= set(t) for t in data["toxicity"]
    )
    assert set(THREAD_DETAIL_FIELDS) <= set(data["thread"][0])
    assert data["claims"] and all({"type", "claimant"} <= set(c) for c in data["claims"])
    again = Document.from_dict(data)
    assert all(c.detail for c in again.layers["claims"])
    assert all(t.detail for t in again.layers["toxicity"])
    assert again.to_dict() == data


def test_items_without_detail_read_back() -> None:
    from newsift.comments.annotations import ThreadSummary, Toxicity

    scores = {"offensive": 0.9, "insult": 0.8, "identity_attack": 0.1, "threat": 0.0,
              "profanity": 0.2}  # fmt: skip
    item = {"region": "r9", "scores": scores, "offensive": True, "would_remove": True}
    read = Toxicity.from_dict(item)
    assert not read.detail and read.to_dict() == item
    thread = {"comments": 3, "named": 2, "anonymous": 1, "offensive": 1,
              "offensive_share": 0.3333, "most_offensive": ["r9"], "would_remove": 1,
              "removal_share": 0.3333}  # fmt: skip
    summary = ThreadSummary.from_dict(thread)
    assert not summary.detail and summary.to_dict() == thread
    claim = {"span": {"start": 0, "end": 5}, "score": 0.5, "rank": 1, "checkworthy": True,
             "features": [], "quote": None, "source": None, "matches": [], "shortlist": True,
             "searched": False}  # fmt: skip
    brief = Claim.from_dict(claim)
    assert not brief.detail and brief.to_dict() == claim
    assert Claim.from_dict({**claim, "type": "statistic", "claimant": None}).detail


def test_a_bad_item_without_detail_is_refused() -> None:
    from newsift.comments.annotations import Toxicity
    from newsift.errors import SchemaError

    scores = dict.fromkeys(("offensive", "insult", "identity_attack", "threat", "profanity"), 0.1)
    with pytest.raises(SchemaError):
        Toxicity.from_dict({"region": "r1", "scores": scores, "offensive": "no",
                            "would_remove": False})  # fmt: skip
