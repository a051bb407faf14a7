"""One registration per layer (``newsift.document.declare_layer``): its class, loader,
package, order, batch table, ``newsift show`` lines and report card, declared once beside
the class."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

import newsift
from newsift import registry
from newsift.batch import tables
from newsift.document import (
    LAYER_LOADERS,
    LAYERS,
    Document,
    LayerReport,
    LayerSpec,
    LayerSummary,
    LayerTable,
    Region,
    Row,
    Span,
    Wrap,
    declare_layer,
    ordered_layers,
    register_layer,
)
from newsift.report import render_html, render_markdown
from newsift.report.cards import PLUGIN_LINES, registered_cards, renderer
from newsift.summary import summarise

#: every layer of the package: the package that writes it, whether it has a batch
#: table and ``newsift show`` lines, in the order they are listed
EXPECTED = [
    ("regions", "newsift.structure", False, False),
    ("byline", "newsift.attribution", False, True),
    ("sources", "newsift.attribution", True, True),
    ("quotes", "newsift.attribution", True, False),
    ("nonresponses", "newsift.attribution", False, False),
    ("sourcing", "newsift.attribution", False, False),
    ("flags", "newsift.attribution", False, True),
    ("claims", "newsift.claims", True, True),
    ("techniques", "newsift.persuasion", True, True),
    ("toxicity", "newsift.comments", True, True),
    ("thread", "newsift.comments", False, True),
]


def test_the_package_registers_its_layers_in_their_order() -> None:
    assert newsift.SCHEMA  # the package is imported, so every layer is registered
    listed = [s for s in ordered_layers() if s.package.startswith("newsift.")]
    assert [s.name for s in listed] == [name for name, *_ in EXPECTED]


@pytest.mark.parametrize(("name", "package", "has_table", "has_summary"), EXPECTED)
def test_each_layer_declares_its_class_loader_and_parts(
    name: str, package: str, has_table: bool, has_summary: bool
) -> None:
    spec = LAYERS[name]
    assert spec.item is not None and dataclasses.is_dataclass(spec.item)
    assert spec.loader == spec.item.from_dict  # type: ignore[attr-defined]
    assert LAYER_LOADERS[name] is spec.loader
    assert spec.package == package and importlib.import_module(package)
    assert (spec.table is not None, spec.summary is not None) == (has_table, has_summary)


@pytest.mark.parametrize(("name", "package"), [(name, package) for name, package, *_ in EXPECTED])
def test_an_analyzer_of_the_declared_package_assigns_the_layer(name: str, package: str) -> None:
    # every built-in analyzer is named after its package (attribution.flags.v1)
    writers = {n for n in registry.names() if name in registry.get(n).assigns}
    assert writers and all(f"newsift.{w.split('.')[0]}" == package for w in writers)


@pytest.mark.parametrize("name", ["text", "meta", "schema", "id"])
def test_reserved_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="reserved"):
        declare_layer(name, Note, package="tests")
    with pytest.raises(ValueError, match="reserved"):
        register_layer(name, Note.from_dict)


@pytest.mark.parametrize(
    ("loader", "item"),
    [(lambda data: Note(str(data["said"])), None), ("from_dict", "Note")],
    ids=["a plain function", "a dataclass's from_dict"],
)
def test_a_plug_in_registered_by_its_loader_alone(
    monkeypatch: pytest.MonkeyPatch, loader: Any, item: str | None
) -> None:
    monkeypatch.setattr("newsift.document.LAYERS", dict(LAYERS))
    monkeypatch.setattr("newsift.document.LAYER_LOADERS", dict(LAYER_LOADERS))
    from newsift import document

    register_layer("plugin_notes", Note.from_dict if loader == "from_dict" else loader)
    spec = document.LAYERS["plugin_notes"]
    assert (spec.item.__name__ if spec.item else None, spec.table, spec.summary) == (
        item, None, None)  # fmt: skip
    assert document.LAYER_LOADERS["plugin_notes"]({"said": "hi"}) == Note("hi")


@dataclass(frozen=True, slots=True)
class Note:
    """A plug-in's layer item for these tests."""

    said: str

    def to_dict(self) -> dict[str, Any]:
        return {"said": self.said}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Note:
        return cls(str(data["said"]))


def _note_rows(items: Sequence[Mapping[str, Any]], doc: Mapping[str, Any]) -> list[Row]:
    return [{"said": item.get("said"), "length": len(str(item.get("said")))} for item in items]


def _note_lines(doc: Document, wrap: Wrap) -> list[str]:
    return [wrap(f"  note: {n.said}") for n in doc.layers["notes"]]


NOTES = LayerSpec(
    "notes",
    Note,
    Note.from_dict,
    "tests",
    order=35,  # between claims (30) and techniques (40)
    table=LayerTable((("said", "string"), ("length", "int")), _note_rows),
    summary=LayerSummary(_note_lines, comment_marks=lambda doc: {"c2": " [noted]"}),
)


@pytest.fixture()
def notes_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LAYERS, "notes", NOTES)
    monkeypatch.setitem(LAYER_LOADERS, "notes", Note.from_dict)


