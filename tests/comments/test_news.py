"""The news-comment head: cross-validated fit, the rule that picks ``beta``, the folded blend."""

from __future__ import annotations

import numpy as np
import pytest

from newsift.comments import data, news

pytest.importorskip("sklearn", reason="the train extra (scikit-learn) is not installed")


def _set(
    name: str, pooled: list[float], news_scores: list[float], gold: list[bool]
) -> news.BlendSet:
    return news.BlendSet(name, np.array(pooled), np.array(news_scores), np.array(gold))


GOLD = [False, False, False, True, True, True]
#: the pooled head orders OLID perfectly and SOCC badly; the news head the other way round
OLID_GOOD = _set("olid", [0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], GOLD)
SOCC_BAD = _set("socc", [5, 4, 3, 2, 1, 0], [0, 1, 2, 3, 4, 5], GOLD)
UCC_FLAT = _set("ucc", [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], GOLD)
#: the news head helps SOCC and does no harm to OLID
OLID_NEUTRAL = _set("olid", [0, 1, 2, 3, 4, 5], [0, 0, 0, 0, 0, 0], GOLD)


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        # any weight on the news head breaks OLID's order: the tolerance keeps beta at 0
        ([SOCC_BAD, OLID_GOOD, UCC_FLAT], 0.0),
        # the news head costs OLID nothing: the smallest beta that puts SOCC in order
        ([SOCC_BAD, OLID_NEUTRAL, UCC_FLAT], 1.5),
    ],
)
def test_beta_rule(sets: list[news.BlendSet], expected: float) -> None:
    lines: list[str] = []
    assert news.choose_beta(sets, lines.append) == expected
    assert len(lines) == len(news.BETA_GRID)


def test_news_part_is_beta_times_gate_times_news() -> None:
    rng = np.random.default_rng(0)
    found = news.NewsHead(
        dense=rng.normal(size=384), bias=-0.2, c=0.3, cv_auc=0.7, texts=[],
        labels=np.array([], dtype=np.bool_), out_of_fold=np.array([]),
    )  # fmt: skip
    gate = news.Gate(rng.normal(size=384), 0.1, 0.99)
    vectors = rng.normal(size=(5, 384))
    part = news.news_part(found, gate, 2.0)
    expected = 2.0 * gate.probability(vectors) * found.raw(vectors)
    assert part.term(vectors) == pytest.approx(expected, rel=1e-5)


def test_gate_tells_news_comments_from_tweets() -> None:
    rng = np.random.default_rng(2)
    texts: dict[str, list[str]] = {"socc": [], "olid": []}
    vectors = {}
    for i in range(400):
        corpus = "socc" if i % 2 else "olid"
        vector = rng.normal(size=384)
        vector[1] += 4.0 if corpus == "socc" else -4.0
        text = f"{corpus} text {i}"
        texts[corpus].append(text)
        vectors[text] = vector.astype(np.float32)
    gate = news.fit_gate(texts, vectors)
    assert gate.accuracy > 0.95
    probe = np.zeros((2, 384))
    probe[:, 1] = (4.0, -4.0)
    high, low = gate.probability(probe)
    assert high > 0.9 > 0.1 > low


def test_news_head_learns_a_direction_and_scores_out_of_fold() -> None:
    rng = np.random.default_rng(1)
    rows, vectors = [], {}
    for i in range(120):
        toxic = i % 4 == 0
        text = f"comment {i}"
        vector = rng.normal(size=384).astype(np.float32)
        vector[0] += 6.0 if toxic else 0.0
        rows.append(data.Labelled(text, {"toxic": toxic}))
        vectors[text] = vector
    found = news.fit_news_head(rows, vectors)
    assert found.texts == [r.text for r in rows]
    assert found.c in news.NEWS_C_GRID
    assert found.cv_auc > 0.8
    assert found.out_of_fold.shape == (len(rows),)
    assert found.dense[0] > 0  # the planted direction
