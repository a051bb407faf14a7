"""The persuasion.techniques.v1 analyzer: contract, quotes, explanations, the shared example."""

from __future__ import annotations

import numpy as np
import pytest

import newsift
import newsift.persuasion.analyzer  # registers persuasion.techniques.v1
from newsift.document import Span
from newsift.persuasion.analyzer import QuoteSpan, explain, find_techniques, split_at_quotes
from newsift.persuasion.features import CLASSIFIER_BUCKETS, TAGGER_BUCKETS, bucket
from newsift.persuasion.labels import DESCRIPTIONS, TECHNIQUES
from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from tests.conftest import SHARED, needs_shared

EXAMPLE = SHARED / "examples" / "opinion-dump-harbor.txt"


def test_contract() -> None:
    from newsift.testing import check_analyzer

    check_analyzer("persuasion.techniques.v1")


def test_registered_contract() -> None:
    cls = newsift.registry.get("persuasion.techniques.v1")
    assert cls.requires == frozenset({"regions", "quotes"})
    assert cls.assigns == frozenset({"techniques"})


Q = QuoteSpan("q1", 10, 20, "s1")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 8, [(0, 8, None)]),  # outside
        (12, 18, [(12, 18, Q)]),  # inside
        (10, 20, [(10, 20, Q)]),  # exactly the quote
        (5, 15, [(5, 10, None), (10, 15, Q)]),  # straddles the opening
        (15, 25, [(15, 20, Q), (20, 25, None)]),  # straddles the end
        (0, 30, [(0, 10, None), (10, 20, Q), (20, 30, None)]),  # holds the quote
    ],
)
def test_split_at_quotes(
    start: int, end: int, expected: list[tuple[int, int, QuoteSpan | None]]
) -> None:
    assert split_at_quotes(start, end, [Q]) == expected


def _hot_tagger(*words: str) -> SpanTagger:
    """A tagger that marks exactly the given (lower-case) words."""
    weights = np.zeros(TAGGER_BUCKETS, dtype=np.float32)
    for word in words:
        weights[bucket("w:" + word, TAGGER_BUCKETS)] = 20.0
    return SpanTagger(weights, -10.0, 0.5, 0.5, 0)


def _classifier(label: str) -> TechniqueClassifier:
    bias = np.zeros(len(TECHNIQUES))
    bias[TECHNIQUES.index(label)] = 5.0
    return TechniqueClassifier(np.zeros((len(TECHNIQUES), CLASSIFIER_BUCKETS), np.float32), bias)


def test_words_in_a_quote_are_the_speakers() -> None:
    text = 'The vile plan passed. Ortiz said it was "a vile betrayal" of voters.'
    inner = text.index('"a vile')
    quote = QuoteSpan("q7", inner, text.index("of voters") - 1, "src-ortiz")
    found = find_techniques(
        _hot_tagger("vile", "betrayal"),
        _classifier("Loaded_Language"),
        text,
        [Span(0, 21), Span(22, len(text))],
        [quote],
    )
    spans = [(text[t.span.start : t.span.end], t.speaker, t.quote) for t in found]
    assert spans == [("vile", None, None), ("vile betrayal", "src-ortiz", "q7")]
    assert all(t.label == "Loaded_Language" for t in found)
    assert "quoted speaker" in found[1].explanation
    assert "quoted speaker" not in found[0].explanation


def test_quote_edge_splits_a_span() -> None:
    text = 'Critics call it "a disgraceful sham" today.'
    start = text.index('"')
    quote = QuoteSpan("q1", start, text.index(" today"), None)
    found = find_techniques(
        _hot_tagger("call", "it", "disgraceful", "sham"),
        _classifier("Name_Calling,Labeling"),
        text,
        [Span(0, len(text))],
        [quote],
    )
    pieces = [(text[t.span.start : t.span.end], t.quote) for t in found]
    assert pieces == [("call it", None), ("disgraceful sham", "q1")]


