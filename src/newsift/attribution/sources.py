"""Who is quoted: speaker mentions described, then resolved to sources.

A mention is the speaker phrase of one statement. :func:`describe` reads its
parse: the name (a spaCy ``PERSON`` entity, with an honorific such as "Dr."),
the kind (person, organization, group, document, unattributed; from entity
labels and head nouns such as "office", "commission", "supporters",
"report"), whether it is named, its descriptor (words before the name such as
"Councilmember", appositives, relative clauses, "of the ..." phrases) and an
anonymity reason ("who spoke on condition of anonymity because ...").
:class:`Resolver` then links each mention to the latest compatible source:
the same name or surname ("Dr. Vosskuhl" after "Dr. Lennart Vosskuhl"), a
title or role noun ("the consultant"), or a pronoun ("she", "they", "it"; a
"he" or "she" with no earlier speaker goes to the latest person named as the
subject of a sentence). Limits: no gender agreement, no cataphora, one source
per mention even for "Smith and Jones".
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsift.attribution.nouns import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PERSON_SUFFIXES,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    SELF_PRONOUNS,
    THING_PRONOUNS,
    TITLES,
    VAGUE_PRONOUNS,
)
from newsift.attribution.speakers import aside_tokens
from newsift.document import Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


_ANONYMITY = re.compile(
    r"\b(?:anonymity|anonymously|(?:not|without)\s+(?:to\s+)?(?:be(?:ing)?\s+)?"
    r"(?:named|identified)|on\s+background|not\s+authori[sz]ed\s+to\s+[^,.;]+)",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:because|since|as)\s+(?P<clause>[^,;.]+)|\b(?P<purpose>to\s+(?:discuss|describe|speak|talk|"
    r"share|comment|reveal|disclose|avoid|protect|detail|candidly|freely|frankly)[^,;.]*)",
    re.IGNORECASE,
)
_SPEECH_WORD = re.compile(
    r"\s(?:said|says|told|tells|added|adds|warned|explained|wrote|noted|argued|insisted)\b"
)
_AUTHORIZED = re.compile(r"\bnot\s+authori[sz]ed\s+to\s+[^,.;]+", re.IGNORECASE)
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]+-[A-Z][a-z]+$")
_SUBJECT_BE = re.compile(
    r"^(?:he|she|they|i|we)\s+(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Mention:
    """What one speaker phrase says about who is speaking."""

    span: Span
    position: int
    kind: str = "unattributed"
    named: bool = False
    name: str = ""
    name_span: Span | None = None
    surname: str | None = None
    head: str = ""
    pronoun: str | None = None
    descriptor: list[tuple[str, Span]] = field(default_factory=list)
    reason: tuple[str, Span] | None = None
    plural: bool = False
    #: a name in the same paragraph the mention stands for ("Simmons ... he said")
    antecedent: str | None = None
    #: the phrase opens with "the", "this" or "that" ("The group, WeWorkers Coalition")
    definite: bool = False
    #: where the page-level subject a pronoun stands for must end before: the start of
    #: the statement a parenthetical cue interrupts ("Biden, he said, also ..."), if any
    subjects_before: int | None = None


def describe(
    token: Token,
    span: Span,
    offset: int,
    sentence: Span | None,
    text: str,
    people: frozenset[str] = frozenset(),
) -> Mention:
    """Describe the speaker phrase headed by ``token`` (offsets shifted by ``offset``).

    ``people`` are the words of every ``PERSON`` entity of the page, which
    tell a surname ("Smith") from an organization when the entity
    recognizer missed it.
    """
    mention = Mention(span=span, position=span.start)
    lower = token.lower_
    if lower in RELATIVE_PRONOUNS and token.head.dep_ in {"relcl", "acl"}:
        token = token.head.head  # "X, who said ...": X
        lower = token.lower_
    if lower in VAGUE_PRONOUNS:
        mention.kind = "unattributed"
        mention.name = text[span.start : span.end]
        mention.head = lower
        return mention
    if token.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | SELF_PRONOUNS:
        mention.pronoun = lower
        mention.plural = lower in PLURAL_PRONOUNS
        if lower in PERSON_PRONOUNS:
            mention.antecedent = _subject_before(token, people)
            if token.dep_ == "nsubj" and token.head.dep_ == "parataxis":
                mention.subjects_before = offset + token.head.head.left_edge.idx
        elif lower in THING_PRONOUNS:
            mention.antecedent = _organization_subject_before(token)
        return mention
    owner = _pronoun_owner(token)
    if owner is not None:
        # "His statement continued: “...”": the statement is his words; he is the speaker
        mention.pronoun = _OWNER_PRONOUNS[owner.lower_]
        mention.plural = mention.pronoun in PLURAL_PRONOUNS
        if mention.pronoun in PERSON_PRONOUNS:
            mention.antecedent = _subject_before(owner, people)
        return mention
    mention.head = token.lemma_.lower()
    mention.plural = token.tag_ in {"NNS", "NNPS"}
    mention.definite = any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children
    )
    core = _core(token)
    named_by = next(
        (
            c
            for c in token.children
            if c.dep_ == "appos"
            and (token.pos_ != "PROPN" or token.lower_ in PERSON_NOUNS | ANONYMOUS_NOUNS)
            and _person_name(c, people) is not None
        ),
        None,
    ) or _named_conjunct(token, people)
    if named_by is not None:
        # "The company's chief executive, Maria Chen, said": the appositive is the name (also
        # after a capitalised title: "Housing Executive Chief Executive, Grainia Long, said")
        bounds = _person_name(named_by, people)
        assert bounds is not None
        _person(mention, named_by, bounds, _core(named_by), offset, text)
        mention.descriptor.insert(0, _span_part(core, offset, text))
    else:
        bounds = _person_name(token, people) if token.pos_ in {"PROPN", "INTJ", "ADV"} else None
        if bounds is not None:
            _person(mention, token, bounds, core, offset, text)
        else:
            entity = _entity(token)
            _thing(mention, token, entity.label_ if entity is not None else "", core, offset, text)
            _organization_appositive(mention, token, offset, text)
            bare = all(c.dep_ in {"det", "amod"} for c in token.children if c.i < token.i)
            if _organization_role(mention) and bare:
                # "the company", not "the monitoring agency" (a description of its own)
                mention.antecedent = _organization_before(token)
    for child in token.children:
        if child is named_by or (named_by is not None and child.i == named_by.i):
            continue
        if child.dep_ == "appos" or (
            child.dep_ in {"relcl", "acl"}
            and mention.kind == "person"
            and mention.named
            and not _ANONYMITY.search(_subtree_text(child))
        ):
            mention.descriptor.append(_part(child, offset, text))
    if mention.kind == "organization" and mention.named and _described_as_person(token):
        # "Eswar Prasad, a trade professor at Cornell, said": a name the entity
        # recognizer took for an organisation, described as a person
        mention.kind, mention.surname = "person", mention.name.split()[-1]
    if not mention.named and mention.kind in {"person", "group"}:
        start = sentence.start if sentence is not None else span.start
        mention.reason = _anonymity_reason(text, start, sentence)
    return mention


#: A person's own words, named by a possessive pronoun: "his statement", "her remarks".
_OWN_WORDS = frozenset({"statement", "remark", "comment", "word", "testimony", "reply", "response"})
_OWNER_PRONOUNS = {"his": "he", "her": "she", "their": "they"}


def _pronoun_owner(token: Token) -> Token | None:
    """The possessive pronoun of "his statement" / "her remarks" / "their comments".

    Such a phrase as the subject of a cue ("His statement continued: ...") names
    the words, not a document of their own: the speaker is the person the
    pronoun stands for. None for any other phrase ("the statement", "Day's
    statement", "its statement").
    """
    if token.lemma_.lower() not in _OWN_WORDS:
        return None
    owners = [c for c in token.children if c.dep_ == "poss"]
    if len(owners) == 1 and owners[0].lower_ in _OWNER_PRONOUNS:
        return owners[0]
    return None


#: Plural heads that name the team of a study ("the researchers", "the scientists").
_STUDY_TEAMS = frozenset({"researcher", "scientist", "author", "investigator"})


def _bare_team(name: str) -> bool:
    """ "the researchers", "The scientists": a study team named by nothing but its role."""
    words = name.lower().split()
    return len(words) == 2 and words[0] == "the" and words[1].rstrip("s") in _STUDY_TEAMS


#: Collective heads whose "of" object says who the group is ("a group of physicians").
_COLLECTIVES = frozenset({"group", "handful", "number", "couple", "dozen", "coalition"})


def _named_conjunct(token: Token, people: frozenset[str]) -> Token | None:
    """The name in "Early retiree and self-made millionaire Grant Sabatier suggests".

    The parser coordinates the roles and the name; a singular common noun with
    no determiner whose conjunct is a person's name describes that person.
    """
    if token.pos_ != "NOUN" or token.tag_ != "NN" or any(c.dep_ == "det" for c in token.children):
        return None
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ == "PROPN":
            entity = _entity(child)
            if entity is not None and entity.label_ == "PERSON":
                return child
    return None


def _described_as_person(token: Token) -> bool:
    """Whether a proper name of two or three words has an appositive naming a person's role."""
    core = [t for t in _core(token) if not t.is_punct]
    if not 2 <= len(core) <= 3 or not all(t.pos_ == "PROPN" and t.text.istitle() for t in core):
        return False
    for child in token.children:
        if child.dep_ != "appos":
            continue
        lemma = child.lemma_.lower()
        if lemma in PERSON_NOUNS or lemma in TITLES:
            return True
    return False


#: Relations of a name that is the subject of its clause (or its appositive).
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "appos"})
_QUOTE_MARKS = frozenset({"“", "”", '"', "''", "``"})


