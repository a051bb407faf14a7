"""Issue 15, PolNeAR cue recall: speech frames the rules missed (training/cues_errors.py).

One table per frame, invented sentences, positive and negative:

- an "as" clause of saying attributes its main clause ("As the Gazette
  reported, ..."; "..., as supporters point out"; "As Varga put it, ...");
  not a time clause ("As he said goodbye"), imagined speech ("As Moss would
  say") or a clause whose main clause holds a statement of its own;
- a verb of promising takes its "to"-infinitive as what was said ("vowed to
  veto any bill"); verbs of wanting, planning and refusing do not;
- a poll, survey, study or audit "shows" or "found" its noun object ("a poll
  shows Moss with 47 percent"); people showing or finding things do not.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.document import Document, Span

Analyse = Callable[..., Document]


def _text(doc: Document, span: Span | None) -> str | None:
    return None if span is None else doc.text[span.start : span.end]


def statements(doc: Document) -> list[tuple[str | None, str | None, str]]:
    """(speaker, cue, content) of every quote, in text order."""
    return [
        (_text(doc, q.speaker), _text(doc, q.cue), doc.text[q.content.start : q.content.end])
        for q in doc.layers["quotes"]
    ]


# sentence, (speaker, cue, content) of each statement
AS_CLAUSES = [
    (
        "As the Kaldor Gazette reported, the mayor had already signed the contract.",
        [("the Kaldor Gazette", "reported", "the mayor had already signed the contract")],
    ),
    (
        "As Lena Moss noted in her column, the bridge has been closed for three years.",
        [("Lena Moss", "noted", "the bridge has been closed for three years")],
    ),
    (
        "The plan also carries risks, as Varga supporters point out.",
        [("Varga supporters", "point out", "The plan also carries risks")],
    ),
    (
        "As Tomas Varga put it, the party has lost its way.",
        [("Tomas Varga", "put it", "the party has lost its way")],
    ),
    (
        "As the ministry confirmed on Monday, the border will reopen in June.",
        [("the ministry", "confirmed", "the border will reopen in June")],
    ),
    (
        "As Dr. Ilse Brandt wrote last year, the vaccine was never tested on children.",
        [("Dr. Ilse Brandt", "wrote", "the vaccine was never tested on children")],
    ),
    (
        "As the audit report stated, nobody checked the invoices.",
        [("the audit report", "stated", "nobody checked the invoices")],
    ),
    (
        "The turbine failed twice in one week, as the operator acknowledged.",
        [("the operator", "acknowledged", "The turbine failed twice in one week")],
    ),
    (
        "As the company announced in March, the plant will close by the end of the year.",
        [("the company", "announced", "the plant will close by the end of the year")],
    ),
    (
        "As Senator Ama Reyes recalled, the vote was held at midnight.",
        [("Senator Ama Reyes", "recalled", "the vote was held at midnight")],
    ),
    # a time, imagined speech, an idiom's other sense, a statement of its own
    ("As he said goodbye, the crowd began to cheer.", []),
    ("As Lena Moss would say, the game is afoot.", []),
    ("As expected, the council approved the budget.", []),
    ("As Tomas Varga put the box down, the lights went out.", []),
    (
        "As the judge said, Moss said that the deal was dead.",
        [("Moss", "said", "that the deal was dead")],
    ),
    (
        "As the storm grew, the mayor announced a curfew.",
        [("the mayor", "announced", "a curfew")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), AS_CLAUSES, ids=[t[:30] for t, _ in AS_CLAUSES])
def test_as_clause_attributes_its_main_clause(
    analyse: Analyse, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert statements(analyse(text)) == expected


# sentence, (speaker, cue, content) of each statement
PROMISES = [
    (
        "Tomas Varga has promised to build a new bridge over the river.",
        [("Tomas Varga", "has promised", "to build a new bridge over the river")],
    ),
    (
        "The governor vowed to veto any bill that raises taxes.",
        [("The governor", "vowed", "to veto any bill that raises taxes")],
    ),
    (
        "Lena Moss pledged to donate her salary to the food bank.",
        [("Lena Moss", "pledged", "to donate her salary to the food bank")],
    ),
    (
        "The union threatened to strike if the talks fail.",
        [("The union", "threatened", "to strike if the talks fail")],
    ),
    (
        "Dana Ortiz vowed to serve the city with honour.",
        [("Dana Ortiz", "vowed", "to serve the city with honour")],
    ),
    (
        "The minister has also promised to cut waiting times in hospitals.",
        [("The minister", "has also promised", "to cut waiting times in hospitals")],
    ),
    (
        "Senator Ama Reyes vowed on Tuesday to fight the ruling in court.",
        [("Senator Ama Reyes", "vowed", "to fight the ruling in court")],
    ),
    (
        "The company pledged to plant a million trees by 2030.",
        [("The company", "pledged", "to plant a million trees by 2030")],
    ),
    (
        "Protesters threatened to block the port for a week.",
        [("Protesters", "threatened", "to block the port for a week")],
    ),
    (
        "Dr. Ilse Brandt promised voters to lower the fees.",
        [("Dr. Ilse Brandt", "promised", "to lower the fees")],
    ),
    (
        "She promised that the school would stay open.",
        [("She", "promised", "that the school would stay open")],
    ),
    # intentions, plans and refusals are not statements
    ("The mayor wants to build a new stadium.", []),
    ("The council plans to raise the parking fees.", []),
    ("Tomas Varga refused to answer the question.", []),
    ("Lena Moss hopes to win the seat in November.", []),
]


@pytest.mark.parametrize(("text", "expected"), PROMISES, ids=[t[:30] for t, _ in PROMISES])
def test_promise_takes_its_infinitive(
    analyse: Analyse, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert statements(analyse(text)) == expected


# sentence, (speaker, cue, content) of each statement
FINDINGS = [
    (
        "For the first time, a poll shows Senator Ama Reyes leading Governor Tomas Varga.",
        [("a poll", "shows", "Senator Ama Reyes leading Governor Tomas Varga")],
    ),
    (
        "A new survey shows Lena Moss with 47 percent versus Dana Ortiz, who has 44 percent.",
        [
            (
                "A new survey",
                "shows",
                "Lena Moss with 47 percent versus Dana Ortiz, who has 44 percent",
            )
        ],
    ),
    (
        "The Harbor Courier poll showed a mere one-point difference between Moss and Ortiz.",
        [
            (
                "The Harbor Courier poll",
                "showed",
                "a mere one-point difference between Moss and Ortiz",
            )
        ],
    ),
    (
        "One poll shows Tomas Varga 16 points ahead of Moss in Kaldor.",
        [("One poll", "shows", "Tomas Varga 16 points ahead of Moss in Kaldor")],
    ),
    (
        "The study found no link between the vaccine and autism.",
        [("The study", "found", "no link between the vaccine and autism")],
    ),
    (
        "The audit found irregularities in the payroll.",
        [("The audit", "found", "irregularities in the payroll")],
    ),
    (
        "The data show a sharp rise in rents.",
        [("The data", "show", "a sharp rise in rents")],
    ),
    (
        "The survey found that most residents support the plan.",
        [("The survey", "found", "that most residents support the plan")],
    ),
    # people show and find things without saying anything; a pronoun is no finding
    ("Voters showed little interest in the race.", []),
    ("Varga showed reporters the letter.", []),
    ("Researchers found a new species of frog.", []),
    ("The poll shows it.", []),
]


@pytest.mark.parametrize(("text", "expected"), FINDINGS, ids=[t[:30] for t, _ in FINDINGS])
def test_measurement_reports_its_finding(
    analyse: Analyse, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert statements(analyse(text)) == expected
