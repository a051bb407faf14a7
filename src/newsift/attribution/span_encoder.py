"""Learned content boundaries with a fine-tuned MiniLM token tagger (opt-in, int8 ONNX).

The same task as :mod:`newsift.attribution.spans` (re-draw a rule-found quote's
content inside the sentences of its cue and content), read by a transformer
instead of a CRF over parse features: the window's text is word-pieced with the
shipped MiniLM vocabulary, the cue and the rules' content are fenced with four
reserved word pieces (``[unused0]`` .. ``[unused3]``), and the network gives
``O`` / ``B`` / ``I`` scores for every word piece; a spaCy token takes the scores
of its first piece. Decoding, segment choice and the guards against swallowing
the quote's own cue or speaker are the CRF's (:func:`~newsift.attribution.spans.choose`).

The network is all-MiniLM-L6-v2 fine-tuned by ``python -m training.finetune_tokens``
and shipped as ``attribution-spans-encoder-v1.onnx`` (int8, per-channel), used only
when its SHA-256 is :data:`MODEL_SHA256`. It costs several CPU-ms per quote, more
than the default pipeline's speed budget leaves, so the analyzer runs it only with
``spans="encoder"``; where onnxruntime or tokenizers are missing the CRF is used.
The run time needs the ``minilm`` extra, never torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from newsift.attribution.spans import LABELS, Window, choose, segments, viterbi, window

if TYPE_CHECKING:
    from newsift.attribution.marks import QuotedSpan
    from newsift.attribution.quotes import Speech
    from newsift.encoders.tagger import TokenTagger

MODEL_FILE = "attribution-spans-encoder-v1.onnx"
#: SHA-256 of the shipped model, as ``python -m training.finetune_tokens`` prints it
MODEL_SHA256 = "46864f19c855dfbdc6fc96eb687d2ae027773b2319b6771993267e3c084f8cb9"
#: reserved word pieces that fence the cue and the rules' content (ids 1-4 in the vocabulary)
MARKERS = ("[unused0]", "[unused1]", "[unused2]", "[unused3]")
#: longer windows (in word pieces, markers and [CLS]/[SEP] included) keep the rules' content
MAX_PIECES = 256
#: a token whose label is O may not be followed by I: such a path opens no segment
_FORBIDDEN = -1.0e4
TRANSITIONS = np.array([[0.0, 0.0, _FORBIDDEN], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class TaggerInput:
    """Word-piece ids of a window and, per window token, its first piece (-1: none)."""

    ids: list[int]
    heads: list[int]


def tagger_input(tokenizer: Any, speech: Speech, where: Window) -> TaggerInput | None:
    """The network's input for ``speech`` in ``where``; None when it would be too long.

    ``tokenizer``: the shipped MiniLM word-piece tokenizer with no truncation and
    no padding. Markers go before the first piece that starts at or after their
    character: cue open, cue close, content open, content close.
    """
    cue = speech.cue
    content = speech.content
    if content is None:
        return None
    sdoc = where.sdoc
    first = sdoc[where.start]
    last = sdoc[where.end - 1]
    base = where.offset + first.idx  # window start in the page
    text = sdoc.text[first.idx : last.idx + len(last.text)]
    encoding = tokenizer.encode(text, add_special_tokens=False)
    marker_ids = [int(tokenizer.token_to_id(m)) for m in MARKERS]
    places = sorted(
        (
            (cue.start - base, 1, marker_ids[0]),
            (cue.end - base, 0, marker_ids[1]),
            (content.start - base, 1, marker_ids[2]),
            (content.end - base, 0, marker_ids[3]),
        )
    )  # at one character, a closing marker comes before an opening one
    cls_id = int(tokenizer.token_to_id("[CLS]"))
    sep_id = int(tokenizer.token_to_id("[SEP]"))
    ids = [cls_id]
    starts: list[int] = []  # character start of each piece, -1 for markers and specials
    starts.append(-1)
    pending = 0
    for piece, (lo, _) in zip(encoding.ids, encoding.offsets, strict=True):
        while pending < len(places) and places[pending][0] <= lo:
            ids.append(places[pending][2])
            starts.append(-1)
            pending += 1
        ids.append(int(piece))
        starts.append(lo)
    for _, _, marker in places[pending:]:
        ids.append(marker)
        starts.append(-1)
    ids.append(sep_id)
    starts.append(-1)
    if len(ids) > MAX_PIECES:
        return None
    heads = []
    cursor = 0
    for i in range(where.start, where.end):
        lo = sdoc[i].idx - first.idx
        hi = lo + len(sdoc[i].text)
        while cursor < len(starts) and starts[cursor] < lo:
            cursor += 1
        found = cursor if cursor < len(starts) and lo <= starts[cursor] < hi else -1
        heads.append(found)
    return TaggerInput(ids, heads)


def token_emissions(piece_logits: NDArray[np.float32], heads: Sequence[int]) -> NDArray[np.float64]:
    """Per window token, the log-probabilities of its first piece; a token with no piece
    (white space) may continue a segment or lie outside one, never start one."""
    logits = piece_logits.astype(np.float64)
    shifted = logits - logits.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    out = np.zeros((len(heads), len(LABELS)))
    for row, head in enumerate(heads):
        if head >= 0:
            out[row] = logp[head]
        else:
            out[row, LABELS.index("B")] = _FORBIDDEN
    return out


def trimmed(where: Window, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``found`` (window token ranges) without white-space tokens at either edge."""
    sdoc = where.sdoc
    out = []
    for lo, hi in found:
        while lo < hi and sdoc[where.start + lo].is_space:
            lo += 1
        while hi > lo and sdoc[where.start + hi - 1].is_space:
            hi -= 1
        if lo < hi:
            out.append((lo, hi))
    return out


class EncoderSpanModel:
    """The int8 ONNX token tagger (:class:`~newsift.encoders.tagger.TokenTagger`);
    ``refine`` as the CRF's."""

    def __init__(self, tagger: TokenTagger) -> None:
        self._tagger = tagger

    @classmethod
    def load(
        cls, path: Path | None = None, expected_sha256: str | None = MODEL_SHA256
    ) -> EncoderSpanModel:
        """The shipped model (or the one at ``path``, hash checked when ``expected_sha256``
        is given); ModelError when a file is missing, damaged or not the release's."""
        from newsift.encoders.minilm import models_dir
        from newsift.encoders.tagger import TokenTagger

        return cls(TokenTagger.load(path or models_dir() / MODEL_FILE, expected_sha256))

    def piece_logits(self, ids: Sequence[int]) -> NDArray[np.float32]:
        """``(pieces, 3)`` O/B/I logits of one input."""
        return self._tagger.logits(ids)

    def tag(self, speech: Speech, where: Window) -> list[tuple[int, int]] | None:
        """The tagged segments of ``where`` (window token ranges); None when too long."""
        found = tagger_input(self._tagger.tokenizer, speech, where)
        if found is None:
            return None
        emissions = token_emissions(self.piece_logits(found.ids), found.heads)
        return trimmed(where, segments(viterbi(emissions, TRANSITIONS)))

    def refine(self, speeches: Sequence[Speech], quoted: Sequence[QuotedSpan]) -> None:
        """Re-draw each speech's content in place (see the module's description)."""
        del quoted  # the markers and the text carry what the CRF reads from quotation marks
        for speech in speeches:
            where = window(speech)
            if where is None:
                continue
            found = self.tag(speech, where)
            if found is None:
                continue
            content = choose(speech, where, found)
            if content is not None:
                speech.content = content
