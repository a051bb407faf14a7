"""Targets that name someone: who an offensive comment is aimed at, with the words that say so.

For each offensive comment, :func:`find_target` looks for the people and
groups the comment refers to and keeps the one nearest the offending words
(or, without spans, the first by kind: person, author, commenter, group):

- a **person** of the article (:class:`ArticlePeople`, built once per page):
  the attribution layer's named sources, the byline author and people named
  in the standfirst and body (runs of two or three capitalised
  words without organisation or place words, or a title and a surname), found
  in the comment by full name, surname alone, or title and surname; and
  politicians of the lexicon's list (``link`` "politician") when the article
  does not name them;
- the **author**: "the author", "this writer", "the columnist", ... or the
  byline author's name, and "you" in a top-level comment that mentions no
  "@name";
- another **commenter**: "you" in a reply (the parent's display name), the
  parent's author named, or "@name" (a commenter of the thread, else the
  handle as written);
- a **group**: political groups and identity terms of the lexicon
  ("council", "liberals", "immigrants"), and "you people" (commenters).

No parser runs per comment: one regular expression per page holds every
name. Names are matched with their capitals ("Ford" the premier, not "ford"
the river crossing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift import fields
from newsift.comments.lexicon import POLITICIANS, categories, words
from newsift.document import Document, Region, Span

TARGET_KINDS = ("person", "author", "commenter", "group")
TARGET_LINKS = ("source", "byline", "article", "politician", "reply", "thread")
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Councilmember",
    "Councillor", "Councilor", "Mayor", "Senator", "Sen", "Rep", "Representative", "Governor",
    "Gov", "President", "Premier", "Minister", "Judge", "Justice", "Chief", "Commissioner",
    "Secretary", "Chancellor", "Speaker", "Deputy", "Inspector", "Sheriff", "Superintendent",
)  # fmt: skip


#: Capitalised words that make a run of capitals an organisation, place or date, not a person.
def _entries(block: str) -> frozenset[str]:
    """The whitespace-separated entries of a word-list block."""
    return frozenset(block.split())


NOT_NAMES = _entries(
    """
    the a an this that these those in on at of for and but if when while after before
    city town county state province council commission committee office department ministry
    government party house court police company holdings group inc corp ltd llc university
    college school hospital bank street avenue road park river lake harbor harbour bay north
    south east west new national federal international union association news times post
    daily press media monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december
    """
)
_NAME_RUN = re.compile(
    r"\b(?:(?P<title>" + "|".join(TITLES) + r")\.?\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?){0,2})\b"
)
_AUTHOR = re.compile(
    r"\b(?:the|this|that|our|your|their) (?:author|writer|columnist|reporter|journalist|"
    r"article'?s? author|op-?ed writer|editorialist|editor)s?\b|\bauthor\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your|you're|youre|yourself|u|ur)\b", re.IGNORECASE)
_YOU_PEOPLE = re.compile(
    r"\b(?:you (?:people|guys|lot|all|folks)|y'all|all of you)\b", re.IGNORECASE
)
_MENTION = re.compile(r"@([\w.-]+)")
#: Titles that, used alone, stand for the one person of the article who holds them.
LINKED_TITLES = (
    "president", "premier", "mayor", "governor", "senator", "minister", "chancellor", "judge",
    "commissioner", "councillor", "councilor", "councilmember", "sheriff", "professor",
)  # fmt: skip
#: A title used alone (our "President", the mayor), not before a name.
_TITLE_WORD = re.compile(r"\b((?i:" + "|".join(LINKED_TITLES) + r"))\b(?!\.?\s+[A-Z])")
_PRIORITY = {kind: rank for rank, kind in enumerate(TARGET_KINDS)}


@dataclass(frozen=True, slots=True)
class NamedTarget:
    """Whom an offensive comment is aimed at, and the words that show it.

    ``name``: the person's name as the article gives it, "the author" (with
    the byline's name when known), the commenter's display name, or the group
    word. ``kind``: ``person``, ``author``, ``commenter`` or ``group``.
    ``link``: how the target ties to the page: ``source`` (a quoted source),
    ``byline``, ``article`` (named in the article), ``politician`` (a listed
    politician the article does not name), ``reply`` (the comment replied
    to), ``thread`` (another commenter, by @name), or None. ``span``: document
    offsets of the words in the comment.
    """

    name: str
    kind: str
    link: str | None
    span: Span

    def __post_init__(self) -> None:
        if self.kind not in TARGET_KINDS:
            raise ValueError(f"unknown target kind {self.kind!r}")
        if self.link is not None and self.link not in TARGET_LINKS:
            raise ValueError(f"unknown target link {self.link!r}")

    @property
    def label(self) -> str:
        """The target's kind in the old vocabulary: ``individual`` or ``group``."""
        return "group" if self.kind == "group" else "individual"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "link": self.link,
            "start": self.span.start,
            "end": self.span.end,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NamedTarget:
        return cls(
            fields.string(data, "name"),
            fields.string(data, "kind"),
            fields.optional_string(data, "link"),
            Span(fields.integer(data, "start"), fields.integer(data, "end")),
        )


