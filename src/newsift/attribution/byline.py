"""Byline signals: what the page says, or leaves unsaid, about who wrote it.

The byline is a sourcing signal of its own (issue 15, class 6). A standards
editor wants to see, with the evidence span:

- ``pen_name``: the author's bio, or a sentence about the author, says the
  byline is not the writer's own name ("writes under a pen name", "is the
  pseudonym of", "a pseudonym", "nom de plume", "name has been changed",
  "writing anonymously"). Evidence: that sentence.
- ``no_affiliation``: there is a bio, but neither it nor the byline names an
  outlet, a role or an affiliation ("Clara Wendt lives in Harbor City.").
  Evidence: the byline and the bio.
- ``no_bio``: the page has a byline, structure found no bio, nothing in the
  byline but the name and a date (no outlet, role, affiliation or handle), and
  the author is named nowhere else in the article. Evidence: the byline.
- ``no_byline``: no author at all, on a page that structure read with
  confidence as an article (see :func:`confident_article`). Evidence: the
  headline and dateline, where a byline would stand.

Precision first: every check that could be fooled stays silent. ``no_bio``,
``no_affiliation`` and ``no_byline`` are judged on page dumps only, where
structure reads the byline and the bio from the page itself; an HTML page's
byline comes from its metadata and its bio box is not kept, so there the
absence of a bio says nothing. ``pen_name`` is read on every kind of page.

Written by ``attribution.quotes.v1`` into the ``byline`` layer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from newsift import fields
from newsift.document import Document, LayerReport, LayerSummary, Region, Span, Wrap, declare_layer
from newsift.text.header import parse_dateline
from newsift.text.lines import is_time, is_ui, opens_comments

BYLINE_KINDS = ("pen_name", "no_affiliation", "no_bio", "no_byline")

#: A page read as an article: at least this many body paragraphs and words.
MIN_ARTICLE_PARAGRAPHS = 3
MIN_ARTICLE_WORDS = 150
#: Characters before a pen-name phrase read for a negation or another person's name.
LOOKBACK = 80

_PEN_NAME = re.compile(
    r"\b(?:pen[- ]?names?|pseudonym(?:s|ous(?:ly)?)?|noms? de plume|nom de guerre"
    r"|names?\s+(?:has|have)\s+been\s+changed"
    r"|(?:writ(?:es|ing|e)|publish(?:es|ing)?|blogs?|blogging)\s+anonymously)\b",
    re.I,
)
_NEGATED = re.compile(r"\b(?:not|never|no|isn['’]t|wasn['’]t)\s+(?:\w+\s+){0,3}$", re.I)
#: "Maria (a pseudonym)", "Maria, whose name has been changed", "Maria's name has been
#: changed": the phrase is about the person just named, who may not be the author.
_SOMEONE_ELSE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+)\s*(?:[(,]\s*(?:an?\s+|whose\s+(?:real\s+)?|not\s+(?:his|her|their)\s+"
    r"real\s+name\s*[,;]?\s*(?:an?\s+)?)?|['’]s\s+(?:real\s+|full\s+)?)$"
)
#: "under the pen name Jo Hart": a pseudonym with its own name.
_NAMED_PSEUDONYM = re.compile(
    r"\b(?:under|as)\s+(?:the\s+)?(?:pen[- ]?name|pseudonym|nom de plume)\s*,?\s*[\"“‘']?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)
#: "has published three thrillers under a pseudonym": other work, not this byline.
_OTHER_WORK = re.compile(
    r"\b(?:novels?|fiction|thrillers?|poe(?:try|ms?)|books?|myster(?:y|ies)|romances?|"
    r"short stories|plays|screenplays|songs|comics)\b[^.]{0,40}?\b(?:under|as)\s+(?:a|an|the)\s+"
    r"(?:pen[- ]?name|pseudonym|nom de plume)",
    re.I,
)
#: The author spoken of in the text around a pen-name phrase.
_AUTHOR_WORDS = re.compile(
    r"\b(?:the|this)\s+(?:author|writer|columnist|contributor|blogger)(?:['’]s)?\b"
    r"|\bEditor['’]s note\b",
    re.I,
)
_FIRST_PERSON = re.compile(
    r"\bI\s+(?:am\s+|have\s+been\s+)?(?:write|wrote|writing|written|publish|blog)\w*\s+"
    r"(?:this\s+\w+\s+|here\s+)?(?:under|anonymously)"
    r"|\bmy\s+(?:real\s+)?name\s+(?:has\s+been|was|is)\s+(?:changed|withheld)"
    r"|\bmy\s+(?:pen[- ]?name|pseudonym|nom de plume)\b",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’')\]]*|$)")
#: What a bio or byline says that someone could check: a role, an outlet, an affiliation.
_ROLE = re.compile(
    r"\b(?:writers?|columnists?|reporters?|correspondents?|editors?|contributors?|journalists?|"
    r"critics?|bloggers?|producers?|authors?|novelists?|poets?|professors?|lecturers?|teachers?|"
    r"researchers?|fellows?|scholars?|analysts?|economists?|scientists?|historians?|lawyers?|"
    r"attorneys?|doctors?|physicians?|nurses?|engineers?|consultants?|advis[eo]rs?|directors?|"
    r"(?:co-?)?founders?|president|chair(?:man|woman|person)?|members?|officers?|managers?|"
    r"executives?|ceo|partners?|students?|candidates?|veterans?|pastors?|ministers?|"
    r"council(?:lor|or|member)s?|senators?|representatives?|activists?|organi[sz]ers?|"
    r"volunteers?|farmers?|owners?|hosts?|photographers?|intern|staff|desk|team|board|"
    r"columns?|newsletter|podcast|beat|cover(?:s|ed|ing)|report(?:s|ed|ing) on|anchors?|"
    r"presenters?|commentators?|coach(?:es|ed|ing)?|teach(?:es|ing)?|taught|"
    r"serve[sd]? (?:as|on)|work(?:s|ed)? as|practi[cs](?:es|ed) (?:law|medicine)|"
    r"strategists?|officials?|spokes(?:man|woman|person))\b",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(?:at|for|with|of|from)\s+(?:the\s+)?[A-Z][\w&.'’-]+"
    r"|\b(?:University|Institute|College|School|Council|Commission|Ministry|Department|Agency|"
    r"Bank|Foundation|Center|Centre|Hospital|Association|Society|Corporation|Inc|Ltd|Group|"
    r"Office|Committee|Court|Party|Times|Post|News|Herald|Journal|Gazette|Tribune|Magazine|"
    r"Review|Press|Chronicle|Courier|Guardian|Observer|Telegraph|Reuters|Bloomberg)\b"
    r"|(?i:\b(?:this|our)\s+(?:paper|newspaper|site|magazine|publication|outlet|page)\b)"
)
_IS_A = re.compile(r"\b(?:is|was|are|were)\s+(?:an?|the)\s+\w+", re.I)
_CONTACT = re.compile(r"@[\w.]+|https?://|www\.|\.(?:com|org|net)\b", re.I)
#: A byline name that is not a person: an outlet, a desk, a board.
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|editors?|editorial|board|desk|team|news|press|wire|agency|reuters|bloomberg|"
    r"associated|times|post|herald|journal|gazette|tribune|service|bureau|admin|"
    r"administrator|guest|anonymous|unknown)\b",
    re.I,
)
_PERSON_NAME = re.compile(
    r"^(?:(?:Dr|Prof|Rev|Sir|Dame)\.?\s+)?[A-Z][\w'’.-]+"
    r"(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|del|di|la|le|bin|al|el)){1,4}$"
)
_BYLINE_LABEL = re.compile(
    r"\b(?:written|story|words|reporting|text|posted|published|report|article|column|by|on|"
    r"at|and|date|updated|last|first|originally)\b|[:]",
    re.I,
)
_BYLINE_SPLIT = re.compile(r"\s*(?:[|·•,;–—()\[\]]|\s-\s)\s*")
_BY_IN_HEADER = re.compile(
    r"^\s*(?:(?:written|story|words|reporting|posted|text)\s+)?by\b|\bposted\s+by\b", re.I | re.M
)


@dataclass(frozen=True, slots=True)
class BylineSignal:
    """One thing the page says, or leaves unsaid, about its author, with the evidence."""

    kind: str
    reason: str  # a sentence a reader understands
    evidence: tuple[Span, ...]
    author: str | None = None  # the byline's name, when there is one

    def __post_init__(self) -> None:
        if self.kind not in BYLINE_KINDS:
            raise ValueError(f"unknown byline signal {self.kind!r}")

    @property
    def spans(self) -> list[Span]:
        return list(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "author": self.author,
            "reason": self.reason,
            "evidence": [s.to_dict() for s in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BylineSignal:
        return fields.read(cls, data, "byline signal")


#: how ``newsift show`` names each byline signal
BYLINE_NAMES = {
    "pen_name": "pen name",
    "no_affiliation": "no affiliation",
    "no_bio": "no bio",
    "no_byline": "no byline",
}


def _byline_lines(doc: Document, wrap: Wrap) -> list[str]:
    """Byline signals (pen name, no bio, ...) with their evidence."""
    out = []
    for signal in doc.layers["byline"]:
        name = BYLINE_NAMES.get(signal.kind, signal.kind)
        out.append(wrap(f"  ! byline, {name}: {signal.reason}"))
        evidence = " … ".join(" ".join(doc.span_text(s).split()) for s in signal.evidence)
        if evidence:
            out.append(wrap(f"      evidence: \u201c{evidence}\u201d"))
    return out


BYLINE_LAYER = declare_layer(
    "byline",
    BylineSignal,
    package="newsift.attribution",
    order=10,
    summary=LayerSummary(_byline_lines),
    report=LayerReport(
        "Byline", "newsift.report.html:byline_card", "newsift.report.markdown:byline_lines"
    ),
)


def byline_signals(doc: Document) -> list[BylineSignal]:
    """The byline signals of an analysed page (regions and meta set by structure)."""
    author = (doc.meta.author or "").strip() or None
    bios = [r for r in doc.regions_of("bio") if r.end > r.start]
    found: list[BylineSignal] = []
    pen = _pen_name(doc, author, bios)
    if pen is not None:
        found.append(pen)
    if doc.meta.kind != "dump":
        return found
    line = _byline_line(doc, author) if author else None
    if author is None or line is None:
        if author is None and not bios and confident_article(doc):
            found.append(_no_byline(doc))
        return found
    if pen is not None or not _is_person(author) or not article_body(doc):
        return found
    bare = not _says_more(doc.span_text(line), author)
    if bios:
        bio_text = " ".join(doc.region_text(r) for r in bios)
        if bare and not _names_affiliation(bio_text, author):
            found.append(
                BylineSignal(
                    "no_affiliation",
                    f"The bio of {author} names no outlet, role or affiliation, and neither "
                    "does the byline: nothing given about the writer can be checked.",
                    (line.span, *(r.span for r in bios)),
                    author,
                )
            )
    elif bare and not _named_elsewhere(doc, author, line):
        found.append(
            BylineSignal(
                "no_bio",
                f"The page gives only the name {author}: no bio, no outlet, role or "
                "affiliation, and the writer is not mentioned anywhere else in the article.",
                (line.span,),
                author,
            )
        )
    return found


def article_body(doc: Document) -> bool:
    """Structure found a body of running prose: at least :data:`MIN_ARTICLE_PARAGRAPHS`
    paragraphs and :data:`MIN_ARTICLE_WORDS` words (a page whose text it took for
    comments has none, and there a bio may be hiding among them)."""
    body = doc.regions_of("body")
    paragraphs = sum(len(r.paragraphs) for r in body)
    words = sum(len(doc.region_text(r).split()) for r in body)
    return paragraphs >= MIN_ARTICLE_PARAGRAPHS and words >= MIN_ARTICLE_WORDS


def confident_article(doc: Document) -> bool:
    """A page structure read with confidence as a news or opinion article.

    A page dump with a headline, a dateline that gave a publication date, and
    a body of running prose (:func:`article_body`); nothing before the body reads "by"
    at the start of a line, so no byline structure missed can be lurking there.
    """
    if doc.meta.kind != "dump" or not (doc.meta.published or doc.meta.published_raw):
        return False
    if not doc.regions_of("headline") or not doc.regions_of("dateline") or not article_body(doc):
        return False
    header = doc.text[: doc.regions_of("body")[0].start]
    return not _BY_IN_HEADER.search(header)


# pen names ------------------------------------------------------------------------------
def _pen_name(doc: Document, author: str | None, bios: list[Region]) -> BylineSignal | None:
    """The first sentence that says the byline is a pen name: in the bio, else about the author."""
    names = _author_names(author)
    candidates: list[tuple[Span, bool]] = []
    for region in bios:
        candidates.extend((p, True) for p in region.paragraphs or [region.span])
    for region in doc.regions_of("body"):
        candidates.extend((p, False) for p in region.paragraphs)
    for paragraph, in_bio in candidates:
        for sentence in _sentences(doc.text, paragraph):
            text = doc.text[sentence.start : sentence.end]
            if not _says_pen_name(text, names):
                continue
            if not in_bio and not _about_author(text, names):
                continue
            who = author or "the author"
            where = "bio" if in_bio else "article"
            return BylineSignal(
                "pen_name",
                f"The {where} says the byline {who} is not the writer's own name: the "
                "author cannot be identified or checked from the page.",
                (sentence,),
                author,
            )
    return None


def _says_pen_name(sentence: str, names: list[str]) -> bool:
    """A pen-name phrase that is about this byline (not negated, not another work's)."""
    if _OTHER_WORK.search(sentence):
        return False
    aliases = [
        (m.start(), m.end(), _fold(m.group("name"))) for m in _NAMED_PSEUDONYM.finditer(sentence)
    ]
    for match in _PEN_NAME.finditer(sentence):
        before = sentence[max(0, match.start() - LOOKBACK) : match.start()]
        if _NEGATED.search(before):
            continue
        other = _SOMEONE_ELSE.search(before)
        if other is not None and not any(
            _fold(other.group("name")) in _fold(n).split() for n in names
        ):
            continue  # "Maria (a pseudonym) told me": a source's name, not the byline
        alias = next((a for start, end, a in aliases if start <= match.start() <= end), None)
        if alias is not None and not any(alias == _fold(n) for n in names):
            continue  # "under the pen name Jo Hart" while the byline is another name
        return True
    return False


def _about_author(sentence: str, names: list[str]) -> bool:
    """The sentence speaks of the page's author: by name, as "the author", or as "I"."""
    if _AUTHOR_WORDS.search(sentence) or _FIRST_PERSON.search(sentence):
        return True
    return any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names if len(n) > 2)


