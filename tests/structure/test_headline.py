"""The headline ranker for dumps: candidate lines, their cues, the decision, the model file."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace

import numpy as np
import pytest

from newsift.errors import ModelError
from newsift.structure.dump import LineHints, parse_dump
from newsift.structure.headline import (
    FEATURES,
    HeadlineRanker,
    PageView,
    candidate_features,
    card_sha256,
    first_text_line,
    is_candidate,
    load_ranker_bytes,
    never_headline,
    shipped_ranker,
)
from newsift.structure.linemodel import LineModel
from newsift.text.lines import split_lines

BODY = (
    "The harbour council voted on Tuesday to sell the water rights to a private firm "
    "for forty years, after a meeting that ran past midnight."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbor Council Sells the Water Rights", True),
        ("Two words", True),
        ("HOME", False),  # one word
        ("Reply", False),  # one word, and a UI label
        ("12 comments", False),  # a UI label
        ("Read the full story below:", False),  # ends in a colon
        ("Tags: water, council,", False),  # ends in a comma
        (" ".join(["word"] * 31), False),  # too long for a title
    ],
)
def test_candidate_lines(text: str, expected: bool) -> None:
    assert is_candidate(text) is expected


@pytest.mark.parametrize(
    ("texts", "decided", "expected"),
    [
        (["HOME", "Title Here", BODY], None, 2),  # running text: many words, a full stop
        (["HOME", "Title Here", "Short."], None, 3),  # none: the page's length
        (["HOME", "Title Here", "Short."], ["other", "headline", "body"], 2),  # decided body
    ],
)
def test_first_text_line(texts: list[str], decided: list[str] | None, expected: int) -> None:
    assert first_text_line(texts, decided) == expected


def _feature(view: PageView, line: int, name: str) -> float:
    candidates, rows = candidate_features(view)
    return float(rows[candidates.index(line), FEATURES.index(name)])


PAGE = [
    "Harbor Ledger",
    "News Sport Opinion",
    "Water Deal Sells Harbor Rights | Harbor Ledger",
    "Subscribe to our newsletter",
    "Water Deal Sells Harbor Rights",
    "By Ana Ruiz",
    BODY,
    "The water deal gives harbor rights to the firm until 2065.",
]


@pytest.mark.parametrize(
    ("line", "name", "expected"),
    [
        (4, "repeated", 1.0),  # the page title repeats it
        (3, "repeated", 0.0),
        (4, "above_text", 1.0),
        (4, "just_above", 1.0),  # two lines above the running text
        (1, "just_above", 0.0),  # five lines above it
        (4, "overlap_after", 0.8),  # "water", "deal", "harbor", "rights" below; not "sells"
        (3, "overlap_after", 0.0),  # "subscribe", "newsletter" are not
        (4, "rules_choice", 1.0),
        (2, "rules_choice", 0.0),
        (4, "p_headline", 0.0),  # no line model: no probabilities
        (1, "first_line", 0.0),
    ],
)
def test_candidate_cues(line: int, name: str, expected: float) -> None:
    assert _feature(PageView(PAGE, rules_choice=4), line, name) == pytest.approx(expected)


def test_cues_read_the_line_models_probabilities() -> None:
    n = len(PAGE)
    probs = {label: np.zeros(n, dtype=np.float32) for label in ("body", "other", "dateline")}
    probs["headline"] = np.array([0.0, 0.0, 0.1, 0.0, 0.7, 0.0, 0.0, 0.0], dtype=np.float32)
    probs["byline"] = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 0.9, 0.0, 0.0], dtype=np.float32)
    view = PageView(PAGE, probs)
    assert _feature(view, 4, "p_headline") == pytest.approx(0.7)
    assert _feature(view, 4, "best_p_headline") == 1.0
    assert _feature(view, 2, "best_p_headline") == 0.0
    assert _feature(view, 4, "near_head_after") == pytest.approx(0.9)  # the byline under it
    assert _feature(view, 0, "near_head_after") == pytest.approx(0.0)  # five lines away


def _ranker(threshold: float, margin: float = 0.0) -> HeadlineRanker:
    """A ranker that likes lines the page repeats and lines above the text."""
    weights = np.zeros(len(FEATURES), dtype=np.float32)
    weights[FEATURES.index("repeated")] = 3.0
    weights[FEATURES.index("just_above")] = 2.0
    return HeadlineRanker(weights, -2.0, threshold, margin)


@pytest.mark.parametrize(
    ("rules_choice", "threshold", "margin", "expected"),
    [
        (3, 0.5, 0.0, 4),  # confident (0.95) and not the rules' line: it overrules
        (4, 0.5, 0.0, None),  # the rules chose the same line
        (3, 0.99, 0.0, None),  # not confident enough
        (None, 0.5, 0.0, 4),  # the rules found no headline
        (0, 0.5, 0.5, None),  # the rules' line (repeated in line 2: 0.73) is too close behind
        (0, 0.5, 0.1, 4),
    ],
)
def test_decision(
    rules_choice: int | None, threshold: float, margin: float, expected: int | None
) -> None:
    view = PageView(PAGE, rules_choice=rules_choice)
    assert _ranker(threshold, margin).choose(view) == expected


def test_a_page_without_candidates_keeps_the_rules_choice() -> None:
    assert _ranker(0.0).choose(PageView(["HOME", "Reply"], rules_choice=0)) is None


def test_ranked_headline_in_the_reader() -> None:
    """With a ranker in the hints the reader takes its line, lines above it are UI."""
    text = "\n\n".join(PAGE)
    lines = split_lines(text)
    model = LineModel.load()
    hints = replace(LineHints.of(lines, model, rank_headline=False), ranker=_ranker(0.5))
    nonblank = [line for line in lines if not line.blank]
    chosen = hints.ranked_headline(nonblank, "Harbor Ledger")
    assert chosen is not None and chosen.text == "Water Deal Sells Harbor Rights"
    assert hints.ranked_headline(nonblank, "Water Deal Sells Harbor Rights") is None
    assert replace(hints, ranker=None).ranked_headline(nonblank, "Harbor Ledger") is None


def test_rules_alone_never_rank() -> None:
    layout = parse_dump("\n\n".join(PAGE), None, None)
    assert (
        layout.headline == parse_dump("\n\n".join(PAGE), None, None, rank_headline=False).headline
    )


def test_shipped_ranker_matches_its_card() -> None:
    ranker = shipped_ranker()
    assert ranker is not None
    assert ranker.weights.shape == (len(FEATURES),)
    assert 0.0 <= ranker.threshold <= 1.0


def _npz(**arrays: object) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not a zip file", "cannot be read"),
        (_npz(weights=np.zeros(3), bias=np.zeros(1)), "damaged"),  # no decision, no features
        (
            _npz(
                weights=np.zeros(2),
                bias=np.zeros(1),
                decision=np.zeros(2),
                features=np.array(["a", "b"]),
            ),
            "damaged",  # another version's features
        ),
    ],
)
def test_a_damaged_model_file_is_a_model_error(raw: bytes, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        load_ranker_bytes(raw, "headline-test.npz")


def test_round_trip_of_the_arrays() -> None:
    ranker = _ranker(0.4, 0.1)
    loaded = load_ranker_bytes(_npz(**ranker.arrays()), "headline-test.npz")
    assert np.array_equal(loaded.weights, ranker.weights)
    assert (loaded.bias, loaded.threshold, loaded.margin) == pytest.approx((-2.0, 0.4, 0.1))


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        ("SHA-256 ``" + "a" * 64 + "`` (checked at load)", "a" * 64),
        ("SHA-256 " + hashlib.sha256(b"x").hexdigest(), hashlib.sha256(b"x").hexdigest()),
        ("no hash here", None),
    ],
)
def test_card_sha256(card: str, expected: str | None) -> None:
    assert card_sha256(card) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sie sind hier: » Home » Presse » Pressemitteilungen", True),  # a breadcrumb
        ("Home ›› Politik im Überblick ›› Politik", True),
        ("home / Betrieb / IT / Cyber-Angriffe: 20 Prozent mehr", True),
        ("Photo : YONHAP News", True),  # a picture's credit or source
        ("Photograph by Ed Marshall, Redonda Restoration Programme", True),
        ("Quelle: Juergen Hasenkopf", True),
        ("A student erasing answers from a test (smolaw11/iStock)", True),
        ("Dee Dee Myers Getty Images", True),
        ("Eurocash rusza z Platformą Handlu, fot. shutterstock", True),
        ("Direkt zum Inhalt", True),  # a skip link, an image button
        ("Bild vergrößern", True),
        ("ARD , Demonstrationen , Neu , Tagesschau", True),  # a tag list
        ("257,48 g", True),  # figures
        ("7 von 8", True),
        ("12 References", True),
        ("95' 88' 88' 81' 81' 74' 74'", True),
        ("dzisiaj, 08:07 Ten tekst przeczytasz w 1 minutę", True),  # a time line
        ("3:59 PM", True),
        ("Bundesliga: 3:1 für Bayern nach Verlängerung", False),  # a score
        ("Water Deal Sells Harbor Rights", False),
        ("Plejaden, M45", False),  # a name with a digit in it
        ("5G Netzausbau", False),
        ("1. FC Köln", False),
        ("10 Things the Council Did Not Say", False),
        ("Über uns", False),  # an "about" page's own title
        ("Water Deal Sells Harbor Rights | Harbor Ledger", False),  # one separator
        ("Verfassungsgericht: Berlusconis Sex-Prozess geht weiter", False),
    ],
)
def test_never_headline(text: str, expected: bool) -> None:
    assert never_headline(text) is expected


CRUMB_PAGE = [
    "Harbor Ledger",
    "Home » News » Harbor » Water Deal Sells Harbor Rights",
    "Water Deal Sells Harbor Rights",
    f"{BODY} {BODY}",  # too long to be a candidate
]


@pytest.mark.parametrize(
    ("rules_choice", "expected"),
    [
        (None, 2),  # the likeliest line (the breadcrumb, 0.60) can be none: the next (0.45)
        (1, 2),  # the rules' breadcrumb counts for nothing against it
        (2, None),  # the rules chose the same line
    ],
)
def test_the_ranker_passes_over_lines_that_can_be_no_headline(
    rules_choice: int | None, expected: int | None
) -> None:
    weights = np.zeros(len(FEATURES), dtype=np.float32)
    weights[FEATURES.index("log_words")] = 1.0  # the longer, the likelier
    ranker = HeadlineRanker(weights, -2.0, 0.3, 0.05)
    assert ranker.choose(PageView(CRUMB_PAGE, rules_choice=rules_choice)) == expected


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        # the first line would be the headline: a breadcrumb is none, and it is UI
        (["Home » News » Harbor » Water", "Water Deal Sells Harbor Rights"], None),
        # the longest title-like line above the text: a picture's credit is passed over
        (
            [
                "Harbor Ledger",
                "News",
                "Sport",
                "Opinion",
                "Water Deal Sells Harbor Rights",
                "Photograph by Ed Marshall, Harbor Restoration Project",
            ],
            "Water Deal Sells Harbor Rights",
        ),
    ],
)
def test_the_rules_take_no_line_that_can_be_no_headline(
    top: list[str], headline: str | None
) -> None:
    layout = parse_dump("\n\n".join([*top, BODY, BODY]), None, None)
    assert layout.headline == headline
    kinds = {r.start: r.kind for r in layout.regions}
    assert "headline" not in kinds.values() or headline is not None


TEASER = (
    "The harbour council will meet again next week to hear from residents about the "
    "sale of the water rights."
)
MENU = ["Harbor Ledger", "News", "Sport", "Opinion", "Culture", "Weather"]
RELATED = [f"Related story number {n}" for n in range(10)]
FACTS = ["von Alexander Karper", "Wien - Mittwoch, 02.02.2022, 11:17 Uhr"]


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        # a byline near the text, a title over it, the header's headline far above: moved
        (
            [
                *MENU,
                "Ferry Fares Rise Again",
                TEASER,
                *RELATED,
                'Barisic: "Then I Smash My Phone"',
                *FACTS,
            ],
            'Barisic: "Then I Smash My Phone"',
        ),
        # the header's headline a few lines over it (a standfirst between): kept
        (
            [*MENU, "Ferry Fares Rise Again", TEASER, "Water Deal Sells Harbor Rights", *FACTS],
            "Ferry Fares Rise Again",
        ),
        # a short label over the byline is no headline
        (
            [*MENU, "Ferry Fares Rise Again", TEASER, *RELATED, "Keine Kommentare", *FACTS],
            "Ferry Fares Rise Again",
        ),
    ],
)
def test_the_headline_over_a_byline_near_the_text(top: list[str], headline: str) -> None:
    layout = parse_dump("\n\n".join([*top, BODY, BODY]), None, None)
    assert layout.headline == headline
    assert layout.facts.author == "Alexander Karper"
    assert [r.kind for r in layout.regions].count("headline") == 1


@pytest.mark.parametrize(
    ("top", "likeliest", "headline"),
    [
        # a subtitle the model likes best, right under a title of four words more
        (
            ["Kolumne: Queer Royal - Über Dragqueens auf der Bühne", "Im Schlepptau"],
            "Im Schlepptau",
            "Kolumne: Queer Royal - Über Dragqueens auf der Bühne",
        ),
        # a title of few words more: the model's line stays
        (["Water Deal Sells Rights", "Im Schlepptau"], "Im Schlepptau", "Im Schlepptau"),
        # the model's line has four words: it stays
        (
            ["Kolumne: Queer Royal - Über Dragqueens auf der Bühne", "Water Deal Sells Rights"],
            "Water Deal Sells Rights",
            "Water Deal Sells Rights",
        ),
    ],
)
def test_a_short_subtitle_under_a_title_is_no_headline(
    top: list[str], likeliest: str, headline: str
) -> None:
    from newsift.structure.page_header import _headline_above_prose

    lines = split_lines("\n".join([*MENU, *top, BODY, BODY]))
    probs = {line.index: {"headline": 0.9 if line.text == likeliest else 0.1} for line in lines}
    chosen = _headline_above_prose(lines, LineHints(probs=probs))
    assert chosen is not None and chosen.text == headline
