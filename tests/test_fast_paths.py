"""The fast mode's shortcuts (issue 18 item 6) give exactly what the plain steps give.

Page-wide counting (``ngrams.counted_rows``, ``joined_rows``, memo ``fill``),
words read by split (``lexicon.words``), a comment tokenised once where the
plain path tokenised it three times, and the small C-level rewrites of line
and name scans: each is held equal to the straightforward form on table cases
and seeded random ones.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from itertools import pairwise

import numpy as np
import pytest

from newsift.comments import features, lexicon, names, threats
from newsift.text import ngrams
from newsift.text.ngrams import (
    BucketMemo,
    PairMemo,
    PrefixedMemo,
    WordGrams,
    bucket,
    counted_rows,
    dict_rows,
    joined_rows,
    key_array,
    normalised,
)

PIECES = ["the", "Senate", "voted", "’s", "0%", "café", "naïve", "日本", "🙂", " ", "", "w:a"]


def _token_lists(seed: int, count: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [rng.choices(PIECES, k=rng.randint(0, 12)) for _ in range(count)]


def _slices(rows: ngrams.FlatRows) -> list[tuple[list[int], list[float]]]:
    starts, buckets, values = rows
    cuts = starts.tolist()
    return [(buckets[a:b].tolist(), values[a:b].tolist()) for a, b in pairwise(cuts)]


@pytest.mark.parametrize(
    ("seed", "texts", "span"),
    [(0, 0, 10), (1, 1, 10), (2, 40, 3), (3, 200, 1 << 18), (4, 30, 1 << 33)],
)
def test_counted_rows_are_normalised_counters(seed: int, texts: int, span: int) -> None:
    """Each text's row: the keys, order and values of ``normalised(Counter(...))``, also
    past 2**32 (the comparison sort) and for texts without features."""
    rng = np.random.default_rng(seed)
    lists = [rng.integers(0, span, int(rng.integers(0, 30))).tolist() for _ in range(texts)]
    flat, per_text = key_array(lists, texts)
    got = _slices(counted_rows(flat, per_text, span))
    assert len(got) == texts
    for keys, (buckets, values) in zip(lists, got, strict=True):
        plain = normalised(Counter(keys))
        assert buckets == list(plain) and values == list(plain.values())


@pytest.mark.parametrize("seed", range(4))
def test_joined_rows_concatenate_each_texts_parts(seed: int) -> None:
    rng = random.Random(seed)
    texts = rng.randint(0, 12)
    parts = [
        [
            {rng.randrange(1000): rng.random() for _ in range(rng.randint(0, 5))}
            for _ in range(texts)
        ]
        for _ in range(rng.randint(1, 3))
    ]
    got = _slices(joined_rows([dict_rows(part) for part in parts]))
    for i, (buckets, values) in enumerate(got):
        whole = [(k, v) for part in parts for k, v in part[i].items()]
        assert buckets == [k for k, _ in whole] and values == [v for _, v in whole]


@pytest.mark.parametrize(("size", "offset", "limit"), [(1 << 17, 0, 1 << 20), (7, 3, 4), (5, 0, 1)])
def test_memo_fill_is_the_plain_bucket(size: int, offset: int, limit: int) -> None:
    """Filled memos hold the buckets the one-by-one path computes, and never more
    strings than their limit."""
    plain = BucketMemo(size, offset, limit=limit)
    words = PrefixedMemo("w:", size, offset, limit=limit)
    pairs = PairMemo("b:", size, offset, limit=limit)
    for tokens in _token_lists(size + limit, 40):
        plain.fill(tokens)
        words.fill(tokens)
        pairs.fill(pairwise(tokens))
        assert all(len(m) <= limit for m in (plain, words, pairs))
        assert list(plain.buckets(tokens)) == [bucket(t, size, offset) for t in tokens]
        assert list(words.buckets(tokens)) == [bucket("w:" + t, size, offset) for t in tokens]
        assert list(pairs.buckets(pairwise(tokens))) == [
            bucket(f"b:{a} {b}", size, offset) for a, b in pairwise(tokens)
        ]


@pytest.mark.parametrize("seed", range(3))
def test_word_gram_rows_are_the_counts(seed: int) -> None:
    size = [1 << 17, 11, 2][seed]
    texts = _token_lists(seed, 30)
    got = _slices(WordGrams(size).rows(texts, size))
    for tokens, (buckets, values) in zip(texts, got, strict=True):
        plain = normalised(WordGrams(size).counts(tokens))
        assert buckets == list(plain) and values == list(plain.values())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "You're an a**hole, f*ck off @ 3am!",
        "don’t DON'T o'neill’s",
        "İstanbul KELVIN ſo ß straße",
        "naïve café 日本 🙂 x1y2",
        "a$$ b@d 1d10t m o r o n",
    ],
)
def test_words_by_split_are_the_reference_words(text: str) -> None:
    assert lexicon.words(text) == lexicon.words_reference(text)


def _plain_parts(text: str) -> tuple[dict[int, float], str, dict[int, float]]:
    """A comment's feature parts as the plain path had them: every step reads the
    words of its own text again (three times in all)."""
    cleaned, found_patterns = features.rewritten(text)
    shouted = features.shouting(cleaned)
    folded = names.fold_people(cleaned, features.PERSON_PLACEHOLDER)
    lower, words_folded = features.folded_words(features._REPEAT.sub(r"\1\1", folded.lower()))
    tokens = [w if w.isalpha() else features._DIGIT.sub("0", w) for w in words_folded]
    counts = WordGrams(features.WORD_BUCKETS).counts(tokens)
    cues: Counter[str] = Counter()
    for i, token in enumerate(tokens):
        found = features.PLACEHOLDER_CATEGORIES.get(token) or lexicon.categories(token)
        for category in found:
            cues["lex:" + category] += 1
        if "insult" in found and any(t in lexicon.SECOND_PERSON for t in tokens[max(0, i - 3) : i]):
            cues["lex:you_insult"] += 1
    if shouted:
        cues["shape:shouting"] += 1
    for cue, times in cues.items():
        counts[bucket(cue, features.WORD_BUCKETS)] += 2 * times
    cued: dict[int, float] = {}
    for name in found_patterns:
        at = features.pattern_bucket(name)
        cued[at] = cued.get(at, 0.0) + features.PATTERN_VALUE
    return normalised(counts), " " + features._DIGIT.sub("0", lower) + " ", cued


COMMENTS = [
    "",
    "Great piece, thanks.",
    "You are an IDIOT!!! Sooooo stupid, you moron.",
    "Trump and Biden both lied; Dana Whitcombe lied too. Ask Olu.",
    "The liberals and the Muslims, the gay men: you gay idiot.",
    "i d i o t, 1d10t, a$$hole, stuuuupid, idoit",
    "Newsom is a clown. Marta's post was fine. O'Neill’s reply? http://x.y @bob",
    "WHY DOES NOBODY READ THE ARTICLE BEFORE COMMENTING",
    "İstanbul’s mayor, KELVIN ſays: naïve café 🙂 2025 12 3rd",
    "Let's go Brandon. Smith should resign, Mr Jones said 'experts' lie.",
    "aaa bbb cccc Looool",
    "\u212aing Kelvin \u212aURT is a liar, \u0130zmir idiot, stra\u00dfe \u017fo",
]


@pytest.mark.parametrize("text", COMMENTS)
def test_a_comment_tokenised_once_has_the_plain_features(text: str) -> None:
    assert features._comment_parts(text) == _plain_parts(text)


@pytest.mark.parametrize("seed", range(3))
def test_random_comments_tokenised_once_have_the_plain_features(seed: int) -> None:
    rng = random.Random(seed)
    words = " ".join(COMMENTS).split(" ")
    for _ in range(150):
        text = " ".join(rng.choices(words, k=rng.randint(1, 25)))
        assert features._comment_parts(text) == _plain_parts(text), text


@pytest.mark.parametrize("text", COMMENTS)
def test_names_and_folds_with_known_words_are_the_plain_ones(text: str) -> None:
    found = lexicon.words(text)
    assert names.fold_people(text, "X", found) == names.fold_people(text, "X")
    lower = text.lower()
    assert features.folded_words(lower, lexicon.words(lower)) == features.folded_words(lower)


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n\nb", "a\nb\nc\n\nd", "\n\n\n", "x\n\ny\n\nz\nw", " a \n \n b\n"],
)
def test_blank_line_style_is_the_plain_count(text: str) -> None:
    from newsift.text.lines import split_lines, uses_blank_lines

    lines = split_lines(text)
    followed = total = 0
    for line, nxt in pairwise(lines):
        if not line.blank:
            total += 1
            followed += nxt.blank
    assert uses_blank_lines(lines) == (total == 0 or followed / total >= 0.35)


@pytest.mark.parametrize(
    "lower",
    [
        "",
        "you're dead",
        "you’re dead meat",
        "we know where you live",
        "i know where you lived",
        "find you",
        "find your comment",
        "refind you",
        "take them outside",
        "take them out",
        "watch your backs",
        "watch your back!",
        "a bullet",
        "abullet in",
        "put a bullet in him",
        "sleep with the fishes",
        "he said the vote was against the wall of opposition",
        *COMMENTS,
        *(text.lower() for text in COMMENTS),
    ],
)
def test_threat_idiom_gate_is_the_plain_search(lower: str) -> None:
    plain = bool(threats._THREAT_IDIOM.search(lower))
    assert threats.has_threat_idiom(lower) == plain


@pytest.mark.parametrize("sentence", [*COMMENTS, "The MINISTER said: “No.”", "ſo İt"])
def test_remembered_sentence_words_are_the_plain_words(sentence: str) -> None:
    """desk_cues and the claimant's cues share one remembered reading of a sentence's
    words; forget_all empties it with the n-gram memos."""
    from newsift.claims.triage import lower_words

    plain = tuple(re.findall(r"\w+", sentence.lower()))
    assert lower_words(sentence) == plain
    assert lower_words(sentence) == plain  # remembered
    ngrams.forget_all()
    assert lower_words.cache_info().currsize == 0


def test_forget_texts_empties_text_caches_and_keeps_word_memos() -> None:
    """The fast-mode benchmark's steady figure empties every cache keyed by a whole
    line, sentence or paragraph (a new page cannot hit them) and keeps the word memos
    (a long run's vocabulary)."""
    from newsift.claims.model import flat_feature_rows
    from newsift.claims.triage import lower_words
    from newsift.text import sentences
    from newsift.text.lines import is_time

    paragraph = "The council met on Monday. It voted 7 to 2 for the plan."
    sentences.paragraph_sentences(paragraph)
    lower_words(paragraph)
    is_time("2 hours ago")
    flat_feature_rows([paragraph])
    memo_sizes = [len(memo) for memo in ngrams._MEMOS]
    assert sum(memo_sizes) > 0
    ngrams.forget_texts()
    assert sentences._remembered.cache_info().currsize == 0
    assert lower_words.cache_info().currsize == 0
    assert is_time.cache_info().currsize == 0
    assert [len(memo) for memo in ngrams._MEMOS] == memo_sizes
    ngrams.forget_all()
    assert sum(len(memo) for memo in ngrams._MEMOS) == 0


def _name_of_plain(text: str, european: bool) -> str | None:
    """name_of as it read before its length gate (the patterns always run)."""
    from newsift.text import lines as L

    if european:
        text = L._NAME_PREFIX.sub("", L._SAYS.sub("", text.strip()))
    else:
        text = L._ENGLISH_SAYS.sub("", text.strip())
    if L._DELETED.match(text):
        return text
    if not text or len(text) > 40 or L.is_ui(text, european=european):
        return None
    if L.is_time(text, european=european):
        return None
    if text.endswith(".") and not L._INITIAL_END.search(text):
        return None
    if not L._NAME_CHARS.match(text):
        return None
    words = text.split()
    if len(words) > 4:
        return None
    if len(words) > 1 and sum(w[0].isupper() or w[0] == "@" for w in words) < len(words) - 1:
        return None
    return text


NAME_PIECES = [
    "Anna", "Schmidt", "sagt:", "says", "a dit :", "Von", "von", "VON", "Par", "door", "ſagt",
    "SAGT", "İstanbul", "Kelvin", "KELVIN", "essays", "wrote", "   ", ":", "Marcus Obi", "@jdoe",
    "was at that hearing", "Reply", "2 hours ago", "café", "Dr.", "ha scritto", "x" * 30,
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_name_of_length_gate_gives_the_plain_answer(seed: int) -> None:
    """The gate that refuses a long line before the "says"/"Von" patterns run gives the
    same answer as running them, on structure dev lines and random pieces."""
    from pathlib import Path

    from newsift.text.lines import name_of

    rng = random.Random(seed)
    texts = [" ".join(rng.choices(NAME_PIECES, k=rng.randint(1, 9))) for _ in range(1500)]
    texts += [  # names of 36 to 40 characters that a prefix or a "says" ending made longer
        "Von Annemarie Schmidt-Oberländer Müllerr",
        "von   Annemarie Schmidt-Oberländer Mül",
        "Annemarie Schmidt-Oberländer Müll sagt:",
        "Annemarie Schmidt-Oberland Muell says :",
        "Marcus Aurelius Antoninus Augustus wrote",
        "Door Johannes van der Berg-Smitsen Jr.",
        "Annemarie Schmidt-Oberländer Mülle ſagt:",
        "Par Jean-Baptiste Dupont-Lafayette Junior",
    ]
    root = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "structure" / "dev"
    for page in sorted(root.glob("*.txt"))[:4]:
        texts += page.read_text(encoding="utf-8").splitlines()
    for text in texts:
        for european in (True, False):
            assert name_of(text, european=european) == _name_of_plain(text, european), text
