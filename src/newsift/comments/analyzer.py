"""The comment-thread analyzer: score each comment, then summarise the thread."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from newsift.comments.annotations import (
    SCORE_NAMES,
    OffendingSpan,
    ThreadSummary,
    TopComment,
    Toxicity,
)
from newsift.comments.forensics import content_stems, junk_reasons, near_duplicates, off_topic
from newsift.comments.lexicon import political_groups, words
from newsift.comments.model import TARGETS, ToxicityModel, TypedSpan, encoder_text
from newsift.comments.summary import TOP_COMMENTS, reason, would_remove
from newsift.comments.targets import ArticlePeople, NamedTarget, find_target, refers_to_someone
from newsift.comments.threat_model import ThreatModel, with_threats
from newsift.comments.vectors import TokenCounter, remembering
from newsift.document import Document, Region
from newsift.registry import register

if TYPE_CHECKING:
    from newsift.comments.backend import HFToxicity

ARTICLE_KINDS = ("headline", "standfirst", "body")
TOP_TARGETS = 5
MOST_OFFENSIVE = 3
#: The MiniLM budget of a thread, in encoder tokens: ``ENCODER_TOKENS`` less
#: ``TOKENS_PER_COMMENT`` for each comment (the n-gram model, forensics and
#: reading cost about that much CPU per comment), so that a 5,000-comment page
#: stays well inside the 30 CPU-s per-document limit. The comments that fit, in
#: thread order, are scored with the encoder; the rest by the n-gram model
#: (``toxicity-v1``), each marked with its ``model`` and counted in the summary's
#: ``without_encoder``. Threads of up to about 850 comments of 10 to 60 words
#: (48 tokens on average) are scored in full; see benchmarks/long_threads.py.
ENCODER_TOKENS = 48_000
TOKENS_PER_COMMENT = 7


def encoder_budget(comments: int) -> int:
    """The MiniLM tokens a thread of ``comments`` comments may spend."""
    return max(0, ENCODER_TOKENS - TOKENS_PER_COMMENT * comments)


@register
@dataclass
class ToxicityAnalyzer:
    """Score every comment for offence and summarise the comment section.

    Reads: regions (the ``comment`` regions and the article's headline,
    standfirst and body). Writes: ``toxicity`` (one
    :class:`~newsift.comments.annotations.Toxicity` per comment, in region
    order) and ``thread`` (one :class:`~newsift.comments.annotations.ThreadSummary`,
    or nothing when the page has no comments).
    Method: calibrated hashed n-gram logistic regressions and a word tagger
    (:mod:`newsift.comments.model`), with the encoder a threat head on its rows
    (:mod:`newsift.comments.threat_model`), a political-group lexicon
    (:mod:`newsift.comments.lexicon`) and thread forensics
    (:mod:`newsift.comments.forensics`).
    ``encoder`` (auto, minilm, none) says whether the fine-tuned MiniLM encoder
    joins the n-grams (``toxicity-minilm-v2``); ``auto`` uses it when the minilm
    extra is installed and falls back to ``toxicity-v1`` otherwise.
    With ``backend`` (a local checkpoint folder, the ``hf`` extra), the scores
    come from that model where it has them (:mod:`newsift.comments.backend`).
    ``detail`` (default true) computes everything above; false (the ``fast``
    pipeline preset, for triage) computes only each comment's scores,
    ``offensive``, ``would_remove`` and ``model`` and the thread's counts, shares
    and ``most_offensive``: no target kinds, named targets, offending spans,
    reasons, duplicates, junk or off-topic checks, and those fields are left
    out of the JSON (``Toxicity.detail`` and ``ThreadSummary.detail`` false).
    Limits: English; trained on tweets (OLID) and North American news
    comments, so sarcasm, dog whistles and other languages are mostly missed.
    """

    name: ClassVar[str] = "comments.toxicity.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"regions"})
    assigns: ClassVar[frozenset[str]] = frozenset({"toxicity", "thread"})

    backend: str | None = None  # a local Detoxify / Hugging Face checkpoint folder
    encoder: str = "auto"  # auto, minilm or none: MiniLM vectors join the n-gram model
    detail: bool = True  # false: scores, offensive, would_remove and thread counts only
    _model: ToxicityModel | None = field(default=None, init=False, repr=False)
    _fallback: ToxicityModel | None = field(default=None, init=False, repr=False)
    _external: HFToxicity | None = field(default=None, init=False, repr=False)
    _threats: ThreatModel | None = field(default=None, init=False, repr=False)

    def setup(self) -> None:
        """Load the shipped model (and the ``backend`` checkpoint, if any) once; with the
        encoder, also the threat head (``threats-v1``) that reads its rows."""
        if self._model is None:
            model = ToxicityModel.load(encoder=self.encoder)
            if model.dense is not None:
                self._threats = ThreatModel.load()
                model = remembering(model)
            self._model = model
        if self.backend is not None and self._external is None:
            from newsift.comments.backend import HFToxicity

            self._external = HFToxicity.load(self.backend)

    def _ngram_model(self) -> ToxicityModel:
        """The n-gram model for comments past the encoder's budget, loaded on first need
        (most threads never need it: loading it at setup cost every cold start 0.1 CPU-s)."""
        if self._fallback is None:
            self._fallback = ToxicityModel.load(encoder="none")
        return self._fallback

    def __call__(self, doc: Document) -> Document:
        self.setup()
        assert self._model is not None
        items = score_comments(
            self._model,
            doc,
            self._external,
            self._ngram_model,
            detail=self.detail,
            threats=self._threats,
        )
        doc.layers["toxicity"] = items
        if not self.detail:
            doc.layers["thread"] = [brief_summary(doc.comments, items)] if items else []
            return doc
        texts = [doc.region_text(c) for c in doc.comments]
        doc.layers["thread"] = [summarise(doc.comments, items, texts)] if items else []
        return doc


def encoder_share(model: ToxicityModel, texts: Sequence[str], budget: int) -> int:
    """How many of ``texts``, from the first, the encoder scores within ``budget`` tokens.

    All of them when ``model`` has no encoder part or its encoder cannot count tokens.
    """
    if model.dense is None or not isinstance(model.encoder, TokenCounter):
        return len(texts)
    spent = 0
    for i, count in enumerate(model.encoder.token_counts([encoder_text(t) for t in texts])):
        spent += count
        if spent > budget:
            return i
    return len(texts)


def _resolve(fallback: ToxicityModel | Callable[[], ToxicityModel] | None) -> ToxicityModel:
    if isinstance(fallback, ToxicityModel):
        return fallback
    return fallback() if fallback is not None else ToxicityModel.load(encoder="none")


def score_comments(
    model: ToxicityModel,
    doc: Document,
    external: HFToxicity | None = None,
    fallback: ToxicityModel | Callable[[], ToxicityModel] | None = None,
    *,
    budget: int | None = None,
    detail: bool = True,
    threats: ThreatModel | None = None,
) -> list[Toxicity]:
    """One :class:`Toxicity` per comment region of ``doc``, in region order.

    With ``external``, the scores that checkpoint has replace the shipped
    model's, and ``offensive`` is decided at the checkpoint's threshold. When
    ``model`` uses the MiniLM encoder and the thread needs more than
    ``budget`` encoder tokens (:func:`encoder_budget` when None), the
    comments past the budget are scored by ``fallback`` (the n-gram model, or a
    function that gives it on first need; loaded when not given) and carry its
    name. Without ``detail`` the items hold scores, ``offensive``,
    ``would_remove`` and ``model`` only (see :class:`Toxicity`). With ``threats``
    (the threat head), the comments the encoder scored and the head calls threats
    are shown as threats (:func:`~newsift.comments.threat_model.with_threats`);
    the n-gram model's comments keep the rule-found threats alone.
    """
    comments = doc.comments
    if not comments:
        return []
    texts = [doc.region_text(c) for c in comments]
    encoded = encoder_share(model, texts, encoder_budget(len(texts)) if budget is None else budget)
    probabilities = with_threats(
        model, threats, texts[:encoded], model.probabilities(texts[:encoded])
    )
    scorers = [model] * encoded
    if encoded < len(texts):
        ngram = _resolve(fallback)
        probabilities = np.vstack([probabilities, ngram.probabilities(texts[encoded:])])
        scorers += [ngram] * (len(texts) - encoded)
    replaced = external.scores(texts) if external is not None else [{} for _ in texts]
    if not detail:
        return brief_items(model, comments, probabilities, scorers, replaced, external)
    duplicates = near_duplicates(texts)
    article = content_stems(
        text for region in doc.regions if region.kind in ARTICLE_KINDS
        for text in doc.paragraphs(region)
    )  # fmt: skip
    by_id = dict(zip((c.id for c in comments), texts, strict=True))
    regions = {c.id: c for c in comments}
    people: ArticlePeople | None = None  # read from the page at the first flagged comment
    commenters = sorted({c.author for c in comments if c.author})
    items = []
    for i, (region, text, scorer) in enumerate(zip(comments, texts, scorers, strict=True)):
        row = probabilities[i]
        scores = {name: round(float(row[scorer.column(name)]), 4) for name in SCORE_NAMES}
        scores.update({name: round(value, 4) for name, value in replaced[i].items()})
        threshold = external.threshold if external else scorer.threshold("offensive")
        offensive = scores["offensive"] >= threshold
        remove = would_remove(scores["offensive"], "" if external else scorer.name, threshold)
        targeted, target, political = decide_target(scorer, row, text, offensive)
        spans = scorer.spans(text) if offensive else []
        named = None
        if offensive or remove:
            if people is None:
                people = ArticlePeople.of(doc)
            named = find_target(
                text,
                people,
                offending=[(s.start, s.end) for s in spans],
                parent=regions.get(region.parent or ""),
                commenters=commenters,
                offsets=paragraph_offsets(region),
            )
        if offensive:
            targeted, target, political = reconcile(named, text, targeted, target, political)
        context = article | content_stems([by_id.get(region.parent or "", "")])
        strays = bool(article) and off_topic(text, context)
        on_topic = bool(article) and not strays
        duplicate = duplicates[i]
        flagged = offensive or remove
        items.append(
            Toxicity(
                region=region.id,
                scores=scores,
                offensive=offensive,
                targeted=targeted,
                target=target,
                political_target=political,
                spans=tuple(to_document(spans, region)),
                duplicate_of=comments[duplicate].id if duplicate is not None else None,
                junk=tuple(junk_reasons(text, doc.meta.language, on_topic=on_topic)),
                off_topic=strays,
                model=scorer.name if scorer is not model else None,
                would_remove=remove,
                named_target=named,
                reason=reason(scores, named, text, [s.label for s in spans]) if flagged else None,
            )
        )
    return items


def brief_items(
    model: ToxicityModel,
    comments: Sequence[Region],
    probabilities: np.typing.NDArray[np.float64],
    scorers: Sequence[ToxicityModel],
    replaced: Sequence[dict[str, float]],
    external: HFToxicity | None,
) -> list[Toxicity]:
    """:func:`score_comments` items without detail: the same scores, ``offensive``,
    ``would_remove`` and ``model`` as with it, nothing else."""
    items = []
    for i, (region, scorer) in enumerate(zip(comments, scorers, strict=True)):
        row = probabilities[i]
        scores = {name: round(float(row[scorer.column(name)]), 4) for name in SCORE_NAMES}
        scores.update({name: round(value, 4) for name, value in replaced[i].items()})
        threshold = external.threshold if external else scorer.threshold("offensive")
        items.append(
            Toxicity(
                region=region.id,
                scores=scores,
                offensive=scores["offensive"] >= threshold,
                model=scorer.name if scorer is not model else None,
                would_remove=would_remove(
                    scores["offensive"], "" if external else scorer.name, threshold
                ),
                detail=False,
            )
        )
    return items


def reconcile(
    named: NamedTarget | None,
    text: str,
    targeted: bool | None,
    target: str | None,
    political: bool,
) -> tuple[bool | None, str | None, bool]:
    """The tweet-trained ``(targeted, target, political_target)``, kept apart from the named target.

    The model's kind stands, with two exceptions: a comment the model calls
    untargeted but that names someone next to its abuse is targeted, of the
    named target's kind; and an ``individual`` target stands only when the
    comment names or refers to someone ("he", "you", "this guy"), else the
    comment is untargeted. (On OLID level C's held-out tweets, macro-F1 0.438
    for the model alone, 0.452 so; forcing the named target's kind on every
    comment scored lower on OLID's training tweets, where these rules were
    chosen.)
    """
    if named is not None and not targeted:
        groups = political_groups(w for _, _, w in words(text))
        return True, named.label, named.kind == "group" and named.name in groups
    if named is None and target == "individual" and not refers_to_someone(text):
        return False, None, False
    return targeted, target, political


def paragraph_offsets(region: Region) -> list[tuple[int, int, int]]:
    """``(begin, end, page start)`` of each paragraph in the comment's joined text."""
    pieces, offset = [], 0
    for paragraph in region.paragraphs:
        length = paragraph.end - paragraph.start
        pieces.append((offset, offset + length, paragraph.start))
        offset += length + 2
    return pieces or [(0, region.end - region.start, region.start)]


