"""Comment headers, dates and 24-hour clocks as de, fr, es, it, nl and pt pages write them.

Each form is checked on ten dates and ten invented names: a table of templates,
filled from the same rows, so a month or a connector the tables miss fails here.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsift.structure.dump import parse_dump
from newsift.text.dates import Relative, parse_absolute, parse_when
from newsift.text.header import parse_byline, parse_dateline
from newsift.text.lines import (
    is_european_time,
    is_time,
    labelled_time,
    name_of,
    split_comment_header,
)

#: (day, month, year, hour, minute): ten dates, every month name at least once over the table
DATES = [
    (5, 1, 2020, 10, 15), (28, 2, 2019, 0, 5), (3, 3, 2021, 23, 59), (17, 4, 2018, 7, 30),
    (1, 5, 2022, 12, 0), (30, 6, 2017, 18, 45), (14, 7, 2023, 9, 9), (9, 8, 2016, 21, 10),
    (22, 9, 2024, 6, 40), (11, 10, 2015, 16, 20), (6, 11, 2020, 13, 13), (24, 12, 2019, 20, 0),
]  # fmt: skip
NAMES = [
    "Anna Schmidt", "Jonas Brenner", "Marie Dufresne", "Ana García", "Chiara Marchetti",
    "Bram de Wit", "Joana Ribeiro", "Lucía Ferrandiz", "Hugo Lindqvist", "Femke Van Aalst",
]  # fmt: skip
MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
}  # fmt: skip
#: how each language writes a comment's time: "{d}", "{month}", "{y}", "{h}", "{mi}", "{dd}", "{mm}"
TIME_FORMS = [
    ("de", "{d}. {month} {y} um {h}:{mi} Uhr"),
    ("de", "{dd}.{mm}.{y}, {h}:{mi}"),
    ("de", "am {d}. {month} {y}"),
    ("de", "{d}. {month} {y} / {h}:{mi}"),
    ("fr", "{d} {month} {y} à {h} h {mi}"),
    ("fr", "Le {d} {month} {y} à {h}h{mi}"),
    ("es", "{d} de {month} de {y} a las {h}:{mi}"),
    ("es", "el {d} de {month} de {y}"),
    ("it", "{d} {month} {y} alle {h}:{mi}"),
    ("nl", "{d} {month} {y} om {h}:{mi}"),
    ("pt", "{d} de {month} de {y} às {h}:{mi}"),
    ("en", "{d} {month_en} {y}, {h}:{mi}"),
]
MONTHS["en"] = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip


def _fill(form: str, language: str, row: tuple[int, int, int, int, int]) -> str:
    day, month, year, hour, minute = row
    return form.format(
        d=day, dd=f"{day:02d}", month=MONTHS[language][month - 1], month_en=MONTHS["en"][month - 1],
        mm=f"{month:02d}", y=year, h=f"{hour:02d}", mi=f"{minute:02d}",
    )  # fmt: skip


TIME_CASES = [
    (_fill(form, language, row), date(row[2], row[1], row[0]))
    for language, form in TIME_FORMS
    for row in DATES
]


@pytest.mark.parametrize(("text", "expected"), TIME_CASES)
def test_european_times_are_dates(text: str, expected: date) -> None:
    assert parse_when(text) == expected
    assert is_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vor 2 Stunden", Relative(2, "hour")), ("vor einem Tag", Relative(1, "day")),
        ("vor 3 Wochen", Relative(3, "week")), ("il y a 5 minutes", Relative(5, "minute")),
        ("il y a 3 jours", Relative(3, "day")), ("hace 2 horas", Relative(2, "hour")),
        ("hace un mes", Relative(1, "month")), ("2 ore fa", Relative(2, "hour")),
        ("3 giorni fa", Relative(3, "day")), ("2 uur geleden", Relative(2, "hour")),
        ("4 dagen geleden", Relative(4, "day")), ("há 2 horas", Relative(2, "hour")),
        ("há 6 meses", Relative(6, "month")), ("gestern", Relative(1, "day")),
        ("ayer", Relative(1, "day")), ("ieri", Relative(1, "day")),
        ("vor 2 Stunden (edited)", Relative(2, "hour")),
        ("vor Jahren", None), ("Ich war vor 2 Stunden dort", None), ("2 ore", None),
    ],
)  # fmt: skip
def test_european_relative_times(text: str, expected: Relative | None) -> None:
    assert parse_when(text) == expected


@pytest.mark.parametrize(
    "text",
    ["5. Januar", "Januar 2020", "12.13.2020", "31. Februar 2020", "Version 2.1.2020b",
     "Die Sitzung am 5. Januar 2020 war lang.", "5 janvier", "le 5 janvier 2020 était froid"],
)  # fmt: skip
def test_not_european_times(text: str) -> None:
    assert not is_time(text)


def test_english_reading_is_unchanged_by_the_european_tables() -> None:
    """English forms read the same with the European tables off; European ones only with them."""
    for text in ("March 5, 2025 at 3:14 pm", "2 weeks ago", "2025-03-05 14:02", "03/04/2025"):
        assert parse_when(text) == parse_when(text, european=False) is not None
        assert not is_european_time(text)
    for text, _ in TIME_CASES[:30]:
        assert parse_when(text, european=False) is None
        assert is_european_time(text)
    assert parse_absolute("05.01.2020", european=False) is None


SAID_FORMS = [
    "{name} sagt:",
    "{name} schreibt:",
    "Von {name}",
    "{name} a dit :",
    "Par {name}",
    "{name} dit :",
    "{name} dice:",
    "Por {name}",
    "{name} scrive:",
    "{name} zegt:",
    "Door {name}",
    "{name} disse:",
    "{name} says:",
]
NAME_CASES = [(form.format(name=name), name) for form in SAID_FORMS for name in NAMES]


@pytest.mark.parametrize(("text", "name"), NAME_CASES)
def test_comment_author_lines(text: str, name: str) -> None:
    assert name_of(text) == name


HEADER_FORMS = [
    ("{name} sagt: {time}", "de", "{d}. {month} {y} um {h}:{mi} Uhr"),
    ("Von {name} am {time}", "de", "{d}. {month} {y} um {h}:{mi} Uhr"),
    ("{name} · {time}", "de", "{dd}.{mm}.{y}, {h}:{mi}"),
    ("Par {name} le {time}", "fr", "{d} {month} {y} à {h} h {mi}"),
    ("{name} a dit : {time}", "fr", "{d} {month} {y} à {h}h{mi}"),
    ("Por {name} el {time}", "es", "{d} de {month} de {y} a las {h}:{mi}"),
    ("{name} dice: {time}", "es", "{d} de {month} de {y}"),
    ("{name} il {time}", "it", "{d} {month} {y} alle {h}:{mi}"),
    ("{name} op {time}", "nl", "{d} {month} {y} om {h}:{mi}"),
    ("{name} disse: {time}", "pt", "{d} de {month} de {y} às {h}:{mi}"),
]
HEADER_CASES = [
    (form.format(name=name, time=_fill(time, language, row)), name, _fill(time, language, row))
    for form, language, time in HEADER_FORMS
    for name, row in zip(NAMES, DATES, strict=False)
]


@pytest.mark.parametrize(("text", "name", "when"), HEADER_CASES)
def test_comment_headers_on_one_line(text: str, name: str, when: str) -> None:
    header = split_comment_header(text)
    assert header is not None
    assert (header.name, header.when) == (name, when)
    assert text[header.when_start :] == when
    assert text[header.name_start : header.name_end] == name


@pytest.mark.parametrize(
    "text",
    [
        "Heute am 5. Januar 2020",  # one word before "am": no name without "sagt" or "Von"
        "Veröffentlicht am 5. Januar 2020",  # a dateline
        "Posted on March 5, 2025",
        "Die Sitzung am 5. Januar 2020 war lang",
        "Anna Schmidt sagt, dass sie am 5. Januar 2020 kommt",
        "Marcus on March 5, 2025",  # English needs a separator or "says:"
    ],
)
def test_not_comment_headers(text: str) -> None:
    assert split_comment_header(text) is None


DATELINE_FORMS = [
    ("Veröffentlicht am {time}", "de", "{d}. {month} {y}", "posted"),
    ("Aktualisiert am {time}", "de", "{dd}.{mm}.{y}, {h}:{mi} Uhr", "updated"),
    ("Publié le {time}", "fr", "{d} {month} {y} à {h}h{mi}", "posted"),
    ("Mis à jour le {time}", "fr", "{d} {month} {y}", "updated"),
    ("Publicado el {time}", "es", "{d} de {month} de {y}", "posted"),
    ("Pubblicato il {time}", "it", "{d} {month} {y} alle {h}:{mi}", "posted"),
    ("Gepubliceerd op {time}", "nl", "{d} {month} {y}", "posted"),
    ("Atualizado em {time}", "pt", "{d} de {month} de {y}", "updated"),
]
DATELINE_CASES = [
    (form.format(time=_fill(time, language, row)), _fill(time, language, row), label)
    for form, language, time, label in DATELINE_FORMS
    for row in DATES[:10]
]


@pytest.mark.parametrize(("text", "date_text", "label"), DATELINE_CASES)
def test_european_datelines(text: str, date_text: str, label: str) -> None:
    dateline = parse_dateline(text)
    assert dateline is not None
    assert (dateline.date_text, dateline.label) == (date_text, label)


BYLINE_CASES = [
    (form.format(name=name), name) for form in ("Von {name}", "Par {name}", "Por {name}",
                                                "Door {name}", "Auteur : {name}", "Autor: {name}",
                                                "Autorin: {name}", "Autore: {name}",
                                                "Author: {name}") for name in NAMES
]  # fmt: skip


@pytest.mark.parametrize(("text", "author"), BYLINE_CASES)
def test_european_bylines(text: str, author: str) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert byline.author == author
    english = parse_byline(text, european=False)
    assert (english is not None) == text.startswith("Author:")


@pytest.mark.parametrize(
    "text",
    ["Par ailleurs, le gouvernement a décidé", "Por qué la ciudad cierra la biblioteca",
     "Von heute an gilt die neue Regel", "Door de regen bleef het stil",
     "Auteur : inconnu depuis 1990", "Autor: der Text stammt aus dem Archiv",
     "Edition : M-A. Pioerron", "Author: unknown"],
)  # fmt: skip
def test_sentences_are_not_european_bylines(text: str) -> None:
    assert parse_byline(text) is None


@pytest.mark.parametrize(
    ("text", "start"),
    [("Posted on March 5, 2025 at 3:14 pm", 10), ("Geschrieben am 5. Januar 2020", 15),
     ("Publié le 5 janvier 2020 à 10h15", 10), ("Publicado el 5 de enero de 2020", 13),
     ("Posted on the river bank", None), ("March 5, 2025", None)],
)  # fmt: skip
def test_labelled_times(text: str, start: int | None) -> None:
    assert labelled_time(text) == start


GERMAN_THREAD = """Startseite

