"""Where the comments of a dump start: header lines ("Name" / time, "Name says:",
"Name · 2 weeks ago", a time alone) found line by line and judged in context
(:func:`find_comment_heads`), and the thread rhythms that change how headers are read
(titles above them, :func:`take_titles`; headers under their text,
:func:`headers_follow_text`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.document import Span
from newsift.structure.hints import LineHints
from newsift.text.european import FOREIGN_MONTHS
from newsift.text.lines import (
    Line,
    closes_comments,
    is_time,
    is_ui,
    labelled_time,
    name_of,
    opens_comments,
    says,
    split_comment_header,
    split_name_then_time,
    without_edit_mark,
)

_BADGE = re.compile(
    r"^(?:author|moderator|staff|admin|editor|verified|top commenter|top fan|subscriber|"
    r"original poster|op|pinned|mod)$",
    re.I,
)


@dataclass(slots=True)
class CommentHead:
    start_line: int  # first line of the header (name line, or the time line)
    time_line: int  # the line holding the time (the last header line)
    author: str | None
    author_span: Span | None
    when: str
    when_span: Span
    joined: bool = False  # name and time on the header's one line
    title: int | None = None  # a title line above the header, the comment's own
    #: a forum post's name line at the top of its record, the name its header closes with
    #: ("RockyRider66" / "dabei seit 12/2006" / text / "RockyRider66 , 26. Januar 2022 13:05")
    name_line: int | None = None
    rescued: bool = False  # taken for its name line only, over the model's doubt


def find_comment_heads(
    lines: list[Line],
    body_start: int,
    blank_style: bool,
    hints: LineHints,
    taken: frozenset[int] = frozenset(),
) -> list[CommentHead]:
    """Comment headers after ``body_start``; lines in ``taken`` (the article's own byline
    and dateline under its text's start) are none."""
    heads: list[CommentHead] = []
    floor = body_start  # lines before this belong to an earlier header
    opened = False  # past a line that opens the comments ("45 Gedanken zu ...")
    opener = body_start  # that line
    for line in lines[body_start:]:
        if line.blank or line.index in taken:
            continue
        head: CommentHead | None = None
        joined = split_comment_header(line.text, thread=opened)
        echo = None
        if joined is not None and opened:
            echo = _echo(lines, max(floor, opener), line.index, joined.name)
        rescued = False
        if joined is not None and not joined.vouched and hints.doubts_european_comment(line):
            # its own words ("geschrieben von", "Antworten") vouch for it, or in a thread
            # its name standing alone above, at its record's top (a forum post)
            rescued = echo is not None
            joined = joined if rescued else None
        if joined is None and opened:
            # inside a thread the opener vouches for this form; the model is not asked
            # (it was fitted before the European tables read such times)
            joined = split_name_then_time(line.text)
        if not opened and opens_comments(line.text):
            opened, opener = True, line.index + 1
        if joined is not None and _opens_record(lines, line.index, floor, blank_style):
            name_start = line.start + joined.name_start
            when_start = line.start + joined.when_start
            head = CommentHead(
                line.index,
                line.index,
                joined.name,
                Span(name_start, line.start + joined.name_end),
                joined.when,
                Span(when_start, when_start + len(joined.when)),
                joined=True,
                name_line=echo,
                rescued=rescued,
            )
        elif (
            opened
            and (named := _says_under(lines, line.index)) is not None
            and (is_time(line.text) or _month_first(line.text))
            and _opens_record(lines, line.index, floor, blank_style)
        ):
            head = _time_over_name(line, named)  # "Januar 15, 2014 um 23:36" / "Agi Joe sagt:"
        elif hints.is_time(line) and not hints.dates_text(line):
            head = _head_ending_at(lines, line.index, floor, blank_style, hints)
        elif opened and _month_first(line.text):
            head = _head_ending_at(lines, line.index, floor, blank_style, hints)
            head = head if head is not None and head.author is not None else None
        if head is not None:
            heads.append(head)
            floor = head.time_line + 1
    return _forum_records(heads)


def _forum_records(heads: list[CommentHead]) -> list[CommentHead]:
    """A thread is read as forum posts (:func:`forum_posts`) only where every header has
    its name line; else the headers taken only for theirs are none, and the others'
    name lines are forgotten."""
    if not any(head.name_line is not None for head in heads) or forum_posts(heads):
        return heads
    kept = [head for head in heads if not head.rescued]
    for head in kept:
        head.name_line = None
    return kept


#: a thread read as forum posts has at least this many
MIN_POSTS = 2


def forum_posts(heads: list[CommentHead]) -> bool:
    """Is each header (``MIN_POSTS`` or more) a post's footer, under the post's text, with
    the name it closes with standing alone at the post's top?"""
    return len(heads) >= MIN_POSTS and all(head.name_line is not None for head in heads)


#: how far above its header a forum post's name line may stand
MAX_RECORD_LINES = 40


def _echo(lines: list[Line], floor: int, i: int, name: str) -> int | None:
    """The line above ``lines[i]`` (from ``floor``, at most ``MAX_RECORD_LINES`` lines
    with text up) that holds ``name`` alone, the top of a forum post whose footer
    ``lines[i]`` is, with text between them (a name right above its header is the
    avatar's); None if none."""
    seen = 0
    for line in reversed(lines[floor:i]):
        if line.blank:
            continue
        if line.text.strip() == name:
            return line.index if seen else None
        if not is_ui(line.text):
            seen += 1
        if seen >= MAX_RECORD_LINES:
            break
    return None


#: a thread's buttons and counters :func:`~newsift.text.lines.is_ui` leaves to the
#: thread: "show replies" in the European languages and Polish ("Antworten anzeigen (2)",
#: "pokaż odpowiedzi (2)", "Afficher les 3 réponses"), a post number ("#12"), a quote
#: button ("Zitieren" is UI already: "Quote", "Citer"), a like count ("Gefällt mir (3)"),
#: a long comment's "Aufklappen"
_THREAD_UI = re.compile(
    r"^(?:(?:\d+\s+)?(?:antworten|antwort|réponses?|respuestas?|risposte|reacties|respostas?"
    r"|odpowiedzi|replies)\s+(?:anzeigen|ausblenden|einblenden|afficher|masquer|ver|mostrar"
    r"|ocultar|mostra|nascondi|tonen|bekijken|verbergen|pokaż|ukryj|zobacz)"
    r"|(?:afficher|masquer|voir|ver|mostrar|ocultar|mostra|nascondi|toon|bekijk|verberg|pokaż"
    r"|ukryj|zobacz)\s+(?:(?:les|las|as|le|alle|todas|tutte)\s+)?(?:\d+\s+)?(?:réponses?"
    r"|respuestas?|risposte|reacties|respostas?|odpowiedzi|antworten|odpowiedź)"
    r"|#\d{1,6}|quote|zitat|citer|citar|citeren|cita|aufklappen|zuklappen|einklappen"
    r"|(?:gefällt mir|j'aime|me gusta|mi piace|vind ik leuk|lubię to!?))"
    r"\s*(?:[(\[]\s*\d[\d.,]*\s*[)\]]|\d[\d.,]*)?$",
    re.I,
)


def thread_ui(text: str) -> bool:
    """An interface line of a comment thread: :func:`~newsift.text.lines.is_ui`, or one
    of the thread's own (``_THREAD_UI``)."""
    if is_ui(text):
        return True
    return len(text) <= MAX_THREAD_UI_CHARS and _THREAD_UI.match(text.strip()) is not None


MAX_THREAD_UI_CHARS = 40


def _opens_record(lines: list[Line], i: int, floor: int, blank_style: bool) -> bool:
    """Can a comment start at line ``i`` (after a blank or UI line, or anywhere without blanks)?"""
    if not blank_style or i <= floor:
        return True
    above = lines[i - 1]
    return above.blank or thread_ui(above.text)


def _head_ending_at(
    lines: list[Line], i: int, floor: int, blank_style: bool, hints: LineHints
) -> CommentHead | None:
    """The comment header whose time line is ``lines[i]``, or None."""
    time_line = lines[i]
    label_end = labelled_time(time_line.text) or 0  # "Posted on March 5, 2025"
    when = without_edit_mark(time_line.text[label_end:])
    when_span = Span(time_line.start + label_end, time_line.start + label_end + len(when))
    badges = 0  # "Author", "Moderator" badge lines between the name and the time
    while i - 1 - badges >= floor and _BADGE.match(lines[i - 1 - badges].text):
        badges += 1
    i -= badges
    above = lines[i - 1] if i - 1 >= floor else None
    if (
        above is not None
        and above.blank
        and (
            (named := hints.name_across_blank(lines, i, floor))
            or (named := _name_after_ui(lines, i, floor))
        )
    ):
        return CommentHead(
            named.index,
            i + badges,
            hints.name_of(named),
            _name_span(named, hints.name_of(named) or ""),
            when,
            when_span,
        )
    if above is None or above.blank or thread_ui(above.text):
        return CommentHead(i, i + badges, None, None, when, when_span)
    name = hints.name_of(above)
    twice = lines[i - 2] if i - 2 >= floor else None
    last = i + badges
    if name is not None and twice is not None and twice.text == above.text:
        return CommentHead(i - 2, last, name, _name_span(above, name), when, when_span)
    if name is not None and (not blank_style or _opens_record(lines, i - 1, floor, blank_style)):
        return CommentHead(i - 1, last, name, _name_span(above, name), when, when_span)
    if blank_style or badges:
        return None  # a time line glued to a sentence is part of that paragraph
    return CommentHead(i, i, None, None, when, when_span)


#: a date with a European month name written in the English order, as translated
#: WordPress themes show a comment's time ("März 9, 2018", "Januar 15, 2014 um 23:36");
#: the date tables read no such line, so only a thread's header reads it, under a name
#: or over a "Name sagt:" line
_MONTH_FIRST = re.compile(
    r"^(?:" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True)) + r")\s+\d{1,2},\s+\d{4}"
    r"(?:\s*(?:um|à|a las|alle|om|às|at|,|-|@)\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$",
    re.I,
)


