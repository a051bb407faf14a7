"""A tolerant reading of a document's JSON dict, shared by the HTML and Markdown reports.

The report renders from ``Document.to_dict()`` output or a JSON file written by
``newsift analyze``, so it shows whichever layers are present and skips the
others. Such a file may be hand-edited or half-written by a newer version, so
nothing here trusts a field's type: a missing or malformed value reads as
absent, a span outside the text is dropped. Only the document's ``text`` is
required (:class:`ReportError` otherwise).

Every string taken from here is page-derived and attacker-written: the
renderers escape it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsift.errors import SchemaError

#: Region kinds shown as the article, in page order.
ARTICLE_KINDS = ("kicker", "headline", "standfirst", "dateline", "byline", "body", "bio", "caption")

#: Check-worthy claims highlighted in the text (the most check-worthy first); the
#: claims list shows them all, but underlining most of an article would hide the rest.
MARKED_CLAIMS = 5

#: Plain-language names of the attribution flags (newsift.attribution.flags.FLAG_KINDS).
FLAG_NAMES = {
    "no_institution": "No institution named",
    "former_or_advisory_only": "Only former or advisory roles",
    "implausible_timeline": "Implausible timeline",
    "only_to_author": "Spoke only to the author",
    "anonymous_majority": "Anonymous sources carry most quoted words",
}

#: Plain-language names of the byline signals (newsift.attribution.byline.BYLINE_KINDS).
BYLINE_NAMES = {
    "pen_name": "Pen name",
    "no_affiliation": "Bio names no outlet, role or affiliation",
    "no_bio": "Name only: no bio, outlet or role",
    "no_byline": "No byline",
}


#: First strong isolate and pop directional isolate: a name between them cannot flip the
#: text around it (a right-to-left override in it ends at the isolate's end).
FSI, PDI = "\u2068", "\u2069"


_BIDI_CLASSES = frozenset(
    {"R", "AL", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
)


def isolate(name: str) -> str:
    """``name`` bidi-isolated for use inside a sentence (the plain-text ``<bdi>``).

    Only a name with right-to-left letters or bidirectional controls is wrapped,
    so plain names stay plain when copied.
    """
    if name.isascii() or not any(unicodedata.bidirectional(c) in _BIDI_CLASSES for c in name):
        return name
    return f"{FSI}{name}{PDI}"


class ReportError(SchemaError):
    """The input is not a document a report can be made from."""

    code = "report.input"


#: what "no technique" means: spans the tagger is less sure of are not reported
TECHNIQUES_NONE = "Spans the tagger is less sure of are not reported."
#: what a reader should know before trusting a technique's name (benchmarks/persuasion.py)
TECHNIQUES_CAVEAT = (
    "Only the spans the tagger is surer of are shown. The technique named is often not "
    "the one a trained annotator would choose: read these as wording to check, not verdicts."
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted range of the text, with what it is and what to say about it.

    ``kind`` is ``quote``, ``claim``, ``technique``, ``flag``, ``byline``,
    ``nonresponse`` or ``toxic``; ``css`` the classes that colour it; ``label`` the short text read
    out for it (aria-label, title); ``note`` the number of its margin note, if any.
    """

    start: int
    end: int
    kind: str
    css: str
    label: str
    note: int | None = None
    anchor: str | None = None  # an element id to link to (claim-3, quote-1)


@dataclass(frozen=True, slots=True)
class Note:
    """A margin note: a flag, byline signal, technique or non-response, with its evidence."""

    number: int
    kind: str
    title: str
    body: str
    evidence: str  # the quoted evidence text, already cut from the page
    start: int  # where the note's evidence starts (to place it beside its paragraph)


