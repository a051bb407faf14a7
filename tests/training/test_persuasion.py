"""Training helpers on hand-made articles, and the PTC reader on the shared copy."""

from __future__ import annotations

import pytest
from training.persuasion import covering_sentence, is_tuning, prepare, span_rows, token_rows
from training.persuasion_data import DATA, Article, line_sentences, load_articles

from newsift.persuasion.labels import TECHNIQUES

TEXT = "A Title\n\nThey are vile thugs.\nThe plan failed.\n"
VILE = TEXT.index("vile thugs")
ARTICLE = Article(
    id="1",
    text=TEXT,
    si_spans=((VILE, VILE + 10),),
    tc_spans=((VILE, VILE + 10, "Name_Calling,Labeling"), (VILE, VILE + 4, "Loaded_Language")),
    subset="internal_train",
)


def test_token_rows_label_tokens_inside_gold_spans() -> None:
    rows, labels = token_rows(prepare([ARTICLE]))
    tokens = [t.text for s in line_sentences(TEXT) for t in s.tokens]
    assert len(rows) == len(labels) == len(tokens)
    assert [t for t, y in zip(tokens, labels, strict=True) if y] == ["vile", "thugs"]


def test_span_rows_one_row_per_instance() -> None:
    rows, labels, keys = span_rows(prepare([ARTICLE]))
    assert labels == ["Name_Calling,Labeling", "Loaded_Language"]
    assert keys == [("1", VILE, VILE + 10), ("1", VILE, VILE + 4)]
    assert all(rows)


def test_covering_sentence_joins_lines_a_span_crosses() -> None:
    sentences = line_sentences(TEXT)
    one = covering_sentence(sentences, VILE, VILE + 4)
    assert [t.text for t in one.tokens] == ["They", "are", "vile", "thugs", "."]
    both = covering_sentence(sentences, VILE, TEXT.index("failed"))
    assert [t.text for t in both.tokens][-3:] == ["plan", "failed", "."]
    assert len(both.tokens) == len(both.words) == 9


def test_tuning_share_is_about_a_quarter() -> None:
    share = sum(is_tuning(str(100000000 + i)) for i in range(2000)) / 2000
    assert 0.2 < share < 0.3


@pytest.mark.skipif(not (DATA / "derived").is_dir(), reason=f"PTC data not found under {DATA}")
def test_shared_ptc_copy() -> None:
    articles = load_articles()
    assert len(articles) == 371
    assert sum(a.subset == "internal_dev" for a in articles) == 88
    assert sum(len(a.tc_spans) for a in articles) == 6128
    assert {label for a in articles for _, _, label in a.tc_spans} == set(TECHNIQUES)
    bom = next(a for a in articles if a.id == "705409419")
    assert bom.text.startswith("\ufeff")
    for a in articles:
        for start, end, _ in a.tc_spans:
            piece = a.text[start:end]
            assert piece and not piece[0].isspace() and not piece[-1].isspace()
