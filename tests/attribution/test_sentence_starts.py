"""Attribution's parse starts a sentence wherever the page's shared segmentation does.

The parser may split a shared sentence further (see docs/architecture.md, "One
sentence segmentation per page"), never across two: every sentence of the parse
lies inside one sentence of :func:`~newsift.text.sentences.document_sentences`,
the one claims and persuasion read. The pages are tests/test_shared_sentences.py's.
"""

from __future__ import annotations

import pytest

from newsift.text.sentences import document_sentences
from tests.test_shared_sentences import PAGES, page


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_parsed_sentence_lies_inside_one_shared_sentence(name: str, analyse: object) -> None:
    from newsift.attribution.analyzer import for_parser
    from newsift.attribution.nlp import load_english  # loaded: ``analyse`` skips without it

    english = load_english()
    doc = page(PAGES[name])
    shared = document_sentences(doc)
    for paragraph in doc.regions_of("body")[0].paragraphs:
        parsed = english(for_parser(doc.span_text(paragraph)))
        starts = set()
        for sentence in parsed.sents:
            text = sentence.text.strip()
            if not text:
                continue
            a = paragraph.start + sentence.start_char + sentence.text.index(text)
            b = a + len(text)
            starts.add(a)
            inside = [s for s in shared if s.start <= a and b <= s.end]
            assert len(inside) == 1, (name, text)
        # and the parse starts a sentence wherever the shared segmentation does
        assert {s.start for s in shared if paragraph.start <= s.start < paragraph.end} <= starts


def test_the_parse_follows_where_the_parser_alone_would_not(analyse: object) -> None:
    """The shared segmentation ends a sentence at "P." here (read as "p. 12"); spaCy alone
    does not, seeded it does, so claims and attribution still agree on the page."""
    from newsift.attribution.nlp import load_english

    doc = page(["Police stopped a car driven by Jonathan P. Blair, 29, of Jolinda Drive."])
    paragraph = doc.regions_of("body")[0].paragraphs[0]
    shared = {s.start - paragraph.start for s in document_sentences(doc)}
    assert len(shared) == 2
    assert {s[0].idx for s in load_english()(doc.span_text(paragraph)).sents} == shared
