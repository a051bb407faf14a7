"""Which PolNeAR cues the rules miss, by frame and by word.

    python -m training.cues_errors [--shared ../shared] [--limit N] [--top N]
                                   [--dump PATH]

Runs the analyzer as :mod:`training.spans_errors` does (rules, then the
content CRF) on the held-out fifth of PolNeAR train (dev is never read here)
and, for every gold relation with a cue that no predicted cue overlaps (the
"no cue" and "cue, no content" losses), parses the gold cue's sentence and
sorts the cue by its syntactic frame (:func:`frame`): a lexicon verb the rules
dropped, a verb of belief (left out by design), a verb missing from the
lexicon with a clausal complement or in another frame, "according to", a
noun ("his claim that"), an adjective ("confident that"), a colon, a
preposition ("in a statement"), or a passive "it was reported". It prints how
many of each and the commonest cue lemmas per frame, so the lexicon is
extended where the loss is; ``--dump`` writes one JSON line per missed cue
(frame, lemma, cue words, sentence) for reading by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsift.attribution.analyzer import analyse, load_spans
from newsift.attribution.cues import ACT_VERBS, BELIEF_VERBS, SPEECH_VERBS
from newsift.attribution.nlp import load_english
from newsift.eval.attribution import read_brat, trim
from training.paths import SHARED
from training.spans import article_blocks, split_train

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

Extent = tuple[int, int]

#: Frames in the order they are tested and printed.
FRAMES = (
    "colon",
    "according to",
    "passive it",
    "lexicon verb",
    "belief verb",
    "verb + clause",
    "verb, other",
    "noun",
    "adjective",
    "preposition",
    "other",
)


@dataclass(frozen=True, slots=True)
class MissedCue:
    """One gold cue no predicted cue overlaps."""

    frame: str
    lemma: str
    cue: str
    sentence: str


def cue_head(tokens: Sequence[Token]) -> Token:
    """The token of the cue whose head lies outside it (the first such, as spaCy orders)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


def frame(tokens: Sequence[Token]) -> tuple[str, str]:
    """(frame, lemma) of a gold cue's tokens; the frames are listed in :data:`FRAMES`."""
    words = [t.lower_ for t in tokens]
    if words and all(w in {":", "-", "—", "–"} for w in words):
        return "colon", words[0]
    if "according" in words:
        return "according to", "according to"
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}]
    head = verbs[0] if verbs else cue_head(tokens)
    lemma = head.lemma_.lower()
    if head.pos_ in {"VERB", "AUX"}:
        subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
        if any(s.lower_ == "it" for s in subjects) and lemma in SPEECH_VERBS | ACT_VERBS:
            return "passive it", lemma
        if lemma in SPEECH_VERBS or lemma in ACT_VERBS:
            return "lexicon verb", lemma
        if lemma in BELIEF_VERBS:
            return "belief verb", lemma
        if any(c.dep_ == "ccomp" for c in head.children):
            return "verb + clause", lemma
        return "verb, other", lemma
    if head.pos_ in {"NOUN", "PROPN"}:
        return "noun", lemma
    if head.pos_ == "ADJ":
        return "adjective", lemma
    if head.pos_ == "ADP":
        return "preposition", " ".join(words)
    return "other", " ".join(words)


def _overlaps(a: Extent, b: Extent) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _tokens(sentence: SpacySpan, extent: Extent) -> list[Token]:
    return [t for t in sentence if _overlaps((t.idx, t.idx + len(t)), extent)]


def missed_cues(shared: Path, limit: int, spans: str) -> tuple[int, list[MissedCue]]:
    """Gold cues of the held-out fifth, and those the analyzer found no overlapping cue for."""
    _, check_articles = split_train(shared, limit)
    nlp = load_english()
    refine = load_spans(spans).refine if spans != "none" else None
    gold_total = 0
    missed: list[MissedCue] = []
    for name, text_path, ann_path in check_articles:
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        quotes, _, _ = analyse(nlp, text, blocks, refine)
        found = [(q.cue.start, q.cue.end) for q in quotes if q.cue is not None]
        for relation in read_brat(ann_path.read_text(encoding="utf-8")):
            if relation.cue is None or not relation.contents:
                continue
            gold_total += 1
            extent = trim(text, relation.cue.start, relation.cue.end)
            if any(_overlaps(extent, f) for f in found):
                continue
            start = text.rfind("\n", 0, extent[0]) + 1
            end = text.find("\n", extent[1])
            paragraph = nlp(text[start : end if end >= 0 else len(text)])
            local = (extent[0] - start, extent[1] - start)
            sentence = next(
                (s for s in paragraph.sents if _overlaps((s.start_char, s.end_char), local)),
                paragraph[:],
            )
            tokens = _tokens(sentence, local) or list(sentence[:1])
            kind, lemma = frame(tokens)
            missed.append(MissedCue(kind, lemma, text[extent[0] : extent[1]], sentence.text))
    return gold_total, missed


def report(gold_total: int, missed: Sequence[MissedCue], top: int) -> list[str]:
    """Counts of missed cues per frame with their commonest lemmas."""
    lines = [
        f"gold cues {gold_total}, no predicted cue overlaps {len(missed)} "
        f"({100 * len(missed) / max(gold_total, 1):.1f}%)"
    ]
    by_frame = Counter(m.frame for m in missed)
    for kind in FRAMES:
        count = by_frame[kind]
        if not count:
            continue
        lemmas = Counter(m.lemma for m in missed if m.frame == kind).most_common(top)
        listed = ", ".join(f"{lemma} {n}" for lemma, n in lemmas)
        lines.append(f"  {kind:14} {count:5} ({100 * count / len(missed):.1f}%): {listed}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=0, help="only the first N train articles")
    parser.add_argument("--spans", choices=["crf", "encoder", "none"], default="crf")
    parser.add_argument("--top", type=int, default=12, help="lemmas listed per frame")
    parser.add_argument("--dump", type=Path, help="write the missed cues here (JSON lines)")
    args = parser.parse_args(argv)
    gold_total, missed = missed_cues(args.shared, args.limit, args.spans)
    print("\n".join(report(gold_total, missed, args.top)))
    if args.dump is not None:
        with args.dump.open("w", encoding="utf-8") as out:
            for item in missed:
                out.write(json.dumps(asdict(item)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