MAX_MONTH_FIRST_CHARS = 48


def _month_first(text: str) -> bool:
    """A ``_MONTH_FIRST`` date (cheap tests first: most lines of a thread are text)."""
    return (
        len(text) <= MAX_MONTH_FIRST_CHARS and ", " in text and _MONTH_FIRST.match(text) is not None
    )


def _says_under(lines: list[Line], i: int) -> Line | None:
    """The line under ``lines[i]`` (one blank between at most) when it is a "Name
    says:" line ("Januar 15, 2014 um 23:36" / "Agi Joe sagt:"); None otherwise."""
    for below in lines[i + 1 : i + 3]:
        if not below.blank:
            return below if says(below.text) else None
    return None


def _time_over_name(time_line: Line, named: Line) -> CommentHead:
    """A header whose time stands above its "Name says:" line."""
    label_end = labelled_time(time_line.text) or 0
    when = without_edit_mark(time_line.text[label_end:])
    start = time_line.start + label_end
    name = name_of(named.text) or ""
    return CommentHead(
        time_line.index,
        named.index,
        name,
        _name_span(named, name),
        when,
        Span(start, start + len(when)),
    )


def _name_after_ui(lines: list[Line], i: int, floor: int) -> Line | None:
    """In dumps with a blank line between every block: the line one blank up from the
    time ``lines[i]`` when the rules read it as a name and the line above it is one of
    the thread's buttons or counters (the comment before ends there: "pokaż odpowiedzi
    (1)" / "Kętrzyna" / "2021-05-05 09:28:39"); None otherwise."""
    if i - 2 < floor or not lines[i - 1].blank:
        return None
    candidate = lines[i - 2]
    if candidate.blank or thread_ui(candidate.text) or name_of(candidate.text) is None:
        return None
    before = next((x for x in reversed(lines[floor : i - 2]) if not x.blank), None)
    return candidate if before is not None and thread_ui(before.text) else None


