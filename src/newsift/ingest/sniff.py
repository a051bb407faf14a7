"""Guess what kind of input a page is from its first bytes or lines.

HTML, JSON Lines and WARC are told apart by their first bytes. Text is a dump
(a flattened page: menus, headline, byline, body, comments, footer; read by
:mod:`newsift.structure.dump`) or plain text (all body): a small logistic model
(``models/sniff-v1.npz``, card beside it, trained by ``training/sniff.py``)
weighs the evidence of :mod:`newsift.ingest.sniff_features` (line lengths,
interface words, names and times, datelines, in en, de, fr, es, it, nl, pt)
and says how sure it is (``meta.kind_confidence``). What the earlier anchor
rule called a dump stays one (see :func:`sniff_text`).
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np

from newsift.ingest.sniff_features import FEATURE_NAMES, sniff_features
from newsift.models import ModelArrays, load_model

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
MODEL_FILE = "sniff-v1.npz"
#: SHA-256 of the shipped model, as ``training/sniff.py`` prints it: any other file is refused
SNIFF_SHA256 = "407404d9a01d5bf72cee63d225e6deee6cecad822a8c731e98f4246286bdf0a6"


def sniff_kind(head: bytes) -> str:
    """``jsonl``, ``html``, ``warc`` or ``auto`` (text, to be sniffed after decoding)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b") and _gunzip_head(head).startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<") and _HTML.search(start[:4096]):
        return "html"
    return "auto"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return b""


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The sniffer's verdict: ``kind`` (dump or text) and ``p``, the probability of a dump."""

    kind: str
    p: float

    @property
    def confidence(self) -> float:
        """The model's probability of the kind chosen (under 0.5 only for a dump that
        the anchor rule decided against the model)."""
        return self.p if self.kind == "dump" else 1.0 - self.p


@dataclass(frozen=True, slots=True)
class SniffModel:
    """Logistic regression over the raw features: p(dump) = sigmoid(w . x + b)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        score = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


def _build(data: ModelArrays) -> SniffModel:
    names = tuple(str(name) for name in data["names"].tolist())
    if names != FEATURE_NAMES:
        raise ValueError(f"features {names} are not this version's {FEATURE_NAMES}")
    weights = np.asarray(data["weights"], dtype=np.float64)
    bias, threshold = np.asarray(data["meta"], dtype=np.float64).reshape(-1)[:2].tolist()
    if weights.shape != (len(FEATURE_NAMES),) or not np.all(np.isfinite(weights)):
        raise ValueError("weights must be one finite number per feature")
    return SniffModel(tuple(weights.tolist()), float(bias), float(threshold))


@cache
def shipped_model() -> SniffModel:
    """The shipped sniffer, after checking its SHA-256 (a :class:`ModelError` if it differs)."""
    return load_model(MODEL_FILE, None, _build, sha256=SNIFF_SHA256)


_ANCHOR_RULE = FEATURE_NAMES.index("anchor_rule")
_LINES_LOG = FEATURE_NAMES.index("lines_log")
#: fewer non-blank lines are no page to weigh ("plain text body"): the anchor rule decides
MIN_LINES = 3


def sniff_text(text: str, model: SniffModel | None = None) -> Sniffed:
    """Dump or text, and how sure: see the module's docstring.

    What the earlier anchor rule called a dump (a dateline or byline among the first
    12 lines, or a time or comment header below the third) stays a dump whatever the
    model says, so then ``p`` may be under one half: read as text, a dump loses its
    header and its comments, while a dump reader given plain text reads it as body.
    The model adds the dumps that rule missed (menus, UI words, names and times in
    other languages).
    """
    chosen = model or shipped_model()
    features = sniff_features(text)
    p = chosen.probability(features)
    lines = round(math.expm1(features[_LINES_LOG]))
    dump = (p >= chosen.threshold and lines >= MIN_LINES) or features[_ANCHOR_RULE] > 0
    return Sniffed("dump" if dump else "text", round(p, 4))


def sniff_text_kind(text: str) -> str:
    """``dump`` when the text reads as a flattened page, else ``text``."""
    return sniff_text(text).kind
