"""Lines of a flattened page and what each one looks like on its own.

A text dump is one line per block element of the page. These predicates judge
a single line (interface word, time line, dateline, byline, name); the dump
parser (:mod:`newsift.structure.dump`) judges lines in context.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsift.document import Span
from newsift.text.case import lowers_plainly
from newsift.text.dates import parse_when, without_edited
from newsift.text.ngrams import forgotten_with_memos


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
    # per line: has text; a line with text followed by a blank one is True > False
    filled = list(map(bool, map(_TEXT, lines)))
    total = sum(filled[:-1])
    followed = sum(map(operator.gt, filled[:-1], filled[1:]))
    return total == 0 or followed / total >= 0.35


_TEXT = operator.attrgetter("text")


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
    "report this comment", "reply to this comment", "share this comment", "like this comment",
    "author", "moderator", "staff", "admin", "top commenter", "top fan", "subscriber", "pinned",
    "comments are closed", "comments are closed.", "commenting is closed",
    "story continues below advertisement", "continue reading below", "skip advertisement",
    "view all comments", "see all comments", "show all comments", "most recent", "oldest first",
    "newest first", "post a comment", "send", "load more replies", "like this",
    "like loading...", "loading...", "loading", "website", "name", "your comment",
    "antworten", "antwort", "melden", "zitieren", "gefällt mir", "teilen", "kommentieren",
    "kommentare", "kommentar", "répondre", "signaler", "partager", "commentaires", "responder",
    "denunciar", "compartir", "comentarios", "rispondi", "segnala", "condividi", "commenti",
    "reageer", "reageren", "beantwoorden", "delen", "reacties",
    "zum antworten anmelden", "antworten ↓", "nach oben", "drucken", "imprimer", "imprimir",
}  # fmt: skip
#: interface words of de, fr, es, it, nl and pt pages beyond those above
_EUROPEAN_UI_WORDS = {
    "mehr laden", "mehr anzeigen", "weitere kommentare", "alle kommentare", "anmelden",
    "einloggen", "abmelden", "registrieren", "abonnieren", "teilen auf facebook", "teilen auf x",
    "weiterlesen", "mehr lesen", "charger plus", "voir plus", "afficher plus",
    "voir les commentaires", "se connecter", "connexion", "s'abonner", "lire la suite",
    "lire plus", "partager sur facebook", "cargar más", "ver más", "mostrar más",
    "ver comentarios", "iniciar sesión", "suscribirse", "leer más", "compartir en facebook",
    "mostra altro", "carica altri", "accedi", "iscriviti", "leggi di più", "leggi tutto",
    "meer laden", "toon meer", "inloggen", "aanmelden", "lees meer", "abonneren",
    "carregar mais", "ver mais", "entrar", "assinar", "leia mais", "partilhar",
    "compartilhar", "comentários", "comentar", "responda", "responder a", "denunciar abuso",
    "antworten abbrechen", "annuler la réponse", "cancelar respuesta", "annulla risposta",
    "reactie annuleren", "cancelar resposta",
}  # fmt: skip
_UI_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^\d[\d,.]*k?\s+(comments?|repl(y|ies)|likes?|shares?|responses?|votes?|points?)$",
        r"^(comments?|repl(y|ies)|responses?|likes?|shares?|discussion)\s*[(\[]\d[\d,]*[)\]]$",
        r"^(like|likes|reply|replies|share|upvote|downvote|report|thumbs up|thumbs down)"
        r"\s*[:(\[]?\s*\d[\d,]*\s*[)\]]?$",
        r"^[+-]?\d[\d,]*$",
        r"^[▲▼△▽↑↓⬆⬇👍👎+\-\s\d]+$",  # vote arrows and counts: "▲ 14 ▼"
        r"^avatar( for| of)?\b.{0,40}$",
        r"^(profile (picture|image|photo))( of| for)?\b.{0,40}$",
        r"^\d[\d,]*\s+(thoughts|responses|comments|replies)\s+on\b.{0,200}$",
        r"^(one|no)\s+(thought|response|comment|reply)s?\s+on\b.{0,200}$",
        r"^(join|start) the (conversation|discussion)\s*[(\[]?\d*[)\]]?$",
        r"^(advertisement|advert|ad|sponsored content|paid content)$",
        r"^sort(ed)?\s+by\b.{0,30}$",
        r"^(view|show|load|see|read)\s+(all\s+)?(\d+\s+)?(more\s+)?(comments?|repl(y|ies))$",
        r"^\d+\s+min(ute)?s?\s+read$",
        r"^(share|follow us)\s+(on|via)\s+\w+$",
        r"^(sign|log)\s*(in|up)\s+(to|or)\b.{0,40}$",
        r"^(you must be logged in|please log in|please sign in)\b.{0,60}$",
        r"^(your email address will not be published|required fields are marked)\b.*$",
    )
]
#: "share" in the common European languages and Polish (a share button's verb)
SHARE_VERBS = (
    "share", "teilen", "partager", "compartir", "condividi", "delen", "compartilhar",
    "partilhar", "udostępnij",
)  # fmt: skip
_SHARE_VERB = "(?:" + "|".join(SHARE_VERBS) + ")"
#: a platform's name, inflected as some languages do ("na Twitterze", "na Facebooku")
_PLATFORM = r"(?:facebook|twitter|x|whatsapp|linkedin|pinterest|telegram|reddit|e-?mail)\w{0,3}"
_EUROPEAN_UI_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^\d[\d.,]*\s+(kommentare?|antworten|commentaires?|réponses?|comentarios?|respuestas?"
        r"|commenti|risposte|reacties|reactie|comentários?|respostas?)$",
        r"^(kommentare|commentaires|comentarios|commenti|reacties|comentários)"
        r"\s*[(\[]\d[\d.,]*[)\]]$",
        r"^\d[\d.,]*\s+(kommentare?|antworten|réponses?|commentaires?|respuestas?|comentarios?"
        r"|risposte|commenti|reacties|comentários?|respostas?)\s+(zu|à|a|op|em|para|sur)\b.{0,200}$",
        # a share button in any common European language (and Polish): "Partager sur
        # Twitter", "Udostępnij na Twitterze", "Auf WhatsApp teilen"
        rf"^{_SHARE_VERB}\s+(?:\w+\s+)?{_PLATFORM}$",
        rf"^(?:\w+\s+)?{_PLATFORM}\s+{_SHARE_VERB}$",
    )
]
#: the patterns above as one: matches where any of them matches (no backreferences)
_UI_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for p in _UI_PATTERNS), re.I)
_ALL_UI_WORDS = _UI_WORDS | _EUROPEAN_UI_WORDS
_ALL_UI_PATTERN = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (*_UI_PATTERNS, *_EUROPEAN_UI_PATTERNS)), re.I
)
_TRAILING_ARROWS = re.compile(r"\s*[>›»→↓↑]+$")
_UI_SEPARATORS = re.compile(r"\s*(?:[·•|/]|\s-\s|\s{2,})\s*")
#: found exactly where ``_UI_SEPARATORS`` finds a match (its ``\s*`` may be empty), several
#: times faster: a search that starts with a character class skips ahead at C speed
_HAS_SEPARATOR = re.compile(r"[·•|/]|\s(?:\s|-\s)")
#: UI lines that open a comment section.
_SECTION = re.compile(
    r"^(\d[\d,]*\s+comments?|comments?(\s*[(\[]\d[\d,]*[)\]])?|leave a (reply|comment)"
    r"(\s+cancel reply)?|join the (conversation|discussion)|discussion(\s*[(\[]\d+[)\]])?"
    r"|(log|sign) ?in to comment|add a comment|write a comment|reader comments"
    r"|(join|start) the (conversation|discussion)\s*[(\[]?\d*[)\]]?"
    r"|\d[\d,]*\s+(thoughts|responses|comments|replies)\s+on\b.*"
    r"|(one|no) (thought|response)s? on\b.*"
    r"|view all comments|see all comments|show all comments"
    r"|what do you think\??|be the first to comment|sort(ed)? by\b.*)$",
    re.I,
)
_EUROPEAN_SECTION = re.compile(
    r"^(\d[\d.,]*\s+(kommentare?|commentaires?|comentarios?|commenti|reacties|comentários?)"
    r"|(kommentare|commentaires|comentarios|commenti|reacties|comentários)(\s*[(\[]\d+[)\]])?"
    r"|\d[\d.,]*\s+(kommentare?|antworten|réponses?|commentaires?|respuestas?|comentarios?"
    r"|risposte|commenti|reacties|comentários?|respostas?)\s+(zu|à|a|op|em|para|sur)\b.*"
    r"|(\d[\d.,]*|ein|un|una|één|um)\s+(gedanken?|réflexions?|pensamientos?|pensieri|pensiero"
    r"|gedachten?|pensamentos?)\s+(zu|sur|sobre|su|over|em)\b.*"
    r"|(schreibe|schreiben sie) einen kommentar|kommentar (schreiben|verfassen)"
    r"|laisser un commentaire|laisser une réponse|deja un comentario|deja una respuesta"
    r"|lascia un commento|laat een reactie achter|deixe um comentário|deixe uma resposta)$",
    re.I,
)


#: lines judged on their own text, remembered: the dump parser asks about most lines
#: several times (body, comments, headers), and "Reply" or "2 hours ago" recur on a page
LINE_CACHE = 1 << 14


@lru_cache(maxsize=LINE_CACHE)
def is_ui(text: str, *, european: bool = True) -> bool:
    """An interface label, never page text: "Reply", "12 comments", "Like (3)",
    "Antworten", "3 réponses à « ... »" (English ones only when ``european`` is false)."""
    words, pattern = (_ALL_UI_WORDS, _ALL_UI_PATTERN) if european else (_UI_WORDS, _UI_PATTERN)
    lowered = _without_arrows(text.strip().lower()).rstrip(":*").strip()
    if not lowered:
        return False
    if lowered in words or pattern.match(lowered):
        return True
    if not _HAS_SEPARATOR.search(lowered):
        return False  # one piece, ``lowered`` itself: never "UI words joined by separators"
    parts = 0  # UI words joined by separators ("Reply · Share"): every part a UI word
    for part in _pieces(lowered):
        if not (part.rstrip(":") in words or pattern.match(part)):
            return False
        parts += 1
    return parts > 1


def _without_arrows(text: str) -> str:
    """``_TRAILING_ARROWS.sub("", text)`` for a stripped ``text``, with no search when
    it cannot end in an arrow."""
    return _TRAILING_ARROWS.sub("", text) if text[-1:] in _ARROWS else text


_ARROWS = frozenset(">›»→↓↑")  # "Reply ↓", "Antwort ↓": a reply button's arrow


def _pieces(text: str) -> Iterator[str]:
    """The non-empty pieces of ``_UI_SEPARATORS.split(text)``, one at a time."""
    at = 0
    for match in _UI_SEPARATORS.finditer(text):
        if match.start() > at:
            yield text[at : match.start()]
        at = match.end()
    if at < len(text):
        yield text[at:]


def opens_comments(text: str, *, european: bool = True) -> bool:
    """A UI line that starts the comment section ("12 comments", "Leave a reply",
    "12 Kommentare", "Laisser un commentaire"; English ones only when ``european`` is
    false)."""
    bare = _without_arrows(text.strip()).rstrip(":").strip()
    return bool(_SECTION.match(bare) or (european and _EUROPEAN_SECTION.match(bare)))


_CLOSED = re.compile(r"^(comments are closed|commenting (is|has been) (closed|disabled))\.?$", re.I)


def closes_comments(text: str) -> bool:
    """ "Comments are closed." : what follows is no longer the thread."""
    return bool(_CLOSED.match(text.strip()))


_EDIT_SUFFIX = re.compile(r"\s*(?:[(\[]\s*edited\s*[)\]]|[·•|]\s*edited)\s*$", re.I)


def without_edit_mark(text: str) -> str:
    """ "5 hours ago (edited)" -> "5 hours ago"."""
    return without_edited(text.strip(), _EDIT_SUFFIX)


#: "Posted on", "Geschrieben am", "Publié le": a label before a comment's time
_TIME_LABEL = re.compile(
    r"^(?:posted|published|submitted|commented|geschrieben|veröffentlicht|gepostet"
    r"|kommentiert|publié|posté|écrit|publicado|escrito|comentado|pubblicato|scritto"
    r"|geplaatst|gepubliceerd|geschreven|postado)"
    r"(?:\s+(?:on|am|le|el|il|op|em))?\s*:?\s+(?=\S)",
    re.I,
)


@lru_cache(maxsize=LINE_CACHE)
def is_time(text: str, *, european: bool = True) -> bool:
    """The line is nothing but a time: "2 weeks ago", "March 5, 2025 at 3:14 pm",
    "5. Januar 2020 um 10:15 Uhr", "il y a 3 jours" (English forms only when
    ``european`` is false)."""
    if len(text) > 60:
        return False
    return parse_when(without_edit_mark(text), european=european) is not None


@lru_cache(maxsize=LINE_CACHE)
def is_european_time(text: str) -> bool:
    """A time line that only the tables of :mod:`newsift.text.european` read
    ("5. Januar 2020 um 10:15 Uhr"). The line classifier's features predate those
    tables: it was fitted with such lines read as no time, and is fed them so."""
    return is_time(text) and not is_time(text, european=False)


def labelled_time(text: str) -> int | None:
    """Where the time starts in "Posted on March 5, 2025" or "Geschrieben am 5. Januar
    2020" (a comment's time under a label), else None. Kept out of :func:`is_time`:
    at the top of a page such a line is a dateline, not a comment's time."""
    label = _TIME_LABEL.match(text)
    if label is None or len(text) > 80 or not is_time(text[label.end() :]):
        return None
    return label.end()


