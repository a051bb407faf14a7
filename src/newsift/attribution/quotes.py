"""Attributed statements from a spaCy parse: cue, speaker, content.

Rules over the dependency parse of one paragraph at a time (Krestel et al.
2008 and Pareti 2016 describe the same family of rules):

- a **cue** is a verb whose lemma is in :data:`~newsift.attribution.cues.SPEECH_VERBS`
  ("said", "told", "warned", "pointed out") or the phrase "according to";
- its **speaker** is the verb's subject (``nsubj``), or for a participle or a
  second verb without one ("..., adding that", "paused and said") the subject
  of the verb it hangs from; for "according to X" it is X;
- its **content** is the verb's clausal complement (``ccomp``, with "that"), the
  object of verbs such as "announced" and "denied", or for "according to" the
  rest of its clause; a direct quotation that the content touches is taken
  whole, marks included (:mod:`newsift.attribution.marks`);
- a cue inside a direct quotation or inside another statement's content is
  not a statement of its own (nested attribution is left to the outer one).

Direct quotations that no cue reaches are attached afterwards
(:func:`attach_quotations`): to a cue in the same sentence that found no
content ("... ," he said), to a cue ending in a colon just before, or, for a
quotation that stands as a sentence of its own, to the statement just before
it in the same or the previous paragraph.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsift.attribution.cues import (
    ACCORDING,
    AS_CLAUSE_VERBS,
    ASKING_VERBS,
    AUTHOR_NOUNS,
    AUTHOR_WORDS,
    COMMISSIVE_VERBS,
    CUE_PARTICLES,
    CUE_VERBS,
    MEASURE_NOUNS,
    MEASURE_OF,
    MEASURE_VERBS,
    OBJECT_CONTENT_VERBS,
    PREP_CUES,
    SPEECH_VERBS,
    TALK_VERBS,
    outlet_key,
)
from newsift.attribution.marks import NAME, SCARE, QuotedSpan
from newsift.attribution.nonresponses import NONRESPONSE
from newsift.attribution.nouns import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    HONORIFICS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SELF_PRONOUNS,
)
from newsift.attribution.speakers import (
    EVIDENTIAL_VERBS,
    aside_tokens,
    can_speak,
    is_dateline,
    says_nothing,
    speaker_kind,
)
from newsift.document import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

_QUOTE_CHARS = "\"“”‘’'«»„"
_TRIM_PUNCT = ",;:—–-(["
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")
_NONRESPONSE_VERBS = frozenset({"respond", "reply", "comment", "answer", "return", "decline"})
_COLON_SPEAKER_TOKENS = 6
_NOT_SPEAKERS = frozenset(
    {"update", "updated", "note", "editor 's note", "editor ’s note", "editors note", "watch"}
    | {"photo", "photos", "video", "related", "read more", "source", "listen", "advertisement"}
    | {"share", "share this", "correction", "clarification", "disclosure", "background"}
    | {"question", "answer", "breaking", "exclusive", "analysis", "opinion", "see also", "more"}
    | {"full disclosure", "bottom line", "the bottom line", "example", "translation", "caption"}
)
#: First words of page furniture before a colon ("More AP NBA:", "Follow us:").
_FURNITURE_OPENERS = frozenset({"more", "follow", "subscribe", "sign", "click", "download", "get"})
_IN_SOURCES = frozenset({"poll", "survey", "word"})
#: A quotation of at most this many words around a speaker's head word is a name.
_NAME_WORDS = 6
_SAY_OBJECT = frozenset({"say", "write", "add", "reply", "answer"})
_REASON_PREPS = frozenset({"for", "of", "over"})
_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
_DOCUMENT_NOUNS = frozenset(
    {"figure", "data", "report", "statement", "study", "filing", "record", "document", "survey"}
)
#: Evidential participles that take the main clause's event as their subject.
_EVENT_PARTICIPLES = EVIDENTIAL_VERBS - {"suggest", "point"}
#: Relations that open a clause or phrase of its own: a fragment under one is not the cue's.
_OWN_CLAUSE = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "csubj", "nsubj", "nsubjpass"}
)
_SELF = frozenset({"itself", "themselves", "it", "this", "that", "what", "which"})
#: Cues that can take a name as their whole content ("calls itself “Open Roads”",
#: "wrote a book, “Roads to Nowhere”"): naming, not a statement.
_NAMING_CUES = frozenset({"call", "name", "dub", "title", "write", "label", "brand"})


@dataclass(slots=True)
class Speech:
    """One attribution found in a paragraph, before sources are resolved."""

    cue: Span
    paragraph: int
    speaker: Span | None = None
    speaker_token: Token | None = None
    content: Span | None = None
    to_author: bool = False
    quotations: list[QuotedSpan] = field(default_factory=list)
    sentence: Span | None = None
    colon: bool = False  # the cue's sentence ends in a colon ("He said:")
    continued: bool = False  # a quotation attached from an adjacent sentence
    offset: int = 0  # where the parsed paragraph starts in the text
    cue_token: Token | None = None
    names: list[QuotedSpan] = field(default_factory=list)  # quoted names inside the content
    #: kept for what the rules read (PolNeAR annotates it) but shown with no source: an
    #: evaluative act on a person only ("slammed Mr. DeSantis"), or an organisation that
    #: "has learned" ("The Associated Press has learned": the writer reporting)
    no_shown_source: bool = False

    @property
    def kind(self) -> str:
        if not self.quotations or self.content is None:
            return "indirect"
        if len(self.quotations) == 1:
            only = self.quotations[0]
            if (only.start, only.end) == (self.content.start, self.content.end):
                return "direct"
        return "mixed"


def find_speech(
    parsed: SpacyDoc,
    offset: int,
    paragraph: int,
    quoted: Sequence[QuotedSpan],
    outlets: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
) -> list[Speech]:
    """Attributions in one parsed paragraph; ``offset`` is its start in the text.

    ``outlets`` are the keys (:func:`~newsift.attribution.cues.outlet_key`) of
    the page's own outlet (site name, host): "told Gizmodo" on a Gizmodo page is
    said to the author. ``titles`` (:func:`colon_titles`) are words the page
    writes before a colon inside a title, never a speaker label.
    """
    found: list[Speech] = []
    if _furniture(parsed):
        return found  # "READ MORE: Why the bridge closed, according to engineers"
    end = offset + len(parsed.text)
    here = _meeting(quoted, offset, end)  # may hold this paragraph's cues
    for token in parsed:
        speech: Speech | None = None
        if token.lower_ == ACCORDING:
            speech = _according(token, offset, paragraph)
        elif token.lower_ == "in":
            speech = _in_document(token, offset, paragraph)
        elif token.pos_ == "VERB" and (token.lemma_.lower() in CUE_VERBS or _as_clause(token)):
            if not_speech(token):
                continue  # "only to find said civilisation", "denying flu vaccines to"
            speech = _verb(token, offset, paragraph, outlets)
        elif token.text == ":" and token.i <= _COLON_SPEAKER_TOKENS:
            speech = _colon(token, offset, paragraph, titles)
        if speech is None:
            continue
        if any(q.start <= speech.cue.start < q.end for q in here):
            continue  # words inside someone's quotation
        speaker = speech.speaker_token
        if speaker is not None and _quoted_name(speaker, offset, here):
            continue  # "The Corrs’ song “Breathless” doesn’t refer to": a title says nothing
        if speaker is not None and _quoted_at(speaker, offset, here):
            # "“... people who feel like they do not have a voice,” said Commissioner
            # Christine Elow" parsed with "people" as the subject: no word of a statement
            # in quotation marks is its speaker; say less
            speech.speaker = speech.speaker_token = speaker = None
        if token.text != ":" and _negated(token):
            continue  # "he did not disclose how large ...": nothing was said
        if token.text != ":" and speaker is not None and not can_speak(speaker, token.lemma_):
            continue  # "All of these developments show that ...": no one said it
        if token.lemma_.lower() == "learn" and speaker is not None and _learner(speaker):
            # "the nation learned that ...": the learner heard it; who said it is not given
            # ("The Post has learned" is the paper reporting, as PolNeAR reads it)
            speech.speaker = speech.speaker_token = speaker = None
        elif token.lemma_.lower() == "learn" and speaker is not None:
            # "The Associated Press has learned": an outlet (or agency) reporting its own
            # finding is the writer, never a source shown (guideline: the outlet itself)
            speech.no_shown_source = True
        if speaker is not None and _reader(speaker, token):
            # "He'd read that there were fires": he read it somewhere, he did not say it
            speech.speaker = speech.speaker_token = speaker = None
        if speaker is not None and is_dateline(speaker):
            if token.text == ":":
                continue  # "Washington, DC, United States: Getting to the Moon ..."
            speech.speaker = speech.speaker_token = speaker = None  # "BUFFALO, N.Y. — ..."
        if speaker is not None and token.text != ":" and says_nothing(speaker, token):
            continue  # "Voters could have shown they were tired": an act, not speech
        if token.text != ":" and _hypothetical(token):
            continue  # "As Sherlock would say, ...": no one said it here
        if speech.speaker is not None:
            speech.speaker = _whole_names(speech.speaker, here)
        speech.offset = offset
        speech.cue_token = token
        sentence = token.sent
        speech.sentence = Span(offset + sentence.start_char, offset + sentence.end_char)
        speech.colon = sentence.text.rstrip().endswith(":")
        _take_quotations(speech, quoted)
        if speech.names and _only_names(speech, token):
            continue  # "calls itself “Open Roads”": a name, not a statement
        if token.text != ":" and not speech.quotations and not _proposition(speech, token):
            continue  # "His doctor referred him", "dismissed a chest X-ray": no content
        if not speech.quotations and _topic_participle(token):
            # "Recalling the day Farrow learned of the affair, Allen writes: ...": what
            # he writes about; his words follow the main cue (PolNeAR keeps such cues)
            speech.no_shown_source = True
        found.append(speech)
    return found


#: Participles that name what a statement is about ("Describing a visit to ..., he adds:").
_TOPIC_PARTICIPLES = frozenset({"recall", "describe", "recount", "discuss", "outline", "detail"})


def _topic_participle(cue: Token) -> bool:
    """Whether ``cue`` is a participle clause that sets the topic of another cue's statement.

    "Recalling the day ..., Allen writes: “...”", "Describing a visit ..., he
    acknowledges ...": the object is an event or a thing, not words of his.
    """
    return (
        cue.tag_ == "VBG"
        and cue.dep_ == "advcl"
        and cue.lemma_.lower() in _TOPIC_PARTICIPLES
        and cue.head.pos_ == "VERB"
        and cue.head.lemma_.lower() in CUE_VERBS
        and not any(c.dep_ in {"ccomp", "xcomp"} for c in cue.children)
    )


#: Labels that open a caption or a link to another page ("Image caption ...").
_CAPTION_OPENERS = ("image caption", "media caption", "photo caption", "caption")
_LINK_LABELS = frozenset(
    {"read more", "read", "also read", "must read", "more", "watch", "related", "video", "videos"}
    | {"photo", "photos", "see also", "listen", "recommended", "trending", "image"}
    | {"credit", "photo credit", "image credit", "sponsored", "advertisement", "share"}
)


def _furniture(parsed: SpacyDoc) -> bool:
    """Whether the paragraph is a labelled link or caption: "WATCH: ...", "READ | ...".

    A label of at most three words (:data:`_LINK_LABELS`: *read more, watch,
    related, video, see also*, ...) before a colon, or a caption label, opens
    page furniture: the headline of another page or a picture's caption, whose
    "says" is no statement in this article.
    """
    text = parsed.text.lstrip()
    if text.lower().startswith(_CAPTION_OPENERS):
        return True
    label, colon, _ = text.partition(":")
    if not colon:  # "MUST READ | Thousands of Australians are calling for ..."
        label, colon, _ = text.partition("|")
    if not colon or len(label.split()) > 3:
        return False
    return " ".join(label.lower().split()) in _LINK_LABELS


def _quoted_name(speaker: Token, offset: int, quoted: Sequence[QuotedSpan]) -> bool:
    """Whether the speaker's head word lies inside a short quotation: a title or name.

    "The Corrs’ song “Breathless” probably doesn’t refer to a duvet", "“Oxy
    Pure” offers ...": the words in quotation marks name a work, a product or a
    place; they are not someone who speaks. A quotation of more than
    :data:`_NAME_WORDS` words is a statement, whose speaker is found elsewhere.
    """
    at = offset + speaker.idx
    text = speaker.doc.text
    for q in quoted:
        if q.start <= at < q.end:
            inner = text[max(q.inner.start - offset, 0) : max(q.inner.end - offset, 0)]
            return len(inner.split()) <= _NAME_WORDS
    return False


def _quoted_at(speaker: Token, offset: int, quoted: Sequence[QuotedSpan]) -> bool:
    """Whether the speaker's head word lies inside a quotation (a statement, by now)."""
    at = offset + speaker.idx
    return any(q.start <= at < q.end for q in quoted)