@dataclass(slots=True)
class View:
    """Everything the renderers need, read defensively from the dict."""

    id: str
    text: str
    meta: dict[str, str]
    regions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    sources: dict[str, dict[str, Any]]
    source_order: list[str]
    sourcing: dict[str, Any] | None
    flags: list[dict[str, Any]]
    byline: list[dict[str, Any]]
    nonresponses: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    techniques: list[dict[str, Any]]
    toxicity: dict[str, dict[str, Any]]
    thread: dict[str, Any] | None
    layers: set[str] = field(default_factory=set)
    #: the document's JSON dict as given, for the cards of plug-in layers (newsift.report.cards)
    data: Mapping[str, Any] = field(default_factory=dict)
    marks: list[Mark] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: put before every element id, so several documents' reports share one page ("d2-")
    prefix: str = ""

    # ----------------------------------------------------------------- reading
    @property
    def title(self) -> str:
        return self.meta.get("headline") or self.id or "Untitled document"

    def span_text(self, span: Mapping[str, int]) -> str:
        return self.text[span["start"] : span["end"]]

    def article_regions(self) -> list[dict[str, Any]]:
        return [r for r in self.regions if r["kind"] in ARTICLE_KINDS]

    def comments(self) -> list[dict[str, Any]]:
        return [r for r in self.regions if r["kind"] == "comment"]

    def source_label(self, source_id: object) -> str:
        source = self.sources.get(source_id) if isinstance(source_id, str) else None
        if source is None:
            return "an unknown source"
        return str(source.get("name") or source.get("descriptor") or source_id)

    def source_class(self, source_id: object) -> str:
        """The colour class of a source: named, anonymous, organisation, document, ..."""
        source = self.sources.get(source_id) if isinstance(source_id, str) else None
        if source is None:
            return "unattr"
        kind = source.get("kind")
        if source.get("anonymous") is True:
            return "anon"
        return {
            "person": "named",
            "organization": "org",
            "document": "doc",
            "group": "group",
        }.get(str(kind), "unattr")

    def flags_of(self, source_id: str) -> list[dict[str, Any]]:
        return [f for f in self.flags if f.get("source") == source_id]

    def ranked_claims(self) -> list[dict[str, Any]]:
        return sorted(self.claims, key=lambda c: (c["rank"], c["span"]["start"]))

    def short_list(self) -> list[dict[str, Any]]:
        """The page's short list, most check-worthy first; for a document written before
        the short list existed, its top :data:`MARKED_CLAIMS` check-worthy claims."""
        ranked = self.ranked_claims()
        if any(c["shortlist"] is None for c in ranked):
            return [c for c in ranked if c["checkworthy"]][:MARKED_CLAIMS]
        return [c for c in ranked if c["shortlist"]]

    def claimant_label(self, claim: Mapping[str, Any]) -> str:
        """Who stands behind a claim, in words ("" when the document does not say)."""
        kind, source = claim.get("claimant"), claim.get("source")
        known = isinstance(source, str) and source in self.sources
        if kind == "author":
            return "unsourced: the author's own claim"
        if kind == "source":
            return (
                f"attributed to {self.source_label(source)}" if known else "attributed to a source"
            )
        if kind == "document":
            return f"from a document: {self.source_label(source)}" if known else "from a document"
        return ""

    def speaker_of(self, technique: Mapping[str, Any], span: Mapping[str, int]) -> str | None:
        """The source id whose words a technique span is, or None.

        Only a person or an organisation, and only when a quote of that source holds the
        span (the technique's own ``quote`` when it names one): a speaker id alone, or one
        naming a document or an unattributed source, does not make the words theirs.
        """
        speaker = technique.get("speaker")
        source = self.sources.get(speaker) if isinstance(speaker, str) else None
        if source is None or source.get("kind") not in SPEAKING_KINDS:
            return None
        quote_id = technique.get("quote")
        candidates = [
            q
            for q in self.quotes
            if q.get("source") == speaker
            and (not isinstance(quote_id, str) or q.get("id") == quote_id)
        ]
        length = span["end"] - span["start"]
        for quote in candidates:
            content = quote["content"]
            inside = min(span["end"], content["end"]) - max(span["start"], content["start"])
            if 2 * inside > length:  # most of the span lies in the quote (marks may stick out)
                return str(speaker)
        return None

    def technique_counts(self) -> list[tuple[str, int]]:
        counts = Counter(str(t["label"]) for t in self.techniques)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def flag_counts(self) -> list[tuple[str, int]]:
        counts = Counter(str(f.get("kind")) for f in self.flags)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def comment_text(self, region: Mapping[str, Any]) -> str:
        paragraphs = as_list(region.get("paragraphs"))
        if not paragraphs:
            return self.span_text(region)
        return "\n\n".join(self.span_text(p) for p in paragraphs)


#: Source kinds that can "say" something: a note reads "(in words of X)" only for these.
SPEAKING_KINDS = frozenset({"person", "organization"})


def moderator_would_accept(item: Mapping[str, Any]) -> bool:
    """Whether a comment's offending-word spans may be highlighted.

    Only for a comment the analyzer calls offensive and, where it wrote the calibrated
    moderator decision (``would_remove``), one it would remove: the words of a comment
    a moderator would keep are not shown as offending, whatever spans came with it.
    """
    if item.get("offensive") is not True:
        return False
    return item.get("would_remove") is not False


def as_list(value: object) -> list[Any]:
    """``value`` if it is a list, else an empty list (a field of the wrong type reads as absent)."""
    return value if isinstance(value, list) else []


def flag_name(kind: object) -> str:
    return FLAG_NAMES.get(str(kind), str(kind).replace("_", " ").capitalize())


