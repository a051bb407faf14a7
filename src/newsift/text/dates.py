"""Dates and times as pages show them: absolute ("March 4, 2025 at 3:14 pm")
and relative ("2 weeks ago", "yesterday"), and relative ones resolved against a
reference date (the crawl date).

Resolution rules: N days/weeks back by the calendar; N months back to the same
day, clamped to the month's end; N years back likewise; seconds, minutes, hours,
"today" and "just now" resolve to the reference date itself. Numeric dates
other than ISO ``YYYY-MM-DD`` are read month-first (US) unless the first number
cannot be a month; dotted ones ("05.01.2020") are day first. German, French,
Spanish, Italian, Dutch and Portuguese dates and relative times are read by
:mod:`newsift.text.european` when the English patterns find nothing (the
HTML side's ``parse_relative`` stays English).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsift.text.european import FOREIGN_MONTHS as FOREIGN_MONTHS
from newsift.text.european import (
    parse_european_absolute,
    parse_european_relative,
)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

UNITS = {
    "s": "second", "sec": "second", "secs": "second", "second": "second", "seconds": "second",
    "m": "minute", "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour",
    "d": "day", "day": "day", "days": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "mo": "month", "mos": "month", "month": "month", "months": "month",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_CLOCK = (
    r"(?:\s*(?:,|at|@|-|–|\||·)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*))?)?"
)
_ABSOLUTE = [
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_CLOCK}$", re.I),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_CLOCK}$", re.I),
    re.compile(
        r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
        r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?" + _CLOCK + "$",
        re.I,
    ),
    re.compile(rf"^{_WEEKDAY}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/{_YEAR}{_CLOCK}$", re.I),
]
_UNIT_NAMES = "|".join(sorted(UNITS, key=len, reverse=True))
_NUMBER = r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")"
_RELATIVE = re.compile(
    rf"^(?:about|around|over|almost|nearly|~)?\s*{_NUMBER}\s*(?P<unit>{_UNIT_NAMES})\.?"
    r"(?:\s+ago)?$",
    re.I,
)
_RELATIVE_WORDS = {
    "just now": ("second", 0), "now": ("second", 0), "moments ago": ("second", 0),
    "a moment ago": ("second", 0), "a few seconds ago": ("second", 0),
    "a few minutes ago": ("minute", 0), "today": ("day", 0), "yesterday": ("day", 1),
    "last week": ("week", 1), "last month": ("month", 1), "last year": ("year", 1),
}  # fmt: skip
_EDITED = re.compile(r"\s*(?:[(\[]\s*edited\s*[)\]]|[·•|,-]\s*edited)\s*$", re.I)


def without_edited(text: str, mark: re.Pattern[str] = _EDITED) -> str:
    """``mark.sub("", text)`` for a pattern that needs the word "edited" in any case.

    Skipped, with no search, when the lower-cased text has no "ted": those
    letters match only themselves and their capitals, case-blind (unlike
    "i", which also matches "ı" and "İ").
    """
    return mark.sub("", text) if "ted" in text.lower() else text


@dataclass(frozen=True, slots=True)
class Relative:
    """A time shown relative to "now": ``amount`` ``unit``s ago."""

    amount: int
    unit: str  # second, minute, hour, day, week, month, year

    def resolve(self, reference: date) -> date:
        if self.unit in {"second", "minute", "hour"}:
            return reference
        if self.unit == "day":
            return reference - timedelta(days=self.amount)
        if self.unit == "week":
            return reference - timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "year" else 1)
        total = reference.year * 12 + reference.month - 1 - months
        year, month = divmod(total, 12)
        month += 1
        day = min(reference.day, calendar.monthrange(year, month)[1])
        return date(year, month, day)


When = date | Relative


_FOUR_DIGITS = re.compile(r"\d{4}")
_LEADING_CLOCK = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?\s*[,·|]?\s*(?=\D)", re.I
)


def parse_absolute(text: str, *, european: bool = True) -> date | None:
    """A calendar date from text that is nothing but a date (and maybe a clock time,
    before or after it: "10:45 AM EST, Tue March 4, 2025"); ``european=False`` reads
    English forms only."""
    if not _FOUR_DIGITS.search(text):
        return None  # every pattern needs a year; the cuts below only take off ends
    return _absolute_by_patterns(text, european=european)


def _absolute_by_patterns(text: str, *, european: bool = True) -> date | None:
    """:func:`parse_absolute` without its year pre-check (the tests hold the two equal)."""
    original = without_edited(text.strip())
    text = _LEADING_CLOCK.sub("", original, count=1)
    for pattern in _ABSOLUTE:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        try:
            if "a" in groups and groups.get("a") is not None:
                a, b = int(groups["a"]), int(groups["b"])
                month, day = (a, b) if a <= 12 else (b, a)
                return date(int(groups["year"]), month, day)
            month_text = groups["month"]
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
            return date(int(groups["year"]), month, int(groups["day"]))
        except (ValueError, KeyError):
            return None
    return parse_european_absolute(original) if european else None


def parse_relative(text: str) -> Relative | None:
    """A relative time from text that is nothing but one ("3 days ago", "5h")."""
    text = without_edited(text.strip()).rstrip(".").strip()
    lowered = " ".join(text.lower().split())
    if lowered in _RELATIVE_WORDS:
        unit, amount = _RELATIVE_WORDS[lowered]
        return Relative(amount, unit)
    m = _RELATIVE.match(text)
    if not m:
        return None
    raw_unit = m.group("unit")
    n = m.group("n").lower()
    amount = int(n) if n.isdigit() else NUMBER_WORDS[n]
    has_ago = text.lower().endswith("ago")
    unit_name = UNITS.get(raw_unit.lower())
    if unit_name is None or (not has_ago and not n.isdigit()):
        return None
    if not has_ago and len(raw_unit) > 3:
        return None  # "3 days" alone is a duration, not a time
    return Relative(amount, unit_name)


def parse_when(text: str, *, european: bool = True) -> When | None:
    """Absolute date or relative time from a line that is only that, in English or (unless
    ``european`` is false) in another common European language ("vor 2 Stunden", "5
    janvier 2020 à 10 h 15")."""
    if not european:
        return parse_absolute(text, european=False) or parse_relative(text)
    return parse_absolute(text) or parse_relative(text) or _european_relative(text)


def _european_relative(text: str) -> Relative | None:
    found = parse_european_relative(without_edited(text.strip()))
    return Relative(*found) if found is not None else None


def resolve(when: When | None, reference: date | None) -> date | None:
    if when is None:
        return None
    if isinstance(when, Relative):
        return when.resolve(reference) if reference is not None else None
    return when


def parse_iso_date(text: str) -> date:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date). Raises ValueError."""
    return date.fromisoformat(text.strip()[:10])


_ALL_MONTHS = {**MONTHS, **FOREIGN_MONTHS}
_ANY_MONTH = "|".join(sorted(_ALL_MONTHS, key=len, reverse=True))
_SEARCHES = [
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})(?!\d)"),
    re.compile(
        rf"(?<!\w)(?P<day>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?(?P<mname>{_ANY_MONTH})\.?"
        rf",?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(
        rf"(?<!\w)(?P<mname>{_ANY_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<year>\d{{4}})(?!\d)",
        re.I,
    ),
]


def search_date(text: str) -> date | None:
    """The first calendar date written anywhere in ``text``, in several languages.

    For text already known to be a timestamp (an HTML comment's date element):
    "19.04.2016 um 20:55 Uhr", "Le 11 septembre 2018 à 12:57", "2018-09-11T10:57:27Z".
    Dotted numeric dates are day first. Returns None when there is none.
    """
    for pattern in _SEARCHES:
        for m in pattern.finditer(text[:300]):
            groups = m.groupdict()
            month_name = groups.get("mname")
            try:
                month = _ALL_MONTHS[month_name.lower()] if month_name else int(groups["month"])
                return date(int(groups["year"]), month, int(groups["day"]))
            except (KeyError, ValueError):
                continue
    return None
