"""The data model: one :class:`Document` per page, with stand-off annotation.

A document's ``text`` is set once at ingest and never changes. Everything an
analyzer finds is stored beside it as *layers*: lists of annotations that point
into the text with half-open character offsets ``[start, end)``. The JSON form
(``to_dict``/``from_dict``) carries a ``schema`` string whose major version
changes only when an existing field changes meaning; see ``docs/schema.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, ClassVar, Literal, Protocol

from newsift import fields as field_types
from newsift.errors import SchemaError

SCHEMA = "newsift.document/1.4"
SCHEMA_MAJOR = SCHEMA.rsplit("/", 1)[1].split(".")[0]

#: A JSON Schema (or a part of one), as :mod:`newsift.document_schema` builds it.
JSONSchema = dict[str, Any]
#: An item class's declarations of how its JSON differs from its typed fields, read by
#: :mod:`newsift.document_schema` (each optional; see :class:`LayerSpec`):
#: ``JSON_WRITTEN_AS`` maps a field to the keys ``to_dict`` writes for it instead (``{}``:
#: never written), ``JSON_COMPUTED`` the keys ``to_dict`` adds to the fields, and
#: ``JSON_CHOICES`` a string field to the values it may take.
WrittenAs = Mapping[str, Mapping[str, JSONSchema]]
Computed = Mapping[str, JSONSchema]
Choices = Mapping[str, tuple[str, ...]]

#: Layers every document has from ingest on; analyzers may enrich ``meta``.
BASE_LAYERS = frozenset({"text", "meta"})

REGION_KINDS = (
    "kicker",  # section label above the headline ("OPINION")
    "headline",
    "standfirst",  # subtitle under the headline
    "dateline",  # "Posted on ...", "Updated ..."
    "byline",
    "body",
    "bio",  # the author's biography
    "caption",  # a photo caption and its credit
    "boilerplate",  # newsletter sign-ups, "Related stories", "Read more: ..." links
    "comment",
    "ui",  # interface words: Reply, Share, "12 comments", ...
)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return field_types.read(cls, data, "span")


@dataclass(slots=True)
class Region:
    """A block of the page: headline, body, one comment, a UI label, ...

    ``paragraphs`` are the spans that carry the region's text; for a comment
    they exclude the author line, the time line and interface words, so the
    comment's text is ``"\\n\\n".join(doc.span_text(p) for p in paragraphs)``.
    ``parent`` is the id of the comment this one replies to.
    """

    id: str
    kind: str
    start: int
    end: int
    paragraphs: list[Span] = field(default_factory=list)
    author: str | None = None
    author_span: Span | None = None
    when: str | None = None
    when_span: Span | None = None
    when_resolved: str | None = None
    parent: str | None = None

    JSON_CHOICES: ClassVar[Choices] = {"kind": REGION_KINDS}

    def __post_init__(self) -> None:
        if self.kind not in REGION_KINDS:
            raise ValueError(f"unknown region kind {self.kind!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad region span [{self.start}, {self.end})")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }
        if self.kind == "comment":
            out["author"] = self.author
            out["author_span"] = self.author_span.to_dict() if self.author_span else None
            out["when"] = self.when
            out["when_span"] = self.when_span.to_dict() if self.when_span else None
            out["when_resolved"] = self.when_resolved
            out["parent"] = self.parent
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Region:
        return field_types.read(cls, data, "region")


@dataclass(slots=True)
class Meta:
    """Facts about the page as a whole. Dates are ISO ``YYYY-MM-DD`` strings."""

    headline: str | None = None
    author: str | None = None
    published: str | None = None
    published_raw: str | None = None  # the date text as the page shows it
    updated: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 code, None when unsure
    kind: str | None = None  # how the input was read: dump, text, ...
    source: str | None = None  # file name or record id it came from
    crawl_date: str | None = None
    reference_date: str | None = None  # "now" for relative times ("2 weeks ago")
    site_name: str | None = None  # the outlet's own name (og:site_name); in JSON only when known
    #: the sniffer's probability of ``kind`` (see ingest.sniff); in JSON only when sniffed
    kind_confidence: float | None = None

    def to_dict(self) -> dict[str, str | float | None]:
        data: dict[str, str | float | None] = {f.name: getattr(self, f.name) for f in fields(self)}
        for optional in ("site_name", "kind_confidence"):
            if data[optional] is None:
                del data[optional]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Meta:
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise SchemaError(f"unknown meta fields: {sorted(unknown)}")
        meta = field_types.read(cls, data, "meta")
        if meta.kind_confidence is not None and not 0 <= meta.kind_confidence <= 1:
            raise SchemaError(
                f"kind_confidence must be a number from 0 to 1, got {meta.kind_confidence!r:.40}"
            )
        return meta


class Annotation(Protocol):
    """What every layer item provides: a JSON-ready dict."""

    def to_dict(self) -> Mapping[str, Any]: ...


class ReadsItself(Protocol):
    """A layer's item class: it rebuilds an item from the item's JSON."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Annotation: ...


