"""A learned display confidence for attributed quotes: say less when unsure.

Each quote the rules give a speaker gets a calibrated probability that the
speaker is right, from a logistic regression over cheap features of what the
rules already know (:func:`quote_features`): the cue's lemma and class,
quotation marks, the quote's kind, the speaker's kind and how it was found
(subject of the cue, apposition, a pronoun resolved to a name, a new source or
one seen before), the distance from cue to speaker, whether they share a
sentence, how often the source is mentioned and quoted, the content's length
and whether the speaker is one of spaCy's entities.

A quote under the model's display threshold keeps its confidence but loses
its speaker and source (it is shown as unattributed); a source left with no
quote is hidden (:func:`shown_sources`) and counted as ``excluded`` in the
sourcing profile. Weights, feature names and the threshold are in
``models/attribution-confidence-v1.npz`` (card beside it), trained by
:mod:`training.confidence` on PolNeAR train.

A source needs more than each quote's own confidence before it is shown
(:class:`DisplayPolicy`, on in the analyzer with the model): one of its
quotes at or over :data:`SOURCE_THRESHOLD`, a kind a reader can weigh (a
person, organisation, group or document, not a head the rules could not
place), and not an epithet first seen as a speaker ("the late neurologist",
"the automaker": a page's other way of naming someone it names elsewhere).
Every quote of a source that fails keeps its confidence and its speaker
phrase (the words the text gives, which PolNeAR scores) but links to no
source, so it is shown unattributed and the source is hidden. The
PolNeAR-trained model is right about 94% of the time on PolNeAR; on web pages
the rules had not been written on (the third audit dev batch, read before the
rules were fitted to it) its weak single-quote sources were wrong more often
than right, hence the stricter bar for a source than for one more quote of a
source already shown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

from newsift.attribution.cues import ACCORDING, ACT_VERBS, BELIEF_VERBS, SPEECH_VERBS, outlet_key
from newsift.attribution.nouns import ANONYMOUS_NOUNS
from newsift.models import damaged, load_arrays

if TYPE_CHECKING:
    from newsift.attribution.annotations import NonResponse, Source
    from newsift.attribution.quotes import Speech
    from newsift.attribution.sources import Mention, SourceDraft

MODEL_FILE = "attribution-confidence-v1.npz"

#: A source is shown only when one of its quotes reaches this confidence (its
#: other quotes need only the model's threshold). Chosen on the audit's dev pages:
#: see ``docs/analyzers/attribution.md`` ("Saying less").
SOURCE_THRESHOLD = 0.8

#: Kinds of source a reader can weigh (``unattributed``: a head the rules could not place).
SHOWN_KINDS = frozenset({"person", "organization", "group", "document"})

#: "Some of the residents", "all of them", a bare "Some" or "Others" after the people
#: they share out: a share of people, shown though unplaced.
PARTITIVE = re.compile(
    r"^(?:(?:all|both|few|half|many|most|none|several|some)\s+of\s+(?:the|them|those|these|us)\b"
    r"|(?:many|most|others|several|some)$)",
    re.IGNORECASE,
)

#: Heads a page uses for someone it does not name ("the man", "the spokeswoman"):
#: a definite description with one of these is a source of its own, not an epithet.
UNNAMED_PEOPLE = ANONYMOUS_NOUNS | frozenset(
    {"boy", "child", "driver", "girl", "man", "neighbor", "neighbour", "passenger"}
    | {"patient", "resident", "victim", "witness", "woman"}
)


class Scorer(Protocol):
    """What the analyzer needs of a confidence model (the trainer records through it)."""

    @property
    def threshold(self) -> float: ...

    def probability(self, features: Mapping[str, float]) -> float: ...


@dataclass(frozen=True)
class ConfidenceModel:
    """Logistic regression weights by feature name, and the display threshold."""

    names: tuple[str, ...]
    weights: NDArray[np.float64]
    bias: float
    threshold: float
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {name: i for i, name in enumerate(self.names)})

    def probability(self, features: Mapping[str, float]) -> float:
        """The calibrated probability that the quote's speaker is right."""
        index = self.index
        z = self.bias
        for name, value in features.items():
            at = index.get(name)
            if at is not None:
                z += float(self.weights[at]) * value
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_confidence_model(path: Path | None = None) -> ConfidenceModel:
    """The shipped model (or the one at ``path``); :class:`ModelError` when unusable."""
    arrays = load_arrays(MODEL_FILE, path)
    where = str(path) if path is not None else MODEL_FILE
    names = arrays["names"]
    weights = arrays["weights"]
    meta = arrays["meta"]  # bias, threshold
    if names.ndim != 1 or weights.shape != names.shape or meta.shape != (2,):
        raise damaged(where, "arrays of the wrong shape")
    if not np.all(np.isfinite(weights)) or not np.all(np.isfinite(meta)):
        raise damaged(where, "weights that are not finite")
    return ConfidenceModel(
        names=tuple(str(n) for n in names.tolist()),
        weights=weights.astype(np.float64),
        bias=float(meta[0]),
        threshold=float(meta[1]),
    )


