"""A learned line classifier for page dumps: what each line of a dump is.

Labels: ``headline``, ``byline``, ``dateline``, ``body``, ``comment_author``,
``comment_time``, ``comment_text``, ``other`` (navigation, UI, boilerplate).

Features of a line: its shape (length, case, digits, end punctuation), the
verdicts of the dump rules on it (UI word, time, name, header line, credit, ...),
its position in the page, the same for the lines around it, and hashed words.
The model is multinomial logistic regression in two stages (the second reads
the first's probabilities around each line), then a sequence step: Viterbi
decoding over the page with learned label-to-label transitions, so that each
line's label is decided with its neighbours' (a comment's text follows its
time; the body does not come back after the thread). The rules' cues are
features here, not the decision. Its weights ship in the package as a NumPy
``.npz`` read with ``allow_pickle=False`` (see ``src/newsift/models/lines-v2.md``
for data and figures, ``make models`` to rebuild). Inference needs only NumPy.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.models import ModelArrays, load_model
from newsift.structure.junk import is_credit
from newsift.text.chars import char_counts
from newsift.text.header import parse_header_line, person_name
from newsift.text.lines import (
    closes_comments,
    is_european_time,
    is_time,
    is_ui,
    labelled_time,
    name_of,
    opens_comments,
    says,
    split_comment_header,
)
from newsift.text.ngrams import BucketMemo

LABELS = (
    "headline", "byline", "dateline", "body", "comment_author", "comment_time",
    "comment_text", "other",
)  # fmt: skip
MODEL_FILE = "lines-v2.npz"
HASH_BUCKETS = 1 << 12
MAX_TOKENS = 40
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SEPARATOR = re.compile(r"[|·•»›]")

#: names of the per-line shape and rule features (the context repeats them)
LINE_FEATURES = (
    "log_chars", "log_words", "upper_share", "digit_share", "ends_sentence", "ends_colon",
    "title_case", "ui", "time", "name", "header", "opens_comments", "closes_comments",
    "credit", "person", "joined_header", "copyright", "separator", "quote", "short", "long",
    "repeated", "european_time", "european_header", "european_comment_header",
    "european_name", "labelled_time", "says", "prose",
)  # fmt: skip
PROSE_WORDS = 15  # a line of running text has at least this many words and ends a sentence
POSITION_FEATURES = ("position", "top", "bottom", "same_as_previous", "same_as_next", "bias")
CONTEXT = (-2, -1, 1, 2)
PROBABILITY_FLOOR = 1e-6  # keeps the CRF's log-probabilities finite


def _forms(read: Callable[..., object | None], text: str) -> tuple[float, float]:
    """(the English forms of ``read`` take ``text``, only the European ones do).

    The European reading, the one the dump rules use, runs first; the English
    one only when it finds something, so most lines (neither) cost one call.
    An English cue the European reading rejects ("Suche", a menu word in German
    that the English name rule takes) therefore counts as no cue."""
    if read(text) is None:
        return 0.0, 0.0
    english = read(text, european=False) is not None
    return float(english), float(not english)


def _shape(text: str, repeats: int) -> list[float]:
    counts = char_counts(text)  # the letter, capital and digit tests at C speed
    words = text.split()
    upper = counts.capitals / counts.letters if counts.letters else 0.0
    digits = counts.digits / len(text) if text else 0.0
    # a word of split() is never empty: its first character is w[:1]
    title = sum(map(str.isupper, map(itemgetter(0), words))) / len(words) if words else 0.0
    name, european_name = _forms(name_of, text)
    header, european_header = _forms(parse_header_line, text)
    joined, european_joined = _forms(split_comment_header, text)
    return [
        math.log1p(len(text)) / 6,
        math.log1p(len(words)) / 4,
        upper,
        digits,
        float(text.endswith((".", "!", "?", '"', "”", "»"))),
        float(text.endswith(":")),
        title,
        # the rules' English forms only: the model was fitted before the European tables
        float(is_ui(text, european=False)),
        float(is_time(text, european=False)),
        name,
        header,
        float(opens_comments(text, european=False)),
        float(closes_comments(text)),
        float(is_credit(text)),
        float(person_name(text, european=False) is not None),
        joined,
        float("©" in text or "(c)" in text.lower()),
        float(bool(_SEPARATOR.search(text))),
        float(text[:1] in "\"“„«'‘"),
        float(len(words) <= 4),
        float(len(words) >= 25),
        math.log1p(repeats - 1),
        # the European forms the rules read too (lines-v2 on: v1 was fitted without them)
        float(is_european_time(text)),
        european_header,
        european_joined,
        european_name,
        float(labelled_time(text) is not None),
        float(says(text)),
        float(len(words) >= PROSE_WORDS and text.endswith((".", "!", "?", '"', "”", "»"))),
    ]


def dense_features(lines: list[str]) -> NDArray[np.float32]:
    """One row per line: its own shape and rule features, its neighbours', its position."""
    counts = Counter(lines)
    shapes: dict[str, list[float]] = {}  # a line repeated on the page has the same shape
    for t in counts:
        shapes[t] = _shape(t, counts[t])
    own = np.array([shapes[t] for t in lines], dtype=np.float32).reshape(
        len(lines), len(LINE_FEATURES)
    )
    blocks = [own]
    zero = np.zeros((1, own.shape[1]), dtype=np.float32)
    for shift in CONTEXT:
        shifted = np.zeros_like(own)
        if shift < 0 and len(lines) > -shift:
            shifted[-shift:] = own[:shift]
        elif shift > 0 and len(lines) > shift:
            shifted[:-shift] = own[shift:]
        blocks.append(shifted if len(lines) else zero[:0])
    n = max(len(lines) - 1, 1)
    position = np.array(
        [
            [
                i / n,
                float(i < 0.1 * len(lines) or i < 3),
                float(i > 0.7 * len(lines)),
                float(i > 0 and lines[i - 1] == lines[i]),
                float(i + 1 < len(lines) and lines[i + 1] == lines[i]),
                1.0,
            ]
            for i in range(len(lines))
        ],
        dtype=np.float32,
    ).reshape(len(lines), len(POSITION_FEATURES))
    blocks.append(position)
    return np.concatenate(blocks, axis=1)