@pytest.mark.parametrize(
    ("label", "phrase", "word", "times", "quoted", "fragments"),
    [
        ("Loaded_Language", "most reckless act", "reckless", 1, False, ["“reckless”"]),
        ("Loaded_Language", "reckless", "reckless", 1, False, ["emotional charge"]),
        ("Repetition", "build the wall", "wall", 3, False, ["appears 3 times"]),
        ("Doubt", "so-called experts", "so-called", 1, True, ["credibility", "quoted speaker"]),
    ],
)
def test_explain(
    label: str, phrase: str, word: str, times: int, quoted: bool, fragments: list[str]
) -> None:
    sentence = explain(label, phrase, word, times, quoted)
    assert sentence.startswith(DESCRIPTIONS[label][0] + ":")
    assert sentence.endswith(".")
    for fragment in fragments:
        assert fragment in sentence


def test_every_label_has_a_description() -> None:
    assert set(DESCRIPTIONS) == set(TECHNIQUES)
    assert len(TECHNIQUES) == 14


def _analyse(text: str, kind: str, min_score: float | None = None) -> newsift.Document:
    pytest.importorskip("spacy")
    import newsift.attribution.analyzer

    techniques: str | dict[str, object] = "persuasion.techniques.v1"
    if min_score is not None:
        techniques = {"name": "persuasion.techniques.v1", "params": {"min_score": min_score}}
    pipeline = newsift.Pipeline.from_config(["structure.v1", "attribution.quotes.v1", techniques])
    return pipeline(newsift.load(text, kind=kind))


def test_loaded_article_tags_body_only() -> None:
    text = (
        "Outrage\n\n"
        "This disgraceful, reckless scheme is a shameless betrayal of every family in the city. "
        "The corrupt council thugs must be stopped before they destroy everything we love.\n"
    )
    doc = _analyse(text, "text")
    found = doc.layers["techniques"]
    assert found, "no technique found in an openly loaded paragraph"
    body = doc.regions_of("body")[0]
    for t in found:
        assert body.start <= t.span.start < t.span.end <= body.end
        assert t.speaker is None and t.quote is None
        assert t.explanation.endswith(".")


@needs_shared
def test_shared_example_loaded_phrases_found() -> None:
    """The tagger finds the example's loaded phrases (every span reported); with the
    default display floor only spans that reach it are shown, none in the comments."""
    from newsift.persuasion.model import SHOWN_FLOOR

    text = EXAMPLE.read_text(encoding="utf-8")
    doc = _analyse(text, "dump", min_score=0.0)
    found = doc.layers["techniques"]
    tagged = [doc.text[t.span.start : t.span.end] for t in found]
    for phrase in ("corporate raid", "most reckless"):
        assert any(
            phrase in doc.text[t.span.start : t.span.end]
            or doc.text[t.span.start : t.span.end] in phrase
            for t in found
        ), f"{phrase!r} not tagged; tagged: {tagged}"
    shown = _analyse(text, "dump").layers["techniques"]
    assert shown == [t for t in found if t.score >= SHOWN_FLOOR]
    comments = doc.regions_of("comment")
    assert not any(c.start <= t.span.start < c.end for c in comments for t in found)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "Democrats rammed the reckless bill through.",
            "Republicans rammed the reckless bill through.",
        ),
        (
            "Obama's so-called reforms were a betrayal.",
            "Trump's so-called reforms were a betrayal.",
        ),
    ],
)
def test_party_and_politician_swaps_change_nothing(left: str, right: str) -> None:
    tagger, classifier = SpanTagger.load(), TechniqueClassifier.load()

    def tagged(text: str) -> list[tuple[int, str, float]]:
        found = find_techniques(tagger, classifier, text, [Span(0, len(text))], min_score=0.0)
        return [(t.span.end - len(text), t.label, t.score) for t in found]  # offsets from the end

    assert tagged(left) == tagged(right)