def _unquoted_before(token: Token) -> list[Token]:
    """The paragraph's tokens before ``token`` that lie outside quotation marks, nearest first."""
    inside = False
    outside: list[Token] = []
    for word in token.doc[: token.i]:
        if word.text in _QUOTE_MARKS:
            inside = not inside if word.text in {'"', "''", "``"} else word.text == "“"
            continue
        if not inside:
            outside.append(word)
    return outside[::-1]


def _subject_before(token: Token, people: frozenset[str]) -> str | None:
    """The person a "he"/"she" stands for: the nearest earlier subject of the paragraph.

    "Simmons teed up McDonald’s cameo. “...,” he said": Simmons, the subject,
    not McDonald, a possessor; "Buser, however, is counting on ... “...,” he
    says": Buser. Only a proper noun that is a word of a person's name on the
    page (``people``) and not a possessor counts; words in quotation marks do
    not. None when the paragraph has none (the page-level subjects decide).
    """
    candidates = [
        w for w in _unquoted_before(token) if _person_word(w, people) and _subject_like(w)
    ]
    cue = token.head
    if token.dep_ == "nsubj" and cue.dep_ == "parataxis":
        # "Biden, he said, also “was the first president ...”": Biden is the subject of
        # what he said, not who "he" is
        candidates = [w for w in candidates if w.head.i != cue.head.i]
    # the subject of a main clause before one of a subordinate clause: "Figgins declined
    # to address whether Thomas slept on the night Epstein died. “...,” he said": Figgins
    main = [w for w in candidates if w.head.dep_ == "ROOT" or w.head.head.dep_ == "ROOT"]
    for word in main[:1] or candidates[:1]:
        bounds = _person_name(word, people)
        if bounds is None:
            return word.text
        start, end = bounds
        named = {t.lower_ for t in word.doc[max(start - 1, 0) : end]}
        wanted = _gender_of(token.lower_)
        if wanted and _words_gender(named) not in {"", wanted}:
            # "Ms. Haley slammed Mr. DeSantis after he accused her": the subject is a
            # "she"; who "he" is the paragraph does not say (no one, not the page's last)
            return ""
        return " ".join(t.text for t in word.doc[start:end] if t.lower_ not in HONORIFICS)
    return None


def _organization_subject_before(token: Token) -> str | None:
    """The main clause's subject before an "it" in its sentence, when it names an organisation.

    "The Afghan Taliban, however, claimed responsibility for shooting down the
    helicopter, which it said crashed in Logar": the Taliban. None when "it"
    is itself that subject or the subject is no organisation.
    """
    sentence = token.sent
    subject = next(
        (c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i),
        None,
    )
    if subject is None or subject.i == token.i or subject.pos_ not in {"PROPN", "NOUN"}:
        return None
    entity = _entity(subject)
    organization = entity is not None and entity.label_ in {"ORG", "NORP", "GPE"}
    if not organization and subject.lemma_.lower() not in ORG_NOUNS:
        return None
    return " ".join(t.text for t in _core(subject))


def _person_word(word: Token, people: frozenset[str]) -> bool:
    """A word of a person's name on the page, or a proper noun heading a main clause's subject.

    "Lucas Vane declined to say whether ...": a "he" after it is Vane even if the
    entity recognizer took him for an organisation; "Figgins" tagged as a plural
    noun is still the Figgins the page quoted.
    """
    if not word.text.istitle():
        return False
    if word.pos_ in {"PROPN", "NOUN"} and word.text in people:
        return True
    main = word.dep_ in {"nsubj", "nsubjpass"} and word.head.dep_ == "ROOT"
    return (
        main
        and word.pos_ == "PROPN"
        and word.lemma_.lower() not in ORG_NOUNS
        and not _place_name(word)
    )


def _place_name(word: Token) -> bool:
    """A proper noun that names a place, not a person ("The Americas", "the Netherlands").

    A person's name takes no article; the recognizer's place labels say the rest.
    """
    return word.ent_type_ in {"LOC", "GPE", "FAC"} or any(
        c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in word.children
    )


def _subject_like(word: Token) -> bool:
    """A subject (or its appositive), or the possessor of a subject that is no person.

    "Mr. Trump’s theatrical embrace is not limited to China. He has injected
    ...": Trump; "Simmons teed up McDonald’s cameo": not McDonald (a
    possessor of an object).
    """
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    possessor = following is not None and following.lower_ in {"'s", "’s"}
    if word.dep_ == "appos":  # "his wife, Meghan," after "slammed": no subject's appositive
        return not possessor and word.head.dep_ in {"nsubj", "nsubjpass"}
    if word.dep_ in _SUBJECT_DEPS:
        return not possessor
    if word.dep_ == "ROOT" and word.ent_type_ == "PERSON" and word.pos_ == "PROPN":
        return True  # "..., warns PAHO Director Carissa F. Etienne as she urged": a fragment
    owner = word.head
    return (
        word.dep_ == "poss"
        and owner.dep_ in {"nsubj", "nsubjpass"}
        and owner.pos_ == "NOUN"
        and owner.lemma_.lower() not in PERSON_NOUNS
    )


def _organization_appositive(mention: Mention, token: Token, offset: int, text: str) -> None:
    """Name "The group, WeWorkers Coalition, ..." by its appositive proper name."""
    if mention.kind not in {"organization", "group"} or token.pos_ == "PROPN":
        return
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.text[:1].isupper():
            words = [t for t in child.subtree if t.dep_ not in {"punct", "det"} and t.i <= child.i]
            mention.name_span = _span_of(words, offset)
            mention.name = text[mention.name_span.start : mention.name_span.end]
            mention.kind, mention.named = "organization", True
            return


def _organization_before(token: Token) -> str | None:
    """The organisation "the company" stands for: the nearest one named earlier in the paragraph.

    "Stadia is Google's attempt ..., and the company has promised a lot": Google.
    """
    before = {t.i for t in _unquoted_before(token)}
    earlier = [e for e in token.doc.ents if e.end <= token.i and e.start in before]
    # an organisation; a company the recognizer took for a product ("WeWork") only without one
    names = [e for e in earlier if e.label_ == "ORG"] or [
        e for e in earlier if e.label_ == "PRODUCT"
    ]
    if not names:
        return None
    name = names[-1].text
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    return name


def _person_name(token: Token, people: frozenset[str]) -> tuple[int, int] | None:
    """Token bounds ``[start, end)`` of a person's name headed by ``token``, or None."""
    if token.pos_ == "INTJ" and _surname_after(token):
        return token.i - 1, token.i + 1  # "Min-Jae Oh told": "Oh" tagged as an interjection
    if token.pos_ == "ADV":
        # "Chris Early ... Early says": a surname that is also an adverb, known as a name
        named = token.text.istitle() and token.text in people and token.i > token.sent.start
        return (token.i, token.i + 1) if named else None
    if token.pos_ != "PROPN":
        return None
    entity = _entity(token)
    label = entity.label_ if entity is not None else ""
    doc = token.doc
    if entity is not None and label == "PERSON":
        start, end = entity.start, entity.end
        described = [i for i in range(start, token.i) if _description_word(doc[i])]
        if described:
            start = described[-1] + 1  # "Early retiree and self-made millionaire Grant Sabatier"
    else:
        start = token.i
        while start > 0:
            prev = doc[start - 1]
            if prev.head.i != token.i or prev.dep_ not in {"compound", "flat"}:
                break
            hyphenated = _HYPHENATED_GIVEN.match(prev.text) is not None  # "Min-Ho", tagged X
            if (
                prev.pos_ != "PROPN"
                and not hyphenated
                and prev.lower_.rstrip(".") not in TITLES | HONORIFICS
            ):
                break
            start -= 1
        end = token.i + 1
    titled = False
    while start < end - 1 and doc[start].lower_.rstrip(".") in TITLES:
        start, titled = start + 1, True
    if start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES:
        titled = True
    if start > 0 and doc[start - 1].lower_ in HONORIFICS:
        start -= 1
    if end < len(doc) and _surname_after(doc[end]) and doc[end].head.i == token.head.i:
        end += 1  # "Later Min-Jae Oh told": the surname parsed as an interjection
    words = [doc[i].text for i in range(start, end)]
    if label == "PERSON" or titled or doc[start].lower_ in HONORIFICS:
        return start, end
    if _place_name(token):
        return None  # "The California Independent System Operator": no person's name
    if any(w in people for w in words) and token.lemma_.lower() not in ORG_NOUNS:
        return start, end
    if label == "" and token.lemma_.lower() not in ORG_NOUNS and not token.text.isupper():
        return start, end
    return None


#: Lower-case particles inside names ("Pieter van Loon", "Ana de la Cruz").
_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "bin"}
    | {"ibn", "al", "el", "ter", "ten", "dos", "das", "y"}
)


def _description_word(word: Token) -> bool:
    """A lower-case word an entity span took in before a name ("self-made millionaire").

    A name has no lower-case word but its particles ("van", "de"); titles and
    honorifics stay (the caller reads them).
    """
    if not word.text[:1].islower() or word.pos_ not in {"NOUN", "ADJ", "CCONJ", "VERB"}:
        return False
    return word.lower_ not in _NAME_PARTICLES and word.lower_.rstrip(".") not in TITLES | HONORIFICS


def _surname_after(token: Token) -> bool:
    """A title-case word tagged as an interjection right after a given name ("Min-Jae Oh")."""
    doc = token.doc
    if token.pos_ != "INTJ" or not token.text.istitle() or token.i == 0:
        return False
    given = doc[token.i - 1]
    return given.pos_ == "PROPN" and given.whitespace_ != "" and "-" in given.text


