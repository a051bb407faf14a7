"""The claims in the report and in `newsift show`: short list, claimant, fact-check outcome."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from newsift.document import Document
from newsift.report import render_html, render_markdown
from newsift.summary import summarise

SAMPLE = json.loads(
    (Path(__file__).parents[1] / "report" / "sample-report.json").read_text(encoding="utf-8")
)
MATCH = {
    "id": "fc-1",
    "claim": "Rural hospital closures raise emergency death rates",
    "rating": "Mostly true",
    "url": "https://factcheck.example/rural-er",
    "date": "2024-03-02",
    "outlet": "Valley Checks",
    "score": 0.71,
}


def _with_new_fields() -> dict[str, Any]:
    """The sample with claims as this version writes them: two listed, the first by the
    author and searched with nothing found, the second from a document with a match."""
    data = copy.deepcopy(SAMPLE)
    ranked = sorted(data["claims"], key=lambda c: c["rank"])
    for claim in ranked:
        claim.update(shortlist=False, claimant="author", searched=False, matches=[])
    first, second = ranked[0], ranked[1]
    first.update(shortlist=True, claimant="author", searched=True)
    second.update(shortlist=True, claimant="document", source="s2", searched=True)
    second["matches"] = [MATCH]
    return data


@pytest.mark.parametrize(
    "expected",
    [
        "2</span> on the short list",
        "Unsourced factual claim by the author.",
        "No past fact-check found in the index.",
        "from a document: the system&#x27;s own closure filing",
        "<strong>Mostly true</strong> (Valley Checks, 2024-03-02)",
        'href="https://factcheck.example/rural-er"',
        "more check-worthy sentences, by rank",
    ],
)
def test_html_claims_section(expected: str) -> None:
    assert expected in render_html(_with_new_fields())


def test_html_marks_only_the_short_list() -> None:
    page = render_html(_with_new_fields())
    assert 'id="claim-1"' in page and 'id="claim-2"' in page and 'id="claim-3"' not in page


def test_markdown_claims() -> None:
    text = render_markdown(_with_new_fields())
    assert "### Claims to check (short list: 2;" in text
    assert "unsourced: the author's own claim" in text and "No past fact-check found." in text
    assert "Past fact-check: Mostly true (Valley Checks, 2024-03-02)" in text


def test_show_claims() -> None:
    data = {k: v for k, v in _with_new_fields().items() if k not in {"toxicity", "thread"}}
    doc = Document.from_dict(data)
    text = summarise(doc, width=200)
    assert "claims: 2 on the short list" in text and "1 unsourced, by the author" in text
    assert "UNSOURCED: the author's own claim" in text
    assert "from a document: the system's own closure filing" in text
    assert "no past fact-check found" in text
    assert "past fact-check: Mostly true (Valley Checks, 2024-03-02) https://factcheck" in text
