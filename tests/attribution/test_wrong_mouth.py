"""Issue 15, class 1: words put in the wrong mouth.

A speaker must be a person, group, organization or document. Abstractions,
events, pictures and demonstratives ("All of these developments show ...",
"This shows ...") are not sources, and an evidential participle with no
subject of its own ("..., further highlighting that ...") is not a cue for
the main clause's subject or its possessor. Sentences and names are invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.document import Document, Span

Analyse = Callable[..., Document]


def _text(doc: Document, span: Span | None) -> str | None:
    return None if span is None else doc.text[span.start : span.end]


def statements(doc: Document) -> list[tuple[str | None, str | None, str | None]]:
    """(speaker, cue, source kind) of every quote."""
    kinds = {s.id: s.kind for s in doc.layers["sources"]}
    return [
        (_text(doc, q.speaker), _text(doc, q.cue), kinds.get(q.source or ""))
        for q in doc.layers["quotes"]
    ]


# sentence, expected (speaker, cue, source kind) of every quote; [] = nobody said anything
WRONG_MOUTH = [
    # the writer's conclusions, not anyone's statement
    (
        "President Ilona Varga's visit follows the talks, further highlighting that the West "
        "has failed.",
        [],
    ),
    ("All of these developments show that the alliance is in trouble.", []),
    ("The pictures suggest that the fire started in the kitchen.", []),
    ("This shows that the reforms have worked.", []),
    ("The crisis shows that the pension system is broken.", []),
    (
        "Chancellor Oren Halvik met the strikers on Friday, further highlighting that the "
        "unions have won.",
        [],
    ),
    (
        "Senator Ama Reyes's trip to the border, revealing that the fences were never built, "
        "drew large crowds.",
        [],
    ),
    ("The timing suggests that the minister knew about the leak.", []),
    ("That pattern of losses indicates that the strategy failed.", []),
    ("A scandal in 2019 revealed that the agency had hidden the losses.", []),
    # people, groups, organizations and documents still speak
    (
        "A congressional report found that the agency misled investors.",
        [("A congressional report", "found", "document")],
    ),
    (
        "The data suggests that turnout fell sharply in the river wards.",
        [("The data", "suggests", "document")],
    ),
    (
        "Minister Tove Aalund met the union leaders on Monday, adding that talks would continue.",
        [("Minister Tove Aalund", "adding", "person")],
    ),
    (
        "Dr. Reuben Osei spoke for an hour, highlighting that the clinic had run out of vaccines.",
        [("Dr. Reuben Osei", "highlighting", "person")],
    ),
    (
        "Gov. Mara Lindqvist raised doubts about the count, suggesting that the ballots had "
        "been tampered with.",
        [("Gov. Mara Lindqvist", "suggesting", "person")],
    ),
    (
        "Some of the residents said the water tasted of metal.",
        [("Some of the residents", "said", "unattributed")],
    ),
    (
        "Critics argue that the plan favors developers.",
        [("Critics", "argue", "group")],
    ),
    (
        "Many nurses at Saint Brigid's said the ward was understaffed.",
        [("Many nurses at Saint Brigid's", "said", "group")],
    ),
    (
        "The Harbor Commission concluded that no rules were broken.",
        [("The Harbor Commission", "concluded", "organization")],
    ),
    (
        "The election results indicate that voters in Eastfield want change.",
        [("The election results", "indicate", "document")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), WRONG_MOUTH, ids=[t[:40] for t, _ in WRONG_MOUTH])
def test_speaker_must_be_able_to_speak(
    analyse: Analyse, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert statements(analyse(text)) == expected


def test_abstract_subject_does_not_hide_a_nested_statement(analyse: Analyse) -> None:
    # the abstraction is dropped, the person it reports is still found
    doc = analyse(
        "These figures show nothing new, and Mayor Ines Calder said the deficit was real."
    )
    assert ("Mayor Ines Calder", "said", "person") in statements(doc)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The developments said it was over.", "abstract"),
        ("The visit said it was over.", "abstract"),
        ("The pictures said it was over.", "abstract"),
        ("This said it was over.", "abstract"),
        ("The report said it was over.", "document"),
        ("The data said it was over.", "document"),
        ("The commission said it was over.", "organization"),
        ("The spokeswoman said it was over.", "person"),
        ("The critics said it was over.", "group"),
        ("Sixty percent said it was over.", "group"),
        ("Some of the officials said it was over.", "person"),
        ("All of these developments said it was over.", "abstract"),
        ("The panel said it was over.", "unknown"),
    ],
)
def test_speaker_kind_of_heads(sentence: str, kind: str) -> None:
    pytest.importorskip("spacy")
    from newsift.attribution.nlp import load_english
    from newsift.attribution.speakers import speaker_kind
    from newsift.errors import ConfigError

    try:
        nlp = load_english()
    except ConfigError as exc:
        pytest.skip(str(exc))
    doc = nlp(sentence)
    subject = next(t for t in doc if t.dep_ in {"nsubj", "nsubjpass"})
    assert speaker_kind(subject) == kind
