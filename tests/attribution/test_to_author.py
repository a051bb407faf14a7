"""Statements made to the writer (issue 15, class 4): "told me" in the cue, and
"who spoke to me", "speaking to me", "when I asked" in clauses about the speaker
or around the cue; the anonymity reason read from the same clause.

Each row: a text, the speaker phrase of the statement, whether it was said to
the writer, and the anonymity reason expected for its source (None: none).
Names are invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.document import Document

Analyse = Callable[[str], Document]

CASES = [
    (
        "A former diplomat, who spoke to me on the condition of anonymity because he still "
        "advises the cabinet, said the talks had failed.",
        "A former diplomat, who spoke to me on the condition of anonymity because he still "
        "advises the cabinet",
        True,
        "he still advises the cabinet",
    ),
    (
        "A senior aide, who talked with this reporter on condition of anonymity to discuss "
        "internal deliberations, said the deal was off.",
        "A senior aide, who talked with this reporter on condition of anonymity to discuss "
        "internal deliberations",
        True,
        "to discuss internal deliberations",
    ),
    (
        "Speaking to me from her office, Mara Quist said the budget was a fiction.",
        "Mara Quist",
        True,
        None,
    ),
    ("The senator said in an email to me that the vote was rigged.", "The senator", True, None),
    ("Tomas Reyl told the author that the port would close.", "Tomas Reyl", True, None),
    (
        "In a conversation with me last week, the economist Ivo Brandt said the plan was doomed.",
        "the economist Ivo Brandt",
        True,
        None,
    ),
    ("Lena Fisk wrote to me that the school would reopen.", "Lena Fisk", True, None),
    ("Dag Holm told this reporter that the mill would close.", "Dag Holm", True, None),
    ("Vera Lind said in an interview with me that the count was wrong.", "Vera Lind", True, None),
    (
        "When I reached him by phone, Otto Brask said the bridge was unsafe.",
        "Otto Brask",
        True,
        None,
    ),
    # negatives
    ("Karl Ostby told reporters that the deal was dead.", "Karl Ostby", False, None),
    (
        "An official who spoke to reporters on condition of anonymity said the army had withdrawn.",
        "An official who spoke to reporters on condition of anonymity",
        False,
        None,
    ),
    (
        "The minister said in an interview with the BBC that prices would fall.",
        "The minister",
        False,
        None,
    ),
    (
        "The figures were old, Ines Marr told the author of the study.",
        "Ines Marr",
        False,
        None,
    ),
    (
        "An economist who knows me well said the plan would fail.",
        "An economist who knows me well",
        False,
        None,
    ),
    (
        "Speaking to reporters in Rome, Piet Smeets said the ferry would run.",
        "Piet Smeets",
        False,
        None,
    ),
]


@pytest.mark.parametrize(("text", "speaker", "to_author", "reason"), CASES)
def test_to_author(
    analyse: Analyse, text: str, speaker: str, to_author: bool, reason: str | None
) -> None:
    doc = analyse(text)
    quotes = [
        q
        for q in doc.layers["quotes"]
        if q.speaker is not None and doc.text[q.speaker.start : q.speaker.end] == speaker
    ]
    assert quotes, [
        doc.text[q.speaker.start : q.speaker.end] for q in doc.layers["quotes"] if q.speaker
    ]
    assert quotes[0].to_author is to_author
    source = next(s for s in doc.layers["sources"] if s.id == quotes[0].source)
    assert source.to_author is to_author
    assert source.anonymous_reason == reason
    if reason is not None:
        span = source.anonymous_reason_span
        assert span is not None and doc.text[span.start : span.end] == reason
