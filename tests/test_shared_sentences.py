"""One sentence segmentation per page: claims, persuasion and attribution read the same one.

:func:`newsift.text.sentences.document_sentences` is the page's segmentation;
claims and persuasion take their sentences from it, and attribution's spaCy
parse starts a sentence wherever it does (the parser may split further), so
every sentence of the parse lies inside one shared sentence (checked in
tests/attribution/test_sentence_starts.py over the same pages). Table-driven over
the cases where a splitter and a parser part ways: abbreviations, initials,
quotations, lists, headings without a full stop.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.document import Document, Meta, Region, Span
from newsift.text.sentences import document_sentences, paragraph_sentences, split_sentences

#: name -> the body's paragraphs
PAGES: dict[str, list[str]] = {
    "abbreviations": [
        "Dr. Ada Lee met Sen. Bob Casey Jr. on Monday. They spoke for an hour.",
        "Sens. Rand Paul and Marco Rubio voted no. Gov. Jones did not.",
    ],
    "initials": [
        "Jonathan P. Blair, 29, of Jolinda Drive was held. Police said he fled.",
        "J. R. R. Tolkien wrote it. The U.S. economy grew. He moved to the U.S. The next day "
        "he left.",
    ],
    "quotes": [
        "“It’s noise. Talk is cheap,” said Unruh. “[Trump] doesn’t have the infrastructure.”",
        "He said “it is over.” Then he went home. “Why?” she asked.",
        "''I'm a little surprised,'' Mr. Trump said. ''More friendly people.''",
    ],
    "lists": [
        "Here is what to do:",
        "2. Take inventory",
        "10. Make a backup plan. Keep it somewhere safe.",
    ],
    "headings": [
        "Erdogan Is In Syria With A Green Light",
        "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday. He spoke "
        "briefly.",
        "They ate at the Harlem restaurant Sylvia's. Sharpton ate with Obama there.",
    ],
}


def page(paragraphs: list[str]) -> Document:
    """A Document whose body region holds ``paragraphs``, after a headline outside it."""
    headline = "A headline. Not the body"
    text = "\n\n".join([headline, *paragraphs])
    spans, at = [], len(headline) + 2
    for paragraph in paragraphs:
        spans.append(Span(at, at + len(paragraph)))
        at += len(paragraph) + 2
    regions = [
        Region("r1", "headline", 0, len(headline), [Span(0, len(headline))]),
        Region("r2", "body", spans[0].start, spans[-1].end, spans),
    ]
    return Document(text, meta=Meta(kind="text"), layers={"regions": regions})


@pytest.mark.parametrize("name", sorted(PAGES))
def test_document_sentences_split_each_body_paragraph(name: str) -> None:
    doc = page(PAGES[name])
    body = doc.regions_of("body")[0].paragraphs
    expected = [s for p in body for s in split_sentences(doc.text, p.start, p.end)]
    found = document_sentences(doc)
    assert found == expected
    # never across a paragraph, never outside the body
    assert all(any(p.start <= s.start < s.end <= p.end for p in body) for s in found)


def test_a_paragraph_is_split_once() -> None:
    """The second reader of a paragraph (another analyzer) gets the remembered spans."""
    text = "Dr. Ada Lee spoke on Monday. She left."
    first = paragraph_sentences(text)
    assert paragraph_sentences("".join(list(text))) is first  # an equal text, another object
    assert [text[s.start : s.end] for s in first] == ["Dr. Ada Lee spoke on Monday.", "She left."]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_claims_and_persuasion_see_the_same_sentences(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsift.claims.analyzer import body_sentences
    from newsift.persuasion import analyzer as persuasion

    seen: list[list[Span]] = []

    def capture(
        tagger: Any, classifier: Any, text: str, ranges: Any, quotes: Any = (), **_: Any
    ) -> list[Any]:
        seen.append(list(ranges))
        return []

    monkeypatch.setattr(persuasion, "find_techniques", capture)
    doc = page(PAGES[name])
    persuasion.TechniqueAnalyzer()(doc)
    assert seen == [body_sentences(doc)]
    assert seen[0] == document_sentences(doc)