#: The JSON type of a batch table column, mapped to an Arrow type by ``newsift.batch``
#: (analyzer packages declare their tables without importing pyarrow).
ColumnType = Literal["string", "float", "int", "bool"]
#: One table row: column name to value (a value of the wrong type is written as null).
Row = dict[str, Any]
#: Wraps one summary line to the terminal's width (what ``newsift show`` passes in).
Wrap = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class LayerTable:
    """A layer's table in ``newsift batch`` (one Parquet file per shard).

    ``columns`` follow the ``doc_id`` column every layer table starts with;
    ``rows(items, doc)`` flattens one document's items (JSON dicts, the
    malformed ones dropped) with the document's JSON dict at hand for its text
    and other layers.
    """

    columns: tuple[tuple[str, ColumnType], ...]
    rows: Callable[[Sequence[Mapping[str, Any]], Mapping[str, Any]], Iterable[Row]]


@dataclass(frozen=True, slots=True)
class LayerSummary:
    """What ``newsift show`` prints for a layer, called only when a document has it.

    ``lines(doc, wrap)`` are printed on the ``page`` (after the body, before the
    comments) or in the ``comments`` part (after the comment count, before the
    comments); ``comment_marks(doc)`` adds a mark to a comment's line, by region id.
    """

    lines: Callable[[Document, Wrap], list[str]] | None = None
    place: Literal["page", "comments"] = "page"
    comment_marks: Callable[[Document], Mapping[str, str]] | None = None


@dataclass(frozen=True, slots=True)
class LayerReport:
    """A layer's card in the summary of the HTML and Markdown reports (:mod:`newsift.report`).

    ``title`` heads the card. A built-in layer names the report's own renderers as
    ``"module:function"`` (``html`` takes the report's view and returns the card's
    HTML; ``markdown`` returns Markdown lines), so the analyzer package never imports
    the report. A plug-in gives ``lines`` instead: plain-text lines from the document's
    JSON dict, which the report escapes (its lines in ``newsift show`` usually serve).
    The cards come in the layers' ``order``; a layer absent from a document has none.
    """

    title: str
    html: str | None = None
    markdown: str | None = None
    lines: Callable[[Mapping[str, Any]], list[str]] | None = None


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """Everything the front ends know about one layer, registered once beside its class.

    ``item`` is the dataclass of its items, its typed model: its fields' types are what
    :func:`newsift.fields.read` checks a JSON item against and what the JSON Schema
    describes, with the class's ``JSON_WRITTEN_AS``, ``JSON_COMPUTED`` and
    ``JSON_CHOICES`` where its JSON differs from its fields (see :data:`WrittenAs`).
    It is ``None`` for a plug-in read by a plain function; the JSON Schema then
    describes free objects. ``loader`` rebuilds an item from JSON, ``package`` is the
    analyzer package that writes it and ``order`` where it comes among the layers (batch
    tables, ``newsift show``, the report's summary cards). ``table``, ``summary`` and
    ``report`` are left out by layers that have none.
    """

    name: str
    item: type | None
    loader: Callable[[Mapping[str, Any]], Annotation]
    package: str
    order: int = 1000
    table: LayerTable | None = None
    summary: LayerSummary | None = None
    report: LayerReport | None = None


#: Every registered layer, by name (see :func:`declare_layer`).
LAYERS: dict[str, LayerSpec] = {}

#: How to rebuild each layer's items from JSON: each registered layer's ``loader``,
#: kept in step by :func:`declare_layer` for the readers that need no more.
LAYER_LOADERS: dict[str, Callable[[Mapping[str, Any]], Annotation]] = {}


def declare_layer(
    name: str,
    item: type[ReadsItself],
    *,
    package: str,
    order: int = 1000,
    table: LayerTable | None = None,
    summary: LayerSummary | None = None,
    report: LayerReport | None = None,
) -> LayerSpec:
    """Register a layer whose items are ``item`` (a dataclass with ``from_dict``): the
    one place its name, class, batch table, ``show`` lines and report card are declared."""
    return _register(LayerSpec(name, item, item.from_dict, package, order, table, summary, report))


def register_layer(name: str, loader: Callable[[Mapping[str, Any]], Annotation]) -> None:
    """Declare a layer by its loader alone, so that :meth:`Document.from_dict` can
    read it back (a plug-in's way; ``Class.from_dict`` gives the schema its class)."""
    owner = getattr(loader, "__self__", None)
    item = owner if isinstance(owner, type) and is_dataclass(owner) else None
    _register(LayerSpec(name, item, loader, package=loader.__module__.rpartition(".")[0]))


