"""The attribution layers: ``quotes``, ``sources``, ``nonresponses``, ``sourcing``.

Frozen dataclasses with ``to_dict``/``from_dict``; importing this module
registers each layer with :func:`newsift.document.declare_layer` (its loader for
``Document.from_dict``, its batch tables and its ``newsift show`` lines). Every
span is a half-open character range into ``Document.text``. See ``docs/analyzers/attribution.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from newsift import fields
from newsift.document import (
    Computed,
    Document,
    LayerReport,
    LayerSummary,
    LayerTable,
    Row,
    Span,
    Wrap,
    declare_layer,
    json_span_text,
    span_or_none,
)

QUOTE_KINDS = ("direct", "indirect", "mixed")
SOURCE_KINDS = ("person", "organization", "group", "document", "unattributed")


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement.

    ``content`` is what was said (for a direct quote, with its quotation
    marks); ``cue`` the verb or phrase that attributes it ("said", "according
    to"); ``speaker`` the mention of who said it in this sentence (or in the
    adjacent one for a quote that continues); ``source`` the id of the
    :class:`Source` that mention resolves to. ``to_author``: said to the writer
    ("told me"). ``names``: quotation marks inside the content around a name
    or title ("the “People's Forum for Peace”"), not words the speaker said;
    written to JSON only when there are some. ``confidence``: the calibrated
    probability that the speaker is right (:mod:`~newsift.attribution.confidence`),
    for a quote the rules gave a speaker; None otherwise, and then not written.
    A quote under the display threshold keeps its confidence but loses its
    speaker and source.
    """

    id: str
    kind: str
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    source: str | None = None
    to_author: bool = False
    names: tuple[Span, ...] = ()
    confidence: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"unknown quote kind {self.kind!r}")
        if self.confidence is not None and not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be a number from 0 to 1, not {self.confidence!r}")

    @property
    def spans(self) -> list[Span]:
        return [s for s in (self.content, self.cue, self.speaker) if s is not None]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": span_or_none(self.cue),
            "speaker": span_or_none(self.speaker),
            "source": self.source,
            "to_author": self.to_author,
        }
        if self.names:
            data["names"] = [s.to_dict() for s in self.names]
        if self.confidence is not None:
            data["confidence"] = self.confidence
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        return fields.read(cls, data, "quote")


@dataclass(frozen=True, slots=True)
class Source:
    """Who is quoted: one person, organization, group or document.

    ``name`` is the name ("Dr. Lennart Vosskuhl") or, for an unnamed source,
    the whole description ("A senior official in the mayor's office").
    ``descriptor`` is the credential or role the page gives (titles before the
    name, appositives, relative clauses), its parts joined by ", ", with one
    span per part in ``descriptor_spans``. ``anonymous_reason`` is the reason
    given for granting anonymity. ``mentions`` are every place the source is
    referred to as a speaker (names, surnames, pronouns); ``quotes`` the ids of
    its quotes; ``quoted_words`` the words of their contents.
    """

    id: str
    name: str
    kind: str
    named: bool
    descriptor: str | None = None
    descriptor_spans: tuple[Span, ...] = ()
    anonymous_reason: str | None = None
    anonymous_reason_span: Span | None = None
    to_author: bool = False
    mentions: tuple[Span, ...] = ()
    quotes: tuple[str, ...] = ()
    quoted_words: int = 0

    JSON_COMPUTED: ClassVar[Computed] = {
        "anonymous": {"type": "boolean", "description": "not named"}
    }

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {self.kind!r}")

    @property
    def anonymous(self) -> bool:
        """An unnamed person ("a senior official", "sources")."""
        return self.kind == "person" and not self.named

    @property
    def spans(self) -> list[Span]:
        found = [*self.descriptor_spans, *self.mentions]
        if self.anonymous_reason_span is not None:
            found.append(self.anonymous_reason_span)
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "named": self.named,
            "anonymous": self.anonymous,
            "descriptor": self.descriptor,
            "descriptor_spans": [s.to_dict() for s in self.descriptor_spans],
            "anonymous_reason": self.anonymous_reason,
            "anonymous_reason_span": span_or_none(self.anonymous_reason_span),
            "to_author": self.to_author,
            "mentions": [s.to_dict() for s in self.mentions],
            "quotes": list(self.quotes),
            "quoted_words": self.quoted_words,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return fields.read(cls, data, "source")


@dataclass(frozen=True, slots=True)
class NonResponse:
    """A party that did not comment: "did not respond to a request for comment".

    ``span`` covers the sentence's statement, ``who`` the party as written,
    ``who_span`` where it stands, ``source`` the id of the matching source when
    that party is also quoted.
    """

    span: Span
    who: str | None = None
    who_span: Span | None = None
    source: str | None = None

    @property
    def spans(self) -> list[Span]:
        return [self.span] + ([self.who_span] if self.who_span is not None else [])

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "who": self.who,
            "who_span": span_or_none(self.who_span),
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NonResponse:
        return fields.read(cls, data, "nonresponse")