def _sentences(text: str, paragraph: Span) -> Iterator[Span]:
    chunk = text[paragraph.start : paragraph.end]
    for match in _SENTENCE.finditer(chunk):
        start = paragraph.start + match.start() + (len(match.group()) - len(match.group().lstrip()))
        end = paragraph.start + match.start() + len(match.group().rstrip())
        if end > start:
            yield Span(start, end)


# bylines and bios -----------------------------------------------------------------------
def _byline_line(doc: Document, author: str) -> Region | None:
    """The header region (byline, or a dateline "… by NAME") that holds the author's name."""
    wanted = _fold(author)
    for kind in ("byline", "dateline"):
        for region in doc.regions_of(kind):
            if wanted and wanted in _fold(doc.span_text(region)):
                return region
    return None


def _says_more(line: str, author: str) -> bool:
    """Whether the byline says more than "by NAME" and a date (a role, outlet, handle, ...)."""
    if _CONTACT.search(line):
        return True
    dateline = parse_dateline(line)
    rest = line
    if dateline is not None:
        rest = rest.replace(dateline.date_text, " ")
    rest = re.sub(re.escape(author), " ", rest, flags=re.I)
    for part in _BYLINE_SPLIT.split(rest):
        part = part.strip()
        if not part or is_time(part) or is_ui(part) or opens_comments(part):
            continue
        if re.search(r"[^\W\d_]", _BYLINE_LABEL.sub(" ", part)):
            return True
    return False


