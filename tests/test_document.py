from __future__ import annotations

import json
from typing import Any

import pytest

import newsift
import newsift.document as document_module
from newsift.document import SCHEMA, Document, Meta, Region, Span, register_layer
from newsift.errors import SchemaError


def test_json_round_trip_of_an_analysed_page() -> None:
    doc = newsift.analyze(newsift.sample_path())
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["schema"] == SCHEMA
    again = Document.from_dict(data)
    assert again.to_dict() == doc.to_dict()
    assert [again.region_text(c) for c in again.comments] == [
        doc.region_text(c) for c in doc.comments
    ]


def test_text_cannot_be_reassigned() -> None:
    doc = Document("fixed")
    with pytest.raises(AttributeError):
        doc.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: Span(5, 2), "bad span"),
        (lambda: Span(-1, 2), "bad span"),
        (lambda: Region("r1", "sidebar", 0, 1), "unknown region kind"),
        (lambda: Region("r1", "body", 3, 1), "bad region span"),
    ],
)
def test_invalid_spans_and_regions(make: Any, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        make()


GOOD: dict[str, Any] = {"schema": SCHEMA, "id": "x", "text": "abc", "meta": {}}


@pytest.mark.parametrize(
    ("patch", "words"),
    [
        ({"schema": "something/1.0"}, "not a newsift document"),
        ({"schema": "newsift.document/9.0"}, "not readable"),
        ({"text": None}, "no text"),
        ({"meta": []}, "meta must be an object"),
        ({"meta": {"colour": "red"}}, "unknown meta fields"),
        ({"meta": {"headline": 3}}, r"got `int` - at `\$\.headline`"),
        ({"sidebars": []}, "unknown layer 'sidebars'"),
        ({"regions": {}}, "must be a list"),
        ({"regions": [{"id": "r1", "kind": "body", "start": 0, "end": 99}]}, "ends past the text"),
        (
            {"regions": [{"id": "r1", "kind": "body", "start": "0", "end": 1}]},
            r"regions\[0\]: bad region .*Expected `int`, got `str` - at `\$\.start`",
        ),
        ({"regions": [{"id": "r1", "kind": "nav", "start": 0, "end": 1}]}, "unknown region kind"),
    ],
)
def test_from_dict_rejects_bad_documents(patch: dict[str, Any], words: str) -> None:
    with pytest.raises(SchemaError, match=words):
        Document.from_dict({**GOOD, **patch})


def test_a_registered_layer_round_trips(monkeypatch: pytest.MonkeyPatch) -> None:
    # registered for this test only: other tests read the registry (document schema)
    monkeypatch.setattr(document_module, "LAYERS", dict(document_module.LAYERS))
    monkeypatch.setattr(document_module, "LAYER_LOADERS", dict(document_module.LAYER_LOADERS))

    class Note:
        def __init__(self, span: Span, label: str) -> None:
            self.span, self.label = span, label

        def to_dict(self) -> dict[str, Any]:
            return {**self.span.to_dict(), "label": self.label}

    register_layer("test_notes", lambda d: Note(Span.from_dict(d), d["label"]))
    doc = Document("abc", layers={"test_notes": [Note(Span(0, 1), "a")]})
    assert Document.from_dict(doc.to_dict()).to_dict() == doc.to_dict()
    with pytest.raises(ValueError, match="reserved"):
        register_layer("text", lambda d: Note(Span(0, 0), ""))


def test_meta_defaults_are_all_null() -> None:
    assert set(Meta().to_dict().values()) == {None}