def _negated(cue: Token) -> bool:
    """Whether the cue is negated: "did not disclose how much", "would not say whether".

    A speech act that did not happen states nothing. A negated verb whose
    object is a quotation the speaker is said to have denied ("did not deny
    that") is as little a statement of its content.
    """
    doc = cue.doc
    return any(
        c.dep_ == "neg"
        and 0 < cue.i - c.i <= 3  # "did not disclose", "has not yet said"
        and not any(t.text in _CLOSING_MARKS for t in doc[c.i : cue.i])
        for c in cue.children
    )


#: A person cited is who said it ("citing an anonymous official"); a figure or a report
#: cited is what is said ("cited the figure"), as PolNeAR reads it.
_SOURCE_KINDS = frozenset({"person"})
#: Cues whose "to" object is what they answer, never what they say ("responding to the air
#: pollution"); with a clause or a quotation they still report words.
_ANSWER_VERBS = frozenset({"respond", "reply", "react"})


#: Subjects of "learned" that heard something rather than report it.
_AUDIENCES = frozenset({"nation", "country", "world", "public", "audience", "reader", "viewer"})


def _learner(speaker: Token) -> bool:
    """Whether the subject of "learned" is a person or the public: someone told, not telling."""
    if speaker.lemma_.lower() in _AUDIENCES:
        return True
    return speaker_kind(speaker) == "person" and speaker.pos_ != "PRON"


def _reader(speaker: Token, cue: Token) -> bool:
    """Whether a person "read that ...": what they read, not what they said.

    "He'd read that there were fires in the Amazon", "Residents read that the
    plant would close": the subject heard of it; who wrote it is not given. A
    document that reads ("The sign read ...") and a person reading a text out
    ("She read from the letter: ...", "read a statement") have no clause after
    "read" and stay statements.
    """
    if cue.lemma_.lower() != "read" or not any(c.dep_ == "ccomp" for c in cue.children):
        return False
    if speaker.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS | SELF_PRONOUNS:
        return True
    return speaker.lemma_.lower() in _AUDIENCES or speaker_kind(speaker) in {"person", "group"}


def not_speech(cue: Token) -> bool:
    """Whether a cue word is used here in a sense that reports no words.

    "only to find said civilisation had issues" (the adjective "said"), "is
    denying flu vaccines to immigrants" (withholding, not denying a claim),
    "officials are responding to the air pollution" (acting on it, with no
    clause or quotation of what they said).
    """
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    if _adjective_said(cue) or any(_adjective_said(c) for c in children):
        return True  # "only to find said civilisation had issues": no one said it
    to_object = any(c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to") for c in children)
    if lemma == "deny" and to_object and any(c.dep_ == "dobj" for c in children):
        return True
    if lemma == "cite" and any(
        c.dep_ == "dobj" and speaker_kind(c) in _SOURCE_KINDS for c in children
    ):
        return True  # "citing an anonymous government source": who said it, not what
    if lemma in _ANSWER_VERBS and to_object:
        said = any(c.dep_ in {"ccomp", "parataxis", "xcomp"} for c in children)
        quoted = any(mark in cue.sent.text for mark in ('"', "“", "”", "''"))
        return not said and not quoted
    return False


def _adjective_said(token: Token) -> bool:
    """Whether "said" is the adjective "the aforementioned": "to find said civilisation".

    A verb of saying is never the object of a verb or preposition, nor an
    attribute right before a noun; the legal "said X" is both.
    """
    if token.lower_ != "said" or token.i + 1 >= len(token.doc) or token.i == 0:
        return False
    following, before = token.doc[token.i + 1], token.doc[token.i - 1]
    if following.pos_ != "NOUN":
        return False
    # "to find said city had troubles": the word before is the verb or preposition
    return token.dep_ in {"dobj", "pobj", "amod", "compound"} or before.lemma_.lower() == "find"


def _hypothetical(cue: Token) -> bool:
    """Whether the cue reports speech that did not happen: a modal of possibility.

    "As Sherlock would say, ...", "Voters might say ...", "critics could argue
    that ...": the writer imagines the words. "would" alone is also a past
    habit or reported future ("he would say later that"), so it counts only in
    an "as"/"like"/"if" clause.
    """
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cue.children):
        return True  # "misdiagnosed if the person reports no birds": a condition
    modals = {c.lower_ for c in cue.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if modals & {"might", "could", "may"}:
        return True
    if modals & {"would", "'d"}:
        perfect = cue.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lower_ == "have" for c in cue.children
        )
        if perfect and any(c.dep_ == "advmod" and c.lower_ == "then" for c in cue.children):
            return True  # "would then have claimed that he was told": a counterfactual's outcome
        return any(c.dep_ == "mark" and c.lower_ in {"as", "like", "if"} for c in cue.children)
    return False


