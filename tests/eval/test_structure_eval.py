from __future__ import annotations

from pathlib import Path

import pytest

import newsift
from newsift.eval.structure import aggregate, load_truth, score_page

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "structure"
DEV_PAGES = sorted(DATA.glob("dev/*.txt")) + sorted(DATA.glob("hard-dev/*.txt"))


@pytest.mark.parametrize("path", DEV_PAGES, ids=[p.stem for p in DEV_PAGES])
def test_dev_dumps_match_their_truth(path: Path) -> None:
    truth = load_truth(path.with_name(path.stem + ".truth.json"))
    doc = newsift.analyze(path, reference_date=truth.get("reference_date"))
    assert score_page(doc, truth).mismatches == []


def test_scoring_notices_each_kind_of_error() -> None:
    text = "Title\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nBody.\n\nJo\nJo\n2 days ago\n\nHi.\n\nMore.\n"
    doc = newsift.analyze(text)
    truth = {
        "headline": "Title",
        "published": "2025-03-04",
        "author": "Someone Else",
        "author_bio": None,
        "body_paragraphs": 1,
        "comments": [{"author": "Jo", "when": "2 days ago", "starts": "Hi.", "paragraphs": 1}],
    }
    score = score_page(doc, truth)
    assert not score.fields["author"] and score.fields["headline"]
    assert score.matched_comments == 0  # the comment has two paragraphs, truth says one
    total = aggregate([score])
    assert (
        total.comment_recall == 0.0 and total.comment_precision == 0.0 and total.comment_f1 == 0.0
    )
