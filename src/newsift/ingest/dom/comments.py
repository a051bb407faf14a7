"""Reader comments from the DOM: who wrote, when, what, and in reply to whom.

Three families, tried in this order and merged:

1. schema.org microdata: elements whose ``itemtype`` is ``.../Comment`` (or
   ``UserComments``), with ``itemprop`` author / dateCreated / text;
2. comment records by id or class: WordPress-style ``li.comment#comment-42``
   lists and their many look-alikes (``div.commentEntry``, ``article.c-comment``,
   ``li#li-comment-7``, ``div.comment-item``), nesting from the DOM;
3. JSON-LD ``Comment`` objects, when the DOM gave none.

Records may also be sibling blocks of one shape with a time each, up to three
wrappers below a comment section (not menus or link teasers); dialogs of a
comment system ("modal-content comment") and thread wrappers are not records.

For each record: author from ``itemprop=author``, ``.fn``, ``.comment-author``,
``cite``, ``.username``-like classes or "Comment by NAME", else a name on a line
of its own above the text ("<h3>Name</h3>", "Name - Le 22/01/2020"); time from
``<time>``, ``abbr[title]``, ``itemprop=dateCreated`` or date-like classes (raw
text kept, date resolved from the machine-readable attribute or the text); text
from the content child with the most text (``.comment-content``,
``itemprop=text``, ...) or the record's blocks minus author, time, short reply
or share controls and nested replies. Class names are read with camelCase words
apart (``commentAuthorName``).

Limits: comments loaded by script are not in static HTML and cannot be found;
a site whose comment markup carries no comment-like id, class or microdata is
missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsift.ingest.dom.dom import SKIP_TAGS, blocks_of, clean_text, text_of
from newsift.ingest.dom.meta import jsonld_objects, types_of
from newsift.text.dates import Relative, parse_iso_date, parse_relative, search_date

_RECORD_ID = re.compile(
    r"^(?:li-|div-)?(?:comment|comments|cmt|kommentar)[-_]?(?:body-)?\d+$", re.I
)
_WEAK_RECORD_ID = re.compile(
    r"^[a-z_-]*?(?:message|msg|reply|answer|response|beitrag|entry|post|note)[-_]?\d+$", re.I
)
#: Words one of which a comment section's id or class holds.
_CONTAINER_WORDS = ["comment", "kommentar", "discussion", "disqus", "respons", "reaction"]
_CONTAINER_WORDS += ["forum", "replies", "leserbrief", "thread"]
_CONTAINER = re.compile("|".join(_CONTAINER_WORDS), re.I)
_RECORD_CLASS = re.compile(
    r"^(?:[a-z]{1,3}-)?\w*?(?:comment|kommentar|reply|antwort|reaction|response|leserbrief)"
    r"(?:[-_]?(?:item|entry|wrapper|wrap|container|single|box|thread|block|card|row|node|li|"
    r"eintrag))?$|^single-comment$|^forum-fil$",
    re.I,
)
#: Words one of which every class name :data:`_RECORD_CLASS` matches holds.
_RECORD_CLASS_WORDS = ["comment", "kommentar", "reply", "antwort", "reaction", "response"]
_RECORD_CLASS_WORDS += ["leserbrief", "forum-fil"]
_NOT_RECORD_CLASS = re.compile(
    r"form|respond|count|meta|author|date|time|avatar|link|button|nav|title|header|footer|"
    r"content|text|body|list|area|section|wrapper-list|closed|policy|rss|feed|widget|latest|"
    r"recent|pagination|tabs|icon|number|like|vote|share|action|edit|notice|logged",
    re.I,
)
_CONTENT_CLASS = re.compile(
    r"comment[-_]?(?:content|text|body|message|entry|inner)|commentcontent|commenttext|"
    r"(?:^|[-_\s])(?:text|content|message|comment-texte|forum-texte|entry-content|body-text)(?:$|[-_\s])",
    re.I,
)
_AUTHOR_CLASS = re.compile(
    r"(?:^|[-_\s])(?:fn|comment-author|author|autor|user|username|user-name|name|nick|nickname|"
    r"commenter|poster|display-name|author-name|commentauthor|comment_author|by)(?:$|[-_\s])",
    re.I,
)
_TIME_CLASS = re.compile(
    r"(?:^|[-_\s])(?:date|time|timestamp|published|datum|zeit|ago|posted|comment-date|"
    r"comment-time|commentmetadata|comment-metadata|comment-meta|datetime|dateline|when)"
    r"(?:$|[-_\s])",
    re.I,
)
_SKIP_CLASS = re.compile(
    r"reply|antworten|respond|report|flag|like|vote|share|edit|avatar|permalink|moderation|"
    r"comment-actions|actions|button|says|sagt",
    re.I,
)
_SAYS = re.compile(r"\s*(?:says|said|sagt|schreibt|meint|dit|dice|escribió|wrote)\s*:?\s*$", re.I)
_COMMENT_BY = re.compile(
    r"(?:comment|kommentar|posted|geschrieben|written)\s+(?:by|von)\s+(?P<name>[^—–\-|,@\d]{2,60})",
    re.I,
)
MAX_AUTHOR_CHARS = 80
MAX_AUTHOR_BOX_CHARS = 120  # a longer .comment-author box holds the comment as well
MAX_FURNITURE_CHARS = 80  # a reply/share/date element is never longer
MAX_NAME_CHARS = 40  # a commenter's name on a line of its own
MAX_HEADER_CHARS = 80  # "name - date" above a comment
MIN_BARE_RECORDS = 3  # below this many records, each needs an author or a time


@dataclass(slots=True)
class HtmlComment:
    """One reader comment found in a page."""

    author: str | None
    when: str | None  # as the page shows it
    when_date: date | None  # from a machine-readable attribute or an absolute date in the text
    when_relative: Relative | None  # "3 days ago": resolved later against a reference date
    paragraphs: list[str]
    parent: int | None = None  # index of the comment this one replies to
    element: HtmlElement | None = field(default=None, repr=False)


def find_comments(root: HtmlElement) -> list[HtmlComment]:
    """Every comment in the page, in document order, with reply nesting."""
    records = _records(root)
    comments: list[HtmlComment] = []
    index_of: dict[HtmlElement, int] = {}
    guessed_author: set[int] = set()  # authors read from a header line, not from markup
    for element in records:
        nested = frozenset(r for r in records if r is not element and _contains(element, r))
        read = _read_record(element, nested)
        if read is None:
            continue
        comment, guessed = read
        if nested and not (comment.author or comment.when or comment.when_date):
            continue  # a thread wrapper ("Load more...") around records, not a comment
        if guessed:
            guessed_author.add(id(comment))
        for ancestor in element.iterancestors():
            if ancestor in index_of:
                comment.parent = index_of[ancestor]
                break
        index_of[element] = len(comments)
        comments.append(comment)
    if len(comments) < MIN_BARE_RECORDS:  # a lone block without author or time is a prompt
        kept = [
            c
            for c in comments
            if (c.author and id(c) not in guessed_author) or c.when or c.when_date
        ]
        if len(kept) != len(comments):
            comments = _reindex(comments, kept)
    if not comments:
        comments = list(_jsonld_comments(root))
    return comments


def _reindex(comments: list[HtmlComment], kept: list[HtmlComment]) -> list[HtmlComment]:
    position = {id(c): i for i, c in enumerate(kept)}
    for comment in kept:
        if comment.parent is not None:
            parent = comments[comment.parent]
            comment.parent = position.get(id(parent))
    return kept


# records ---------------------------------------------------------------------------
def _records(root: HtmlElement) -> list[HtmlElement]:
    found: list[HtmlElement] = []
    marked = _hinted(_marked(root))
    for element in marked:  # no other element is a record (see _is_record)
        if element.tag in SKIP_TAGS:
            continue
        if element.tag in {"html", "body", "head", "a", "span", "p", "time", "img", "form"}:
            continue
        if _is_record(element):
            found.append(element)
    repeated = _repeated_records(marked, found)
    if repeated:  # ``found`` is in document order; the repeated blocks go in their place
        found.extend(repeated)
        order = {e: i for i, e in enumerate(root.iter())}
        found.sort(key=lambda e: order.get(e, 0))
    # a record whose own text all sits in its first nested record (li#comment-5 >
    # div#div-comment-5, with replies beside it) is that record: merge the two
    merged: set[HtmlElement] = set()
    for element in found:
        inner = [r for r in found if r is not element and _contains(element, r)]
        direct = [r for r in inner if not any(_contains(o, r) for o in inner if o is not r)]
        if direct and len(text_of(element, skip=frozenset(direct))) < 3:
            merged.add(direct[0])
    return [e for e in found if e not in merged]


#: The elements (``root`` included) with an id, class or itemtype, in document order.
_MARKED = XPath("descendant-or-self::*[@id or @class or @itemtype]")


def _marked(root: HtmlElement) -> list[HtmlElement]:
    """Elements with an id, class or itemtype: the only ones that can be records or sections.

    Found by libxml2, so the many bare elements of a page never become Python objects.
    """
    found: list[HtmlElement] = _MARKED(root)
    return found


#: Every record id (:data:`_RECORD_ID`), record class name (:data:`_RECORD_CLASS`) and
#: comment section id or class (:data:`_CONTAINER`) holds one of these words, but for a weak
#: record id (:data:`_WEAK_RECORD_ID`), which ends in a digit.
_HINT_WORDS = sorted({"comment", "cmt", "kommentar", *_RECORD_CLASS_WORDS, *_CONTAINER_WORDS})
_HINT = re.compile("|".join(_HINT_WORDS), re.I)
#: The same, on text already in lower case (ASCII text only: there ``lower`` folds as
#: ``re.I`` does; a case-blind pattern with many words costs several times more).
_HINT_LOWER = re.compile("|".join(_HINT_WORDS))


def _hinted(marked: list[HtmlElement]) -> list[HtmlElement]:
    """The elements of ``marked`` that can be a record or a comment section, in order.

    One look at each element's attributes (an itemtype, an id ending in a digit,
    a word of :data:`_HINT` in its id or class) instead of the record and section
    tests, which most of a page's marked elements fail.
    """
    kept = []
    for element in marked:
        ident = element.get("id") or ""
        if element.get("itemtype") is not None or ident[-1:].isdigit() or ident[-1:] == "\n":
            kept.append(element)
            continue
        marker = f"{ident} {element.get('class') or ''}"
        if marker.isascii():
            hinted = _HINT_LOWER.search(marker.lower()) is not None
        else:
            hinted = _HINT.search(marker) is not None
        if hinted:
            kept.append(element)
    return kept


def _is_record(element: HtmlElement) -> bool:
    itemtype = (element.get("itemtype") or "").lower()
    if itemtype.endswith(("/comment", "/usercomments")):
        return True
    ident = element.get("id") or ""
    if _RECORD_ID.match(ident):
        return True
    classes = (element.get("class") or "").split()
    weak = _WEAK_RECORD_ID.match(ident) or any(
        _RECORD_CLASS.match(c) and not _NOT_RECORD_CLASS.search(c) for c in classes
    )
    if not weak or _in_dialog(element):
        return False
    # an id or class alone is weak evidence: it must sit in a comment section or repeat
    if _in_container(element):
        return True
    parent = element.getparent()
    if parent is None:
        return False
    same = [c for c in parent if c.get("class") == element.get("class")]
    return len(same) >= 2


_DIALOG = re.compile(r"modal|dialog|popup|overlay|lightbox", re.I)


def _in_dialog(element: HtmlElement) -> bool:
    """Error and report dialogs of a comment system ("modal-content comment") are no comments."""
    for node in (element, *element.iterancestors()):
        if node.tag in {"body", "html"}:
            return False
        if node.get("role") == "dialog" or _DIALOG.search(node.get("class") or ""):
            return True
    return False


def _in_container(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in {"body", "html"}:
            return False
        marker = f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}"
        if _CONTAINER.search(marker) and "form" not in marker.lower():
            return True
    return False


def _repeated_records(marked: list[HtmlElement], known: list[HtmlElement]) -> list[HtmlElement]:
    """Inside a comment section, sibling blocks of one shape with a time each.

    The blocks may sit a few wrappers below the section ("div#comments > div.votes
    > div.page > blockquote"). ``marked`` holds the page's elements with an id,
    class or itemtype (:func:`_marked`), ``known`` the records found so far.
    """
    taken = set(known)
    found: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    for container in marked:  # a container is marked by its id or class (see _marked)
        if container.tag in SKIP_TAGS:
            continue
        marker = f"{container.get('id') or ''} {container.get('class') or ''}"
        if not _CONTAINER.search(marker) or "form" in marker.lower():
            continue
        for parent in _within(container, REPEAT_DEPTH):
            if parent in seen:
                continue
            seen.add(parent)
            groups: dict[tuple[str, str], list[HtmlElement]] = {}
            for child in parent:
                if isinstance(child.tag, str) and child.tag in _REPEAT_TAGS:
                    groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
            for members in groups.values():
                if len(members) < 2 or any(m in taken for m in members):
                    continue
                if _NAVIGATION.search(
                    f"{parent.get('class') or ''} {members[0].get('class') or ''}"
                ):
                    continue  # a menu of dated article links
                if parent is not container and any(_mostly_links(m) for m in members):
                    continue  # teasers: headline links with a date
                if all(_looks_like_record(m) for m in members):
                    found.extend(members)
                    taken.update(members)
    return found


_NAVIGATION = re.compile(r"menu|(?:^|[-_\s])nav|dropdown|widget|teaser|related|sidebar", re.I)
_REPEAT_TAGS = frozenset({"div", "li", "article", "section", "blockquote"})
REPEAT_DEPTH = 3  # levels below a comment section searched for repeated blocks


def _mostly_links(element: HtmlElement) -> bool:
    text = len(text_of(element))
    linked = sum(len(text_of(a)) for a in element.iter("a"))
    return text == 0 or linked / text > MAX_LINK_SHARE


MAX_LINK_SHARE = 0.5  # of a comment's text that is link text


def _within(element: HtmlElement, depth: int) -> Iterator[HtmlElement]:
    """``element`` and its descendants down to ``depth`` levels."""
    level = [element]
    for _ in range(depth + 1):
        yield from level
        level = [c for e in level for c in e if isinstance(c.tag, str) and c.tag not in SKIP_TAGS]


def _looks_like_record(element: HtmlElement) -> bool:
    text = text_of(element)
    if len(text) < 20:
        return False
    own = list(element.iter())
    has_time = any(
        e.tag == "time" or (_TIME_CLASS.search(e.get("class") or "") is not None)
        for e in own
        if isinstance(e.tag, str)
    ) or bool(search_date(text[:200]))
    return has_time


def _contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    return any(a is outer for a in inner.iterancestors())


# one record ---------------------------------------------------------------------------
def _read_record(
    element: HtmlElement, nested: frozenset[HtmlElement]
) -> tuple[HtmlComment, bool] | None:
    """The comment in ``element`` and whether its author was guessed from a header line."""
    own = list(_own_elements(element, nested))
    author_box, author_el = _author_element(own)
    time_el = _time_element(own, author_box)
    skip = set(nested)
    skip.update(e for e in (author_el, time_el) if e is not None)
    if author_box is not None and len(text_of(author_box)) <= MAX_AUTHOR_BOX_CHARS:
        skip.add(author_box)  # a theme may put the whole comment inside .comment-author
    skip.update(e for e in own if e.tag == "cite" or (_furniture(e) and _short(e)))
    author = _author_name(author_el) if author_el is not None else None
    if author is None:
        match = _COMMENT_BY.search(text_of(element, skip=nested))
        if match:
            author = clean_text(match.group("name")).strip(" .:")
    frozen = frozenset(skip)
    # the content child with the most text ("text-right" or "secondary-text" are layout)
    contents = [e for e in own if _is_content(e) and e not in skip]
    content = max(contents, key=lambda e: len(text_of(e, skip=frozen)), default=None)
    paragraphs: list[str] = []
    for source in (content, element):
        if source is not None:
            paragraphs = [p for p in blocks_of(source, skip=frozen) if not _is_ui_line(p, author)]
        if paragraphs:
            break
        content = None
    if not paragraphs:
        return None
    guessed = author is None
    header_when = None
    if author is None:
        author, header_when, paragraphs = _header_author(
            element, own, frozen, paragraphs, content is not None
        )
    when, when_date, relative = _time_of(time_el) if time_el is not None else (None, None, None)
    if time_el is None and header_when:
        when, when_date, relative = header_when, _any_date(header_when), _relative_in(header_when)
    if time_el is not None and time_el.tag == "meta":  # machine time: show the visible one
        shown = next((e for e in own if e is not time_el and _TIME_CLASS.search(_classes(e))), None)
        when = text_of(shown) if shown is not None else when
    if when is None and when_date is None:
        when_date = _any_date(text_of(element, skip=nested)[:400])
    comment = HtmlComment(author, when, when_date, relative, paragraphs, element=element)
    return comment, guessed and author is not None


_NAME_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b", "a", "span", "cite"})


def _header_author(
    element: HtmlElement,
    own: list[HtmlElement],
    skip: frozenset[HtmlElement],
    paragraphs: list[str],
    from_content: bool,
) -> tuple[str | None, str | None, list[str]]:
    """A name on a line of its own above the text ("<h3>Liberte</h3>", "<strong>anna</strong>").

    Returns (name, the time written beside it, the paragraphs left). With a
    content child, the lines above it are the header ("Muriel - Le 22/01/2020
    à 12:01"); without one, the first line counts only when an element of its
    own (heading, bold, link) holds exactly that name and more text follows.
    """
    if from_content:
        lines = blocks_of(element, skip=skip)
        if paragraphs[0] not in lines:  # the text does not start a line: no header to read
            return None, None, paragraphs
        for line in lines[: lines.index(paragraphs[0])]:
            name, _, rest = _split_header(line)
            if _name_like(name):
                return name, rest if rest and _dated(rest) else None, paragraphs
        return None, None, paragraphs
    if len(paragraphs) < 2:
        return None, None, paragraphs
    name, _, rest = _split_header(paragraphs[0])
    if rest and _dated(rest) and _name_like(name) and len(paragraphs[0]) <= MAX_HEADER_CHARS:
        return name, rest, paragraphs[1:]  # "Georg N. am 10.4.2020"
    first = _SAYS.sub("", paragraphs[0]).strip(" :,|-–—")
    if _name_like(first) and any(
        e.tag in _NAME_TAGS and _SAYS.sub("", text_of(e)).strip(" :,|-–—") == first for e in own
    ):
        return first, None, paragraphs[1:]
    return None, None, paragraphs


_HEADER_SPLIT = re.compile(r"\s+[-–—|·•]\s+|\s+(?:am|on|le|el|il|op)\s+(?=\d)|,\s+(?=\d)", re.I)


def _split_header(line: str) -> tuple[str, str, str]:
    """Name, separator and rest of a header line: "Muriel - Le 22/01/2020 à 12:01"."""
    match = _HEADER_SPLIT.search(line)
    head, sep, rest = (
        (line[: match.start()], match.group(0), line[match.end() :]) if match else (line, "", "")
    )
    return _SAYS.sub("", head).strip(" :,|-–—"), sep, rest.strip()


def _dated(text: str) -> bool:
    return bool(
        search_date(text) or _has_clock(text) or _relative_in(text) or _SLASH_DATE.search(text)
    )


def _name_like(text: str) -> bool:
    if not 2 <= len(text) <= MAX_NAME_CHARS or len(text.split()) > 4 or _is_ui_line(text, None):
        return False
    if not re.search(r"[^\W\d_]", text) or text[-1] in "!?:;,":
        return False
    if text.endswith(".") and not re.search(r"(?:^|\s)\w\.$", text):  # "Georg N." is a name
        return False
    return not (search_date(text) or _has_clock(text) or _relative_in(text))


def _furniture(element: HtmlElement) -> bool:
    """Reply, share and vote controls, and date lines (shown apart from the text)."""
    classes = _classes(element)
    if _is_content(element):  # "ShareBarCommentText" is the text, not a share button
        return False
    return bool(_SKIP_CLASS.search(classes) or _TIME_CLASS.search(classes))


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _classes(element: HtmlElement) -> str:
    """Classes with camelCase words apart: ``commentAuthorName`` -> ``comment-Author-Name``."""
    return _CAMEL.sub("-", element.get("class") or "")


def _short(element: HtmlElement) -> bool:
    """Controls and date lines are short; a long block with such a class is the text itself."""
    return len(text_of(element)) <= MAX_FURNITURE_CHARS


def _own_elements(element: HtmlElement, nested: frozenset[HtmlElement]) -> Iterator[HtmlElement]:
    """Descendants of ``element`` that are not inside a nested reply."""
    stack = list(reversed(list(element)))
    while stack:
        child = stack.pop()
        if not isinstance(child.tag, str) or child in nested or child.tag in SKIP_TAGS:
            continue
        yield child
        stack.extend(reversed(list(child)))


def _author_element(own: list[HtmlElement]) -> tuple[HtmlElement | None, HtmlElement | None]:
    """(the element around the author's name, the name itself)."""
    for element in own:
        if element.get("itemprop") in {"author", "creator"}:
            inner = next((e for e in element.iter() if e.get("itemprop") == "name"), element)
            return element, inner
    for element in own:
        classes = _classes(element)
        if "fn" in classes.split() or _AUTHOR_CLASS.search(classes):
            if element.tag == "img" or _TIME_CLASS.search(classes) or _is_content(element):
                continue
            if not text_of(element):  # an avatar box with the author class
                continue
            fn = next((e for e in element.iter() if "fn" in (e.get("class") or "").split()), None)
            return element, fn if fn is not None else element
    for element in own:
        if element.tag == "cite":
            return element, element
    return None, None


def _author_name(element: HtmlElement) -> str | None:
    name = _SAYS.sub("", text_of(element)).strip(" :,|-–—")
    name = re.sub(r"^(?:von|by|par|de)\s+", "", name, flags=re.I)
    if not name or len(name) > MAX_AUTHOR_CHARS:
        return None
    return name


def _time_element(own: list[HtmlElement], author: HtmlElement | None) -> HtmlElement | None:
    for element in own:
        if element.tag == "time" or element.get("itemprop") in {
            "dateCreated",
            "datePublished",
            "commentTime",
        }:
            return element
    for element in own:
        if element.tag == "abbr" and element.get("title") and search_date(element.get("title", "")):
            return element
    for element in own:
        if _TIME_CLASS.search(_classes(element)) and element is not author:
            text = text_of(element)
            if (
                text
                and len(text) <= 80
                and (search_date(text) or _has_clock(text) or _relative_in(text))
            ):
                return element
    return None


def _time_of(element: HtmlElement) -> tuple[str | None, date | None, Relative | None]:
    raw = text_of(element) or None
    machine = element.get("datetime") or element.get("content") or element.get("title") or ""
    found: date | None = None
    if machine:
        try:
            found = parse_iso_date(machine)
        except ValueError:
            found = search_date(machine)
    if found is None and raw:
        found = _any_date(raw)
    relative = _relative_in(raw) if raw and found is None else None
    return raw or machine or None, found, relative


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_RELATIVE_IN = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b|\byesterday\b",
    re.I,
)


_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def _any_date(text: str) -> date | None:
    """A date in ``text``; "22/01/2020" and "1/22/2020" too, when the day is beyond 12."""
    found = search_date(text)
    if found is not None:
        return found
    match = _SLASH_DATE.search(text)
    if match is None:
        return None
    first, second, year = (int(g) for g in match.groups())
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None  # 03/04/2020: day and month cannot be told apart
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _has_clock(text: str) -> bool:
    return bool(_CLOCK.search(text))


def _relative_in(text: str | None) -> Relative | None:
    if not text:
        return None
    match = _RELATIVE_IN.search(text)
    return parse_relative(match.group(0)) if match else None


def _is_content(element: HtmlElement) -> bool:
    if element.get("itemprop") in {"text", "commentText", "description", "articleBody"}:
        return True
    classes = _classes(element)
    return bool(_CONTENT_CLASS.search(classes)) and not _AUTHOR_CLASS.search(classes)


_UI_LINE = re.compile(
    r"^(?:reply|antworten|répondre|responder|rispondi|report|melden|like|gefällt mir|share|"
    r"permalink|edit|bearbeiten|\d+\s+likes?|log in to reply|zum antworten anmelden|"
    r"kommentieren|comment|kommentar|facebook|twitter|teilen|\(?\d+\)?)\W*$",
    re.I,
)


def _is_ui_line(text: str, author: str | None) -> bool:
    if _UI_LINE.match(text):
        return True
    return author is not None and _SAYS.sub("", text).strip(" :") == author


# JSON-LD ------------------------------------------------------------------------------
def _jsonld_comments(root: HtmlElement) -> Iterator[HtmlComment]:
    for obj in jsonld_objects(root):
        for item in _comment_objects(obj):
            text = item.get("text") or item.get("description")
            if not isinstance(text, str) or not text.strip():
                continue
            author = item.get("author")
            name = author.get("name") if isinstance(author, dict) else author
            raw = item.get("dateCreated") or item.get("datePublished")
            when_date = None
            if isinstance(raw, str):
                try:
                    when_date = parse_iso_date(raw)
                except ValueError:
                    when_date = search_date(raw)
            paragraphs = [clean_text(p) for p in re.split(r"\n\s*\n", text) if clean_text(p)]
            yield HtmlComment(
                clean_text(name) if isinstance(name, str) else None,
                raw if isinstance(raw, str) else None,
                when_date,
                None,
                paragraphs,
            )


def _comment_objects(obj: dict[str, object]) -> Iterator[dict[str, object]]:
    if "comment" in types_of(obj):
        yield obj
    value = obj.get("comment")
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and "comment" in types_of(item):
            yield item
