"""Readers for the comment corpora in ``../shared/data/comments`` and the one split rule.

Every corpus is split by the SHA-256 of the stripped comment text, so a text
falls on the same side in every corpus that holds it (Toxic Spans' typed and
SemEval files share texts): hash mod 100 below ``TEST_SHARE`` is the
benchmark's held-out part, the next ``VALIDATION_SHARE`` is validation
(calibration and thresholds), the rest trains. Used by the trainer and
``benchmarks/comments.py``; needs only the standard library and NumPy.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from training.paths import SHARED_DATA

DATA = SHARED_DATA / "comments"
TEST_SHARE = 20
VALIDATION_SHARE = 10
UCC_ATTRIBUTES = (
    "hostile", "antagonize", "dismissive", "condescending", "generalisation", "sarcastic",
    "unhealthy",
)  # fmt: skip
SPAN_TYPES = {
    "Insult": "insult",
    "Identity based Attack": "identity_attack",
    "Threat": "threat",
    "Profane/Obscene": "profanity",
    "Other Toxicity": "insult",
}


def part(text: str) -> str:
    """``"test"``, ``"validation"`` or ``"train"``, fixed by the text's SHA-256."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:4], "big") % 100
    if bucket < TEST_SHARE:
        return "test"
    return "validation" if bucket < TEST_SHARE + VALIDATION_SHARE else "train"


@dataclass(frozen=True, slots=True)
class Olid:
    text: str
    a: str  # OFF / NOT
    b: str | None  # TIN / UNT
    c: str | None  # IND / GRP / OTH


@dataclass(frozen=True, slots=True)
class Labelled:
    """A news comment with binary labels (UCC attributes, SOCC toxicity >= 2)."""

    text: str
    labels: dict[str, bool]


@dataclass(frozen=True, slots=True)
class Typed:
    """A Toxic Spans comment: share of annotators marking each type, majority character types.

    A character is offending when at least half the annotators marked it (any
    type, as in the SemEval gold); its type is the one marked most often there.
    """

    text: str
    share: dict[str, float]
    chars: dict[int, str]  # character offset -> majority type


@dataclass(frozen=True, slots=True)
class Spans:
    """A SemEval Toxic Spans post and its gold character offsets."""

    text: str
    offsets: frozenset[int]


def olid(root: Path = DATA) -> list[Olid]:
    path = root / "olid" / "olid-training-v1.0.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Olid(
                row["tweet"],
                row["subtask_a"],
                None if row["subtask_b"] == "NULL" else row["subtask_b"],
                None if row["subtask_c"] == "NULL" else row["subtask_c"],
            )
            for row in rows
        ]


def ucc(root: Path = DATA) -> list[Labelled]:
    out = []
    with (root / "ucc" / "val.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels = {a: row[a].strip() in {"1", "1.0"} for a in UCC_ATTRIBUTES[:-1]}
            labels["unhealthy"] = row["healthy"].strip() not in {"1", "1.0"}
            out.append(Labelled(row["comment"], labels))
    return out


def davidson(root: Path = DATA) -> list[Labelled]:
    """Davidson et al. tweets; ``offensive`` is the coders' majority hate or offensive."""
    path = root / "davidson2017" / "labeled_data.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Labelled(row["tweet"], {"offensive": row["class"].strip() != "2"})
            for row in csv.DictReader(handle)
        ]


def socc(root: Path = DATA) -> list[Labelled]:
    path = root / "socc_ctc" / "SFU_constructiveness_toxicity.train80.csv"
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            level = row["is_toxic_popular_answer_1"].strip()
            if level.isdigit():
                out.append(Labelled(row["comment"], {"toxic": int(level) >= 2}))
    return out


def typed(root: Path = DATA) -> list[Typed]:
    folder = root / "toxic_spans"
    csv.field_size_limit(sys.maxsize)
    with (folder / "typed_comments.excl_tsd_test.csv").open(encoding="utf-8", newline="") as f:
        texts = {row["comment_id"]: row["comment_text"] for row in csv.DictReader(f)}
    annotators: dict[str, list[str]] = defaultdict(list)
    with (folder / "typed_annotations.excl_tsd_test.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            annotators[row["comment_id"]].append(row["annotation"])
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    with (folder / "typed_spans.excl_tsd_test.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kind = SPAN_TYPES.get(row["type"])
            if kind is not None:
                spans[row["annotation"]].append((kind, int(row["start"]), int(row["end"])))
    out = []
    for comment_id, text in texts.items():
        names = annotators.get(comment_id, [])
        if not names:
            continue
        marked: dict[str, int] = defaultdict(int)
        voters: dict[int, set[str]] = defaultdict(set)
        votes: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for name in names:
            kinds = {kind for kind, _, _ in spans[name]}
            for kind in kinds:
                marked[kind] += 1
            for kind, start, end in spans[name]:
                for offset in range(max(start, 0), min(end, len(text))):
                    voters[offset].add(name)
                    votes[offset][kind] += 1
        chars = {}
        for offset, who in voters.items():
            if 2 * len(who) >= len(names):
                chars[offset] = max(votes[offset].items(), key=lambda kv: (kv[1], kv[0]))[0]
        share = {kind: marked[kind] / len(names) for kind in set(SPAN_TYPES.values())}
        out.append(Typed(text, share, chars))
    return out


def semeval_spans(root: Path = DATA) -> list[Spans]:
    path = root / "toxic_spans" / "tsd_train.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Spans(row["text"], frozenset(json.loads(row["spans"])))
            for row in csv.DictReader(handle)
        ]
