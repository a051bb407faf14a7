"""The published JSON Schema of a document: built from the layer classes, true of real outputs."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

import newsift
from newsift.document import (
    LAYER_LOADERS,
    LAYERS,
    Choices,
    Computed,
    LayerSpec,
    Span,
    WrittenAs,
)
from newsift.document_schema import document_schema, layer_classes, write_schema
from newsift.pipeline import Pipeline

jsonschema = pytest.importorskip("jsonschema", reason="schema checks need jsonschema (dev extra)")

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT / "docs" / "document.schema.json"
HTML_PAGES = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
QUOTED = (
    "Rates rise\n\nBy Ana Ruiz\n\n"
    '"The harbour fee rose 40 percent in 2023," said Mara Quell, the port\'s director.\n\n'
    "The council will vote on the fee in May. Officials did not respond to requests.\n"
)


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = document_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator: Any, data: dict[str, Any]) -> list[str]:
    return [f"{e.json_path}: {e.message[:160]}" for e in validator.iter_errors(data)]


def test_the_published_file_is_the_schema_the_code_builds() -> None:
    built = write_schema()
    assert PUBLISHED.read_text(encoding="utf-8") == built, (
        "docs/document.schema.json is stale: run `newsift schema --out docs/document.schema.json`"
    )


def test_every_registered_layer_is_described() -> None:
    schema = document_schema()
    assert set(LAYER_LOADERS) <= set(schema["properties"])
    assert set(layer_classes()) == set(LAYER_LOADERS)


def test_a_plug_in_layer_read_by_a_function_is_a_free_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(LAYER_LOADERS, "plugin_notes", lambda data: data)
    schema = document_schema()
    assert schema["properties"]["plugin_notes"]["items"]["type"] == "object"
    assert "plugin_notes" not in layer_classes()


@dataclass(frozen=True, slots=True)
class Note:
    """A plug-in's note on a span."""

    span: Span
    tone: str
    private: bool = False

    JSON_WRITTEN_AS: ClassVar[WrittenAs] = {
        "private": {},
        "span": {"start": {"type": "integer"}, "end": {"type": "integer"}},
    }
    JSON_COMPUTED: ClassVar[Computed] = {"length": {"type": "integer"}}
    JSON_CHOICES: ClassVar[Choices] = {"tone": ("calm", "loud")}

    def to_dict(self) -> dict[str, Any]:
        span = {"start": self.span.start, "end": self.span.end}
        return span | {"tone": self.tone, "length": self.span.end - self.span.start}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Note:
        return cls(Span(data["start"], data["end"]), data["tone"])


@pytest.mark.parametrize(
    ("key", "described"),
    [
        ("start", {"type": "integer"}),  # written as: the span flat
        ("end", {"type": "integer"}),
        ("tone", {"type": "string", "enum": ["calm", "loud"]}),  # choices
        ("length", {"type": "integer"}),  # computed
        ("private", None),  # written as: never
        ("span", None),
    ],
)
def test_a_class_declares_where_its_json_differs_from_its_fields(
    monkeypatch: pytest.MonkeyPatch, key: str, described: dict[str, Any] | None
) -> None:
    monkeypatch.setitem(LAYERS, "notes", LayerSpec("notes", Note, Note.from_dict, "tests"))
    monkeypatch.setitem(LAYER_LOADERS, "notes", Note.from_dict)
    note = document_schema(refs=False)["properties"]["notes"]["items"]
    assert note["properties"].get(key) == described
    assert note["required"] == ["start", "end", "tone", "length"]
    assert note["description"] == "A plug-in's note on a span."


def test_the_inline_form_has_no_references() -> None:
    assert "$ref" not in json.dumps(document_schema(refs=False))


@pytest.mark.parametrize("preset", ["default", "fast"])
def test_the_sample_analysed_by_each_preset_is_valid(validator: Any, preset: str) -> None:
    doc = newsift.analyze(newsift.sample_path(), pipeline=Pipeline.from_config(preset))
    data = json.loads(json.dumps(doc.to_dict()))
    assert errors(validator, data) == []
    assert {"regions", "claims", "toxicity", "thread"} <= set(data)


@pytest.mark.parametrize("page", HTML_PAGES, ids=lambda p: p.name)
def test_html_pages_analysed_in_full_are_valid(validator: Any, page: Path) -> None:
    doc = newsift.analyze(page, reference_date="2025-01-01")
    assert errors(validator, json.loads(json.dumps(doc.to_dict()))) == []


def test_claims_with_fact_check_matches_are_valid(validator: Any, tmp_path: Path) -> None:
    from newsift.claims.matching import FactCheck, build_index

    archive = [
        FactCheck("fc-9", "The harbour fee rose 40 percent in 2023.", "True", "https://e.org/9")
    ]
    build_index(archive).save(tmp_path / "index.npz")
    pipeline = Pipeline.from_config(
        ["structure.v1", "attribution.quotes.v1", "attribution.flags.v1",
         {"name": "claims.checkworthy.v1",
          "params": {"match_index": str(tmp_path / "index.npz"), "floor": 0.0}}]
    )  # fmt: skip
    data = newsift.analyze(QUOTED, kind="text", pipeline=pipeline).to_dict()
    assert any(c["matches"] for c in data["claims"]), "the test needs a claim with a match"
    assert errors(validator, json.loads(json.dumps(data))) == []


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(newsift.analyze(newsift.sample_path()).to_dict()))
    return data


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d["claims"][0].update(score="high"), "is not of type 'number'"),
        (lambda d: d["claims"][0].update(type="rumour"), "is not one of"),
        (lambda d: d["regions"][0].update(kind="sidebar"), "is not one of"),
        (lambda d: d["regions"][0].pop("start"), "'start' is a required property"),
        (lambda d: d["meta"].update(mood="calm"), "Additional properties"),
        (lambda d: d.update(opinions=[]), "Additional properties"),
        (lambda d: d["toxicity"][0].update(scores={"offensive": "0.9"}), "is not of type"),
        (lambda d: d["sources"][0].update(mentions=[{"start": 1}]), "'end' is a required"),
        (lambda d: d.update(schema="newsift.document/2.0"), "does not match"),
    ],
)
def test_a_damaged_document_is_refused(validator: Any, change: Any, complaint: str) -> None:
    data = copy.deepcopy(_sample())
    change(data)
    found = errors(validator, data)
    assert found and any(complaint in e for e in found), found


def test_newsift_schema_prints_and_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsift.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == document_schema()
    out = tmp_path / "schema.json"
    assert main(["schema", "--inline", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == document_schema(refs=False)
    assert main(["schema", "--out", str(tmp_path / "missing" / "s.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