#: Relations of a verb that heads a clause of the content (not one inside a noun phrase).
_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "conj", "advcl", "parataxis", "csubj", "csubjpass"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
#: Cues whose prepositional object is a topic, never what was said ("joked about").
_TOPIC_ONLY = frozenset({"joke", "boast", "brag", "point"})
#: Verbs that describe their object ("called the decision a landmark judgment"): a
#: predicate after the object ("as flawed", "a landmark judgment") is a statement.
_DESCRIBING = frozenset(
    {"call", "describe", "label", "characterize", "characterise", "brand", "term", "dub"}
    | {"portray", "hail"}
)
#: Verbs of telling whose noun-phrase object is what was told or asked for
#: ("announced a recall", "mentioned the wall", "urged patience").
_FACT_VERBS = frozenset(
    {"announce", "report", "confirm", "deny", "disclose", "reveal", "acknowledge", "admit"}
    | {"concede", "predict", "promise", "pledge", "vow", "cite", "estimate", "recommend"}
    | {"propose", "demand", "allege", "claim", "declare", "tweet", "post", "mention"}
    | {"discuss", "repeat", "reiterate", "echo", "recall", "recount", "ask", "urge"}
    | {"question", "challenge", "advise", "inform", "warn", "describe", "talk", "speak"}
    | {"answer", "highlight"}
    # evaluative speech acts: the object is what is judged ("criticized the decision")
    | {"criticize", "criticise", "praise", "denounce", "condemn", "blame", "accuse", "defend"}
    | {"reject", "mock", "slam", "blast", "decry", "endorse", "applaud", "thank", "tout"}
)
#: Evaluative acts whose object may be only the person judged ("slammed Mr. DeSantis").
_EVALUATIVE = frozenset(
    {"criticize", "criticise", "praise", "denounce", "condemn", "blame", "defend", "reject"}
    | {"mock", "slam", "blast", "decry", "endorse", "applaud", "thank", "tout", "attack"}
)


def _only_a_person(words: Sequence[Token]) -> bool:
    """Whether ``words`` are one person's name and nothing else ("Mr. DeSantis")."""
    return any(t.ent_type_ == "PERSON" for t in words) and all(
        t.ent_type_ == "PERSON" or t.lower_ in HONORIFICS or t.lower_ + "." in HONORIFICS
        for t in words
    )


#: Verbs that also report figures: "reports earnings", "posted a loss", "added 2%".
_RESULT_VERBS = frozenset({"report", "post", "add", "announce"})
#: Nouns of a company's figures: the object of "reports", never a statement.
_RESULT_NOUNS = frozenset(
    {"earnings", "result", "results", "revenue", "revenues", "profit", "profits", "loss"}
    | {"losses", "sales", "income", "gain", "gains", "dividend", "figures", "numbers"}
)
#: Heads of a content that answer or refer back ("said so", "said the same of ...").
_ANSWER_WORDS = frozenset({"so", "yes", "no", "same", "otherwise", "nothing", "that", "this"})


def _proposition(speech: Speech, cue: Token) -> bool:
    """Whether the content (without quotation marks) states something.

    A clause does; so does the object of a verb of telling ("announced a
    recall", "criticized the decision", "called for an investigation", "called
    the ruling a landmark judgment"), an answer after a verb of saying ("half
    said so"), and a clause the cue takes ("urged the judge to give ...").
    What a verb of doing acted on does not: "His doctor referred him", "a
    radiologist dismissed a chest X-ray", "joked about Parise's penchant",
    "expressed confidence in the winger", "South Dakota says, 'Meth'"; nor a
    pronoun ("talking about it"), nor a participle that only describes a noun
    ("the companies reporting better-than-expected results"), nor a clause of
    pronouns and a cue ("He said, she said", "he told them").
    """
    content = speech.content
    if content is None:
        return True  # a quotation may still attach to it
    tokens = [
        t
        for t in cue.doc
        if content.start <= speech.offset + t.idx < content.end and not t.is_space
    ]
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return False
    inside = {t.i for t in tokens}
    lemma = cue.lemma_.lower()
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    if lemma in _SAY_OBJECT and root.lower_ in _ANSWER_WORDS:
        return True
    if lemma in _BEAT_VERBS and cue.tag_ == "VBZ" and _topic_only(cue, inside):
        return False  # "Dana Pike writes about technology for the Gazette": a beat, a bio
    if lemma == "refer" and not any(t.lower_ == "as" for t in [*words, *cue.children]):
        return False  # "referring to NASA's programme": what is meant, not what is said
    if lemma in _RESULT_VERBS and _quantity(root):
        return False  # "Lowe’s reports earnings Wednesday", "The stock added more than 2%"
    if all(t.pos_ in {"PRON", "DET"} for t in words):
        return False  # "talking about it", "referred him": a pronoun is no statement
    if lemma in _EVALUATIVE and _only_a_person(words):
        # "Ms. Haley slammed Mr. DeSantis", "endorsed Mohamed": whom, not what. PolNeAR
        # annotates such acts, so the statement stays; the display shows it with no source
        speech.no_shown_source = True
    # the content's head verb or a clause in it; a verb inside a noun phrase
    # ("better-than-expected results", "a report released Monday") is no clause
    verbs = [
        t
        for t in tokens  # "there’s no evidence": the "’s" is not alphabetic
        if t.pos_ in {"VERB", "AUX"} and (t.head.i not in inside or t.dep_ in _CLAUSE_DEPS)
    ]
    subjects = [t for t in tokens if t.dep_ in _SUBJECTS and t.head.i in inside]
    if verbs or subjects:  # "the ward was understaffed" is a clause on its subject
        # "He said, she said", "he told them": only pronouns around cues
        return any(
            not (t.pos_ == "VERB" and t.lemma_.lower() in CUE_VERBS)
            and t.pos_ not in {"PRON", "DET", "CCONJ", "SCONJ", "PART", "ADP"}
            for t in tokens
            if t.is_alpha or t.pos_ == "AUX"
        )
    if cue.dep_ == "acl":
        return False  # "the companies reporting in-line results": a description
    if any(c.dep_ in {"xcomp", "ccomp", "oprd"} for c in cue.children):
        return True  # "urged the judge to give me a fair sentence"
    if lemma in _DESCRIBING and (
        any(t.dep_ in {"oprd", "appos"} for t in words)
        or any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.children)
    ):
        return True  # "called the decision a landmark judgment", "described it as flawed"
    if lemma in _FACT_VERBS:
        return True
    if lemma in MEASURE_VERBS and _measurement(cue):
        return True  # "the study found no link between ...": a finding
    # "called for an investigation": what was asked for; a joke's topic is not
    preps = PREP_CUES.get(lemma, frozenset()) if lemma not in _TOPIC_ONLY else frozenset()
    return any(
        c.dep_ in {"prep", "prt"}
        and c.lower_ in preps
        and any(g.i in inside for g in c.children if g.dep_ in {"pobj", "pcomp"})
        for c in cue.children
    )


#: Verbs of a writer's beat in a bio ("writes about", "reports on", "covers").
_BEAT_VERBS = frozenset({"write", "report", "cover", "blog"})


def _topic_only(cue: Token, inside: set[int]) -> bool:
    """Whether the content is only the object of "about"/"on" after the cue: a topic."""
    return any(
        c.dep_ == "prep" and c.lower_ in {"about", "on"} and any(g.i in inside for g in c.subtree)
        for c in cue.children
    )


