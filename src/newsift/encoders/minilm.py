"""all-MiniLM-L6-v2 sentence embeddings from an int8 ONNX model shipped with newsift.

The model file (``models/minilm-l6-int8.onnx``) and the model's own word-piece
tokenizer (``models/minilm-l6-tokenizer.json``) ship inside the package; they
are built once from the official weights by ``python -m training.encoder``
(``make models``; see ``models/minilm-l6-int8.md``) and their SHA-256 is
checked before use, so a tampered or different file is refused. The run time
needs the ``minilm`` extra, onnxruntime and tokenizers, and never torch;
nothing is downloaded.

The network is BERT (6 layers, 384 wide, 12 heads) with the weights of every
matrix product quantised to int8 per output channel; the sentence vector is
the mean of the last hidden states over real tokens, L2-normalised, as
sentence-transformers computes it for this model (cosine to the float model's
vector 0.98 or more on the check sentences of the build).
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsift.errors import ModelError

MODEL_FILE = "minilm-l6-int8.onnx"
TOKENIZER_FILE = "minilm-l6-tokenizer.json"
#: SHA-256 of the shipped files, as ``python -m training.encoder`` prints them.
MODEL_SHA256 = "e016cbe22512507b059b17df45778e927dd3ca038370086249c52723730ceab4"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length
EXTRA_HINT = "the MiniLM encoder needs the minilm extra: pip install 'newsift[minilm]'"

Matrix = npt.NDArray[np.float32]


def models_dir() -> Path:
    return Path(__file__).parents[1] / "models"


def runtime_available() -> bool:
    """True when onnxruntime and tokenizers (the ``minilm`` extra) are installed."""
    return all(importlib.util.find_spec(name) for name in ("onnxruntime", "tokenizers"))


def minilm_available() -> bool:
    """True when the ``minilm`` extra (onnxruntime, tokenizers) and the model files are there."""
    folder = models_dir()
    return (
        runtime_available()
        and (folder / MODEL_FILE).is_file()
        and (folder / TOKENIZER_FILE).is_file()
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def require_files(files: tuple[tuple[Path, str | None], ...]) -> None:
    """ModelError unless each file is there and, where a digest is given, has that SHA-256."""
    for file, digest in files:
        if not file.is_file():
            raise ModelError(f"no {file.name} in {file.parent}; reinstall newsift")
        if digest is not None and _sha256(file) != digest:
            raise ModelError(f"{file} is not the file newsift shipped (hash differs)")


class MiniLMEncoder:
    """Encode sentences into 384-dimensional unit vectors (one CPU thread)."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        self._tokenizer = tokenizer

    @classmethod
    def load(
        cls,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        check_hash: bool = True,
        tokenizer: Any = None,
    ) -> MiniLMEncoder:
        """Load the shipped model (or the files given) after checking their SHA-256.

        ``tokenizer``: one already read from ``tokenizer_path`` (the file is then not
        parsed again; models that share a vocabulary share it).
        """
        try:
            import onnxruntime  # type: ignore[import-untyped]
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(EXTRA_HINT) from exc
        model = model_path or models_dir() / MODEL_FILE
        vocabulary = tokenizer_path or models_dir() / TOKENIZER_FILE
        for path, expected in ((model, MODEL_SHA256), (vocabulary, TOKENIZER_SHA256)):
            if not path.is_file():
                raise ModelError(f"no {path.name} in {path.parent}; reinstall newsift")
            if check_hash and _sha256(path) != expected:
                raise ModelError(f"{path} is not the file newsift shipped (hash differs)")
        try:
            if tokenizer is None:
                tokenizer = Tokenizer.from_file(str(vocabulary))
                tokenizer.no_padding()
                tokenizer.enable_truncation(max_length=MAX_TOKENS)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
            options.log_severity_level = 3
            session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # a damaged tokenizer or model file
            raise ModelError(
                f"the MiniLM model {model} is damaged ({type(exc).__name__}: {exc}); "
                "reinstall newsift"
            ) from exc
        return cls(session, tokenizer)

    def encode(self, texts: list[str]) -> Matrix:
        """One unit vector per text, shape ``(len(texts), 384)``; a repeated text is encoded once.

        Each text runs alone: activations are quantised per run, so in a batch
        a text's vector would depend on its neighbours; alone it is the same on
        every page (and, measured, no slower: one at a time needs no padding).
        """
        distinct = list(dict.fromkeys(texts))
        out = np.zeros((len(distinct), DIMENSIONS), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch(distinct)):
            out[row] = self._forward(encoding.ids)
        if len(distinct) == len(texts):
            return out
        index = {text: i for i, text in enumerate(distinct)}
        return out[[index[text] for text in texts]]

    def token_counts(self, texts: list[str]) -> list[int]:
        """How many tokens (with [CLS] and [SEP], at most 256) the encoder sees for each text."""
        return [len(encoding.ids) for encoding in self._tokenizer.encode_batch(texts)]

    def _forward(self, tokens: list[int]) -> Matrix:
        token_ids = np.asarray([tokens], dtype=np.int64)
        feeds = {"input_ids": token_ids, "attention_mask": np.ones_like(token_ids)}
        (vectors,) = self._session.run(None, feeds)
        return np.asarray(vectors[0], dtype=np.float32)