PAGE = "Harbour Budget\n\nThe harbour fee rose by 40 percent in 2023.\n"


@pytest.mark.usefixtures("notes_registered")
def test_a_new_layer_is_shown_in_its_place_with_no_change_to_summary() -> None:
    doc = newsift.Pipeline.from_config(["structure.v1", "claims.checkworthy.v1"])(
        newsift.load(PAGE, kind="text")
    )
    doc.layers["notes"] = [Note("first"), Note("second")]
    lines = summarise(doc).splitlines()
    claims = next(i for i, line in enumerate(lines) if line.startswith("  claims:"))
    notes = [i for i, line in enumerate(lines) if line.startswith("  note:")]
    comments = next(i for i, line in enumerate(lines) if line.startswith("  comments:"))
    assert claims < notes[0] < notes[1] < comments
    assert [lines[i] for i in notes] == ["  note: first", "  note: second"]
    del doc.layers["notes"]
    assert "note:" not in summarise(doc)


@pytest.mark.usefixtures("notes_registered")
def test_a_new_layers_comment_marks_join_the_comment_lines() -> None:
    text = "Ann\nFirst.\n\nBob\nSecond."
    comments = [Region("c1", "comment", 0, 10, [Span(4, 10)], author="Ann"),
                Region("c2", "comment", 12, 23, [Span(16, 23)], author="Bob")]  # fmt: skip
    doc = Document(text, layers={"regions": comments, "notes": [Note("n")]})
    assert summarise(doc).splitlines()[-3:] == [
        "  comments: 2 (2 named, 0 anonymous)",
        "  1. Ann, ?: First.",
        "  2. Bob, ? [noted]: Second.",
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"said": "hello"}, {"doc_id": "d", "said": "hello", "length": 5}),
        ({"said": 7}, {"doc_id": "d", "said": None, "length": 1}),  # wrong type: null
    ],
)
def test_a_new_layers_table_rows_take_their_declared_types(
    monkeypatch: pytest.MonkeyPatch, item: dict[str, Any], expected: Row
) -> None:
    assert NOTES.table is not None
    monkeypatch.setitem(tables.LAYER_TABLES, "notes", NOTES.table)
    schema = tables.layer_schema(NOTES.table)
    assert [(f.name, str(f.type)) for f in schema] == [
        ("doc_id", "string"), ("said", "string"), ("length", "int64")]  # fmt: skip
    monkeypatch.setitem(tables.SCHEMAS, "notes", schema)
    rows = tables.document_rows({"id": "d", "text": "", "notes": [item]})["notes"]
    assert rows == [expected]
    assert tables.to_table("notes", rows).to_pylist() == [expected]


#: the layers with a card in the reports' summary, in order, and the card's title
REPORT_CARDS = [
    ("byline", "Byline"),
    ("sources", "Sourcing"),
    ("flags", "Flags"),
    ("claims", "Claims to check"),
    ("techniques", "Persuasion techniques"),
    ("thread", "Comment thread"),
]


def test_the_report_cards_come_from_the_registrations_in_order() -> None:
    built_in = [(n, r.title) for n, r in registered_cards() if LAYERS[n].package != "tests"]
    assert built_in == REPORT_CARDS
    for name, report in registered_cards():
        assert report.html and report.markdown, name
        assert callable(renderer(report.html)) and callable(renderer(report.markdown))
    with pytest.raises(LookupError):
        renderer("newsift.report.html:no_such_card")


def _note_card(data: Mapping[str, Any]) -> list[str]:
    return [f"note: {n['said']}" for n in data["notes"]]


def _broken_card(data: Mapping[str, Any]) -> list[str]:
    raise KeyError("a plug-in bug")


@pytest.mark.parametrize(
    ("lines", "notes", "html_has", "markdown_has"),
    [
        (_note_card, ["<b>loud</b>"], "note: &lt;b&gt;loud&lt;/b&gt;", r"- note: \<b\>loud\</b\>"),
        (_broken_card, ["x"], "could not be shown (KeyError)", "could not be shown (KeyError)"),
        (_note_card, [f"n{i}" for i in range(PLUGIN_LINES + 8)], "and 8 more", "and 8 more"),
    ],
)
def test_a_plug_in_layer_gets_its_card_in_both_reports(
    monkeypatch: pytest.MonkeyPatch,
    lines: Any,
    notes: list[str],
    html_has: str,
    markdown_has: str,
) -> None:
    monkeypatch.setitem(
        LAYERS, "notes", dataclasses.replace(NOTES, report=LayerReport("Notes", lines=lines))
    )
    data = {"text": PAGE, "notes": [{"said": n} for n in notes]}
    html, markdown = render_html(data), render_markdown(data)
    assert "<h3>Notes</h3>" in html and html_has in html
    assert "### Notes" in markdown and markdown_has in markdown
    without = {"text": PAGE}  # a document without the layer has no card
    assert "Notes" not in render_html(without) and "### Notes" not in render_markdown(without)
