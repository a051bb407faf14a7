from __future__ import annotations

import pytest

from newsift.text.header import (
    Byline,
    Dateline,
    HeaderFacts,
    parse_byline,
    parse_dateline,
    parse_header_line,
    person_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on Tuesday, March 4, 2025", Dateline("posted", "Tuesday, March 4, 2025")),
        ("Published: 2025-03-04", Dateline("posted", "2025-03-04")),
        ("Posted 3 days ago", Dateline("posted", "3 days ago")),
        ("Updated March 5, 2025 at 9:00 am", Dateline("updated", "March 5, 2025 at 9:00 am")),
        ("4 March 2025", Dateline("posted", "4 March 2025")),
        (
            "Posted on March 4, 2025 by Clara Wendt",
            Dateline("posted", "March 4, 2025", "Clara Wendt"),
        ),
        ("Posted in Local News", None),
        ("Published reports say otherwise.", None),
    ],
)
def test_parse_dateline(text: str, expected: Dateline | None) -> None:
    assert parse_dateline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by Clara Wendt", Byline("Clara Wendt")),
        ("By CLARA WENDT", Byline("CLARA WENDT")),
        ("By Clara Wendt and Jon Ash", Byline("Clara Wendt and Jon Ash")),
        ("by Clara Wendt | Staff Writer", Byline("Clara Wendt")),
        ("Clara Wendt, Contributing Columnist", Byline("Clara Wendt")),
        ("By Clara Wendt | March 4, 2025", Byline("Clara Wendt", "March 4, 2025")),
        ("by Clara Wendt @cwendt", Byline("Clara Wendt")),
        ("Byzantine politics return", None),
        ("The mayor, a former reporter, disagreed with the plan and said so loudly.", None),
    ],
)
def test_parse_byline(text: str, expected: Byline | None) -> None:
    assert parse_byline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "By Rosalind Achebe · March 4, 2025 · 5 min read",
            HeaderFacts("Rosalind Achebe", "March 4, 2025"),
        ),
        ("May 6, 2025 | By Greta Lund | 5 Comments", HeaderFacts("Greta Lund", "May 6, 2025")),
        ("Mar 4, 2025 · Updated Mar 5, 2025", HeaderFacts(None, "Mar 4, 2025", "Mar 5, 2025")),
        (
            "Published 3 days ago · Last updated 2 hours ago",
            HeaderFacts(None, "3 days ago", "2 hours ago"),
        ),
        ("Posted by Ines Carvalho on March 4, 2025", HeaderFacts("Ines Carvalho", "March 4, 2025")),
        ("Words by Nadia Fenwick-Lowe", HeaderFacts("Nadia Fenwick-Lowe")),
        (
            "Published 10:45 AM EST, Tue March 4, 2025",
            HeaderFacts(None, "10:45 AM EST, Tue March 4, 2025"),
        ),
        ("Tue 4 Mar 2025 08.30 GMT", HeaderFacts(None, "Tue 4 Mar 2025 08.30 GMT")),
        ("By Clara Wendt | Staff Writer", HeaderFacts("Clara Wendt")),
        ("Photographs by Lena Park", None),
        ("Share · Tweet · Email", None),
        ("The council met · nobody came", None),
    ],
)
def test_parse_header_line(text: str, expected: HeaderFacts | None) -> None:
    assert parse_header_line(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Fenella Oduya", "Fenella Oduya"), ("Aurelio Banks (@abanks_news)", "Aurelio Banks"),
     ("Dr. Moira Chen", "Dr. Moira Chen"), ("Water Wars", "Water Wars"), ("Share", None),
     ("The council voted", None), ("2 weeks ago", None)],
)  # fmt: skip
def test_person_name(text: str, expected: str | None) -> None:
    assert person_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # several authors in a foreign byline; one word apart is no second author
        ("Von Fiona Bornhöft und Mariam Hofbeck", HeaderFacts("Fiona Bornhöft und Mariam Hofbeck")),
        ("von Rudolf Fischer, Simon Kohler", HeaderFacts("Rudolf Fischer, Simon Kohler")),
        ("Par Anne Martin et Paul Petit", HeaderFacts("Anne Martin et Paul Petit")),
        ("Por Ana Ruiz y Luis Gil", HeaderFacts("Ana Ruiz y Luis Gil")),
        ("Von Merkel und Macron", None),
        ("Von der Leyen und Macron trafen sich", None),
        ("Por qué y cómo", None),
        # lead phrases before "von" / "por"
        ("geschrieben von Meike Neitz", HeaderFacts("Meike Neitz")),
        ("Ein Artikel von Miriam Ruhenstroth", HeaderFacts("Miriam Ruhenstroth")),
        ("Escrito por Jose Pablo Segura Vargas", HeaderFacts("Jose Pablo Segura Vargas")),
        # an e-mail address after the name, a lone period, no name at all
        ("Por Mariano Martín mmartin@ambito.com.ar", HeaderFacts("Mariano Martín")),
        ("By Grace Zokovitch | gzokovitch@bostonherald.com", HeaderFacts("Grace Zokovitch")),
        ("By Tatyana Turner .", HeaderFacts("Tatyana Turner")),
        ("By :", None),
        # author and date joined by "//", " at ", "am:"
        ("Von Felix Eisenreich // 1. November 2023",
         HeaderFacts("Felix Eisenreich", "1. November 2023")),
        ("Published by Ana Ruiz at April 21, 2022", HeaderFacts("Ana Ruiz", "April 21, 2022")),
        ("Veröffentlicht am: 5. Juni 2023", HeaderFacts(None, "5. Juni 2023")),
        ("By Jane Doe at The Times", HeaderFacts("Jane Doe at The Times")),
        # a clock part beside the date part; a comment count glued to the date
        ("17 April 2012 • 2:54pm", HeaderFacts(None, "17 April 2012")),
        ("01. Dez. 2022 | 14:08 Uhr | von Jona Göbelbecker",
         HeaderFacts("Jona Göbelbecker", "01. Dez. 2022")),
        ("14:08 Uhr | 2:54pm", None),
        ("06/11/2023 0 Kommentare", HeaderFacts(None, "06/11/2023")),
        ("Anna Berg 0 Kommentare", None),
    ],
)  # fmt: skip
def test_more_bylines_and_datelines(text: str, expected: HeaderFacts | None) -> None:
    assert parse_header_line(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Keine Kommentare", None), ("No Comments", None), ("Leave Comment", None),
     ("Kathrin Bierling", "Kathrin Bierling")],
)  # fmt: skip
def test_comment_words_are_no_name(text: str, expected: str | None) -> None:
    assert person_name(text) == expected