def hashed_tokens(text: str) -> list[int]:
    """Bucket ids of the line's first words (stable across runs and machines)."""
    tokens = _TOKEN.findall(text.lower())[:MAX_TOKENS]
    return sorted(set(_TOKEN_MEMO.buckets(tokens)))


_TOKEN_MEMO = BucketMemo(HASH_BUCKETS)  # crc32 % HASH_BUCKETS of each word, remembered


def dense_width() -> int:
    return len(LINE_FEATURES) * (1 + len(CONTEXT)) + len(POSITION_FEATURES)


STACK_WINDOW = (-3, -2, -1, 0, 1, 2, 3)
#: lines from the top among which the stack marks the likeliest headline (menus on
#: real pages run to a hundred lines and more)
HEADLINE_WINDOW = 200


def stack_features(probs: NDArray[np.float32]) -> NDArray[np.float32]:
    """Second-stage features: first-stage probabilities around each line, and what came before.

    The window lets a line borrow its neighbours' evidence (a comment's text
    follows its time); the running maxima tell whether a comment thread or
    the body has started yet; the ranks pick the likeliest headline near the top.
    """
    n = probs.shape[0]
    blocks = []
    for shift in STACK_WINDOW:
        shifted = np.zeros_like(probs)
        if shift < 0 and n > -shift:
            shifted[-shift:] = probs[:shift]
        elif shift > 0 and n > shift:
            shifted[:-shift] = probs[shift:]
        elif shift == 0:
            shifted = probs.copy()
        blocks.append(shifted)
    comment_like = probs[:, [LABELS.index(x) for x in ("comment_author", "comment_time")]].max(
        axis=1
    )
    seen_comment = (
        np.maximum.accumulate(np.concatenate([[0.0], comment_like[:-1]])) if n else comment_like
    )
    body = probs[:, LABELS.index("body")]
    seen_body = np.cumsum(np.concatenate([[0.0], body[:-1]])) if n else body
    seen_body = np.minimum(seen_body / 3.0, 1.0)
    after_body = np.cumsum(body[::-1])[::-1] if n else body
    after_body = np.minimum((after_body - body) / 3.0, 1.0)
    headline = probs[:, LABELS.index("headline")]
    best_headline = np.zeros(n, dtype=np.float32)
    if n:
        top = min(n, HEADLINE_WINDOW)
        best_headline[int(np.argmax(headline[:top]))] = 1.0
    position = np.arange(n, dtype=np.float32) / max(n - 1, 1)
    extra = np.stack(
        [seen_comment, seen_body, after_body, best_headline, position, np.ones(n)], axis=1
    ).astype(np.float32)
    return np.concatenate([*blocks, extra], axis=1)


def stack_width() -> int:
    return len(LABELS) * len(STACK_WINDOW) + 6


