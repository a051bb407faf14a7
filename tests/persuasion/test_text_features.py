"""Tokens, word forms and the features both models see."""

from __future__ import annotations

import pytest
from training.persuasion_data import line_sentences

from newsift.persuasion.features import (
    CLASSIFIER_BUCKETS,
    TAGGER_BUCKETS,
    ArticleContext,
    Sentence,
    bucket,
    span_features,
    token_features,
)
from newsift.persuasion.text import norm, shape, tokenize


def test_tokenize_offsets() -> None:
    text = "\ufeffIt's a so-called “plan”, 2019!"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "\ufeff",
        "It's",
        "a",
        "so-called",
        "“",
        "plan",
        "”",
        ",",
        "2019",
        "!",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("Democrats", "<name>"),
        ("Republicans", "<name>"),
        ("Trump's", "<name>"),
        ("Obama", "<name>"),
        ("GOP", "<name>"),
        ("Liberal", "liberal"),  # ideology words are not folded
        ("Reckless", "reckless"),
        ("1999", "0000"),
        ("don’t", "don't"),
    ],
)
def test_norm(word: str, form: str) -> None:
    assert norm(word) == form


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Word", "Xx"), ("word", "x"), ("NATO", "X"), ("42", "0"), ("!", "p"), ("iPhone", "m")],
)
def test_shape(word: str, expected: str) -> None:
    assert shape(word) == expected


def test_line_sentences_one_per_line() -> None:
    text = "Title here\n\nFirst line.\nSecond line!\n"
    sentences = line_sentences(text)
    assert [text[s.tokens[0].start : s.tokens[-1].end] for s in sentences] == [
        "Title here",
        "First line.",
        "Second line!",
    ]


def test_repetition_is_seen_across_sentences() -> None:
    text = "Build the wall now.\nWe will build the wall.\nTaxes went up."
    sentences = line_sentences(text)
    context = ArticleContext.build(sentences, text)
    assert context.ngram_sentences[("build", "the", "wall")] == 2
    assert context.word_counts["wall"] == 2
    rep3 = bucket("rep3", TAGGER_BUCKETS)
    first = token_features(sentences[0], context)
    third = token_features(sentences[2], context)
    assert rep3 in first[1]  # "the" sits in the repeated trigram
    assert all(rep3 not in row for row in third)
    span = span_features(text, sentences[0], 0, 14, context)  # "Build the wall"
    assert bucket("times:2", CLASSIFIER_BUCKETS) in span


def test_partisan_names_give_identical_features() -> None:
    a = "Democrats pushed a reckless plan."
    b = "Republicans pushed a reckless plan."
    rows = []
    for text in (a, b):
        sentence = Sentence(tokenize(text))
        context = ArticleContext.build([sentence], text)
        rows.append(
            (
                token_features(sentence, context),
                span_features(text, sentence, 0, len(text) - 1, context),
            )
        )
    assert rows[0][0] == rows[1][0]
    assert rows[0][1] == rows[1][1]
