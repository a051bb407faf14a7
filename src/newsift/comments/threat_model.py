"""``threats-v1``: threats the rules miss, found by what the comment means.

The hand-written threat shapes (:mod:`newsift.comments.threats`) catch the
wordings they were written for and few others. This head reads the row the
fine-tuned comment encoder already gives each comment for ``toxicity-minilm-v2``
(the unit-length pooled vector and the task logits,
:mod:`newsift.comments.finetuned`): a logistic regression fitted by
``training/threats.py`` on a bank of written threats and hard look-alikes and on
the news-comment corpora's train part. It costs one dot product per comment, so
it runs only where the encoder ran; the n-gram model (the ``fast`` preset, or
comments past the thread's encoder budget) keeps the rules alone.

A comment the head calls a threat is shown the way a rule-found threat is:
:meth:`ThreatModel.raised` lifts its ``threat`` score to at least
:data:`SHOWN` and its ``offensive`` score to the scorer's removal threshold, so
it is flagged, would be removed and gets the reason "threat"; no field is added.
The decision threshold was chosen so that no non-offensive comment of the tune
part of OLID, UCC and SOCC is flagged by the head.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from newsift.comments.finetuned import FEATURE_SIZE, LOGIT_FEATURES
from newsift.comments.model import ToxicityModel, encoder_text
from newsift.comments.summary import REMOVE_THRESHOLDS
from newsift.models import ModelArrays, load_model

MODEL_FILE = "threats-v1.npz"
#: SHA-256 of the shipped head, as ``training/threats.py`` prints it: any other file is refused
THREATS_SHA256 = "0fdfd87406dcc5015326a49a9a29c9738a5c4562fd8fce107903d44118406dd9"
#: the ``threat`` score a comment the head calls a threat shows at least
#: (:data:`newsift.comments.summary.THREAT` reads it as a threat)
SHOWN = 0.5


@runtime_checkable
class RowSource(Protocol):
    """An encoder that keeps its last rows (``vectors.RememberingEncoder``)."""

    def last_rows(self) -> NDArray[np.float32] | None: ...


@dataclass(frozen=True, slots=True)
class ThreatModel:
    """A logistic head on the fine-tuned encoder's feature rows; ``threshold`` on its logit."""

    weights: NDArray[np.float64]  # FEATURE_SIZE
    bias: float
    threshold: float

    def logits(self, rows: NDArray[np.floating]) -> NDArray[np.float64]:
        """The head's logit of each row (one row per comment)."""
        return np.asarray(rows, dtype=np.float64).reshape(-1, FEATURE_SIZE) @ self.weights + (
            self.bias
        )

    def scores(self, rows: NDArray[np.floating]) -> NDArray[np.float64]:
        """A threat score per row, :data:`SHOWN` exactly at the decision threshold."""
        return 1.0 / (1.0 + np.exp(-(self.logits(rows) - self.threshold)))

    def threatens(self, rows: NDArray[np.floating]) -> NDArray[np.bool_]:
        """Whether the head calls each row's comment a threat."""
        return self.logits(rows) >= self.threshold

    def raised(
        self,
        model: ToxicityModel,
        rows: NDArray[np.floating],
        probabilities: NDArray[np.float64],
    ) -> NDArray[np.float64]:
        """``model``'s ``probabilities`` (one row per comment of ``rows``) with the comments
        the head calls threats shown as threats: ``threat`` at least the head's score
        (and :data:`SHOWN`), ``offensive`` at least the scorer's removal threshold."""
        out = np.array(probabilities, dtype=np.float64, copy=True)
        if not len(out):
            return out
        found = self.threatens(rows)
        if not found.any():
            return out
        threat, offensive = model.column("threat"), model.column("offensive")
        floor = max(REMOVE_THRESHOLDS.get(model.name, 0.0), model.threshold("offensive"))
        shown = np.maximum(self.scores(rows), SHOWN)
        out[found, threat] = np.maximum(out[found, threat], shown[found])
        out[found, offensive] = np.maximum(out[found, offensive], floor)
        return out

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            allow_pickle=False,
            weights=self.weights.astype(np.float32),
            bias=np.array([self.bias]),
            threshold=np.array([self.threshold]),
            logit_features=np.array(LOGIT_FEATURES),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> ThreatModel:
        """The shipped head after checking its SHA-256 (or the file at ``path``, unchecked);
        a :class:`~newsift.errors.ModelError` when it is missing, damaged or not this
        version's."""
        return load_model(MODEL_FILE, path, cls._from_arrays, sha256=THREATS_SHA256)

    @classmethod
    def _from_arrays(cls, data: ModelArrays) -> ThreatModel:
        if tuple(str(f) for f in data["logit_features"]) != LOGIT_FEATURES:
            raise ValueError("threat head fitted on another encoder's logits")
        weights = data["weights"].astype(np.float64)
        if weights.shape != (FEATURE_SIZE,):
            raise ValueError(f"threat head has {weights.shape} weights, not ({FEATURE_SIZE},)")
        return cls(weights, float(data["bias"][0]), float(data["threshold"][0]))


def encoder_rows(model: ToxicityModel, texts: Sequence[str]) -> NDArray[np.float32]:
    """The fine-tuned encoder's rows of ``texts`` as ``model`` reads them (encoded now)."""
    if model.encoder is None:
        raise ValueError(f"{model.name} has no encoder: the threat head needs one")
    return model.encoder.encode([encoder_text(t) for t in texts])


def just_scored_rows(model: ToxicityModel, texts: Sequence[str]) -> NDArray[np.float32]:
    """The rows ``model`` computed for ``texts`` in its last call in this thread, when its
    encoder keeps them (:class:`~newsift.comments.vectors.RememberingEncoder`) and they
    are as many as ``texts``; else :func:`encoder_rows`."""
    if isinstance(model.encoder, RowSource):
        last = model.encoder.last_rows()
        if last is not None and len(last) == len(texts):
            return last
    return encoder_rows(model, texts)


def with_threats(
    model: ToxicityModel,
    threats: ThreatModel | None,
    texts: Sequence[str],
    probabilities: NDArray[np.float64],
) -> NDArray[np.float64]:
    """``probabilities``, just computed by ``model`` for ``texts`` in this thread, raised
    where ``threats`` finds a threat; unchanged without a head or when ``model`` reads no
    encoder (the n-gram model). The head reads the rows ``model`` has just computed
    (:func:`just_scored_rows`), so call it right after ``model.probabilities(texts)``."""
    if threats is None or model.dense is None or not len(texts):
        return probabilities
    return threats.raised(model, just_scored_rows(model, texts), probabilities)
