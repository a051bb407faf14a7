from __future__ import annotations

import pytest

from newsift.text.lines import (
    CommentHeader,
    closes_comments,
    is_time,
    is_ui,
    name_of,
    opens_comments,
    split_comment_header,
    split_lines,
    split_name_then_time,
    without_reply_button,
)


@pytest.mark.parametrize(
    "text",
    ["Reply", "Like", "Report", "Share", "12 comments", "Comments (4)", "Leave a reply",
     "Leave a Reply Cancel reply", "Share this:", "Facebook", "Twitter", "Email",
     "Load more comments", "Like (3)", "Reply · Report", "Sort by: Newest",
     "Log in to comment", "5 min read", "1 comment", "Show more replies", "42", "▲ 14 ▼",
     "Avatar for Harriet Solis", "Report this comment", "View all comments >", "3 likes",
     "12 points", "Like · Reply", "Advertisement", "5 thoughts on this story", "Author",
     "Reply ↓", "Antwort ↓", "Antworten ↓", "Répondre ↓", "Partager sur Twitter",
     "Udostępnij na Twitterze", "Udostępnij na Facebooku", "Auf WhatsApp teilen",
     "Condividi su Facebook", "Compartilhar no WhatsApp"],
)  # fmt: skip
def test_ui_lines(text: str) -> None:
    assert is_ui(text)


@pytest.mark.parametrize(
    "text",
    ["Water is a human right. Period.", "Marcus Obi", "Reply to the council's claims was slow.",
     "I like it", "Share prices fell 4 percent.", "2 weeks ago", "Twitter shares fell",
     "Xavier teilen", "Share of Facebook users grew"],
)  # fmt: skip
def test_text_lines_are_not_ui(text: str) -> None:
    assert not is_ui(text)


@pytest.mark.parametrize(
    ("text", "opens"),
    [("12 comments", True), ("Leave a reply", True), ("Comments (4)", True), ("Reply", False),
     ("Share this:", False), ("Join the discussion", True), ("Join the conversation (5)", True),
     ("5 thoughts on “Orchard Zoning”", True), ("View all comments >", True),
     ("45 Gedanken zu „Das wird man ja wohl noch sagen dürfen!“", True),
     ("Ein Gedanke zu „Neues aus dem Rat“", True), ("12 réflexions sur « Le budget »", True),
     ("3 pensamientos sobre “El puente”", True), ("Gedanken zu Ostern", False)],
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
    [("Marcus Obi", "Marcus Obi"), ("Greta L.", "Greta L."), ("rivertown_dad", "rivertown_dad"),
     ("J. Okafor", "J. Okafor"), ("@jdoe", "@jdoe"), ("Marcus Obi says:", "Marcus Obi"),
     ("[deleted]", "[deleted]"), ("Jo-Ann Petrakis", "Jo-Ann Petrakis"), ("— Pat", None),
     ("Water is a human right.", None), ("was at that hearing", None), ("Reply", None),
     ("2 weeks ago", None), ("A very long line that is certainly not a commenter name", None)],
)  # fmt: skip
def test_name_of(text: str, expected: str | None) -> None:
    assert name_of(text) == expected


def test_split_lines_offsets_point_into_text() -> None:
    text = "  Title  \n\nBody line\r\nlast"
    for line in split_lines(text):
        assert text[line.start : line.end].strip() == line.text


def _is_header(header: CommentHeader | None, text: str, name: str, when: str) -> None:
    """``header`` reads ``name`` and ``when`` at their places in ``text``."""
    assert isinstance(header, CommentHeader)
    assert (header.name, header.when) == (name, when)
    assert text[header.name_start : header.name_end] == name
    assert text[header.when_start : header.when_start + len(when)] == when


@pytest.mark.parametrize(
    ("text", "name", "when"),
    [
        ("Marcus Obi · 2 weeks ago", "Marcus Obi", "2 weeks ago"),
        ("Oskar Lindqvist · 4 days ago · Edited", "Oskar Lindqvist", "4 days ago"),
        (
            "Jo-Ann Petrakis - March 4, 2025 at 3:14 pm",
            "Jo-Ann Petrakis",
            "March 4, 2025 at 3:14 pm",
        ),
        ("heat_pump_hal · 3d", "heat_pump_hal", "3d"),
        ("Anonymous | 5 hours ago (edited)", "Anonymous", "5 hours ago"),
        ("Marcus Obi · 2 weeks ago | Reply", "Marcus Obi", "2 weeks ago"),
        ("Anna Schmidt sagt: 5. Januar 2020 um 10:15 Uhr [ antworten ]", "Anna Schmidt",
         "5. Januar 2020 um 10:15 Uhr"),
    ],
)  # fmt: skip
def test_split_comment_header(text: str, name: str, when: str) -> None:
    _is_header(split_comment_header(text), text, name, when)


@pytest.mark.parametrize(
    "text",
    [
        "Price rose 4 percent - 2 weeks ago it was lower",
        "We argued about the vote for hours · 2 weeks ago",
        "Marcus Obi · tomorrow",
    ],
)
def test_not_a_comment_header(text: str) -> None:
    assert split_comment_header(text) is None


@pytest.mark.parametrize(
    ("text", "name", "when"),
    [
        ("photobix 11. Dezember 2012 um 11:07", "photobix", "11. Dezember 2012 um 11:07"),
        ("Mathias Autor 11. Dezember 2012 um 13:19", "Mathias Autor",
         "11. Dezember 2012 um 13:19"),
        ("Ben 19. Juni 2018 um 15:28 Uhr - Antworten", "Ben", "19. Juni 2018 um 15:28 Uhr"),
        ("Jo Kim March 5, 2025 at 3:14 pm", "Jo Kim", "March 5, 2025 at 3:14 pm"),
        ("Jean Dupont 5 janvier 2020 à 10 h 15", "Jean Dupont", "5 janvier 2020 à 10 h 15"),
    ],
)  # fmt: skip
def test_split_name_then_time(text: str, name: str, when: str) -> None:
    _is_header(split_name_then_time(text), text, name, when)


@pytest.mark.parametrize(
    "text",
    ["The council met on 5 May 2020 at noon", "Ben said on 19. Juni 2018 it was over",
     "Five people 19. Juni 2018 um 15:28 Uhr came", "Ben", "19. Juni 2018 um 15:28 Uhr",
     "A very long name of a committee of many words 5. Januar 2020"],
)  # fmt: skip
def test_not_a_name_then_time(text: str) -> None:
    assert split_name_then_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ben 19. Juni 2018 - Antworten", "Ben 19. Juni 2018"), ("x [ antworten ]", "x"),
     ("Marcus · 2d | Reply", "Marcus · 2d"), ("Reply", "Reply"), ("No reply", "No reply"),
     ("Text (Reply)", "Text"), ("It was a clear reply", "It was a clear reply")],
)  # fmt: skip
def test_without_reply_button(text: str, expected: str) -> None:
    assert without_reply_button(text) == expected


@pytest.mark.parametrize(
    ("text", "closes"),
    [("Comments are closed.", True), ("Comments are closed", True), ("Comments", False)],
)
def test_closes_comments(text: str, closes: bool) -> None:
    assert closes_comments(text) is closes