Stadtrat schließt die Bibliothek im Westend

Von Lea Brenner

Der Stadtrat hat am Dienstag beschlossen, die Bibliothek im Westend zu schließen, weil die Sanierung zu teuer wäre.

Viele Anwohner zeigten sich enttäuscht und kündigten Widerstand gegen den Beschluss an.

2 Kommentare

Jonas Keller sagt:
5. Januar 2020 um 10:15 Uhr
Schade, ich war als Kind oft dort.
Antworten

Von Marie Schaller am 6. Januar 2020 um 08:02 Uhr
Wer soll das bezahlen?
Antworten
"""


def test_a_german_thread_is_read_without_the_line_model() -> None:
    layout = parse_dump(GERMAN_THREAD)
    comments = [r for r in layout.regions if r.kind == "comment"]
    assert [(c.author, c.when) for c in comments] == [
        ("Jonas Keller", "5. Januar 2020 um 10:15 Uhr"),
        ("Marie Schaller", "6. Januar 2020 um 08:02 Uhr"),
    ]
    assert layout.facts.author == "Lea Brenner"
    assert layout.headline == "Stadtrat schließt die Bibliothek im Westend"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(22 juin 2018 @11h29)", date(2018, 6, 22)),
        ("( 5. Januar 2020 um 10:15 Uhr )", date(2020, 1, 5)),
        ("(22 juin 2018", None),  # one parenthesis alone is no date's frame
        ("(siehe 22 juin 2018)", None),
    ],
)
def test_dates_in_parentheses(text: str, expected: date | None) -> None:
    assert parse_absolute(text) == expected


def test_a_colon_line_ends_a_comment_header() -> None:
    """ "Name" / "(22 juin 2018 @11h29)" / ":" then the text: the colon is no text."""
    text = "\n".join(
        ["Le titre de l'article", "Par Jean Dupont", "",
         "Le texte de l'article est ici, et il continue assez longtemps pour être lu comme un "
         "paragraphe de texte courant.", "",
         "Un deuxième paragraphe suit, lui aussi assez long pour que le lecteur le prenne pour "
         "du texte.", "", "3 commentaires", "",
         "Red Bastard", "(22 juin 2018 @11h29)", ":", "Même argument, encore une fois.", "",
         "Cindy Cats", "(24 juin 2018 @21h10)", ":", "Erreur de ma part."]
    )  # fmt: skip
    layout = parse_dump(text)
    comments = [r for r in layout.regions if r.kind == "comment"]
    assert [(c.author, text[c.paragraphs[0].start : c.paragraphs[0].end]) for c in comments] == [
        ("Red Bastard", "Même argument, encore une fois."),
        ("Cindy Cats", "Erreur de ma part."),
    ]


def test_a_dash_line_under_a_comment_header_stays_text() -> None:
    from newsift.structure.thread import _HEADER_MARKS

    assert ":" in _HEADER_MARKS
    assert not {"-", "–", "—"} & _HEADER_MARKS  # "–" may open a comment's own text