def _person(
    mention: Mention,
    token: Token,
    bounds: tuple[int, int],
    core: list[Token],
    offset: int,
    text: str,
) -> None:
    doc = token.doc
    start_i, end_i = bounds
    while end_i > start_i + 1 and doc[end_i - 1].lower_ in {"'s", "’s"}:
        end_i -= 1
    name_tokens = [doc[i] for i in range(start_i, end_i)]
    mention.kind = "person"
    mention.named = True
    first, last = name_tokens[0], name_tokens[-1]
    mention.name_span = Span(offset + first.idx, offset + last.idx + len(last.text))
    mention.name = text[mention.name_span.start : mention.name_span.end]
    surnames = [
        t.text
        for t in name_tokens
        if t.lower_ not in HONORIFICS and t.lower_.rstrip(".,") not in NAME_SUFFIXES
    ]
    mention.surname = surnames[-1] if surnames else None
    title = [
        t
        for t in core
        if t.i < start_i and t.dep_ not in {"det", "poss", "case", "punct"} and not t.is_space
    ]
    if title:
        mention.descriptor.append(_span_part(title, offset, text))
    for child in token.children:
        if child.dep_ == "prep" and child.i > token.i and child.lower_ in {"of", "at", "from"}:
            mention.descriptor.append(_part(child, offset, text))


def _thing(
    mention: Mention, token: Token, label: str, core: list[Token], offset: int, text: str
) -> None:
    mention.name_span = _span_of(core, offset)
    mention.name = text[mention.name_span.start : mention.name_span.end]
    head = mention.head
    definite = _definite(token, core)
    if label in {"ORG", "GPE", "FAC"} and (not mention.plural or _proper_name(core)):
        mention.kind, mention.named = "organization", True
    elif label == "NORP" or (head in GROUP_NOUNS and mention.plural):
        mention.kind = "group"
    elif label == "PERCENT" or head in {"percent", "cent", "%"}:
        mention.kind = "group"  # "Sixty percent said": of those polled, not a person in -ent
    elif head in DOCUMENT_NOUNS:
        mention.kind, mention.named = "document", definite or bool(label)
    elif head in ORG_NOUNS:
        mention.kind, mention.named = "organization", definite or bool(label)
    elif head in ANONYMOUS_NOUNS or (head in PERSON_NOUNS and not mention.plural):
        mention.kind = "person"
    elif mention.plural:
        mention.kind = "group"
    elif token.pos_ == "PROPN":
        mention.kind, mention.named = "organization", True
    elif head in PERSON_NOUNS or head.endswith(PERSON_SUFFIXES):
        mention.kind = "person"
    else:
        mention.kind = "unattributed"


def _proper_name(core: list[Token]) -> bool:
    """ "Kotak Institutional Equities", "Acme Holdings": several proper nouns, plural head."""
    proper = [t for t in core if t.pos_ == "PROPN"]
    return len(proper) >= 2 and all(t.text[:1].isupper() for t in proper)


def _entity(token: Token) -> SpacySpan | None:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    return None


def _core(token: Token) -> list[Token]:
    """The phrase without appositives, relative clauses and edge punctuation."""
    skip: set[int] = aside_tokens(token)  # "Microsoft in 2017": when, not who
    for child in token.children:
        if child.dep_ in {"appos", "relcl", "acl", "advcl", "punct"} or (
            child.dep_ == "prep" and child.i < token.i
        ):
            skip.update(t.i for t in child.subtree)
    tokens = [t for t in token.subtree if t.i not in skip and not t.is_space]
    comma = next((t.i for t in tokens if t.i > token.i and t.text in {",", "(", "—"}), None)
    if comma is not None:
        tokens = [t for t in tokens if t.i < comma]
    # "Jan 13 (ANI): Orvia Logistics Ltd said": a dateline before a colon is no part of the name
    colon = max(
        (t.i for t in tokens if t.i < token.i and t.is_punct and ":" in t.text), default=None
    )
    if colon is not None:
        tokens = [t for t in tokens if t.i > colon]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [token]


def _definite(token: Token, core: list[Token]) -> bool:
    if any(child.dep_ == "poss" for child in token.children):
        return True
    return bool(core) and core[0].lower_ in {"the", "this", "that", "these", "those"}


def _span_of(tokens: list[Token], offset: int) -> Span:
    items = sorted(tokens, key=lambda t: t.i)
    return Span(offset + items[0].idx, offset + items[-1].idx + len(items[-1].text))


def _span_part(tokens: list[Token], offset: int, text: str) -> tuple[str, Span]:
    span = _span_of(tokens, offset)
    return text[span.start : span.end], span


