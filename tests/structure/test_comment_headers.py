"""Comment headers in the forms many sites write (issue 21): a "written by" label before
the name, a comma between name and time, a bare reply word after the clock, weekday
abbreviations, titles above headers and headers under their comment's text."""

from __future__ import annotations

from datetime import date

import pytest

from newsift.structure.dump import parse_dump
from newsift.text.dates import parse_absolute
from newsift.text.lines import split_comment_header


@pytest.mark.parametrize(
    ("text", "name", "when"),
    [
        ("Comment by Mirko Lange — 17.07, 2011 @ 13:04", "Mirko Lange", "17.07, 2011 @ 13:04"),
        ("Posted by Jo Kim on March 5, 2025 at 3:14 pm", "Jo Kim", "March 5, 2025 at 3:14 pm"),
        ("written by anna_k on 5 May 2020", "anna_k", "5 May 2020"),
        ("geschrieben von berg2012 am 21. Jan. 2015, 19:04 [ antworten ]", "berg2012",
         "21. Jan. 2015, 19:04"),
        ("Kommentar von Lea Brenner am 5. Januar 2020 um 10:15 Uhr", "Lea Brenner",
         "5. Januar 2020 um 10:15 Uhr"),
        ("Écrit par Jean Dupont le 5 janvier 2020 à 10 h 15", "Jean Dupont",
         "5 janvier 2020 à 10 h 15"),
        ("Escrito por Ana García el 5 de enero de 2020", "Ana García", "5 de enero de 2020"),
        ("Scritto da Luca Rossi il 5 gennaio 2020 alle 10:15", "Luca Rossi",
         "5 gennaio 2020 alle 10:15"),
        ("Geplaatst door Jan Smit op 5 januari 2020", "Jan Smit", "5 januari 2020"),
        ("Josef Franz Lindner, Do 9 Apr 2020 / 08:34 Antworten", "Josef Franz Lindner",
         "Do 9 Apr 2020 / 08:34"),
        ("Hella, Sa 11 Apr 2020 / 00:40", "Hella", "Sa 11 Apr 2020 / 00:40"),
        ("Marcus Obi, Thu 9 Apr 2020 / 08:34 Reply", "Marcus Obi", "Thu 9 Apr 2020 / 08:34"),
        ("Jo, 2 hours ago", "Jo", "2 hours ago"),
        ("Anna Schmidt, 5. Januar 2020, 10:15", "Anna Schmidt", "5. Januar 2020, 10:15"),
    ],
)  # fmt: skip
def test_more_header_forms(text: str, name: str, when: str) -> None:
    header = split_comment_header(text, thread=True)
    assert header is not None
    assert (header.name, header.when) == (name, when)
    assert text[header.name_start : header.name_end] == name
    assert text[header.when_start : header.when_start + len(when)] == when


@pytest.mark.parametrize(
    ("text", "vouched"),
    [
        ("geschrieben von berg2012 am 21. Jan. 2015, 19:04", True),  # the label vouches
        ("Hella, Sa 11 Apr 2020 / 00:40 Antworten", True),  # the reply button vouches
        ("Hella, Sa 11 Apr 2020 / 00:40", False),
        ("Marcus Obi · 2 weeks ago", False),
    ],
)
def test_a_label_or_a_reply_button_vouches_for_a_header(text: str, vouched: bool) -> None:
    header = split_comment_header(text, thread=True)
    assert header is not None
    assert header.vouched is vouched


@pytest.mark.parametrize(
    "text",
    [
        "Berlin, 5. Januar 2020",  # a place's dateline: a comma and a date with no clock
        "Paris, le 5 janvier 2020",
        "Posted on March 5, 2025",
        "Geschrieben am 5. Januar 2020",
        "However, on 5 May 2020 at 10:15 the vote was held",
        "Posted by the city council of the town of Springfield on 5 May 2020",
        "Comment by Mirko Lange — a good point",
        "The meeting, 5 May 2020 at 10:15, was long and nobody came out of it happy",
        "Donnerstag, 10. Februar 2022 - 19:05",  # a weekday is no name
        "Thursday, August 6, 2020 9:09 AM",
        "martes, 3 de mayo de 2022 · 23:57",
    ],
)
def test_not_headers(text: str) -> None:
    assert split_comment_header(text, thread=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "Written by Ana Sandoiu on July 27, 2017",  # an article's byline
        "Gesine Engels-Krone, 02.01.2023, 11:08 Uhr",
        "geschrieben von berg2012 am 21. Jan. 2015, 19:04",
        "Josef Franz Lindner, Do 9 Apr 2020 / 08:34",
    ],
)
def test_labels_and_commas_are_read_only_in_a_thread(text: str) -> None:
    assert split_comment_header(text) is None
    assert split_comment_header(text, thread=True) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17.07, 2011 @ 13:04", date(2011, 7, 17)),  # a comma before the year
        ("Thu 9 Apr 2020 / 08:34", date(2020, 4, 9)),
        ("Do 9 Apr 2020 / 08:34", date(2020, 4, 9)),
        ("za 9 mei 2020 om 10:15", date(2020, 5, 9)),  # Dutch
        ("wo 6 mei 2020", date(2020, 5, 6)),
        ("sab 9 maggio 2020 alle 10:15", date(2020, 5, 9)),  # Italian
        ("seg 11 de maio de 2020 às 10:15", date(2020, 5, 11)),  # Portuguese
        ("10:15, 05.01.2020", date(2020, 1, 5)),  # a clock before the date still
        ("17.07, 11", None),
    ],
)
def test_more_date_forms(text: str, expected: date | None) -> None:
    assert parse_absolute(text) == expected