def _name_span(line: Line, name: str) -> Span:
    offset = line.text.find(name)
    start = line.start + max(offset, 0)
    return Span(start, start + len(name))


#: a thread whose headers follow their text, or whose headers carry titles, shows it on
#: several comments before it is read so
RHYTHM_HEADS = 3
MAX_TITLE_WORDS = 8
TITLE_SHARE = 0.8


def _between(lines: list[Line], start: int, stop: int) -> list[Line]:
    """The lines with text from ``start`` to ``stop``, interface lines left out."""
    return [x for x in lines[start:stop] if not x.blank and not is_ui(x.text)]


def _is_title(text: str) -> bool:
    """A comment's short title line ("Ein Argument", "Kurze Antworten"): a few words,
    capitalised, with no sentence's end."""
    return (
        text[:1].isupper()
        and len(text.split()) <= MAX_TITLE_WORDS
        and not text.endswith((".", "!", ":", ";", ","))
        and not opens_comments(text)
        and not is_time(text)
    )


def take_titles(lines: list[Line], section_start: int, heads: list[CommentHead]) -> bool:
    """Where nearly every one-line header of a thread (``RHYTHM_HEADS`` or more, a share
    ``TITLE_SHARE`` of them) has a short title line right above it, after text of the
    comment before, each such title is its comment's own: "Ein Argument" / "geschrieben
    von berg2012 am 21. Jan. 2015". True when titles were taken."""
    if len(heads) < RHYTHM_HEADS or not all(head.joined for head in heads) or forum_posts(heads):
        return False
    titles: dict[int, int] = {}
    for k, head in enumerate(heads):
        floor = heads[k - 1].time_line + 1 if k else section_start
        above = _between(lines, floor, head.start_line)
        if above and _is_title(above[-1].text) and (k == 0 or len(above) >= 2):
            titles[k] = above[-1].index
    if len(titles) < TITLE_SHARE * len(heads):
        return False
    for k, title in titles.items():
        heads[k].start_line = heads[k].title = title
    return True