def epithet(draft: SourceDraft, named_ends: Sequence[int] = ()) -> bool:
    """An unnamed "the <role>" speaker no earlier source took: most likely a second name.

    Journalists vary how they name a person or company they have named
    before ("Oliver Sacks ... the late neurologist", "Volkswagen ... the
    automaker"); when resolution found no earlier source for such a phrase,
    showing it as a source of its own makes a duplicate or credits the wrong
    person. So a definite description is an epithet when a person or
    organisation is named before its first mention (``named_ends``: sorted end
    positions of the page's PERSON and ORG entities). Generic heads for people a
    page does not name (:data:`UNNAMED_PEOPLE`: "the man", "the spokeswoman")
    and plural groups ("the doctors") are not epithets.
    """
    words = draft.name.split()
    first = min((span.start for span in draft.mentions), default=0)
    return (
        bool(named_ends)
        and named_ends[0] <= first
        and not draft.named
        and not draft.plural
        and draft.kind in {"person", "organization"}
        and bool(words)
        and words[0].lower() in {"the", "this", "that"}
        and draft.head not in UNNAMED_PEOPLE
        and words[-1].lower().strip(".,;:") not in UNNAMED_PEOPLE
    )


@dataclass(frozen=True)
class DisplayPolicy:
    """What a source needs, beyond each quote's own confidence, to be shown.

    ``source_threshold``: one of its quotes must reach it. The kind must be
    one of :data:`SHOWN_KINDS` (or the name a share of people, :data:`PARTITIVE`),
    the source must not be the page's own outlet and not an :func:`epithet`.
    """

    source_threshold: float = SOURCE_THRESHOLD

    def shown(
        self,
        draft: SourceDraft,
        best: float,
        named_ends: Sequence[int] = (),
        outlets: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether a source whose most confident quote scored ``best`` may be shown.

        ``outlets``: keys of the page's own outlet (``cues.outlet_keys``); the
        outlet is the writer ("Kaieteur News learnt that ..." on its own page),
        never a source.
        """
        placed = draft.kind in SHOWN_KINDS or bool(PARTITIVE.match(draft.name))
        own = outlet_key(draft.name) in outlets
        return (
            best >= self.source_threshold and placed and not own and not epithet(draft, named_ends)
        )

    def hidden_quotes(
        self,
        owner: Mapping[str, SourceDraft],
        scores: Mapping[str, float],
        weak: set[str],
        named_ends: Sequence[int] = (),
        outlets: frozenset[str] = frozenset(),
    ) -> set[str]:
        """The quote ids (of ``owner``, quote id -> source) of sources that may not be shown.

        ``weak`` are the quotes already under the model's threshold; they do not
        count as a source's evidence. ``named_ends``: see :func:`epithet`;
        ``outlets``: see :meth:`shown`.
        """
        best: dict[int, float] = {}
        drafts: dict[int, SourceDraft] = {}
        for quote_id, draft in owner.items():
            drafts[draft.index] = draft
            if quote_id in scores and quote_id not in weak:
                best[draft.index] = max(best.get(draft.index, 0.0), scores[quote_id])
        refused = {
            i for i, d in drafts.items() if not self.shown(d, best.get(i, 0.0), named_ends, outlets)
        }
        return {q for q, d in owner.items() if q in scores and d.index in refused}


def cue_class(lemma: str, colon: bool) -> str:
    """The cue's class: speech, act, belief, according, colon or other."""
    if lemma in {ACCORDING, "accord"}:
        return "according"
    if lemma in SPEECH_VERBS:
        return "speech"
    if lemma in ACT_VERBS:
        return "act"
    if lemma in BELIEF_VERBS:
        return "belief"
    return "colon" if colon else "other"


def quote_features(
    speech: Speech, mention: Mention, draft: SourceDraft, created: bool, quotes: int, text: str
) -> dict[str, float]:
    """The features of one attributed quote (names -> values; absent names are 0).

    ``mention`` is the speaker phrase as described, ``draft`` the source it
    resolved to, ``created`` whether that source was new at this mention and
    ``quotes`` how many quotes the source has on the page.
    """
    cue = speech.cue_token
    speaker = speech.speaker_token
    lemma = cue.lemma_.lower() if cue is not None else text[speech.cue.start : speech.cue.end]
    lemma = lemma.lower().strip()
    content = speech.content
    words = len(text[content.start : content.end].split()) if content is not None else 0
    out: dict[str, float] = {
        f"cue={lemma}": 1.0,
        f"cue_class={cue_class(lemma, speech.colon)}": 1.0,
        f"kind={speech.kind}": 1.0,
        f"mention_kind={mention.kind}": 1.0,
        f"source_kind={draft.kind}": 1.0,
        "named": float(draft.named),
        "anonymous": float(draft.kind == "person" and not draft.named),
        "pronoun": float(mention.pronoun is not None),
        "pronoun_antecedent": float(mention.antecedent is not None and mention.pronoun is not None),
        "new_source": float(created),
        "plural": float(mention.plural),
        "definite": float(mention.definite),
        "descriptor": float(bool(draft.descriptor)),
        "colon": float(speech.colon),
        "continued": float(speech.continued),
        "to_author": float(speech.to_author),
        "log_mentions": math.log1p(len(draft.mentions)),
        "log_quotes": math.log1p(quotes),
        "log_content_words": math.log1p(words),
        "log_speaker_chars": math.log1p(len(draft.name)),
        "capitalised": float(draft.name[:1].isupper()),
        "question": float("?" in text[content.end - 3 : content.end]) if content else 0.0,
    }
    if not draft.named and mention.pronoun is None and mention.head:
        out[f"head={mention.head}"] = 1.0  # "official", "spokeswoman", "others"
    if speaker is not None:
        out[f"dep={speaker.dep_}"] = 1.0
        out[f"entity={speaker.ent_type_ or 'none'}"] = 1.0
        if cue is not None and speaker.doc is cue.doc:
            out["head_is_cue"] = float(speaker.head.i == cue.i)
            out["speaker_after_cue"] = float(speaker.i > cue.i)
            out["log_distance"] = math.log1p(abs(speaker.i - cue.i))
            out["same_sentence"] = float(speaker.sent.start == cue.sent.start)
            out["speaker_opens_sentence"] = float(speaker.left_edge.i == speaker.sent.start)
        else:
            out["other_parse"] = 1.0
    return out


def shown_sources(
    sources: Sequence[Source], nonresponses: Sequence[NonResponse]
) -> tuple[list[Source], list[NonResponse]]:
    """The sources to display (those with a quote) and non-responses pointing only at them.

    A source whose every quote fell under the display threshold is hidden; the
    sourcing profile, computed before, counts it as ``excluded``.
    """
    from dataclasses import replace

    shown = [s for s in sources if s.quotes]
    ids = {s.id for s in shown}
    kept = [
        n if n.source is None or n.source in ids else replace(n, source=None) for n in nonresponses
    ]
    return shown, kept
