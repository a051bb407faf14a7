"""The annotated news pages of ``benchmarks/data/claims_pages`` (issue 16).

Each truth file holds, per body sentence of a real page, its offsets into the
page's human-marked ``articleBody`` (in ``../shared/data/extraction/zyte_aeb``)
and its check-worthiness label (``docs/claims-guideline.md``); the text itself
stays in the shared data. :func:`load_pages` rebuilds the sentences and
refuses a page whose text no longer matches the recorded hash. Used by
``training.claims`` (dev pages: the news layer) and
``benchmarks/claims.py`` (test pages: reporting).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.document import Document, Region, Span
from training.paths import BENCHMARK_DATA, SHARED_DATA

PAGES = BENCHMARK_DATA / "claims_pages"
GROUND_TRUTH = SHARED_DATA / "extraction" / "zyte_aeb" / "ground-truth.json"


@dataclass(frozen=True, slots=True)
class NewsPage:
    """One annotated page: its ``body`` text, sentence ``spans`` and their ``labels``."""

    id: str
    split: str
    genre: str
    url: str
    body: str
    spans: tuple[Span, ...]
    labels: tuple[bool, ...]

    @property
    def texts(self) -> list[str]:
        return [self.body[s.start : s.end] for s in self.spans]

    def document(self) -> Document:
        """The body as a document whose body paragraphs are the lines of ``articleBody``,
        so the analyzer's sentences are the annotated ones."""
        paragraphs: list[Span] = []
        at = 0
        for line in self.body.split("\n"):
            if line.strip():
                paragraphs.append(Span(at, at + len(line)))
            at += len(line) + 1
        end = paragraphs[-1].end if paragraphs else 0
        region = Region("r1", "body", 0, end, paragraphs)
        return Document(self.body, id=self.id, layers={"regions": [region]})


def available(ground_truth: Path = GROUND_TRUTH) -> bool:
    """Whether the shared text the pages point into is on this machine."""
    return ground_truth.is_file()


def load_pages(
    split: str, pages: Path = PAGES, ground_truth: Path = GROUND_TRUTH
) -> list[NewsPage]:
    """The pages of ``split`` (``dev`` or ``test``), in page-id order."""
    if split not in {"dev", "test"}:
        raise ValueError(f"unknown split {split!r}")
    bodies: dict[str, Any] = json.loads(ground_truth.read_text(encoding="utf-8"))
    out: list[NewsPage] = []
    for path in sorted((pages / split).glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        body = bodies[truth["key"]]["articleBody"]
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != truth["body_sha256"]:
            raise ValueError(f"{path.name}: the shared articleBody changed since annotation")
        rows = truth["sentences"]
        out.append(
            NewsPage(
                path.stem,
                split,
                truth["genre"],
                truth["url"],
                body,
                tuple(Span(r["start"], r["end"]) for r in rows),
                tuple(bool(r["checkworthy"]) for r in rows),
            )
        )
    return out
