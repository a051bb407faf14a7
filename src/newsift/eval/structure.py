"""Score the structure of a page against hand-made truth.

Truth files follow ``../shared/examples/opinion-dump-harbor.truth.json``:
``headline``, ``published``, ``author``, ``author_bio``, ``body_paragraphs`` and
``comments`` (each with ``author``, ``when``, ``starts``, optional
``paragraphs`` (default 1), ``when_resolved`` and ``parent``), plus an optional
``reference_date``.

A predicted comment *matches* a true one when its text starts with the true
``starts`` and it has the true number of paragraphs: both its boundaries are
right. Comment-boundary F1 counts those matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.document import Document, Region
from newsift.eval.metrics import NAN, f1_from_counts, ratio, share

PAGE_FIELDS = ("headline", "published", "author", "author_bio", "body_paragraphs", "comment_count")
COMMENT_FIELDS = ("author", "when", "when_resolved", "parent")


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass(slots=True)
class PageScore:
    """Field by field: was this page right?"""

    fields: dict[str, bool] = field(default_factory=dict)
    comment_fields: dict[str, list[bool]] = field(default_factory=dict)
    true_comments: int = 0
    predicted_comments: int = 0
    matched_comments: int = 0
    mismatches: list[str] = field(default_factory=list)


def score_page(doc: Document, truth: Mapping[str, Any]) -> PageScore:
    score = PageScore()
    bios = doc.regions_of("bio")
    predicted = {
        "headline": doc.meta.headline,
        "published": doc.meta.published,
        "author": doc.meta.author,
        "author_bio": doc.region_text(bios[0]) if bios else None,
        "body_paragraphs": sum(len(r.paragraphs) for r in doc.regions_of("body")),
        "comment_count": len(doc.comments),
    }
    expected = {key: truth.get(key) for key in PAGE_FIELDS}
    expected["comment_count"] = len(truth.get("comments", []))
    for key in PAGE_FIELDS:
        ok = predicted[key] == expected[key]
        score.fields[key] = ok
        if not ok:
            score.mismatches.append(f"{key}: got {predicted[key]!r}, want {expected[key]!r}")

    true_comments: list[Mapping[str, Any]] = truth.get("comments", [])
    comments = doc.comments
    score.true_comments, score.predicted_comments = len(true_comments), len(comments)
    index_of = {c.id: i for i, c in enumerate(comments)}
    matched_pred: dict[int, int] = {}  # truth index -> predicted index
    used: set[int] = set()
    for t, gold in enumerate(true_comments):
        for p, comment in enumerate(comments):
            if p not in used and _boundaries_match(doc, comment, gold):
                matched_pred[t] = p
                used.add(p)
                break
        else:
            score.mismatches.append(f"comment {t} ({gold.get('starts')!r}) not matched")
    score.matched_comments = len(matched_pred)
    for key in COMMENT_FIELDS:
        score.comment_fields[key] = []
    for t, p in matched_pred.items():
        gold, comment = true_comments[t], comments[p]
        got: dict[str, Any] = {
            "author": comment.author,
            "when": comment.when,
            "when_resolved": comment.when_resolved,
            "parent": index_of.get(comment.parent) if comment.parent else None,
        }
        for key in COMMENT_FIELDS:
            if key not in gold:
                continue
            want = gold[key]
            if key == "parent" and want is not None:
                want = matched_pred.get(int(want), -1)
            ok = got[key] == want
            score.comment_fields[key].append(ok)
            if not ok:
                score.mismatches.append(f"comment {t} {key}: got {got[key]!r}, want {want!r}")
    return score


def _boundaries_match(doc: Document, comment: Region, gold: Mapping[str, Any]) -> bool:
    starts = str(gold.get("starts", ""))
    paragraphs = int(gold.get("paragraphs", 1))
    return doc.region_text(comment).startswith(starts) and len(comment.paragraphs) == paragraphs


@dataclass(slots=True)
class CorpusScore:
    pages: int
    field_accuracy: dict[str, float]
    comment_field_accuracy: dict[str, float]
    comment_precision: float
    comment_recall: float
    comment_f1: float
    pages_all_right: int


def aggregate(scores: Iterable[PageScore]) -> CorpusScore:
    scores = list(scores)
    fields = {k: share(s.fields[k] for s in scores) for k in PAGE_FIELDS}  # NaN only if no pages
    comment_fields = {  # NaN (shown as n/a) where no matched comment has the field
        k: share(v for s in scores for v in s.comment_fields.get(k, [])) for k in COMMENT_FIELDS
    }
    matched = sum(s.matched_comments for s in scores)
    predicted = sum(s.predicted_comments for s in scores)
    true = sum(s.true_comments for s in scores)
    precision = ratio(matched, predicted, empty=NAN)
    recall = ratio(matched, true, empty=NAN)
    f1 = f1_from_counts(matched, predicted - matched, true - matched, empty=NAN)
    right = sum(1 for s in scores if not s.mismatches)
    return CorpusScore(len(scores), fields, comment_fields, precision, recall, f1, right)
