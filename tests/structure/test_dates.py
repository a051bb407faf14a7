from __future__ import annotations

from datetime import date

import pytest

from newsift.text.dates import Relative, parse_absolute, parse_relative, parse_when, resolve

REF = date(2025, 3, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday, March 4, 2025", date(2025, 3, 4)),
        ("March 4, 2025", date(2025, 3, 4)),
        ("Mar. 4, 2025", date(2025, 3, 4)),
        ("March 4th, 2025", date(2025, 3, 4)),
        ("4 March 2025", date(2025, 3, 4)),
        ("4th of March, 2025", date(2025, 3, 4)),
        ("2025-03-04", date(2025, 3, 4)),
        ("2025-03-05 14:02", date(2025, 3, 5)),
        ("2025-03-05T14:02:00Z", date(2025, 3, 5)),
        ("March 5, 2025 at 3:14 pm", date(2025, 3, 5)),
        ("March 5, 2025 at 3:14 PM EST", date(2025, 3, 5)),
        ("5 Mar 2025, 14:02", date(2025, 3, 5)),
        ("03/04/2025", date(2025, 3, 4)),  # month first
        ("25/04/2025", date(2025, 4, 25)),  # 25 cannot be a month
        ("February 30, 2025", None),
        ("March 2025", None),
        ("the 4th of March", None),
        ("Water is a human right.", None),
    ],
)
def test_parse_absolute(text: str, expected: date | None) -> None:
    assert parse_absolute(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 weeks ago", Relative(2, "week")),
        ("1 year ago", Relative(1, "year")),
        ("a month ago", Relative(1, "month")),
        ("an hour ago", Relative(1, "hour")),
        ("5 hours ago", Relative(5, "hour")),
        ("10 minutes ago", Relative(10, "minute")),
        ("3 days ago", Relative(3, "day")),
        ("three days ago", Relative(3, "day")),
        ("yesterday", Relative(1, "day")),
        ("Yesterday", Relative(1, "day")),
        ("just now", Relative(0, "second")),
        ("last week", Relative(1, "week")),
        ("3d", Relative(3, "day")),
        ("5h ago", Relative(5, "hour")),
        ("2 wks ago", Relative(2, "week")),
        ("about 4 months ago", Relative(4, "month")),
        ("3 days ago (edited)", Relative(3, "day")),
        ("3 days", None),  # a duration, not a time
        ("a day", None),
        ("ago", None),
        ("I was there 3 days ago", None),
    ],
)
def test_parse_relative(text: str, expected: Relative | None) -> None:
    assert parse_relative(text) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("2 weeks ago", REF, date(2025, 3, 17)),
        ("3 days ago", REF, date(2025, 3, 28)),
        ("1 month ago", REF, date(2025, 2, 28)),  # clamped to February's end
        ("4 months ago", REF, date(2024, 11, 30)),
        ("1 year ago", date(2024, 2, 29), date(2023, 2, 28)),
        ("5 hours ago", REF, REF),
        ("yesterday", date(2025, 3, 1), date(2025, 2, 28)),
        ("March 5, 2025", None, date(2025, 3, 5)),  # absolute needs no reference
        ("2 weeks ago", None, None),  # relative without a reference stays unresolved
    ],
)
def test_resolve(text: str, reference: date | None, expected: date | None) -> None:
    assert resolve(parse_when(text), reference) == expected
