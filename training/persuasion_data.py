"""Read the Propaganda Techniques Corpus (PTC v2) training articles and the suggested split.

Reads ``derived/ptc_train.jsonl`` (the exact article texts, BOM kept, so the
gold character offsets hold) and ``splits/train-internal-split.tsv``; see
``../shared/data/propaganda/PROVENANCE.md``. In a PTC article each line is one
sentence, so :func:`line_sentences` is the sentence splitter for training.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from newsift.persuasion.features import Sentence
from newsift.persuasion.text import tokenize
from training.paths import SHARED_DATA

DATA = SHARED_DATA / "propaganda"
ARTICLES = DATA / "derived" / "ptc_train.jsonl"
SPLIT = DATA / "splits" / "train-internal-split.tsv"


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    si_spans: tuple[tuple[int, int], ...]
    tc_spans: tuple[tuple[int, int, str], ...]
    subset: str  # internal_train or internal_dev


def load_articles(data: Path = DATA) -> list[Article]:
    """Every training article with its gold spans and its subset, in file order."""
    with (data / "splits" / SPLIT.name).open(encoding="utf-8", newline="") as handle:
        subset = {
            row["article_id"]: row["subset"] for row in csv.DictReader(handle, delimiter="\t")
        }
    articles: list[Article] = []
    with (data / "derived" / ARTICLES.name).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            articles.append(
                Article(
                    id=row["article_id"],
                    text=row["text"],
                    si_spans=tuple((int(a), int(b)) for a, b in row["si_spans"]),
                    tc_spans=tuple((int(a), int(b), str(t)) for a, b, t in row["tc_spans"]),
                    subset=subset[row["article_id"]],
                )
            )
    return articles


def line_sentences(text: str) -> list[Sentence]:
    """One sentence per non-empty line (the PTC layout)."""
    sentences: list[Sentence] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        tokens = tokenize(text, start, end)
        if tokens:
            sentences.append(Sentence(tokens))
        start = end + 1
    return sentences