_HEADER_SEPARATOR = re.compile(r"\s+[·•|–—-]\s+")
_HEADER_MARK = re.compile(r"[·•|–—-]")


@dataclass(frozen=True, slots=True)
class CommentHeader:
    """ "Marcus Obi · 2 weeks ago": name and time on one line, with their offsets."""

    name: str
    name_start: int  # offsets within the line's text
    name_end: int
    when: str
    when_start: int
    #: the line's own words vouch for it: a "written by" label before the name, or a reply
    #: button after the time ("geschrieben von berg2012 am ...", "Hella, Sa 11 Apr 2020 /
    #: 00:40 Antworten")
    vouched: bool = False


#: a reply button at the end of a comment's header line: "- Antworten", "[ antworten ]",
#: "| Reply"
_REPLY_WORD = r"(?:antworten|antwort|reply|répondre|responder|rispondi|beantwoorden)"
_REPLY_BUTTON = re.compile(
    rf"\s*(?:[-–—|·•]\s*[\[(]?\s*{_REPLY_WORD}\s*[\])]?|[\[(]\s*{_REPLY_WORD}\s*[\])]"
    rf"|(?<=\d)\s+{_REPLY_WORD})\s*$",  # or the bare word after a clock: "08:34 Antworten"
    re.I,
)
_REPLY_ENDINGS = (
    "antworten",
    "antwort",
    "reply",
    "répondre",
    "responder",
    "rispondi",
    "beantwoorden",
    "]",
    ")",
)


