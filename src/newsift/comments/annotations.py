"""The ``toxicity`` and ``thread`` layers written by ``comments.toxicity.v1``.

``toxicity`` holds one :class:`Toxicity` per comment region; ``thread`` holds
one :class:`ThreadSummary` for the page's comment section (none when the page
has no comments). Importing this module registers both layers with
:func:`newsift.document.declare_layer`: their loaders for ``Document.from_dict``,
the ``toxicity`` batch table and what ``newsift show`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from newsift import fields
from newsift.comments.targets import NamedTarget
from newsift.document import (
    Document,
    LayerReport,
    LayerSummary,
    LayerTable,
    Row,
    Span,
    Wrap,
    WrittenAs,
    declare_layer,
    json_span_text,
)

SCORE_NAMES = ("offensive", "insult", "identity_attack", "threat", "profanity")
TARGET_KINDS = ("individual", "group", "other")
SPAN_LABELS = ("insult", "identity_attack", "threat", "profanity")
JUNK_REASONS = ("link_spam", "coupon_spam", "foreign_text", "markup", "gibberish")


@dataclass(frozen=True, slots=True)
class OffendingSpan:
    """Document offsets ``[start, end)`` of offending words and their type."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")
        if self.label not in SPAN_LABELS:
            raise ValueError(f"unknown span label {self.label!r}")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label}


@dataclass(frozen=True, slots=True)
class Toxicity:
    """How offensive one comment is, at whom, and whether it belongs in the thread.

    ``scores`` are calibrated probabilities; ``offensive`` is the model's own
    decision at its validation-chosen threshold. ``targeted`` and ``target``
    are ``None`` unless the comment is offensive; ``political_target`` is true
    when an offensive, targeted comment names a political group or body.
    ``spans`` mark the offending words; ``duplicate_of`` names the earlier
    comment this one nearly copies; ``junk`` lists why the comment looks
    injected (see ``JUNK_REASONS``); ``off_topic`` says it shares almost no
    content words with the article. ``model`` names the model that scored
    the comment when it is not the analyzer's own: in a thread too long for
    the MiniLM encoder, the comments past its budget are scored by the n-gram
    model, ``toxicity-v1`` (see ``newsift.comments.analyzer.encoder_budget``).
    ``would_remove`` is the calibrated moderator decision
    (:mod:`newsift.comments.summary`); ``named_target`` whom an offensive
    comment names as its target, with the evidence words
    (:mod:`newsift.comments.targets`); ``reason`` why a flagged (offensive or
    would-remove) comment stands out. The last three came after the layer's first
    version; a document written before them reads back with
    ``would_remove`` false and no target or reason.

    ``detail`` is false on an item written without the per-comment detail
    (the analyzer's ``detail=False``, as in the ``fast`` pipeline preset): only
    ``region``, ``scores``, ``offensive``, ``would_remove`` and ``model`` were
    computed; the other fields keep their defaults here and are left out of
    the JSON form (:data:`DETAIL_FIELDS`), which reads back the same way.
    """

    region: str
    scores: Mapping[str, float]
    offensive: bool
    targeted: bool | None = None
    target: str | None = None
    political_target: bool = False
    spans: tuple[OffendingSpan, ...] = ()
    duplicate_of: str | None = None
    junk: tuple[str, ...] = ()
    off_topic: bool = False
    model: str | None = None
    would_remove: bool = False
    named_target: NamedTarget | None = None
    reason: str | None = None
    detail: bool = True

    JSON_WRITTEN_AS: ClassVar[WrittenAs] = {"detail": {}}

    def __post_init__(self) -> None:
        if set(self.scores) != set(SCORE_NAMES):
            raise ValueError(f"scores must have exactly {SCORE_NAMES}")
        if not all(0.0 <= float(v) <= 1.0 for v in self.scores.values()):
            raise ValueError("scores must lie in [0, 1]")
        if self.target is not None and self.target not in TARGET_KINDS:
            raise ValueError(f"unknown target {self.target!r}")
        unknown = set(self.junk) - set(JUNK_REASONS)
        if unknown:
            raise ValueError(f"unknown junk reasons {sorted(unknown)}")

    def to_dict(self) -> dict[str, Any]:
        out = {
            "region": self.region,
            "scores": {name: self.scores[name] for name in SCORE_NAMES},
            "offensive": self.offensive,
            "targeted": self.targeted,
            "target": self.target,
            "political_target": self.political_target,
            "spans": [s.to_dict() for s in self.spans],
            "duplicate_of": self.duplicate_of,
            "junk": list(self.junk),
            "off_topic": self.off_topic,
            "would_remove": self.would_remove,
        } | _present(
            model=self.model,
            named_target=self.named_target.to_dict() if self.named_target else None,
            reason=self.reason,
        )
        return out if self.detail else _without(out, DETAIL_FIELDS)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Toxicity:
        """``detail`` is not written: an item has it when its JSON has a key of
        :data:`DETAIL_FIELDS`. ``named_target`` is written flat (see
        :class:`~newsift.comments.targets.NamedTarget`), its span as ``start`` and ``end``."""
        if isinstance(data, Mapping):
            target = data.get("named_target")
            data = {**data, "detail": any(key in data for key in DETAIL_FIELDS)}
            if isinstance(target, Mapping):
                data["named_target"] = _nested_span(target)
        return fields.read(cls, data, "toxicity item")


