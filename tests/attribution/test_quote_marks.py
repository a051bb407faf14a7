"""Issue 15, class 2: quotation marks around a name are not the quote.

Each quotation is a statement, a name or title, or a scare quote
(:func:`newsift.attribution.marks.quote_role`); only statements become
quotes, a name inside a statement's content is listed in ``Quote.names``, and
a short quoted fragment that a cue governs belongs to that cue's speaker, so
the persuasion analyzer does not count it as the writer's own words.
Sentences and names are invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.attribution.marks import NAME, SCARE, STATEMENT, pair_quotes
from newsift.document import Document, Span

Analyse = Callable[..., Document]

MOSS = (
    "At a rally dubbed the “People's Forum for Peace,” Lena Moss, a spokeswoman for Open "
    "Roads, called the minister a “walking disaster”."
)

# text, the role of each quotation in it (text order)
ROLES = [
    (MOSS, [NAME, SCARE]),
    ("The group, known as the “Friends of the River,” said the dam must go.", [NAME]),
    ("Critics said the so-called “reform package” would raise taxes.", [SCARE]),
    ("Her book, “The Long Night,” argues that the war was avoidable.", [NAME]),
    ("In an op-ed titled “Why we must act now,” Karl Dunn wrote that it was late.", [NAME]),
    ("Lena Moss said the minister must resign. “People's Forum for Peace.”", [NAME]),
    ("Moss appeared on Harbor Radio’s “Nightline” to defend the plan.", [NAME]),
    ("The “experts” who back the scheme have never built a bridge.", [SCARE]),
    ("Pell called him “Little Marco” at the debate.", [NAME]),
    ("“We will not back down,” said Ana Ruiz, the union leader.", [STATEMENT]),
    ("“Never.” That was all the mayor would say.", [STATEMENT]),
    ("The governor said: “Yes.”", [STATEMENT]),
    ("The senator called the bill “a disgrace to this chamber and to every voter.”", [STATEMENT]),
    ("“Happy Harvest Day!,” he wrote.", [STATEMENT]),
    ('"Make Dunmore Great," Pell said, "starts with the roads."', [STATEMENT, STATEMENT]),
]


@pytest.mark.parametrize(("text", "roles"), ROLES, ids=[t[:40] for t, _ in ROLES])
def test_quote_roles(text: str, roles: list[str]) -> None:
    quoted = pair_quotes(text, [Span(0, len(text))])
    assert [q.role for q in quoted] == roles


def _text(doc: Document, span: Span | None) -> str | None:
    return None if span is None else doc.text[span.start : span.end]


def triples(doc: Document) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (_text(doc, q.speaker), _text(doc, q.cue), _text(doc, q.content))
        for q in doc.layers["quotes"]
    ]


# text, (speaker, cue, content) of every quote
QUOTES = [
    (
        MOSS,
        [
            (
                "Lena Moss, a spokeswoman for Open Roads",
                "called",
                "the minister a “walking disaster”",
            )
        ],
    ),
    (
        # a title-cased sentence of its own is a name, not the previous speaker's words
        "Lena Moss said the minister must resign. “People's Forum for Peace.” That was its name.",
        [("Lena Moss", "said", "the minister must resign")],
    ),
    (
        # the characterization is Moss's, not the minister's (whose cue found no content)
        "The minister, whom Moss called a “walking disaster,” did not respond.",
        [("Moss", "called", "a “walking disaster,”")],
    ),
    ("Her group calls itself “Open Roads.”", []),
    (
        "Moss has written a book, “Roads to Nowhere,” and said the minister was a “fraud.”",
        [("Moss", "said", "the minister was a “fraud.”")],
    ),
    ("The “experts” who back the scheme have never built a bridge.", []),
    (
        "Judge Alma Ortega described the ruling as “deeply flawed” and said she would appeal.",
        [
            ("Judge Alma Ortega", "described", "the ruling as “deeply flawed”"),
            ("Judge Alma Ortega", "said", "she would appeal"),
        ],
    ),
    (
        "Organizers held what they called a “People's Forum for Peace,” where Lena Moss called "
        "the minister a “walking disaster”.",
        [("Lena Moss", "called", "the minister a “walking disaster”")],
    ),
    (
        "“We will not back down,” said Ana Ruiz, the union leader.",
        [("Ana Ruiz, the union leader", "said", "“We will not back down,”")],
    ),
    (
        "Her book, “The Long Night,” argues that the war was avoidable.",
        [("Her book, “The Long Night,”", "argues", "that the war was avoidable")],
    ),
    (
        "The mayor said the city would “do everything possible” to help.",
        [("The mayor", "said", "the city would “do everything possible” to help")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES, ids=[t[:40] for t, _ in QUOTES])
def test_only_statements_become_quotes(
    analyse: Analyse, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert triples(analyse(text)) == expected


def test_name_inside_content_is_listed_and_kept_out_of_the_kind(analyse: Analyse) -> None:
    doc = analyse("Pell called him “Little Marco” at the debate.")
    (quote,) = doc.layers["quotes"]
    assert [_text(doc, s) for s in quote.names] == ["“Little Marco”"]
    assert quote.kind == "indirect"  # his words, but no one's quoted speech
    data = quote.to_dict()
    assert data["names"] == [s.to_dict() for s in quote.names]
    from newsift.attribution.annotations import Quote

    assert Quote.from_dict(data) == quote
    plain = analyse("The mayor said the budget was balanced.").layers["quotes"][0]
    assert "names" not in plain.to_dict()  # unchanged JSON where there is no name


@pytest.mark.parametrize(
    ("text", "speaker_name"),
    [
        (MOSS, "Lena Moss"),
        ("The minister, whom Lena Moss called a “walking disaster,” did not respond.", "Lena Moss"),
        ("The minister is a “walking disaster,” Lena Moss said.", "Lena Moss"),
        ("The “walking disaster” of a minister has never built a bridge.", None),
    ],
)
def test_persuasion_credits_quoted_name_calling_to_its_speaker(
    analyse: Analyse, text: str, speaker_name: str | None
) -> None:
    import numpy as np

    from newsift.persuasion.analyzer import _quote_span, find_techniques
    from newsift.persuasion.features import CLASSIFIER_BUCKETS, TAGGER_BUCKETS, bucket
    from newsift.persuasion.labels import TECHNIQUES
    from newsift.persuasion.model import SpanTagger, TechniqueClassifier

    weights = np.zeros(TAGGER_BUCKETS, dtype=np.float32)
    for word in ("walking", "disaster"):
        weights[bucket("w:" + word, TAGGER_BUCKETS)] = 20.0
    tagger = SpanTagger(weights, -10.0, 0.5, 0.5, 0)
    bias = np.zeros(len(TECHNIQUES))
    bias[TECHNIQUES.index("Name_Calling,Labeling")] = 5.0
    classifier = TechniqueClassifier(
        np.zeros((len(TECHNIQUES), CLASSIFIER_BUCKETS), np.float32), bias
    )
    doc = analyse(text)
    quotes = [q for q in (_quote_span(item) for item in doc.layers["quotes"]) if q]
    found = find_techniques(tagger, classifier, doc.text, [Span(0, len(doc.text))], quotes)
    (technique,) = [t for t in found if "disaster" in doc.text[t.span.start : t.span.end]]
    names = {s.id: s.name for s in doc.layers["sources"]}
    if speaker_name is None:
        assert technique.speaker is None  # the writer's own scare quote
    else:
        assert technique.speaker is not None
        assert names[technique.speaker] == speaker_name
