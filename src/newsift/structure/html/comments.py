"""Reader comments from the DOM: who wrote, when, what, and in reply to whom.

Three families, tried in this order and merged:

1. schema.org microdata: elements whose ``itemtype`` is ``.../Comment`` (or
   ``UserComments``), with ``itemprop`` author / dateCreated / text;
2. comment records by id or class: WordPress-style ``li.comment#comment-42``
   lists and their many look-alikes (``div.commentEntry``, ``article.c-comment``,
   ``li#li-comment-7``, ``div.comment-item``), nesting from the DOM;
3. JSON-LD ``Comment`` objects, when the DOM gave none.

For each record: author from ``itemprop=author``, ``.fn``, ``.comment-author``,
``cite``, ``.username``-like classes or "Comment by NAME"; time from ``<time>``,
``abbr[title]``, ``itemprop=dateCreated`` or date-like classes (raw text kept,
date resolved from the machine-readable attribute or the text); text from a
content child (``.comment-content``, ``itemprop=text``, ...) or the record's
blocks minus author, time, reply links and nested replies.

Limits: comments loaded by script are not in static HTML and cannot be found;
a site whose comment markup carries no comment-like id, class or microdata is
missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from lxml.html import HtmlElement

from newsift.structure.dates import Relative, parse_iso_date, parse_relative, search_date
from newsift.structure.html.dom import SKIP_TAGS, blocks_of, clean_text, text_of
from newsift.structure.html.meta import jsonld_objects, types_of

_RECORD_ID = re.compile(
    r"^(?:li-|div-)?(?:comment|comments|cmt|kommentar)[-_]?(?:body-)?\d+$", re.I
)
_WEAK_RECORD_ID = re.compile(
    r"^[a-z_-]*?(?:message|msg|reply|answer|response|beitrag|entry|post|note)[-_]?\d+$", re.I
)
_CONTAINER = re.compile(
    r"comment|kommentar|discussion|disqus|respons|reaction|forum|replies|leserbrief|thread", re.I
)
_RECORD_CLASS = re.compile(
    r"^\w*?(?:comment|kommentar|reply|antwort|reaction|response|leserbrief)"
    r"(?:[-_]?(?:item|entry|wrapper|wrap|container|single|box|thread|block|card|row|node|li|"
    r"eintrag))?$|^single-comment$|^forum-fil$",
    re.I,
)
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
    r"comment-time|commentmetadata|comment-metadata|dateline|when)(?:$|[-_\s])",
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
    for element in records:
        nested = frozenset(r for r in records if r is not element and _contains(element, r))
        comment = _read_record(element, nested)
        if comment is None:
            continue
        for ancestor in element.iterancestors():
            if ancestor in index_of:
                comment.parent = index_of[ancestor]
                break
        index_of[element] = len(comments)
        comments.append(comment)
    if len(comments) < MIN_BARE_RECORDS:  # a lone block without author or time is a prompt
        kept = [c for c in comments if c.author or c.when or c.when_date]
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
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            continue
        if element.tag in {"html", "body", "head", "a", "span", "p", "time", "img", "form"}:
            continue
        if _is_record(element):
            found.append(element)
    found.extend(_repeated_records(root, found))
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
    if not weak:
        return False
    # an id or class alone is weak evidence: it must sit in a comment section or repeat
    if _in_container(element):
        return True
    parent = element.getparent()
    if parent is None:
        return False
    same = [c for c in parent if c.get("class") == element.get("class")]
    return len(same) >= 2


def _in_container(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in {"body", "html"}:
            return False
        marker = f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}"
        if _CONTAINER.search(marker) and "form" not in marker.lower():
            return True
    return False


def _repeated_records(root: HtmlElement, known: list[HtmlElement]) -> list[HtmlElement]:
    """Inside a comment section, sibling blocks of one shape with a time each."""
    found: list[HtmlElement] = []
    for container in root.iter():
        if not isinstance(container.tag, str) or container.tag in SKIP_TAGS:
            continue
        marker = f"{container.get('id') or ''} {container.get('class') or ''}"
        if not _CONTAINER.search(marker) or "form" in marker.lower():
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = {}
        for child in container:
            if isinstance(child.tag, str) and child.tag in {
                "div",
                "li",
                "article",
                "section",
                "blockquote",
            }:
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) < 2 or any(m in known for m in members):
                continue
            if all(_looks_like_record(m) for m in members):
                found.extend(members)
    return found


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
def _read_record(element: HtmlElement, nested: frozenset[HtmlElement]) -> HtmlComment | None:
    own = list(_own_elements(element, nested))
    author_box, author_el = _author_element(own)
    time_el = _time_element(own, author_box)
    skip = set(nested)
    skip.update(e for e in (author_box, author_el, time_el) if e is not None)
    skip.update(e for e in own if _SKIP_CLASS.search(e.get("class") or "") or e.tag == "cite")
    skip.update(e for e in own if _TIME_CLASS.search(e.get("class") or "") and not _is_content(e))
    content = next((e for e in own if _is_content(e) and e not in skip), None)
    paragraphs = blocks_of(content if content is not None else element, skip=frozenset(skip))
    author = _author_name(author_el) if author_el is not None else None
    if author is None:
        match = _COMMENT_BY.search(text_of(element, skip=nested))
        if match:
            author = clean_text(match.group("name")).strip(" .:")
    paragraphs = [p for p in paragraphs if not _is_ui_line(p, author)]
    if not paragraphs:
        return None
    when, when_date, relative = _time_of(time_el) if time_el is not None else (None, None, None)
    if time_el is not None and time_el.tag == "meta":  # machine time: show the visible one
        shown = next(
            (e for e in own if e is not time_el and _TIME_CLASS.search(e.get("class") or "")), None
        )
        when = text_of(shown) if shown is not None else when
    if when is None and when_date is None:
        when_date = search_date(text_of(element, skip=nested)[:400])
    return HtmlComment(author, when, when_date, relative, paragraphs, element=element)


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
        classes = element.get("class") or ""
        if "fn" in classes.split() or _AUTHOR_CLASS.search(classes):
            if element.tag == "img" or _TIME_CLASS.search(classes) or _is_content(element):
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
        if _TIME_CLASS.search(element.get("class") or "") and element is not author:
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
        found = search_date(raw)
    relative = _relative_in(raw) if raw and found is None else None
    return raw or machine or None, found, relative


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_RELATIVE_IN = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b|\byesterday\b",
    re.I,
)


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
    classes = element.get("class") or ""
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
