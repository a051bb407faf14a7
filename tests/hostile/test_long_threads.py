"""Long pages (issue 14, defect 9): a 5,000-comment thread analyses, and the faster forms keep results.

Speed lives in ``benchmarks/long_threads.py``; here: the default pipeline on a
5,000-comment page gives every comment its toxicity entry (past the MiniLM
budget, from the n-gram model, marked so), and every function made linear or
n log n gives what its plain quadratic form gives, on written edge cases and
on seeded random ones.
"""

from __future__ import annotations

import math
import random
import sys
import zlib
from collections import Counter
from itertools import pairwise
from types import SimpleNamespace
from typing import Any

import pytest

from newsift.attribution.quotes import Speech, drop_nested
from newsift.claims.analyzer import QUOTE_COVER, link_quotes
from newsift.claims.annotations import Claim
from newsift.comments import analyzer as comments_analyzer
from newsift.comments import features
from newsift.comments.forensics import DUPLICATE_JACCARD, jaccard, near_duplicates, shingles
from newsift.comments.names import fold_people
from newsift.document import Region, Span
from newsift.persuasion.analyzer import QuoteIndex, QuoteSpan, split_at_quotes
from newsift.structure.replies import Authors as _Authors
from newsift.structure.replies import normalise_name as _normalise_name
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import long_threads
finally:
    sys.path.pop(0)


# --- the whole pipeline on 5,000 comments ----------------------------------------------------
def test_five_thousand_comments_each_get_a_toxicity_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsift
    from newsift.encoders import choose_encoder

    # a small budget (3,000 tokens at 5,000 comments) keeps the test quick and crosses it
    monkeypatch.setattr(comments_analyzer, "ENCODER_TOKENS", 38_000)
    assert comments_analyzer.encoder_budget(5000) == 3_000
    doc = newsift.load(long_threads.page(5000), kind="dump", reference_date="2025-06-01")
    newsift.Pipeline.from_config(newsift.DEFAULT_PIPELINE)(doc)
    assert len(doc.comments) == 5000
    items = doc.layers["toxicity"]
    assert [t.region for t in items] == [c.id for c in doc.comments]
    (thread,) = doc.layers["thread"]
    assert thread.comments == 5000
    assert thread.offensive == sum(t.offensive for t in items) > 0
    fallback = [t.model for t in items]
    if choose_encoder("auto") is None:  # the n-gram model scores everything: nothing to say
        assert set(fallback) == {None} and thread.without_encoder == 0
        return
    first = fallback.index("toxicity-v1")  # the comments within the budget come first
    assert 0 < first < 200 and set(fallback[:first]) == {None}
    assert set(fallback[first:]) == {"toxicity-v1"}
    assert thread.without_encoder == 5000 - first
    assert thread.to_dict()["without_encoder"] == 5000 - first
    assert items[-1].to_dict()["model"] == "toxicity-v1" and "model" not in items[0].to_dict()


def test_a_short_thread_says_nothing_of_the_budget() -> None:
    from newsift.comments.annotations import ThreadSummary, Toxicity

    scores = dict.fromkeys(("offensive", "insult", "identity_attack", "threat", "profanity"), 0.1)
    item = Toxicity("c0", scores, False)
    assert "model" not in item.to_dict()
    assert Toxicity.from_dict(item.to_dict()) == item
    marked = Toxicity("c0", scores, False, model="toxicity-v1")
    assert Toxicity.from_dict(marked.to_dict()) == marked
    summary = ThreadSummary(1, 1, 0, 0, 0.0)
    assert "without_encoder" not in summary.to_dict()
    over = ThreadSummary(3, 1, 2, 0, 0.0, without_encoder=2)
    assert ThreadSummary.from_dict(over.to_dict()) == over


def test_the_budget_shrinks_as_the_thread_grows() -> None:
    budget = comments_analyzer.encoder_budget
    assert budget(0) == comments_analyzer.ENCODER_TOKENS
    assert budget(1000) > 40 * 850 > budget(5000) > 0  # 850 typical comments fit in full
    assert budget(100_000) == 0


def test_encoder_share_counts_tokens_in_thread_order() -> None:
    from newsift.comments.model import ToxicityModel
    from newsift.encoders.minilm import minilm_available

    if not minilm_available():
        pytest.skip("the minilm extra is not installed")
    model = ToxicityModel.load(encoder="minilm")
    assert model.encoder is not None
    texts = ["Hello there.", "A much longer comment about the council budget vote.", "Ok."]
    counts = model.encoder.token_counts(texts)  # type: ignore[attr-defined]
    share = comments_analyzer.encoder_share
    assert share(model, texts, sum(counts)) == 3
    assert share(model, texts, sum(counts) - 1) == 2
    assert share(model, texts, counts[0]) == 1
    assert share(model, texts, counts[0] - 1) == 0
    assert share(ToxicityModel.load(encoder="none"), texts, 0) == 3  # no encoder, no budget


