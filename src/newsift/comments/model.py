"""The comment models: calibrated logistic-regression heads and a per-word span tagger.

``ToxicityModel`` scores whole comments. Each *head* is a logistic regression
over :func:`~newsift.comments.features.comment_features` whose raw score is
mapped to a probability by Platt scaling fitted on a validation part
(``sigmoid(a * z + b)``), with a decision threshold chosen there. Heads:
``offensive``, ``insult``, ``identity_attack``, ``threat``, ``profanity``
(the five published scores), ``targeted`` (OLID level B), ``target_individual``,
``target_group``, ``target_other`` (OLID level C, one against the rest) and
the Unhealthy Comments Corpus attributes (``ucc_*``), used by the benchmark.

``SpanModel`` tags words: a multinomial logistic regression over
:func:`~newsift.comments.features.token_features` with classes ``none``,
``insult``, ``identity_attack``, ``threat``, ``profanity``, trained on the
typed Toxic Spans annotations. A word is offending when ``1 - P(none)``
reaches the validation-chosen threshold; in a comment already judged offensive
(``at_least_one``), when it reaches ``span_ratio`` times that of the comment's
likeliest offending word and at least ``span_floor`` (both chosen on validation
since session 13; a file without them keeps the plain threshold). Neighbouring
offending words with the same label merge into one span.

Weights ship int8-quantised (one scale per head or class) in
``toxicity-v1.npz``, read with ``allow_pickle=False``; inference is NumPy only.
``python -m training.toxicity`` rebuilds the file (see its model card).

A second file, ``toxicity-minilm-v2.npz``, adds a dense part to the heads: each
head's raw score also weighs the comment's row of the fine-tuned encoder
``toxicity-finetuned-v1.onnx`` (:mod:`newsift.comments.finetuned`: its unit-length
pooled vector, then its logits; ``dense``, rows x heads, float32, a zero column
where the n-gram head was kept). The fitted heads (``python -m
training.toxicity_stack``) weigh the n-gram score and the fine-tuned logit of the
same task. It needs the ``minilm`` extra; :meth:`ToxicityModel.load` with
``encoder="auto"`` uses it when the extra is installed and falls back to
``toxicity-v1.npz`` otherwise. The span tagger is the same in both files. A dense part needs its
``encoder_file``: the retired ``toxicity-minilm-v1`` layout (frozen all-MiniLM-L6-v2
vectors and a gated news-comment term) is no longer read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.comments.features import (
    COMMENT_BUCKETS,
    FEATURES_VERSION,
    TOKEN_BUCKETS,
    comment_feature_rows,
    token_features,
)
from newsift.comments.finetuned import FEATURE_SIZE, LOGIT_FEATURES, FineTunedFeatures
from newsift.comments.lexicon import (
    GROUP_NOUNS,
    PERSON_PLACEHOLDER,
    SECOND_PERSON,
    categories,
    neutral_names,
)
from newsift.comments.names import fold_people
from newsift.comments.normalise import normalise, normalised_words
from newsift.encoders import ENCODER_CHOICES, Encoder
from newsift.errors import ModelError
from newsift.models import build_model, load_arrays, load_model

MODEL_FILE = "toxicity-v1.npz"
ENCODER_MODEL_FILE = "toxicity-minilm-v2.npz"
FINETUNED_FILE = "toxicity-finetuned-v1.onnx"  # the encoder of toxicity-minilm-v2
MAX_ENCODER_CHARS = 2000  # the same cut as the n-gram features
SCORES = ("offensive", "insult", "identity_attack", "threat", "profanity")
TARGETS = ("individual", "group", "other")
SPAN_LABELS = ("none", "insult", "identity_attack", "threat", "profanity")
MAX_GAP = 3  # characters of space or punctuation bridged when merging neighbouring words


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float64)


def quantise(weights: NDArray[np.floating]) -> tuple[NDArray[np.int8], NDArray[np.float64]]:
    """Rows of ``weights`` as int8 with one scale per row (``weights ~ q * scale``)."""
    scale = np.abs(weights).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(weights / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float64)


def _dequantise(q: NDArray[np.generic], scale: NDArray[np.generic]) -> NDArray[np.float32]:
    """``(q * scale).T`` as float32 in row order, the same values as the plain product.

    One array is allocated and scaled in place: the plain form's three temporaries of
    16 MiB each cost a cold start about 0.05 CPU-s per model in fresh-page faults.
    """
    weights = q.T.astype(np.float32, order="C")
    weights *= scale.astype(np.float32)[None, :]
    return weights


def encoder_text(text: str) -> str:
    """The text the sentence encoder sees: the comment's first characters, names neutralised.

    Spelling variants of abuse words ("1d10t", "m o r o n") are written as the
    word (:func:`~newsift.comments.normalise.normalise`), and listed politicians
    and party words become neutral words
    (:func:`~newsift.comments.lexicon.neutral_names`), as the n-gram features
    read them: the fine-tuned encoder saw few variants in training and scored
    them as harmless (functional dev half: spelling variants 0.79). Every other
    person's name becomes the same neutral surname
    (:func:`~newsift.comments.names.fold_people`): unlisted politicians' names
    moved the score by 0.036 when swapped.
    """
    people_folded = fold_people(normalise(text[:MAX_ENCODER_CHARS]), PERSON_PLACEHOLDER)
    return neutral_names(people_folded).strip()


@dataclass(frozen=True, slots=True)
class TypedSpan:
    """Character range ``[start, end)`` of offending words in the scored text, with its type."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class ToxicityModel:
    """Comment-level heads (``weights`` is buckets x heads) and the word tagger.

    ``dense`` (encoder features x heads) weighs the comment's row of the fine-tuned
    encoder ``encoder_file``; such a model needs an ``encoder`` to score.
    """

    heads: tuple[str, ...]
    weights: NDArray[np.float32]
    bias: NDArray[np.float64]
    platt_a: NDArray[np.float64]
    platt_b: NDArray[np.float64]
    thresholds: NDArray[np.float64]
    span_weights: NDArray[np.float32]
    span_bias: NDArray[np.float64]
    span_threshold: float
    dense: NDArray[np.float32] | None = None
    encoder: Encoder | None = None
    label: str = ""  # the model's name when its file gives one (toxicity-minilm-v2)
    encoder_file: str = ""  # the fine-tuned encoder the dense part reads, if any
    #: in a comment judged offensive, a word is offending at ``span_ratio`` times the
    #: likeliest word's ``1 - P(none)`` and at least ``span_floor`` (ratio 0: the threshold)
    span_floor: float = 0.0
    span_ratio: float = 0.0

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        return "toxicity-minilm-v1" if self.dense is not None else "toxicity-v1"

    def raw(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Uncalibrated scores, one row per text and one column per head."""
        out = np.zeros((len(texts), len(self.heads)), dtype=np.float64)
        for i, (index, value) in enumerate(comment_feature_rows(texts)):
            if len(index):
                out[i] = value.astype(np.float32) @ self.weights[index]
        if self.dense is not None and len(texts):
            if self.encoder is None:
                raise ModelError(f"{self.name} needs the MiniLM encoder to score")
            vectors = self.encoder.encode([encoder_text(t) for t in texts]).astype(np.float64)
            out += vectors @ self.dense.astype(np.float64)
        return out + self.bias

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Calibrated probabilities, one row per text and one column per head."""
        return _sigmoid(self.platt_a * self.raw(texts) + self.platt_b)

    def column(self, head: str) -> int:
        return self.heads.index(head)

    def threshold(self, head: str) -> float:
        return float(self.thresholds[self.column(head)])

    def spans(self, text: str, *, at_least_one: bool = True) -> list[TypedSpan]:
        """The offending words of ``text``, merged into typed spans, in text order.

        With ``at_least_one`` (for a comment already judged offensive) the most
        likely offending word is returned even when no word reaches the threshold,
        and with a ``span_ratio`` the threshold is relative to that word.
        Identity terms are never offending words unless used as a slur
        (:func:`may_offend`).
        """
        tokens = token_features(text)
        if not tokens:
            return []
        rows = np.zeros((len(tokens), len(SPAN_LABELS)), dtype=np.float64)
        for i, (_, _, found) in enumerate(tokens):
            index = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
            value = np.fromiter(found.values(), dtype=np.float32, count=len(found))
            rows[i] = value @ self.span_weights[index]
        rows += self.span_bias
        rows -= rows.max(axis=1, keepdims=True)
        prob = np.exp(rows)
        prob /= prob.sum(axis=1, keepdims=True)
        allowed = may_offend(text)
        offensive = 1.0 - prob[:, 0]
        cut = self.span_threshold
        if at_least_one and self.span_ratio > 0.0 and allowed.any():
            cut = max(self.span_floor, self.span_ratio * float(offensive[allowed].max()))
        offending = (offensive >= cut) & allowed
        if at_least_one and not offending.any() and allowed.any():
            offending[int(np.argmin(np.where(allowed, prob[:, 0], np.inf)))] = True
        spans: list[TypedSpan] = []
        for (start, end, _), p, keep in zip(tokens, prob, offending, strict=True):
            if not keep:
                continue
            label = SPAN_LABELS[1 + int(np.argmax(p[1:]))]
            last = spans[-1] if spans else None
            gap = text[last.end : start] if last else ""
            if last and last.label == label and len(gap) <= MAX_GAP and not gap.strip(" ,-"):
                spans[-1] = TypedSpan(last.start, end, label)
            else:
                spans.append(TypedSpan(start, end, label))
        return spans

    def save(self, path: Path) -> None:
        q, scale = quantise(self.weights.T)
        span_q, span_scale = quantise(self.span_weights.T)
        extra: dict[str, NDArray[np.generic]] = {}
        if self.dense is not None:
            extra["dense"] = self.dense.astype(np.float32)
        if self.label:
            extra["name"] = np.array([self.label])
        if self.span_ratio > 0.0:
            extra["span_relative"] = np.array([self.span_floor, self.span_ratio])
        if self.encoder_file:
            extra["encoder_file"] = np.array([self.encoder_file])
            extra["logit_features"] = np.array(LOGIT_FEATURES)
        np.savez_compressed(
            path,
            allow_pickle=False,
            **extra,
            heads=np.array(self.heads),
            q=q,
            scale=scale,
            bias=self.bias,
            platt_a=self.platt_a,
            platt_b=self.platt_b,
            thresholds=self.thresholds,
            span_q=span_q,
            span_scale=span_scale,
            span_bias=self.span_bias,
            span_threshold=np.array([self.span_threshold]),
            comment_buckets=np.array([COMMENT_BUCKETS], dtype=np.int64),
            token_buckets=np.array([TOKEN_BUCKETS], dtype=np.int64),
            features_version=np.array([FEATURES_VERSION], dtype=np.int64),
        )

    @classmethod
    def load(cls, path: Path | None = None, *, encoder: str = "none") -> ToxicityModel:
        """A shipped model (or the one at ``path``); refuses weights of another shape.

        ``encoder``: ``none`` gives the n-gram model (``toxicity-v1``);
        ``minilm`` the model with the fine-tuned encoder (``toxicity-minilm-v2``;
        a clear error without the ``minilm`` extra); ``auto`` the latter when
        the extra is installed, else the former.
        """
        wanted = wants_encoder(encoder)
        if path is None and wanted:
            return load_model(ENCODER_MODEL_FILE, None, lambda data: cls._from_arrays(data, True))
        data = load_arrays(MODEL_FILE, path)
        if "dense" in data and not wanted:
            raise ModelError(f"{path} has MiniLM weights: load it with encoder='minilm' or 'auto'")
        return build_model(data, lambda data: cls._from_arrays(data, wanted))

    @classmethod
    def _from_arrays(cls, data: dict[str, NDArray[np.generic]], encoded: bool) -> ToxicityModel:
        heads = tuple(str(h) for h in data["heads"])
        encoder_file = str(data["encoder_file"][0]) if "encoder_file" in data else ""
        ok = (
            int(data["comment_buckets"][0]) == COMMENT_BUCKETS
            and int(data["token_buckets"][0]) == TOKEN_BUCKETS
            and int(data["features_version"][0]) == FEATURES_VERSION
            and data["q"].shape == (len(heads), COMMENT_BUCKETS)
            and data["span_q"].shape == (len(SPAN_LABELS), TOKEN_BUCKETS)
            and all(h in heads for h in (*SCORES, "targeted", *(f"target_{t}" for t in TARGETS)))
            and (
                "dense" not in data
                or (bool(encoder_file) and data["dense"].shape == (FEATURE_SIZE, len(heads)))
            )
            and (
                not encoder_file or tuple(str(f) for f in data["logit_features"]) == LOGIT_FEATURES
            )
        )
        if not ok:
            raise ValueError("toxicity model weights do not match this version's features")
        encoder = dense_encoder(encoder_file) if encoded and "dense" in data else None
        return cls(
            heads=heads,
            weights=_dequantise(data["q"], data["scale"]),
            bias=data["bias"].astype(np.float64),
            platt_a=data["platt_a"].astype(np.float64),
            platt_b=data["platt_b"].astype(np.float64),
            thresholds=data["thresholds"].astype(np.float64),
            span_weights=_dequantise(data["span_q"], data["span_scale"]),
            span_bias=data["span_bias"].astype(np.float64),
            span_threshold=float(data["span_threshold"][0]),
            dense=data["dense"].astype(np.float32) if "dense" in data else None,
            encoder=encoder,
            label=str(data["name"][0]) if "name" in data else "",
            encoder_file=encoder_file,
            span_floor=float(data["span_relative"][0]) if "span_relative" in data else 0.0,
            span_ratio=float(data["span_relative"][1]) if "span_relative" in data else 0.0,
        )


def wants_encoder(choice: str) -> bool:
    """Whether ``choice`` (:data:`~newsift.encoders.ENCODER_CHOICES`) asks for the encoder model.

    ``auto`` asks for it when the ``minilm`` extra (onnxruntime, tokenizers) is installed.
    """
    from newsift.encoders.minilm import minilm_available

    if choice not in ENCODER_CHOICES:
        raise ValueError(f"encoder must be one of {ENCODER_CHOICES}, not {choice!r}")
    return choice == "minilm" or (choice == "auto" and minilm_available())


_FINETUNED: dict[str, FineTunedFeatures] = {}


def dense_encoder(encoder_file: str) -> Encoder:
    """The encoder a dense part reads: the fine-tuned ``encoder_file``, loaded once per
    process and hash-checked by :mod:`newsift.encoders.finetuned`."""
    from newsift.encoders.minilm import EXTRA_HINT, minilm_available

    if not minilm_available():
        raise ModelError(EXTRA_HINT)
    if encoder_file not in _FINETUNED:
        from newsift.encoders.finetuned import FineTunedModel

        _FINETUNED[encoder_file] = FineTunedFeatures(FineTunedModel.load(encoder_file))
    return _FINETUNED[encoder_file]


def may_offend(text: str) -> NDArray[np.bool_]:
    """Per word of :func:`token_features`: False for an identity term not used as a slur.

    An identity term ("Black", "Muslims", "gay") names a group; the abuse of a
    comment that mentions one lies in other words. It counts as a slur, and may
    be marked, only when addressed to someone as an insult ("you gay ..."); a
    plain group noun after it ("people", "men") goes with it.
    """
    found = normalised_words(text)
    allowed = np.ones(len(found), dtype=np.bool_)
    for i, (_, _, word) in enumerate(found):
        before = found[i - 1][2] if i else ""
        if "identity" in categories(word):
            allowed[i] = before in SECOND_PERSON
        elif word in GROUP_NOUNS and "identity" in categories(before):
            allowed[i] = allowed[i - 1]  # "Black people": the noun goes with its identity word
    return allowed