def _part(token: Token, offset: int, text: str) -> tuple[str, Span]:
    tokens = [t for t in token.subtree if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return _span_part(tokens or [token], offset, text)


def _subtree_text(token: Token) -> str:
    return " ".join(t.text for t in token.subtree)


def _anonymity_reason(text: str, start: int, sentence: Span | None) -> tuple[str, Span] | None:
    """The reason given for anonymity after the mention, in its sentence."""
    end = sentence.end if sentence is not None else min(len(text), start + 400)
    window = text[start:end]
    found = _ANONYMITY.search(window)
    if found is None:
        return None
    if found.group(0).lower().startswith("not authori"):
        return _reason_at(text, start + found.start(), start + found.end())
    after = window[found.end() :]
    reason = _REASON.match(after.lstrip())
    if reason is None:
        authorized = _AUTHORIZED.search(after[:200])
        if authorized is None:
            return None
        base = start + found.end()
        return _reason_at(text, base + authorized.start(), base + authorized.end())
    skipped = len(after) - len(after.lstrip())
    base = start + found.end() + skipped
    group = "clause" if reason.group("clause") is not None else "purpose"
    r_start, r_end = base + reason.start(group), base + reason.end(group)
    clause = text[r_start:r_end]
    lead = _SUBJECT_BE.match(clause)
    if lead is not None:
        r_start += lead.end()
    return _reason_at(text, r_start, r_end)


def _reason_at(text: str, start: int, end: int) -> tuple[str, Span]:
    stop = _SPEECH_WORD.search(text, start, end)
    if stop is not None:
        end = stop.start()
    while end > start and text[end - 1] in " ,;.\n":
        end -= 1
    return text[start:end], Span(start, end)


# resolution -----------------------------------------------------------------
@dataclass(slots=True)
class SourceDraft:
    """A source being built up from its mentions.

    A draft filed in a :class:`Resolver`'s index tells the index when a field
    the index looks drafts up by changes, whoever changes it (the resolver, or
    :func:`absorb` after resolution), so lookups always see its current fields.
    """

    #: the index this draft is filed in and its place there (set by the index)
    _filed: tuple[_DraftIndex, int] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    index: int
    kind: str
    named: bool
    name: str
    surname: str | None
    head: str
    plural: bool
    mentions: list[Span] = field(default_factory=list)
    descriptor: list[tuple[str, Span]] = field(default_factory=list)
    reason: tuple[str, Span] | None = None
    last: int = 0
    #: "m" or "f" once a "he"/"she", an honorific or a kinship word says so; "" unknown
    gender: str = ""

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name in _LOOKED_UP:
            filed = self._filed
            if filed is not None:
                filed[0].dirty.add(filed[1])


#: The fields :class:`_DraftIndex` files a draft by.
_LOOKED_UP = frozenset({"kind", "named", "name", "surname", "head", "plural", "descriptor", "last"})
Accept = Callable[[SourceDraft], bool]


class _Scan:
    """Every draft looked at in turn: the plain form :class:`_DraftIndex` must agree with.

    ``before`` holds the drafts last mentioned at or before the mention, the
    latest first (ties in the order they were made). The ``keys`` a lookup
    names are ignored here.
    """

    def __init__(self, drafts: list[SourceDraft], position: int) -> None:
        self.drafts = drafts
        self.before = [d for d in drafts if d.last <= position]
        self.before.sort(key=lambda d: d.last, reverse=True)

    def first(self, keys: Iterable[str], accept: Accept) -> SourceDraft | None:
        """The first draft of ``before`` that ``accept`` takes, or None."""
        return next((d for d in self.before if accept(d)), None)

    def among(self, keys: Iterable[str], accept: Accept, near: int = -1) -> list[SourceDraft]:
        """The drafts of ``before`` that ``accept`` takes, last mentioned at ``near`` or later."""
        return [d for d in self.before if d.last >= near and accept(d)]

    def earliest(self, keys: Iterable[str], accept: Accept) -> SourceDraft | None:
        """The first draft made that ``accept`` takes, wherever it was mentioned, or None."""
        return next((d for d in self.drafts if accept(d)), None)


class _DraftIndex:
    """The drafts filed under the keys lookups ask for, each key's drafts by last mention.

    A draft is filed under keys read from its fields (:func:`_draft_keys`):
    its name key, surname, surname key, head noun, descriptor words, short
    forms, and the kinds of pronoun that can mean it. A lookup names keys that
    every draft its rule can take is filed under, and still asks the rule of
    each candidate, so it costs the candidates, not the page's drafts; it
    returns what :class:`_Scan` returns. Under a key the entries are
    ``(last, -place)``, so walking down from the mention's position meets the
    drafts in the scan's order. Drafts whose fields changed since
    (:meth:`SourceDraft.__setattr__` marks them) and new drafts are filed
    before each lookup.
    """

    def __init__(self, drafts: list[SourceDraft]) -> None:
        self.drafts = drafts
        self.dirty: set[int] = set()
        self.buckets: dict[str, list[tuple[int, int]]] = {}
        #: per place: the fields filed by, the entry, the keys
        self.filed: list[tuple[tuple[object, ...], tuple[int, int], frozenset[str]]] = []
        self.position = 0

    def at(self, position: int) -> _DraftIndex:
        """Ready to look up for a mention at ``position``."""
        for place in range(len(self.filed), len(self.drafts)):
            draft = self.drafts[place]
            object.__setattr__(draft, "_filed", (self, place))
            self.filed.append(((), (draft.last, -place), frozenset()))
            self.dirty.add(place)
        for place in sorted(self.dirty):
            self._refile(place)
        self.dirty.clear()
        self.position = position
        return self

    def _refile(self, place: int) -> None:
        draft = self.drafts[place]
        descriptor = tuple(text for text, _ in draft.descriptor)
        fields = (draft.kind, draft.named, draft.name, draft.surname, draft.head, draft.plural)
        signature = (*fields, descriptor)
        old_signature, old_entry, old_keys = self.filed[place]
        entry = (draft.last, -place)
        keys = old_keys if signature == old_signature else _draft_keys(draft)
        if entry == old_entry and keys == old_keys:
            return
        for key in old_keys:
            bucket = self.buckets[key]
            del bucket[bisect.bisect_left(bucket, old_entry)]
        for key in keys:
            bisect.insort(self.buckets.setdefault(key, []), entry)
        self.filed[place] = (signature, entry, keys)

    def _walk(
        self, key: str, everywhere: bool = False
    ) -> Iterator[tuple[tuple[int, int], SourceDraft]]:
        """The drafts under ``key`` last mentioned at or before the position, latest first."""
        bucket = self.buckets.get(key, [])
        at = len(bucket) - 1 if everywhere else bisect.bisect_right(bucket, (self.position, 1)) - 1
        while at >= 0:
            entry = bucket[at]
            yield entry, self.drafts[-entry[1]]
            at -= 1

    def first(self, keys: Iterable[str], accept: Accept) -> SourceDraft | None:
        best: tuple[tuple[int, int], SourceDraft] | None = None
        for key in keys:
            for entry, draft in self._walk(key):
                if best is not None and entry <= best[0]:
                    break
                if accept(draft):
                    best = entry, draft
                    break
        return best[1] if best is not None else None

    def among(self, keys: Iterable[str], accept: Accept, near: int = -1) -> list[SourceDraft]:
        found: dict[tuple[int, int], SourceDraft] = {}
        for key in keys:
            for entry, draft in self._walk(key):
                if entry[0] < near:
                    break
                if entry not in found and accept(draft):
                    found[entry] = draft
        return [found[entry] for entry in sorted(found, reverse=True)]

    def earliest(self, keys: Iterable[str], accept: Accept) -> SourceDraft | None:
        best: tuple[int, SourceDraft] | None = None
        for key in keys:
            for entry, draft in self._walk(key, everywhere=True):
                place = -entry[1]
                if (best is None or place < best[0]) and accept(draft):
                    best = place, draft
        return best[1] if best is not None else None


def _draft_keys(draft: SourceDraft) -> frozenset[str]:
    """The keys :class:`_DraftIndex` files ``draft`` under (see the lookups in ``_match``)."""
    keys = {"key:" + _key(draft.name), "surl:" + (draft.surname or "").lower()}
    keys.add("head:" + draft.head)
    keys.update("dw:" + w for w in _descriptor_words(draft))
    if draft.surname is not None:
        keys.add("sur:" + draft.surname)
    if (surname := _surname_of(draft)) is not None:
        keys.add("osur:" + surname)
    if surname_key := name_parts(draft.name)[1]:
        keys.add("pkey:" + surname_key)
    if draft.kind != "person" and draft.name:
        theirs = _issuer(draft.name)
        keys.add("iss:" + _key(theirs or draft.name))
        for form in (draft.name,) if theirs is None else (draft.name, theirs):
            keys.update("full:" + k for k in _full_keys(form))
            keys.update("short:" + k for k in _short_keys(form))
    if _personal(draft):
        keys.add("personal")
    if draft.plural or draft.kind in {"group", "organization"}:
        keys.add("plural")
    if draft.kind in {"organization", "document"}:
        keys.add("thing")
    if _named_organization(draft):
        keys.add("named-organization")
    return frozenset(keys)


def _descriptor_words(draft: SourceDraft) -> set[str]:
    return {w.lower().strip(",.") for text, _ in draft.descriptor for w in text.split()}


def _organization_lookups(name: str) -> list[str]:
    """Keys every draft :func:`_same_organization` can pair with a mention ``name`` is under."""
    issuer = _issuer(name)
    keys = ["iss:" + _key(issuer or name)]
    for form in (name,) if issuer is None else (name, issuer):
        keys += ["full:" + k for k in sorted(_short_keys(form))]
        keys += ["short:" + k for k in sorted(_full_keys(form))]
    return keys


@dataclass(slots=True)
class Resolver:
    """Links mentions, in text order, to sources (creating them as needed).

    Earlier sources are looked up in an index by name, surname, head noun and
    the like (:class:`_DraftIndex`), so a page with thousands of sources
    costs each mention its candidates; ``plain`` looks every earlier source
    over instead (:class:`_Scan`, the same answers).
    """

    drafts: list[SourceDraft] = field(default_factory=list)
    #: (position, name, surname) of people named as the subject of a sentence
    subjects: list[tuple[int, str, str | None]] = field(default_factory=list)
    #: words of every PERSON entity on the page
    people: frozenset[str] = frozenset()
    plain: bool = False
    #: title word -> names the page writes it before ("president" -> {"Trump"})
    titled: dict[str, frozenset[str]] = field(default_factory=dict)
    #: sorted end positions of the page's PERSON and ORG entities (who an epithet can name)
    named_ends: list[int] = field(default_factory=list)
    _index: _DraftIndex | None = field(default=None, init=False, repr=False, compare=False)
    #: the subjects' positions, when they are sorted (for bisection), and the list they are of
    _subject_starts: tuple[list[tuple[int, str, str | None]], int, list[int] | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def find(self, mention: Mention) -> SourceDraft | None:
        """The source a mention refers to, without creating one."""
        return self._match(mention)

    def resolve(self, mention: Mention) -> SourceDraft | None:
        target = self._match(mention)
        if target is None:
            if mention.pronoun is not None:
                target = self._from_subject(mention)
                if target is None:
                    return None
            else:
                target = self._new(mention)
        self._merge(target, mention)
        return target

    def _look(self, position: int) -> _Scan | _DraftIndex:
        """The earlier drafts, to look up for a mention at ``position``."""
        if self.plain:
            return _Scan(self.drafts, position)
        if self._index is None or self._index.drafts is not self.drafts:
            self._index = _DraftIndex(self.drafts)
        return self._index.at(position)

    def _match(self, mention: Mention) -> SourceDraft | None:
        look = self._look(mention.position)
        if mention.pronoun is not None:
            pronoun = mention.pronoun
            if pronoun in PERSON_PRONOUNS and mention.antecedent == "":
                return None  # the paragraph's subject is of the other gender (_subject_before)
            if pronoun in PERSON_PRONOUNS and mention.antecedent is not None:
                named = self._named_person(mention.antecedent, look)
                if named is None or agrees(named, pronoun):
                    return named
                # "McDowell still laughs ... “...,” she said": not McDowell, a "he"
                return look.first(
                    ["personal"], lambda d: _personal(d) and d.gender == _gender_of(pronoun)
                )
            if pronoun in PERSON_PRONOUNS:
                subject = self._latest_subject(mention.position)
                person = look.first(["personal"], lambda d: _personal(d) and agrees(d, pronoun))
                if subject is not None and (person is None or subject[0] > person.last):
                    return None  # a person named since: resolved by _from_subject
                if person is not None and person.kind != "person":
                    # "Smith said ... He added": a surname the entity recognizer took for an
                    # organization
                    person.kind, person.surname = "person", person.name
                return person
            if mention.pronoun in PLURAL_PRONOUNS:
                return look.first(
                    ["plural"], lambda d: d.plural or d.kind in {"group", "organization"}
                )
            if mention.pronoun in THING_PRONOUNS and mention.antecedent is not None:
                # "The Afghan Taliban claimed responsibility for ..., which it said crashed":
                # the sentence's own subject, or no one (not the last organisation quoted)
                key = _key(mention.antecedent)
                return look.first(["key:" + key], lambda d: _key(d.name) == key)
            if mention.pronoun in THING_PRONOUNS:
                # "It shows that ..." pages after the last document: the situation just
                # described, not that document (an "it" looks back THING_WINDOW characters)
                recent = look.among(
                    ["thing"],
                    lambda d: d.kind in {"organization", "document"},
                    mention.position - THING_WINDOW,
                )
                return recent[0] if recent else None
            return None
        key = _key(mention.name)
        found = look.first(["key:" + key], lambda d: _key(d.name) == key)
        if found is not None:
            return found
        if mention.name.istitle() and " " not in mention.name.strip():
            # "John Petrides ... Petrides said", the surname read as a nationality (NORP)
            namesake = _one(
                look.among(
                    ["sur:" + mention.name],
                    lambda d: d.kind == "person" and d.named and d.surname == mention.name,
                )
            )
            if namesake is not None:
                return namesake
        if mention.named and " " not in key:
            found = look.first(
                ["surl:" + key],
                lambda d: d.kind == "person" and d.named and (d.surname or "").lower() == key,
            )
            if found is not None:
                return found
            full = _one(
                look.among(
                    ["osur:" + key], lambda d: d.kind == "organization" and _surname_of(d) == key
                )
            )
            if full is not None and mention.name[:1].isupper():
                # "Ilse Marten said ... Marten said": a person the entity recognizer missed
                full.kind, full.surname = "person", full.name.split()[-1]
                return full
        if mention.kind == "person" and mention.named and mention.surname:
            # "Dr. van Loon", "P. van Loon", "van Loon" after "Dr. Pieter van Loon"
            return look.first(
                ["pkey:" + name_parts(mention.name)[1]],
                lambda d: d.kind == "person" and d.named and same_person(mention.name, d.name),
            )
        if mention.kind != "person" or not mention.named:
            organization = _one(
                look.among(
                    _organization_lookups(mention.name), lambda d: _same_organization(mention, d)
                )
            )
            if organization is not None:
                return organization  # "WHO" for "the World Health Organization"
        if not mention.named and mention.kind in {"group", "document"} and mention.head:
            # "Federal prosecutors ... Prosecutors alleged", "federal prison records ...
            # according to prison records": the same group or documents, named shorter
            found = look.first(
                ["head:" + mention.head],
                lambda d: d.kind == mention.kind and not d.named and _shorter(mention.name, d.name),
            )
            if found is not None:
                return found
        if mention.kind == "document" and mention.definite and mention.head == "statement":
            # "the US military said in a statement ... the statement said": whoever made it
            near = mention.position - ROLE_WINDOW
            maker = _one(look.among(["thing"], lambda d: d.kind == "organization", near))
            if maker is not None:
                return maker
        holder = self._title_holder(mention, look)
        if holder is not None:
            return holder if isinstance(holder, SourceDraft) else None
        if not mention.named and _definite_text(mention.name) and mention.head:

            def same(draft: SourceDraft) -> bool:
                words = _descriptor_words(draft)
                alike = mention.head == draft.head or mention.head in words
                if mention.plural and draft.kind == "person" and not draft.plural:
                    return False  # "The energy experts noted" is no one expert named before
                return alike and (draft.kind == mention.kind or draft.named)

            found = look.first(["head:" + mention.head, "dw:" + mention.head], same)
            if found is not None:
                return found
        part = _PART_OF.match(mention.name)
        if part is not None and mention.kind in {"document", "unattributed"}:
            # "the description on the website" after "the website": the same source
            whole = _key(part.group("whole"))
            found = look.first(["key:" + whole], lambda d: _key(d.name) == whole)
            if found is not None:
                return found
        if mention.definite and mention.plural and not mention.named:
            # "A group of physicians ... the physicians stated": the group is its members
            members = " of " + " ".join(mention.name.lower().split()[1:])
            near = mention.position - THING_WINDOW
            group = _one(
                look.among(
                    ["head:" + c for c in _COLLECTIVES],
                    lambda d: _indefinite_text(d.name) and d.name.lower().endswith(members),
                    near,
                )
            )
            if group is not None:
                return group
            if _bare_team(mention.name):
                # "the scientists asked ... say the researchers": one study's team under
                # its other names, when the page quotes one such team and no other
                team = _one(
                    look.among(
                        ["head:" + h for h in _STUDY_TEAMS],
                        lambda d: not d.named and _bare_team(d.name),
                    )
                )
                if team is not None:
                    return team
        if mention.head and mention.definite and mention.pronoun is None:
            # "a group of employees ... The group, WeWorkers Coalition, ...": the same group
            near = mention.position - ROLE_WINDOW
            earlier = _one(
                look.among(
                    ["head:" + mention.head],
                    lambda d: d.head == mention.head and _indefinite_text(d.name),
                    near,
                )
            )
            if earlier is not None:
                return earlier
        if _organization_role(mention):
            # "Acme Corp said ... the company said": the one organisation quoted just before
            near = mention.position - ROLE_WINDOW
            quoted = look.among(["named-organization"], _named_organization, near)
            if quoted or mention.antecedent is None:
                return _one(quoted)
            # none quoted nearby: "Stadia is Google's attempt ..., and the company has
            # promised": the organisation named before it in the paragraph
            key = _key(mention.antecedent)
            found = look.first(["key:" + key], lambda d: _key(d.name) == key)
            if found is not None:
                return found
            mention.kind, mention.named, mention.name = "organization", True, mention.antecedent
        return None

    def _title_holder(
        self, mention: Mention, look: _Scan | _DraftIndex
    ) -> SourceDraft | bool | None:
        """Who "the president" is when the page writes "President Trump".

        A bare "the <title>" whose title the page puts before a person's name
        is that person (the draft named so, when there is exactly one such
        name), not whoever's descriptor holds the word ("John Williams, the
        president of the Federal Reserve Bank"). False: several or none found
        (say nothing); None: the rule does not apply.
        """
        words = mention.name.lower().split()
        if mention.named or len(words) != 2 or words[0] != "the":
            return None
        names = self.titled.get(words[1])
        if not names:
            return None
        holders = {id(d): d for n in names if (d := self._named_person(n, look)) is not None}
        return next(iter(holders.values())) if len(holders) == 1 else False

    def _latest_subject(self, position: int) -> tuple[int, str, str | None] | None:
        """The last subject before ``position`` (the last in list order of those before it)."""
        cached = self._subject_starts
        if cached is None or cached[0] is not self.subjects or cached[1] != len(self.subjects):
            positions = [s[0] for s in self.subjects]
            ordered = all(a <= b for a, b in itertools.pairwise(positions))
            cached = self._subject_starts = (
                self.subjects,
                len(self.subjects),
                positions if ordered else None,
            )
        starts = cached[2]
        if starts is None or self.plain:
            earlier = [s for s in self.subjects if s[0] < position]
            return earlier[-1] if earlier else None
        at = bisect.bisect_left(starts, position)
        return self.subjects[at - 1] if at else None

    def _named_person(self, name: str, look: _Scan | _DraftIndex) -> SourceDraft | None:
        """The earlier person source named ``name`` (full name or surname), or None."""
        draft = look.first(
            ["pkey:" + name_parts(name)[1], "sur:" + name],
            lambda d: d.named and (same_person(name, d.name) or d.surname == name),
        )
        if draft is not None and draft.kind != "person":
            draft.kind, draft.surname = "person", name.split()[-1]
        return draft

    def _from_subject(self, mention: Mention) -> SourceDraft | None:
        if mention.pronoun not in PERSON_PRONOUNS:
            return None
        surname: str | None
        if mention.antecedent == "":
            return None  # the paragraph's subject is of the other gender: no one
        if mention.antecedent is not None:
            name, surname = mention.antecedent, mention.antecedent.split()[-1]
        else:
            before = mention.position
            if mention.subjects_before is not None:
                before = min(before, mention.subjects_before)
            subject = self._latest_subject(before)
            if subject is None:
                return None
            _, name, surname = subject
            if not name[:1].isupper():
                # "koalas may have to be reclassified" tagged as a person: a "he" two
                # paragraphs on is no koala; a name is written with a capital
                return None
        look = self._look(mention.position)
        found = look.earliest(
            ["pkey:" + name_parts(name)[1]],
            lambda d: d.kind == "person" and d.named and same_person(name, d.name),
        )
        pronoun = mention.pronoun
        if _titled_gender(self.titled, name) not in {"", _gender_of(pronoun)}:
            # "... and Prince Harry hitting out at the monarchy. ... she said": a "she"
            # is not the prince, whatever subject came last
            return look.first(
                ["personal"], lambda d: _personal(d) and d.gender == _gender_of(pronoun)
            )
        if found is not None and not agrees(found, pronoun):
            # "the actress ... McDowell laughed. ... “...,” she said": the last subject is a
            # "he"; the last source known as a "she" (none known: no one)
            return look.first(
                ["personal"], lambda d: _personal(d) and d.gender == _gender_of(pronoun)
            )
        if found is not None:
            return found
        draft = SourceDraft(len(self.drafts), "person", True, name, surname, "", False)
        self.drafts.append(draft)
        return draft

    def _new(self, mention: Mention) -> SourceDraft:
        draft = SourceDraft(
            index=len(self.drafts),
            kind=mention.kind,
            named=mention.named,
            name=mention.name,
            surname=mention.surname,
            head=mention.head,
            plural=mention.plural,
        )
        self.drafts.append(draft)
        return draft

    def _merge(self, draft: SourceDraft, mention: Mention) -> None:
        draft.mentions.append(mention.span)
        draft.last = max(draft.last, mention.position)
        if not draft.gender and draft.kind == "person":
            draft.gender = _gender_of(mention.pronoun) or _mention_gender(mention)
        if draft.kind == "document" and mention.kind != "document" and mention.named:
            # "a report from Kotak Institutional Equities" then "Kotak Institutional Equities
            # said": the source is the organisation that issued the report
            draft.kind, draft.name, draft.surname = mention.kind, mention.name, None
            draft.head, draft.plural, draft.named = mention.head, mention.plural, True
        if mention.named and not draft.named and draft.kind == mention.kind:
            draft.named, draft.name, draft.surname = True, mention.name, mention.surname
        longer = mention.named and len(mention.name) > len(draft.name)
        if longer and draft.kind == "person" and same_person(mention.name, draft.name):
            draft.name = mention.name
        if not draft.descriptor and mention.descriptor:
            draft.descriptor = list(mention.descriptor)
        if draft.reason is None and mention.reason is not None:
            draft.reason = mention.reason


#: How far back (characters) "the company" looks for the organisation it stands for.
ROLE_WINDOW = 600
#: How far back (characters) "it" looks for the organisation or document it stands for.
THING_WINDOW = 1500
#: Role nouns that stand for an organisation named just before ("the company said").
ORGANIZATION_ROLES = frozenset(
    {"agency", "airline", "automaker", "bank", "broadcaster", "brokerage", "business"}
    | {"carrier", "chain", "charity", "company", "conglomerate", "corporation", "firm"}
    | {"group", "insurer", "lender", "maker", "manufacturer", "network", "nonprofit"}
    | {"organisation", "organization", "publisher", "regulator", "retailer", "startup"}
    | {"studio", "utility", "watchdog"}
)
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "to", "at", "de"})
#: "the description on the website", "a statement from the ministry": a part of a source.
_PART_OF = re.compile(r"^(?:the|a|an)\s+\w+\s+(?:on|of|from|in)\s+(?P<whole>.+)$", re.IGNORECASE)
_ISSUER = re.compile(r"\b(?:from|by|of)\s+(?:the\s+)?(?P<issuer>[A-Z][^,;]*)$")