def _quantity(root: Token) -> bool:
    """Whether a content headed by ``root`` is a figure: "earnings", "more than 2%", "$2.53"."""
    if root.pos_ in {"VERB", "AUX"}:
        return False
    return (
        root.lower_ in _RESULT_NOUNS
        or root.pos_ == "NUM"
        or root.ent_type_ in {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
        or any(t.dep_ == "nummod" or t.text in {"%", "$"} for t in root.children)
    )


def _whole_names(speaker: Span, quoted: Sequence[QuotedSpan]) -> Span:
    """The speaker span with a quotation it cuts short taken whole.

    'Her book, “The Long Night,” argues': the speaker ends after the closing mark.
    """
    for quotation in quoted:
        if speaker.start < quotation.start < speaker.end < quotation.end <= speaker.end + 3:
            return Span(speaker.start, quotation.end)
    return speaker


def _only_names(speech: Speech, cue: Token) -> bool:
    """Whether a naming cue's content is a quoted name and a few words of no clause.

    "calls itself “Open Roads”", "wrote a book, “Roads to Nowhere”": naming. A
    person named by it ("called him “Little Marco”") is name-calling: a statement.
    """
    if cue.lemma_.lower() not in _NAMING_CUES or speech.content is None:
        return False
    if any(
        c.dep_ in {"dobj", "dative"} and (c.pos_ in {"PRON", "PROPN"} and c.lower_ not in _SELF)
        for c in cue.children
    ):
        return False
    names = [(q.start, q.end) for q in speech.names]
    rest = [
        t
        for t in cue.sent
        if speech.content.start <= speech.offset + t.idx < speech.content.end
        and not any(a <= speech.offset + t.idx < b for a, b in names)
        and t.is_alpha
    ]
    return len(rest) <= 3 and not any(t.pos_ in {"VERB", "AUX"} for t in rest)


def drop_nested(speeches: list[Speech]) -> list[Speech]:
    """Drop statements whose cue lies inside another statement's content.

    Contents sorted by start with the two furthest ends reached so far (from
    two different statements): a cue is inside another's content when the
    furthest end among contents starting at or before it, not counting its
    own statement, lies past it. n log n rather than n squared.
    """
    contents = sorted(
        ((s.content.start, s.content.end, id(s)) for s in speeches if s.content is not None),
        key=lambda c: c[0],
    )
    starts = [start for start, _, _ in contents]
    # reach[i]: furthest end, its statement, furthest end of another statement (contents[:i+1])
    reach: list[tuple[int, int, int]] = []
    best, owner, second = -1, 0, -1
    for _, end, who in contents:
        if who == owner and best >= 0:
            best = max(best, end)
        elif end > best:
            best, owner, second = end, who, best
        else:
            second = max(second, end)
        reach.append((best, owner, second))
    kept = []
    for speech in speeches:
        at = bisect.bisect_right(starts, speech.cue.start) - 1
        inside = False
        if at >= 0:
            best, owner, second = reach[at]
            inside = (best if owner != id(speech) else second) > speech.cue.start
        if not inside:
            kept.append(speech)
    return kept


def attach_quotations(
    text: str,
    speeches: list[Speech],
    quoted: Sequence[QuotedSpan],
    paragraphs: Sequence[Span],
) -> tuple[list[Speech], list[QuotedSpan]]:
    """Give each direct quotation no cue reached a statement, where one is near.

    Returns the statements (some new: continuations of an earlier speaker)
    and the quotations left without one. A quoted name is never attached nor
    left over. A short quotation in running syntax (a scare quote, "the
    “experts” who") is a speaker's only when a cue of its sentence reaches it;
    otherwise it is left over, and never stands alone: the writer's own.
    """
    taken = {(q.start, q.end) for s in speeches for q in s.quotations}
    orphans: list[QuotedSpan] = []
    result = list(speeches)
    sentences = _by_sentence(speeches)
    clause_ends = _by_clause_end(speeches)
    near = _SentenceIndex(speeches)
    for quotation in quoted:
        if (quotation.start, quotation.end) in taken or quotation.role == NAME:
            continue
        paragraph = _paragraph_of(paragraphs, quotation.start)
        if _thought(text, quotation):
            orphans.append(quotation)  # 'left to wonder: "what did we do?"': no one said it
            continue
        standalone = stands_alone(text, paragraphs, quotation)
        # a cue in the same sentence that found no content: "...," he said.
        host = _same_sentence_cue(result, quotation, paragraph, near)
        if host is not None and quotation.role == SCARE and quotation.end <= host.cue.start:
            host = None  # 'For "best performance", Google recommends ...': not its words
        if host is None:
            host = _colon_cue(result, quotation, paragraph)
        if host is not None:
            host.quotations.append(quotation)
            host.content = _union(host.content, quotation.span)
            taken.add((quotation.start, quotation.end))
            continue
        interrupted = _interrupted(text, result, quotation, clause_ends)
        opened = _speaker_right_after(text, [result[i] for i in near.near(quotation)], quotation)
        if standalone or interrupted is not None or opened is not None:
            before = interrupted or opened or _statement_before(result, quotation, paragraph)
            if before is not None:
                result.append(
                    Speech(
                        cue=before.cue,
                        paragraph=paragraph,
                        speaker=before.speaker,
                        speaker_token=before.speaker_token,
                        content=quotation.span,
                        to_author=before.to_author,
                        quotations=[quotation],
                        continued=True,
                        offset=before.offset,
                    )
                )
                taken.add((quotation.start, quotation.end))
                continue
        host = None if standalone else _fragment_host(_sharing(sentences, quotation), quotation)
        if host is not None:
            host.quotations.append(quotation)
            host.content = _union(host.content, quotation.span)
            continue
        orphans.append(quotation)
    result.sort(key=lambda s: (s.content or s.cue).start)
    return result, orphans


def _speaker_right_after(
    text: str, speeches: Sequence[Speech], quotation: QuotedSpan
) -> Speech | None:
    """The statement whose speaker follows the quotation's closing mark: '“A,” she said, “B.”'.

    The cue took the quotation after it ("B"); the one before it ("A"), closed
    by a comma, is the same speaker's, not a continuation of whoever spoke in
    the paragraph before. A quotation closed by a full stop ('“A.” Smith
    agreed: “B.”') is not.
    """
    if text[max(quotation.end - 2, 0) : quotation.end - 1] != ",":
        return None
    for speech in speeches:
        speaker = speech.speaker
        if speech.continued or speaker is None or not speech.quotations:
            continue
        after_cue = speech.quotations[0].start > speech.cue.start > quotation.end
        if after_cue and 0 <= speaker.start - quotation.end <= 3:
            return speech
    return None


def _by_sentence(speeches: Sequence[Speech]) -> tuple[list[int], list[list[Speech]]]:
    """Statements grouped by their sentence, sentences sorted by start."""
    groups: dict[int, list[Speech]] = {}
    for speech in speeches:
        if speech.sentence is not None:
            groups.setdefault(speech.sentence.start, []).append(speech)
    starts = sorted(groups)
    return starts, [groups[start] for start in starts]


def _sharing(
    sentences: tuple[list[int], list[list[Speech]]], quotation: QuotedSpan
) -> list[Speech]:
    """The statements of the sentence the quotation starts in (found by bisection)."""
    starts, groups = sentences
    at = bisect.bisect_right(starts, quotation.start) - 1
    if at < 0:
        return []
    return [s for s in groups[at] if s.sentence is not None and quotation.start < s.sentence.end]


def _fragment_host(speeches: Sequence[Speech], quotation: QuotedSpan) -> Speech | None:
    """The statement whose cue governs a quoted fragment its content missed.

    "He described the ruling as “deeply flawed”": the fragment lies in the
    clause of the cue "described" (its subtree), outside the speaker, so the
    words are his. The innermost such cue wins.
    """
    best: tuple[int, Speech] | None = None
    for speech in speeches:
        cue = speech.cue_token
        if cue is None or speech.continued or speech.speaker is None:
            continue
        if _in_speaker(speech, quotation) or quotation.start < speech.cue.end:
            continue  # the fragment must follow its cue, outside the speaker
        left = speech.offset + cue.left_edge.idx
        right = speech.offset + cue.right_edge.idx + len(cue.right_edge.text)
        if not (left <= quotation.start and quotation.end <= right + 2):
            continue
        inside = quotation.inner
        word = next(
            (t for t in cue.subtree if inside.start <= speech.offset + t.idx < inside.end), None
        )
        if word is not None and _governs(cue, word) and (best is None or right - left < best[0]):
            best = (right - left, speech)
    return best[1] if best is not None else None


def _governs(cue: Token, word: Token) -> bool:
    """Whether ``word`` hangs from ``cue`` through its object side, in no clause of its own."""
    token = word
    while token.i != cue.i:
        if token.dep_ in _OWN_CLAUSE or token.head.i == token.i:
            return False
        token = token.head
    return True


# verbs ---------------------------------------------------------------------
def _verb(
    token: Token, offset: int, paragraph: int, outlets: frozenset[str] = frozenset()
) -> Speech | None:
    if token.dep_ in {"amod", "compound", "nmod", "nummod", "xcomp"}:
        return None  # "xcomp": "declined to say", "wants to talk" report no statement
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return None  # "a class called “Perception”": the noun is what was named, not a speaker
    if _reduced_passive(token) and not _as_clause(token):
        return None  # "a bacteria usually found in small mammals", "Often called ..."
    if token.dep_ == "relcl" and not _non_restrictive(token):
        return None  # "voters who say ...": a definition of a group, not an attribution
    if NONRESPONSE.search(token.sent.text) and token.lemma_.lower() in _NONRESPONSE_VERBS:
        return None  # "did not respond to a request for comment"
    lemma = token.lemma_.lower()
    if lemma == "point" and not any(c.lower_ in {"out", "to"} for c in token.children):
        return None
    if any(c.dep_ in {"dobj", "dative"} and c.lower_ in _REFLEXIVES for c in token.children):
        return None  # "fans are asking themselves: ...", "told himself": a thought
    if lemma == "wonder" and not any(c.lower_ in {"aloud", "publicly"} for c in token.children):
        return None  # "Workers wonder: “Will we be next?”": a thought, unless wondered aloud
    if _event_participle(token, lemma):
        return None
    cue_tokens = _cue_tokens(token)
    content = _content(token, lemma, cue_tokens)
    if lemma not in SPEECH_VERBS and (
        (content is None and not _framing_quotation(token))
        or any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
    ):
        return None  # an act verb says nothing without its object; "to discuss" is a purpose
    speech = Speech(cue=_extent(cue_tokens, offset), paragraph=paragraph)
    speaker = _as_speaker(token) if _as_clause(token) else _subject(token)
    if speaker is not None:
        speech.speaker_token = speaker
        speech.speaker = _phrase(speaker, offset)
    if content is not None:
        speech.content = _clause(content, offset)
    speech.to_author = _to_author(token, outlets) or _told_author(token, speaker, outlets)
    return speech


_FREQUENCY = frozenset(
    {"usually", "often", "commonly", "typically", "normally", "generally", "frequently"}
    | {"sometimes", "mostly", "mainly", "rarely", "widely", "traditionally"}
)


#: A verb of thinking and a colon right before a quotation: a thought, not speech.
_THOUGHT = re.compile(
    r"\b(?:wonder(?:s|ed|ing)?|think(?:s|ing)?|thought|imagine[sd]?|ask(?:s|ed|ing)?"
    r"\s+(?:themselves|himself|herself|yourself|ourselves|myself))\b[^.!?:\n]{0,40}:\s*$",
    re.IGNORECASE,
)


def _thought(text: str, quotation: QuotedSpan) -> bool:
    """Whether a verb of thinking and a colon introduce the quotation.

    "The Carlyle Group will be left to wonder: "what did we do to deserve
    this?"": the writer imagines the words; they are no one's statement.
    """
    return _THOUGHT.search(text[max(0, quotation.start - 120) : quotation.start]) is not None


_REFLEXIVES = frozenset(
    {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"}
)
#: Closing quotation marks ("...,” Suter acknowledged").
_CLOSING_MARKS = frozenset({"”", '"', "’", "''"})


def _framing_quotation(token: Token) -> bool:
    """Whether the cue frames a quotation that ends right before its clause.

    "“It’s hard not to, though,” Suter acknowledged.": a verb of telling with
    no object ("acknowledged", "conceded", "confirmed") still reports the
    quotation before it.
    """
    if token.lemma_.lower() not in OBJECT_CONTENT_VERBS:
        return False
    first = min([token.i, *(c.left_edge.i for c in token.children if c.dep_ == "nsubj")])
    i = first - 1
    while i >= 0 and token.doc[i].text in {",", "—", "–"}:
        i -= 1
    return i >= 0 and token.doc[i].text in _CLOSING_MARKS and token.doc[i].i >= token.sent.start - 1


def _reduced_passive(token: Token) -> bool:
    """A past participle with no auxiliary: what is found, called or shown, not who says.

    "a bacteria usually found in small mammals", "Often called bird fancier's
    asthma, symptoms ...": the noun is what the verb acts on. The tagger
    also gives VBN to finite verbs ("Trump tweeted before Election Day"), so
    one with a subject counts only with an adverb of frequency, which marks
    the passive reading ("usually found", "often called").
    """
    if token.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} for c in token.children):
        return False
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return True
    return any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY for c in token.children)


