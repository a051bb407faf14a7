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