def _shorter(short: str, long: str) -> bool:
    """Whether ``short`` is the last words of ``long`` without its first ones ("prison records")."""
    few = [w for w in _name_words(short.lower()) if w not in {"the", "a", "an"}]
    many = [w for w in _name_words(long.lower()) if w not in {"the", "a", "an"}]
    return 0 < len(few) < len(many) and many[-len(few) :] == few


def _one(drafts: Iterable[SourceDraft]) -> SourceDraft | None:
    """The only draft of ``drafts``; None when there are none or several (precision first)."""
    found = {id(d): d for d in drafts}
    return next(iter(found.values())) if len(found) == 1 else None


def _surname_of(draft: SourceDraft) -> str | None:
    """The last word of a two- or three-word title-case name ("Ilse Marten"), else None."""
    words = draft.name.split()
    if not draft.named or not 2 <= len(words) <= 3 or draft.name.isupper():
        return None
    if not all(w.istitle() and w.lower() not in _FUNCTION_WORDS for w in words):
        return None
    return words[-1].lower()


def _named_organization(draft: SourceDraft) -> bool:
    return draft.named and draft.kind in {"organization", "group"} and _capitalized(draft.name)


def _capitalized(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split() if w.lower() not in {"the", "a", "an"})


def _organization_role(mention: Mention) -> bool:
    """ "the company", "the brokerage": a definite role noun with no name of its own."""
    return (
        mention.pronoun is None
        and not mention.plural
        and mention.head in ORGANIZATION_ROLES
        and _definite_text(mention.name)
        and not _capitalized(mention.name)
        and mention.kind != "person"
    )