def byline_name(kind: object) -> str:
    return BYLINE_NAMES.get(str(kind), str(kind).replace("_", " ").capitalize())


def technique_name(label: object) -> str:
    """``Loaded_Language`` -> ``Loaded language``; PTC labels joined by commas stay readable."""
    text = str(label).replace("_", " ").replace(",", ", ").replace("  ", " ").strip()
    return text[:1].upper() + text[1:].lower() if text else "Technique"


# ------------------------------------------------------------------ building
def build_view(data: object) -> View:
    """Read a document dict into a :class:`View`; raises :class:`ReportError` if it has no text."""
    if not isinstance(data, Mapping):
        raise ReportError("a report needs a JSON object (a newsift document)")
    text = data.get("text")
    if not isinstance(text, str):
        raise ReportError("not a newsift document: no 'text' string")
    n = len(text)
    raw_meta = data.get("meta")
    meta = {
        str(k): v
        for k, v in (raw_meta.items() if isinstance(raw_meta, Mapping) else [])
        if isinstance(v, str) and v.strip()
    }
    layers = {k for k, v in data.items() if isinstance(v, list)}
    regions = [r for r in (_region(x, n) for x in _items(data, "regions")) if r is not None]
    sources: dict[str, dict[str, Any]] = {}
    for item in _items(data, "sources"):
        if isinstance(item.get("id"), str) and item["id"] not in sources:
            sources[item["id"]] = item
    quotes = [q for q in _items(data, "quotes") if _span(q.get("content"), n)]
    claims = [c for c in (_claim(x, n) for x in _items(data, "claims")) if c is not None]
    techniques = [t for t in _items(data, "techniques") if _span(t.get("span"), n)]
    toxicity: dict[str, dict[str, Any]] = {}
    for item in _items(data, "toxicity"):
        if isinstance(item.get("region"), str):
            toxicity.setdefault(item["region"], item)
    sourcing = next(iter(_items(data, "sourcing")), None)
    thread = next(iter(_items(data, "thread")), None)
    view = View(
        id=str(data.get("id") or "doc"),
        text=text,
        meta=meta,
        regions=regions,
        quotes=quotes,
        sources=sources,
        source_order=list(sources),
        sourcing=sourcing,
        flags=list(_items(data, "flags")),
        byline=[_with_evidence(x, n) for x in _items(data, "byline")],
        nonresponses=[r for r in _items(data, "nonresponses") if _span(r.get("span"), n)],
        claims=claims,
        techniques=techniques,
        toxicity=toxicity,
        thread=thread,
        layers=layers,
        data=data,
    )
    _annotate(view)
    return view


def _items(data: Mapping[str, Any], layer: str) -> list[dict[str, Any]]:
    value = data.get(layer)
    if not isinstance(value, list):
        return []
    return [dict(item) for item in value if isinstance(item, Mapping)]


def _span(value: object, n: int) -> dict[str, int] | None:
    """``{"start", "end"}`` within ``[0, n]``, else None."""
    if not isinstance(value, Mapping):
        return None
    start, end = value.get("start"), value.get("end")
    if not (_is_int(start) and _is_int(end)):
        return None
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= n:
        return None
    return {"start": start, "end": end}


def _with_evidence(item: dict[str, Any], n: int) -> dict[str, Any]:
    """``item`` with only its well-formed evidence spans inside the text."""
    spans = [s for s in (_span(e, n) for e in as_list(item.get("evidence"))) if s]
    return {**item, "evidence": spans}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: object, default: float = 0.0) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return default


def _region(item: dict[str, Any], n: int) -> dict[str, Any] | None:
    span = _span(item, n)
    if span is None or not isinstance(item.get("kind"), str):
        return None
    paragraphs = [p for p in (_span(x, n) for x in as_list(item.get("paragraphs"))) if p]
    paragraphs = [p for p in paragraphs if span["start"] <= p["start"] and p["end"] <= span["end"]]
    return {**item, **span, "id": str(item.get("id", "")), "paragraphs": paragraphs}


def _claim(item: dict[str, Any], n: int) -> dict[str, Any] | None:
    span = _span(item.get("span"), n)
    if span is None:
        return None
    rank = item.get("rank")
    return {
        **item,
        "span": span,
        "score": _number(item.get("score")),
        "rank": rank if _is_int(rank) else 10**9,
        "checkworthy": item.get("checkworthy") is True,
        "type": str(item.get("type") or "other"),
        "features": [str(f) for f in as_list(item.get("features")) if isinstance(f, str)],
        # None: written before the short list existed (see View.short_list)
        "shortlist": item.get("shortlist") if isinstance(item.get("shortlist"), bool) else None,
        "claimant": item.get("claimant") if item.get("claimant") in CLAIMANTS else None,
        "searched": item.get("searched") is True,
    }


