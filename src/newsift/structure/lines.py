"""Lines of a flattened page and what each one looks like on its own.

A text dump is one line per block element of the page. These predicates judge
a single line (interface word, time line, dateline, byline, name); the dump
parser (:mod:`newsift.structure.dump`) judges lines in context.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from newsift.document import Span
from newsift.structure.dates import parse_absolute, parse_when


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int  # offset of the first non-space character
    end: int  # offset just past the last non-space character
    text: str  # the line without surrounding white space

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = offset + lead
            end = start + len(stripped)
        else:
            start = end = offset
        lines.append(Line(index, start, end, stripped))
        offset += len(raw) + 1
    return lines


def uses_blank_lines(lines: list[Line]) -> bool:
    """Do blank lines separate paragraphs here (else: one line per paragraph)?"""
    followed = total = 0
    for line, nxt in itertools.pairwise(lines):
        if not line.blank:
            total += 1
            followed += nxt.blank
    return total == 0 or followed / total >= 0.35


def paragraph_spans(lines: list[Line], blank_style: bool) -> list[Span]:
    spans: list[Span] = []
    run_start: Line | None = None
    run_end: Line | None = None
    for line in lines:
        if line.blank:
            if run_start is not None and run_end is not None:
                spans.append(Span(run_start.start, run_end.end))
            run_start = run_end = None
        elif not blank_style:
            spans.append(Span(line.start, line.end))
        else:
            run_start = run_start or line
            run_end = line
    if run_start is not None and run_end is not None:
        spans.append(Span(run_start.start, run_end.end))
    return spans


_UI_WORDS = {
    "reply", "replies", "like", "likes", "liked", "unlike", "report", "report abuse",
    "report comment", "flag", "flag as inappropriate", "share", "share this", "share this article",
    "share on facebook", "share on twitter", "share on x", "share via email", "tweet", "facebook",
    "twitter", "x", "email", "e-mail", "print", "whatsapp", "linkedin", "pinterest", "reddit",
    "copy link", "link copied", "permalink", "edit", "delete", "upvote", "downvote", "vote",
    "cancel reply", "cancel", "post comment", "post", "submit", "load more comments", "load more",
    "show more", "show more replies", "show replies", "hide replies", "view more comments",
    "view replies", "older comments", "newer comments", "previous comments", "leave a reply",
    "leave a comment", "leave a reply cancel reply", "join the conversation",
    "join the discussion", "comments", "comment", "discussion", "log in to comment",
    "sign in to comment", "login to reply", "log in to reply", "sign in", "log in", "newest",
    "oldest", "top comments", "most liked", "best", "subscribe", "follow", "advertisement",
    "sponsored", "read more", "continue reading", "related", "related articles", "more stories",
    "you may also like", "recommended", "skip to content", "back to top", "translate",
    "see translation", "what do you think?", "add a comment", "write a comment",
    "be the first to comment", "no comments yet", "share your thoughts", "verified",
}  # fmt: skip
_UI_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^\d[\d,.]*k?\s+(comments?|repl(y|ies)|likes?|shares?|responses?|votes?|points?)$",
        r"^(comments?|repl(y|ies)|responses?|likes?|shares?|discussion)\s*[(\[]\d[\d,]*[)\]]$",
        r"^(like|likes|reply|replies|share|upvote|downvote|report|thumbs up|thumbs down)"
        r"\s*[:(\[]?\s*\d[\d,]*\s*[)\]]?$",
        r"^[+-]?\d[\d,]*$",
        r"^sort(ed)?\s+by\b.{0,30}$",
        r"^(view|show|load|see|read)\s+(all\s+)?(\d+\s+)?(more\s+)?(comments?|repl(y|ies))$",
        r"^\d+\s+min(ute)?s?\s+read$",
        r"^(share|follow us)\s+(on|via)\s+\w+$",
        r"^(sign|log)\s*(in|up)\s+(to|or)\b.{0,40}$",
        r"^(you must be logged in|please log in|please sign in)\b.{0,60}$",
        r"^(your email address will not be published|required fields are marked)\b.*$",
    )
]
_UI_SEPARATORS = re.compile(r"\s*(?:[·•|/]|\s-\s|\s{2,})\s*")
#: UI lines that open a comment section.
_SECTION = re.compile(
    r"^(\d[\d,]*\s+comments?|comments?(\s*[(\[]\d[\d,]*[)\]])?|leave a (reply|comment)"
    r"(\s+cancel reply)?|join the (conversation|discussion)|discussion(\s*[(\[]\d+[)\]])?"
    r"|(log|sign) ?in to comment|add a comment|write a comment|reader comments"
    r"|what do you think\??|be the first to comment|sort(ed)? by\b.*)$",
    re.I,
)


def is_ui(text: str) -> bool:
    """An interface label, never page text: "Reply", "12 comments", "Like (3)"."""
    lowered = text.strip().lower().rstrip(":").strip()
    if not lowered:
        return False
    if lowered in _UI_WORDS or any(p.match(lowered) for p in _UI_PATTERNS):
        return True
    parts = [p for p in _UI_SEPARATORS.split(lowered) if p]
    return len(parts) > 1 and all(
        p.rstrip(":") in _UI_WORDS or any(q.match(p) for q in _UI_PATTERNS) for p in parts
    )


def opens_comments(text: str) -> bool:
    """A UI line that starts the comment section ("12 comments", "Leave a reply")."""
    return bool(_SECTION.match(text.strip().rstrip(":").strip()))


_EDIT_SUFFIX = re.compile(r"\s*(?:[(\[]\s*edited\s*[)\]]|[·•|]\s*edited)\s*$", re.I)


def is_time(text: str) -> bool:
    """The line is nothing but a time: "2 weeks ago", "March 5, 2025 at 3:14 pm"."""
    if len(text) > 60:
        return False
    return parse_when(_EDIT_SUFFIX.sub("", text)) is not None


_DATELINE = re.compile(
    r"^(?P<label>posted|published|updated|last updated|first published|originally published"
    r"|last modified|modified|date)\b\s*:?\s*(?:on\s+)?(?P<rest>.*)$",
    re.I,
)
_BY_IN_DATELINE = re.compile(r"^(?P<date>.*?)\s+by\s+(?P<name>.+)$", re.I)


@dataclass(frozen=True, slots=True)
class Dateline:
    label: str  # "posted", "updated", ... ("posted" for a bare date)
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
        if rest and not is_time(rest):
            return None
        kind = (
            "updated"
            if label in {"updated", "last updated", "last modified", "modified"}
            else "posted"
        )
        return Dateline(kind, rest, author)
    if parse_absolute(text) is not None:
        return Dateline("posted", text.strip())
    return None


_BYLINE = re.compile(r"^by\s*:?\s+(?P<name>.+)$", re.I)
_ROLE_WORDS = (
    r"(staff|senior|contributing|guest|chief|special|political|local|national|investigative|"
    r"science|health|tech(nology)?|business|sports|culture|education|opinion)?\s*"
    r"(writer|columnist|reporter|correspondent|editor|contributor|journalist|critic|"
    r"blogger|producer|intern|fellow|analyst|team|desk)s?"
)
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
_HANDLE_SUFFIX = re.compile(r"\s*[|·•]?\s*@\w+\s*$")


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
    rest = _HANDLE_SUFFIX.sub("", _ROLE_SUFFIX.sub("", rest)).strip().rstrip(",|").strip()
    if not rest or len(rest) > 80 or len(rest.split()) > 12:
        return None
    return Byline(rest, date_text)


_NAME_CHARS = re.compile(r"^[@\w][\w .'’@-]*$")
_SAYS = re.compile(r"\s+(?:says|said|wrote|writes|commented)\s*:?$", re.I)
_INITIAL_END = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|Dr|St)\.$")


def name_of(text: str) -> str | None:
    """The commenter name a short header line shows, or None if it is no name.

    Accepts "Marcus Obi", "Greta L.", "rivertown_dad", "@jdoe", "Marcus says:";
    refuses sentences, anything with sentence punctuation, and UI or time lines.
    """
    text = _SAYS.sub("", text.strip())
    if not text or len(text) > 40 or is_ui(text) or is_time(text):
        return None
    if text.endswith(".") and not _INITIAL_END.search(text):
        return None
    if not _NAME_CHARS.match(text):
        return None
    words = text.split()
    if len(words) > 4:
        return None
    if len(words) > 1 and sum(w[0].isupper() or w[0] == "@" for w in words) < len(words) - 1:
        return None  # "was at that hearing" is not a name
    return text
