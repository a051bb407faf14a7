"""The report's summary cards, as each layer registers them (``LayerReport``).

A layer declares its card once, beside its class (``declare_layer(..., report=...)``):
a built-in layer names the report's own renderers by ``"module:function"``, so
the analyzer package never imports the report; a plug-in gives plain-text lines
read from the document's JSON. The HTML and Markdown reports take their cards
from here, in the layers' order, so a new layer reaches both reports (and
``newsift show``, through its ``summary``) without an edit to the report code.

A built-in renderer is called for every document: it says "not analysed", or
returns nothing, when its layer is absent. A plug-in's lines are read only when
its layer is present, and a plug-in that fails is shown as such instead of
breaking the report (its lines are page-derived: the renderers escape them).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

import newsift  # noqa: F401  (importing the package registers every built-in layer)
from newsift.document import LayerReport, ordered_layers

#: How many lines of a plug-in's card are shown.
PLUGIN_LINES = 12


def registered_cards() -> list[tuple[str, LayerReport]]:
    """Every layer that has a report card, as ``(layer name, its LayerReport)``, in order."""
    return [(spec.name, spec.report) for spec in ordered_layers() if spec.report is not None]


def renderer(reference: str) -> Callable[..., Any]:
    """The function a ``"module:function"`` reference names (a built-in layer's renderer)."""
    module, _, name = reference.partition(":")
    found: object = getattr(importlib.import_module(module), name, None)
    if not callable(found):
        raise LookupError(f"report renderer {reference!r} is not a function")
    return found


def plugin_lines(report: LayerReport, data: Mapping[str, Any]) -> list[str]:
    """A plug-in card's lines as strings (at most :data:`PLUGIN_LINES`), or one line
    saying the layer could not be shown: a plug-in never breaks the report."""
    if report.lines is None:
        return []
    try:
        lines = [str(line) for line in report.lines(data)]
    except Exception as error:  # noqa: BLE001 - a third-party layer's bug stays in its card
        return [f"This layer could not be shown ({type(error).__name__})."]
    if len(lines) > PLUGIN_LINES:
        lines = [*lines[:PLUGIN_LINES], f"... and {len(lines) - PLUGIN_LINES} more lines"]
    return lines