PROFILE_COUNTS = ("named", "anonymous", "organizational", "documentary", "unattributed")


@dataclass(frozen=True, slots=True)
class SourcingProfile:
    """How an article is sourced; the one item of the ``sourcing`` layer.

    Every figure but ``nonresponses`` and ``excluded`` is computed over the
    real sources only (:func:`real_sources`): a source of an unattributed kind,
    or one with no displayed quote, counts nowhere, so it cannot dilute a share.
    Every real source falls in exactly one class: ``named`` (a named person),
    ``anonymous`` (an unnamed person), ``organizational``, ``documentary``, or
    ``unattributed`` (unnamed groups such as "critics"). Shares are of the real
    sources (0.0 when there are none). ``quotes`` counts the displayed quotes
    of real sources, ``quoted_words`` the words of their contents, and
    ``anonymous_word_share`` the share of those words whose source is anonymous;
    ``only_to_author`` counts real sources whose every quote was given to the
    writer; ``excluded`` the sources left out of every figure.
    """

    sources: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)
    quotes: int = 0
    quoted_words: int = 0
    anonymous_words: int = 0
    only_to_author: int = 0
    nonresponses: int = 0
    excluded: int = 0

    JSON_COMPUTED: ClassVar[Computed] = {
        "shares": {
            "type": "object",
            "additionalProperties": {"type": "number"},
            "description": "share of quoted words by kind of source",
        },
        "anonymous_word_share": {"type": "number"},
    }

    def __post_init__(self) -> None:
        counts = (
            self.sources,
            self.quotes,
            self.quoted_words,
            self.anonymous_words,
            self.only_to_author,
            self.nonresponses,
            self.excluded,
            *self.counts.values(),
        )
        if any(n < 0 for n in counts):
            raise ValueError("counts must not be negative")

    def share(self, name: str) -> float:
        return self.counts.get(name, 0) / self.sources if self.sources else 0.0

    @property
    def anonymous_word_share(self) -> float:
        return self.anonymous_words / self.quoted_words if self.quoted_words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "counts": {name: self.counts.get(name, 0) for name in PROFILE_COUNTS},
            "shares": {name: round(self.share(name), 4) for name in PROFILE_COUNTS},
            "quotes": self.quotes,
            "quoted_words": self.quoted_words,
            "anonymous_words": self.anonymous_words,
            "anonymous_word_share": round(self.anonymous_word_share, 4),
            "only_to_author": self.only_to_author,
            "nonresponses": self.nonresponses,
            "excluded": self.excluded,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourcingProfile:
        return fields.read(cls, data, "sourcing profile")


def profile_class(source: Source) -> str:
    """The profile class of one source (see :class:`SourcingProfile`)."""
    if source.kind == "person":
        return "named" if source.named else "anonymous"
    if source.kind == "organization":
        return "organizational"
    if source.kind == "document":
        return "documentary"
    return "unattributed"


#: Kinds of source that can carry a profile figure; any other kind (``unattributed``,
#: or one added for abstractions or the page's author) is left out of every figure.
REAL_SOURCE_KINDS = frozenset({"person", "organization", "group", "document"})


def displayed(quote: Quote) -> bool:
    """A quote a reader is shown: one with content (an empty span shows nothing)."""
    return quote.content.end > quote.content.start


def real_sources(sources: Sequence[Source], quotes: Sequence[Quote]) -> list[Source]:
    """The sources every sourcing-profile figure is computed over, in their order.

    A source is real when both hold:

    - its kind is a person (named or anonymous), an organization, a group or a
      document (:data:`REAL_SOURCE_KINDS`); ``unattributed`` sources ("some
      say", heads the rules cannot place) and any other kind are not;
    - at least one of its quotes is displayed: its id is among ``quotes`` (the
      quotes layer, what the report shows) and its content is not empty
      (:func:`displayed`). A source whose quotes were all dropped is a mention
      with nothing said.

    Counting the others would dilute every share: "anonymous sources carry 32%
    of quoted words" must be 32% of the words of sources a reader can weigh.
    """
    shown = {q.id for q in quotes if displayed(q)}
    return [s for s in sources if s.kind in REAL_SOURCE_KINDS and any(q in shown for q in s.quotes)]