def _nested_span(target: Mapping[str, Any]) -> dict[str, Any]:
    """A named target's JSON with its ``start`` and ``end`` under ``span``, as the class has it."""
    flat = {key: value for key, value in target.items() if key not in ("start", "end")}
    return flat | {"span": {key: target[key] for key in ("start", "end") if key in target}}


#: toxicity fields an item written without detail (``Toxicity.detail`` false) leaves out
DETAIL_FIELDS = (
    "targeted", "target", "political_target", "spans", "duplicate_of", "junk", "off_topic",
    "named_target", "reason",
)  # fmt: skip
#: thread summary fields a summary written without detail leaves out
THREAD_DETAIL_FIELDS = ("top_targets", "duplicates", "junk", "off_topic", "top_comments")


def _without(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """``data`` without ``keys`` (the fields an item written without detail leaves out)."""
    return {key: value for key, value in data.items() if key not in keys}


def _present(**values: Any) -> dict[str, Any]:
    """The keyword arguments that are not None."""
    return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class TopComment:
    """One of the thread's top comments by offensive score, with why it stands out."""

    region: str
    score: float
    reason: str
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.region, "score": self.score, "reason": self.reason} | _present(
            target=self.target
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TopComment:
        return fields.read(cls, data, "top comment")


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """What the comment section does as a whole.

    ``top_targets`` counts the named targets of offensive comments (a person,
    "the author (...)", a commenter, a group word; "unnamed person" for an
    abuse aimed at someone only by pronoun), most frequent first;
    ``most_offensive`` holds up to three comments flagged offensive, highest
    score first. ``would_remove`` and ``removal_share`` count the comments a
    moderator would remove (the calibrated decision); ``top_comments`` the
    flagged comments with the highest scores, each with its reason and target.
    ``without_encoder`` counts the comments scored by the n-gram model because
    the thread is past the MiniLM encoder's budget (their ``model`` says so);
    it is written only when not zero. ``detail`` is false on a summary of
    items written without detail (see :class:`Toxicity`): the fields of
    :data:`THREAD_DETAIL_FIELDS` were not computed and are left out of the
    JSON form.
    """

    comments: int
    named: int
    anonymous: int
    offensive: int
    offensive_share: float
    top_targets: tuple[tuple[str, int], ...] = ()
    most_offensive: tuple[str, ...] = ()
    duplicates: int = 0
    junk: int = 0
    off_topic: int = 0
    without_encoder: int = 0
    would_remove: int = 0
    removal_share: float = 0.0
    top_comments: tuple[TopComment, ...] = ()
    detail: bool = True

    JSON_WRITTEN_AS: ClassVar[WrittenAs] = {
        "detail": {},
        "top_targets": {
            "top_targets": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"target": {"type": "string"}, "count": {"type": "integer"}},
                    "required": ["target", "count"],
                    "additionalProperties": False,
                },
            }
        },
    }

    def to_dict(self) -> dict[str, Any]:
        out = {
            "comments": self.comments,
            "named": self.named,
            "anonymous": self.anonymous,
            "offensive": self.offensive,
            "offensive_share": self.offensive_share,
            "top_targets": [{"target": t, "count": n} for t, n in self.top_targets],
            "most_offensive": list(self.most_offensive),
            "duplicates": self.duplicates,
            "junk": self.junk,
            "off_topic": self.off_topic,
            "would_remove": self.would_remove,
            "removal_share": self.removal_share,
            "top_comments": [c.to_dict() for c in self.top_comments],
        } | ({"without_encoder": self.without_encoder} if self.without_encoder else {})
        return out if self.detail else _without(out, THREAD_DETAIL_FIELDS)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThreadSummary:
        """``detail`` is not written: a summary has it when its JSON has a key of
        :data:`THREAD_DETAIL_FIELDS`; ``top_targets`` are written as objects."""
        if isinstance(data, Mapping):
            targets = data.get("top_targets")
            data = {**data, "detail": any(key in data for key in THREAD_DETAIL_FIELDS)}
            if isinstance(targets, list):
                data["top_targets"] = [_target_pair(t) for t in targets]
        return fields.read(cls, data, "thread summary")