def decide_target(
    model: ToxicityModel, row: np.typing.NDArray[np.float64], text: str, offensive: bool
) -> tuple[bool | None, str | None, bool]:
    """``(targeted, target, political_target)`` for one comment's probabilities."""
    if not offensive:
        return None, None, False
    targeted = bool(row[model.column("targeted")] >= model.threshold("targeted"))
    if not targeted:
        return False, None, False
    target = max(TARGETS, key=lambda t: float(row[model.column(f"target_{t}")]))
    political = bool(political_groups(w for _, _, w in words(text)))
    if political and target == "other":
        target = "group"
    return True, target, political and target == "group"


def to_document(spans: Sequence[TypedSpan], region: Region) -> list[OffendingSpan]:
    """Map spans in the comment's joined text (paragraphs joined by blank lines) to the page."""
    if not region.paragraphs:
        return [OffendingSpan(s.start + region.start, s.end + region.start, s.label) for s in spans]
    pieces = paragraph_offsets(region)
    out = []
    for span in spans:
        for begin, end, page_start in pieces:
            start, stop = max(span.start, begin), min(span.end, end)
            if start < stop:
                out.append(
                    OffendingSpan(page_start + start - begin, page_start + stop - begin, span.label)
                )
    return out


def summarise(
    comments: Sequence[Region], items: Sequence[Toxicity], texts: Sequence[str]
) -> ThreadSummary:
    """The thread summary of ``items`` (one per comment of ``comments``, same order).

    A target is counted under its name (:class:`NamedTarget`) when the comment
    names one; an abuse aimed at someone by pronoun only counts as "unnamed
    person"; a target the old way (political group word, else the kind) when
    the item has no named target but a target kind (documents written before
    named targets). The counts, shares and ``most_offensive`` are those of
    :func:`brief_summary`.
    """
    targets: Counter[str] = Counter()
    for item, text in zip(items, texts, strict=True):
        if not item.offensive or item.target is None:
            continue
        targets[target_key(item, text)] += 1
    flagged = sorted(
        (item for item in items if item.offensive or item.would_remove),
        key=lambda item: -item.scores["offensive"],
    )
    return replace(
        brief_summary(comments, items),
        top_targets=tuple(sorted(targets.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TARGETS]),
        duplicates=sum(1 for item in items if item.duplicate_of is not None),
        junk=sum(1 for item in items if item.junk),
        off_topic=sum(1 for item in items if item.off_topic),
        top_comments=tuple(
            TopComment(
                item.region,
                item.scores["offensive"],
                item.reason or "offensive",
                item.named_target.name if item.named_target else None,
            )
            for item in flagged[:TOP_COMMENTS]
        ),
        detail=True,
    )