def _same_organization(mention: Mention, draft: SourceDraft) -> bool:
    """One organisation under a short form, an acronym or as the issuer of a document.

    "WHO" and "the World Health Organization", "DOJ" and "Department of
    Justice", "the Fed" and "the Federal Reserve" (either order); "Kotak
    Institutional Equities" and "a report from Kotak Institutional Equities".
    """
    if draft.kind == "person" or not draft.name or not mention.name:
        return False
    if not _capitalized(mention.name) or not _capitalized(draft.name):
        return False
    ours, theirs = _issuer(mention.name), _issuer(draft.name)
    if (ours or theirs) and _key(ours or mention.name) == _key(theirs or draft.name):
        return (ours is None) != (theirs is None)
    if (ours is None) != (theirs is None):
        # "data from California ISO" and "the California Independent System Operator"
        first, second = ours or mention.name, theirs or draft.name
        return short_form(first, second) or short_form(second, first)
    return short_form(mention.name, draft.name) or short_form(draft.name, mention.name)


def _issuer(name: str) -> str | None:
    """ "Kotak Institutional Equities" for "a report from Kotak Institutional Equities"."""
    found = _ISSUER.search(name)
    if found is None:
        return None
    lead = name[: found.start()].split()
    if not lead or lead[-1].lower() not in DOCUMENT_NOUNS:
        return None
    return found.group("issuer")


_COUNTRY_PREFIXES = frozenset({"US", "UK", "EU", "UN", "NY"})


#: A short form that keeps the full name's first words and abbreviates the rest
#: ("California ISO" for "the California Independent System Operator").
_PREFIXED_ACRONYM = re.compile(
    r"(?:[Tt]he\s+)?(?P<lead>(?:[A-Z][a-z]+\s+){1,2})(?P<letters>[A-Z]{2,6})"
)


def _short_keys(short: str) -> set[str]:
    """What ``short`` offers as a short form: its acronym letters, or its clipped word."""
    letters = short.replace(".", "").strip()
    if re.fullmatch(r"(?:[Tt]he\s+)?[A-Z]{2,6}", letters):
        return {"A" + letters.split()[-1]}
    prefixed = _PREFIXED_ACRONYM.fullmatch(short.strip())
    if prefixed is not None:
        return {"P" + " ".join(prefixed.group("lead").split()) + " " + prefixed.group("letters")}
    clipped = re.fullmatch(r"[Tt]he\s+([A-Z][a-z]{2,})", short.strip())
    return {"C" + clipped.group(1)} if clipped is not None else set()


def _full_keys(full: str) -> set[str]:
    """The short forms :func:`short_form` can accept for ``full`` (a superset), as keys."""
    words = [w for w in re.findall(r"[\w&'’.-]+", full) if w]
    while words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2:
        return set()
    forms = [words, words[1:]] if words[0].replace(".", "") in _COUNTRY_PREFIXES else [words]
    keys = set()
    for form in forms:
        keys.add("A" + "".join(w[0] for w in form).upper())
        keys.add("A" + "".join(w[0] for w in form if w.lower() not in _FUNCTION_WORDS).upper())
    first = words[0]
    keys.update("C" + first[:k] for k in range(3, len(first)))
    for lead in (1, 2):
        rest = words[lead:]
        if len(rest) >= 2:
            keys.add("P" + " ".join(words[:lead]) + " " + "".join(w[0] for w in rest).upper())
    return keys


def short_form(short: str, full: str) -> bool:
    """Whether ``short`` is an acronym or a clipped form of the organisation name ``full``.

    An acronym (2-6 capitals, dots allowed) matches the initials of all words
    ("DOJ", Department of Justice) or of the words that are not function words
    ("WHO", the World Health Organization). A clipped form needs "the" and one
    word that starts the full name's first word ("the Fed", the Federal Reserve).
    """
    words = [w for w in re.findall(r"[\w&'’.-]+", full) if w]
    while words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2:
        return False
    letters = short.replace(".", "").strip()
    if re.fullmatch(r"(?:[Tt]he\s+)?[A-Z]{2,6}", letters):
        letters = letters.split()[-1]
        # "FDA" for "the U.S. Food and Drug Administration": a country prefix left out
        forms = [words, words[1:]] if words[0].replace(".", "") in _COUNTRY_PREFIXES else [words]
        found = set()
        for form in forms:
            found.add("".join(w[0] for w in form).upper())
            found.add("".join(w[0] for w in form if w.lower() not in _FUNCTION_WORDS).upper())
        return letters in found and _capitalized(full)
    prefixed = _PREFIXED_ACRONYM.fullmatch(short.strip())
    if prefixed is not None:
        lead = prefixed.group("lead").split()
        rest = words[len(lead) :]
        return (
            words[: len(lead)] == lead
            and len(rest) >= 2
            and "".join(w[0] for w in rest) == prefixed.group("letters")
        )
    clipped = re.fullmatch(r"[Tt]he\s+([A-Z][a-z]{2,})", short.strip())
    if clipped is None:
        return False
    first = words[0]
    return first.startswith(clipped.group(1)) and len(first) > len(clipped.group(1))


_MALE_PRONOUNS = frozenset({"he", "him", "his"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers"})
#: Honorifics and kinship or role words that give a person's gender.
_MALE_WORDS = frozenset(
    {"mr", "mr.", "son", "father", "husband", "brother", "man", "boy", "actor", "king"}
    | {"grandfather", "uncle", "nephew", "sir", "lord", "spokesman", "chairman", "dad"}
)
_FEMALE_WORDS = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "daughter", "mother", "wife", "sister", "woman"}
    | {"girl", "actress", "queen", "grandmother", "aunt", "niece", "lady", "spokeswoman"}
    | {"chairwoman", "mom", "mum", "businesswoman", "congresswoman"}
)


#: Titles that tell a person's gender where the page writes them before the name.
_MALE_TITLES = frozenset(
    {"prince", "king", "duke", "chairman", "spokesman", "congressman", "councilman"}
    | {"assemblyman", "pope", "sir", "lord", "emperor"}
)
_FEMALE_TITLES = frozenset(
    {"princess", "queen", "duchess", "chairwoman", "spokeswoman", "congresswoman"}
    | {"councilwoman", "assemblywoman", "dame", "lady", "empress"}
)


def _titled_gender(titled: dict[str, frozenset[str]], name: str) -> str:
    """ "m" or "f" when the page writes a gendered title before ``name`` ("Prince
    Harry", "Queen Rania"), "" when it writes none or both."""
    last = name.split()[-1] if name.split() else name

    def before(titles: frozenset[str]) -> bool:
        return any(n == name or n.split()[-1] == last for t in titles for n in titled.get(t, ()))

    male, female = before(_MALE_TITLES), before(_FEMALE_TITLES)
    if male == female:
        return ""
    return "m" if male else "f"


def _gender_of(pronoun: str | None) -> str:
    """ "m" for he/him/his, "f" for she/her/hers, "" otherwise."""
    if pronoun in _MALE_PRONOUNS:
        return "m"
    if pronoun in _FEMALE_PRONOUNS:
        return "f"
    return ""


def _mention_gender(mention: Mention) -> str:
    """The gender the mention's own words give ("Mr. Lee", "Steenburgen's son"), or ""."""
    words = set(
        re.findall(
            r"[a-z]+\.?", " ".join([mention.name, *(d for d, _ in mention.descriptor)]).lower()
        )
    )
    return _words_gender(words)


def _words_gender(words: set[str]) -> str:
    """ "m" or "f" when ``words`` (lower case) hold gendered words of one kind only."""
    male, female = bool(words & _MALE_WORDS), bool(words & _FEMALE_WORDS)
    if male == female:
        return ""
    return "m" if male else "f"


def agrees(draft: SourceDraft, pronoun: str | None) -> bool:
    """Whether "he"/"she" may stand for the draft: its gender is unknown or the pronoun's.

    Precision first: "the actress ... “...,” she said" after her son's quote
    must not go to the son, whom the page called "he".
    """
    wanted = _gender_of(pronoun)
    return not wanted or not draft.gender or draft.gender == wanted


def _personal(draft: SourceDraft) -> bool:
    """A source "he" or "she" can refer to (a one-word "organization" may be a surname)."""
    if draft.plural:
        return False
    if draft.kind == "person":
        return True
    return (
        draft.kind == "organization"
        and draft.named
        and draft.name.istitle()
        and (" " not in draft.name)
    )