#: a permalink at the end of a comment's header line, inside a thread ("18. Oktober 2023
#: - 13:11 Permanenter Link", "3:14 pm | Permalink")
_PERMALINK_WORD = r"(?:permalink|permanenter link|lien permanent|enlace permanente|link permanente)"
_PERMALINK = re.compile(
    rf"\s*(?:[-–—|·•]\s*{_PERMALINK_WORD}|(?<=\d)\s+{_PERMALINK_WORD})\s*$", re.I
)
_PERMALINK_ENDINGS = ("permalink", "link", "permanent", "permanente")


def _without_permalink(text: str) -> str:
    if not text[-24:].rstrip().lower().endswith(_PERMALINK_ENDINGS):
        return text
    stripped = _PERMALINK.sub("", text)
    return stripped if stripped.strip() else text


def without_reply_button(text: str) -> str:
    """``text`` without a reply button at its end ("Ben 19. Juni 2018 um 15:28 Uhr -
    Antworten" -> "Ben 19. Juni 2018 um 15:28 Uhr"); the rest keeps its offsets."""
    if not text.rstrip().lower().endswith(_REPLY_ENDINGS):
        return text
    stripped = _REPLY_BUTTON.sub("", text)
    return stripped if stripped.strip() else text


def split_comment_header(
    text: str, *, european: bool = True, thread: bool = False
) -> CommentHeader | None:
    """Name and time joined by a separator, the name first ("Marcus Obi · 2 weeks
    ago"), or by words ("Anna Schmidt sagt: 5. Januar 2020", see
    :func:`split_said_header`); None if neither. A reply button at the end ("-
    Antworten") is left out. English forms only when ``european`` is false.

    With ``thread`` (the line is inside a comment thread, after a line that opens
    it) also a "written by" label ("Comment by Name — date", "geschrieben von Name am
    date") and a comma ("Name, Do 9 Apr 2020 / 08:34"): above a thread these forms are
    as often an article's own byline ("Written by Ana Sandoiu on July 27, 2017",
    "Gesine Engels-Krone, 02.01.2023, 11:08 Uhr"). There a permalink at the end vouches
    like a reply button."""
    bare = without_reply_button(text)
    if thread and bare is text:
        bare = _without_permalink(text)
    button = bare is not text and bare != text
    # "by", "von", ... in a short line: only then can a "written by" label open it (plain
    # ``in`` tests, no call, on the many lines of a page that are none)
    short = thread and not bare[MAX_LABELLED_CHARS:]
    if (
        short
        and (
            " by " in bare
            or " von " in bare
            or " par " in bare
            or " por " in bare
            or " da " in bare
            or " door " in bare
            or " By " in bare
            or " Von " in bare
        )
        and (label := _WRITTEN_BY.match(bare)) is not None
    ):
        found = _after_label(bare[label.end() :], european)
        if found is not None:
            return _shifted(found, label.end(), vouched=True)
    said = split_said_header if european else _no_header
    found = None
    if _HEADER_MARK.search(bare):  # every ``_HEADER_SEPARATOR`` match holds a mark
        for sep in _HEADER_SEPARATOR.finditer(bare):
            left, right = bare[: sep.start()], bare[sep.end() :]
            name = name_of(left, european=european)
            if name is None or not is_time(right, european=european):
                continue
            found = CommentHeader(name, 0, len(left), without_edit_mark(right), sep.end())
            break
    if found is None:
        # in a thread, a button lets one word name the header ("malte am 18. Oktober 2023
        # - 19:48 Permanenter Link")
        vouched = button and thread and european
        found = split_said_header(bare, vouched=True) if vouched else said(bare)
    if found is None and short and ", " in bare:
        found = _split_at_comma(bare, european)
    if found is not None and button:
        return _shifted(found, 0, vouched=True)
    return found