def _event_participle(token: Token, lemma: str) -> bool:
    """An evidential participle whose understood subject is the event of its main clause.

    "President Varga's visit follows the talks, further highlighting that ...":
    what highlights is the visit (or the writer), not a speaker; the participle
    is not a cue for the main clause's subject or its possessor. A participle of
    saying ("..., adding that", "..., suggesting that", "pointing out") keeps
    the subject, and so does one hanging from a verb of speech ("She spoke for
    an hour, highlighting that ...").
    """
    if token.tag_ != "VBG" or lemma not in _EVENT_PARTICIPLES:
        return False
    if token.dep_ not in {"advcl", "xcomp", "conj", "acl", "pcomp"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return False
    head = token.head
    return head.i == token.i or head.lemma_.lower() not in CUE_VERBS


def _non_restrictive(token: Token) -> bool:
    """Whether a relative clause is set off by a comma ("Smith, who said", "“...,” who")."""
    first = token.left_edge.i
    doc = token.doc
    before = first - 1
    while before > 0 and doc[before].text in {"”", "’", '"', "''"}:
        before -= 1  # the comma inside a closing quotation mark: "a “Forum,” where"
    return before >= 0 and doc[before].text in {",", "—", "–", "("}


def _cue_tokens(token: Token) -> list[Token]:
    """The cue verb with its auxiliaries, negation, adverbs and particle ("has also said")."""
    tokens = [token]
    for child in token.children:
        if child.dep_ == "prt" and child.lower_ in CUE_PARTICLES and child.i == token.i + 1:
            tokens.append(child)
    left = {c.i: c for c in token.children if c.i < token.i and c.dep_ in _CUE_LEFT}
    i = token.i - 1
    while i in left:
        tokens.append(left[i])
        i -= 1
    last = max(tokens, key=lambda t: t.i)
    if last.i + 1 < len(token.doc) and token.doc[last.i + 1].text == ":":
        tokens.append(token.doc[last.i + 1])
    return tokens


def _content(token: Token, lemma: str, cue_tokens: list[Token]) -> list[Token] | None:
    """The tokens of what was said; may add a preposition to ``cue_tokens``."""
    if _as_clause(token):
        if lemma == "put":  # the cue is "put it"
            cue_tokens.extend(c for c in token.children if c.dep_ == "dobj")
        return _as_content(token)  # "As The Hill reported, Trump was also accused of ..."
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses:
        # "While ... (... have been announced), Early says there is ...": of two clauses
        # the parser hangs from the cue, the one after it is what was said
        after = [c for c in clauses if c.i > token.i]
        return list((after or clauses)[0].subtree)
    if lemma in MEASURE_VERBS and _measurement(token):
        finding = _finding(token)
        if finding is not None:
            return finding  # "a poll shows Sanders with 47 percent versus Clinton"
    if lemma in COMMISSIVE_VERBS:
        promised = _promised(token)
        if promised is not None:
            return list(promised.subtree)  # "has promised to build a wall"
    if lemma in _SAY_OBJECT:
        # "half said so", "he said yes", "three-quarters said the same"
        said = next(
            (
                c
                for c in token.children
                if c.i > token.i
                and (c.dep_ in {"dobj", "intj"} or (c.dep_ == "advmod" and c.lower_ == "so"))
            ),
            None,
        )
        if said is not None:
            return list(said.subtree)
    if lemma in OBJECT_CONTENT_VERBS:
        for child in token.children:
            if child.dep_ in {"xcomp", "ccomp"} and child.tag_ == "VBG" and child.i > token.i:
                return list(child.subtree)  # "recommends wiring the Chromecast to a LAN"
        objects = [c for c in token.children if c.dep_ in {"dobj", "oprd"} and c.i > token.i]
        before = any(c.dep_ == "dobj" and c.i < token.i for c in token.children)
        if objects and objects[0].dep_ == "oprd" and lemma == "call" and before:
            # "whom Moss called a “walking disaster”", without a relative clause of its own
            clauses = [c for c in objects[0].children if c.dep_ in {"relcl", "acl"}]
            skip = {t.i for c in clauses for t in c.subtree}
            return [t for t in objects[0].subtree if t.i not in skip]
        if objects and objects[0].dep_ == "dobj":
            # "criticized Rubio for opposing ...", "accused him of lying"
            objects += [
                c
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in _REASON_PREPS and c.i > objects[0].i
            ]
            return [t for o in objects for t in o.subtree]
    preps = PREP_CUES.get(lemma, frozenset())
    for child in token.children:
        if child.dep_ in {"prep", "prt"} and child.lower_ in preps and child.i > token.i:
            pobj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
            if pobj is not None:
                if child.i == max(t.i for t in cue_tokens) + 1:
                    cue_tokens.append(child)
                return list(pobj.subtree)
    if token.dep_ == "parataxis":
        # "X, he said, Y": what was said is the clause around the cue (its extent)
        own = {t.i for t in token.subtree}
        return [t for t in token.head.subtree if t.i not in own]
    return None


def _measurement(token: Token) -> bool:
    """Whether the verb's subject is a poll, survey, study or figures ("an average of polls")."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    head = subject.lemma_.lower()
    if head in MEASURE_OF:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        head = pobj.lemma_.lower() if pobj is not None else head
    return head in MEASURE_NOUNS


def _finding(token: Token) -> list[Token] | None:
    """What a measurement shows: its object and the words after it in the verb's clause.

    "shows Ted Cruz 16 points ahead of Trump in Indiana": the parser splits the
    finding among the verb's dependents, so everything the verb governs after
    its object is taken. None without a noun object ("shows it", "found that").
    """
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    if obj is None or obj.pos_ in {"PRON", "DET"}:
        return None
    return [t for t in token.subtree if t.i >= obj.left_edge.i]


def _promised(token: Token) -> Token | None:
    """The "to"-infinitive a verb of promising takes ("vowed to fight the ruling"), or None."""
    for child in token.children:
        # "vowed on Tuesday to fight the ruling": the parser may hang it as an adverbial
        if (
            child.dep_ in {"xcomp", "advcl"}
            and child.i > token.i
            and child.pos_ == "VERB"
            and any(g.dep_ == "aux" and g.tag_ == "TO" for g in child.children)
        ):
            return child
    return None


def _as_clause(token: Token) -> bool:
    """A verb of saying in an "as" clause that attributes its main clause.

    "As The Hill reported, Trump was also accused ...", "..., as Clinton
    supporters point out", "As Vulture put it, ...", "As reported by Western
    Journalism, ...". Not a clause with a complement or object of its own ("as
    he said goodbye", "as she told them she would": a time, or its own
    statement), nor one with no speaker of its own (the main clause's subject
    is never borrowed: "As reported by X, investigators found" is X's).
    """
    if token.dep_ != "advcl" or token.head.i == token.i:
        return False
    lemma = token.lemma_.lower()
    if lemma not in AS_CLAUSE_VERBS:
        return False
    kids = list(token.children)
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < token.i for c in kids):
        return False
    if any(c.dep_ in {"ccomp", "xcomp", "dative"} for c in kids):
        return False
    objects = [c.lower_ for c in kids if c.dep_ == "dobj"]
    if lemma == "put" and objects != ["it"]:
        return False  # only the idiom "as X put it"
    if lemma != "put" and objects:
        return False
    if lemma == "point" and not any(c.lower_ == "out" for c in kids):
        return False
    return _as_speaker(token) is not None


def _as_speaker(token: Token) -> Token | None:
    """The speaker of an "as" clause: its own subject, or its "by" agent's object."""
    for child in token.children:
        if child.dep_ == "nsubj":
            return child
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _as_content(token: Token) -> list[Token] | None:
    """The main clause an "as" clause attributes, without that clause.

    None when the main clause holds a statement of its own ("As the paper
    reported, Smith said that ..."): Smith's words stay Smith's.
    """
    own = {t.i for t in token.subtree}
    content = [t for t in token.head.subtree if t.i not in own]
    while content and content[0].dep_ in {"cc", "punct"} and content[0].head == token.head:
        content.pop(0)  # "But ..., as supporters point out": the conjunction links sentences
    for word in content:
        if word.lemma_.lower() in CUE_VERBS and any(c.dep_ == "ccomp" for c in word.children):
            return None
    return content


def _relative_before(subjects: Sequence[Token], last: Token) -> Token | None:
    """An earlier subject whose relative clause runs up to the last subject, or None."""
    for subject in subjects:
        if subject.i >= last.i:
            continue
        for clause in subject.children:
            relative = clause.dep_ in {"relcl", "acl"} and clause.i > subject.i
            if relative and clause.right_edge.i + 1 >= last.left_edge.i:
                return subject
    return None


def _subject(token: Token, depth: int = 0) -> Token | None:
    """The head word of the cue's speaker, or None.

    Of several subjects the parser splits one noun phrase into ("CPUC
    President Marybel Batjer said": "CPUC" and "Batjer"), the last before the
    cue is the phrase's head. A capitalised word the parser took for an adverb
    right before the cue is a surname ("..., Early says there is"); in "with
    the agency announcing ...", the agency announces.
    """
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if len(subjects) > 1 and all(c.i < token.i for c in subjects):
        last = max(subjects, key=lambda c: c.i)
        relative = _relative_before(subjects, last)
        if relative is not None:
            return relative  # "A spokesperson who did not wish to be named because of agency
            # policy said": the relative clause's last noun is no second subject
        if not is_dateline(last):
            return last
    for child in subjects:
        if not is_dateline(child):
            return child  # "BUFFALO, N.Y. — ..., coach Bruce Boudreau expressed": Boudreau
    if subjects:
        return subjects[0]
    for child in token.children:
        if child.dep_ == "intj" and child.i < token.i and _surname_as_interjection(child):
            return child  # "Min-Jae Oh told reporters": "Oh" parsed as an interjection
        if child.dep_ == "advmod" and child.i == token.i - 1 and _surname_as_adverb(child):
            return child  # "Early says": a surname that is also an adverb
    absolute = _absolute_subject(token)
    if absolute is not None:
        return absolute
    if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return token.head
    if depth < 3 and token.dep_ in {"advcl", "xcomp", "conj", "pcomp"}:
        head = token.head
        if head.pos_ in {"VERB", "AUX"} and head.i != token.i:
            return _subject(head, depth + 1)
    return None


def _surname_as_adverb(token: Token) -> bool:
    """A capitalised "adverb" inside a sentence, right before its cue ("..., Early says")."""
    return (
        token.text.istitle()
        and token.i > token.sent.start
        and not token.doc[token.i - 1].is_sent_start
        and token.doc[token.i - 1].text not in {"“", '"', "‘", "(", "—", "–"}
    )


def _absolute_subject(token: Token) -> Token | None:
    """The noun of "with <noun> <cue>ing" ("with the agency announcing an emergency")."""
    if token.tag_ != "VBG" or token.dep_ not in {"advcl", "acl"} or token.i == 0:
        return None
    noun = token.doc[token.i - 1]
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.pos_ in {"NOUN", "PROPN"}:
        return noun
    return None


def _surname_as_interjection(token: Token) -> bool:
    """A title-case "interjection" right after a given name ("Min-Jae Oh")."""
    return token.text.istitle() and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == token.i - 1 for c in token.children
    )


