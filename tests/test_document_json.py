"""The JSON form, byte for byte, and reading bad JSON: the typed layer models against
documents written before them (``tests/fixtures/documents``, see ``make_fixtures.py``)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsift  # noqa: F401  (registers every layer)
from newsift.document import LAYERS, Document
from newsift.errors import SchemaError

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
WRITTEN = sorted(
    p for p in FIXTURES.glob("*.json") if p.stem not in {"sample-1.3", "sample-1.3-read-back"}
)
PUBLISHED = Path(__file__).resolve().parents[1] / "docs" / "document.schema.json"


def text_of(name: str) -> str:
    return (FIXTURES / f"{name}.json").read_text(encoding="utf-8")


def sample(name: str = "sample") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text_of(name))
    return data


def written_again(text: str) -> str:
    return json.dumps(Document.from_dict(json.loads(text)).to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.stem)
def test_a_document_reads_back_and_writes_the_same_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert written_again(text) == text


def test_the_fixtures_cover_every_layer_and_the_forms_without_detail() -> None:
    seen = {key for p in WRITTEN for key in json.loads(p.read_text(encoding="utf-8"))}
    assert set(LAYERS) <= seen
    fast = sample("sample-fast")
    assert fast["toxicity"] and all("junk" not in t for t in fast["toxicity"])
    assert "top_comments" not in fast["thread"][0]


def test_a_claim_written_without_detail_reads_back_without_it() -> None:
    data = sample()
    for claim in data["claims"]:
        del claim["type"], claim["claimant"]
    text = json.dumps(data, ensure_ascii=False)
    assert written_again(text) == text
    assert not any(c.detail for c in Document.from_dict(data).layers["claims"])


def test_a_document_written_before_the_newer_fields_reads_with_their_defaults() -> None:
    assert written_again(text_of("sample-1.3")) == text_of("sample-1.3-read-back")
    back = json.loads(text_of("sample-1.3-read-back"))
    assert {c["shortlist"] for c in back["claims"]} == {False}
    assert {t["would_remove"] for t in back["toxicity"]} == {False}
    assert back["thread"][0]["top_comments"] == []


def test_the_fixtures_are_valid_under_the_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="needs jsonschema (dev extra)")
    validator = jsonschema.Draft202012Validator(json.loads(PUBLISHED.read_text("utf-8")))
    for path in WRITTEN:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], path.stem


Damage = Callable[[dict[str, Any]], None]


def put(layer: str, index: int, key: str, value: Any) -> Damage:
    return lambda d: d[layer][index].__setitem__(key, value)


def drop(layer: str, index: int, key: str) -> Damage:
    return lambda d: d[layer][index].pop(key)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (put("regions", 2, "start", "12"), r"regions\[2\]: .*Expected `int`, got `str` - at `\$\.start`"),
        (put("regions", 0, "end", True), r"Expected `int`, got `bool` - at `\$\.end`"),
        (put("regions", 0, "kind", "sidebar"), r"regions\[0\]: .*unknown region kind 'sidebar'"),
        (put("regions", 1, "paragraphs", [{"start": 9, "end": 2}]), r"bad span \[9, 2\) - at `\$\.paragraphs\[0\]`"),
        (drop("regions", 0, "id"), r"missing required field `id`"),
        (put("quotes", 0, "content", None), r"quotes\[0\]: .*got `null` - at `\$\.content`"),
        (put("quotes", 0, "confidence", 1.5), r"confidence must be a number from 0 to 1"),
        (put("quotes", 0, "kind", "rumoured"), r"unknown quote kind"),
        (put("sources", 0, "mentions", [{"start": 1}]), r"missing required field `end` - at `\$\.mentions\[0\]`"),
        (put("sources", 0, "quotes", [7]), r"Expected `str`, got `int` - at `\$\.quotes\[0\]`"),
        (put("sourcing", 0, "sources", -1), r"counts must not be negative"),
        (put("flags", 0, "kind", "vibes"), r"flags\[0\]: .*unknown flag kind 'vibes'"),
        (put("byline", 0, "evidence", "r1"), r"byline\[0\]: .*got `str` - at `\$\.evidence`"),
        (put("claims", 0, "score", "high"), r"claims\[0\]: .*got `str` - at `\$\.score`"),
        (put("claims", 0, "rank", 0), r"rank 0 below 1"),
        (put("claims", 0, "claimant", "rumour"), r"unknown claimant"),
        (put("claims", 0, "matches", ["fc-1"]), r"got `str` - at `\$\.matches\[0\]`"),
        (put("techniques", 0, "label", "Vibes"), r"techniques\[0\]: .*unknown technique"),
        (put("toxicity", 3, "scores", {"offensive": "0.9"}), r"toxicity\[3\]: .*Expected `float`, got `str` - at `\$\.scores\[\.\.\.\]`"),
        (put("toxicity", 0, "junk", ["adverts"]), r"unknown junk reasons"),
        (put("toxicity", 0, "named_target", {"name": "x", "kind": "person", "link": None, "start": 1}), r"missing required field `end` - at `\$\.named_target\.span`"),
        (put("thread", 0, "top_targets", [{"target": "x", "count": "2"}]), r"got `str` - at `\$\.top_targets\[0\]\[1\]`"),
        (put("thread", 0, "top_comments", [{"region": "c1", "score": 0.9}]), r"missing required field `reason` - at `\$\.top_comments\[0\]`"),
        (lambda d: d["meta"].update(kind_confidence=True), r"got `bool` - at `\$\.kind_confidence`"),
        (lambda d: d["meta"].update(kind_confidence=3), r"kind_confidence must be a number from 0 to 1"),
    ],
)  # fmt: skip
def test_bad_json_is_a_schema_error_naming_the_field(damage: Damage, message: str) -> None:
    data = sample("thread-60")  # every layer has items
    damage(data)
    with pytest.raises(SchemaError, match=message):
        Document.from_dict(data)


GARBAGE: list[Any] = [None, "x", 3, 2.5, True, [], {}, [{}], {"start": []}]


@pytest.mark.parametrize("layer", sorted(LAYERS))
@pytest.mark.parametrize("garbage", GARBAGE, ids=repr)
def test_any_garbage_item_is_a_schema_error_never_a_library_exception(
    layer: str, garbage: Any
) -> None:
    if layer == "sourcing" and isinstance(garbage, dict):
        pytest.skip("every field of a sourcing profile has a default: an object reads")
    data = sample() | {layer: [garbage]}
    with pytest.raises(SchemaError, match=rf"{layer}\[0\]: bad "):
        Document.from_dict(data)


@pytest.mark.parametrize("garbage", GARBAGE, ids=repr)
@pytest.mark.parametrize("key", ["schema", "id", "text", "meta"])
def test_garbage_in_the_document_itself_is_a_schema_error(key: str, garbage: Any) -> None:
    data = sample() | {key: garbage}
    try:
        Document.from_dict(data)
    except SchemaError:
        return
    assert key == "id" or (key == "meta" and garbage == {}), "read without complaint"


#: layers whose items may change after they are made (the structure analyzer fills regions in)
MUTABLE = {"regions"}


@pytest.mark.parametrize("layer", sorted(set(LAYERS) - MUTABLE))
def test_items_read_back_are_frozen(layer: str) -> None:
    doc = Document.from_dict(sample("thread-60") | {"nonresponses": sample()["nonresponses"]})
    item = doc.layers[layer][0]
    field = dataclasses.fields(item)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(item, field, None)