def _split_at_mark(text: str, european: bool) -> CommentHeader | None:
    """ "Marcus Obi · 2 weeks ago": a name, a separator mark, a time."""
    for sep in _HEADER_SEPARATOR.finditer(text):
        left, right = text[: sep.start()], text[sep.end() :]
        name = name_of(left, european=european)
        if name is None or not is_time(right, european=european):
            continue
        when = without_edit_mark(right)
        return CommentHeader(name, 0, len(left), when, sep.end())
    return None


MAX_LABELLED_CHARS = 100


#: "Comment by", "Posted by", "written by", "geschrieben von", "écrit par", "escrito por",
#: "scritto da", "geschreven door": a label before a commenter's name
_WRITTEN_BY = re.compile(
    r"^(?:(?:comment(?:ed)?|posted|written|submitted|reply|response)\s+by"
    r"|(?:kommentar|kommentiert|geschrieben|verfasst|antwort|gepostet)\s+von"
    r"|(?:commentaire|commenté|écrit|publié|posté|réponse)\s+par"
    r"|(?:comentario|comentário|comentado|escrito|publicado|respuesta|resposta)\s+por"
    r"|(?:commento|commentato|scritto|pubblicato|risposta)\s+da"
    r"|(?:reactie|geschreven|geplaatst)\s+door)\s+(?=[@\w])",
    re.I,
)
#: after a "written by" label, the words between the name and its time: "on", "am", "le",
#: "at", "um", "à" ("Posted by Jo on March 5, 2025", "geschrieben von Jo am 21. Jan. 2015")
_LABELLED_AT = re.compile(r"\s+(?:on|at|am|um|le|à|el|il|op|em|den)\s+|,\s+", re.I)


