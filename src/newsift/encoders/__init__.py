"""Sentence encoders: text in, fixed-size vectors out (optional extras).

Every user-facing switch takes one of :data:`ENCODER_CHOICES`: ``auto`` uses
MiniLM when the ``minilm`` extra is installed and falls back to none;
``minilm`` insists (a clear :class:`~newsift.errors.ModelError` without it);
``none`` uses the TF-IDF models alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from newsift.encoders.minilm import MiniLMEncoder


class Encoder(Protocol):
    """Texts to unit vectors, one row per text (``MiniLMEncoder`` and its cached forms)."""

    def encode(self, texts: list[str]) -> NDArray[np.float32]: ...


ENCODER_CHOICES = ("auto", "minilm", "none")
_LOADED: dict[str, MiniLMEncoder] = {}


def choose_encoder(choice: str) -> MiniLMEncoder | None:
    """The encoder that ``choice`` asks for, loaded once per process."""
    from newsift.encoders.minilm import MiniLMEncoder, minilm_available

    if choice not in ENCODER_CHOICES:
        raise ValueError(f"encoder must be one of {ENCODER_CHOICES}, not {choice!r}")
    if choice == "none" or (choice == "auto" and not minilm_available()):
        return None
    if "minilm" not in _LOADED:
        _LOADED["minilm"] = MiniLMEncoder.load()
    return _LOADED["minilm"]