def _to_author(token: Token, outlets: frozenset[str] = frozenset()) -> bool:
    for child in token.children:
        if child.dep_ in {"dobj", "dative", "iobj"} and _is_author(child, outlets):
            return True
        if child.dep_ == "nsubj" and child.i > token.i and _is_author(child, outlets):
            return True  # "..., Buser tells The Hollywood Reporter": the outlet read as a subject
        if child.dep_ != "prep":
            continue
        if child.lower_ in {"to", "with"} and any(
            g.dep_ == "pobj" and _is_author(g, outlets) for g in child.children
        ):
            return True
        if child.lower_ in {"in", "during", "over"}:
            # "in an interview with me", "in an email to me", "during a call with this reporter"
            for noun in child.children:
                for prep in noun.children:
                    if (
                        prep.dep_ == "prep"
                        and prep.lower_ in {"with", "to"}
                        and _author_object(prep, outlets)
                    ):
                        return True
    return False


def _told_author(cue: Token, speaker: Token | None, outlets: frozenset[str] = frozenset()) -> bool:
    """Whether a clause around the cue or about its speaker says it was said to the writer.

    "A former diplomat, who spoke to me on the condition of anonymity ..., said":
    the relative clause, appositive or participle on the speaker ("Smith,
    speaking to me by phone, said"); a participle or "when I asked" clause on
    the cue ("Speaking to me from her office, Smith said"; "When I reached him,
    Smith said"); "spoke to me and said" (the cue joined to a verb of talking).
    Only verbs of talking or writing count, so "an official who knows me" does not.
    """
    if cue.dep_ == "conj" and _talked_to_author(cue.head, outlets):
        return True
    for child in cue.children:
        if child.dep_ == "advcl" and (
            _talked_to_author(child, outlets) or _author_asked(child, outlets)
        ):
            return True
    if speaker is None:
        return False
    holders = [speaker, *(c for c in speaker.children if c.dep_ == "appos")]
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ in {"relcl", "acl"} and any(
                _talked_to_author(t, outlets) for t in clause.subtree if t.pos_ in {"VERB", "AUX"}
            ):
                return True
    return False


def _talked_to_author(token: Token, outlets: frozenset[str] = frozenset()) -> bool:
    return token.lemma_.lower() in TALK_VERBS and _to_author(token, outlets)


def _author_asked(token: Token, outlets: frozenset[str] = frozenset()) -> bool:
    """ "When I asked him", "Asked by me whether ...": the writer put the question."""
    if token.lemma_.lower() not in ASKING_VERBS:
        return False
    for child in token.children:
        if child.dep_ == "nsubj" and child.lower_ in {"i", "we"}:
            return True
        if child.dep_ == "agent" and _author_object(child, outlets):
            return True
    return False


def _author_object(prep: Token, outlets: frozenset[str] = frozenset()) -> bool:
    return any(_is_author(g, outlets) for g in prep.children if g.dep_ == "pobj")


def _is_author(token: Token, outlets: frozenset[str] = frozenset()) -> bool:
    if token.lower_ in AUTHOR_WORDS:
        return True
    if outlets and token.pos_ == "PROPN":
        # "told Gizmodo", "told The Daily Ledger" on that outlet's own page
        doc = token.doc
        name = "".join(t.text_with_ws for t in doc[token.left_edge.i : token.i + 1])
        if outlet_key(name) in outlets:
            return True
    if token.lemma_.lower() not in AUTHOR_NOUNS:
        return False
    if any(c.lower_ in {"this", "your", "our"} for c in token.children):
        return True  # "this reporter", "your correspondent", "this newspaper"
    # "the author", "the writer" with nothing else ("the author of the report" is someone else)
    children = list(token.children)
    return (
        token.lemma_.lower() in {"author", "writer"}
        and len(children) == 1
        and children[0].lower_ == "the"
    )


# "Sanders: Endorsements prove ..." -------------------------------------------
def _colon(
    token: Token, offset: int, paragraph: int, titles: frozenset[str] = frozenset()
) -> Speech | None:
    """A paragraph that opens with a speaker and a colon (headlines, transcripts)."""
    doc = token.doc
    before = [t for t in doc[: token.i] if not t.is_space]
    after = [t for t in doc[token.i + 1 :] if not t.is_space]
    if not before or len([t for t in after if not t.is_punct]) < 2:
        return None
    if not before[0].text[:1].isupper() or any(t.pos_ in {"VERB", "AUX"} for t in before):
        return None
    if any(t.like_num for t in before) or _key(before) in _NOT_SPEAKERS:
        return None
    if before[0].lower_ in _FURNITURE_OPENERS or all(
        t.like_url or t.is_punct or t.is_stop for t in after
    ):
        return None  # "More AP NBA: https://apnews.com/NBA": page furniture, links
    if not any(t.pos_ in {"PROPN", "NOUN"} or t.text in {"Q", "A"} for t in before):
        return None
    head = doc[: token.i].root
    if not _colon_speaker(head):
        return None  # "Disclaimer:", "Brace yourself, Swifties:", "Washington, DC:"
    if head.lemma_.lower() not in _FINDINGS and not _statement_after_colon(after):
        return None  # "Elizabeth A. Burton: Possession of methamphetamine, ...": a list
    if " ".join(t.text for t in before) in titles:
        return None  # "Star Wars Jedi: Fallen Order is ...": the colon is inside a title
    speech = Speech(cue=_extent([token], offset), paragraph=paragraph)
    speech.speaker_token = head
    speech.speaker = _extent(before, offset)
    speech.content = _clause(after, offset)
    return speech