def _after_label(rest: str, european: bool) -> CommentHeader | None:
    """Name and time after a "written by" label, joined by a mark, a comma or a word."""
    if len(rest) > MAX_LABELLED_CHARS:
        return None
    found = _split_at_mark(rest, european) if _HEADER_MARK.search(rest) else None
    if found is not None:
        return found
    for joint in _LABELLED_AT.finditer(rest):
        left, right = rest[: joint.start()], rest[joint.end() :]
        if not is_time(right, european=european):
            continue
        name = name_of(left, european=european)
        if name is not None:
            return CommentHeader(name, 0, len(left), without_edit_mark(right), joint.end())
    return None


#: a clock ("08:34", "10 h 15") or a relative time: what a "Name, date" header must show
_CLOCK_TIME = re.compile(r"\d{1,2}(?::|\s?h\s?)\d{2}\b")
_YEAR = re.compile(r"\d{4}")


def _split_at_comma(text: str, european: bool) -> CommentHeader | None:
    """ "Josef Franz Lindner, Do 9 Apr 2020 / 08:34": a name, a comma, a time. A place
    reads so too ("Berlin, 5. Januar 2020"), so the time must show a clock or be relative;
    a weekday before a date is no name ("Donnerstag, 10. Februar 2022 - 19:05")."""
    comma = text.find(", ")
    if not 0 < comma <= MAX_NAME_CHARS or len(text) > 80 or is_time(text, european=european):
        return None
    left, right = text[:comma], text[comma + 2 :].lstrip()
    if not is_time(right, european=european):
        return None
    if _YEAR.search(right) and not _CLOCK_TIME.search(right):
        return None  # a date with no clock: as often a place's dateline
    name = name_of(left, european=european)
    if name is None:
        return None
    return CommentHeader(name, 0, len(left), without_edit_mark(right), len(text) - len(right))


