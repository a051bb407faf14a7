"""Table-driven rules: sentence in, (speaker, cue, content, kind) and the source out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.attribution.annotations import Quote, Source
from newsift.document import Document, Span

Analyse = Callable[..., Document]


def _text(doc: Document, span: Span | None) -> str | None:
    return None if span is None else doc.text[span.start : span.end]


def triples(doc: Document) -> list[tuple[str | None, str | None, str | None, str]]:
    return [
        (_text(doc, q.speaker), _text(doc, q.cue), _text(doc, q.content), q.kind)
        for q in doc.layers["quotes"]
    ]


def source_of(doc: Document, quote: Quote) -> Source:
    return next(s for s in doc.layers["sources"] if s.id == quote.source)


# sentence, (speaker, cue, content, quote kind), (source name, source kind, named)
CUES = [
    (
        "The mayor said the budget was balanced.",
        ("The mayor", "said", "the budget was balanced", "indirect"),
        ("The mayor", "person", False),
    ),
    (
        "Jane Smith told reporters that the plan had failed.",
        ("Jane Smith", "told", "that the plan had failed", "indirect"),
        ("Jane Smith", "person", True),
    ),
    (
        "The agency warned that prices would rise.",
        ("The agency", "warned", "that prices would rise", "indirect"),
        ("The agency", "organization", True),
    ),
    (
        "Professor Ana Ruiz explained that the data were incomplete.",
        ("Professor Ana Ruiz", "explained", "that the data were incomplete", "indirect"),
        ("Ana Ruiz", "person", True),
    ),
    (
        "In a 2019 essay, Tom Hale wrote that the city was broke.",
        ("Tom Hale", "wrote", "that the city was broke", "indirect"),
        ("Tom Hale", "person", True),
    ),
    (
        "Critics argued that the deal was unfair.",
        ("Critics", "argued", "that the deal was unfair", "indirect"),
        ("Critics", "group", False),
    ),
    (
        "Unemployment rose to 9 percent, according to the Labor Department.",
        ("the Labor Department", "according to", "Unemployment rose to 9 percent", "indirect"),
        ("the Labor Department", "organization", True),
    ),
    (
        "In a statement, the company said the plant would close.",
        ("the company", "said", "the plant would close", "indirect"),
        ("the company", "organization", True),
    ),
    (
        "The senator pointed out that the bill had passed.",
        ("The senator", "pointed out", "that the bill had passed", "indirect"),
        ("The senator", "person", False),
    ),
    (
        "Officials have said the road will reopen.",
        ("Officials", "have said", "the road will reopen", "indirect"),
        ("Officials", "person", False),
    ),
    (
        "A report by the state auditor found that the funds were misused.",
        ("A report by the state auditor", "found", "that the funds were misused", "indirect"),
        ("A report by the state auditor", "document", False),
    ),
    (
        "The study shows that wages fell.",
        ("The study", "shows", "that wages fell", "indirect"),
        ("The study", "document", True),
    ),
    (
        "Residents said the water tasted odd.",
        ("Residents", "said", "the water tasted odd", "indirect"),
        ("Residents", "group", False),
    ),
    (
        "Smith criticized the decision.",
        ("Smith", "criticized", "the decision", "indirect"),
        ("Smith", "person", True),
    ),
    (
        "Republicans called for an investigation.",
        ("Republicans", "called for", "an investigation", "indirect"),
        ("Republicans", "group", False),
    ),
    (
        "The minister spoke to me about the drought.",
        ("The minister", "spoke", "the drought", "indirect"),
        ("The minister", "person", False),
    ),
    (
        "The company's chief executive, Maria Chen, said the merger was off.",
        ("The company's chief executive, Maria Chen", "said", "the merger was off", "indirect"),
        ("Maria Chen", "person", True),
    ),
]


@pytest.mark.parametrize(
    ("text", "quote", "source"), CUES, ids=[c[1][1] + ": " + c[0][:30] for c in CUES]
)
def test_cues(
    analyse: Analyse, text: str, quote: tuple[str, ...], source: tuple[object, ...]
) -> None:
    doc = analyse(text)
    assert triples(doc) == [quote]
    found = source_of(doc, doc.layers["quotes"][0])
    assert (found.name, found.kind, found.named) == source


# text, every quote as (speaker, cue, content, kind)
STYLES = [
    (
        "mixed quote",
        'Ortiz said the council "rushed the vote."',
        [("Ortiz", "said", 'the council "rushed the vote."', "mixed")],
    ),
    (
        "inverted direct quote",
        '"It is over," said Jane Smith, a spokeswoman for the company.',
        [("Jane Smith, a spokeswoman for the company", "said", '"It is over,"', "direct")],
    ),
    (
        "curly direct quote, pronoun",
        "Jane Smith said the plan had failed. “We will appeal,” she added.",
        [
            ("Jane Smith", "said", "the plan had failed", "indirect"),
            ("she", "added", "“We will appeal,”", "direct"),
        ],
    ),
    (
        "colon",
        'The governor said: "We will rebuild."',
        [("The governor", "said:", '"We will rebuild."', "direct")],
    ),
    (
        "continued across paragraphs",
        '"First we fix the roads.\n\n"Then we fix the schools," the mayor said.',
        [("the mayor", "said", '"First we fix the roads.\n\n"Then we fix the schools,"', "direct")],
    ),
    (
        "next sentence continues",
        '"We will win," Smith said. "Nobody can stop us now."',
        [
            ("Smith", "said", '"We will win,"', "direct"),
            ("Smith", "said", '"Nobody can stop us now."', "direct"),
        ],
    ),
    (
        # a characterization in a relative clause is the speaker's, not the writer's
        "relative clause with a quoted characterization",
        'The plan, which he called a "disaster," failed.',
        [("he", "called", 'a "disaster,"', "mixed")],
    ),
    (
        "unbalanced mark stays in its paragraph",
        'He said "this never closes.\n\nThe mayor said the budget was "balanced."',
        [
            ("He", "said", '"this never closes.', "direct"),
            ("The mayor", "said", 'the budget was "balanced."', "mixed"),
        ],
    ),
]


@pytest.mark.parametrize(("label", "text", "expected"), STYLES, ids=[s[0] for s in STYLES])
def test_quote_styles(
    analyse: Analyse, label: str, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert triples(analyse(text)) == expected


NOT_QUOTES = [
    "Voters who say the economy matters most backed Smith.",
    "He declined to say whether he would run.",
    "The company did not respond to a request for comment.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_attributions(analyse: Analyse, text: str) -> None:
    assert triples(analyse(text)) == []


# text, source name, anonymity reason
ANONYMITY = [
    (
        "A senior official, who spoke on condition of anonymity because he was not authorized to discuss the talks, said the deal was close.",
        "A senior official",
        "not authorized to discuss the talks",
    ),
    (
        "Speaking on condition of anonymity to discuss internal deliberations, one aide said the plan was dead.",
        "one aide",
        "to discuss internal deliberations",
    ),
    (
        "A person familiar with the matter, who asked not to be named because the review is confidential, said the report was late.",
        "A person familiar with the matter",
        "the review is confidential",
    ),
    (
        "Two officials, speaking on the condition of anonymity because they feared reprisals, said the audit was halted.",
        "Two officials",
        "they feared reprisals",
    ),
    (
        "An aide who was not authorized to speak publicly said the vote was delayed.",
        "An aide",
        "not authorized to speak publicly",
    ),
    ("A source said the plan was dead.", "A source", None),
]


@pytest.mark.parametrize(("text", "name", "reason"), ANONYMITY, ids=[a[1] for a in ANONYMITY])
def test_anonymity(analyse: Analyse, text: str, name: str, reason: str | None) -> None:
    doc = analyse(text)
    (source,) = doc.layers["sources"]
    assert (source.name, source.kind, source.named, source.anonymous) == (
        name,
        "person",
        False,
        True,
    )
    assert source.anonymous_reason == reason
    if reason is not None:
        assert source.anonymous_reason_span is not None
        assert _text(doc, source.anonymous_reason_span) == reason


# text, expected (name, descriptor) of each source, in order
RESOLUTION = [
    (
        "Councilmember Dana Ortiz said the vote was rushed. Ortiz added that the hearing was late.",
        [("Dana Ortiz", "Councilmember")],
    ),
    (
        "Dr. Lennart Vosskuhl, a consultant, said the deal was bad. Dr. Vosskuhl also warned that prices would rise.",
        [("Dr. Lennart Vosskuhl", "a consultant")],
    ),
    (
        "Jane Smith, a spokeswoman for the city, said the pool would close. The spokeswoman added that it would reopen in May.",
        [("Jane Smith", "a spokeswoman for the city")],
    ),
    (
        "Smith said the bridge was unsafe. He added that repairs would cost millions.",
        [("Smith", None)],
    ),
    (
        "Ana Ruiz said taxes would rise. The agency said they would not.",
        [("Ana Ruiz", None), ("The agency", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RESOLUTION, ids=[r[1][0][0] for r in RESOLUTION])
def test_mentions_resolve_to_one_source(
    analyse: Analyse, text: str, expected: list[tuple[str, str | None]]
) -> None:
    doc = analyse(text)
    assert [(s.name, s.descriptor) for s in doc.layers["sources"]] == expected
    assert all(q.source is not None for q in doc.layers["quotes"])


# text, to_author
TO_AUTHOR = [
    ("“The deal is dead,” Mark Lee told me.", True),
    ("The minister spoke to me about the drought.", True),
    ("In an interview with me, the coach said the team was tired.", True),
    ("Mark Lee told reporters the deal was dead.", False),
    ("Mark Lee told The Times the deal was dead.", False),
]


@pytest.mark.parametrize(("text", "expected"), TO_AUTHOR)
def test_to_author(analyse: Analyse, text: str, expected: bool) -> None:
    doc = analyse(text)
    (quote,) = doc.layers["quotes"]
    assert quote.to_author is expected
    assert source_of(doc, quote).to_author is expected


# text, who
NONRESPONSES = [
    ("The company did not respond to a request for comment.", "The company"),
    ("Smith declined to comment.", "Smith"),
    (
        "A spokesperson for the agency could not be reached for comment.",
        "A spokesperson for the agency",
    ),
    ("The White House did not immediately return a message seeking comment.", "The White House"),
    ("Lawyers for the firm declined requests for an interview.", "Lawyers for the firm"),
]


@pytest.mark.parametrize(("text", "who"), NONRESPONSES)
def test_nonresponses(analyse: Analyse, text: str, who: str) -> None:
    doc = analyse(text)
    (refusal,) = doc.layers["nonresponses"]
    assert refusal.who == who
    assert _text(doc, refusal.who_span) == who
    assert doc.layers["quotes"] == []


def test_nonresponse_links_to_a_quoted_source(analyse: Analyse) -> None:
    doc = analyse("Mark Lee said the deal was dead. Lee later declined to comment further.")
    (refusal,) = doc.layers["nonresponses"]
    assert refusal.source == doc.layers["sources"][0].id


def test_every_span_points_into_the_text(analyse: Analyse) -> None:
    doc = analyse(
        "A senior official, who spoke on condition of anonymity because he was not "
        'authorized to speak, said "no." The office declined to comment.'
    )
    size = len(doc.text)
    spans: list[Span] = []
    for quote in doc.layers["quotes"]:
        spans.extend(quote.spans)
    for source in doc.layers["sources"]:
        spans.extend(source.spans)
    for refusal in doc.layers["nonresponses"]:
        spans.extend(refusal.spans)
    assert spans and all(0 <= s.start <= s.end <= size for s in spans)


def test_comments_only_with_include_comments(analyse: Analyse) -> None:
    import newsift

    text = (
        "Title Line\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nThe body has no quotes at all.\n\n"
        "Ana Ruiz covers city hall.\n\nJo Kim\nJo Kim\n2 days ago\n\n"
        "My neighbor said the water was brown.\nReply\n"
    )
    assert analyse(text, kind="dump").layers["quotes"] == []
    pipeline = newsift.Pipeline.from_config(
        [
            {"name": "structure.v1", "params": {"line_model": False}},
            {"name": "attribution.quotes.v1", "params": {"include_comments": True}},
        ]
    )
    doc = pipeline(newsift.load(text, kind="dump"))
    assert triples(doc) == [("My neighbor", "said", "the water was brown", "indirect")]