def headers_follow_text(lines: list[Line], section_start: int, heads: list[CommentHead]) -> bool:
    """Does each one-line header close its comment, under its text ("…" / "Comment by
    Mirko Lange — 17.07, 2011 @ 13:04")? Only where the rhythm is plain: a line opens the
    thread, ``RHYTHM_HEADS`` or more headers, text before each, and after the last one at
    most one short line before the thread's next interface line ("Leave a comment"); a
    thread that runs to the page's end is read headers first. Forum posts
    (:func:`forum_posts`) are read so always."""
    if forum_posts(heads):
        return True
    if len(heads) < RHYTHM_HEADS or not all(head.joined for head in heads):
        return False
    if section_start >= heads[0].start_line or not opens_comments(lines[section_start].text):
        return False
    first = _between(lines, section_start + 1, heads[0].start_line)
    if not first or (len(first) == 1 and _is_title(first[0].text)):
        return False  # nothing before the first header, or a title only
    for k in range(1, len(heads)):
        if not _between(lines, heads[k - 1].time_line + 1, heads[k].start_line):
            return False
    after = 0
    for line in lines[heads[-1].time_line + 1 :]:
        if line.blank:
            continue
        if is_ui(line.text) or opens_comments(line.text) or closes_comments(line.text):
            break
        after += 1
        if after > 1 or len(line.text) > MAX_TITLE_CHARS:
            return False
    else:
        return False  # no interface line closes the thread
    return True


MAX_TITLE_CHARS = 60
