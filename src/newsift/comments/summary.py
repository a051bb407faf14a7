"""A calibrated thread summary: what a moderator would remove, and why.

``would_remove`` is the per-comment decision a news-site moderator would make:
the offensive score at or above :data:`REMOVE_THRESHOLDS` of the model that
scored it. The thresholds were fitted on half of the held-out news comments
(SOCC toxic or very toxic, UCC hostile) so that the predicted share of
removals equals the true share, and checked on the other half
(``benchmarks/comments_summary.py``). The model's own ``offensive`` flag,
chosen for F1 on tweets and comments pooled, flags far more than that.

:func:`reason` says in a few words why a flagged comment stands out, from its
scores, its offending words and its :class:`~newsift.comments.targets.NamedTarget`:
"threat", "identity attack on immigrants", "coded jibe at a named
politician", "insult aimed at the author", "profanity, no target".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.comments import patterns
from newsift.comments.normalise import normalised_words
from newsift.comments.targets import NamedTarget

#: Offensive-score thresholds of the "would remove" decision, by model name (see module doc).
REMOVE_THRESHOLDS: dict[str, float] = {"toxicity-minilm-v2": 0.7431, "toxicity-v1": 0.7124}
THREAT = 0.5
IDENTITY = 0.5
INSULT = 0.4
PROFANITY = 0.5
TOP_COMMENTS = 5

_SCARE_TITLE = re.compile(
    r"[\"“‘'](?:president|prime minister|premier|mayor|leader|senator|governor|minister|"
    r"councill?or|councilmember|journalist|reporter|expert|doctor|dr\.?|professor|judge)[\"”’']",
    re.IGNORECASE,
)


def would_remove(score: float, model: str, flag_threshold: float) -> bool:
    """The moderator's decision for an offensive ``score`` from ``model``."""
    threshold = REMOVE_THRESHOLDS.get(model, flag_threshold)
    return score >= threshold


def threatens(text: str) -> bool:
    """The comment reads as a threat to the patterns (:mod:`newsift.comments.patterns`):
    veiled, normalised and conditional threats ("accidents happen", "people like you end
    up in hospital") have no violent word for the ``threat`` score or a span to show."""
    return "threat" in patterns.read(text, normalised_words(text)).cues


def coded_jibe(text: str) -> bool:
    """A title in scare quotes (our "President", the "journalist")."""
    return bool(_SCARE_TITLE.search(text))


def reason(
    scores: dict[str, float],
    target: NamedTarget | None,
    text: str,
    span_labels: Sequence[str] = (),
) -> str:
    """Why a flagged comment stands out, in a few words."""
    aimed = f" aimed at {describe(target)}" if target is not None else ""
    if scores.get("threat", 0.0) >= THREAT or "threat" in span_labels or threatens(text):
        return f"threat{aimed}"
    if coded_jibe(text) and target is not None and target.kind == "person":
        politician = target.link in {"politician", "article", "source"}
        who = "a named politician" if target.link == "politician" else describe(target)
        return f"coded jibe at {who}" if politician else f"coded jibe{aimed}"
    if (
        target is not None
        and target.kind == "group"
        and (scores.get("identity_attack", 0.0) >= IDENTITY or "identity_attack" in span_labels)
    ):
        return f"identity attack on {target.name}"
    if target is not None:
        return f"insult{aimed}"
    if scores.get("profanity", 0.0) >= PROFANITY or "profanity" in span_labels:
        return "profanity, no target"
    if scores.get("insult", 0.0) >= INSULT or "insult" in span_labels:
        return "insult, no named target"
    return "offensive, no clear target"


def describe(target: NamedTarget) -> str:
    """The target in running text: "the author", "commenter Greta L.", "Dana Ortiz (a source)"."""
    if target.kind == "author":
        return target.name
    if target.kind == "commenter":
        return f"commenter {target.name}"
    if target.kind == "group":
        return target.name
    role = {
        "source": " (a source)",
        "article": " (named in the article)",
        "politician": " (a politician)",
    }.get(target.link or "", "")
    return f"{target.name}{role}"