def _shifted(header: CommentHeader, by: int, *, vouched: bool) -> CommentHeader:
    return CommentHeader(
        header.name,
        header.name_start + by,
        header.name_end + by,
        header.when,
        header.when_start + by,
        vouched or header.vouched,
    )


def _no_header(text: str) -> None:
    return None


#: a time's first word: a day number ("11. Dezember 2012 um 11:07", "5 janvier 2020") or
#: a month before a number ("March 5, 2025 at 3:14 pm")
_TIME_START = re.compile(r"\s+(?=\d{1,2}(?:[./\s]|$)|[^\W\d_]{3,}\.?\s+\d)")
_CLOCK_OR_YEAR = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b(?:19|20)\d{2}\b")
#: how such a header's time ends: a number, or a clock's word ("Uhr", "pm")
_TIME_END = re.compile(r"(?:\d|\b(?:uhr|am|pm|a\.m\.|p\.m\.|h))\s*$", re.I)


def split_name_then_time(text: str) -> CommentHeader | None:
    """A name and then a time, with no mark between ("photobix 11. Dezember 2012 um
    11:07", "Mathias Autor 11. Dezember 2012 um 13:19"), or None.

    A body line can read so too ("Update 5. Januar 2020"), so the dump reader takes
    this form only inside a thread (after a line that opens the comments)."""
    text = without_reply_button(text)
    if len(text) > 80 or _CLOCK_OR_YEAR.search(text) is None or _TIME_END.search(text) is None:
        return None
    for start in _TIME_START.finditer(text):
        left = text[: start.start()]
        if len(left.split()) > 4:
            return None
        right = text[start.end() :]
        name = name_of(left)
        if name is not None and is_time(right):
            return CommentHeader(name, 0, len(left), without_edit_mark(right), start.end())
    return None


#: "says:" in the languages of :mod:`newsift.text.european`
_SAYS_WORDS = (
    r"says|said|wrote|writes|commented|sagt|schreibt|schrieb|meint|kommentierte|dit|a\s+dit"
    r"|écrit|a\s+écrit|dice|dijo|escribe|escribió|comenta|comentó|scrive|ha\s+scritto|zegt"
    r"|schreef|schrijft|diz|disse|escreveu|comentou"
)
#: "Von Anna Schmidt", "Par Jean Dupont", "Por Ana García", "Door Jan Smit"
_NAME_PREFIX = re.compile(r"^(?:von|par|por|door)\s+(?=\w)", re.I)
#: where a name ends and its time begins: "sagt:", "a dit :", or "am" / "le" / "el" / "il" /
#: "op" / "em" before a date
_SAID_AT = re.compile(rf"\s+(?:(?P<says>{_SAYS_WORDS})\s*:\s*|(?:am|le|el|il|op|em)\s+)", re.I)
_DIGIT = re.compile(r"\d")
_DATELINE_WORD = re.compile(
    r"^(?:posted|published|updated|geschrieben|veröffentlicht|aktualisiert|publié|mis à jour"
    r"|publicado|actualizado|pubblicato|aggiornato|geplaatst|bijgewerkt|atualizado|heute|today)\b",
    re.I,
)


