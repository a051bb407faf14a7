"""Issue 15, page-level audit: only real sources are displayed ("when unsure, say less").

Each table holds invented sentences, positive and negative, for one cause of a
wrong displayed source found on the page-level truth set
(``benchmarks/audit.py --split dev``):

- a dateline ("BUFFALO, N.Y. —") is never a speaker;
- an opening "X:" names a speaker only when X is a person, organisation,
  role or document, not a heading, a disclaimer or a place;
- a statement needs content that states something: a bare noun phrase or
  pronoun that a verb of doing acted on ("referred him", "dismissed a chest
  X-ray") is not content, the object of a verb of telling is;
- imagined and conditional speech ("As Sherlock would say", "if the patient
  reports ...") is no statement;
- people and groups do not "show" or "prove" things by speaking, and "shows"
  does not borrow the subject of another clause;
- a past participle with no auxiliary ("a germ usually found in ...") is not a cue;
- a name inside a quotation is not the subject a later "he" refers to;
- "Sixty percent said" is a group, not a person.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.document import Document, Span

Analyse = Callable[..., Document]


def _text(doc: Document, span: Span | None) -> str | None:
    return None if span is None else doc.text[span.start : span.end]


def shown(doc: Document) -> list[tuple[str | None, str]]:
    """(source name, content) of every quote credited to a displayed source."""
    names = {s.id: s.name for s in doc.layers["sources"]}
    return [
        (names.get(q.source or ""), doc.text[q.content.start : q.content.end])
        for q in doc.layers["quotes"]
        if q.source is not None
    ]


def source_names(doc: Document) -> list[str]:
    return [s.name for s in doc.layers["sources"]]


# paragraph, displayed source names
DATELINES = [
    ("BUFFALO, N.Y. — Coach Dana Ortiz said the team was tired.", ["Dana Ortiz"]),
    ("SIOUX FALLS, S.D. – Residents are talking about it: the city is broke.", []),
    ("WASHINGTON (AP) — The senator said Monday that the bill would pass.", ["The senator"]),
    ("LONDON — Britain said on Tuesday that it would raise taxes.", ["Britain"]),
    ("KALDOR, Vestria — Mayor Ilse Brandt announced that the bridge would close.", ["Ilse Brandt"]),
    (
        "Washington, DC, United States: Getting to the Moon, while not easy, has been done.",
        [],
    ),
    ("MARLOW, Ont. — Hours before the vote, Lena Moss said she was confident.", ["Lena Moss"]),
    ("PORT ELLEN, Scotland — The distillery said that sales had doubled.", ["The distillery"]),
    # not datelines: the organisation or person opens the sentence and speaks
    ("NASA said on Monday that nine companies could bid for the contracts.", ["NASA"]),
    ("Beijing said on Friday that it would retaliate against the tariffs.", ["Beijing"]),
    ("Councilmember Dana Ortiz said the vote was rigged.", ["Dana Ortiz"]),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES, ids=[t[:30] for t, _ in DATELINES])
def test_dateline_is_never_a_speaker(analyse: Analyse, text: str, expected: list[str]) -> None:
    assert source_names(analyse(text)) == expected


# paragraph, displayed source names
COLONS = [
    ("Disclaimer: The views expressed by the experts are their own.", []),
    ("Brace yourself, fans: the band might not play its old songs.", []),
    ("Warning: this video contains scenes that some viewers may find upsetting.", []),
    ("Washington, DC, United States: The launch has been delayed again.", []),
    ("Update: The road has reopened after the storm.", []),
    ("Bottom line: the plan costs more than it saves.", []),
    # a person, organisation, role or document before the colon speaks
    ("Varga: The West has failed Ukraine and everyone knows it.", ["Varga"]),
    ("Lena Moss: The minister is a walking disaster for the city.", ["Lena Moss"]),
    ("Poll: Most voters want the mayor to resign before summer.", ["Poll"]),
    ("The governor: We will rebuild every house that was lost.", ["The governor"]),
]


@pytest.mark.parametrize(("text", "expected"), COLONS, ids=[t[:30] for t, _ in COLONS])
def test_opening_colon_needs_a_speaker(analyse: Analyse, text: str, expected: list[str]) -> None:
    assert source_names(analyse(text)) == expected


# paragraph, (source, content) of each quote credited to a source
CONTENT = [
    ("His doctor referred him to a lung clinic.", []),
    ("Then a radiologist dismissed a chest X-ray of his lungs as normal.", []),
    ("Ryan Holt, who joked about Oren's habit of changing sticks, was quiet.", []),
    ("Coach Dana Ortiz expressed confidence in the veteran winger.", []),
    ("People across the nation are talking about it.", []),
    ("He said, she said", []),
    ("Stocks rose on hopes for the companies reporting better-than-expected results.", []),
    ("Investors ignored macroeconomic data pointing to a slowdown.", []),
    # content that states something
    (
        "Coach Dana Ortiz said the team was tired.",
        [("Dana Ortiz", "the team was tired")],
    ),
    (
        "The regional health authority reported its third case of plague on Sunday.",
        [("The regional health authority", "its third case of plague")],
    ),
    (
        "Senator Ama Reyes criticized the decision.",
        [("Ama Reyes", "the decision")],
    ),
    (
        "Republicans called for an investigation.",
        [("Republicans", "an investigation")],
    ),
    (
        "Half of the nurses said so.",
        [("Half of the nurses", "so")],
    ),
    (
        "Dr. Lena Moss noted there's no evidence that the drug helps.",
        [("Dr. Lena Moss", "there's no evidence that the drug helps")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONTENT, ids=[t[:30] for t, _ in CONTENT])
def test_statement_needs_content(
    analyse: Analyse, text: str, expected: list[tuple[str, str]]
) -> None:
    assert shown(analyse(text)) == expected


# paragraph, displayed source names
IMAGINED = [
    ('As Sherlock would say, "Elementary, my dear Watson."', []),
    ("Critics might argue that the plan is too expensive.", []),
    ("Voters could say that the mayor failed them.", []),
    ("The condition is often missed if the patient reports no birds in the home.", []),
    ("Unless the minister announces a delay, the vote goes ahead.", []),
    ("Critics may claim that the plan is too expensive.", []),
    # reported speech, past or future, stays
    ("Mayor Ilse Brandt said that the bridge would close.", ["Ilse Brandt"]),
    ("Mayor Ilse Brandt would later say that the bridge was safe.", ["Ilse Brandt"]),
    ("The minister will announce that taxes are going up.", ["The minister"]),
    ("Lena Moss has said that the deal is dead.", ["Lena Moss"]),
]


@pytest.mark.parametrize(("text", "expected"), IMAGINED, ids=[t[:30] for t, _ in IMAGINED])
def test_imagined_speech_is_no_statement(analyse: Analyse, text: str, expected: list[str]) -> None:
    assert source_names(analyse(text)) == expected


# paragraph, displayed source names
SHOWING = [
    ("Voters could have shown they were tired of the investigations.", []),
    ("Voters showed that they were tired of the investigations.", []),
    ("The strikers proved that the union still mattered.", []),
    ("Mayor Ilse Brandt's defeat means that the party is finished.", []),
    (
        "Kristi Vale launched the campaign, and the ad going viral shows that it works.",
        [],
    ),
    ("He demonstrated that the engine could run on hydrogen.", []),
    # documents and studies show; people still suggest and reveal
    ("The study shows that the drug works.", ["The study"]),
    ("A survey of nurses showed that most wanted to leave.", ["A survey of nurses"]),
    ("Lena Moss suggested that the vote be delayed.", ["Lena Moss"]),
    ("Senator Ama Reyes revealed that she had been ill.", ["Ama Reyes"]),
]


@pytest.mark.parametrize(("text", "expected"), SHOWING, ids=[t[:30] for t, _ in SHOWING])
def test_people_do_not_show_by_speaking(analyse: Analyse, text: str, expected: list[str]) -> None:
    assert source_names(analyse(text)) == expected


# paragraph, displayed source names
PARTICIPLES = [
    ("Plague is caused by Yersinia pestis - a bacteria usually found in small mammals.", []),
    ("Often called farmer's lung, the disease can last for years.", []),
    ("Commonly described as harmless, the mould can kill.", []),
    ("The virus, typically reported in bats, spread to pigs.", []),
    ("Widely praised as a reformer, the mayor lost anyway.", []),
    ("Sometimes called the quiet killer, radon is odourless.", []),
    # finite verbs the tagger reads as participles, and perfect tenses, stay
    ("Lena Moss tweeted that the vote was rigged.", ["Lena Moss"]),
    ("The researchers found that the drug works.", ["The researchers"]),
    ("The agency has found that the water is safe.", ["The agency"]),
    ("Mayor Ilse Brandt had announced that the bridge would close.", ["Ilse Brandt"]),
]


@pytest.mark.parametrize(("text", "expected"), PARTICIPLES, ids=[t[:30] for t, _ in PARTICIPLES])
def test_participle_without_auxiliary_is_no_cue(
    analyse: Analyse, text: str, expected: list[str]
) -> None:
    assert source_names(analyse(text)) == expected


# text, (source, content start) of each quote credited to a source
QUOTED_SUBJECTS = [
    (
        "President Tom Harlan praised the governor. “Dana Ortiz has done a wonderful job!” "
        'Harlan tweeted.\n\n"Vote today," he said.',
        ["Tom Harlan", "Tom Harlan", "Tom Harlan"],
    ),
    (
        'Lena Moss spoke first. “Oren Falk is a fraud,” she said.\n\n"We will win," she said.',
        ["Lena Moss", "Lena Moss"],
    ),
    (
        'Mayor Ilse Brandt called it a win. "Karl Stein wants to close the bridge," '
        'Brandt said.\n\n"I will not let him," she added.',
        ["Ilse Brandt", "Ilse Brandt", "Ilse Brandt"],
    ),
    (
        "Coach Dana Ortiz was upbeat. “Min Park has played well,” Ortiz said.\n\n"
        '"He will start," she said.',
        ["Ortiz", "Ortiz"],
    ),
    (
        "Senator Ama Reyes spoke to the crowd. “Jon Bell lied to you,” Reyes said.\n\n"
        '"He knows it," she said.',
        ["Reyes", "Reyes"],
    ),
    (
        "Governor Paul Ruiz won. “Ann Tate ran a good race,” Ruiz said.\n\n"
        '"We talked tonight," he said.',
        ["Ruiz", "Ruiz"],
    ),
    (
        'Oren Falk resigned. “Lena Moss asked me to stay,” Falk said.\n\n"I said no," he said.',
        ["Falk", "Falk"],
    ),
    (
        'Karl Stein lost. “Ilse Brandt deserved it,” Stein said.\n\n"I will be back," he said.',
        ["Stein", "Stein"],
    ),
    (
        "Ann Tate arrived late. “Paul Ruiz held the door,” Tate wrote.\n\n"
        '"It was kind," she wrote.',
        ["Tate", "Tate"],
    ),
    # outside a quotation a new subject is still the one "he" refers to
    (
        'Jon Bell met the press. Later Oren Falk arrived.\n\n"We are done," he said.',
        ["Oren Falk"],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), QUOTED_SUBJECTS, ids=[t[:30] for t, _ in QUOTED_SUBJECTS]
)
def test_name_in_a_quotation_is_no_subject(
    analyse: Analyse, text: str, expected: list[str]
) -> None:
    assert [name for name, _ in shown(analyse(text))] == expected


# paragraph, kind of the only displayed source
PERCENTS = [
    ("Sixty percent said the mayor should resign.", "group"),
    ("Fifty-one percent say that the war was a mistake.", "group"),
    ("Only 12 percent said they trusted the council.", "group"),
    ("About 40 per cent said the reforms had failed.", "group"),
    ("Seventy percent of nurses said they were exhausted.", "group"),
    ("44% said they would vote again.", "group"),
    # people and organisations keep their kinds
    ("The president said the war was a mistake.", "person"),
    ("The student said the exam was unfair.", "person"),
    ("The department said the exam was fair.", "organization"),
    ("Residents said the water was brown.", "group"),
]


@pytest.mark.parametrize(("text", "kind"), PERCENTS, ids=[t[:30] for t, _ in PERCENTS])
def test_percent_is_a_group(analyse: Analyse, text: str, kind: str) -> None:
    sources = analyse(text).layers["sources"]
    assert [s.kind for s in sources] == [kind]