def _register(spec: LayerSpec) -> LayerSpec:
    if spec.name in BASE_LAYERS or spec.name in {"schema", "id"}:
        raise ValueError(f"{spec.name!r} is reserved")
    LAYERS[spec.name] = spec
    LAYER_LOADERS[spec.name] = spec.loader
    return spec


def ordered_layers() -> list[LayerSpec]:
    """The registered layers in their ``order`` (ties in registration order)."""
    return sorted(LAYERS.values(), key=lambda spec: spec.order)


class Document:
    """One page: fixed ``text``, its ``meta``, and named annotation layers."""

    __slots__ = ("_text", "id", "layers", "meta")

    def __init__(
        self,
        text: str,
        *,
        id: str = "doc",  # noqa: A002 - the schema's field name
        meta: Meta | None = None,
        layers: dict[str, list[Any]] | None = None,
    ) -> None:
        self._text = text
        self.id = id
        self.meta = meta if meta is not None else Meta()
        self.layers: dict[str, list[Any]] = layers if layers is not None else {}

    @property
    def text(self) -> str:
        """The page text; fixed at ingest."""
        return self._text

    # layers -----------------------------------------------------------------
    def has(self, layer: str) -> bool:
        return layer in BASE_LAYERS or layer in self.layers

    @property
    def regions(self) -> list[Region]:
        """The ``regions`` layer (empty until a structure analyzer has run)."""
        return self.layers.get("regions", [])

    def regions_of(self, kind: str) -> list[Region]:
        return [r for r in self.regions if r.kind == kind]

    @property
    def comments(self) -> list[Region]:
        return self.regions_of("comment")

    def span_text(self, span: Span | Region) -> str:
        return self._text[span.start : span.end]

    def paragraphs(self, region: Region) -> Iterator[str]:
        for p in region.paragraphs:
            yield self._text[p.start : p.end]

    def region_text(self, region: Region) -> str:
        """The region's own text: its paragraphs joined by blank lines."""
        if not region.paragraphs:
            return self.span_text(region)
        return "\n\n".join(self.paragraphs(region))

    # JSON -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "text": self._text,
            "meta": self.meta.to_dict(),
        }
        for name, items in self.layers.items():
            out[name] = [item.to_dict() for item in items]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        schema = data.get("schema")
        if not isinstance(schema, str) or not schema.startswith("newsift.document/"):
            raise SchemaError(f"not a newsift document (schema={schema!r})")
        major = schema.rsplit("/", 1)[1].split(".")[0]
        if major != SCHEMA_MAJOR:
            raise SchemaError(f"schema {schema} is not readable by {SCHEMA}")
        text = data.get("text")
        if not isinstance(text, str):
            raise SchemaError("document has no text")
        meta = data.get("meta", {})
        if not isinstance(meta, Mapping):
            raise SchemaError("meta must be an object")
        layers: dict[str, list[Any]] = {}
        for name, items in data.items():
            if name in {"schema", "id", "text", "meta"}:
                continue
            loader = LAYER_LOADERS.get(name)
            if loader is None:
                raise SchemaError(f"unknown layer {name!r}")
            if not isinstance(items, list):
                raise SchemaError(f"layer {name!r} must be a list")
            layers[name] = _read_layer(name, loader, items)
        doc = cls(text, id=str(data.get("id", "doc")), meta=Meta.from_dict(meta), layers=layers)
        for region in doc.regions:
            if region.end > len(text):
                raise SchemaError(f"region {region.id} ends past the text")
        return doc

    def __repr__(self) -> str:
        layers = ", ".join(f"{k}={len(v)}" for k, v in self.layers.items())
        return f"Document(id={self.id!r}, chars={len(self._text)}, {layers})"


REGIONS_LAYER = declare_layer("regions", Region, package="newsift.structure", order=0)


def _read_layer(
    name: str, loader: Callable[[Mapping[str, Any]], Annotation], items: list[Any]
) -> list[Any]:
    """A layer's items read by its loader; an error names the layer and the item's place."""
    read: list[Any] = []
    try:
        for item in items:
            read.append(loader(item))
    except SchemaError as exc:
        raise SchemaError(f"{name}[{len(read)}]: {exc}") from exc
    return read


def span_or_none(span: Span | None) -> dict[str, int] | None:
    """A span's JSON form, or None."""
    return span.to_dict() if span is not None else None


def json_span_text(text: str, span: Any) -> str | None:
    """The text under a span's JSON form (``{"start": .., "end": ..}``), or None when
    it is not one that fits the text (what the batch tables read leniently)."""
    if not isinstance(span, Mapping):
        return None
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return text[start:end]
    return None