def split_said_header(text: str, *, vouched: bool = False) -> CommentHeader | None:
    """Name and time joined by words, as European threads write them, or None.

    "Anna Schmidt sagt: 5. Januar 2020 um 10:15 Uhr", "Von Anna Schmidt am 5.
    Januar 2020", "Par Jean Dupont le 5 janvier 2020 à 10 h 15", "Jean Dupont a
    dit : 5 janvier 2020", "Por Ana García el 5 de enero de 2020 a las 10:15".
    Without a "says" verb or a "Von"/"Par"/"Por" before it, the name must be two
    to four capitalised words (so "Heute am 5. Januar 2020" is no header), or one
    word where a button at the line's end ``vouched`` for it ("malte am 18. Oktober
    2023 - 19:48 Permanenter Link").
    """
    if len(text) > 120 or not _DIGIT.search(text) or _DATELINE_WORD.match(text):
        return None
    prefix = _NAME_PREFIX.match(text)
    for joint in _SAID_AT.finditer(text):
        left, right = text[: joint.start()], text[joint.end() :]
        if not is_time(right):
            continue
        name = name_of(left)
        if name is None:
            continue
        words = name.split()
        if prefix is None and joint.group("says") is None and not 2 - vouched <= len(words) <= 4:
            continue
        name_start = prefix.end() if prefix is not None else 0
        when = without_edit_mark(right)
        return CommentHeader(name, name_start, name_start + len(name), when, joint.end())
    return None


_NAME_CHARS = re.compile(r"^[@\w][\w .'’@-]*$")
_DELETED = re.compile(r"^\[(deleted|removed)\]$", re.I)
_SAYS = re.compile(rf"\s+(?:{_SAYS_WORDS})\s*:?$", re.I)
_ENGLISH_SAYS = re.compile(r"\s+(?:says|said|wrote|writes|commented)\s*:?$", re.I)
_INITIAL_END = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|Dr|St)\.$")


def says(text: str) -> bool:
    """A commenter's "X says:" / "X sagt:" / "X a dit :" line, which only heads a comment."""
    return text.rstrip().endswith(":") and _SAYS.search(text) is not None and bool(name_of(text))


MAX_NAME_CHARS = 40
#: the last word of each "says" form, and the words a "Von X" name may start with
_SAYS_ENDINGS = tuple(form.split(r"\s+")[-1] for form in _SAYS_WORDS.split("|"))
_ENGLISH_SAYS_ENDINGS = ("says", "said", "wrote", "writes", "commented")
_PREFIX_WORDS = ("von", "par", "por", "door")


def _keeps_its_length(stripped: str, european: bool) -> bool:
    """True when neither the "says" ending nor the "Von" prefix :func:`name_of` takes off
    can be in ``stripped`` (a cheap test on the lower-cased text where lower-casing is
    plain; otherwise False, and the patterns decide)."""
    if not lowers_plainly(stripped):
        return False
    lower = stripped.lower()
    if european and lower.startswith(_PREFIX_WORDS):
        return False
    tail = lower[:-1] if lower.endswith(":") else lower
    return not tail.rstrip().endswith(_SAYS_ENDINGS if european else _ENGLISH_SAYS_ENDINGS)


def name_of(text: str, *, european: bool = True) -> str | None:
    """The commenter name a short header line shows, or None if it is no name.

    Accepts "Marcus Obi", "Greta L.", "rivertown_dad", "@jdoe", "Marcus says:",
    "Anna Schmidt sagt:", "Jean Dupont a dit :", "Von Anna Schmidt", "Par Jean Dupont";
    refuses sentences, anything with sentence punctuation, and UI or time lines.
    English forms only when ``european`` is false.
    """
    stripped = text.strip()
    if len(stripped) > MAX_NAME_CHARS and _keeps_its_length(stripped, european):
        return None  # too long for a name, and no "says" or "Von" to take off
    if european:
        text = _NAME_PREFIX.sub("", _SAYS.sub("", stripped))
    else:
        text = _ENGLISH_SAYS.sub("", stripped)
    if _DELETED.match(text):
        return text
    if (
        not text
        or len(text) > MAX_NAME_CHARS
        or is_ui(text, european=european)
        or is_time(text, european=european)
    ):
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


forgotten_with_memos(is_ui.cache_clear)
forgotten_with_memos(is_time.cache_clear)
forgotten_with_memos(is_european_time.cache_clear)
