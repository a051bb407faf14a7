"""The sourcing analyzer: quotes, their sources, non-responses, the sourcing profile."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from newsift.attribution.annotations import (
    NonResponse,
    Quote,
    Source,
    sourcing_profile,
)
from newsift.attribution.byline import byline_signals
from newsift.attribution.confidence import shown_sources
from newsift.attribution.cues import outlet_keys
from newsift.attribution.nlp import one_blas_thread
from newsift.document import Document, Span
from newsift.encoders.minilm import runtime_available as onnx_available
from newsift.errors import ConfigError
from newsift.registry import register
from newsift.unicode import clean_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

    from newsift.attribution.confidence import DisplayPolicy, Scorer
    from newsift.attribution.cue_tagger import CueTagger
    from newsift.attribution.marks import QuotedSpan
    from newsift.attribution.nonresponses import Refusal
    from newsift.attribution.quotes import Speech
    from newsift.attribution.sources import Mention, Resolver, SourceDraft
    from newsift.attribution.span_encoder import EncoderSpanModel
    from newsift.attribution.spans import SpanModel

#: Longer paragraphs are parsed in pieces this long (spaCy refuses over nlp.max_length,
#: 1,000,000 characters by default, and its parser needs about 1 GB per 100,000).
MAX_PARAGRAPH_CHARS = 100_000
#: Paragraphs per spaCy batch. With spaCy's default (256) the parse of a
#: 16,000-word page cost 4.9x that of a 4,000-word one; at 64 it is 3.7x and 28 %
#: less at 16,000 words, with the same tags, arcs, entities, lemmas and
#: sentences (benchmarks/scaling.py pages, measured with both sizes).
PARSE_BATCH = 64
#: Runs of non-space characters this long are blanked before parsing: spaCy's
#: tokenizer peels prefixes one at a time, so a 10,000-character "[[[[...]]]]"
#: costs it minutes, and no quotation hides in such a run.
MAX_RUN_CHARS = 300
_LONG_RUN = re.compile(r"\S{" + str(MAX_RUN_CHARS) + ",}")


def for_parser(paragraph: str) -> str:
    """The paragraph as spaCy should see it, same length so offsets still hold.

    Over-long paragraphs and ones that are mostly not letters (tables of
    symbols, markup debris) become blank; over-long non-space runs are blanked;
    lone surrogates (which spaCy cannot hash) become U+FFFD.
    """
    paragraph = clean_text(paragraph)[0]
    if len(paragraph) > MAX_PARAGRAPH_CHARS:
        return " " * len(paragraph)
    visible = sum(1 for c in paragraph if not c.isspace())
    if visible and sum(1 for c in paragraph if c.isalpha()) < 0.3 * visible:
        return " " * len(paragraph)
    return _LONG_RUN.sub(lambda run: " " * len(run.group()), paragraph)


_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: A parsed paragraph, its start in the text, its index, the block's quotations and
#: the rules' statements there -> more statements (see :mod:`~newsift.attribution.cue_tagger`).
CueFinder = Callable[["SpacyDoc", int, int, Sequence["QuotedSpan"], list["Speech"]], list["Speech"]]


#: the content-boundary models ``attribution.quotes.v1`` can run (its ``spans`` parameter)
SPAN_MODELS = ("crf", "encoder")


def load_spans(kind: str) -> SpanModel | EncoderSpanModel:
    """The content-boundary model ``kind``; "encoder" is the CRF where onnxruntime or
    tokenizers are not installed (a damaged or altered model file is a ModelError)."""
    from newsift.attribution.spans import load_span_model

    if kind == "encoder" and onnx_available():
        from newsift.attribution.span_encoder import EncoderSpanModel

        return EncoderSpanModel.load()
    return load_span_model()


@register
@dataclass
class QuoteAnalyzer:
    """Find direct, indirect and mixed quotations, who said them, and how the page is sourced.

    Reads: regions (the body's paragraphs; comments too with
    ``include_comments``; byline and bio), meta.author. Writes: quotes, sources,
    nonresponses, sourcing (one
    :class:`~newsift.attribution.annotations.SourcingProfile`), byline
    (:mod:`~newsift.attribution.byline` signals: pen name, no bio, ...).
    Method: quotation marks paired by direction (:mod:`~newsift.attribution.marks`),
    cue verbs and their dependents in a spaCy parse
    (:mod:`~newsift.attribution.quotes`), mentions resolved to sources
    (:mod:`~newsift.attribution.sources`).
    Limits: English; speech and writing only (beliefs such as "X fears that"
    are not reported); see ``docs/analyzers/attribution.md``.
    """

    name: ClassVar[str] = "attribution.quotes.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"regions"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"quotes", "sources", "nonresponses", "sourcing", "byline"}
    )

    include_comments: bool = False  # also read reader comments (each on its own)
    #: re-draw content boundaries with a learned model (span_model false: the rules' stay)
    span_model: bool = True
    #: which one: "crf" (attribution-spans-v1.npz, the default) or "encoder", the MiniLM
    #: token tagger (attribution-spans-encoder-v1.onnx: better PolNeAR contents, several
    #: CPU-ms a quote, over the default pipeline's speed budget); without onnxruntime and
    #: tokenizers (the minilm extra) "encoder" falls back to the CRF
    spans: str = "crf"
    #: add the confident cues the rules missed with the learned CRF (attribution-cues-v1.npz):
    #: PolNeAR-style attributions (beliefs, stances, acts); off, as it costs page precision
    cue_model: bool = False
    #: its confidence threshold; None: the model's (0.45, best F1 on held-out PolNeAR
    #: train); 0.95 kept page precision on the audit's dev pages
    cue_threshold: float | None = None
    _nlp: Language | None = field(default=None, init=False, repr=False)
    _spans: SpanModel | EncoderSpanModel | None = field(default=None, init=False, repr=False)
    _cues: CueTagger | None = field(default=None, init=False, repr=False)
    #: score each attributed quote (attribution-confidence-v1.npz) and show a speaker only
    #: at or over the display threshold (None: the model's); say less when unsure
    confidence_model: bool = True
    confidence_threshold: float | None = None
    #: with the confidence model, a source is shown only when one of its quotes reaches
    #: source_threshold (None: confidence.SOURCE_THRESHOLD), its kind is one a reader can
    #: weigh and it is no epithet ("the late neurologist"); see confidence.DisplayPolicy.
    #: display_policy false shows every source the rules and the model's threshold keep
    display_policy: bool = True
    source_threshold: float | None = None
    _confidence: Scorer | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.spans not in SPAN_MODELS:
            raise ConfigError(f"spans must be one of {', '.join(SPAN_MODELS)}, not {self.spans!r}")

    def setup(self) -> None:
        """Load the English spaCy pipeline (and the learned models) once per process."""
        if self._nlp is None:
            from newsift.attribution.nlp import load_english

            self._nlp = load_english()
        if self.span_model and self._spans is None:
            self._spans = load_spans(self.spans)
        if self.confidence_model and self._confidence is None:
            from newsift.attribution.confidence import ConfidenceModel, load_confidence_model

            model = load_confidence_model()
            if self.confidence_threshold is not None:
                model = ConfidenceModel(
                    model.names, model.weights, model.bias, self.confidence_threshold
                )
            self._confidence = model
        if self.cue_model and self._cues is None:
            from newsift.attribution.cue_tagger import load_cue_tagger

            self._cues = load_cue_tagger()
            if self.cue_threshold is not None:
                self._cues = replace(self._cues, threshold=self.cue_threshold)

    def __call__(self, doc: Document) -> Document:
        self.setup()
        assert self._nlp is not None
        blocks: list[list[Span]] = []
        body = [p for region in doc.regions_of("body") for p in region.paragraphs]
        if body:
            blocks.append(body)
        if self.include_comments:
            blocks.extend(list(r.paragraphs) for r in doc.comments if r.paragraphs)
        refine = self._spans.refine if self._spans is not None else None
        outlets = outlet_keys(doc.meta.site_name, doc.meta.url)  # "told Gizmodo" on its page
        display = None
        if self.display_policy and self.confidence_model and self._confidence is not None:
            from newsift.attribution.confidence import SOURCE_THRESHOLD, DisplayPolicy

            chosen = self.source_threshold
            display = DisplayPolicy(SOURCE_THRESHOLD if chosen is None else chosen)
        quotes, sources, nonresponses = analyse(
            self._nlp, doc.text, blocks, refine, outlets, self._cues, self._confidence, display
        )
        profile = sourcing_profile(sources, quotes, nonresponses)  # hidden ones: excluded
        sources, nonresponses = shown_sources(sources, nonresponses)
        doc.layers["quotes"] = quotes
        doc.layers["sources"] = sources
        doc.layers["nonresponses"] = nonresponses
        doc.layers["sourcing"] = [profile]
        doc.layers["byline"] = byline_signals(doc)
        return doc


def analyse(
    nlp: Language,
    text: str,
    blocks: Sequence[Sequence[Span]],
    refine: Callable[[list[Speech], Sequence[QuotedSpan]], None] | None = None,
    outlets: frozenset[str] = frozenset(),
    cues: CueFinder | None = None,
    confidence: Scorer | None = None,
    display: DisplayPolicy | None = None,
) -> tuple[list[Quote], list[Source], list[NonResponse]]:
    """Quotes, sources and non-responses of ``text`` read in ``blocks`` of paragraphs.

    Quotation marks pair within a block (the body, or one comment); sources
    are resolved over all blocks in text order. ``refine`` (the learned
    content-boundary model, :mod:`newsift.attribution.spans`) may re-draw each
    block's contents in place once quotations are attached. ``cues`` (the learned
    cue tagger, :mod:`newsift.attribution.cue_tagger`) may add statements to each
    paragraph's rule-found ones; they join once the rules' quotations are attached.
    ``confidence`` (:mod:`newsift.attribution.confidence`) scores each attributed
    quote; one under its threshold loses its speaker, and a source left with no
    quote comes last with no quotes (hidden by ``shown_sources``). ``display``
    (with a scorer) also hides every quote of a source it refuses to show.
    """
    from newsift.attribution.marks import pair_quotes
    from newsift.attribution.nonresponses import find_nonresponses
    from newsift.attribution.nouns import HONORIFICS
    from newsift.attribution.quotes import (
        attach_quotations,
        colon_titles,
        drop_nested,
        find_speech,
        stands_alone,
    )
    from newsift.attribution.sources import Resolver

    speeches: list[Speech] = []
    orphans: list[QuotedSpan] = []
    refusals: list[Refusal] = []
    resolver = Resolver()
    parsed_all: list[tuple[Span, SpacyDoc]] = []
    quoted_all: list[tuple[int, int]] = []  # quotation extents: names in them are no subjects
    titles = colon_titles(text)
    for block in blocks:
        paragraphs = pieces([p for p in block if p.end > p.start], text, nlp.max_length)
        quoted = pair_quotes(text, paragraphs)
        quoted_all.extend((q.start, q.end) for q in quoted)
        with one_blas_thread():  # batches of 64: the same parses, cost linear in the page
            texts = (for_parser(text[p.start : p.end]) for p in paragraphs)
            parsed = list(nlp.pipe(texts, batch_size=PARSE_BATCH))
        found: list[Speech] = []
        learned: list[Speech] = []
        for index, (paragraph, sdoc) in enumerate(zip(paragraphs, parsed, strict=True)):
            rule = find_speech(sdoc, paragraph.start, index, quoted, outlets, titles)
            if cues is not None:  # hook: learned cues the rules missed (cue_tagger.py)
                learned.extend(cues(sdoc, paragraph.start, index, quoted, rule))
            found.extend(rule)
            refusals.extend(find_nonresponses(sdoc, paragraph.start))
            parsed_all.append((paragraph, sdoc))
        found = drop_nested(found)
        found, left = attach_quotations(text, found, quoted, paragraphs)
        if learned:  # added once the rules placed the quotations, so they keep theirs
            from newsift.attribution.cue_tagger import add_learned

            found, left = add_learned(found, learned, left)
        if refine is not None:  # hook: learned content boundaries (spans.py)
            refine(found, quoted)
        speeches.extend(found)
        orphans.extend(q for q in left if stands_alone(text, paragraphs, q))
    quoted_all.sort()
    quote_starts = [start for start, _ in quoted_all]
    for paragraph, sdoc in parsed_all:
        for entity in sdoc.ents:
            if entity.label_ == "PERSON" and entity.root.dep_ in {"nsubj", "nsubjpass"}:
                at = paragraph.start + entity.start_char
                if _quoted_at(quoted_all, quote_starts, at):
                    continue  # "Matt has my Complete and Total Endorsement" in a tweet
                if _gerund_subject(entity.root):
                    continue  # "... for stepping down and Harry hitting out at ...": no topic
                name = entity.text
                resolver.subjects.append(
                    (paragraph.start + entity.start_char, name, name.split()[-1])
                )
    resolver.subjects.sort()
    resolver.named_ends = sorted(
        paragraph.start + entity.end_char
        for paragraph, sdoc in parsed_all
        for entity in sdoc.ents
        if entity.label_ in {"PERSON", "ORG"}
    )
    resolver.titled = titled_names(parsed_all)
    resolver.people = frozenset(
        word
        for _, sdoc in parsed_all
        for entity in sdoc.ents
        if entity.label_ == "PERSON"
        for word in entity.text.split()
        if word[:1].isupper() and word.lower() not in HONORIFICS
    ) | _speaker_names(speeches)
    return _assemble(text, speeches, orphans, refusals, resolver, confidence, display, outlets)


def _speaker_names(speeches: Sequence[Speech]) -> frozenset[str]:
    """Proper nouns that head a speaker phrase and carry no organisation or place label.

    "Buckley, who phoned in from the Chicago set, had a similar experience:
    “...”" makes "Buckley" a person's name on the page even where the entity
    recognizer missed it, so a later "Buckley ... “...,” she said" finds her.
    """
    names: set[str] = set()
    for speech in speeches:
        token = speech.speaker_token
        if token is None or token.pos_ != "PROPN" or not token.text.istitle():
            continue
        if token.ent_type_ in {"", "PERSON"}:
            names.add(token.text)
    return frozenset(names)


def titled_names(parsed: Sequence[tuple[Span, SpacyDoc]]) -> dict[str, frozenset[str]]:
    """Title word -> the names the page writes it right before ("President Trump").

    Read from the page's PERSON entities; a bare "the president" stands for
    the person so titled (:meth:`Resolver._title_holder`).
    """
    from newsift.attribution.nouns import TITLES

    found: dict[str, set[str]] = {}
    for _, sdoc in parsed:
        for entity in sdoc.ents:
            if entity.label_ != "PERSON":
                continue
            words = [t for t in entity if not t.is_punct]
            before = sdoc[entity.start - 1] if entity.start > 0 else None
            if words and words[0].lower_ in TITLES and len(words) > 1:
                title, name = words[0].lower_, " ".join(t.text for t in words[1:])
            elif before is not None and before.lower_ in TITLES and before.text[:1].isupper():
                title, name = before.lower_, entity.text
            else:
                continue
            found.setdefault(title, set()).add(name)
    return {title: frozenset(names) for title, names in found.items()}


def _gerund_subject(word: Token) -> bool:
    """Whether ``word`` is the subject of a gerund with no auxiliary ("... disappointed
    with the couple for stepping down and Harry hitting out at the monarchy").

    Such a clause hangs inside another sentence about someone else: its subject
    is not who a "he" or "she" in a later paragraph stands for.
    """
    verb = word.head
    return verb.tag_ == "VBG" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _quoted_at(quoted: Sequence[tuple[int, int]], starts: Sequence[int], position: int) -> bool:
    """Whether ``position`` lies inside one of the sorted quotation extents ``quoted``."""
    at = bisect.bisect_right(starts, position) - 1
    return any(quoted[i][0] <= position < quoted[i][1] for i in range(max(0, at - 2), at + 1))


def pieces(paragraphs: Sequence[Span], text: str, max_length: int) -> list[Span]:
    """``paragraphs`` with each one longer than spaCy takes cut into pieces it takes.

    spaCy refuses a text over ``nlp.max_length`` characters (error E088). Ingest
    keeps lines under ``--max-line-chars``, but a document built by other means
    may not; such a paragraph is cut at the last white space before the limit
    (or at the limit where there is none), so it is still read, piece by piece.
    """
    size = max(1, min(max_length, MAX_PARAGRAPH_CHARS))
    out: list[Span] = []
    for paragraph in paragraphs:
        start = paragraph.start
        while paragraph.end - start > size:
            cut = text.rfind(" ", start + size // 2, start + size)
            end = cut if cut > start else start + size
            out.append(Span(start, end))
            start = end
        out.append(Span(start, paragraph.end))
    return out


def _threshold(confidence: Scorer | None) -> float:
    return confidence.threshold if confidence is not None else 0.0


def _confidences(
    text: str,
    owner: dict[str, SourceDraft],
    found_by: dict[str, tuple[Speech, Mention, bool]],
    confidence: Scorer | None,
) -> dict[str, float]:
    """Quote id -> the confidence model's probability, for each attributed quote."""
    if confidence is None:
        return {}
    from collections import Counter

    from newsift.attribution.confidence import quote_features

    counts = Counter(d.index for d in owner.values())
    scores: dict[str, float] = {}
    for quote_id, draft in owner.items():
        speech, mention, created = found_by[quote_id]
        features = quote_features(speech, mention, draft, created, counts[draft.index], text)
        scores[quote_id] = round(confidence.probability(features), 4)  # as written to JSON
    return scores


def _assemble(
    text: str,
    speeches: list[Speech],
    orphans: list[QuotedSpan],
    refusals: Sequence[Refusal],
    resolver: Resolver,
    confidence: Scorer | None = None,
    display: DisplayPolicy | None = None,
    outlets: frozenset[str] = frozenset(),
) -> tuple[list[Quote], list[Source], list[NonResponse]]:
    from newsift.attribution.sources import absorb, describe, merge_duplicates, merge_references

    items: list[tuple[int, Speech | None, QuotedSpan | None]] = []
    items.extend((s.content.start, s, None) for s in speeches if s.content is not None)
    items.extend((q.start, None, q) for q in orphans)
    items.sort(key=lambda item: item[0])
    by_speaker: dict[tuple[int, int], tuple[SourceDraft | None, Mention, bool]] = {}
    quotes: list[Quote] = []
    owner: dict[str, SourceDraft] = {}
    found_by: dict[str, tuple[Speech, Mention, bool]] = {}  # quote id -> for its confidence
    for number, (_, speech, orphan) in enumerate(items, start=1):
        quote_id = f"q{number}"
        if orphan is not None or speech is None:
            assert orphan is not None
            quotes.append(Quote(quote_id, "direct", orphan.span))
            continue
        draft: SourceDraft | None = None
        if speech.speaker is not None and speech.speaker_token is not None:
            key = (speech.speaker.start, speech.speaker.end)
            if key not in by_speaker:
                mention = describe(
                    speech.speaker_token,
                    speech.speaker,
                    speech.offset,
                    speech.sentence,
                    text,
                    resolver.people,
                )
                known = len(resolver.drafts)
                by_speaker[key] = (resolver.resolve(mention), mention, len(resolver.drafts) > known)
            draft, mention, created = by_speaker[key]
            found_by[quote_id] = (speech, mention, created)
        assert speech.content is not None
        quotes.append(
            Quote(
                quote_id,
                speech.kind,
                speech.content,
                cue=speech.cue,
                speaker=speech.speaker,
                source=None,
                to_author=speech.to_author,
                names=tuple(q.span for q in speech.names),
            )
        )
        if draft is not None:
            owner[quote_id] = draft
    quoted_drafts = {d.index: d for d in owner.values()}
    merged = merge_duplicates(quoted_drafts.values(), resolver.people)  # "Okafor", "Ada Okafor"
    for index, target in merged.items():
        absorb(target, quoted_drafts[index])
    # "the union" / "the UAW", "A DUP councillor" / "Sarah Bunting"
    referred = merge_references((d for d in quoted_drafts.values() if d.index not in merged), text)
    for index, target in referred.items():
        absorb(target, quoted_drafts[index])
    merged.update(referred)
    owner = {q: merged.get(d.index, d) for q, d in owner.items()}
    scores = _confidences(text, owner, found_by, confidence)
    weak = {q for q in owner if q in scores and scores[q] < _threshold(confidence)}
    # a source the display policy refuses: its quotes keep the speaker phrase the rules
    # read (the text's own words) but link to no source, so nothing names it
    refused: set[str] = set()
    if display is not None:
        refused = display.hidden_quotes(owner, scores, weak, resolver.named_ends, outlets)
        # "Ms. Haley slammed Mr. DeSantis": an act on a person, no words of hers to show
        refused |= {q for q, (speech, _, _) in found_by.items() if speech.no_shown_source}
    hidden = [d for q, d in owner.items() if q in weak or q in refused]
    owner = {q: d for q, d in owner.items() if q not in weak and q not in refused}
    source_ids: dict[int, str] = {}
    for quote in quotes:
        draft = owner.get(quote.id)
        if draft is not None and draft.index not in source_ids:
            source_ids[draft.index] = f"s{len(source_ids) + 1}"
    for draft in hidden:  # every quote under the threshold: last, with no quote
        if draft.index not in source_ids:
            source_ids[draft.index] = f"s{len(source_ids) + 1}"
    quotes = [
        Quote(
            q.id,
            q.kind,
            q.content,
            q.cue,
            q.speaker if q.id not in weak else None,
            source_ids[owner[q.id].index] if q.id in owner else None,
            q.to_author,
            q.names,
            scores.get(q.id),
        )
        for q in quotes
    ]
    by_source: dict[str, list[Quote]] = {}
    for q in quotes:  # each source's quotes, in page order, gathered once
        if q.source is not None:
            by_source.setdefault(q.source, []).append(q)
    sources: list[Source] = []
    for draft in sorted(resolver.drafts, key=lambda d: source_ids.get(d.index, "")):
        source_id = source_ids.get(draft.index)
        if source_id is None:
            continue
        own = by_source.get(source_id, [])
        words = sum(len(_WORD.findall(text[q.content.start : q.content.end])) for q in own)
        sources.append(
            Source(
                id=source_id,
                name=draft.name,
                kind=draft.kind,
                named=draft.named,
                descriptor=", ".join(part for part, _ in draft.descriptor) or None,
                descriptor_spans=tuple(span for _, span in draft.descriptor),
                anonymous_reason=draft.reason[0] if draft.reason else None,
                anonymous_reason_span=draft.reason[1] if draft.reason else None,
                to_author=any(q.to_author for q in own),
                mentions=tuple(sorted(set(draft.mentions), key=lambda s: (s.start, s.end))),
                quotes=tuple(q.id for q in own),
                quoted_words=words,
            )
        )
    sources.sort(key=lambda s: int(s.id[1:]))
    nonresponses: list[NonResponse] = []
    for refusal in refusals:
        who = text[refusal.who_span.start : refusal.who_span.end] if refusal.who_span else None
        source_id = None
        if refusal.who is not None and refusal.who_span is not None:
            mention = describe(
                refusal.who, refusal.who_span, refusal.offset, refusal.span, text, resolver.people
            )
            match = resolver.find(mention)
            if match is not None:
                source_id = source_ids.get(merged.get(match.index, match).index)
        nonresponses.append(NonResponse(refusal.span, who, refusal.who_span, source_id))
    return quotes, sources, nonresponses
