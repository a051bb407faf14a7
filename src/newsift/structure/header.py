"""The top of a page: datelines, bylines, and lines that carry several of them.

"Posted on Tuesday, March 4, 2025", "by Clara Wendt | Staff Writer",
"Posted by Clara Wendt on March 4, 2025", "Clara Wendt, Contributing Columnist",
"May 6, 2025 | By Greta Lund | 5 Comments", "Mar 4, 2025 · Updated Mar 5, 2025".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.structure.dates import parse_absolute
from newsift.structure.lines import is_time, is_ui, opens_comments

_DATELINE = re.compile(
    r"^(?P<label>posted|published|updated|last updated|first published|originally published"
    r"|last modified|modified|date)\b\s*:?\s*(?:on\s+)?(?P<rest>.*)$",
    re.I,
)
_BY_IN_DATELINE = re.compile(r"^(?P<date>.*?)\s+by\s+(?P<name>.+)$", re.I)
_UPDATED = {"updated", "last updated", "last modified", "modified"}


@dataclass(frozen=True, slots=True)
class Dateline:
    label: str  # "posted" or "updated" ("posted" for a bare date)
    date_text: str  # the date as written
    author: str | None = None  # "Posted on March 4, 2025 by Clara Wendt"


def parse_dateline(text: str) -> Dateline | None:
    """ "Posted on Tuesday, March 4, 2025", "Updated: 2025-03-05", "4 March 2025"."""
    m = _DATELINE.match(text)
    if m:
        label = m.group("label").lower()
        rest = m.group("rest").strip()
        author = None
        by = _BY_IN_DATELINE.match(rest)
        if by and not is_time(rest):
            rest, author = by.group("date").strip(), by.group("name").strip()
        if not rest or not is_time(rest):
            return None
        return Dateline("updated" if label in _UPDATED else "posted", rest, author)
    if parse_absolute(text) is not None:
        return Dateline("posted", text.strip())
    return None


_BYLINE = re.compile(
    r"^(?:(?:written|story|words|reporting|text|posted|report|article|column)\s+)?by\s*:?\s+"
    r"(?P<name>.+)$",
    re.I,
)
_ROLE_WORDS = (
    r"(staff|senior|contributing|guest|chief|special|political|local|national|investigative|"
    r"science|health|tech(nology)?|business|sports|culture|education|opinion|city hall|"
    r"transportation|transport|environment|courts|food|arts)?\s*"
    r"(writer|columnist|reporter|correspondent|editor|contributor|journalist|critic|"
    r"blogger|producer|intern|fellow|analyst|team|desk)s?"
)
_ROLE_ONLY = re.compile(r"^(?:the\s+)?(?:[\w'-]+\s+){0,3}?" + _ROLE_WORDS + r"$", re.I)
_ROLE_SUFFIX = re.compile(
    r"\s*(?:[|,–—]|\s-\s)\s*(?:the\s+)?(?:[\w.'-]+\s+){0,3}?" + _ROLE_WORDS + r"\b.*$", re.I
)
_NAME_THEN_ROLE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s*,\s*(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
    + _ROLE_WORDS
    + r"\b(?:\s+(?:at|for|of|with)\s+[\w .'’&-]{1,40})?$",
    re.I,
)
_DATE_IN_BYLINE = re.compile(r"^(?P<name>.+?)\s*(?:[|·•,–—]|\s-\s|\s+on\s+)\s*(?P<date>.+)$")
_HANDLE = re.compile(r"\s*[|·•]?\s*\(?@[\w.]+\)?\s*$")
_PERSON = re.compile(
    r"^(?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|del|di|la|le))"
    r"{1,3}(?:\s*\(@[\w.]+\))?$"
)


@dataclass(frozen=True, slots=True)
class Byline:
    author: str
    date_text: str | None = None


def parse_byline(text: str) -> Byline | None:
    """ "by Clara Wendt", "By Clara Wendt | Staff Writer", "Clara Wendt, Columnist"."""
    m = _BYLINE.match(text)
    if m:
        rest = m.group("name").strip()
    else:
        role = _NAME_THEN_ROLE.match(text)
        if not role or len(text) > 80:
            return None
        rest = role.group("name")
    date_text = None
    dated = _DATE_IN_BYLINE.match(rest)
    if dated and is_time(dated.group("date").strip()):
        rest, date_text = dated.group("name"), dated.group("date").strip()
    rest = _HANDLE.sub("", _ROLE_SUFFIX.sub("", rest)).strip().rstrip(",|").strip()
    if not rest or len(rest) > 80 or len(rest.split()) > 12 or any(c in rest for c in "|·•"):
        return None
    return Byline(rest, date_text)


def person_name(text: str) -> str | None:
    """A bare byline: a line that is only a person's name ("Fenella Oduya (@fen)")."""
    if len(text) > 50 or not _PERSON.match(text) or is_ui(text) or is_time(text):
        return None
    return _HANDLE.sub("", text).strip()


@dataclass(slots=True)
class HeaderFacts:
    """What one header line says: author, publication date, update date."""

    author: str | None = None
    published: str | None = None
    updated: str | None = None

    def merge(self, other: HeaderFacts) -> None:
        self.author = self.author or other.author
        self.published = self.published or other.published
        self.updated = self.updated or other.updated


_PARTS = re.compile(r"\s+[|·•]\s+")


def parse_header_line(text: str) -> HeaderFacts | None:
    """Facts from a dateline or byline, or from a line of several joined by | or ·.

    Returns None when the line is not a header line. Parts that are interface
    words ("5 min read", "5 Comments") or roles ("Staff Writer") are ignored.
    """
    parts = [p.strip() for p in _PARTS.split(text) if p.strip()]
    if len(parts) > 1:
        found = HeaderFacts()
        for part in parts:
            part_facts = _facts(part)
            if part_facts is not None:
                found.merge(part_facts)
            elif not (is_ui(part) or opens_comments(part) or _ROLE_ONLY.match(part)):
                break
        else:
            if found.author or found.published or found.updated:
                return found
    return _facts(text)


def _facts(text: str) -> HeaderFacts | None:
    dateline = parse_dateline(text)
    if dateline is not None:
        if dateline.label == "updated":
            return HeaderFacts(author=dateline.author, updated=dateline.date_text)
        return HeaderFacts(author=dateline.author, published=dateline.date_text)
    byline = parse_byline(text)
    if byline is not None:
        return HeaderFacts(author=byline.author, published=byline.date_text)
    return None
