"""The fine-tuned comment encoder's outputs as the comment model's dense features.

``toxicity-finetuned-v1.onnx`` is all-MiniLM-L6-v2 fine-tuned on the comment tasks
(``training/comments.py``), with the heads of :data:`HEAD_CLASSES` side by side in
its ``logits`` output (one logit per binary head, one per class otherwise) and the
mean-pooled vector in ``pooled``. :class:`FineTunedFeatures` turns one comment into
the row the dense part of ``toxicity-minilm-v2`` weighs: the pooled vector made unit
length (384 values), then the logits (:data:`LOGIT_FEATURES`). The shared loader
(:mod:`newsift.encoders.finetuned`, hash-checked) runs each text alone, so a
comment's features never depend on its neighbours; it also counts tokens for the
thread's encoder budget.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

#: the fine-tuned heads, in the order of the network's logits, and their classes
HEAD_CLASSES: dict[str, int] = {
    "offensive": 2,
    "targeted": 2,
    "target": 3,
    "ucc_hostile": 2,
    "ucc_antagonize": 2,
    "ucc_dismissive": 2,
    "ucc_condescending": 2,
    "ucc_generalisation": 2,
    "ucc_sarcastic": 2,
    "ucc_unhealthy": 2,
}
TARGET_CODES = ("IND", "GRP", "OTH")  # OLID level C, the classes of ``target``
TARGET_NAMES = ("individual", "group", "other")
POOLED_SIZE = 384
#: the logit columns, named after the comment model's heads they inform
LOGIT_FEATURES: tuple[str, ...] = tuple(
    f"target_{t}" if classes > 2 else name
    for name, classes in HEAD_CLASSES.items()
    for t in (TARGET_NAMES if classes > 2 else ("",))
)
FEATURE_SIZE = POOLED_SIZE + len(LOGIT_FEATURES)


class Runner(Protocol):
    """What the shared loader gives: ``run`` (logits, pooled) and ``token_counts``."""

    def run(self, texts: list[str]) -> tuple[Any, Any]: ...

    def token_counts(self, texts: list[str]) -> list[int]: ...


def feature_column(name: str) -> int:
    """Where the logit of ``name`` (a head of the comment model) lies in a feature row."""
    return POOLED_SIZE + LOGIT_FEATURES.index(name)


def features(logits: NDArray[np.floating], pooled: NDArray[np.floating]) -> NDArray[np.float32]:
    """Rows of unit-length pooled vectors followed by the logits."""
    pooled = np.asarray(pooled, dtype=np.float32).reshape(-1, POOLED_SIZE)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True).clip(1e-9)
    logits = np.asarray(logits, dtype=np.float32).reshape(len(pooled), -1)
    if logits.shape[1] != len(LOGIT_FEATURES):
        raise ValueError(f"{logits.shape[1]} logits, expected {len(LOGIT_FEATURES)}")
    return np.hstack([pooled / norms, logits]).astype(np.float32)


class FineTunedFeatures:
    """Comment texts -> feature rows (:func:`features`); the runner runs each text alone."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, FEATURE_SIZE), dtype=np.float32)
        logits, pooled = self.runner.run(texts)
        return features(logits, pooled)

    def token_counts(self, texts: list[str]) -> list[int]:
        return self.runner.token_counts(texts)