#: Labels whose headline states a finding with or without a verb ("Poll: Trump, Clinton tied").
_FINDINGS = frozenset({"poll", "survey", "study", "report", "analysis"})
#: Tags of a finite verb: what a statement after an opening colon needs.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_FIRST_SECOND = frozenset({"i", "we", "you", "me", "us", "my", "our"})


def _statement_after_colon(after: Sequence[Token]) -> bool:
    """Whether the words after an opening colon say something.

    A transcript line or a headline ("Sanders: Endorsements prove ...") has a
    finite verb, a first or second person or a quotation; a charge list
    ("Elizabeth A. Burton: Possession of methamphetamine, held in jail") or a
    shop heading ("New Release: Nintendo Switch Lite ... for $199") has none:
    a label and an item, not a speaker and words.
    """
    doc = after[0].doc if after else None
    return any(
        t.tag_ in _FINITE_TAGS
        or t.lower_ in _FIRST_SECOND
        or t.text in {"“", "‘"}
        # a straight mark before a word opens a quotation; before a number it is inches
        or (doc is not None and t.text == '"' and t.i + 1 < len(doc) and doc[t.i + 1].is_alpha)
        for t in after
    )


#: A title with a colon in it ("Star Wars Jedi: Fallen Order"), written inside a sentence.
_COLON_TITLE = re.compile(r"(?<=[^\n\s] )((?:[A-Z][\w'’-]*\s){0,4}[A-Z][\w'’-]*): [A-Z]")


def colon_titles(text: str) -> frozenset[str]:
    """Words before a colon that the page also writes inside a sentence, before a capital.

    "Even if ..., Star Wars Jedi: Fallen Order finds a reason": "Star Wars
    Jedi" is the first part of a title, so a paragraph opening "Star Wars
    Jedi: Fallen Order is game that ..." is no speaker label. Of the words
    before such a colon, every run of their last one to five is returned.
    """
    found: set[str] = set()
    for match in _COLON_TITLE.finditer(text):
        words = match.group(1).split()
        found.update(" ".join(words[i:]) for i in range(len(words)))
    return frozenset(found)


_COLON_NOUNS = PERSON_NOUNS | ANONYMOUS_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS | {"camp", "newspaper"}


def _colon_speaker(head: Token) -> bool:
    """Whether the words before an opening colon name a speaker.

    A person or organisation ("Sanders:", "NASA:"), a role, organisation or
    document noun ("The governor:", "Poll:", "Newspaper:"); a heading ("Brace
    yourself, Swifties:"), a disclaimer or a place ("Washington, DC:") is not.
    """
    for entity in head.doc.ents:
        if entity.start <= head.i < entity.end:
            return entity.label_ in {"PERSON", "ORG", "NORP", "WORK_OF_ART"}
    if head.pos_ == "PROPN":
        return True  # "Sanders:", "TAPPER:" the entity recognizer missed
    lemma = head.lemma_.lower()
    return head.text in {"Q", "A"} or lemma in _COLON_NOUNS


def _key(tokens: Sequence[Token]) -> str:
    return " ".join(t.lower_ for t in tokens)


# according to ---------------------------------------------------------------
#: Heads of "according to" that name someone's own words, not who said them.
_UTTERANCES = frozenset({"comment", "remark", "word", "transcript", "recording", "quote"})


def _according(token: Token, offset: int, paragraph: int) -> Speech | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    verb = token.head
    if (
        source.lemma_.lower() in _UTTERANCES
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in CUE_VERBS
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    ):
        # "According to leaked comments first appearing in the Daily Record, Sarwar
        # said ...": the comments are Sarwar's words; the verb is the cue, he the speaker
        return None
    return _phrase_cue(token, [token, to], source, offset, paragraph)


def _in_document(token: Token, offset: int, paragraph: int) -> Speech | None:
    """ "In a Gallup poll released Monday, 43 percent ...": the poll is the source."""
    if token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
        return None
    if token.head.lemma_.lower() in CUE_VERBS:
        return None  # "In a statement, the company said ...": the verb is the cue
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or source.lemma_.lower() not in _IN_SOURCES:
        return None
    if source.lemma_.lower() == "word" and not any(c.dep_ == "poss" for c in source.children):
        return None
    return _phrase_cue(token, [token], source, offset, paragraph)


def _phrase_cue(
    token: Token, cue_tokens: list[Token], source: Token, offset: int, paragraph: int
) -> Speech | None:
    """A prepositional cue: its object is the source, the rest of its clause the content."""
    cue = _extent(cue_tokens, offset)
    issuer = source
    if source.lemma_.lower() in _DOCUMENT_NOUNS:
        for prep in source.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                inner = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if inner is not None:
                    issuer = inner
    clause = token.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in {"VERB", "AUX"}:
        clause = token.sent.root
    own = {t.i for t in token.subtree}
    rest = [t for t in clause.subtree if t.i not in own]
    before = [t for t in rest if t.i < token.i]
    after = [t for t in rest if t.i > token.i]
    if before and after and _clause(before, offset) and _clause(after, offset):
        content = _clause(rest, offset)
    else:
        content = _clause(before or after, offset)
    speech = Speech(cue=cue, paragraph=paragraph, content=content)
    speech.speaker_token = issuer
    speech.speaker = _phrase(source, offset)
    return speech


# spans ---------------------------------------------------------------------
def _extent(tokens: Iterable[Token], offset: int) -> Span:
    items = sorted(tokens, key=lambda t: t.i)
    return Span(offset + items[0].idx, offset + items[-1].idx + len(items[-1].text))


def _phrase(token: Token, offset: int) -> Span:
    """The noun phrase of ``token``, without punctuation at its edges or a time aside.

    "Microsoft in 2017 announced": the speaker is "Microsoft" (:func:`aside_tokens`).
    """
    asides = aside_tokens(token)
    tokens = [t for t in token.subtree if not t.is_space and t.i not in asides]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in _QUOTE_CHARS:
        if tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
            break  # "Rep. Hank Johnson (D-Ga.)"
        tokens.pop()
    while tokens and tokens[0].is_punct and tokens[0].text not in _QUOTE_CHARS:
        tokens.pop(0)
    return _extent(tokens or [token], offset)


def _clause(tokens: list[Token], offset: int) -> Span | None:
    """The extent of ``tokens`` without edge punctuation or a final full stop."""
    items = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    while items and (items[0].text in _TRIM_PUNCT or items[0].text == "."):
        items.pop(0)
    while items and (
        items[-1].text in _TRIM_PUNCT or items[-1].text in {".", "..."} or items[-1].dep_ == "cc"
    ):
        items.pop()
    if not items:
        return None
    if all(t.is_punct for t in items):
        return None
    return _extent(items, offset)


def _union(first: Span | None, second: Span) -> Span:
    if first is None:
        return second
    return Span(min(first.start, second.start), max(first.end, second.end))


def _take_quotations(speech: Speech, quoted: Sequence[QuotedSpan]) -> None:
    """Give the speech the quotations its content meets, widening the content to hold them.

    One pass in list order; over quotations sorted by start it begins at the
    first that can reach the content and stops at the first starting past it.
    """
    if speech.content is None:
        return
    content = speech.content
    index = _quote_index(quoted)
    if index is None:
        first, stop = 0, False
    else:
        first, stop = bisect.bisect_right(index[1], content.start), True
    for at in range(first, len(quoted)):
        quotation = quoted[at]
        if stop and quotation.start >= content.end:
            break  # sorted by start: no later one meets the content
        if quotation.start < content.end and content.start < quotation.end:
            # a name in the content stays whole but is not what the speaker said
            (speech.names if quotation.role == NAME else speech.quotations).append(quotation)
            content = _union(content, quotation.span)
    speech.content = content


#: The last quotation list indexed by :func:`_quote_index`, with its index.
_QUOTE_INDEX: list[tuple[Sequence[QuotedSpan], tuple[list[int], list[int]] | None]] = []


def _quote_index(quoted: Sequence[QuotedSpan]) -> tuple[list[int], list[int]] | None:
    """Starts and running maximum of ends of ``quoted``, or None when not sorted by start.

    Kept for the last list asked about (a page's quotations are asked about once
    per paragraph and statement); the list is held so its identity stays its own.
    """
    last = _QUOTE_INDEX[0] if _QUOTE_INDEX else None
    if (
        last is not None
        and last[0] is quoted
        and (last[1] is None or len(last[1][0]) == len(quoted))
    ):
        return last[1]
    starts = [q.start for q in quoted]
    index: tuple[list[int], list[int]] | None = None
    if all(a <= b for a, b in itertools.pairwise(starts)):
        index = (starts, list(itertools.accumulate((q.end for q in quoted), max)))
    _QUOTE_INDEX[:] = [(quoted, index)]
    return index