#: the claimants of newsift.claims.claimant.CLAIMANTS
CLAIMANTS = ("author", "source", "document")


def match_summary(match: Mapping[str, Any]) -> tuple[str, str]:
    """(verdict, "outlet, date") of a past fact-check match; parts it lacks are left out."""
    verdict = str(match.get("rating") or "unrated")
    where = ", ".join(str(match[k]) for k in ("outlet", "date") if match.get(k))
    return verdict, where


def _annotate(view: View) -> None:
    """The highlights and margin notes, in text order."""
    n = len(view.text)
    marks: list[Mark] = []
    pending: list[tuple[int, str, str, str, list[dict[str, int]]]] = []

    for index, quote in enumerate(view.quotes, start=1):
        span = _span(quote.get("content"), n)
        assert span is not None
        source_id = quote.get("source") if isinstance(quote.get("source"), str) else None
        who = isolate(view.source_label(source_id))
        kind = str(quote.get("kind") or "quote")
        extra = " (said to the author)" if quote.get("to_author") is True else ""
        marks.append(
            Mark(
                span["start"],
                span["end"],
                "quote",
                f"q q-{view.source_class(source_id)}",
                f"{kind.capitalize()} quote from {who}{extra}",
                anchor=f"quote-{index}",
            )
        )
    for index, claim in enumerate(view.short_list(), start=1):
        span = claim["span"]
        who = view.claimant_label(claim)
        kind = claim.get("type", "claim")  # no type when written without detail
        marks.append(
            Mark(
                span["start"],
                span["end"],
                "claim",
                "c",
                f"Check-worthy claim {index}: {kind}{', ' + who if who else ''}, "
                f"score {claim['score']:.2f}",
                anchor=f"claim-{index}",
            )
        )
    for flag in view.flags:
        evidence = [s for s in (_span(e, n) for e in as_list(flag.get("evidence"))) if s]
        who = (
            isolate(view.source_label(flag.get("source"))) if flag.get("source") else "the article"
        )
        pending.append(
            (
                evidence[0]["start"] if evidence else n,
                "flag",
                f"{flag_name(flag.get('kind'))}: {who}",
                str(flag.get("reason") or ""),
                evidence,
            )
        )
    for signal in view.byline:
        evidence = list(signal["evidence"])
        author = signal.get("author")
        who = isolate(str(author)) if isinstance(author, str) and author else "the article"
        pending.append(
            (
                evidence[0]["start"] if evidence else n,
                "byline",
                f"{byline_name(signal.get('kind'))}: {who}",
                str(signal.get("reason") or ""),
                evidence,
            )
        )
    for technique in view.techniques:
        span = _span(technique.get("span"), n)
        assert span is not None
        explanation = str(technique.get("explanation") or "")
        speaker = view.speaker_of(technique, span)
        if speaker is not None:
            explanation += f" (in words of {isolate(view.source_label(speaker))})"
        score = _number(technique.get("score"), -1.0)
        title = technique_name(technique.get("label"))
        if score >= 0:
            title += f" ({score:.2f})"
        pending.append((span["start"], "technique", title, explanation.strip(), [span]))
    for nonresponse in view.nonresponses:
        span = _span(nonresponse.get("span"), n)
        assert span is not None
        who = str(nonresponse.get("who") or "Someone")
        pending.append(
            (
                span["start"],
                "nonresponse",
                who,
                "The article says this person or body did not answer.",
                [span],
            )
        )

    pending.sort(key=lambda p: (p[0], p[1]))
    notes: list[Note] = []
    for number, (start, kind, title, body, spans) in enumerate(pending, start=1):
        quoted = " … ".join(view.span_text(s) for s in spans)
        notes.append(Note(number, kind, title, body, quoted, start))
        css = {"flag": "f", "byline": "f", "technique": "t", "nonresponse": "nr"}[kind]
        for span in spans:
            marks.append(Mark(span["start"], span["end"], kind, css, title, number))
    comments = {c["id"]: c for c in view.comments()}
    for region_id, item in view.toxicity.items():
        region = comments.get(region_id)
        if region is None or not moderator_would_accept(item):
            continue
        for span_item in as_list(item.get("spans")):
            span = _span(span_item, n)
            if span is not None and region["start"] <= span["start"] < span["end"] <= region["end"]:
                label = str(span_item.get("label") or "offensive")
                marks.append(
                    Mark(
                        span["start"],
                        span["end"],
                        "toxic",
                        "x",
                        f"Offensive span ({label}) in comment {region_id}",
                    )
                )
    marks.sort(key=lambda m: (m.start, -m.end, m.kind))
    view.marks = marks
    view.notes = notes