@dataclass(frozen=True, slots=True)
class Person:
    """A person of the article: display name, how they tie to it, the keys a comment may use."""

    name: str
    link: str
    keys: tuple[str, ...]
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticlePeople:
    """The people of one page, with one pattern that finds any of them in a comment."""

    people: tuple[Person, ...]
    author: str | None
    pattern: re.Pattern[str] | None
    by_key: Mapping[str, Person]
    by_title: Mapping[str, Person] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> ArticlePeople:
        """Byline author, named sources, people named in the article, from ``doc``'s layers."""
        found: dict[str, Person] = {}
        author = doc.meta.author
        if author:
            _add(found, author, "byline")
        for source in doc.layers.get("sources", []):
            if getattr(source, "named", False) and getattr(source, "kind", "") == "person":
                role = str(getattr(source, "descriptor", None) or "").split(",")[0].split()
                titles = [w for w in role if w in TITLES]
                _add(found, " ".join([*titles, str(source.name)]), "source")
        for region in doc.regions:
            if region.kind in {"standfirst", "body"}:  # headlines are title case
                for text in doc.paragraphs(region):
                    for name in article_names(text):
                        _add(found, name, "article")
        return cls.from_people(tuple(found.values()), author)

    @classmethod
    def from_people(cls, people: Sequence[Person], author: str | None = None) -> ArticlePeople:
        by_key: dict[str, Person] = {}
        for person in people:
            for key in person.keys:
                by_key.setdefault(key, person)
        for surname in POLITICIANS:
            by_key.setdefault(surname.capitalize(), Person(surname.capitalize(), "politician", ()))
        keys = sorted(by_key, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b") if keys else None
        holders: dict[str, list[Person]] = {}
        for person in people:
            for title in person.titles:
                holders.setdefault(title, []).append(person)
        by_title = {title: held[0] for title, held in holders.items() if len(held) == 1}
        return cls(tuple(people), author, pattern, by_key, by_title)


def _add(found: dict[str, Person], name: str, link: str) -> None:
    """Record ``name`` (titles first, if any) unless a person of that surname is known."""
    words = re.split(r"\s+", name.strip())
    titles = tuple(w.rstrip(".").lower() for w in words if w.rstrip(".") in TITLES)
    parts = [w for w in words if w.rstrip(".") not in TITLES]
    if not parts:
        return
    surname = parts[-1]
    if surname in found:
        return
    keys = (" ".join(parts), surname)
    found[surname] = Person(" ".join(parts), link, keys, titles)


def article_names(text: str) -> list[str]:
    """People named in article text: a title and a name, or two or three capitalised words.

    The title, when there is one, comes first ("Mayor Quill").
    """
    names = []
    for match in _NAME_RUN.finditer(text):
        name = match.group("name")
        tokens = [t for t in name.split() if not t.endswith(".")]
        if any(t.lower() in NOT_NAMES for t in tokens):
            continue
        title = match.group("title")
        if title or len(tokens) >= 2:
            names.append(f"{title} {name}" if title else name)
    return names


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reference of a comment: the target it names and where, in the comment's text."""

    target_name: str
    kind: str
    link: str | None
    start: int
    end: int


def candidates(
    text: str,
    people: ArticlePeople,
    *,
    parent_name: str | None,
    is_reply: bool,
    commenters: Iterable[str] = (),
) -> list[Candidate]:
    """Every person, author, commenter and group reference in ``text``, in text order."""
    found: list[Candidate] = []
    if people.pattern is not None:
        for match in people.pattern.finditer(text):
            person = people.by_key[match.group()]
            if person.link == "byline":
                found.append(Candidate(_author_name(people), "author", "byline", *match.span()))
            else:
                found.append(Candidate(person.name, "person", person.link, *match.span()))
    for match in _TITLE_WORD.finditer(text):
        holder = people.by_title.get(match.group(1).lower())
        if holder is not None:
            found.append(Candidate(holder.name, "person", holder.link, *match.span()))
    for match in _AUTHOR.finditer(text):
        found.append(Candidate(_author_name(people), "author", _byline(people), *match.span()))
    names = {n.split()[0].lower(): n for n in commenters if n}
    mentioned = []
    for match in _MENTION.finditer(text):
        name = names.get(match.group(1).lower()) or f"@{match.group(1)}"
        mentioned.append(name)
        found.append(Candidate(name, "commenter", "thread", *match.span()))
    group_you = [m.span() for m in _YOU_PEOPLE.finditer(text)]
    for start, end in group_you:
        found.append(Candidate("other commenters", "group", "thread", start, end))
    for match in _YOU.finditer(text):
        if any(s <= match.start() < e for s, e in group_you):
            continue
        if is_reply:
            found.append(
                Candidate(parent_name or "a commenter", "commenter", "reply", *match.span())
            )
        elif mentioned:  # "@name, you ..." addresses that commenter
            found.append(Candidate(mentioned[0], "commenter", "thread", *match.span()))
        else:
            found.append(Candidate(_author_name(people), "author", _byline(people), *match.span()))
    if parent_name:
        first = parent_name.split()[0]
        for match in re.finditer(r"\b" + re.escape(first) + r"\b", text):
            found.append(Candidate(parent_name, "commenter", "reply", *match.span()))
    for start, end, word in words(text):
        if {"political", "identity"} & set(categories(word)):
            found.append(Candidate(word, "group", None, start, end))
    return sorted(found, key=lambda c: (c.start, _PRIORITY[c.kind]))


def _author_name(people: ArticlePeople) -> str:
    return f"the author ({people.author})" if people.author else "the author"


def _byline(people: ArticlePeople) -> str | None:
    return "byline" if people.author else None


def choose(
    found: Sequence[Candidate], offending: Sequence[tuple[int, int]], text: str = ""
) -> Candidate | None:
    """The reference nearest the offending words; without them, the first by kind.

    A reference in the sentence of the first offending word wins; when that
    sentence has none but refers to someone else ("the rest of them are
    idiots"), nothing is named.
    """
    if not found:
        return None
    if not offending:
        return min(found, key=lambda c: (_PRIORITY[c.kind], c.start))
    begin, end = sentence_around(text, offending[0][0]) if text else (0, 0)
    inside = [c for c in found if begin <= c.start < end]
    if text and not inside and refers_to_someone(text[begin:end]):
        return None
    # "you liberal idiot": a group word right before the abuse describes whoever else is there
    described = [c for c in inside if c.kind == "group" and _before(c, offending, text)]
    if described and len(described) < len(inside):
        inside = [c for c in inside if c not in described]

    def distance(c: Candidate) -> int:
        return min(max(s - c.end, c.start - e, 0) for s, e in offending)

    return min(inside or found, key=lambda c: (distance(c), _PRIORITY[c.kind], c.start))


def _before(c: Candidate, offending: Sequence[tuple[int, int]], text: str) -> bool:
    """True when ``c`` ends just before an offending word (one space or hyphen between)."""
    return any(0 <= s - c.end <= 1 and not text[c.end : s].strip(" -") for s, _ in offending)


_SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)|\n\n")