def _names_affiliation(bio: str, author: str) -> bool:
    """A bio that names a role, an outlet or an affiliation, or gives a contact."""
    without_name = re.sub(re.escape(author), " ", bio, flags=re.I)
    return bool(
        _ROLE.search(bio)
        or _INSTITUTION.search(without_name)
        or _IS_A.search(bio)
        or _CONTACT.search(bio)
    )


def _named_elsewhere(doc: Document, author: str, line: Region) -> bool:
    """The author (full name or surname), or "the author", in the article outside the byline."""
    names = [n for n in _author_names(author) if len(n) > 2]
    for region in doc.regions:
        if region.kind in {"comment", "ui"} or region is line:
            continue
        text = doc.region_text(region)
        if region.kind in {"byline", "dateline"} and _fold(author) in _fold(text):
            continue
        if _AUTHOR_WORDS.search(text):
            return True
        if any(re.search(rf"\b{re.escape(n)}\b", text) for n in names):
            return True
    return False


def _no_byline(doc: Document) -> BylineSignal:
    evidence = tuple(r.span for r in (*doc.regions_of("headline"), *doc.regions_of("dateline")))
    return BylineSignal(
        "no_byline",
        "The article carries no byline: nobody is named as its writer, so no one answers for it.",
        evidence[:2],
    )


def _is_person(author: str) -> bool:
    """Every name of the byline looks like a person's (not an outlet, desk or board).

    A comma makes it unsure: in "Mirela Santangelo, Harbor Ledger" the second
    name is an outlet, which no shape of the words gives away.
    """
    if "," in author:
        return False
    people = [p.strip() for p in re.split(r"\s*(?:\band\b|&)\s*", author) if p.strip()]
    return bool(people) and all(
        _PERSON_NAME.match(p) and not _NOT_A_PERSON.search(p) for p in people
    )


def _author_names(author: str | None) -> list[str]:
    """Full names and surnames of the byline's people (the names a bio or sentence uses)."""
    if not author:
        return []
    names = [author]
    for person in re.split(r"\s*(?:,|\band\b|&)\s*", author):
        parts = [p for p in person.split() if p.rstrip(".").lower() not in {"dr", "prof"}]
        if parts:
            names.append(" ".join(parts))
            names.append(parts[-1])
    return list(dict.fromkeys(names))


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]+", " ", plain.lower()).strip()
