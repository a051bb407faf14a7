from __future__ import annotations

import pytest

from newsift.structure.lines import (
    Byline,
    Dateline,
    is_time,
    is_ui,
    name_of,
    opens_comments,
    parse_byline,
    parse_dateline,
    split_lines,
)


@pytest.mark.parametrize(
    "text",
    ["Reply", "Like", "Report", "Share", "12 comments", "Comments (4)", "Leave a reply",
     "Leave a Reply Cancel reply", "Share this:", "Facebook", "Twitter", "Email",
     "Load more comments", "Like (3)", "Reply · Report", "Sort by: Newest",
     "Log in to comment", "5 min read", "1 comment", "Show more replies", "42"],
)  # fmt: skip
def test_ui_lines(text: str) -> None:
    assert is_ui(text)


@pytest.mark.parametrize(
    "text",
    ["Water is a human right. Period.", "Marcus Obi", "Reply to the council's claims was slow.",
     "I like it", "Share prices fell 4 percent.", "2 weeks ago"],
)  # fmt: skip
def test_text_lines_are_not_ui(text: str) -> None:
    assert not is_ui(text)


@pytest.mark.parametrize(
    ("text", "opens"),
    [("12 comments", True), ("Leave a reply", True), ("Comments (4)", True), ("Reply", False),
     ("Share this:", False), ("Join the discussion", True)],
)  # fmt: skip
def test_opens_comments(text: str, opens: bool) -> None:
    assert opens_comments(text) is opens


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4 months ago", True), ("March 5, 2025 at 3:14 pm", True), ("yesterday", True),
     ("2025-03-05 14:02", True), ("Posted on March 4, 2025", False), ("Marcus Obi", False),
     ("The vote was 4 months ago.", False)],
)  # fmt: skip
def test_is_time(text: str, expected: bool) -> None:
    assert is_time(text) is expected


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
    [("Marcus Obi", "Marcus Obi"), ("Greta L.", "Greta L."), ("rivertown_dad", "rivertown_dad"),
     ("J. Okafor", "J. Okafor"), ("@jdoe", "@jdoe"), ("Marcus Obi says:", "Marcus Obi"),
     ("Water is a human right.", None), ("was at that hearing", None), ("Reply", None),
     ("2 weeks ago", None), ("A very long line that is certainly not a commenter name", None)],
)  # fmt: skip
def test_name_of(text: str, expected: str | None) -> None:
    assert name_of(text) == expected


def test_split_lines_offsets_point_into_text() -> None:
    text = "  Title  \n\nBody line\r\nlast"
    for line in split_lines(text):
        assert text[line.start : line.end].strip() == line.text
