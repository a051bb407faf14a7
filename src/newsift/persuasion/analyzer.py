"""The persuasion-technique analyzer: tag spans of the body with PTC techniques."""

from __future__ import annotations

import bisect
import itertools
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from newsift.document import Document, Span
from newsift.errors import ConfigError
from newsift.persuasion.annotations import Technique
from newsift.persuasion.features import ArticleContext, Sentence
from newsift.persuasion.labels import DESCRIPTIONS, TECHNIQUES
from newsift.persuasion.model import SHOWN_FLOOR as LINEAR_SHOWN_FLOOR
from newsift.persuasion.model import SpanTagger, TechniqueClassifier, decode
from newsift.persuasion.text import STOPWORDS, norm, tokenize
from newsift.registry import register
from newsift.text.sentences import document_sentences

if TYPE_CHECKING:
    from newsift.persuasion.hf import HFTechniqueTagger
    from newsift.persuasion.span_encoder import EncoderSpanTagger

#: the span taggers ``persuasion.techniques.v1`` can run (its ``spans`` parameter)
SPAN_MODELS = ("linear", "encoder")


def load_spans(kind: str) -> SpanTagger | EncoderSpanTagger:
    """The span tagger ``kind``; "encoder" is the linear tagger, with a warning, where
    onnxruntime or tokenizers are not installed (a damaged or altered model file is a
    ModelError)."""
    if kind not in SPAN_MODELS:
        raise ConfigError(f"spans must be one of {', '.join(SPAN_MODELS)}, not {kind!r}")
    if kind == "encoder":
        from newsift.persuasion.span_encoder import EncoderSpanTagger, onnx_available

        if onnx_available():
            return EncoderSpanTagger.load()
        warnings.warn(
            'persuasion.techniques.v1: spans="encoder" needs onnxruntime and tokenizers '
            "(the minilm extra); the linear span tagger runs instead",
            RuntimeWarning,
            stacklevel=2,
        )
    return SpanTagger.load()


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The part of a quotation the techniques layer needs: its id, content and source id."""

    id: str
    start: int
    end: int
    source: str | None


@register
@dataclass
class TechniqueAnalyzer:
    """Tag spans of the body that use a persuasion technique.

    Reads: regions (the body's paragraphs), quotes. Writes: techniques, one
    :class:`~newsift.persuasion.annotations.Technique` per span in text order.
    Method: a per-token logistic-regression span tagger, then a logistic-regression
    technique classifier over each span and its sentence, both trained on the
    Propaganda Techniques Corpus (:mod:`~newsift.persuasion.model`). A span never
    straddles a quotation's edge: the part inside a quote is the quoted speaker's
    (``speaker``/``quote`` set), the part outside is the author's.
    With ``spans="encoder"`` a fine-tuned MiniLM token tagger (int8 ONNX, the ``minilm``
    extra; :mod:`~newsift.persuasion.span_encoder`) finds the spans instead of the linear
    tagger: better spans, six to seven times the cost, so not the default.
    With ``checkpoint`` set, a user's own Hugging Face token-classification model
    tags and labels the spans instead (:mod:`newsift.persuasion.hf`).
    Only spans whose score reaches ``min_score`` are reported: by default the floor at
    which, on held-out training articles, at least 60 % of the reported spans overlap a
    gold technique span (without it 45 %); the technique's name is right less often
    (about a quarter of the reported spans: see docs/analyzers/persuasion.md).
    Limits: English; trained on 2017-2019 news and opinion articles, many of them
    from partisan sites; a linear model over words, so it sees wording, not intent.
    """

    name: ClassVar[str] = "persuasion.techniques.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"regions", "quotes"})
    assigns: ClassVar[frozenset[str]] = frozenset({"techniques"})

    #: a local Hugging Face token-classification checkpoint to use instead of the shipped
    #: models (the ``hf`` extra; see :mod:`newsift.persuasion.hf`)
    checkpoint: str | None = None
    #: let that checkpoint be a pickle-based ``pytorch_model.bin`` (read with weights_only)
    allow_pickle: bool = False
    #: which span tagger: "linear" (techniques-spans-v1.npz, the default) or "encoder", the
    #: MiniLM token tagger (techniques-spans-encoder-v1.onnx; the linear one where the
    #: ``minilm`` extra is missing)
    spans: str = "linear"
    #: the score a span needs to be reported; None: the floor chosen for the span tagger
    #: (:func:`shown_floor`: 0.45 linear, 0.37 encoder), 0.0 reports every span
    min_score: float | None = None
    _tagger: SpanTagger | EncoderSpanTagger | None = field(default=None, init=False, repr=False)
    _classifier: TechniqueClassifier | None = field(default=None, init=False, repr=False)
    _hf: HFTechniqueTagger | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.spans not in SPAN_MODELS:
            raise ConfigError(f"spans must be one of {', '.join(SPAN_MODELS)}, not {self.spans!r}")
        if self.min_score is not None and (
            isinstance(self.min_score, bool)
            or not isinstance(self.min_score, (int, float))
            or not 0.0 <= self.min_score <= 1.0
        ):
            raise ConfigError(f"min_score must be a number from 0 to 1, not {self.min_score!r}")

    def setup(self) -> None:
        """Load the models once: the shipped ones, or the user's checkpoint."""
        if self.checkpoint is not None:
            if self._hf is None:
                from newsift.persuasion.hf import HFTechniqueTagger

                self._hf = HFTechniqueTagger.load(self.checkpoint, allow_pickle=self.allow_pickle)
            return
        if self._tagger is None:
            self._tagger = load_spans(self.spans)
        if self._classifier is None:
            self._classifier = TechniqueClassifier.load()

    def __call__(self, doc: Document) -> Document:
        self.setup()
        ranges = document_sentences(doc, "body")  # the page's one segmentation, shared
        quotes = [q for q in (_quote_span(item) for item in doc.layers.get("quotes", [])) if q]
        if self._hf is not None:
            doc.layers["techniques"] = find_techniques_hf(
                self._hf, doc.text, ranges, quotes, min_score=self.min_score or 0.0
            )
            return doc
        assert self._tagger is not None and self._classifier is not None
        doc.layers["techniques"] = find_techniques(
            self._tagger, self._classifier, doc.text, ranges, quotes, min_score=self.min_score
        )
        return doc


def _quote_span(item: Any) -> QuoteSpan | None:
    """A quote layer item (a Quote or its dict form) as a :class:`QuoteSpan`."""
    if isinstance(item, dict):
        content = item.get("content") or {}
        start, end = content.get("start"), content.get("end")
        qid, source = item.get("id"), item.get("source")
    else:
        content = getattr(item, "content", None)
        start, end = getattr(content, "start", None), getattr(content, "end", None)
        qid, source = getattr(item, "id", None), getattr(item, "source", None)
    if not isinstance(start, int) or not isinstance(end, int) or not isinstance(qid, str):
        return None
    return QuoteSpan(qid, start, end, source if isinstance(source, str) else None)


def find_techniques(
    tagger: SpanTagger | EncoderSpanTagger,
    classifier: TechniqueClassifier,
    text: str,
    ranges: Sequence[Span],
    quotes: Sequence[QuoteSpan] = (),
    *,
    min_score: float | None = None,
) -> list[Technique]:
    """Techniques in the sentences ``ranges`` of ``text``, split at the edges of ``quotes``.

    Only spans whose score reaches ``min_score`` are labelled and returned: by default the
    floor chosen for ``tagger`` (:func:`shown_floor`), ``0.0`` for every span."""
    floor = shown_floor(tagger) if min_score is None else min_score
    sentences = [Sentence(tokenize(text, r.start, r.end)) for r in ranges]
    sentences = [s for s in sentences if s.tokens]
    if not sentences:
        return []
    context = ArticleContext.build(sentences, "\n".join(text[r.start : r.end] for r in ranges))
    pieces: list[tuple[Sentence, int, int, float, QuoteSpan | None, str | None]] = []
    index = QuoteIndex(quotes)
    for sentence, probs in zip(
        sentences, tagger.token_probabilities(sentences, context), strict=True
    ):
        for span in decode(sentence, probs, tagger.threshold, tagger.peak, tagger.max_gap):
            for a, b, quote in split_at_quotes(span.start, span.end, index):
                word = _hottest_word(sentence, probs, a, b)
                if word is not None:
                    a, b = _trim(sentence, a, b)
                    score = round(min(max(_peak_inside(sentence, probs, a, b), 0.0), 1.0), 4)
                    if score >= floor:
                        pieces.append((sentence, a, b, score, quote, word))
    if not pieces:
        return []
    probabilities = classifier.classify(text, [(p[0], p[1], p[2]) for p in pieces], context)
    found: list[Technique] = []
    for (_, a, b, score, quote, word), probs in zip(pieces, probabilities, strict=True):
        label = TECHNIQUES[int(probs.argmax())]
        times = context.lowered.count(text[a:b].lower())
        found.append(
            Technique(
                span=Span(a, b),
                label=label,
                score=score,
                explanation=explain(label, text[a:b], word, times, quote is not None),
                speaker=quote.source if quote else None,
                quote=quote.id if quote else None,
            )
        )
    return sorted(found, key=lambda t: (t.span.start, t.span.end))


def shown_floor(tagger: SpanTagger | EncoderSpanTagger) -> float:
    """The score a span of ``tagger`` needs to be reported: the lowest at which the
    findings shown on held-out training articles overlap a gold technique span at
    least 60 % of the time (``python -m training.persuasion_display``)."""
    if isinstance(tagger, SpanTagger):
        return LINEAR_SHOWN_FLOOR
    from newsift.persuasion.span_encoder import SHOWN_FLOOR

    return SHOWN_FLOOR


def find_techniques_hf(
    tagger: HFTechniqueTagger,
    text: str,
    ranges: Sequence[Span],
    quotes: Sequence[QuoteSpan] = (),
    *,
    min_score: float = 0.0,
) -> list[Technique]:
    """Techniques from a user's checkpoint, cut at quote edges like :func:`find_techniques`
    (those whose score reaches ``min_score``; a checkpoint's scores have no chosen floor)."""
    found: list[Technique] = []
    lowered = "\n".join(text[r.start : r.end] for r in ranges).lower()
    index = QuoteIndex(quotes)
    for labelled in tagger.tag(text, ranges):
        if labelled.score < min_score:
            continue
        for a, b, quote in split_at_quotes(labelled.start, labelled.end, index):
            words = [t for t in tokenize(text, a, b) if t.is_word]
            if not any(norm(t.text) not in STOPWORDS for t in words):
                continue
            a, b = words[0].start, words[-1].end
            word = labelled.word if labelled.word and labelled.word in text[a:b] else None
            found.append(
                Technique(
                    span=Span(a, b),
                    label=labelled.label,
                    score=round(labelled.score, 4),
                    explanation=explain(
                        labelled.label,
                        text[a:b],
                        word,
                        lowered.count(text[a:b].lower()),
                        quote is not None,
                    ),
                    speaker=quote.source if quote else None,
                    quote=quote.id if quote else None,
                )
            )
    return sorted(found, key=lambda t: (t.span.start, t.span.end))


class QuoteIndex:
    """Quotes sorted by start, to find those meeting a span without scanning them all."""

    def __init__(self, quotes: Iterable[QuoteSpan]) -> None:
        self.quotes = list(quotes)
        self._order = sorted(range(len(self.quotes)), key=lambda i: self.quotes[i].start)
        self._starts = [self.quotes[i].start for i in self._order]
        self._reach = list(itertools.accumulate((self.quotes[i].end for i in self._order), max))

    def meeting(self, start: int, end: int) -> list[QuoteSpan]:
        """The quotes with ``q.start <= end`` and ``q.end >= start``, in their given order."""
        found = []
        at = bisect.bisect_right(self._starts, end) - 1
        while at >= 0 and self._reach[at] >= start:
            index = self._order[at]
            if self.quotes[index].end >= start:
                found.append(index)
            at -= 1
        return [self.quotes[i] for i in sorted(found)]


def split_at_quotes(
    start: int, end: int, quotes: Iterable[QuoteSpan] | QuoteIndex
) -> list[tuple[int, int, QuoteSpan | None]]:
    """``[start, end)`` cut at every quote edge inside it; each piece with its quote or None.

    Only quotes meeting ``[start, end]`` can cut it or hold a piece; with a
    :class:`QuoteIndex` they are found without looking at the others.
    """
    index = quotes if isinstance(quotes, QuoteIndex) else QuoteIndex(quotes)
    quotes = index.meeting(start, end)
    cuts = {start, end}
    for q in quotes:
        cuts.update(x for x in (q.start, q.end) if start < x < end)
    edges = sorted(cuts)
    out: list[tuple[int, int, QuoteSpan | None]] = []
    for a, b in itertools.pairwise(edges):
        holder = next((q for q in quotes if q.start <= a and b <= q.end), None)
        out.append((a, b, holder))
    return out


def _peak_inside(
    sentence: Sentence, probabilities: NDArray[np.float64], start: int, end: int
) -> float:
    """The highest token probability over the tokens inside ``[start, end)``.

    The highest, not the mean: a long span's neutral words dilute its mean, and on
    held-out training articles the highest ranks the spans that overlap a gold span
    better (session 13, docs/analyzers/persuasion.md)."""
    return max(
        (
            float(p)
            for token, p in zip(sentence.tokens, probabilities, strict=True)
            if start <= token.start and token.end <= end
        ),
        default=0.0,
    )


def _hottest_word(
    sentence: Sentence, probabilities: NDArray[np.float64], start: int, end: int
) -> str | None:
    """The content word in ``[start, end)`` the tagger scores highest; None if there is none.

    Names ("Gregory", "Northvale") explain nothing about a technique, so a
    lower-case word wins over a capitalised one whatever their scores.
    """
    best: tuple[bool, float, str] | None = None
    for token, word, p in zip(sentence.tokens, sentence.words, probabilities, strict=True):
        inside = start <= token.start and token.end <= end
        if not (inside and token.is_word and word not in STOPWORDS):
            continue
        candidate = (not token.text[:1].isupper(), float(p), token.text)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best is not None else None


def _trim(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to the words it holds (no edge punctuation or spaces)."""
    words = [t for t in sentence.tokens if start <= t.start and t.end <= end and t.is_word]
    return words[0].start, words[-1].end


def explain(label: str, phrase: str, word: str | None, times: int, quoted: bool) -> str:
    """One plain sentence: what the technique is and what in this span points to it."""
    name, description = DESCRIPTIONS[label]
    sentence = f"{name}: {description}."
    if label == "Repetition" and times > 1:
        sentence += f" This wording appears {times} times in the article."
    elif word is not None and len(phrase.split()) > 1:
        sentence += f" The word “{word}” stands out most here."
    if quoted:
        sentence += " These are the quoted speaker's words, not the author's."
    return sentence
