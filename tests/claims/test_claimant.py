"""Who stands behind a claim: the author, a source or a document (invented names)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from newsift.claims.claimant import document_cue, find_claimant, sentence_words, speech_cue
from newsift.document import Span

AUTHOR = (
    "Unemployment in Veldmark fell to 3.1 percent last year, the lowest level since 1987.",
    "The Corvin Bridge was closed for 14 months after the 2019 flood.",
    "Mayor Tessa Quillon cut the library budget by a third in her first term.",
    "Crime in Harrowgate has doubled since the new policy took effect.",
    "The factory in Lunsby employs more than 2,000 people.",
    "Parliament passed the bill by 212 votes to 190 on Tuesday.",
    "Prices at Brammel supermarkets rose faster than wages in every month of 2023.",
    "The vaccine was never tested on children.",
    "Orlin Dace owns three companies registered in the Caymans.",
    "The river has flooded the town four times in the past decade.",
    "The claims of the opposition about the harbour fee are false.",
)
SOURCE = (
    "Unemployment fell to 3.1 percent, Finance Minister Arlo Penhallow said on Monday.",
    "“We closed the bridge for 14 months,” said Tessa Quillon.",
    "According to police spokesman Jory Falk, three people were arrested.",
    "Dr. Mina Okafor told reporters that the clinic treated 400 patients.",
    "The company's chief executive, Lars Edevane, announced 1,200 job cuts.",
    "A senior official, who spoke on condition of anonymity, confirmed the talks had stalled.",
    "Senator Wren Halloway claimed the program costs $4 billion a year.",
    "Residents say the water has been brown for weeks.",
    "Coach Pell Ardent insisted the team had never lost at home.",
    "The minister denied that any money had changed hands.",
)
DOCUMENT = (
    "According to a 2022 report by the Veldmark Statistics Office, 14 percent of households "
    "lack internet access.",
    "A study published in the Journal of Coastal Health found that 30 percent of samples "
    "were contaminated.",
    "The survey shows support for the plan fell to 41 percent.",
    "Court filings show that Orlin Dace owed $2 million in back taxes.",
    "Data from the Harrowgate transport authority showed ridership rose by 12 percent.",
    "According to the audit, the agency lost track of 300 laptops.",
    "Census figures indicate the town's population has halved since 1990.",
    "The indictment alleges that the pair laundered $5 million.",
    "The regulator's annual review estimated losses at 9 billion euros.",
    "Records obtained by the Lunsby Courier reveal that the mayor met the developer 11 times.",
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [(s, "author") for s in AUTHOR]
    + [(s, "source") for s in SOURCE]
    + [(s, "document") for s in DOCUMENT],
)
def test_claimant_from_the_sentence_alone(sentence: str, kind: str) -> None:
    """Without the attribution layers, the sentence's own cues decide."""
    found = find_claimant(sentence, Span(0, len(sentence)))
    assert found.kind == kind
    assert found.quote is None and found.source is None


@dataclass(frozen=True)
class FakeQuote:
    id: str
    content: Span
    cue: Span | None
    source: str | None


TEXT = "The fee rose by 40 percent, said Mara Quell. The port lost 3 ships. Ships sank, it said."


@pytest.mark.parametrize(
    ("linked", "sentence", "kinds", "expected"),
    [
        # the sentence lies in the quote: its source, a person
        (("q1", "s1"), (0, 44), {"s1": "person"}, ("source", "q1", "s1")),
        # the same quote from a source the attribution layer typed as a document
        (("q1", "s1"), (0, 44), {"s1": "document"}, ("document", "q1", "s1")),
        # no quote covers it, but it holds the cue of one: that quote's source
        (None, (68, 90), {"s2": "organization"}, ("source", "q2", "s2")),
        # no quote, no cue: the author's own
        (None, (45, 67), {}, ("author", None, None)),
    ],
)
def test_claimant_with_the_attribution_layers(
    linked: tuple[str, str] | None,
    sentence: tuple[int, int],
    kinds: dict[str, str],
    expected: tuple[str, str | None, str | None],
) -> None:
    quotes = [
        FakeQuote("q1", Span(0, 26), Span(28, 32), "s1"),
        FakeQuote("q2", Span(68, 79), Span(84, 88), "s2"),
    ]
    span = Span(*sentence)
    quote, source = linked if linked else (None, None)
    found = find_claimant(
        TEXT[span.start : span.end],
        span,
        quote=quote,
        source=source,
        quotes=quotes,
        source_kinds=kinds,
    )
    assert (found.kind, found.quote, found.source) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States lost to Canada for the first time in 2019.",
        "Three cases were reported in Lunsby last week.",
        "The claims about the harbour were debunked in 2021.",
    ],
)
def test_words_that_look_like_speech_are_not(sentence: str) -> None:
    assert find_claimant(sentence, Span(0, len(sentence))).kind == "author"


QUOTED = (
    "“That's not how you end a hospital.”",
    '"The harbour fee doubled in two years."',
    "For some of them it is a death sentence.”",
    "‘We lost three ships in one winter.’",
    "«Les prix ont doublé en deux ans.»",
    "The bridge was closed for 14 months, and nobody knows why!”",
)
NOT_QUOTED = (
    "The ’90s saw the harbour fee double.",
    "The council called the plan a “walking disaster” in 2021.",
    "The teachers’ union grew by 4 percent last year.",
)


@pytest.mark.parametrize("sentence", QUOTED)
def test_a_quoted_sentence_is_a_source_without_the_attribution_layers(sentence: str) -> None:
    """The fast preset has no quotes layer: a quoted sentence with no cue of its own (a
    later sentence of a quote) is somebody's words, never the author's unsourced claim."""
    assert find_claimant(sentence, Span(0, len(sentence))).kind == "source"


@pytest.mark.parametrize("sentence", QUOTED)
def test_with_the_attribution_layers_the_quotes_layer_decides(sentence: str) -> None:
    """When attribution ran and no quote covers the sentence, its marks alone do not."""
    assert find_claimant(sentence, Span(0, len(sentence)), quotes=[]).kind == "author"


@pytest.mark.parametrize("sentence", NOT_QUOTED)
def test_apostrophes_and_scare_quotes_are_not_quotations(sentence: str) -> None:
    assert find_claimant(sentence, Span(0, len(sentence))).kind == "author"


@pytest.mark.parametrize(
    "sentence",
    [*AUTHOR, *SOURCE, *DOCUMENT, *QUOTED, *NOT_QUOTED, "", "SAID THE REPORT", "İt ſaid"],
)
def test_cues_given_the_words_read_once_are_the_plain_cues(sentence: str) -> None:
    """find_claimant reads the words once for both cue tests: the same answers as each
    test reading them itself."""
    words = sentence_words(sentence)
    assert document_cue(sentence, words) == document_cue(sentence)
    assert speech_cue(sentence, words) == speech_cue(sentence)
    assert words == frozenset(re.findall(r"\w+", sentence.lower()))
