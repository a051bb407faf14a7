"""The MiniLM technique-span tagger's run time (:mod:`newsift.persuasion.span_encoder`).

Its windows must word-piece a sentence's tokens, map every piece to its token and
cut long sentences at token edges; a token's probability is the mean of its
pieces'; the probabilities decode into spans as the linear tagger's do; a missing
or altered model is one ModelError; ``spans`` takes only the taggers there are,
and "encoder" is the linear tagger (with a warning) where onnxruntime is missing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from newsift.document import Span
from newsift.encoders.minilm import minilm_available, models_dir
from newsift.errors import ConfigError, ModelError
from newsift.persuasion.features import Sentence
from newsift.persuasion.labels import TECHNIQUES
from newsift.persuasion.model import SpanTagger, TechniqueClassifier
from newsift.persuasion.span_encoder import (
    MAX_PIECES,
    MODEL_FILE,
    EncoderSpanTagger,
    Window,
    piece_probabilities,
    sentence_windows,
    token_probabilities,
)
from newsift.persuasion.text import tokenize

needs_model = pytest.mark.skipif(
    not (minilm_available() and (models_dir() / MODEL_FILE).is_file()),
    reason="the minilm extra or the shipped techniques-spans-encoder-v1.onnx is missing",
)


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    tokenizers = pytest.importorskip("tokenizers", reason="the minilm extra is not installed")
    loaded = tokenizers.Tokenizer.from_file(str(models_dir() / "minilm-l6-tokenizer.json"))
    loaded.no_padding()
    loaded.no_truncation()
    return loaded


def _sentence(text: str) -> Sentence:
    return Sentence(tokenize(text))


@pytest.mark.parametrize(
    ("text", "pieces", "tokens"),
    [
        ("He lied.", "[CLS] he lied . [SEP]", [-1, 0, 1, 2, -1]),
        (
            "Wrongdoing, they said!",
            "[CLS] wrong ##do ##ing , they said ! [SEP]",
            [-1, 0, 0, 0, 1, 2, 3, 4, -1],
        ),
        ("Don't  stop", "[CLS] don ' t stop [SEP]", [-1, 0, 0, 0, 1, -1]),
    ],
)
def test_a_window_maps_each_piece_to_its_token(
    tokenizer: Any, text: str, pieces: str, tokens: list[int]
) -> None:
    (window,) = sentence_windows(tokenizer, _sentence(text))
    assert " ".join(tokenizer.id_to_token(i) for i in window.ids) == pieces
    assert window.tokens == tokens


@pytest.mark.parametrize(
    ("words", "sizes"),
    [
        (["word"] * 126, [128]),  # exactly one full window
        (["word"] * 127, [128, 3]),
        (["word"] * 300, [128, 128, 50]),
        (["Wrongdoing"] * 50, [128, 26]),  # 3 pieces a token: 42 tokens fill a window
        # 8 pieces a token: 15 tokens (120 pieces), the 16th would straddle the edge
        (["antidisestablishmentarianism"] * 20, [122, 42]),
    ],
)
def test_long_sentences_are_cut_at_token_edges(
    tokenizer: Any, words: list[str], sizes: list[int]
) -> None:
    sentence = _sentence(" ".join(words))
    windows = sentence_windows(tokenizer, sentence)
    assert [len(w.ids) for w in windows] == sizes
    assert all(len(w.ids) <= MAX_PIECES for w in windows)
    seen = [t for w in windows for t in w.tokens if t >= 0]
    assert seen == sorted(seen) and set(seen) == set(range(len(sentence.tokens)))
    for earlier, later in itertools.pairwise(windows):
        assert earlier.tokens[-2] < later.tokens[1]  # no token in two windows


@pytest.mark.parametrize(
    ("text", "folded", "as_written"),
    [
        ("Democrats lied.", "[CLS] jones lied . [SEP]", "[CLS] democrats lied . [SEP]"),
        ("Trump's plan", "[CLS] jones ' s plan [SEP]", "[CLS] trump ' s plan [SEP]"),
        ("Trump’s GOP", "[CLS] jones ' s jones [SEP]", "[CLS] trump ’ s go ##p [SEP]"),
        ("Liberal voters", "[CLS] liberal voters [SEP]", "[CLS] liberal voters [SEP]"),
    ],
)
def test_party_and_politician_names_are_folded_at_run_time(
    tokenizer: Any, text: str, folded: str, as_written: str
) -> None:
    for fold, expected in ((True, folded), (False, as_written)):
        (window,) = sentence_windows(tokenizer, _sentence(text), fold_names=fold)
        assert " ".join(tokenizer.id_to_token(i) for i in window.ids) == expected


def test_an_empty_sentence_has_no_window(tokenizer: Any) -> None:
    assert sentence_windows(tokenizer, Sentence([])) == []


@pytest.mark.parametrize(
    ("logits", "expected"),
    [
        ([[0.0, 0.0]], [0.5]),
        ([[2.0, 0.0], [0.0, 2.0]], [1 / (1 + np.exp(2)), 1 / (1 + np.exp(-2))]),
        ([[800.0, -800.0]], [0.0]),  # no overflow warning matters here, only the value
    ],
)
def test_piece_probability_is_the_softmax_of_i(
    logits: list[list[float]], expected: list[float]
) -> None:
    with np.errstate(over="ignore"):
        found = piece_probabilities(np.array(logits, dtype=np.float32))
    assert found == pytest.approx(expected)


@pytest.mark.parametrize(
    ("windows", "probs", "size", "expected"),
    [
        # [CLS] a a b [SEP]: token 0 has two pieces (mean), token 1 one
        ([[-1, 0, 0, 1, -1]], [[0.9, 0.2, 0.6, 0.3, 0.9]], 2, [0.4, 0.3]),
        # token 2 got no piece: 0
        ([[-1, 0, 1, -1]], [[0.0, 0.8, 0.7, 0.0]], 3, [0.8, 0.7, 0.0]),
        # a token cut over two windows takes the mean of all its pieces
        (
            [[-1, 0, 1, -1], [-1, 1, 2, -1]],
            [[0, 0.1, 0.2, 0], [0, 0.6, 0.5, 0]],
            3,
            [0.1, 0.4, 0.5],
        ),
    ],
)
def test_a_token_takes_the_mean_of_its_pieces(
    windows: list[list[int]], probs: list[list[float]], size: int, expected: list[float]
) -> None:
    found = token_probabilities(
        size, [Window([0] * len(w), w) for w in windows], [np.array(p) for p in probs]
    )
    assert found == pytest.approx(expected)


class _FakeTagger:
    """A TokenTagger whose logits make the pieces of the ``hot`` words (lower case) ``I``."""

    def __init__(self, tokenizer: Any, hot: set[str]) -> None:
        self.tokenizer = tokenizer
        self._hot = {tokenizer.token_to_id(w) for w in hot}

    def logits(self, ids: Sequence[int]) -> NDArray[np.float32]:
        return np.array([[0.0, 6.0] if i in self._hot else [6.0, 0.0] for i in ids], np.float32)


def _classifier(label: str) -> TechniqueClassifier:
    from newsift.persuasion.features import CLASSIFIER_BUCKETS

    bias = np.zeros(len(TECHNIQUES))
    bias[TECHNIQUES.index(label)] = 5.0
    return TechniqueClassifier(np.zeros((len(TECHNIQUES), CLASSIFIER_BUCKETS), np.float32), bias)


@pytest.mark.parametrize(
    ("text", "hot", "max_gap", "spans", "scores"),
    [
        ("The vile plan is a disgrace.", {"vile", "disgrace"}, 0, ["vile", "disgrace"], [1, 1]),
        # bridged: the highest of two hot and three cold tokens (the mean would be 0.4)
        (
            "The vile plan is a disgrace.",
            {"vile", "disgrace"},
            3,
            ["vile plan is a disgrace"],
            [1],
        ),
        ("They are thugs, thugs!", {"thugs"}, 0, ["thugs", "thugs"], [1, 1]),
        ("A calm report on the budget.", set(), 3, [], []),
        ("The the the.", {"the"}, 3, [], []),  # stop words only: no span
    ],
)
def test_encoder_logits_decode_to_spans(
    tokenizer: Any, text: str, hot: set[str], max_gap: int, spans: list[str], scores: list[float]
) -> None:
    from newsift.persuasion.analyzer import find_techniques

    tagger = EncoderSpanTagger(_FakeTagger(tokenizer, hot), 0.5, 0.5, max_gap)  # type: ignore[arg-type]
    found = find_techniques(tagger, _classifier("Loaded_Language"), text, [Span(0, len(text))])
    assert [text[t.span.start : t.span.end] for t in found] == spans
    assert [t.score for t in found] == pytest.approx(scores, abs=0.01)


def test_a_missing_or_altered_model_is_one_model_error(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime", reason="the minilm extra is not installed")
    with pytest.raises(ModelError, match="no"):
        EncoderSpanTagger.load(tmp_path / MODEL_FILE)
    altered = tmp_path / MODEL_FILE
    altered.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="hash differs"):
        EncoderSpanTagger.load(altered)
    with pytest.raises(ModelError, match="damaged"):
        EncoderSpanTagger.load(altered, expected_sha256=None)


@needs_model
def test_the_shipped_model_passes_its_hash_check(tmp_path: Path) -> None:
    EncoderSpanTagger.load()
    copy = tmp_path / MODEL_FILE
    data = bytearray((models_dir() / MODEL_FILE).read_bytes())
    data[-1] ^= 1  # one bit flipped
    copy.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="hash differs"):
        EncoderSpanTagger.load(copy)


def test_spans_takes_only_known_taggers() -> None:
    from newsift.persuasion.analyzer import TechniqueAnalyzer

    with pytest.raises(ConfigError, match="linear, encoder"):
        TechniqueAnalyzer(spans="crf")


def test_without_onnxruntime_the_encoder_is_the_linear_tagger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsift.persuasion import analyzer, span_encoder

    monkeypatch.setattr(span_encoder, "onnx_available", lambda: False)
    with pytest.warns(RuntimeWarning, match="linear span tagger runs instead"):
        loaded = analyzer.load_spans("encoder")
    assert isinstance(loaded, SpanTagger)
    assert isinstance(analyzer.load_spans("linear"), SpanTagger)


LOADED = (
    "Outrage\n\n"
    "This disgraceful, reckless scheme is a shameless betrayal of every family in the city. "
    "The council met on Tuesday to discuss the budget for the coming year.\n"
)


@needs_model
def test_the_shipped_encoder_tags_loaded_words_not_plain_ones() -> None:
    pytest.importorskip("spacy")
    import newsift
    import newsift.attribution.analyzer  # registers attribution.quotes.v1
    import newsift.persuasion.analyzer  # registers persuasion.techniques.v1

    def run(spans: str) -> newsift.Document:
        pipeline = newsift.Pipeline.from_config(
            [
                "structure.v1",
                "attribution.quotes.v1",
                {"name": "persuasion.techniques.v1", "params": {"spans": spans}},
            ]
        )
        return pipeline(newsift.load(LOADED, kind="text"))

    doc = run("encoder")
    found = [doc.text[t.span.start : t.span.end] for t in doc.layers["techniques"]]
    plain = doc.text.index("The council met")
    assert found, "the encoder found no span in a loaded sentence"
    assert any(w in " ".join(found) for w in ("disgraceful", "reckless", "shameless", "betrayal"))
    assert all(t.span.end <= plain for t in doc.layers["techniques"])
    assert all(t.label in TECHNIQUES for t in doc.layers["techniques"])
    for left, right in (
        (
            "Democrats rammed the reckless bill through.",
            "Republicans rammed the reckless bill through.",
        ),
        ("Obama's reforms were a betrayal.", "Trump's reforms were a betrayal."),
    ):
        tagger = EncoderSpanTagger.load()
        a, b = (tagger.sentence_probabilities(_sentence(x)) for x in (left, right))
        assert a.tolist() == b.tolist()  # the names are folded: the same input
    linear = run("linear")
    default = newsift.Pipeline.from_config(
        ["structure.v1", "attribution.quotes.v1", "persuasion.techniques.v1"]
    )(newsift.load(LOADED, kind="text"))
    assert linear.layers["techniques"] == default.layers["techniques"]