_ARTICLE = [
    "Verstößt der Ausschluss von Pseudonymen gegen deutsches Recht?",
    "Von Thomas Stadler",
    "Google hat mehrfach die Profile solcher Nutzer gesperrt, die sich nicht mit ihrem "
    "Namen angemeldet haben, und das wirft rechtliche Fragen auf.",
    "Die Regelung wirkt auf den ersten Blick eindeutig, aber nur solange man davon ausgeht, "
    "dass das Profil privat genutzt wird.",
]


def _page(lines: list[str]) -> str:
    return "\n\n".join(lines)


def _comments(text: str) -> list[tuple[str | None, str]]:
    layout = parse_dump(text)
    return [
        (r.author, text[r.paragraphs[0].start : r.paragraphs[0].end] if r.paragraphs else "")
        for r in layout.regions
        if r.kind == "comment"
    ]


TRAILING = [
    *_ARTICLE,
    "Comments (3)",
    "Also im Klartext: wer öffentlich kommuniziert, braucht ein Impressum.",
    "Comment by Mirko Lange — 17.07, 2011 @ 13:04",
    "Wenn das in den AGB steht, finde ich es lächerlich.",
    "Comment by Daniel — 17.07, 2011 @ 13:10",
    "Es geht um den Zweck, nicht um die Öffentlichkeit.",
    "Wer persönliche Zwecke verfolgt, braucht kein Impressum.",
    "Comment by Christoph Kappes — 17.07, 2011 @ 13:22",
    "Leave a comment",
    "Über mich",
]


def test_headers_under_their_text_are_read_so() -> None:
    assert _comments(_page(TRAILING)) == [
        ("Mirko Lange", "Also im Klartext: wer öffentlich kommuniziert, braucht ein Impressum."),
        ("Daniel", "Wenn das in den AGB steht, finde ich es lächerlich."),
        ("Christoph Kappes", "Es geht um den Zweck, nicht um die Öffentlichkeit."),
    ]


def test_two_headers_are_no_rhythm() -> None:
    """With two comments only, the headers are read as they stand (text under them)."""
    two = TRAILING[: TRAILING.index("Comment by Daniel — 17.07, 2011 @ 13:10") + 1]
    assert [name for name, _ in _comments(_page(two))] == ["Mirko Lange", "Daniel"]
    assert _comments(_page(two))[0][1] == "Wenn das in den AGB steht, finde ich es lächerlich."


def test_a_thread_with_text_after_its_last_header_keeps_headers_first() -> None:
    """Text before the first header (a comment policy) and a full comment after the last
    header: the headers open their comments."""
    lines = [
        *_ARTICLE,
        "Comments (3)",
        "Please keep comments on topic and civil, we delete insults.",
        "Comment by Mirko Lange — 17.07, 2011 @ 13:04",
        "Wenn das in den AGB steht, finde ich es lächerlich.",
        "Comment by Daniel — 17.07, 2011 @ 13:10",
        "Es geht um den Zweck, nicht um die Öffentlichkeit.",
        "Comment by Christoph Kappes — 17.07, 2011 @ 13:22",
        "Wer persönliche Zwecke verfolgt, braucht kein Impressum, wie jeder weiß, der das "
        "Telemediengesetz einmal gelesen hat.",
        "Leave a comment",
    ]
    assert _comments(_page(lines)) == [
        ("Mirko Lange", "Wenn das in den AGB steht, finde ich es lächerlich."),
        ("Daniel", "Es geht um den Zweck, nicht um die Öffentlichkeit."),
        (
            "Christoph Kappes",
            "Wer persönliche Zwecke verfolgt, braucht kein Impressum, wie jeder weiß, der das "
            "Telemediengesetz einmal gelesen hat.",
        ),
    ]


TITLED = [
    *_ARTICLE,
    "Kommentare",
    "Dieser Artikel hat 3 Kommentare.",
    "Ein Argument",
    "geschrieben von berg2012 am 21. Jan. 2015, 19:04 [ antworten ]",
    "Ich hätte eine andere Erklärung für die geringe Wirkung.",
    "Ein Missverständnis",
    "geschrieben von wScherf am 21. Jan. 2015, 20:02 [ antworten ]",
    "Man sollte nicht mit der Gleichung beginnen.",
    "Kurze Antworten",
    "geschrieben von GeorgQuaas am 21. Jan. 2015, 21:03 [ antworten ]",
    "Sie haben Größenordnungen nicht spezifiziert.",
]


def test_a_title_above_each_header_is_its_comments_own() -> None:
    assert _comments(_page(TITLED)) == [
        ("berg2012", "Ein Argument"),
        ("wScherf", "Ein Missverständnis"),
        ("GeorgQuaas", "Kurze Antworten"),
    ]


def test_a_last_sentence_above_headers_is_no_title() -> None:
    """Lines above the headers that end sentences stay with the comment before."""
    lines = list(TITLED)
    lines[lines.index("Ein Missverständnis")] = "Das sehe ich anders."
    lines[lines.index("Kurze Antworten")] = "Danke für den Hinweis."
    found = _comments(_page(lines))
    assert [name for name, _ in found] == ["berg2012", "wScherf", "GeorgQuaas"]
    assert found[0][1] == "Ich hätte eine andere Erklärung für die geringe Wirkung."
    assert found[1][1] == "Man sollte nicht mit der Gleichung beginnen."