def sourcing_profile(
    sources: Sequence[Source],
    quotes: Sequence[Quote] = (),
    nonresponses: Sequence[NonResponse] = (),
) -> SourcingProfile:
    """The article's sourcing profile: every figure over :func:`real_sources` only."""
    real = real_sources(sources, quotes)
    counts = dict.fromkeys(PROFILE_COUNTS, 0)
    for source in real:
        counts[profile_class(source)] += 1
    by_id = {q.id: q for q in quotes if displayed(q)}
    only_to_author = 0
    quote_ids: set[str] = set()
    for source in real:
        own = [by_id[q] for q in source.quotes if q in by_id]
        quote_ids.update(q.id for q in own)
        if own and all(q.to_author for q in own):
            only_to_author += 1
    return SourcingProfile(
        sources=len(real),
        counts=counts,
        quotes=len(quote_ids),
        quoted_words=sum(s.quoted_words for s in real),
        anonymous_words=sum(s.quoted_words for s in real if s.anonymous),
        only_to_author=only_to_author,
        nonresponses=len(nonresponses),
        excluded=len(sources) - len(real),
    )


def _source_rows(items: Sequence[Mapping[str, Any]], doc: Mapping[str, Any]) -> list[Row]:
    return [
        {
            "source_id": item.get("id"),
            "name": item.get("name"),
            "kind": item.get("kind"),
            "named": item.get("named"),
            "anonymous": item.get("anonymous"),
            "descriptor": item.get("descriptor"),
            "anonymous_reason": item.get("anonymous_reason"),
            "to_author": item.get("to_author"),
            "quotes": len(item.get("quotes") or []),
            "quoted_words": item.get("quoted_words"),
        }
        for item in items
    ]


def _quote_rows(items: Sequence[Mapping[str, Any]], doc: Mapping[str, Any]) -> list[Row]:
    text = str(doc.get("text", ""))
    return [
        {
            "quote_id": item.get("id"),
            "kind": item.get("kind"),
            "source_id": item.get("source"),
            "to_author": item.get("to_author"),
            "speaker": json_span_text(text, item.get("speaker")),
            "content": json_span_text(text, item.get("content")),
        }
        for item in items
    ]


def _sourcing_lines(doc: Document, wrap: Wrap) -> list[str]:
    """Sources, their profile and non-responses (the flags follow in their own lines)."""
    sources = doc.layers["sources"]
    named = sum(1 for s in sources if getattr(s, "named", False))
    out = [f"  sources: {len(sources)} ({named} named, {len(sources) - named} not named)"]
    for profile in doc.layers.get("sourcing", []):
        left_out = f"; {profile.excluded} not counted" if profile.excluded else ""
        out.append(
            wrap(
                f"  profile over {profile.sources} real sources{left_out}: anonymous sources "
                f"carry {profile.anonymous_word_share:.0%} of {profile.quoted_words} quoted words"
            )
        )
    for source in sources:
        bits = [getattr(source, "kind", "?")]
        if getattr(source, "descriptor", None):
            bits.append(source.descriptor)
        if getattr(source, "anonymous_reason", None):
            bits.append(f"anonymous because: {source.anonymous_reason}")
        if getattr(source, "to_author", False):
            bits.append("spoke to the writer")
        quotes = len(getattr(source, "quotes", ()))
        out.append(wrap(f"  - {source.name} ({'; '.join(bits)}), {quotes} quote(s)"))
    for item in doc.layers.get("nonresponses", []):
        out.append(wrap(f"  - no response: {getattr(item, 'who', None) or 'someone'}"))
    return out


PACKAGE = "newsift.attribution"
SOURCES_LAYER = declare_layer(
    "sources",
    Source,
    package=PACKAGE,
    order=20,
    table=LayerTable(
        (
            ("source_id", "string"),
            ("name", "string"),
            ("kind", "string"),
            ("named", "bool"),
            ("anonymous", "bool"),
            ("descriptor", "string"),
            ("anonymous_reason", "string"),
            ("to_author", "bool"),
            ("quotes", "int"),
            ("quoted_words", "int"),
        ),
        _source_rows,
    ),
    summary=LayerSummary(_sourcing_lines),
    report=LayerReport(
        "Sourcing", "newsift.report.html:sourcing_card", "newsift.report.markdown:sourcing_lines"
    ),
)
QUOTES_LAYER = declare_layer(
    "quotes",
    Quote,
    package=PACKAGE,
    order=21,
    table=LayerTable(
        (
            ("quote_id", "string"),
            ("kind", "string"),
            ("source_id", "string"),
            ("to_author", "bool"),
            ("speaker", "string"),
            ("content", "string"),
        ),
        _quote_rows,
    ),
)
#: shown in ``newsift show`` with the sources (``_sourcing_lines``)
NONRESPONSES_LAYER = declare_layer("nonresponses", NonResponse, package=PACKAGE, order=22)
SOURCING_LAYER = declare_layer("sourcing", SourcingProfile, package=PACKAGE, order=23)