def test_loaded_quote_is_the_speakers_through_the_pipeline() -> None:
    text = (
        "Council Vote\n\nThe council approved the water contract on Tuesday by seven votes to two.\n\n"
        '"This is a shameless, disgusting betrayal by corrupt thugs," said Dana Ortiz, '
        "a councilmember who voted against it.\n"
    )
    doc = _analyse(text, "text")
    (quote,) = doc.layers["quotes"]
    inside = [
        t
        for t in doc.layers["techniques"]
        if quote.content.start <= t.span.start and t.span.end <= quote.content.end
    ]
    assert inside, "the loaded quotation was not tagged"
    assert all(t.speaker == quote.source and t.quote == quote.id for t in inside)
    assert quote.source is not None
    outside = [t for t in doc.layers["techniques"] if t not in inside]
    assert all(t.speaker is None and t.quote is None for t in outside)


@pytest.mark.parametrize(
    ("text", "scores", "expected"),
    [
        ("Ashby called it a disgrace", {"Ashby": 0.9, "disgrace": 0.5}, "disgrace"),  # names lose
        ("Ashby called it a disgrace", {"called": 0.6, "disgrace": 0.5}, "called"),
        ("Gregory Ashby", {"Gregory": 0.3, "Ashby": 0.9}, "Ashby"),  # only names: the hottest
    ],
)
def test_explanations_point_at_words_not_names(
    text: str, scores: dict[str, float], expected: str
) -> None:
    from newsift.persuasion.analyzer import _hottest_word
    from newsift.persuasion.features import Sentence
    from newsift.persuasion.text import tokenize

    sentence = Sentence(tokenize(text))
    probabilities = np.array([scores.get(t.text, 0.1) for t in sentence.tokens])
    assert _hottest_word(sentence, probabilities, 0, len(text)) == expected


LOADED = (
    "This disgraceful, reckless scheme is a shameless betrayal of every family in the city. "
    "The corrupt council thugs must be stopped before they destroy everything we love. "
    "The council met on Tuesday and discussed the budget for the coming year. "
    "Critics say the so-called experts behind the plan are puppets of the developers. "
    "Opponents called the vote a mistake that the city will regret."
)


@pytest.mark.parametrize("floor", [None, 0.0, 0.2, 0.3, 0.45, 1.0])
def test_only_spans_at_the_floor_are_reported(floor: float | None) -> None:
    """The default floor is the tagger's (:func:`shown_floor`); every reported span
    reaches it, and a floor drops spans without changing the others."""
    from newsift.persuasion.analyzer import shown_floor
    from newsift.persuasion.model import SHOWN_FLOOR

    tagger, classifier = SpanTagger.load(), TechniqueClassifier.load()
    ranges = [Span(0, len(LOADED))]
    every = find_techniques(tagger, classifier, LOADED, ranges, min_score=0.0)
    found = find_techniques(tagger, classifier, LOADED, ranges, min_score=floor)
    cut = shown_floor(tagger) if floor is None else floor
    assert shown_floor(tagger) == SHOWN_FLOOR > 0.0
    assert found == [t for t in every if t.score >= cut]
    if floor is not None and floor <= 0.2:
        assert any(t.score < SHOWN_FLOOR for t in every), "the text should have weak spans"


def test_encoder_tagger_has_its_own_floor() -> None:
    from newsift.persuasion import span_encoder
    from newsift.persuasion.analyzer import shown_floor

    tagger = object.__new__(span_encoder.EncoderSpanTagger)  # no model file needed
    assert shown_floor(tagger) == span_encoder.SHOWN_FLOOR > 0.0


@pytest.mark.parametrize(
    ("value", "ok"),
    [(None, True), (0, True), (0.0, True), (0.3, True), (1, True),
     (-0.1, False), (1.5, False), ("0.3", False), (True, False)],
)  # fmt: skip
def test_min_score_is_checked(value: object, ok: bool) -> None:
    from newsift.errors import ConfigError
    from newsift.persuasion.analyzer import TechniqueAnalyzer

    if ok:
        assert TechniqueAnalyzer(min_score=value).min_score == value  # type: ignore[arg-type]
    else:
        with pytest.raises(ConfigError, match="min_score"):
            TechniqueAnalyzer(min_score=value)  # type: ignore[arg-type]