def brief_summary(comments: Sequence[Region], items: Sequence[Toxicity]) -> ThreadSummary:
    """The thread summary without its detail fields (``ThreadSummary.detail`` false):
    comments, named, anonymous, offensive and its share, ``most_offensive``,
    ``without_encoder``, ``would_remove`` and its share."""
    offensive = sorted(
        (item for item in items if item.offensive), key=lambda item: -item.scores["offensive"]
    )
    named = sum(1 for c in comments if c.author)
    removed = sum(1 for item in items if item.would_remove)
    return ThreadSummary(
        comments=len(items),
        named=named,
        anonymous=len(comments) - named,
        offensive=len(offensive),
        offensive_share=round(len(offensive) / len(items), 4) if items else 0.0,
        most_offensive=tuple(item.region for item in offensive[:MOST_OFFENSIVE]),
        without_encoder=sum(1 for item in items if item.model is not None),
        would_remove=removed,
        removal_share=round(removed / len(items), 4) if items else 0.0,
        detail=False,
    )


def target_key(item: Toxicity, text: str) -> str:
    """The name a targeted item is counted under in the thread summary."""
    if item.named_target is not None:
        return item.named_target.name
    if item.target == "individual":
        return "unnamed person"
    groups = political_groups(w for _, _, w in words(text))
    return groups[0] if item.political_target and groups else str(item.target)