def sentence_around(text: str, at: int) -> tuple[int, int]:
    """``[start, end)`` of the sentence of ``text`` holding offset ``at``."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > at:
            return start, match.end()
        start = match.end()
    return start, len(text)


def find_target(
    text: str,
    people: ArticlePeople,
    *,
    offending: Sequence[tuple[int, int]] = (),
    parent: Region | None = None,
    commenters: Iterable[str] = (),
    offsets: Sequence[tuple[int, int, int]] = (),
) -> NamedTarget | None:
    """The named target of one comment (``text``, its joined paragraphs), or None.

    ``offending``: spans of the offending words in ``text``. ``parent``: the
    comment replied to. ``offsets``: ``(begin, end, page start)`` of each
    paragraph in ``text``, to map the evidence to the page (empty: offsets in
    ``text``).
    """
    parent_name = parent.author if parent is not None else None
    found = candidates(
        text, people, parent_name=parent_name, is_reply=parent is not None, commenters=commenters
    )
    best = choose(found, offending, text)
    if best is None:
        return None
    return NamedTarget(
        best.target_name, best.kind, best.link, to_page(best.start, best.end, offsets)
    )


def to_page(start: int, end: int, offsets: Sequence[tuple[int, int, int]]) -> Span:
    """Offsets in a comment's joined text to page offsets (identity without ``offsets``)."""
    for begin, stop, page_start in offsets:
        if begin <= start < stop:
            return Span(page_start + start - begin, page_start + min(end, stop) - begin)
    return Span(start, end)


_PERSONAL = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|you|your|u|ur|himself|herself|"
    r"this (?:guy|man|woman|person)|that (?:guy|man|woman|person))\b",
    re.IGNORECASE,
)


def refers_to_someone(text: str) -> bool:
    """True when the comment has a personal reference (a pronoun, "this guy") to aim at."""
    return bool(_PERSONAL.search(text))
