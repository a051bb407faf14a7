"""The JSON Schema of a newsift document, derived from the typed models that write it.

Every layer registers the class of its items (:func:`newsift.document.declare_layer`,
or :func:`~newsift.document.register_layer` given ``Class.from_dict``): a dataclass whose
typed fields are the model :func:`newsift.fields.read` checks JSON against. The schema
is read off those fields, so a new field shows up in the schema without a second
hand-written description:

- a field without a default is required; ``X | None`` may be null;
- tuples and lists are arrays (``tuple[str, int]`` a fixed pair), mappings objects;
- a nested dataclass is a ``$defs`` entry (or written in place with ``refs=False``,
  the form the web app's OpenAPI embeds);
- where ``to_dict`` writes something else than the fields, the class says so beside
  them: ``JSON_WRITTEN_AS`` (a field written as other keys, or never), ``JSON_COMPUTED``
  (keys added) and ``JSON_CHOICES`` (a field's fixed values, an ``enum``); see
  :data:`newsift.document.WrittenAs`. :data:`WRITTEN_AS` holds the same for classes
  that do not declare it themselves.

msgspec (which reads the documents) and pydantic have schema generators of their own;
neither knows these declarations, so both describe the reshaped fields wrongly and
leave objects open (measured in ``docs/architecture.md``).

Objects allow no other keys (``additionalProperties: false``), so a key written by
``to_dict`` and missing here fails validation: ``tests/test_document_schema.py``
validates real outputs of every analyzer against this schema, and checks that
``docs/document.schema.json`` is the schema this module builds
(``newsift schema`` prints it).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsift.document import LAYER_LOADERS, LAYERS, SCHEMA, JSONSchema, Meta

#: the schema's ``$id`` (the project has no fixed web address; a URN names it)
SCHEMA_ID = "urn:newsift:document:1"

_INTEGER: JSONSchema = {"type": "integer"}

#: ``JSON_WRITTEN_AS`` of item classes that do not declare it themselves, by class name:
#: a comment's named target (``newsift.comments.targets``) writes its span flat
WRITTEN_AS: Mapping[str, Mapping[str, Mapping[str, JSONSchema]]] = {
    "NamedTarget": {"span": {"start": _INTEGER, "end": _INTEGER}},
}


def layer_classes() -> dict[str, type]:
    """The item class of each registered layer read by a dataclass's ``from_dict``, by
    layer name (a plug-in's layer read otherwise is left out: described as free objects)."""
    return {
        name: spec.item
        for name, spec in LAYERS.items()
        if spec.item is not None and dataclasses.is_dataclass(spec.item)
    }


def document_schema(*, refs: bool = True) -> JSONSchema:
    """The JSON Schema (draft 2020-12) of ``Document.to_dict()`` for every registered layer.

    ``refs=False`` writes nested objects in place instead of under ``$defs``.
    """
    import newsift  # noqa: F401  (registers every layer's loader)

    builder = _Builder(refs)
    classes = layer_classes()
    layers = {
        name: {"type": "array", "items": builder.of(classes[name]) if name in classes
               else {"type": "object", "description": "a plug-in's layer, not described"}}
        for name in sorted(LAYER_LOADERS)
    }  # fmt: skip
    major_minor = SCHEMA.split("/")[1]
    schema: JSONSchema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "newsift document",
        "description": (
            f"One analysed page ({SCHEMA}). Every span is a half-open [start, end) range of "
            "character offsets into text. Layers are present only when an analyzer wrote them."
        ),
        "type": "object",
        "properties": {
            "schema": {
                "type": "string",
                "pattern": r"^newsift\.document/1\.[0-9]+$",
                "description": f"schema version; this file describes 1.0 to {major_minor}",
            },
            "id": {"type": "string"},
            "text": {"type": "string"},
            "meta": builder.of(Meta),
            **layers,
        },
        "required": ["schema", "id", "text", "meta"],
        "additionalProperties": False,
    }
    if refs and builder.defs:
        schema["$defs"] = dict(sorted(builder.defs.items()))
    return schema


class _Builder:
    def __init__(self, refs: bool) -> None:
        self.refs = refs
        self.defs: dict[str, JSONSchema] = {}

    def of(self, cls: type) -> JSONSchema:
        """The schema of one dataclass, or a reference to it."""
        name = cls.__name__
        if not self.refs:
            return self._object(cls)
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: a class met again while being built
            self.defs[name] = self._object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _object(self, cls: type) -> JSONSchema:
        hints = typing.get_type_hints(cls)
        written_as = getattr(cls, "JSON_WRITTEN_AS", WRITTEN_AS.get(cls.__name__, {}))
        choices = getattr(cls, "JSON_CHOICES", {})
        properties: JSONSchema = {}
        required: list[str] = []
        for field in dataclasses.fields(cls):
            written = written_as.get(field.name)
            if written is None:
                written = {field.name: self.type_of(hints[field.name], choices.get(field.name))}
            properties.update(written)
            if field.default is dataclasses.MISSING and (
                field.default_factory is dataclasses.MISSING
            ):
                required.extend(written)
        computed = getattr(cls, "JSON_COMPUTED", {})
        properties.update(computed)
        required.extend(computed)
        out: JSONSchema = {"type": "object", "properties": properties}
        doc = _summary(cls)
        if doc:
            out = {"description": doc, **out}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def type_of(self, hint: Any, choices: tuple[str, ...] | None = None) -> JSONSchema:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            kinds = [self.type_of(a, choices) for a in args if a is not type(None)]
            nullable = len(kinds) < len(args)
            if len(kinds) == 1 and not nullable:
                return kinds[0]
            return {"anyOf": [*kinds, *([{"type": "null"}] if nullable else [])]}
        if hint is Any:
            return {}
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            return self.of(hint)
        simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
        if hint in simple:
            out: JSONSchema = {"type": simple[hint]}
            if choices is not None and hint is str:
                out["enum"] = list(choices)
            return out
        if origin in (tuple, list):
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                return {"type": "array", "prefixItems": [self.type_of(a) for a in args],
                        "minItems": len(args), "maxItems": len(args)}  # fmt: skip
            return {"type": "array", "items": self.type_of(args[0]) if args else {}}
        if origin in (dict, Mapping) or hint in (dict, Mapping):
            values = self.type_of(args[1]) if len(args) == 2 else {}
            return {"type": "object", "additionalProperties": values}
        raise TypeError(f"no JSON Schema for the field type {hint!r}")


def _summary(cls: type) -> str:
    """The first paragraph of a class's docstring, on one line."""
    doc = (cls.__doc__ or "").strip()
    if not doc or doc.startswith(cls.__name__ + "("):  # dataclass's generated signature
        return ""
    return " ".join(doc.split("\n\n")[0].split())


def write_schema(out: str | None = None, *, refs: bool = True) -> str:
    """The schema as JSON text (two-space indent, the form ``docs/document.schema.json``
    holds), written to ``out`` when given."""
    text = json.dumps(document_schema(refs=refs), indent=2, ensure_ascii=False) + "\n"
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    return text


__all__ = [
    "SCHEMA_ID",
    "WRITTEN_AS",
    "document_schema",
    "layer_classes",
    "write_schema",
]
