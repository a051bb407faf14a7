"""Learned content boundaries: a linear-chain CRF that re-draws a rule-found quote's content.

The rules (:mod:`newsift.attribution.quotes`) find a cue, its speaker and a
content; the content's edges are where they most often disagree with PolNeAR
(a final period, a clause too many or too few). This module tags the tokens of
the sentences around the cue ``O`` / ``B`` / ``I`` with a first-order CRF whose
features say where each token lies relative to the cue, the speaker, the
rule's content and the quotation marks, and what the parse says of it; the
tagged segment that overlaps the rule's content most (else the one nearest the
cue) becomes the content. Where the model tags nothing, the rule's content stays.

The weights were learned with CRFsuite (``python -m training.spans``) and
ship as ``attribution-spans-v1.npz`` (attribute names, a state-weight matrix,
a transition matrix); decoding is NumPy Viterbi here, with no CRFsuite at run time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsift.attribution.cues import SPEECH_VERBS
from newsift.document import Span
from newsift.models import ModelArrays, load_model

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

    from newsift.attribution.marks import QuotedSpan
    from newsift.attribution.quotes import Speech

MODEL_FILE = "attribution-spans-v1.npz"
LABELS = ("O", "B", "I")
VERSION = 1
_QUOTE_CHARS = frozenset("\"“”‘’'«»„`")
_ODD = re.compile(r"[\s:]")


def _word(text: str) -> str:
    """A word as an attribute value: no white space, no ':' (CRFsuite's weight separator)."""
    if _ODD.search(text) is None:
        return text
    if not text.strip():
        return "<sp>"
    return "".join("<c>" if c == ":" else "_" if c.isspace() else c for c in text)


def _bucket(distance: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20):
        if distance <= limit:
            return str(limit)
    return "far"


@dataclass(frozen=True, slots=True)
class Window:
    """The tokens a speech's content is looked for in: ``sdoc[start:end]``."""

    sdoc: SpacyDoc
    start: int
    end: int
    offset: int  # where the parsed paragraph starts in the text


def window(speech: Speech) -> Window | None:
    """The sentences of the cue and of the rule's content, when both are in the cue's paragraph."""
    cue = speech.cue_token
    content = speech.content
    if cue is None or content is None or speech.continued:
        return None
    sdoc = cue.doc
    offset = speech.offset
    if content.start < offset or content.end > offset + len(sdoc.text):
        return None
    first = sdoc.char_span(content.start - offset, content.end - offset, alignment_mode="expand")
    if first is None:
        return None
    start = min(cue.sent.start, first[0].sent.start)
    end = max(cue.sent.end, first[-1].sent.end)
    return Window(sdoc, start, end, offset)


def features(
    speech: Speech,
    where: Window,
    quoted: Sequence[QuotedSpan],
    cache: dict[int, list[str]] | None = None,
) -> list[list[str]]:
    """CRF attributes of each token of ``where`` for ``speech`` (binary, by name).

    ``cache`` keeps the speech-independent attributes of ``where.sdoc``'s tokens by index.
    """
    if cache is None:
        cache = {}
    sdoc = where.sdoc
    offset = where.offset
    cue = speech.cue_token
    assert cue is not None and speech.content is not None
    cue_lo = speech.cue.start - offset
    cue_hi = speech.cue.end - offset
    rc_lo = speech.content.start - offset
    rc_hi = speech.content.end - offset
    spk = (speech.speaker.start - offset, speech.speaker.end - offset) if speech.speaker else None
    first_char = sdoc[where.start].idx + offset
    last_char = sdoc[where.end - 1].idx + offset + len(sdoc[where.end - 1].text)
    quotes = [
        (q.start - offset, q.end - offset)
        for q in quoted
        if q.start < last_char and first_char < q.end
    ]
    cue_sent = cue.sent.start
    ccomp = {t.i for c in cue.children if c.dep_ in {"ccomp", "xcomp"} for t in c.subtree}
    below = {t.i for t in cue.subtree}
    branch = {t.i: c.dep_ for c in cue.children for t in c.subtree}
    cue_lemma = _word(cue.lemma_.lower())
    number_of: dict[int, int] = {}  # token index -> sentence number, over the window
    cue_number = 0
    for number, sent in enumerate(sdoc.sents):
        if sent.start == cue_sent:
            cue_number = number
        if sent.start < where.end and where.start < sent.end:
            for i in range(max(sent.start, where.start), min(sent.end, where.end)):
                number_of[i] = number
    first_i = max(0, where.start - 1)
    tokens = list(sdoc[first_i : min(len(sdoc), where.end + 1)])
    rows: list[list[str]] = []
    for i in range(where.start, where.end):
        token = tokens[i - first_i]
        lo = token.idx
        hi = lo + len(token.text)
        if hi <= cue_lo:
            side = "L"
            distance = cue.i - i
        elif lo >= cue_hi:
            side = "R"
            distance = i - cue.i
        else:
            side = "C"
            distance = 0
        in_rc = rc_lo <= lo and hi <= rc_hi
        rc = "in" if in_rc else ("before" if hi <= rc_lo else "after")
        if in_rc and (i == 0 or tokens[i - 1 - first_i].idx < rc_lo):
            rc = "first"
        elif in_rc and (i + 1 >= len(sdoc) or tokens[i + 1 - first_i].idx >= rc_hi):
            rc = "last"
        quoted_here = any(qs <= lo and hi <= qe for qs, qe in quotes)
        sent_rel = number_of[i] - cue_number
        row = [
            *(cache[i] if i in cache else cache.setdefault(i, static_attributes(token))),
            "side=" + side,
            "dist=" + side + _bucket(distance),
            "rc=" + rc,
            "rc|pos=" + rc + token.pos_,
            "rc|side=" + rc + side,
            "q=" + str(quoted_here),
            "sent=" + str(max(-2, min(2, sent_rel))),
            "below=" + str(i in below),
            "ccomp=" + str(i in ccomp),
            "br=" + branch.get(i, "-"),
            "br|rc=" + branch.get(i, "-") + rc,
            "cl|br=" + cue_lemma + branch.get(i, "-"),
            "spk=" + str(spk is not None and spk[0] <= lo and hi <= spk[1]),
        ]
        if token.head.i == cue.i:
            row.append("child_of_cue=" + token.dep_)
        rows.append(row)
    return with_boundaries(rows)


def static_attributes(token: Token) -> list[str]:
    """The attributes of a token that do not depend on the speech."""
    sdoc = token.doc
    i = token.i
    before = sdoc[i - 1] if i > 0 else None
    after = sdoc[i + 1] if i + 1 < len(sdoc) else None
    row = [
        "bias",
        "w=" + _word(token.lower_),
        "shape=" + token.shape_[:4],
        "pos=" + token.pos_,
        "tag=" + token.tag_,
        "dep=" + token.dep_,
        "hl=" + _word(token.head.lemma_.lower()),
        "pw=" + (_word(before.lower_) if before is not None else "<s>"),
        "nw=" + (_word(after.lower_) if after is not None else "</s>"),
        "pp=" + (before.pos_ if before is not None else "<s>"),
        "np=" + (after.pos_ if after is not None else "</s>"),
    ]
    if token.is_sent_start:
        row.append("sent_start")
    if token.is_sent_end:
        row.append("sent_end")
    if token.text in _QUOTE_CHARS or token.text in {"``", "''"}:
        row.append("qmark")
    if token.lemma_.lower() in SPEECH_VERBS:
        row.append("speech_verb")
    return row


def _clamp(value: int) -> str:
    return str(max(-4, min(4, value)))


def with_boundaries(rows: list[list[str]]) -> list[list[str]]:
    """``rows`` with each token's signed distance to the rule content's first and last token."""
    inside = [
        i for i, row in enumerate(rows) if "rc=in" in row or "rc=first" in row or "rc=last" in row
    ]
    if not inside:
        return rows
    first, last = inside[0], inside[-1]
    for i, row in enumerate(rows):
        pos = next((a for a in row if a.startswith("pos=")), "pos=")
        ds = _clamp(i - first)
        de = _clamp(i - last)
        row.extend(["ds=" + ds, "de=" + de, "ds|" + pos + ds, "de|" + pos + de])
        if "sent_end" in row:
            row.append("de|end" + de)
    return rows


def viterbi(emissions: NDArray[np.float64], transitions: NDArray[np.float64]) -> list[int]:
    """The best label sequence under per-token ``emissions`` [n, L] and ``transitions`` [L, L].

    Plain Python over the few labels: faster than NumPy calls per token here.
    """
    n = emissions.shape[0]
    if n == 0:
        return []
    size = emissions.shape[1]
    rows: list[list[float]] = emissions.tolist()
    moves: list[list[float]] = transitions.tolist()
    score = rows[0]
    back: list[list[int]] = []
    for row in rows[1:]:
        pointers = []
        new = []
        for to in range(size):
            best, value = 0, score[0] + moves[0][to]
            for fr in range(1, size):
                candidate = score[fr] + moves[fr][to]
                if candidate > value:
                    best, value = fr, candidate
            pointers.append(best)
            new.append(value + row[to])
        back.append(pointers)
        score = new
    path = [max(range(size), key=score.__getitem__)]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    path.reverse()
    return path


def segments(labels: Sequence[int]) -> list[tuple[int, int]]:
    """Half-open token ranges of the B/I runs (a B starts a new one)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, label in enumerate(labels):
        name = LABELS[label]
        if name == "O" or (name == "B" and start is not None):
            if start is not None:
                out.append((start, i))
            start = None if name == "O" else i
        elif start is None:
            start = i
    if start is not None:
        out.append((start, len(labels)))
    return out


@dataclass(frozen=True, slots=True)
class SpanModel:
    """State weights by attribute name, and label transitions."""

    index: dict[str, int]
    weights: NDArray[np.float64]  # [attributes, labels]
    transitions: NDArray[np.float64]  # [labels, labels]

    def emissions(self, rows: Sequence[Sequence[str]]) -> NDArray[np.float64]:
        index = self.index
        ids: list[int] = []
        owners: list[int] = []
        for i, row in enumerate(rows):
            for attribute in row:
                found = index.get(attribute)
                if found is not None:
                    ids.append(found)
                    owners.append(i)
        out = np.zeros((len(rows), len(LABELS)))
        np.add.at(
            out, np.array(owners, dtype=np.int64), self.weights[np.array(ids, dtype=np.int64)]
        )
        return out

    def tag(self, rows: Sequence[Sequence[str]]) -> list[int]:
        return viterbi(self.emissions(rows), self.transitions)

    def refine(self, speeches: Sequence[Speech], quoted: Sequence[QuotedSpan]) -> None:
        """Re-draw each speech's content in place (see the module's description)."""
        caches: dict[int, dict[int, list[str]]] = {}  # by id of the parsed paragraph
        for speech in speeches:
            where = window(speech)
            if where is None:
                continue
            cache = caches.setdefault(id(where.sdoc), {})
            labels = self.tag(features(speech, where, quoted, cache))
            content = choose(speech, where, segments(labels))
            if content is not None:
                speech.content = content

    def save(
        self,
        path: Path,
        version: int = VERSION,
        extra: dict[str, NDArray[np.generic]] | None = None,
    ) -> None:
        """Write the model (and ``extra`` arrays) as a compressed npz, float32 weights."""
        names = sorted(self.index, key=self.index.__getitem__)
        arrays: dict[str, NDArray[np.generic]] = {
            "version": np.array(version),
            "labels": np.array(LABELS),
            "attributes": np.array(names),
            "weights": self.weights.astype(np.float32),
            "transitions": self.transitions.astype(np.float32),
            **(extra or {}),
        }
        np.savez_compressed(path, allow_pickle=False, **arrays)


def choose(speech: Speech, where: Window, found: Sequence[tuple[int, int]]) -> Span | None:
    """The segment overlapping the rule's content most, else the one nearest the cue.

    A segment that holds the speech's cue or speaker is chosen only where the
    rules' content held it too.
    """
    if not found or speech.content is None or speech.cue_token is None:
        return None
    sdoc = where.sdoc
    spans = []
    for lo, hi in found:
        first = sdoc[where.start + lo]
        last = sdoc[where.start + hi - 1]
        spans.append(Span(where.offset + first.idx, where.offset + last.idx + len(last.text)))
    rule = speech.content
    taken = [speech.cue] + ([speech.speaker] if speech.speaker is not None else [])
    # a content does not swallow its own cue or speaker, unless the rules' did
    # ("X, he said, Y": the extent of the clause around the cue)
    taken = [t for t in taken if not (rule.start < t.end and t.start < rule.end)]
    spans = [s for s in spans if not any(s.start < t.end and t.start < s.end for t in taken)]
    if not spans:
        return None

    def overlap(span: Span) -> int:
        return max(0, min(span.end, rule.end) - max(span.start, rule.start))

    best = max(spans, key=overlap)
    if overlap(best) > 0:
        return best
    cue = speech.cue
    return min(spans, key=lambda s: min(abs(s.start - cue.end), abs(cue.start - s.end)))


def _build(data: ModelArrays) -> SpanModel:
    return crf_from_arrays(data, VERSION)


def crf_from_arrays(data: ModelArrays, version: int) -> SpanModel:
    """The O/B/I CRF saved by :meth:`SpanModel.save` with ``version``; ValueError when not."""
    if int(data["version"]) != version or tuple(str(x) for x in data["labels"]) != LABELS:
        raise ValueError("unknown version or labels")
    names = [str(x) for x in data["attributes"]]
    weights = np.asarray(data["weights"], dtype=np.float64)
    transitions = np.asarray(data["transitions"], dtype=np.float64)
    if weights.shape != (len(names), len(LABELS)) or transitions.shape != (3, 3):
        raise ValueError(f"shapes {weights.shape} and {transitions.shape}")
    return SpanModel({name: i for i, name in enumerate(names)}, weights, transitions)


def load_span_model(path: Path | None = None) -> SpanModel:
    """The shipped content-boundary model (or the one at ``path``); ModelError when damaged."""
    return load_model(MODEL_FILE, path, _build)
