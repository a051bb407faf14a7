"""Optional scores from a user's own Detoxify or Hugging Face checkpoint (the ``hf`` extra).

newsift never downloads weights: the user points at a local folder holding a
sequence-classification checkpoint (``safetensors``), read through
:class:`newsift.backends.hf.HFClassifier`. Its labels are matched, ignoring
case, to the five published scores (``LABEL_ALIASES``: Detoxify's
``toxicity``/``toxic``, ``insult``, ``identity_attack``/``identity_hate``,
``threat``, ``obscene``). A checkpoint must have a label for ``offensive``;
scores it has no label for come from the shipped model. The decision
``offensive`` is the checkpoint's probability at ``THRESHOLD``: the shipped
model's calibration does not carry over to other weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.errors import ModelError

THRESHOLD = 0.5
LABEL_ALIASES: dict[str, tuple[str, ...]] = {
    "offensive": ("offensive", "toxicity", "toxic", "off", "abusive", "hate"),
    "insult": ("insult", "insults"),
    "identity_attack": ("identity_attack", "identity_hate", "identity-attack"),
    "threat": ("threat", "threats"),
    "profanity": ("profanity", "obscene", "profane"),
}


def label_mapping(labels: Sequence[str]) -> dict[str, str]:
    """Our score name -> the checkpoint's label, for every score the checkpoint has."""
    by_lower = {label.lower(): label for label in labels}
    mapping = {}
    for ours, aliases in LABEL_ALIASES.items():
        found = next((by_lower[a] for a in aliases if a in by_lower), None)
        if found is not None:
            mapping[ours] = found
    return mapping


@dataclass(frozen=True, slots=True)
class HFToxicity:
    """A local checkpoint and how its labels map to the published scores."""

    classifier: Any
    mapping: dict[str, str]
    threshold: float = THRESHOLD

    @classmethod
    def load(cls, path: str | Path) -> HFToxicity:
        """Load the checkpoint folder; :class:`ModelError` when it cannot give ``offensive``."""
        from newsift.backends.hf import HFClassifier

        classifier = HFClassifier.load(path, task="text")
        mapping = label_mapping(classifier.labels)
        if "offensive" not in mapping:
            raise ModelError(
                f"{path}: no label for 'offensive' among {classifier.labels} "
                f"(expected one of {LABEL_ALIASES['offensive']})"
            )
        return cls(classifier, mapping)

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """The mapped scores of each text (only the scores the checkpoint has)."""
        if not texts:
            return []
        predictions = self.classifier.predict(list(texts))
        return [
            {ours: float(p[theirs]) for ours, theirs in self.mapping.items()} for p in predictions
        ]