# --- the plain forms the fast ones must match --------------------------------------------------
def plain_drop_nested(speeches: list[Speech]) -> list[Speech]:
    return [
        s
        for s in speeches
        if not any(
            o is not s and o.content is not None and o.content.start <= s.cue.start < o.content.end
            for o in speeches
        )
    ]


def plain_link(claims: list[Claim], quotes: list[Any]) -> list[tuple[str | None, str | None]]:
    out = []
    for claim in claims:
        length = max(claim.span.end - claim.span.start, 1)
        best, cover = None, QUOTE_COVER
        for quote in quotes:
            overlap = min(claim.span.end, quote.content.end) - max(
                claim.span.start, quote.content.start
            )
            if overlap / length >= cover:
                best, cover = quote, overlap / length
        out.append((best.id, best.source) if best else (None, None))
    return out


def plain_split(
    start: int, end: int, quotes: list[QuoteSpan]
) -> list[tuple[int, int, QuoteSpan | None]]:
    cuts = {start, end}
    for q in quotes:
        cuts.update(x for x in (q.start, q.end) if start < x < end)
    return [
        (a, b, next((q for q in quotes if q.start <= a and b <= q.end), None))
        for a, b in pairwise(sorted(cuts))
    ]


def plain_latest_by(by_author: list[tuple[str, Region]], wanted: str) -> Region | None:
    target = _normalise_name(wanted)
    best = None
    for author, region in by_author:
        if author and (target == author or target.startswith(author) or author.startswith(target)):
            best = region
    return best


def plain_near_duplicates(texts: list[str]) -> list[int | None]:
    sets = [shingles(t) for t in texts]
    out: list[int | None] = []
    for i, current in enumerate(sets):
        found = None
        for j in range(i):
            if jaccard(current, sets[j]) >= DUPLICATE_JACCARD:
                found = j if out[j] is None else out[j]
                break
        out.append(found)
    return out


def plain_char_counts(text: str) -> dict[int, float]:
    cleaned = fold_people(features.clean(text), features.PERSON_PLACEHOLDER)
    lower = features.fold_political_names(features._REPEAT.sub(r"\1\1", cleaned.lower()))
    padded = " " + features._DIGIT.sub("0", lower) + " "
    counts: Counter[int] = Counter(
        features.HALF + zlib.crc32(padded[i : i + n].encode("utf-8")) % features.HALF
        for n in features.CHAR_NGRAMS
        for i in range(len(padded) - n + 1)
    )
    norm = math.sqrt(sum(v * v for v in counts.values()))
    return {k: v / norm for k, v in counts.items()} if norm else {}


def speech(cue: int, content: tuple[int, int] | None) -> Speech:
    return Speech(Span(cue, cue + 4), 0, content=Span(*content) if content else None)


DROP_CASES = [
    [],
    [speech(5, None)],
    [speech(5, (10, 20)), speech(12, (30, 40))],  # the second's cue lies in the first's content
    [speech(15, (10, 20))],  # a cue in its own content stays
    [speech(15, (10, 20)), speech(15, (10, 20))],  # each inside the other's
    [speech(20, (10, 20)), speech(10, (10, 20)), speech(9, None)],  # edges: end excluded
    [speech(50, (0, 100)), speech(60, (40, 55)), speech(45, (44, 46))],
]


@pytest.mark.parametrize("speeches", DROP_CASES)
def test_drop_nested_matches_the_plain_form(speeches: list[Speech]) -> None:
    assert drop_nested(speeches) == plain_drop_nested(speeches)


def test_drop_nested_on_random_statements() -> None:
    rng = random.Random(9)
    for _ in range(300):
        found = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 60)
            content = (a, a + rng.randint(0, 30)) if rng.random() < 0.8 else None
            found.append(speech(rng.randint(0, 90), content))
        if found and rng.random() < 0.2:
            found.append(found[0])  # the same statement twice
        assert [id(s) for s in drop_nested(found)] == [id(s) for s in plain_drop_nested(found)]


def quote(ident: str, start: int, end: int) -> SimpleNamespace:
    return SimpleNamespace(id=ident, source=f"s-{ident}", content=Span(start, end))


def claim(start: int, end: int) -> Claim:
    return Claim(Span(start, end), 0.5, 1, True)


LINK_CASES = [
    ([claim(0, 10)], []),
    ([claim(0, 10)], [quote("q1", 0, 10)]),
    ([claim(0, 10)], [quote("q1", 0, 4), quote("q2", 4, 10)]),  # 0.4 and 0.6 cover
    ([claim(0, 10)], [quote("q1", 0, 5), quote("q2", 5, 10)]),  # a tie: the later one wins
    ([claim(0, 10), claim(10, 30)], [quote("q1", 2, 25), quote("q2", 0, 100)]),
    ([claim(5, 5)], [quote("q1", 0, 10)]),  # an empty sentence
    ([claim(0, 10)], [quote("q1", 20, 30), quote("q2", 10, 12)]),  # touching, not overlapping
]