@dataclass(frozen=True, slots=True)
class LineModel:
    """First stage: ``dense`` (dense_width x labels), ``hashed`` (HASH_BUCKETS x labels),
    ``bias``; second stage over first-stage outputs: ``stack`` and ``stack_bias``."""

    dense: NDArray[np.float32]
    hashed: NDArray[np.float32]
    bias: NDArray[np.float32]
    stack: NDArray[np.float32] | None = None
    stack_bias: NDArray[np.float32] | None = None
    labels: tuple[str, ...] = LABELS
    #: the sequence step (a linear-chain CRF over the stack's output): the score of
    #: label ``j`` right after label ``i`` (non-blank lines), or None
    transitions: NDArray[np.float32] | None = None
    #: the CRF's line scores: :func:`crf_inputs` (labels + 1 columns) times this
    #: (labels + 1 x labels), or None
    emission: NDArray[np.float32] | None = None

    def first_stage(self, lines: list[str]) -> NDArray[np.float32]:
        logits = dense_features(lines) @ self.dense + self.bias
        words: dict[str, NDArray[np.float32] | None] = {}  # a repeated line: computed once
        for i, text in enumerate(lines):
            if text not in words:
                buckets = hashed_tokens(text)
                words[text] = (
                    self.hashed[buckets].sum(axis=0) / math.sqrt(len(buckets)) if buckets else None
                )
            found = words[text]
            if found is not None:
                logits[i] += found
        return _softmax(logits)

    def predict_proba(self, lines: list[str]) -> NDArray[np.float32]:
        """Probabilities, one row per line, columns in ``labels`` order."""
        if not lines:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.second_stage(self.first_stage(lines))

    def second_stage(self, probs: NDArray[np.float32]) -> NDArray[np.float32]:
        """The stack's probabilities from the first stage's (those when there is no stack)."""
        if self.stack is None or self.stack_bias is None:
            return probs
        return _softmax(stack_features(probs) @ self.stack + self.stack_bias)

    def predict(self, lines: list[str]) -> list[str]:
        """Each line's label, decided over the whole page (see :meth:`decide`)."""
        return self.decide(self.predict_proba(lines))

    def decide(self, probs: NDArray[np.float32]) -> list[str]:
        """The labels of the page's best path under the CRF (Viterbi); the likeliest
        label a line when the model has no sequence step."""
        if self.transitions is None or self.emission is None or not len(probs):
            return [self.labels[int(i)] for i in probs.argmax(axis=1)]
        scores = crf_inputs(probs) @ self.emission
        start = np.zeros(len(self.labels), dtype=np.float32)
        return [self.labels[i] for i in viterbi(scores, self.transitions, start)]

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {
            "dense": self.dense,
            "hashed": self.hashed,
            "bias": self.bias,
            "labels": np.array(self.labels),
            "hash_buckets": np.array([HASH_BUCKETS]),
            "dense_width": np.array([dense_width()]),
            "stack_width": np.array([stack_width()]),
        }
        if self.stack is not None and self.stack_bias is not None:
            arrays["stack"], arrays["stack_bias"] = self.stack, self.stack_bias
        if self.transitions is not None and self.emission is not None:
            arrays["transitions"], arrays["emission"] = self.transitions, self.emission
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path | None = None) -> LineModel:
        """The shipped model (or one at ``path``); refuses weights of another shape."""
        return load_model(MODEL_FILE, path, cls._from_arrays)

    @classmethod
    def _from_arrays(cls, data: ModelArrays) -> LineModel:
        labels = tuple(str(x) for x in data["labels"])
        shapes_ok = (
            int(data["hash_buckets"][0]) == HASH_BUCKETS
            and int(data["dense_width"][0]) == dense_width()
            and int(data["stack_width"][0]) == stack_width()
            and labels == LABELS
            and data["dense"].shape == (dense_width(), len(LABELS))
            and data["hashed"].shape == (HASH_BUCKETS, len(LABELS))
            and ("stack" not in data or data["stack"].shape == (stack_width(), len(LABELS)))
            and (
                "transitions" not in data
                or (
                    data["transitions"].shape == (len(LABELS), len(LABELS))
                    and data["emission"].shape == (len(LABELS) + 1, len(LABELS))
                )
            )
        )
        if not shapes_ok:
            raise ValueError("line model weights do not match this version's features")
        return cls(
            data["dense"].astype(np.float32),
            data["hashed"].astype(np.float32),
            data["bias"].astype(np.float32),
            _optional(data, "stack"),
            _optional(data, "stack_bias"),
            labels,
            _optional(data, "transitions"),
            _optional(data, "emission"),
        )


def crf_inputs(probs: NDArray[np.float32]) -> NDArray[np.float32]:
    """What the CRF reads of each line: the stack's log-probabilities (raised above
    zero: crfsuite drops negative attribute values), then a bias."""
    logs = np.log(probs + PROBABILITY_FLOOR) - math.log(PROBABILITY_FLOOR)
    return np.concatenate([logs, np.ones((len(probs), 1), dtype=np.float32)], axis=1)


def _optional(data: ModelArrays, key: str) -> NDArray[np.float32] | None:
    found = data.get(key)
    return found.astype(np.float32) if found is not None else None


def viterbi(
    scores: NDArray[np.floating], transitions: NDArray[np.floating], start: NDArray[np.floating]
) -> list[int]:
    """The label sequence maximising the sum of ``scores[t, y_t]``, ``start[y_0]`` and
    ``transitions[y_(t-1), y_t]``."""
    n = scores.shape[0]
    best = start + scores[0]
    back = np.zeros(scores.shape, dtype=np.intp)
    for t in range(1, n):
        candidates = best[:, None] + transitions  # from label i to label j
        back[t] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[t]
    path = [int(best.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def _softmax(logits: NDArray[np.floating]) -> NDArray[np.float32]:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    result: NDArray[np.float32] = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
    return result
