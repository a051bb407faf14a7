"""Who can be a speaker: a person, group, organization or document, never an abstraction.

A cue's subject is not always someone who said something. "All of these
developments show that ...", "The pictures suggest ...", "This shows ...":
the writer reads a situation and states a conclusion; crediting the
conclusion to "these developments" puts the writer's words in no one's mouth
(and, with a possessor, "President Varga's visit ...", in a real person's).
:func:`speaker_kind` places the head of a speaker phrase from its parse (the
pronoun, the entity label, the head noun) and :func:`can_speak` decides, with
the cue, whether it may be a source:

- persons, groups, organizations and documents speak ("A congressional report
  found ...", "The data suggests ..." is a document);
- abstractions, events, pictures and demonstratives ("this", "these") never
  do, whatever the cue;
- a head noun the lexicons cannot place speaks through a verb of saying
  ("The panel said") but not through an evidential verb (show, suggest,
  indicate, highlight, reveal, ...), whose subject is as often a thing as a
  person ("The timing suggests ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsift.attribution.nouns import (
    ABSTRACT_NOUNS,
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_SUFFIXES,
    RELATIVE_PRONOUNS,
    VAGUE_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Cue lemmas whose subject may be a thing as well as a speaker ("The timing suggests").
EVIDENTIAL_VERBS = frozenset(
    {"show", "suggest", "indicate", "highlight", "reveal", "point", "underscore"}
    | {"demonstrate", "prove", "reflect", "illustrate", "signal", "mean", "echo"}
)

#: Cues that also mean "need" when a thing is their subject.
_NEED_VERBS = frozenset({"demand", "require"})

#: Heads that stand for the writer's own argument, never a source ("This shows that").
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "what", "which", "there"})
#: Negative quantifiers: a subject under one names no one who spoke ("No official said").
_NEGATIVES = frozenset({"neither", "no", "nobody", "none", "nothing", "noone"})
_ENTITY_KINDS = {
    "PERSON": "person",
    "NORP": "group",
    "ORG": "organization",
    "GPE": "organization",
    "FAC": "organization",
    "LAW": "document",
    "WORK_OF_ART": "document",
    "PERCENT": "group",  # "47 percent said": of those polled
    "EVENT": "abstract",
    # an amount is no speaker: "..., 475 pounds of cocaine ..., Customs and Border
    # Protection announced" parsed with the amount as the subject of "announced"
    "MONEY": "abstract",
    "QUANTITY": "abstract",
    # a date is no speaker: "Mumbai (Maharashtra) [India], Jan 13 (ANI): Allcargo
    # Logistics Ltd said" parsed with the dateline's date as the subject of "said"
    "DATE": "abstract",
    "TIME": "abstract",
}
#: Ends of an age used as a noun ("the 54-year-old", "two 20-year-olds"; the
#: tokenizer may give "old" alone).
_AGE_ENDINGS = ("old", "olds")
#: Suffixes of abstract nouns that PERSON_SUFFIXES would take for people ("development").
_ABSTRACT_SUFFIXES = ("ment", "ness", "ity", "ance", "ence", "tion", "sion")

PERSON = "person"
GROUP = "group"
ORGANIZATION = "organization"
DOCUMENT = "document"
VAGUE = "vague"
ABSTRACT = "abstract"
UNKNOWN = "unknown"


def speaker_kind(token: Token) -> str:
    """What the speaker phrase headed by ``token`` is.

    One of ``person``, ``group``, ``organization``, ``document``, ``vague``
    ("some", "others"), ``abstract`` (abstractions, events, pictures,
    demonstratives) or ``unknown`` (a head noun no lexicon places).
    """
    lower = token.lower_
    if (
        lower in RELATIVE_PRONOUNS
        and token.head.dep_ in {"relcl", "acl"}
        and token.head.head.i != token.i
    ):
        token = token.head.head  # "the visit, which showed ...": the visit
        lower = token.lower_
    if lower in _DEMONSTRATIVES and token.pos_ in {"PRON", "DET"}:
        return ABSTRACT
    if lower in _NEGATIVES or any(
        c.dep_ in {"det", "preconj"} and c.lower_ in _NEGATIVES for c in token.children
    ):
        return ABSTRACT  # "neither his staff nor the whistleblower will testify": no one speaks
    if any(c.dep_ == "det" and c.lower_ in {"what", "which"} for c in token.children):
        return ABSTRACT  # "So what better fix than ..., and call it a revolution?"
    if lower in VAGUE_PRONOUNS and token.pos_ != "PROPN":
        # "All of these developments", "Some of the officials": the partitive decides
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if inner is not None:
                    kind = speaker_kind(inner)
                    return VAGUE if kind == UNKNOWN else kind
        return VAGUE
    if token.pos_ == "PRON":
        return PERSON  # he, she, they, it, we: resolved later, or not at all
    label = _entity_label(token)
    if label not in {"", "PERSON"} and lower in ABSTRACT_NOUNS:
        return ABSTRACT  # "A CT of his chest showed": "CT" is no organisation
    if label in {"DATE", "TIME"} and lower.endswith(_AGE_ENDINGS):
        return PERSON  # "the 54-year-old said": an age the recognizer takes for a date
    if label in _ENTITY_KINDS:
        return _ENTITY_KINDS[label]
    lemma = token.lemma_.lower()
    if lemma in ABSTRACT_NOUNS or lower in ABSTRACT_NOUNS:
        return ABSTRACT
    if token.pos_ == "PROPN":
        return ORGANIZATION if label else PERSON
    if lemma in DOCUMENT_NOUNS or lower in DOCUMENT_NOUNS:
        return DOCUMENT
    if lemma in ORG_NOUNS:
        return ORGANIZATION
    if lemma in GROUP_NOUNS and token.tag_ in {"NNS", "NNPS"}:
        return GROUP  # "critics", "residents"
    if lemma in PERSON_NOUNS or lemma in ANONYMOUS_NOUNS:
        return PERSON
    if lemma in GROUP_NOUNS:
        return GROUP
    if lemma.endswith(PERSON_SUFFIXES) and not lemma.endswith(_ABSTRACT_SUFFIXES):
        return PERSON
    return UNKNOWN


def can_speak(token: Token, cue_lemma: str) -> bool:
    """Whether the phrase headed by ``token`` may be the source of a ``cue_lemma`` statement."""
    kind = speaker_kind(token)
    if kind == ABSTRACT:
        return False
    if kind == UNKNOWN:
        # "a region like Delhi demands deployment on a gargantuan scale": a thing
        # "demands" or "requires" what it needs; it does not say so
        return cue_lemma.lower() not in EVIDENTIAL_VERBS | _NEED_VERBS
    return True


#: Dashes and colons that close a dateline ("BUFFALO, N.Y. —", "Washington, DC:").
_DATELINE_ENDS = frozenset({"—", "–", "--", "-", ":"})
#: A dateline is short: a place, its region or country, an agency ("(AP)"), a date.
_DATELINE_TOKENS = 10
#: Cue lemmas that report what something shows, never an act of saying by a person
#: ("Voters showed they were tired", "the ad shows that ..."; "suggest", "reveal",
#: "indicate" and "point out" are also said by people).
NON_SPEECH_EVIDENTIALS = frozenset(
    {"show", "prove", "demonstrate", "reflect", "illustrate", "mean", "signal"}
)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "him", "her", "them"})


def dateline_end(doc: Doc) -> int:
    """Token index of the dash or colon closing a dateline the parsed paragraph opens with.

    "BUFFALO, N.Y. — Hours before ...", "SIOUX FALLS, S.D. – People ...",
    "WASHINGTON (AP) — ...", "Washington, DC, United States: Getting ...": a
    place (its first word in capitals, or every word a place entity), then
    only names, abbreviations, dates and punctuation up to a dash or colon.
    Returns -1 when the paragraph has none. The place is never a speaker.
    """
    words = [t for t in doc[: _DATELINE_TOKENS + 1] if not t.is_space]
    if not words or not words[0].is_alpha:
        return -1
    first = words[0]
    places = {i for e in doc.ents if e.label_ in {"GPE", "LOC"} for i in range(e.start, e.end)}
    others = {i for e in doc.ents if e.label_ in {"ORG", "PERSON"} for i in range(e.start, e.end)}
    # a place entity, or a word before ", <place>" ("SIOUX FALLS, S.D.", read as a
    # PERSON); "NASA — the agency —" is an organisation
    comma = next((t for t in words if t.text == ","), None)
    region = comma is not None and comma.i + 1 in places
    capitals = (
        first.text.isupper()
        and len(first.text) >= 3
        and (first.i in places or region or (comma is not None and first.i not in others))
    )
    for token in words[1:]:
        if token.text in _DATELINE_ENDS:
            named = [t for t in words if t.i < token.i and t.is_alpha]
            if capitals and token.text != ":":
                return token.i
            if named and all(t.i in places for t in named):
                return token.i  # "Washington, DC, United States:"
            return -1
        if token.pos_ not in {"PROPN", "PUNCT", "NUM"} and not token.like_num:
            return -1
    return -1


def is_dateline(token: Token) -> bool:
    """Whether ``token`` lies in a dateline that opens its paragraph (never a speaker)."""
    end = dateline_end(token.doc)
    return end >= 0 and token.i < end


def says_nothing(speaker: Token, cue: Token) -> bool:
    """Whether a person or group "shows", "proves", "means" something: an act, not speech.

    "Voters could have shown they were tired of ...": what people show by
    doing is the writer's reading of it. A document or an organisation still
    shows ("The study shows ...", "NASA's figures show ..."), but only as the
    verb's own subject: "Noem launched the campaign, and the ad ... shows
    that ..." does not lend the first clause's subject to "shows".
    """
    if cue.lemma_.lower() not in NON_SPEECH_EVIDENTIALS:
        return False
    if speaker.head.i != cue.i:
        return True
    if speaker.pos_ == "PRON":
        return speaker.lower_ in _PERSONAL_PRONOUNS
    return speaker_kind(speaker) in {PERSON, GROUP, VAGUE}


def _entity_label(token: Token) -> str:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return str(entity.label_)
    return ""


#: Media a statement is made in ("in a statement", "in an interview"): no part of a name.
_MEDIA = frozenset(
    {"briefing", "call", "email", "e-mail", "filing", "interview", "letter", "memo", "post"}
    | {"release", "speech", "statement", "tweet", "video"}
)


def aside_tokens(token: Token) -> set[int]:
    """Token indices of the time and medium phrases after a speaker's head word.

    "Microsoft in 2017 announced", "The mayor in 2015 promised", "The
    ministry in a statement said": the phrase after the name says when or how
    the statement was made; it is neither the speaker's name nor its
    description ("Officials in Kelvport", "the president of the union" keep
    theirs).
    """
    out: set[int] = set()
    for child in token.children:
        if child.dep_ != "prep" or child.i < token.i:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if any(
            o.ent_type_ in {"DATE", "TIME"}
            or (o.like_num and len(o.text) == 4)
            or o.lemma_.lower() in _MEDIA
            for o in objects
        ):
            out.update(t.i for t in child.subtree)
    return out
