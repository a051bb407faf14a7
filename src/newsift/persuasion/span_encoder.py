"""Technique spans from a fine-tuned MiniLM token tagger (opt-in, int8 ONNX).

The same task as :class:`~newsift.persuasion.model.SpanTagger` (the probability
that each token of a sentence lies in a persuasion-technique span), read by a
transformer instead of a linear model over hashed features. A sentence's tokens
(:func:`~newsift.persuasion.text.tokenize`) are word-pieced as pre-split words
with the shipped MiniLM vocabulary, cut into windows of at most
:data:`MAX_PIECES` pieces (``[CLS]`` and ``[SEP]`` included) at token edges, and
the network gives ``O`` / ``I`` logits for every piece (party and politician names
are read as one placeholder name, as the linear tagger folds them); a token's probability is
the mean ``I`` probability of its pieces (0 for a token with no piece). Spans are
then decoded exactly as the linear tagger's (:func:`~newsift.persuasion.model.decode`)
with settings chosen on the tuning quarter of PTC ``internal_train``
(:data:`THRESHOLD`, :data:`PEAK`, :data:`MAX_GAP`), and labelled by the shipped
technique classifier.

The network is all-MiniLM-L6-v2 fine-tuned by ``python -m training.persuasion_tokens``
and shipped as ``techniques-spans-encoder-v1.onnx`` (int8, per-channel), used only
when its SHA-256 is :data:`MODEL_SHA256`. It costs one encoder run per sentence,
more than the default pipeline's speed budget leaves, so the analyzer runs it only
with ``spans="encoder"``; where onnxruntime or tokenizers are missing the linear
tagger is used. The run time needs the ``minilm`` extra, never torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from newsift.encoders.minilm import runtime_available
from newsift.persuasion.features import ArticleContext, Sentence
from newsift.persuasion.text import norm

if TYPE_CHECKING:
    from newsift.encoders.tagger import TokenTagger

MODEL_FILE = "techniques-spans-encoder-v1.onnx"
#: SHA-256 of the shipped model, as ``python -m training.persuasion_tokens`` prints it
MODEL_SHA256 = "46db5e80117421d5a242758a562634a88d59ea71e90820423bdb29b4afea2a95"
#: decoding settings of :func:`~newsift.persuasion.model.decode`, chosen on the tuning quarter
THRESHOLD = 0.2
PEAK = 0.35
MAX_GAP = 5
#: the score a span needs to be reported (``python -m training.persuasion_display --encoder``)
SHOWN_FLOOR = 0.37
#: longest input in word pieces, [CLS] and [SEP] included
MAX_PIECES = 128
#: the network's labels, in the order of its logits
LABELS = ("O", "I")
#: what a party or politician name (:data:`~newsift.persuasion.lexicon.PARTISAN_NAMES`)
#: becomes before word-piecing at run time, so that no side's names move the scores
NAME_PLACEHOLDER = "Jones"
#: whether the run time this tagger needs is installed (a name tests can replace)
onnx_available = runtime_available


@dataclass(frozen=True, slots=True)
class Window:
    """Word-piece ids of a part of a sentence ([CLS] ... [SEP]) and, per piece, the
    index of the sentence token it comes from (-1 for [CLS] and [SEP])."""

    ids: list[int]
    tokens: list[int]


def model_words(sentence: Sentence, fold_names: bool = True) -> list[str]:
    """The words the network reads: the sentence's tokens, with party and politician
    names (those :func:`~newsift.persuasion.text.norm` folds) as :data:`NAME_PLACEHOLDER`
    (possessive kept) when ``fold_names``."""
    words = []
    for token in sentence.tokens:
        if fold_names and norm(token.text) == "<name>":
            possessive = token.text.lower().replace("’", "'").endswith("'s")
            words.append(NAME_PLACEHOLDER + ("'s" if possessive else ""))
        else:
            words.append(token.text)
    return words


def sentence_windows(tokenizer: Any, sentence: Sentence, fold_names: bool = True) -> list[Window]:
    """The network's inputs for ``sentence``: its words (:func:`model_words`) word-pieced
    as pre-split words, cut at token edges into windows of at most :data:`MAX_PIECES`
    pieces (a token longer than a window is cut inside). ``tokenizer``: the shipped
    MiniLM word-piece tokenizer with no truncation and no padding. The shipped network
    was trained on names as written (``fold_names=False``); the run time folds them."""
    words = model_words(sentence, fold_names)
    if not words:
        return []
    encoding = tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False)
    cls_id = int(tokenizer.token_to_id("[CLS]"))
    sep_id = int(tokenizer.token_to_id("[SEP]"))
    room = MAX_PIECES - 2
    pieces = [(int(i), int(w)) for i, w in zip(encoding.ids, encoding.word_ids, strict=True)]
    windows: list[Window] = []
    at = 0
    while at < len(pieces):
        end = min(at + room, len(pieces))
        if end < len(pieces):
            edge = end  # move back to the start of a token, unless one token fills the window
            while edge > at and pieces[edge][1] == pieces[edge - 1][1]:
                edge -= 1
            end = edge if edge > at else end
        part = pieces[at:end]
        windows.append(
            Window(
                [cls_id, *(i for i, _ in part), sep_id],
                [-1, *(w for _, w in part), -1],
            )
        )
        at = end
    return windows


def piece_probabilities(logits: NDArray[np.float32]) -> NDArray[np.float64]:
    """The ``I`` probability of each piece from its ``(pieces, 2)`` O/I logits."""
    values = logits.astype(np.float64)
    return np.asarray(1.0 / (1.0 + np.exp(values[:, 0] - values[:, 1])), dtype=np.float64)


def token_probabilities(
    size: int, windows: Sequence[Window], probabilities: Sequence[NDArray[np.float64]]
) -> NDArray[np.float64]:
    """Per sentence token (``size`` of them), the mean ``I`` probability of its pieces
    over ``windows`` (each with its pieces' probabilities); 0 for a token with no piece."""
    total = np.zeros(size)
    count = np.zeros(size)
    for window, probs in zip(windows, probabilities, strict=True):
        where = np.asarray(window.tokens)
        keep = where >= 0
        np.add.at(total, where[keep], probs[keep])
        np.add.at(count, where[keep], 1.0)
    return np.divide(total, count, out=np.zeros(size), where=count > 0)


class EncoderSpanTagger:
    """The int8 ONNX token tagger (:class:`~newsift.encoders.tagger.TokenTagger`) with the
    interface of :class:`~newsift.persuasion.model.SpanTagger` that
    :func:`~newsift.persuasion.analyzer.find_techniques` reads."""

    def __init__(
        self,
        tagger: TokenTagger,
        threshold: float = THRESHOLD,
        peak: float = PEAK,
        max_gap: int = MAX_GAP,
        fold_names: bool = True,
    ) -> None:
        self._tagger = tagger
        self.threshold = threshold
        self.peak = peak
        self.max_gap = max_gap
        #: read party and politician names as one placeholder (:func:`model_words`)
        self.fold_names = fold_names

    @classmethod
    def load(
        cls, path: Path | None = None, expected_sha256: str | None = MODEL_SHA256
    ) -> EncoderSpanTagger:
        """The shipped model (or the one at ``path``, hash checked when ``expected_sha256``
        is given); ModelError when a file is missing, damaged or not the release's, or the
        ``minilm`` extra is not installed."""
        from newsift.encoders.minilm import models_dir
        from newsift.encoders.tagger import TokenTagger

        return cls(TokenTagger.load(path or models_dir() / MODEL_FILE, expected_sha256))

    def sentence_probabilities(self, sentence: Sentence) -> NDArray[np.float64]:
        """The probability that each token of ``sentence`` lies in a technique span."""
        windows = sentence_windows(self._tagger.tokenizer, sentence, self.fold_names)
        probs = [piece_probabilities(self._tagger.logits(w.ids)) for w in windows]
        return token_probabilities(len(sentence.tokens), windows, probs)

    def token_probabilities(
        self, sentences: Sequence[Sentence], context: ArticleContext
    ) -> list[NDArray[np.float64]]:
        """Per sentence, each token's probability (``context`` is not read: the network
        sees one sentence at a time)."""
        del context
        return [self.sentence_probabilities(s) for s in sentences]