def _meeting(quoted: Sequence[QuotedSpan], start: int, end: int) -> list[QuotedSpan]:
    """The quotations (in list order) with ``q.start <= end`` and ``start < q.end``."""
    index = _quote_index(quoted)
    if index is None:
        return [q for q in quoted if q.start <= end and start < q.end]
    starts, reach = index
    first, stop = bisect.bisect_right(reach, start), bisect.bisect_right(starts, end)
    return [q for q in quoted[first:stop] if start < q.end]


# attaching quotations -----------------------------------------------------------
def _paragraph_of(paragraphs: Sequence[Span], position: int) -> int:
    """The index of the first paragraph holding ``position``, or -1.

    Paragraphs sorted and apart (each ends by the next one's start) are found by
    bisection, others by a scan.
    """
    starts = _paragraph_starts(paragraphs)
    if starts is None:
        for index, paragraph in enumerate(paragraphs):
            if paragraph.start <= position < paragraph.end:
                return index
        return -1
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and paragraphs[index].start <= position < paragraphs[index].end:
        return index
    return -1


#: The last paragraph list indexed by :func:`_paragraph_starts`, with its starts.
_PARAGRAPH_INDEX: list[tuple[Sequence[Span], int, list[int] | None]] = []


def _paragraph_starts(paragraphs: Sequence[Span]) -> list[int] | None:
    """The paragraphs' starts if they are sorted and apart, else None (kept for the last list)."""
    last = _PARAGRAPH_INDEX[0] if _PARAGRAPH_INDEX else None
    if last is not None and last[0] is paragraphs and last[1] == len(paragraphs):
        return last[2]
    starts: list[int] | None = [p.start for p in paragraphs]
    if not all(a.end <= b.start for a, b in itertools.pairwise(paragraphs)) or starts != sorted(
        starts or []
    ):
        starts = None
    _PARAGRAPH_INDEX[:] = [(paragraphs, len(paragraphs), starts)]
    return starts


def stands_alone(text: str, paragraphs: Sequence[Span], quotation: QuotedSpan) -> bool:
    """Whether the quotation starts a sentence and runs to its end."""
    index = _paragraph_of(paragraphs, quotation.start)
    if index < 0:
        return False
    before = text[paragraphs[index].start : quotation.start]
    starts = not before.strip() or bool(_SENTENCE_END.search(before))
    inner = text[quotation.start : quotation.end].rstrip(_QUOTE_CHARS + " ")
    words = len(inner.split())
    return starts and words >= 2 and inner[-1:] in ".!?…,"


class _SentenceIndex:
    """Statements with a sentence, sorted by its start, to find those near a quotation."""

    def __init__(self, speeches: Sequence[Speech]) -> None:
        placed = sorted(
            (s.sentence.start, s.sentence.end, i)
            for i, s in enumerate(speeches)
            if s.sentence is not None
        )
        self.starts = [start for start, _, _ in placed]
        self.reach = list(itertools.accumulate((end for _, end, _ in placed), max))
        self.placed = placed

    def near(self, quotation: QuotedSpan) -> list[int]:
        """Indexes (ascending) of the statements whose sentence holds the quotation's
        first or last character or starts up to 2 characters after its end."""
        found: set[int] = set()
        for at in (quotation.end - 1, quotation.start):
            first = bisect.bisect_right(self.reach, at)
            for start, end, index in self.placed[first : bisect.bisect_right(self.starts, at)]:
                if start <= at < end:
                    found.add(index)
        low = bisect.bisect_left(self.starts, quotation.end)
        high = bisect.bisect_right(self.starts, quotation.end + 2)
        found.update(index for _, _, index in self.placed[low:high])
        return sorted(found)


def _same_sentence_cue(
    speeches: Sequence[Speech],
    quotation: QuotedSpan,
    paragraph: int = -1,
    sentences: _SentenceIndex | None = None,
) -> Speech | None:
    """The cue of the quotation's sentence that found no content, or of the next one.

    '"... missing.” Trump said.': the sentence right after the quotation, in the
    same ``paragraph``; in the next paragraph only a sentence that is no more
    than its speaker and cue ("Trump said."): a longer one is someone else's.
    ``sentences`` (an index of the first statements of ``speeches``; later ones
    must be continuations) limits the search to statements near the quotation.
    """
    best: Speech | None = None
    candidates: Iterable[Speech] = speeches
    if sentences is not None:
        candidates = [speeches[i] for i in sentences.near(quotation)]
    for speech in candidates:
        if speech.sentence is None or speech.continued:
            continue
        if speech.content is not None and not speech.quotations:
            continue  # an indirect statement with its own content
        if speech.content is not None and speech.quotations:
            continue
        if _in_speaker(speech, quotation):
            continue  # "The minister, whom Moss called a “...”, did not respond": Moss's words
        in_sentence = speech.sentence.start <= quotation.end - 1 < speech.sentence.end or (
            speech.sentence.start <= quotation.start < speech.sentence.end
        )
        if (
            not in_sentence
            and 0 <= speech.sentence.start - quotation.end <= 2
            and (paragraph < 0 or speech.paragraph == paragraph or _bare_cue(speech))
        ):
            # '"... missing.” Trump said.': the cue's sentence starts right after
            in_sentence = speech.cue.start - quotation.end < 60 or (
                # '"...?” He Jianxiong, the former executive director ..., said': the
                # sentence opens with the speaker of a cue that found no content
                speech.speaker is not None
                and 0 <= speech.speaker.start - quotation.end <= 2
                and speech.paragraph == paragraph
            )
        if not in_sentence:
            continue
        if best is None or abs(speech.cue.start - quotation.end) < abs(
            best.cue.start - quotation.end
        ):
            best = speech
    return best


def _bare_cue(speech: Speech) -> bool:
    """Whether the cue's sentence is only its speaker and cue.

    It ends with the cue ("Trump said.", "the official added.") or opens with
    it ("said Jane Doe, a spokeswoman for the agency.").
    """
    sentence = speech.sentence
    if sentence is None:
        return False
    return sentence.end - speech.cue.end <= 2 or speech.cue.start - sentence.start <= 1


def _in_speaker(speech: Speech, quotation: QuotedSpan) -> bool:
    """Whether the quotation sits inside the speaker phrase, around words not its own.

    A speaker whose head word lies inside the quotation is a misparse of the
    quotation itself ('“Like Oakland. Or Ferguson,” Trump said'), not a phrase
    that holds it.
    """
    speaker, head = speech.speaker, speech.speaker_token
    if speaker is None or not (speaker.start < quotation.end and quotation.start < speaker.end):
        return False
    if head is None:
        return True
    at = speech.offset + head.idx
    return not quotation.start <= at < quotation.end


def _interrupted(
    text: str,
    speeches: Sequence[Speech],
    quotation: QuotedSpan,
    clause_ends: dict[int, list[int]] | None = None,
) -> Speech | None:
    """The statement a quotation resumes: '"A," said Smith, "B."' gives B to Smith.

    ``clause_ends`` (from :func:`_by_clause_end` over the first statements of
    ``speeches``; later ones must be continuations) limits the search to
    statements whose clause ends a comma away from the quotation.
    """
    if clause_ends is None:
        candidates: Iterable[Speech] = speeches
    else:
        indexes = sorted(
            i for at in _comma_before(text, quotation.start) for i in clause_ends.get(at, ())
        )
        candidates = [speeches[i] for i in indexes]
    for speech in candidates:
        if not speech.quotations or speech.speaker is None or speech.continued:
            continue
        clause_end = max(speech.cue.end, speech.speaker.end)
        if clause_end > quotation.start or speech.quotations[-1].end > speech.cue.start:
            continue
        between = text[clause_end : quotation.start]
        if between.strip() in {",", ",\u00a0"} and "\n" not in between:
            return speech
    return None


def _by_clause_end(speeches: Sequence[Speech]) -> dict[int, list[int]]:
    """Indexes of the statements with a speaker, by where their cue and speaker end."""
    ends: dict[int, list[int]] = {}
    for index, speech in enumerate(speeches):
        if speech.speaker is not None:
            ends.setdefault(max(speech.cue.end, speech.speaker.end), []).append(index)
    return ends


def _comma_before(text: str, position: int) -> list[int]:
    """Every ``p`` where ``text[p:position]`` is a comma amid spaces (no line break)."""
    at = min(position, len(text))
    while at > 0 and text[at - 1].isspace() and text[at - 1] != "\n":
        at -= 1
    if at == 0 or text[at - 1] != ",":
        return []
    found = [at - 1]
    at -= 1
    while at > 0 and text[at - 1].isspace() and text[at - 1] != "\n":
        at -= 1
        found.append(at)
    return found


def _colon_cue(speeches: Sequence[Speech], quotation: QuotedSpan, paragraph: int) -> Speech | None:
    for speech in reversed(speeches):
        if speech.cue.start >= quotation.start:
            continue
        if speech.content is None and speech.colon and paragraph - speech.paragraph <= 1:
            return speech
        break
    return None


def _statement_before(
    speeches: Sequence[Speech], quotation: QuotedSpan, paragraph: int
) -> Speech | None:
    """The last statement before the quotation if it is in this or the previous paragraph."""
    previous = [s for s in speeches if (s.content or s.cue).end <= quotation.start]
    if not previous:
        return None
    last = max(previous, key=lambda s: (s.content or s.cue).end)
    if paragraph - last.paragraph > 1 or last.speaker is None:
        return None
    return last
