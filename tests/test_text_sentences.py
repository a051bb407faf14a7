"""The regex sentence splitter: abbreviations, initialisms, numbers, quotes."""

from __future__ import annotations

import pytest

from newsift.text.sentences import split_sentences

CASES = [
    ("", []),
    ("   ", []),
    ("One sentence", ["One sentence"]),
    ("It rained. It poured.", ["It rained.", "It poured."]),
    ("Dr. Smith went home. He slept.", ["Dr. Smith went home.", "He slept."]),
    ("Mr. and Mrs. Lee left. Then rain.", ["Mr. and Mrs. Lee left.", "Then rain."]),
    ("The U.S. economy grew. It was fine.", ["The U.S. economy grew.", "It was fine."]),
    (
        "He moved to the U.S. The next day he left.",
        ["He moved to the U.S.", "The next day he left."],
    ),
    ("Room No. 5 is open.", ["Room No. 5 is open."]),
    ("No. It is not.", ["No.", "It is not."]),
    ("Growth was 3.5 percent. Good.", ["Growth was 3.5 percent.", "Good."]),
    ("It costs $3.50. Really? Yes!", ["It costs $3.50.", "Really?", "Yes!"]),
    ('"Stop." Then he left.', ['"Stop."', "Then he left."]),
    ('"Why?" she asked. Nobody knew.', ['"Why?" she asked.', "Nobody knew."]),
    ("He said “it is over.” Then he went.", ["He said “it is over.”", "Then he went."]),
    ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
    ("Use tools, e.g. Hammers. Done.", ["Use tools, e.g. Hammers.", "Done."]),
    ("Acme Inc. Reported gains.", ["Acme Inc. Reported gains."]),
    ("It ended in 2016. In 2017 it resumed.", ["It ended in 2016.", "In 2017 it resumed."]),
    ("Wait... What happened?", ["Wait...", "What happened?"]),
    ("lower case. after a stop", ["lower case. after a stop"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


def test_offsets_within_a_range() -> None:
    text = "Skip this. Dr. Ada spoke. She left.\n\nNot this."
    spans = split_sentences(text, 11, 35)
    assert [text[s.start : s.end] for s in spans] == ["Dr. Ada spoke.", "She left."]
    assert all(11 <= s.start <= s.end <= 35 for s in spans)