@functools.lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    """The name compared across mentions; remembered, as ``Resolver._match`` asks it per source."""
    words = [w for w in re.findall(r"[\w'’.-]+", name.lower()) if w not in {"the", "a", "an"}]
    while len(words) > 1 and words[-1].rstrip(".,") in _COMPANY_SUFFIXES:
        words = words[:-1]  # "Apple Inc." is "Apple"
    return " ".join(w for w in words if w not in HONORIFICS)


_COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "lp", "ag", "sa", "nv"})


#: Lower-case words that belong to a surname ("van Loon", "de la Cruz", "bin Salman").
#: Words after a surname that are not the surname ("Jr.", "III").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
SURNAME_PARTICLES = frozenset(
    {"al", "abu", "bin", "ibn", "bint", "da", "das", "de", "del", "della", "den", "der", "des"}
    | {"di", "do", "dos", "du", "el", "la", "le", "st", "st.", "ter", "ten", "van", "von", "zu"}
)
_PREFIXED = re.compile(r"^(?:al|el|ad|an|ar|as|at|az|ash|ben|bin|ibn|abu|de|d|o|mc|mac)[-'’]", re.I)


@functools.lru_cache(maxsize=1 << 14)
def name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """A person's name as (given names, surname key), honorifics dropped, case folded.

    The surname runs from the first particle after the given names ("Pieter van
    Loon" -> "van loon") or is the last word; a possessive is dropped ("van
    Loon's"). Its key leaves out particles and an "al-" style prefix, so "van
    Loon", "Van Loon" and "Dr. van Loon" share "loon", and "al-Rashid" and
    "Rashid" share "rashid". A hyphenated given name ("Min-Jae") stays one word.
    """
    words = [w for w in name.replace("\u2019", "'").split() if w]
    words = [w[:-2] if w.lower().endswith("'s") else w.rstrip(",") for w in words]
    words = [w for w in words if w and w.lower() not in HONORIFICS]
    while len(words) > 1 and words[-1].lower().rstrip(".,") in NAME_SUFFIXES:
        words = words[:-1]  # "Martin Luther Quist Jr." -> surname "Quist"
    while len(words) > 2 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]  # "President Joe Biden"; "Dean Smith" keeps its given name
    if not words:
        return (), ""
    cut = len(words) - 1
    for i, word in enumerate(words[:-1]):
        if (i > 0 or len(words) == 2) and word.lower() in SURNAME_PARTICLES:
            cut = i
            break
    if words[0].lower() in SURNAME_PARTICLES:
        cut = 0
    surname = [w.lower() for w in words[cut:] if w.lower() not in SURNAME_PARTICLES]
    key = " ".join(_PREFIXED.sub("", w) for w in surname) or words[-1].lower()
    given = tuple(w.lower().rstrip(".") for w in words[:cut])
    return given, key


def same_person(first: str, second: str) -> bool:
    """Whether two names can be one person: the same surname key, given names compatible.

    Given names are compatible when one side has none ("Dr. van Loon"), or each
    given name of the shorter side matches the other's in order, in full or as an
    initial ("P. van Loon", "Pieter van Loon"; "P. J. Smith", "Peter Smith").
    """
    given_a, key_a = name_parts(first)
    given_b, key_b = name_parts(second)
    if not key_a or key_a != key_b:
        return False
    if not given_a or not given_b:
        return True
    if _suffix(first) != _suffix(second):
        return False  # "Martin Quist" and "Martin Quist Jr.": father and son
    short, long = sorted((given_a, given_b), key=len)
    if all(_given_match(a, b) for a, b in zip(short, long, strict=False)):
        return True
    # "López Obrador" after "Andrés Manuel López Obrador": the first part of a two-word
    # surname read as a given name
    return len(short) == 1 and len(long) >= 2 and short[0] == long[-1]


def _suffix(name: str) -> str:
    """The generational suffix ending a name ("jr" for "Martin Quist Jr."), or ""."""
    words = name.split()
    last = words[-1].lower().rstrip(".,") if len(words) > 1 else ""
    return last if last in NAME_SUFFIXES else ""


def _given_match(a: str, b: str) -> bool:
    if a == b:
        return True
    initials_a, initials_b = _initials(a), _initials(b)
    if len(a.replace(".", "")) <= 2 or len(b.replace(".", "")) <= 2:
        return (
            initials_a == initials_b[: len(initials_a)]
            or initials_b == initials_a[: len(initials_b)]
        )
    return False


def _initials(given: str) -> str:
    """'p' for "P.", 'pj' for "P.J." or "Pieter-Jan", 'p' for "Pieter"."""
    parts = [p for p in re.split(r"[.\-]", given) if p]
    if len(parts) == 1 and len(parts[0]) == 2 and "." not in given and "-" not in given:
        return parts[0]  # "PJ"
    return "".join(p[0] for p in parts)


def _indefinite_text(name: str) -> bool:
    first = name.split()[0].lower() if name.split() else ""
    return first in {"a", "an"}


def _definite_text(name: str) -> bool:
    first = name.split()[0].lower() if name.split() else ""
    return first in {"the", "this", "that"}


# duplicate safety net ---------------------------------------------------------
def _name_words(name: str) -> list[str]:
    """The words of a name without honorifics, edge punctuation or a possessive "'s"."""
    words = [w.strip(".,;:\"“”'’()") for w in name.split()]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    return [w for w in words if w and w.lower() not in HONORIFICS]


def merge_duplicates(
    drafts: Iterable[SourceDraft], people: frozenset[str] = frozenset()
) -> dict[int, SourceDraft]:
    """Sources to merge: draft index -> the draft it duplicates (a safety net after resolution).

    Precision first: a source merges only when exactly one other fits, and a
    source that absorbs another is never merged itself.

    - **The same name** (articles, honorifics and possessives aside) and the
      same kind, both named: the later joins the earlier ("Clinton's campaign"
      and "The Clinton campaign"). A one-word name that is a word of a PERSON
      entity on the page, read as a group, an organisation or unattributed
      ("Sanders" taken for a plural), joins the named person of that name.
    - **A short form**: a source of one capitalised word ("Okafor", "Veltra")
      joins a source of several words whose last word ("Ada Okafor") or first
      word it is (a person's given name, or a company's name before "Systems",
      "Inc." and the like) or, for a person of three or more words, a middle
      word ("Etienne" / "Camille Etienne Gbedey", a compound surname's first
      part) when the kinds agree; a one-word group, organisation
      or unattributed source that is a PERSON word joins the person with that
      surname ("Trump" / "Donald Trump"); a one-word person joins a two- or
      three-word title-case "organisation" with that last word ("Fiorina" /
      "Carly Fiorina", a person the entity recognizer missed). Either order.
    """
    pool = sorted({d.index: d for d in drafts}.values(), key=lambda d: d.index)
    by_key: dict[str, list[SourceDraft]] = {}
    for draft in pool:
        for key in _merge_keys(draft):
            by_key.setdefault(key, []).append(draft)
    out: dict[int, SourceDraft] = {}
    targets: set[int] = set()
    for short in pool:
        if short.index in targets:
            continue
        candidates = {d.index: d for key in _lookup_keys(short) for d in by_key.get(key, [])}
        found = [
            other
            for _, other in sorted(candidates.items())
            if other is not short and other.index not in out and _duplicate(short, other, people)
        ]
        if len(found) == 1:
            out[short.index] = found[0]
            targets.add(found[0].index)
    return out


def _merge_keys(draft: SourceDraft) -> set[str]:
    """Keys under which ``draft`` can be found as the other side of a duplicate.

    Its normalised name, and each word of its name (lower case) and its
    surname: :func:`_duplicate` only ever pairs equal normalised names or a
    one-word name with a word of the other's, so looking candidates up by
    these keys finds exactly the pairs a comparison of all pairs would (and
    keeps a page with hundreds of sources linear).
    """
    keys = {"name:" + _norm(draft.name)}
    keys.update("word:" + w.lower() for w in _name_words(draft.name))
    if (surname := _surname_of(draft)) is not None:
        keys.add("word:" + surname)
    return keys


def _lookup_keys(short: SourceDraft) -> set[str]:
    """The keys under which the sources ``short`` may duplicate are filed."""
    keys = {"name:" + norm} if (norm := _norm(short.name)) else set()
    words = _name_words(short.name)
    if len(words) == 1 and words[0][:1].isupper():
        keys.add("word:" + words[0].lower())
    return keys


#: Kinds a surname can be misread as ("Sanders" as a plural group).
_MISREAD = frozenset({"unattributed", "group", "organization"})


def _duplicate(short: SourceDraft, other: SourceDraft, people: frozenset[str]) -> bool:
    """Whether ``short`` is the same source as ``other`` (see :func:`merge_duplicates`)."""
    words = _name_words(short.name)
    one = words[0] if len(words) == 1 and words[0][:1].isupper() else None
    if _norm(short.name) and _norm(short.name) == _norm(other.name):
        if short.kind == other.kind:
            return short.named and other.named and other.index < short.index
        misread = one is not None and one in people and short.kind in _MISREAD
        return misread and other.kind == "person" and other.named
    return one is not None and _short_of(one, short, other, people)


def _norm(name: str) -> str:
    words = [w.lower() for w in _name_words(name)]
    return " ".join(w for w in words if w not in {"the", "a", "an"})


#: Words after a company's own name that leave it the same company ("Veltra Systems Inc.").
_CORPORATE = frozenset(
    {"inc", "corp", "corporation", "co", "company", "group", "ltd", "llc", "plc", "ag", "sa"}
    | {"holdings", "systems", "technologies", "motors", "international", "labs", "gmbh"}
)