@pytest.mark.parametrize(("claims", "quotes"), LINK_CASES)
def test_link_quotes_matches_the_plain_form(claims: list[Claim], quotes: list[Any]) -> None:
    linked = link_quotes(claims, quotes)
    assert [(c.quote, c.source) for c in linked] == plain_link(claims, quotes)


def test_link_quotes_on_random_pages() -> None:
    rng = random.Random(11)
    for _ in range(300):
        claims = [claim(a, a + rng.randint(0, 40)) for a in sorted(rng.sample(range(200), 6))]
        quotes = []
        for k in range(rng.randint(0, 8)):
            a = rng.randint(0, 220)
            quotes.append(quote(f"q{k}", a, a + rng.randint(0, 60)))
        linked = link_quotes(claims, quotes)
        assert [(c.quote, c.source) for c in linked] == plain_link(claims, quotes)


SPLIT_QUOTES = [QuoteSpan("q1", 10, 20, "s1"), QuoteSpan("q2", 15, 40, None)]
SPLIT_CASES = [
    (0, 50, []),
    (0, 50, SPLIT_QUOTES),
    (12, 18, SPLIT_QUOTES),
    (20, 20, SPLIT_QUOTES),
    (40, 60, SPLIT_QUOTES),  # touching the end of q2
    (0, 10, SPLIT_QUOTES),  # touching the start of q1
    (0, 30, [QuoteSpan("q3", 5, 5, None), *SPLIT_QUOTES]),  # an empty quote
]


@pytest.mark.parametrize(("start", "end", "quotes"), SPLIT_CASES)
def test_split_at_quotes_matches_the_plain_form(
    start: int, end: int, quotes: list[QuoteSpan]
) -> None:
    assert split_at_quotes(start, end, quotes) == plain_split(start, end, quotes)
    assert split_at_quotes(start, end, QuoteIndex(quotes)) == plain_split(start, end, quotes)


def test_split_at_quotes_on_random_pages() -> None:
    rng = random.Random(13)
    for _ in range(300):
        quotes = []
        for k in range(rng.randint(0, 8)):
            a = rng.randint(0, 100)
            quotes.append(QuoteSpan(f"q{k}", a, a + rng.randint(0, 40), None))
        index = QuoteIndex(quotes)
        for _ in range(5):
            a = rng.randint(0, 120)
            b = a + rng.randint(0, 50)
            assert split_at_quotes(a, b, index) == plain_split(a, b, quotes)


def test_reply_parents_match_the_plain_search() -> None:
    rng = random.Random(17)
    names = ["Ann Lee", "Ann", "Anne Lee", "Bo", "bo.k", "Lee", "A", "Ann Lee-Smith", "@ann_lee"]
    wanted = [*names, "Nobody", "An", "@", "Ann Lee Smith", "BO"]
    for _ in range(100):
        authors = _Authors()
        plain: list[tuple[str, Region]] = []
        for k in range(rng.randint(0, 12)):
            region = Region(f"c{k}", "comment", k, k + 1)
            name = _normalise_name(rng.choice(names)) if rng.random() < 0.9 else ""
            authors.add(name, region)
            plain.append((name, region))
            for name_wanted in wanted:
                assert authors.latest_by(name_wanted) == plain_latest_by(plain, name_wanted)


def test_near_duplicates_match_the_plain_search() -> None:
    rng = random.Random(19)
    words = [
        "the",
        "council",
        "vote",
        "hospital",
        "closed",
        "again",
        "today",
        "rates",
        "went",
        "up",
        "and",
        "down",
    ]
    texts: list[str] = []
    for _ in range(120):
        if texts and rng.random() < 0.3:
            base = rng.choice(texts).split()
            base[rng.randrange(len(base))] = rng.choice(words)  # a near copy
            texts.append(" ".join(base + rng.sample(words, rng.randint(0, 2))))
        else:
            texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))))
    assert near_duplicates(texts) == plain_near_duplicates(texts)


def test_comment_character_features_match_the_plain_hashing() -> None:
    rng = random.Random(21)
    texts = ["", "ok", "Vote them ALL out!!! 2025 www.x.com", "Trudeau and the Liberals again"]
    texts += [" ".join(long_threads.comment_text(rng)) for _ in range(40)]
    for text in texts:
        found = features.comment_features(text)
        chars = {k: v for k, v in found.items() if k >= features.HALF}
        assert list(chars.items()) == list(plain_char_counts(text).items())  # order too
