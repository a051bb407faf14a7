"""Reply parents in a dump's comment thread: the earlier comment a reply answers,
found only where the dump shows it (nesting by indentation is lost in a dump).

In order, the first that names an earlier comment wins:

- a line "In reply to X" / "Reply to X" over the comment's text (:data:`REPLY_MARKER`,
  read by :mod:`newsift.structure.thread`), or a leading "@X" / "@ X";
- a greeting by first name ("Hi Chrissy!", "Hola Ramón,", "Liebe Anna,");
- a forum quote's header over the quoted text ("michaelbrandi said:", "Zitat von
  Anna");
- a title that answers an earlier comment's title ("AW: Kurze Antworten" under the
  comment titled "Kurze Antworten");
- the text addresses an earlier commenter by name ("Ramón, para serte sincero",
  "Mathias Autor: ...") or by the name in capitals ("CINDY CATS Aucun parallèle");
- a named comment's text opens with a quote of a sentence or paragraph found in exactly one of
  the last :data:`QUOTE_WINDOW` comments and nowhere in the article, and goes on
  with a paragraph of its own (one the quoted comment does not hold).

A name fits the latest earlier comment of that name (:class:`Authors`); the last
four rules never make a comment its own author's reply.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from newsift.document import Region, Span

REPLY_MARKER = re.compile(
    r"^(?:in reply to|replying to|reply to|in response to|responding to)\s+@?(?P<name>.+?):?$",
    re.I,
)
_MENTION = re.compile(r"^@\s?(?P<name>[\w.'’-]+(?:\s+[\w.'’-]+){0,3})")
#: a reply that opens by greeting an earlier commenter by first name: "Hi Chrissy!",
#: "Hello Sonja!", "Hi, Roberta!", "Dear Ann,", "Hallo Jens,"
_GREETING = re.compile(
    r"^(?i:hi|hello|hey|dear|hallo|bonjour|salut|hola|ciao|thanks|thank you|danke)"
    r"[,!]?\s+(?P<name>[A-ZÀ-Þ][\w'’-]+)(?=$|[\s,!.:;])"
)
#: a forum quote's header over the quoted text: "michaelbrandi said:", "Zitat von Anna"
_QUOTE_HEADER = re.compile(
    r"(?:(?:zitat von|quote from|quoting|originally posted by|cita de|citation de)\s+"
    r"(?P<by>[\w.'’@-]+(?:\s+[\w.'’-]+){0,3})\s*:?"
    r"|(?P<name>[\w.'’@-]+(?:\s+[\w.'’-]+){0,3})\s+(?:said|wrote|says|schrieb|sagte|a écrit"
    r"|escribió|dijo|ha scritto|scrisse|napisał|napisała|schreef)\s*:)",
    re.I,
)
_QUOTE_LEADS = ("zitat", "quote", "quoti", "origi", "cita ", "citat")
#: a reply titled after the comment it answers: "AW: Kurze Antworten", "Re: Nach-Ruf"
_TITLE_REPLY = re.compile(r"^(?:re|aw|antw|sv|rif|odp)\s*:\s*(?P<title>\S.*)$", re.I)
#: a commenter addressed by name before a comma or colon: "Ramón, para serte sincero"
_ADDRESS = re.compile(r"^(?P<name>[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,2})\s*[,:]\s")
#: a commenter addressed by the name in capitals: "CINDY CATS Aucun parallèle ..."
_CAPS_NAME = re.compile(
    r"^(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+){0,2})(?=$|\W)"
)
#: sentence openers that are no name, even where a commenter is called so
_OPENERS = frozenset({
    "yes", "no", "well", "so", "sorry", "thanks", "also", "oh", "ok", "okay", "and", "but",
    "ja", "nein", "nun", "doch", "aber", "und", "sí", "si", "oui", "non", "bueno", "pues",
    "bon", "alors", "mais", "et", "y", "pero", "the", "this", "that", "der", "die", "das",
    "el", "la", "le", "les", "los", "las", "ps", "nb", "edit", "update", "anyway", "indeed",
})  # fmt: skip
#: how far into a reply's opening the colon of "AW:" and the comma or colon after an
#: addressed name are looked for (cheap gates before the patterns)
TITLE_MARK_CHARS = 8
ADDRESS_CHARS = 80
#: a quoted opening has at least this many words ...
QUOTE_WORDS = 5
#: ... and is looked for in this many comments before the reply
QUOTE_WINDOW = 50
_QUOTE_MARKS = " \t\"'„“”‚‘’«»‹›>"


_NAME_MARKS = re.compile(r"[\s_.@'’-]+")


def normalise_name(name: str) -> str:
    return _NAME_MARKS.sub("", name.lower())


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class Authors:
    """The thread's comments by normalised author, to find the one a reply names.

    Holds each author's latest comment and the latest comment under every
    prefix of an author, so that finding the parent costs the length of the
    name, not of the thread.
    """

    def __init__(self) -> None:
        self._exact: dict[str, tuple[int, Region]] = {}
        self._prefix: dict[str, tuple[int, Region]] = {}
        self._first: dict[str, Region] = {}  # the latest comment under each first name
        self._count = 0

    def add(self, author: str, region: Region, written: str = "") -> None:
        """Remember ``region`` under its normalised ``author`` and the first word of the
        name as ``written``."""
        if not author:
            return
        self._count += 1
        entry = (self._count, region)
        self._exact[author] = entry
        for end in range(len(author) + 1):
            self._prefix[author[:end]] = entry
        words = written.split(maxsplit=1)
        if words:
            self._first[words[0].lower()] = region

    def latest_by_first_name(self, name: str) -> Region | None:
        """The latest comment whose author's name begins with the word ``name`` (a
        greeting names a commenter by first name; no prefix of a word counts)."""
        return self._first.get(name.lower())

    def latest_exactly(self, name: str) -> Region | None:
        """The latest comment by exactly ``name`` (case, spaces and dots aside)."""
        entry = self._exact.get(normalise_name(name))
        return entry[1] if entry is not None else None

    def latest_by(self, wanted: str) -> Region | None:
        """The latest comment by ``wanted``, a name it starts with, or one starting with it."""
        target = normalise_name(wanted)
        found = [self._exact.get(target[:end]) for end in range(1, len(target) + 1)]
        found.append(self._prefix.get(target))
        best = max(
            (entry for entry in found if entry is not None), default=None, key=lambda e: e[0]
        )
        return best[1] if best is not None else None


class ReplyFinder:
    """The thread read so far, comment by comment, and the parent each new one shows."""

    def __init__(self, text: str, body: Span | None = None) -> None:
        self.text = text
        self.authors = Authors()
        self._titles: dict[str, Region] = {}
        self._comments: list[Region] = []
        self._starts: list[int] = []
        self._body = body

    def add(self, region: Region, title: str | None = None) -> None:
        """Remember ``region`` (with its own ``title``, when its header has one)."""
        if region.author:
            self.authors.add(normalise_name(region.author), region, region.author)
        if title:
            self._titles[_fold(title)] = region
        self._comments.append(region)
        self._starts.append(region.start)

    def parent(self, region: Region, named: str | None, paragraphs: list[Span]) -> Region | None:
        """The earlier comment ``region`` answers: the one ``named`` by a reply line, or
        the one its text shows (see the module's rules); None when none shows."""
        if named:
            return self.authors.latest_by(named)
        if not paragraphs:
            return None
        opening = self.text[paragraphs[0].start : paragraphs[0].end]
        if (mention := _MENTION.match(opening)) is not None:
            return self.authors.latest_by(mention.group("name"))
        if (greeting := _GREETING.match(opening)) is not None:
            return self.authors.latest_by_first_name(greeting.group("name"))
        found = (
            self._quoting(opening)
            or self._titled(opening)
            or self._addressed(opening)
            or self._quoted(region, paragraphs)
        )
        if found is None or (
            region.author
            and found.author
            and normalise_name(found.author) == normalise_name(region.author)
        ):
            return None
        return found

    def _quoting(self, opening: str) -> Region | None:
        opening = opening.strip()
        if not opening.endswith(":") and not opening[:5].lower().startswith(_QUOTE_LEADS):
            return None
        header = _QUOTE_HEADER.fullmatch(opening)
        if header is None:
            return None
        return self.authors.latest_by(header.group("by") or header.group("name"))

    def _titled(self, opening: str) -> Region | None:
        if not self._titles or ":" not in opening[:TITLE_MARK_CHARS]:
            return None
        titled = _TITLE_REPLY.match(opening)
        return self._titles.get(_fold(titled.group("title"))) if titled is not None else None

    def _addressed(self, opening: str) -> Region | None:
        head = opening[:ADDRESS_CHARS]
        if ("," in head or ":" in head) and (address := _ADDRESS.match(opening)) is not None:
            name = address.group("name")
            words = name.split()
            if words[0].lower() not in _OPENERS:
                if len(words) == 1:
                    return self.authors.latest_by_first_name(name)
                return self.authors.latest_exactly(name)
        if opening[:2].isupper() and (caps := _CAPS_NAME.match(opening)) is not None:
            words = caps.group("name").split()
            for end in range(len(words), 0, -1):
                name = " ".join(words[:end])
                if len(name) >= 3 and (found := self.authors.latest_exactly(name)) is not None:
                    return found
        return None

    def _quoted(self, region: Region, paragraphs: list[Span]) -> Region | None:
        if len(paragraphs) < 2 or not self._comments or not region.author:
            return None  # anonymous "comments" are as often lists shown twice
        quote = self.text[paragraphs[0].start : paragraphs[0].end].strip(_QUOTE_MARKS)
        if len(quote.split()) < QUOTE_WORDS:
            return None
        first = max(0, len(self._comments) - QUOTE_WINDOW)
        low, high = self._comments[first].start, region.start
        hit = self.text.find(quote, low, high)
        if hit < 0:
            return None
        body = self._body
        if body is not None and self.text.find(quote, body.start, body.end) >= 0:
            return None  # a quote of the article
        quoted = self._comment_at(hit, len(quote))
        again = self.text.find(quote, hit + 1, high)
        if quoted is None or (again >= 0 and self._comment_at(again, len(quote)) is not quoted):
            return None  # quoted from more than one comment, or not from a comment's text
        following = self.text[paragraphs[1].start : paragraphs[1].end]
        if self.text.find(following, quoted.start, quoted.end) >= 0:
            return None  # the comment repeats more than a quote (a list shown twice)
        return quoted

    def _comment_at(self, at: int, length: int) -> Region | None:
        """The earlier comment whose text holds ``length`` characters from ``at``."""
        n = bisect_right(self._starts, at) - 1
        if n < 0:
            return None
        comment = self._comments[n]
        return comment if at + length <= comment.end else None
