"""The top of a page: datelines, bylines, and lines that carry several of them.

"Posted on Tuesday, March 4, 2025", "by Clara Wendt | Staff Writer",
"Posted by Clara Wendt on March 4, 2025", "Clara Wendt, Contributing Columnist",
"May 6, 2025 | By Greta Lund | 5 Comments", "Mar 4, 2025 · Updated Mar 5, 2025".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.text.dates import parse_absolute
from newsift.text.lines import is_time, is_ui, opens_comments

_DATELINE = re.compile(
    r"^(?P<label>posted|published|updated|last updated|first published|originally published"
    r"|last modified|modified|date"
    r"|veröffentlicht|erschienen|aktualisiert|zuletzt aktualisiert|publié|mis à jour|publicado"
    r"|actualizado|pubblicato|aggiornato|gepubliceerd|geplaatst|bijgewerkt|atualizado)"
    r"\b\s*:?\s*(?:(?:on|am|le|el|il|op|em|en)\s*:?\s+)?(?P<rest>.*)$",
    re.I,
)
_BY_IN_DATELINE = re.compile(r"^(?P<date>.*?)\s+(?:by|von|par|por|door)\s+(?P<name>.+)$", re.I)
#: the English forms alone (``european=False``): what the line classifier was fitted on
_ENGLISH_DATELINE = re.compile(
    r"^(?P<label>posted|published|updated|last updated|first published|originally published"
    r"|last modified|modified|date)\b\s*:?\s*(?:on\s+)?(?P<rest>.*)$",
    re.I,
)
_ENGLISH_BY_IN_DATELINE = re.compile(r"^(?P<date>.*?)\s+by\s+(?P<name>.+)$", re.I)
_UPDATED = {
    "updated", "last updated", "last modified", "modified", "aktualisiert",
    "zuletzt aktualisiert", "mis à jour", "actualizado", "aggiornato", "bijgewerkt", "atualizado",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Dateline:
    label: str  # "posted" or "updated" ("posted" for a bare date)
    date_text: str  # the date as written
    author: str | None = None  # "Posted on March 4, 2025 by Clara Wendt"


def parse_dateline(text: str, *, european: bool = True) -> Dateline | None:
    """ "Posted on Tuesday, March 4, 2025", "Updated: 2025-03-05", "4 March 2025",
    "Veröffentlicht am 5. Januar 2020" (English forms only when ``european`` is false)."""
    m = (_DATELINE if european else _ENGLISH_DATELINE).match(text)
    if m:
        label = m.group("label").lower()
        rest = m.group("rest").strip()
        author = None
        by = (_BY_IN_DATELINE if european else _ENGLISH_BY_IN_DATELINE).match(rest)
        if by and not is_time(rest, european=european):
            rest, author = by.group("date").strip(), by.group("name").strip()
        if not rest or not is_time(rest, european=european):
            return None
        return Dateline("updated" if label in _UPDATED else "posted", rest, author)
    if parse_absolute(text, european=european) is not None:
        return Dateline("posted", text.strip())
    return None


_BYLINE = re.compile(
    r"^(?:(?:written|story|words|reporting|text|posted|published|report|article|column)\s+)?"
    r"by\s*:?\s+"
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
_DATE_IN_BYLINE = re.compile(
    r"^(?P<name>.+?)\s*(?:[|·•,–—]|//|\s-\s|\s+(?:on|at|am|vom|le|el|il|op|em)\s+)\s*(?P<date>.+)$"
)
_ENGLISH_DATE_IN_BYLINE = re.compile(
    r"^(?P<name>.+?)\s*(?:[|·•,–—]|//|\s-\s|\s+(?:on|at)\s+)\s*(?P<date>.+)$"
)
#: "Von Anna Schmidt", "Par Jean Dupont", "Por Ana García", "Door Jan Smit": read only
#: when what follows is a person's name (or a name and a date), never "Par ailleurs, ..."
_FOREIGN_BYLINE = re.compile(
    r"^(?=[vpdgeérsVPDGEÉRS])(?:(?:geschrieben|verfasst|ein\s+(?:artikel|beitrag|gastbeitrag|kommentar)|écrit|rédigé"
    r"|escrito|escrita|redactado|scritto)\s+)?(?:von|par|por|door)\s*:?\s+(?P<name>.+)$",
    re.I,
)
#: several authors in a foreign byline: "Von Fiona Bornhöft und Mariam Hofbeck",
#: "von Rudolf Fischer, Simon Kohler", "Par Anne Martin et Paul Petit", "Por Ana Ruiz y Luis Gil"
_AUTHORS_APART = re.compile(r"\s*(?:,|&|\s(?:und|et|y|e|en|and)\s)\s*")
MAX_AUTHORS = 4
#: an e-mail address after the name: "Por Mariano Martín mmartin@ambito.com.ar",
#: "By Grace Zokovitch | gzokovitch@bostonherald.com"
#: a photo credit after the name: "von Alexander Karper Foto: © GEPA"
_CREDIT_TAIL = re.compile(r"\s+[|·•]?\s*(?:fotos?|photos?|bild(?:er)?|image)\s*:.*$", re.I)
_EMAIL_TAIL = re.compile(r"\s*[|·•,]?\s*\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?\s*$")
#: "Author: Ana Ruiz", and with ``european`` "Auteur : Kossivi Tiassou", "Autor: Jan Nowak",
#: "Autorin: Anna Schmidt": a label, a colon, a person's name
_LABELLED_BYLINE = re.compile(
    r"^(?P<label>author|auteure?|autor(?:in|a)?|autore)\s*:\s*(?P<name>.+)$", re.I
)
_HANDLE = re.compile(r"\s*[|·•]?\s*\(?@[\w.]+\)?\s*$")
_PERSON = re.compile(
    r"^(?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|del|di|la|le))"
    r"{1,3}(?:\s*\(@[\w.]+\))?$"
)


@dataclass(frozen=True, slots=True)
class Byline:
    author: str
    date_text: str | None = None


def parse_byline(text: str, *, european: bool = True) -> Byline | None:
    """ "by Clara Wendt", "By Clara Wendt | Staff Writer", "Clara Wendt, Columnist",
    "Author: Clara Wendt", "Von Anna Schmidt", "Par Jean Dupont, 5 janvier 2020",
    "Auteur : Jean Dupont" (English forms only when ``european`` is false)."""
    m = _BYLINE.match(text)
    if m is None and european and (foreign := _FOREIGN_BYLINE.match(text)) is not None:
        return _foreign_byline(foreign.group("name").strip())
    labelled = _LABELLED_BYLINE.match(text) if m is None else None
    if labelled is not None and (european or labelled.group("label").lower() == "author"):
        return _foreign_byline(labelled.group("name").strip())
    if m:
        rest = m.group("name").strip()
    else:
        role = _NAME_THEN_ROLE.match(text)
        if not role or len(text) > 80:
            return None
        rest = role.group("name")
    date_text = None
    dated = (_DATE_IN_BYLINE if european else _ENGLISH_DATE_IN_BYLINE).match(rest)
    if dated and is_time(dated.group("date").strip(), european=european):
        rest, date_text = dated.group("name"), dated.group("date").strip()
    rest = _EMAIL_TAIL.sub("", _CREDIT_TAIL.sub("", rest))
    rest = _HANDLE.sub("", _ROLE_SUFFIX.sub("", rest)).strip().rstrip(",|").strip()
    rest = rest.removesuffix(" .").rstrip()  # "By Tatyana Turner ."
    if not any(c.isalpha() for c in rest):  # "By :" with the name on the next line
        return None
    if not rest or len(rest) > 80 or len(rest.split()) > 12 or any(c in rest for c in "|·•"):
        return None
    return Byline(rest, date_text)


def _foreign_byline(rest: str) -> Byline | None:
    date_text = None
    rest = _EMAIL_TAIL.sub("", _CREDIT_TAIL.sub("", rest))
    if _PERSON.match(rest) is None:  # "Ana Ruiz, 5 de enero de 2020": a date after the name
        dated = _DATE_IN_BYLINE.match(rest)
        if dated and is_time(dated.group("date").strip()):
            rest, date_text = dated.group("name").strip(), dated.group("date").strip()
    rest = _HANDLE.sub("", rest).strip()
    return Byline(rest, date_text) if len(rest) <= 80 and _persons(rest) else None


def names_persons(text: str) -> bool:
    """``text`` names one person or a few ("Ana Ruiz", "Ana Ruiz and Jon Ash")."""
    return _persons(text)


def _persons(text: str) -> bool:
    """``text`` names one person, or up to ``MAX_AUTHORS`` joined by commas, "und",
    "et", "y", "e", "en", "and" or "&"."""
    if _PERSON.match(text) and len(text) <= 50:
        return True
    names = _AUTHORS_APART.split(text)
    return 1 < len(names) <= MAX_AUTHORS and all(
        len(name) <= 50 and _PERSON.match(name) for name in names
    )


def is_european_header(text: str) -> bool:
    """A header line only the European forms read ("Von Anna Schmidt", "Publié le 5
    janvier 2020", "5. Januar 2020"): the line classifier was fitted before them."""
    return parse_header_line(text) is not None and parse_header_line(text, european=False) is None


def is_role(text: str) -> bool:
    """A line that is only a job title: "Transport correspondent", "Staff Writer"."""
    return len(text) <= 60 and _ROLE_ONLY.match(text) is not None


#: words no person's name holds, in lines shaped like one ("Keine Kommentare", "No Comments")
_NOT_NAME_WORDS = frozenset({
    "comment", "comments", "kommentar", "kommentare", "commentaire", "commentaires",
    "comentario", "comentarios", "commenti", "reacties", "reply", "replies", "antworten",
    "share", "teilen", "leave", "newsletter", "weiterlesen", "more",
})  # fmt: skip


def person_name(text: str, *, european: bool = True) -> str | None:
    """A bare byline: a line that is only a person's name ("Fenella Oduya (@fen)")."""
    if (
        len(text) > 50
        or not _PERSON.match(text)
        or not _NOT_NAME_WORDS.isdisjoint(text.lower().split())
        or is_ui(text, european=european)
        or is_time(text, european=european)
    ):
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
#: a part that is only a clock, beside a date part: "17 April 2012 • 2:54pm",
#: "01. Dez. 2022 | 14:08 Uhr | von Jona Göbelbecker"
_CLOCK_PART = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?$", re.I)
#: a comment count after a date with no separator: "06/11/2023 0 Kommentare"
_COUNT_WORDS = frozenset({
    "comment", "comments", "kommentar", "kommentare", "commentaire", "commentaires",
    "comentario", "comentarios", "commenti", "reacties",
})  # fmt: skip
_COUNT_ENDS = frozenset(word[-4:] for word in _COUNT_WORDS)  # a cheap test before the pattern
_COUNT_TAIL = re.compile(r"\s+\d+\s+(?:" + "|".join(_COUNT_WORDS) + r")$", re.I)


def parse_header_line(text: str, *, european: bool = True) -> HeaderFacts | None:
    """Facts from a dateline or byline, or from a line of several joined by | or ·
    (English forms only when ``european`` is false).

    Returns None when the line is not a header line. Parts that are interface
    words ("5 min read", "5 Comments") or roles ("Staff Writer") are ignored.
    """
    parts = [p.strip() for p in _PARTS.split(text) if p.strip()]
    if len(parts) > 1:
        found = HeaderFacts()
        for part in parts:
            part_facts = _facts(part, european)
            if part_facts is not None:
                found.merge(part_facts)
            elif (found.published or found.updated) and _CLOCK_PART.match(part):
                continue
            elif not (
                is_ui(part, european=european)
                or opens_comments(part, european=european)
                or _ROLE_ONLY.match(part)
            ):
                break
        else:
            if found.author or found.published or found.updated:
                return found
    facts = _facts(text, european)
    if (
        facts is None
        and text[-4:].lower() in _COUNT_ENDS
        and (counted := _COUNT_TAIL.search(text)) is not None
    ):
        facts = _facts(text[: counted.start()], european)
        return facts if facts is not None and facts.published else None
    return facts


def _facts(text: str, european: bool) -> HeaderFacts | None:
    dateline = parse_dateline(text, european=european)
    if dateline is not None:
        if dateline.label == "updated":
            return HeaderFacts(author=dateline.author, updated=dateline.date_text)
        return HeaderFacts(author=dateline.author, published=dateline.date_text)
    byline = parse_byline(text, european=european)
    if byline is not None:
        return HeaderFacts(author=byline.author, published=byline.date_text)
    return None
