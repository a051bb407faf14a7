"""The fine-tuned check-worthiness model: all-MiniLM-L6-v2 fine-tuned on ClaimBuster.

``claims-finetuned-v1.onnx`` is the MiniLM network fine-tuned end to end with one
check-worthiness logit (``python -m training.checkworthy``; card
``claims-finetuned-v1.md``), run by :class:`newsift.encoders.finetuned.FineTunedModel`
(int8, one sentence a run, the ``minilm`` extra). ``claims-finetuned-v1.npz`` holds
what was fitted on the tuning debates on the int8 model's logits, as the run time
computes them: the Platt calibration (slope, intercept), the weight of the n-gram
model's log-odds when stacking the two helped there (0 otherwise), the best-F1
threshold; and the news layer of :mod:`newsift.claims.triage`, fitted on the dev news
pages. :class:`FineTunedClaimModel` scores like :class:`~newsift.claims.model.ClaimModel`
(``logits``, ``calibrated_log_odds``, ``score``, ``news_scores``), so the cascade, the
news layer's fit and the benchmarks take either.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.claims.model import MAX_CHARS, ClaimModel, _news_layer
from newsift.claims.triage import NewsLayer, news_arrays
from newsift.encoders.finetuned import FineTunedModel
from newsift.models import load_model

NAME = "claims-finetuned-v1"
ONNX_FILE = f"{NAME}.onnx"
CALIBRATION_FILE = f"{NAME}.npz"


@dataclass(frozen=True, slots=True)
class FineTunedClaimModel:
    """The fine-tuned network's check-worthiness logit, calibrated on the tuning debates.

    ``ngram_weight`` times the n-gram model's raw log-odds joins the calibrated
    log-odds (stacking); ``ngram`` must then be given.
    """

    runner: FineTunedModel
    threshold: float
    platt: tuple[float, float]
    ngram_weight: float = 0.0
    ngram: ClaimModel | None = None
    news: NewsLayer | None = None

    @property
    def name(self) -> str:
        return NAME

    def logits(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The fine-tuned network's raw check-worthiness logit (its first column; any
        further columns are auxiliary heads of the training) for each sentence."""
        if not sentences:
            return np.zeros(0, dtype=np.float64)
        logits, _ = self.runner.run([s[:MAX_CHARS] for s in sentences])
        return logits[:, 0].astype(np.float64)

    def encoder_share(self, sentences: Sequence[str], budget: int) -> int:
        """How many of ``sentences``, from the first, the network reads within ``budget``
        tokens (its tokenizer's count on the text it is given)."""
        counts = self.runner.token_counts([s[:MAX_CHARS] for s in sentences])
        return bisect.bisect_right(list(itertools.accumulate(counts)), budget)

    def calibrated_log_odds(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """Platt-calibrated log-odds (plus the stacked n-gram log-odds, when weighted)."""
        slope, intercept = self.platt
        out = self.logits(sentences) * slope + intercept
        if self.ngram_weight and len(sentences):
            if self.ngram is None:
                raise ValueError(f"{NAME} stacks the n-gram model but was given none")
            out = out + self.ngram_weight * self.ngram.logits(sentences)
        return out

    def score(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The calibrated probability that each sentence is check-worthy, in order."""
        return 1.0 / (1.0 + np.exp(-self.calibrated_log_odds(sentences)))

    def news_scores(
        self, sentences: Sequence[str], cues: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """P(check-worthy on a news page) from the news layer; :meth:`score` without one."""
        log_odds = self.calibrated_log_odds(sentences)
        if self.news is None:
            return 1.0 / (1.0 + np.exp(-log_odds))
        return self.news.probabilities(log_odds, cues)

    @property
    def news_threshold(self) -> float:
        return self.news.threshold if self.news is not None else self.threshold

    def save(self, path: Path) -> None:
        """The calibration, stacking weight, threshold and news layer (not the network)."""
        arrays: dict[str, NDArray[np.generic]] = {
            "platt": np.array(self.platt, dtype=np.float64),
            "threshold": np.array([self.threshold], dtype=np.float64),
            "ngram_weight": np.array([self.ngram_weight], dtype=np.float64),
            **(news_arrays(self.news) if self.news is not None else {}),
        }
        np.savez_compressed(path, allow_pickle=False, **arrays)

    @classmethod
    def load(
        cls, path: Path | None = None, *, runner: FineTunedModel | None = None
    ) -> FineTunedClaimModel:
        """The shipped model: the network (SHA-256 checked; needs the ``minilm`` extra) and
        its calibration file (or the one at ``path``)."""
        network = runner or FineTunedModel.load(ONNX_FILE)
        return load_model(CALIBRATION_FILE, path, lambda data: cls._from_arrays(data, network))

    @classmethod
    def _from_arrays(cls, data: Any, runner: FineTunedModel) -> FineTunedClaimModel:
        slope, intercept = (float(v) for v in data["platt"])
        if not slope > 0:
            raise ValueError("the calibration must keep the order of scores")
        if runner.logit_width < 1:
            raise ValueError(f"{runner.name} has no logits")
        weight = float(data["ngram_weight"][0])
        return cls(
            runner,
            float(data["threshold"][0]),
            (slope, intercept),
            weight,
            ClaimModel.load() if weight else None,
            _news_layer(data),
        )