def _short_of(word: str, short: SourceDraft, long: SourceDraft, people: frozenset[str]) -> bool:
    """Whether the one-word name ``word`` of ``short`` is a short form of ``long``."""
    long_words = [w.lower() for w in _name_words(long.name)]
    if len(long_words) < 2 or not long.named:
        return False
    same = long.kind == short.kind and short.named
    if same and word.lower() == long_words[-1]:
        return True
    if same and word.lower() == long_words[0]:
        # "Ada" for "Ada Okafor"; "Veltra" for "Veltra Systems Inc." but not "Washington"
        # for "Washington Post"
        return long.kind == "person" or all(w.strip(".") in _CORPORATE for w in long_words[1:])
    if same and long.kind == "person" and word.lower() in long_words[1:-1]:
        # "Etienne" for "Camille Etienne Gbedey", "Contreras" for "Luz Contreras Arroyo":
        # a compound surname's first part, or a middle name the page calls someone by
        return True
    if short.kind in _MISREAD and long.kind == "person" and long.named:
        return word.lower() == long_words[-1] and word in people  # "Trump" / "Donald Trump"
    if short.kind == "person" and short.named and long.kind == "organization":
        return _surname_of(long) == word.lower()  # "Fiorina" / "Carly Fiorina"
    return False


def absorb(target: SourceDraft, short: SourceDraft) -> None:
    """Merge the mentions, descriptor and reason of ``short`` into ``target``."""
    if target.kind == "organization" and short.kind == "person" and short.named:
        target.kind, target.surname = "person", target.name.split()[-1]  # "Carly Fiorina"
    target.mentions.extend(short.mentions)
    target.last = max(target.last, short.last)
    if not target.descriptor and short.descriptor:
        target.descriptor = list(short.descriptor)
    if target.reason is None and short.reason is not None:
        target.reason = short.reason


# one source under two names --------------------------------------------------
#: Nouns a page uses for the same kind of source ("the doctors" / "the physicians").
_SAME_NOUN = {"physician": "doctor", "survey": "poll"}
#: Nouns for a body of people before "of" ("A group of physicians").
_BODY_NOUNS = frozenset({"group", "team", "coalition", "panel", "association"})
#: Words that say a group is another one ("other doctors", "some firefighters").
_OTHER_WORDS = frozenset({"other", "another", "some", "many", "more", "several", "few", "most"})
_CAPITAL_WORD = r"[A-Z][\w’'.&-]*\s+"
_CAPITALIZED_RUN = rf"((?:{_CAPITAL_WORD}(?:(?:of|for|and|the)\s+)?)*{_CAPITAL_WORD})"
_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "a", "an"})
#: How far after a generic document its specific name may follow ("A poll ... The Newspoll survey").
_DOCUMENT_GAP = 300


def _noun(word: str) -> str:
    word = word.lower()
    return _SAME_NOUN.get(word, word)


def _first(draft: SourceDraft) -> int:
    return min((m.start for m in draft.mentions), default=0)


def _words(name: str) -> list[str]:
    return [w.lower() for w in _name_words(name)]


def _generic_head(draft: SourceDraft) -> str | None:
    """The noun of a definite two-word name ("the union", "The trust"), or None."""
    words = _words(draft.name)
    if len(words) != 2 or words[0] != "the" or not words[1].isalpha():
        return None
    if _name_words(draft.name)[1][:1].isupper():
        return None  # "the Guardian", "The Post": a name, not a generic noun
    return words[1]


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS).upper()


def _named_as(noun: str, text: str) -> set[tuple[str, ...]]:
    """The capitalised names the page gives a ``noun`` ("United Auto Workers union",
    "Citizens' Independent Transportation Trust"), as lower-case words without "the"."""
    found: set[tuple[str, ...]] = set()
    for match in re.finditer(_CAPITALIZED_RUN + rf"((?i:{noun})s?)\b", text):
        run, word = match.group(1), match.group(2)
        raw = list(re.finditer(r"\S+", run))
        ends = [i for i, w in enumerate(raw) if w[0][-1] in ".!?:" and len(w[0].strip(".")) > 3]
        if ends:  # "until September. The trust": the name starts after the sentence's end
            raw = raw[ends[-1] + 1 :]
        words = [w[0].lower().strip(".’'") for w in raw]
        before = text[: match.start() + raw[0].start()].rstrip(" ") if raw else ""
        if len(words) == 1 and (not before or before[-1] in '\n.!?"”:'):
            continue  # "After trust members ...": a sentence's first word, not a name
        while words and words[0] in _FUNCTION_WORDS:
            words = words[1:]
        if not words:
            continue
        if word[:1].isupper():
            words.append(noun)
        found.add(tuple(words))
    return found


def _names_organization(words: tuple[str, ...], noun: str, draft: SourceDraft) -> bool:
    """Whether the page's name ``words`` (for a ``noun``) is ``draft``'s name or acronym."""
    own = [w for w in _words(draft.name) if w not in {"the", "a", "an"}]
    if not own:
        return False
    if len(own) == 1 and own[0].isalpha() and draft.name.split()[-1].isupper():
        # "UAW" for the "United Auto Workers union", "EPA" for the "Environmental Protection Agency"
        return len(own[0]) >= 2 and own[0].upper() == _acronym(list(words))
    mine = set(own) - _FUNCTION_WORDS
    theirs = set(words) - _FUNCTION_WORDS
    return bool(mine) and bool(theirs) and (mine <= theirs or theirs <= mine)


#: Words that make a title another person's ("a former Treasury official").
_OTHER_TIME = frozenset({"former", "ex", "retired", "onetime", "then", "late", "another", "other"})


def _description_of(short: SourceDraft, named: SourceDraft) -> bool:
    """ "A DUP councillor" first, then "DUP Balmoral councillor Sarah Bunting": one part of
    the named person's title holds every word of the description and no "former"."""
    words = set(_words(short.name)) - _FUNCTION_WORDS
    if len(words) < 2 or short.head not in words:
        return False
    for part, _ in named.descriptor:
        title = {w.lower().strip(",.’'") for w in re.split(r"[\s-]+", part)}
        if words <= title and title & _OTHER_TIME <= words:
            return True
    return False


def merge_references(drafts: Iterable[SourceDraft], text: str) -> dict[int, SourceDraft]:
    """Sources to merge that one name refers back to or forward to (after :func:`merge_duplicates`).

    Precision first: a source merges only when exactly one other fits, the
    page's own words tie them, and a source that absorbs another is never
    merged itself.

    - **"the <noun>"** ("the union", "The trust") joins the one named
      organisation the page calls by that noun: every capitalised name the
      page puts before the noun ("the United Auto Workers union", "The
      Citizens' Independent Transportation Trust") must be that source's name,
      or spell its acronym ("the UAW"); a page naming two unions merges neither.
    - **A description, then the name** (delayed identification): a page whose
      first quoted source is an unnamed person introduced as "A DUP councillor"
      (two words or more, no reason for anonymity) joins it to the one named
      person, first mentioned later, one part of whose title or appositive
      holds all its words and no "former" ("DUP Balmoral councillor Sarah
      Bunting"; not "a Treasury official" in mid-page and "Scott Morris, a
      former Treasury official").
    - **A name inside a description**: an unnamed person whose description ends
      in a full name ("head Adam Mosseri", two title-case words or more) joins
      the one named person of that surname ("Mosseri").
    - **A body of people**: "the physicians" or "the doctors" join the one
      "A group of physicians" (a group, team, coalition ... of that noun).
    - **A generic document, then its name**: "A poll" joins the one document
      of that noun ("poll", "survey") named within a few sentences after it
      ("The Newspoll survey").
    """
    pool = sorted({d.index: d for d in drafts}.values(), key=lambda d: d.index)
    out: dict[int, SourceDraft] = {}
    targets: set[int] = set()

    def merge(short: SourceDraft, found: list[SourceDraft]) -> None:
        if len(found) == 1 and short.index not in targets and found[0].index not in out:
            out[short.index] = found[0]
            targets.add(found[0].index)

    for short in pool:
        others = [d for d in pool if d is not short and d.index not in out]
        noun = _generic_head(short)
        if noun is not None and short.kind in {"organization", "group"} and not short.plural:
            names = _named_as(noun, text)
            orgs = [
                d
                for d in others
                if d.kind == "organization"
                and d.named
                and _generic_head(d) is None
                and any(_names_organization(w, noun, d) for w in names)
            ]
            if len(orgs) == 1 and all(_names_organization(w, noun, orgs[0]) for w in names):
                merge(short, orgs)
            continue
        if noun is not None and short.plural and short.kind in {"group", "organization"}:
            bodies = [
                d
                for d in others
                if d.kind in {"group", "organization"}
                and not d.named
                and len(w := _words(d.name)) == 4
                and w[0] in {"a", "an"}
                and w[1] in _BODY_NOUNS
                and w[2] == "of"
                and _noun(w[3].removesuffix("s")) == _noun(short.head)
            ]
            merge(short, bodies)
            continue
        words = _words(short.name)
        if short.kind == "person" and not short.named and not short.plural:
            if words and words[0] in {"a", "an"} and short.reason is None:
                # the page opens on the description and names the person later
                opens = _first(short) == min(_first(d) for d in pool)
                people = [
                    d
                    for d in others
                    if d.kind == "person"
                    and d.named
                    and opens
                    and _first(d) > _first(short)
                    and _description_of(short, d)
                ]
                merge(short, people)
                continue
            tail = list(itertools.takewhile(str.istitle, reversed(_name_words(short.name))))
            full = [
                d
                for d in others
                if d.kind == "person"
                and d.named
                and len(tail) >= 2
                and len(tail) < len(words)
                and d.surname is not None
                and d.surname.lower() == tail[0].lower()
            ]
            merge(short, full)
            continue
        if short.kind == "document" and not short.named and words[:1] in (["a"], ["an"]):
            named = [
                d
                for d in others
                if d.kind == "document"
                and d.named
                and len(words) == 2
                and _noun(d.head) == _noun(short.head)
                and 0 < _first(d) - _first(short) <= _DOCUMENT_GAP
            ]
            merge(short, named)
    return out
