"""The ``techniques`` layer: round trip and refusal of bad input."""

from __future__ import annotations

import json

import pytest

from newsift.document import Span
from newsift.errors import SchemaError
from newsift.persuasion.annotations import Technique

GOOD = Technique(
    Span(3, 9), "Loaded_Language", 0.75, "Loaded language: ...", speaker="s1", quote="q1"
)


def test_round_trip() -> None:
    payload = json.loads(json.dumps(GOOD.to_dict()))
    assert payload == {
        "span": {"start": 3, "end": 9},
        "label": "Loaded_Language",
        "score": 0.75,
        "explanation": "Loaded language: ...",
        "speaker": "s1",
        "quote": "q1",
    }
    assert Technique.from_dict(payload) == GOOD


@pytest.mark.parametrize(
    "change",
    [
        {"label": "Loaded language"},  # not a PTC label as spelled in the corpus
        {"label": "False_Dilemma"},
        {"score": 1.2},
        {"score": -0.1},
        {"score": "high"},
        {"score": True},
        {"explanation": None},
        {"speaker": 7},
        {"quote": ["q1"]},
        {"span": {"start": 5, "end": 5}},
        {"span": {"start": 9, "end": 3}},
        {"span": {"start": "3", "end": 9}},
    ],
)
def test_from_bad_dict(change: dict[str, object]) -> None:
    with pytest.raises(SchemaError):
        Technique.from_dict({**GOOD.to_dict(), **change})


@pytest.mark.parametrize("missing", ["span", "label", "score", "explanation"])
def test_from_dict_missing_key(missing: str) -> None:
    data = GOOD.to_dict()
    del data[missing]
    with pytest.raises(SchemaError, match=f"missing required field `{missing}`"):
        Technique.from_dict(data)


@pytest.mark.parametrize("optional", ["speaker", "quote"])
def test_an_absent_optional_key_reads_as_null(optional: str) -> None:
    data = GOOD.to_dict() | {"speaker": "s1", "quote": "q1"}
    del data[optional]
    assert getattr(Technique.from_dict(data), optional) is None


def test_layer_registered() -> None:
    from newsift.document import Document

    doc = Document("The vile scheme.", id="d")
    doc.layers["techniques"] = [Technique(Span(4, 8), "Loaded_Language", 0.5, "x")]
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.layers["techniques"] == doc.layers["techniques"]
