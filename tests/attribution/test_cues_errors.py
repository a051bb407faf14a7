"""The missed-cue tally of ``training/cues_errors.py``: each cue lands in the frame the
module's description gives it (one parsed sentence each; skips without spaCy)."""

from __future__ import annotations

import pytest
from training.cues_errors import frame

# sentence, the cue's words, (frame, lemma)
FRAMES = [
    ("Varga said the deal was dead.", "said", ("lexicon verb", "say")),
    ("Moss fears that the deal is dead.", "fears", ("belief verb", "fear")),
    (
        "Moss conceded defeat, and Ortiz realized that the deal was dead.",
        "realized",
        ("verb + clause", "realize"),
    ),
    ("The senator supports the bill.", "supports", ("verb, other", "support")),
    ("His claim that the deal was dead surprised everyone.", "claim", ("noun", "claim")),
    ("Moss is confident that the deal will pass.", "confident", ("adjective", "confident")),
    ("The deal is dead, according to Varga.", "according to", ("according to", "according to")),
    ("Varga: The deal is dead.", ":", ("colon", ":")),
    ("It was reported that the deal was dead.", "was reported", ("passive it", "report")),
    ("In his speech, Varga attacked the deal.", "In", ("preposition", "in")),
]


@pytest.fixture(scope="module")
def nlp(analyse: object) -> object:  # analyse: skips without spaCy and its pipeline
    from newsift.attribution.nlp import load_english

    return load_english()


@pytest.mark.parametrize(("sentence", "cue", "expected"), FRAMES, ids=[f[1] for f in FRAMES])
def test_each_cue_lands_in_its_frame(
    nlp: object, sentence: str, cue: str, expected: tuple[str, str]
) -> None:
    doc = nlp(sentence)  # type: ignore[operator]
    start = sentence.index(cue)
    tokens = [t for t in doc if start <= t.idx < start + len(cue)]
    assert frame(tokens) == expected
