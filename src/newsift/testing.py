"""The contract every analyzer keeps, as a reusable check (scikit-learn style).

``check_analyzer(name)`` runs the analyzer registered as ``name`` (after the
analyzers that assign what it requires) over a small set of documents and
asserts: the text is unchanged, every span is in bounds, the result is
deterministic, empty and comment-only documents are handled, and the JSON
form survives a round trip. Third-party analyzers can call it in their tests.
"""

from __future__ import annotations

import json

from newsift import registry
from newsift.document import Document, Meta, Region, Span
from newsift.pipeline import Analyzer, Pipeline

CONTRACT_DOCS: dict[str, tuple[str, str]] = {
    "empty": ("", "text"),
    "plain": ('A short article.\n\nIt has two paragraphs, and says "hello".\n', "text"),
    "dump": (
        "Council Votes on Budget\n\nPosted on March 4, 2025\nby Ana Ruiz\n\n"
        'The council approved the budget, the mayor said. "It is balanced," she added.\n\n'
        "Ana Ruiz covers city hall.\n\nJo Kim\nJo Kim\n2 days ago\n\nGood news.\nReply\n\n"
        "3 hours ago\n\nNot so fast.\n",
        "dump",
    ),
    "comments only": ("Jo Kim\nJo Kim\n2 days ago\n\nFirst!\n\n1 day ago\n\nSecond.\n", "dump"),
}


def prerequisites(name: str) -> list[Analyzer]:
    """Registered analyzers that assign what ``name`` requires, in a working order."""
    order: list[str] = []

    def need(analyzer: str, seen: frozenset[str]) -> None:
        for layer in sorted(registry.get(analyzer).requires - {"text", "meta"}):
            if any(layer in registry.get(done).assigns for done in order):
                continue
            maker = next(
                (n for n in registry.names() if n not in seen and layer in registry.get(n).assigns),
                None,
            )
            if maker is None:
                raise AssertionError(f"nothing registered assigns {layer!r} for {analyzer}")
            need(maker, seen | {maker})
            order.append(maker)

    need(name, frozenset({name}))
    return [registry.create(n) for n in order]


def contract_documents() -> dict[str, Document]:
    return {
        label: Document(text, id=label, meta=Meta(kind=kind, reference_date="2025-03-10"))
        for label, (text, kind) in CONTRACT_DOCS.items()
    }


def check_analyzer(name: str) -> None:
    """Raise AssertionError if the analyzer registered as ``name`` breaks its contract."""
    # built from its configuration, as server and batch workers build it
    pipeline = Pipeline.from_config([*(a.name for a in prerequisites(name)), name])
    config = pipeline.config  # what server and batch workers are sent
    assert json.loads(json.dumps(config)) == config, f"{name}: its configuration is not JSON"
    assert Pipeline.from_config(config).config == config, (
        f"{name}: its configuration does not rebuild the same analyzer"
    )
    for label, doc in contract_documents().items():
        text = doc.text
        result = pipeline(doc)
        assert result is doc, f"{name} on {label!r}: returned another document"
        assert result.text == text, f"{name} on {label!r}: text changed"
        for layer in registry.get(name).assigns - {"meta"}:
            assert layer in result.layers, f"{name} on {label!r}: layer {layer!r} missing"
        _check_spans(result, f"{name} on {label!r}")
        again = pipeline(contract_documents()[label])
        assert again.to_dict() == result.to_dict(), f"{name} on {label!r}: not deterministic"
        payload = json.loads(json.dumps(result.to_dict()))
        assert Document.from_dict(payload).to_dict() == result.to_dict(), (
            f"{name} on {label!r}: JSON round trip changed the document"
        )


def _check_spans(doc: Document, where: str) -> None:
    size = len(doc.text)
    for layer, items in doc.layers.items():
        for item in items:
            for value in _spans_of(item):
                assert 0 <= value.start <= value.end <= size, (
                    f"{where}: {layer} span [{value.start}, {value.end}) outside text of {size}"
                )


def _spans_of(item: object) -> list[Span | Region]:
    found: list[Span | Region] = []
    if isinstance(item, Span | Region):
        found.append(item)
    found.extend(s for s in getattr(item, "spans", []) if isinstance(s, Span))
    for attr in ("paragraphs", "author_span", "when_span", "span", "evidence"):
        value = getattr(item, attr, None)
        if isinstance(value, Span):
            found.append(value)
        elif isinstance(value, list | tuple):
            found.extend(v for v in value if isinstance(v, Span))
    return found
