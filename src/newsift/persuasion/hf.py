"""An adapter for a user's own Hugging Face token-classification checkpoint (the ``hf`` extra).

For users who have a stronger model on disk, for example Prta's BERT or a
checkpoint fine-tuned on the PTC. The checkpoint's labels are mapped to the
PTC labels by name (:func:`label_map`): ``O`` is outside, ``B-``/``I-``
(and ``E-``/``S-``) prefixes are dropped, and the names of the original 18
techniques map to the merged PTC classes (``Straw_Men`` →
``Whataboutism,Straw_Men,Red_Herring``). A label it cannot place is refused
when the checkpoint loads. Nothing downloads: loading is
:meth:`newsift.backends.hf.HFClassifier.load` (local files only).

Each sentence is run on its own; a token takes the technique (or outside)
with the most probability once B-/I- labels of one technique are added up;
consecutive tokens with the same technique form a span, scored by the mean
probability of that technique over its tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.document import Span
from newsift.errors import ModelError
from newsift.persuasion.labels import TECHNIQUES

OUTSIDE_NAMES = frozenset({"o", "outside", "none", "no_technique", "0"})
_PREFIX = re.compile(r"^[BIES][-_]", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


#: normalised technique names (merged classes, their parts and common variants) -> PTC label
_NAMES: dict[str, str] = {}
for _label in TECHNIQUES:
    _NAMES[_key(_label)] = _label
    for _part in _label.split(","):
        _NAMES[_key(_part)] = _label
_NAMES.update(
    {
        _key("Name_Calling-Labeling"): "Name_Calling,Labeling",
        _key("False_Dilemma"): "Black-and-White_Fallacy",
        _key("False_Dilemma-No_Choice"): "Black-and-White_Fallacy",
        _key("Appeal_to_Fear-Prejudice"): "Appeal_to_fear-prejudice",
        _key("Exaggeration-Minimisation"): "Exaggeration,Minimisation",
        _key("Minimization"): "Exaggeration,Minimisation",
        _key("Exaggeration,Minimization"): "Exaggeration,Minimisation",
        _key("Reductio_ad_Hitlerum"): "Bandwagon,Reductio_ad_hitlerum",
        _key("Thought-terminating_Cliche"): "Thought-terminating_Cliches",
        _key("Slogan"): "Slogans",
        _key("Whataboutism"): "Whataboutism,Straw_Men,Red_Herring",
        _key("Straw_Man"): "Whataboutism,Straw_Men,Red_Herring",
    }
)


def label_map(labels: Sequence[str]) -> dict[str, str | None]:
    """Checkpoint label -> PTC label (None: outside); ModelError for a label it cannot place."""
    out: dict[str, str | None] = {}
    for label in labels:
        bare = _PREFIX.sub("", label.strip())
        if bare.lower() in OUTSIDE_NAMES or label.strip().lower() in OUTSIDE_NAMES:
            out[label] = None
            continue
        technique = _NAMES.get(_key(bare))
        if technique is None:
            raise ModelError(f"checkpoint label {label!r} is not a PTC technique")
        out[label] = technique
    if all(v is None for v in out.values()):
        raise ModelError("checkpoint has no technique labels")
    return out


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    start: int
    end: int
    label: str
    score: float
    word: str | None  # the token with the highest probability for the label


class HFTechniqueTagger:
    """Spans and labels from a local token-classification checkpoint."""

    def __init__(self, classifier: Any, mapping: dict[str, str | None]) -> None:
        self.classifier = classifier
        self.mapping = mapping

    @classmethod
    def load(cls, path: str | Path, *, allow_pickle: bool = False) -> HFTechniqueTagger:
        from newsift.backends.hf import HFClassifier

        classifier = HFClassifier.load(path, task="token", allow_pickle=allow_pickle)
        return cls(classifier, label_map(classifier.labels))

    def tag(self, text: str, ranges: Sequence[Span]) -> list[LabelledSpan]:
        """Labelled spans in the sentences ``ranges`` of ``text``."""
        chosen = [r for r in ranges if r.end > r.start]
        if not chosen:
            return []
        results = self.classifier.predict_tokens([text[r.start : r.end] for r in chosen])
        spans: list[LabelledSpan] = []
        for sentence, tokens in zip(chosen, results, strict=True):
            run: list[tuple[int, int, float]] = []
            run_label: str | None = None
            for token in [*tokens, None]:
                label, probability = self._decide(token.scores) if token else (None, 0.0)
                if run and (label != run_label or token is None):
                    spans.append(self._span(text, sentence.start, run, run_label))
                    run = []
                if label is not None and token is not None:
                    run.append((token.start, token.end, probability))
                run_label = label
        return spans

    def _decide(self, scores: dict[str, float]) -> tuple[str | None, float]:
        totals: dict[str | None, float] = {}
        for name, probability in scores.items():
            technique = self.mapping[name]
            totals[technique] = totals.get(technique, 0.0) + probability
        best = max(totals, key=lambda k: (totals[k], k is None, k or ""))
        return best, totals[best]

    @staticmethod
    def _span(
        text: str, offset: int, run: list[tuple[int, int, float]], label: str | None
    ) -> LabelledSpan:
        assert label is not None
        score = sum(p for _, _, p in run) / len(run)
        start, end, _ = max(run, key=lambda t: t[2])
        return LabelledSpan(
            offset + run[0][0],
            offset + run[-1][1],
            label,
            min(max(score, 0.0), 1.0),
            text[offset + start : offset + end],
        )