def _target_pair(target: object) -> object:
    """A ``{"target": .., "count": ..}`` object as the ``(target, count)`` pair the class has."""
    if isinstance(target, Mapping):
        return [target.get("target"), target.get("count")]
    return target


def _toxicity_rows(items: Sequence[Mapping[str, Any]], doc: Mapping[str, Any]) -> list[Row]:
    """One row per comment: its ``offensive`` decision and score, the target as label,
    and the comment region's span and text (the first 500 characters)."""
    text = str(doc.get("text", ""))
    raw_regions = doc.get("regions")
    regions = {
        r.get("id"): r
        for r in (raw_regions if isinstance(raw_regions, list) else [])
        if isinstance(r, Mapping)
    }
    rows = []
    for item in items:
        region = regions.get(item.get("region"), {})
        scores, offensive, target = item.get("scores"), item.get("offensive"), item.get("target")
        label = target if isinstance(target, str) else None
        rows.append(
            {
                "label": label or ("offensive" if offensive is True else None),
                "offensive": offensive,
                "score": scores.get("offensive") if isinstance(scores, Mapping) else None,
                "start": region.get("start"),
                "end": region.get("end"),
                "text": (json_span_text(text, region) or "")[:500] or None,
                "json": json.dumps(item, ensure_ascii=False),
            }
        )
    return rows


def comment_badge(item: Mapping[str, Any]) -> str:
    """A comment's marks in ``newsift show`` (`` [would remove, offensive 0.97]``)."""
    marks = []
    if item.get("would_remove"):
        marks.append("would remove")
    if item.get("offensive"):
        marks.append(f"offensive {item.get('scores', {}).get('offensive', 0):.2f}")
    if item.get("named_target"):
        marks.append(f"target: {item['named_target']['name']}")
    if item.get("duplicate_of"):
        marks.append("duplicate")
    if item.get("junk"):
        marks.append("junk")
    return f" [{', '.join(marks)}]" if marks else ""


def _toxicity_marks(doc: Document) -> dict[str, str]:
    dicts = [item.to_dict() for item in doc.layers["toxicity"]]
    return {item.get("region"): comment_badge(item) for item in dicts}


def thread_lines(thread: Mapping[str, Any], numbers: Mapping[str, int], wrap: Wrap) -> list[str]:
    """The thread line, the most targeted names and the top comments with their
    reasons (``numbers``: each comment region's number in ``newsift show``)."""
    removal = ""
    if "would_remove" in thread:
        removal = f"{thread['would_remove']} a moderator would remove, "
    counts = f"{thread.get('offensive', 0)} offensive"
    if "duplicates" in thread:  # absent when written without detail (the fast preset)
        counts += (
            f", {thread['duplicates']} near-duplicate, "
            f"{thread.get('junk', 0)} junk, {thread.get('off_topic', 0)} off-topic"
        )
    out = [f"  thread: {removal}{counts}"]
    targets = thread.get("top_targets") or []
    if targets:
        named = ", ".join(f"{t['target']} ({t['count']})" for t in targets)
        out.append(wrap(f"  most targeted: {named}"))
    for top in thread.get("top_comments") or []:
        number = numbers.get(top["region"], "?")
        out.append(wrap(f"  top: comment {number} ({top['score']:.2f}): {top['reason']}"))
    return out


def _thread_section(doc: Document, wrap: Wrap) -> list[str]:
    numbers = {c.id: n for n, c in enumerate(doc.comments, start=1)}
    return [line for t in doc.layers["thread"] for line in thread_lines(t.to_dict(), numbers, wrap)]


PACKAGE = "newsift.comments"
TOXICITY_LAYER = declare_layer(
    "toxicity",
    Toxicity,
    package=PACKAGE,
    order=50,
    table=LayerTable(
        (
            ("label", "string"),
            ("offensive", "bool"),
            ("score", "float"),
            ("start", "int"),
            ("end", "int"),
            ("text", "string"),
            ("json", "string"),
        ),
        _toxicity_rows,
    ),
    summary=LayerSummary(comment_marks=_toxicity_marks),
)
THREAD_LAYER = declare_layer(
    "thread",
    ThreadSummary,
    package=PACKAGE,
    order=51,
    summary=LayerSummary(_thread_section, place="comments"),
    report=LayerReport(
        "Comment thread", "newsift.report.html:thread_card", "newsift.report.markdown:thread_lines"
    ),
)
