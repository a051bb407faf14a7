"""A tiny random BERT (2 layers, 32 wide) for tests of the harness and of the run time."""

from __future__ import annotations

from typing import Any

import numpy as np
from training.finetune import Example, FineTuned, Head, finetune

WORDS = ["percent", "million", "rose", "fell", "hello", "thanks", "lovely", "maybe"]
NUMBER_WORDS = ("percent", "million", "rose", "fell")


def tiny_config() -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )


def toy(n: int, seed: int) -> list[Example]:
    """Number words make a text 'factual' (head fact); 'thanks' or 'lovely' make it polite
    (head tone: 0 plain, 1 polite, 2 both), labelled only on every other text."""
    rng = np.random.default_rng(seed)
    out: list[Example] = []
    for i in range(n):
        words = [str(w) for w in rng.choice(WORDS, size=4)]
        fact = int(any(w in NUMBER_WORDS for w in words))
        polite = int(any(w in ("thanks", "lovely") for w in words))
        labels = {"fact": fact}
        if i % 2 == 0:
            labels["tone"] = polite + fact * polite
        out.append((" ".join(words), labels))
    return out


def only(heads: list[Head], examples: list[Example]) -> list[Example]:
    names = {h.name for h in heads}
    return [(text, {k: v for k, v in labels.items() if k in names}) for text, labels in examples]


def train_tiny(heads: list[Head], epochs: int = 6, seed: int = 0) -> FineTuned:
    return finetune(
        heads,
        only(heads, toy(160, 1)),
        only(heads, toy(40, 2)),
        epochs=epochs,
        lr=3e-3,
        batch=16,
        max_len=16,
        seed=seed,
        threads=1,
        log=lambda _: None,
        base=tiny_config(),
    )
