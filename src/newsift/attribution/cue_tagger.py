"""Learned cues: a linear-chain CRF that finds the attributions the rules missed.

The rules (:mod:`newsift.attribution.quotes`) know a lexicon of speech verbs
and a few phrases; PolNeAR also marks beliefs and intentions ("hopes",
"wants", "is confident that"), nominal cues ("his claim that") and verbs
outside the lexicon. This module tags the tokens of a sentence ``O`` / ``B`` /
``I`` for "cue" with a first-order CRF over speech-independent token
attributes (word, lemma, POS, dependency, head lemma, the cue lexicons the
word and its head belong to, its children's relations, its subject's kind,
quotation marks, position, and whether the rules already took it as a cue).

Only sentences holding a word whose lemma headed a cue in training (stored in
the model) that the rules left alone are tagged. Each tagged segment the rules
did not find, whose marginal probability of being a cue (forward-backward)
reaches the model's threshold, becomes a statement when the parse gives it a
speaker that can speak (subject, possessor, "by"/"from" object) and a content
(clausal complement, infinitive, object or prepositional object). These join
the rules' statements once the rules' quotations are attached
(:func:`add_learned`), and only where they touch none of the rules' cues,
contents or quotations, so the rules' finds stay as they were and a learned
cue never takes a quotation from its speaker; the content CRF
(:mod:`newsift.attribution.spans`) then re-draws their contents too.

PolNeAR counts beliefs, stances and acts ("hopes to", "supports", "refused to")
as attributions; a page audit counts what sources said. The analyzer therefore
runs this model only with ``cue_model=True`` (see docs/analyzers/attribution.md).

The weights were learned with CRFsuite (``python -m training.cues``) and
ship as ``attribution-cues-v1.npz``; decoding is NumPy here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsift.attribution.cues import ACT_VERBS, BELIEF_VERBS, SPEECH_VERBS
from newsift.attribution.quotes import (
    Speech,
    _clause,
    _hypothetical,
    _phrase,
    _subject,
    _take_quotations,
    _to_author,
    drop_nested,
    not_speech,
)
from newsift.attribution.spans import (
    SpanModel,
    _bucket,
    _word,
    crf_from_arrays,
    segments,
    static_attributes,
    viterbi,
)
from newsift.attribution.speakers import can_speak, is_dateline, says_nothing
from newsift.document import Span
from newsift.models import ModelArrays, load_model

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from newsift.attribution.marks import QuotedSpan

MODEL_FILE = "attribution-cues-v1.npz"
VERSION = 1
#: Children relations worth an attribute of their own.
_KID_DEPS = frozenset(
    {"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "mark", "agent", "acl", "poss"}
    | {"aux", "auxpass", "neg", "prep", "acomp", "attr", "advcl", "parataxis", "prt"}
)
#: Prepositions whose object is what was said, believed or meant.
_CONTENT_PREPS = frozenset({"about", "on", "of", "for", "to", "against", "that"})
_SPEAKER_PREPS = frozenset({"by", "from", "among"})


def _lexicon(lemma: str) -> str:
    if lemma in SPEECH_VERBS:
        return "speech"
    if lemma in BELIEF_VERBS:
        return "belief"
    if lemma in ACT_VERBS:
        return "act"
    return "-"


def token_attributes(token: Token, rule: bool, quoted: bool) -> list[str]:
    """CRF attributes of one token: ``rule`` when the rules took it as a cue,
    ``quoted`` when it lies inside a quotation."""
    lemma = token.lemma_.lower()
    head = token.head
    head_lemma = head.lemma_.lower()
    lexicon = _lexicon(lemma)
    row = [
        *static_attributes(token),
        "l=" + _word(lemma),
        "lex=" + lexicon,
        "lex|pos=" + lexicon + token.pos_,
        "l|dep=" + _word(lemma) + token.dep_,
        "l|pos=" + _word(lemma) + token.pos_,
        "hlex=" + _lexicon(head_lemma),
        "hdep=" + head.dep_,
        "hpos=" + head.pos_,
        "ipos=" + _bucket(token.i - token.sent.start),
        "rule=" + str(rule),
        "q=" + str(quoted),
    ]
    kids = sorted({c.dep_ for c in token.children if c.dep_ in _KID_DEPS})
    row.extend("kid=" + dep for dep in kids)
    for child in token.children:
        if child.dep_ == "ccomp" and any(g.dep_ == "mark" for g in child.children):
            row.append("kid=that")
        elif child.dep_ == "prep":
            row.append("kidprep=" + _word(child.lower_))
        elif child.dep_ in {"nsubj", "nsubjpass"}:
            row.append("subj=" + child.pos_ + (child.ent_type_ or "-"))
    return row


def sentence_rows(
    sent: SpacySpan, rule: set[int], quoted: Sequence[tuple[int, int]]
) -> list[list[str]]:
    """The attributes of each token of ``sent`` (``rule``: token indices of rule cues;
    ``quoted``: character extents of quotations in the parsed paragraph)."""
    rows = []
    for token in sent:
        lo = token.idx
        inside = any(qs <= lo < qe for qs, qe in quoted)
        rows.append(token_attributes(token, token.i in rule, inside))
    if any(qs < sent.end_char and sent.start_char < qe for qs, qe in quoted):
        for row in rows:
            row.append("qsent")
    return rows


def marginals(
    emissions: NDArray[np.float64], transitions: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Per-token label probabilities [n, L] of a linear-chain CRF (forward-backward, log space)."""
    n, size = emissions.shape
    alpha = np.zeros((n, size))
    beta = np.zeros((n, size))
    alpha[0] = emissions[0]
    for t in range(1, n):
        scores = alpha[t - 1][:, None] + transitions
        alpha[t] = np.logaddexp.reduce(scores, axis=0) + emissions[t]
    for t in range(n - 2, -1, -1):
        scores = transitions + (emissions[t + 1] + beta[t + 1])[None, :]
        beta[t] = np.logaddexp.reduce(scores, axis=1)
    total = np.logaddexp.reduce(alpha[-1])
    return np.asarray(np.exp(alpha + beta - total), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A tagged cue segment: token range in the parsed paragraph and its probability."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class CueTagger:
    """The CRF, the lemmas that open a sentence to tagging, and the confidence threshold."""

    crf: SpanModel
    lemmas: frozenset[str]
    threshold: float

    def candidates(
        self, sdoc: SpacyDoc, quoted: Sequence[tuple[int, int]], rule: set[int]
    ) -> list[Candidate]:
        """Tagged cue segments of ``sdoc`` that share no token with a rule cue."""
        found: list[Candidate] = []
        for sent in sdoc.sents:
            if not any(t.lemma_.lower() in self.lemmas and t.i not in rule for t in sent):
                continue
            rows = sentence_rows(sent, rule, quoted)
            emissions = self.crf.emissions(rows)
            labels = viterbi(emissions, self.crf.transitions)
            pieces = segments(labels)
            pieces = [
                (lo, hi)
                for lo, hi in pieces
                if not any(sent.start + i in rule for i in range(lo, hi))
            ]
            if not pieces:
                continue
            cue_probability = 1.0 - marginals(emissions, self.crf.transitions)[:, 0]
            for lo, hi in pieces:
                probability = float(cue_probability[lo:hi].min())
                found.append(Candidate(sent.start + lo, sent.start + hi, probability))
        return found

    def __call__(
        self,
        sdoc: SpacyDoc,
        offset: int,
        paragraph: int,
        quoted: Sequence[QuotedSpan],
        rule: list[Speech],
    ) -> list[Speech]:
        """Statements for the confident cues of one parsed paragraph that the rules missed."""
        out: list[Speech] = []
        for probability, speech in self.scored(sdoc, offset, paragraph, quoted, rule):
            if probability >= self.threshold and not any(
                _overlaps(speech.cue, other.cue) for other in out
            ):
                out.append(speech)
        return out

    def scored(
        self,
        sdoc: SpacyDoc,
        offset: int,
        paragraph: int,
        quoted: Sequence[QuotedSpan],
        rule: list[Speech],
    ) -> list[tuple[float, Speech]]:
        """Every tagged cue's statement (see the module) that leaves the rules' alone,
        with the cue's probability."""
        end = offset + len(sdoc.text)
        here = [q for q in quoted if q.start <= end and offset < q.end]
        extents = [(q.start - offset, q.end - offset) for q in here]
        out: list[tuple[float, Speech]] = []
        for candidate in self.candidates(sdoc, extents, rule_tokens(sdoc, offset, rule)):
            speech = statement(sdoc, candidate, offset, paragraph, here)
            if speech is not None and not _clashes(speech, rule):
                out.append((candidate.probability, speech))
        return out


def rule_tokens(sdoc: SpacyDoc, offset: int, rule: Iterable[Speech]) -> set[int]:
    """Indices of the tokens of ``sdoc`` inside a rule statement's cue."""
    spans = [(s.cue.start - offset, s.cue.end - offset) for s in rule]
    return {t.i for t in sdoc if any(lo <= t.idx < hi for lo, hi in spans)}


def _overlaps(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def _clashes(speech: Speech, rule: Sequence[Speech]) -> bool:
    """Whether ``speech`` would touch a rule statement's cue or content."""
    assert speech.content is not None
    for other in rule:
        if _overlaps(speech.cue, other.cue) or _overlaps(speech.content, other.cue):
            return True
        if other.content is not None and _overlaps(speech.cue, other.content):
            return True
    return False


def add_learned(
    found: list[Speech], learned: list[Speech], left: list[QuotedSpan]
) -> tuple[list[Speech], list[QuotedSpan]]:
    """``found`` (the rules' statements, quotations attached) with the ``learned`` ones
    that touch none of their cues, contents or quotations, and the quotations
    ``left`` without a statement that none of those took."""
    theirs = {(q.start, q.end) for s in found for q in s.quotations}
    kept = [
        s
        for s in drop_nested(learned)
        if not _clashes(s, found) and not any((q.start, q.end) in theirs for q in s.quotations)
    ]
    mine = {(q.start, q.end) for s in kept for q in s.quotations}
    result = sorted([*found, *kept], key=lambda s: (s.content or s.cue).start)
    return result, [q for q in left if (q.start, q.end) not in mine]


def statement(
    sdoc: SpacyDoc,
    candidate: Candidate,
    offset: int,
    paragraph: int,
    quoted: Sequence[QuotedSpan],
) -> Speech | None:
    """The statement of a tagged cue: its speaker and content from the parse, or None."""
    tokens = sdoc[candidate.start : candidate.end]
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    cue = Span(offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text))
    if any(q.start <= cue.start < q.end for q in quoted):
        return None  # words inside someone's quotation
    speaker = speaker_of(root)
    content = content_of(root, inside)
    if speaker is None or not content or is_dateline(speaker):
        return None
    lemma = root.lemma_.lower()
    if not can_speak(speaker, lemma) or says_nothing(speaker, root) or _hypothetical(root):
        return None
    if lemma == "learn" or any(not_speech(t) for t in tokens):
        return None  # "the nation learned that": no speaker; "find said civilisation"
    if speaker.i in inside or any(t.i in inside for t in content):
        return None
    content_span = _clause(content, offset)
    if content_span is None:
        return None
    speech = Speech(cue=cue, paragraph=paragraph, content=content_span, offset=offset)
    speech.speaker_token = speaker
    speech.speaker = _phrase(speaker, offset)
    if _overlaps(speech.speaker, cue) or _overlaps(speech.speaker, content_span):
        return None
    speech.cue_token = root
    sentence = root.sent
    speech.sentence = Span(offset + sentence.start_char, offset + sentence.end_char)
    speech.colon = sentence.text.rstrip().endswith(":")
    speech.to_author = _to_author(root)
    _take_quotations(speech, quoted)
    return speech


def speaker_of(root: Token) -> Token | None:
    """Who holds the cue: a verb's subject, a noun's possessor or "by"/"from" object,
    or the subject of the verb a noun or adjective cue completes."""
    if root.pos_ in {"VERB", "AUX"}:
        return _subject(root)
    for child in root.children:
        if child.dep_ == "poss":
            return child
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in _SPEAKER_PREPS:
            found = next((g for g in child.children if g.dep_ == "pobj"), None)
            if found is not None:
                return found
    head = root.head
    if root.dep_ in {"dobj", "attr", "acomp", "oprd"} and head.pos_ in {"VERB", "AUX"}:
        return _subject(head)
    return None


def content_of(root: Token, cue: set[int]) -> list[Token]:
    """What was said, believed or meant: the cue's clause, infinitive, object or
    prepositional object (the first of these found), without the cue's own tokens."""
    children = [c for c in root.children if c.i not in cue]
    for deps in ({"ccomp"}, {"xcomp"}, {"acl"} if root.pos_ == "NOUN" else set()):
        for child in children:
            if child.dep_ in deps and child.i > root.i:
                return list(child.subtree)
    for child in children:
        if child.dep_ in {"dobj", "oprd"} and child.i > root.i:
            return list(child.subtree)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and child.i > root.i:
            found = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
            if found is not None:
                return list(found.subtree)
    prep = next((t for t in sorted(cue) if root.doc[t].dep_ == "prep"), None)
    if prep is not None:  # "reserved his passion for" + object
        found = next((g for g in root.doc[prep].children if g.dep_ == "pobj"), None)
        if found is not None:
            return list(found.subtree)
    return []


def _build(data: ModelArrays) -> CueTagger:
    crf = crf_from_arrays(data, VERSION)
    threshold = float(data["threshold"])
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold}")
    return CueTagger(crf, frozenset(str(x) for x in data["lemmas"]), threshold)


def save_cue_tagger(tagger: CueTagger, path: Path) -> None:
    """Write ``tagger`` as the npz :func:`load_cue_tagger` reads."""
    extra: dict[str, NDArray[np.generic]] = {
        "lemmas": np.array(sorted(tagger.lemmas)),
        "threshold": np.array(tagger.threshold, dtype=np.float32),
    }
    tagger.crf.save(path, VERSION, extra)


def load_cue_tagger(path: Path | None = None) -> CueTagger:
    """The shipped cue tagger (or the one at ``path``); ModelError when damaged."""
    return load_model(MODEL_FILE, path, _build)
