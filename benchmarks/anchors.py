"""The speed anchor the benchmarks compare against: a BERT-base-shaped model in torch.

A token classifier with ``transformers.BertConfig()`` defaults (12 layers, 768
wide, 12 heads; the size of BERT-base and of Prta's persuasion model), random
weights, built in memory (nothing is downloaded), torch on CPU, one thread,
run over 512-token windows of random word-piece ids. Torch is allowed here,
in benchmarks, as the reference only; newsift never imports it at run time.

Import it from a script in ``benchmarks/`` (its folder is first on
``sys.path`` when the script runs): ``import anchors``.
"""

from __future__ import annotations

from typing import Any

WINDOW = 512
PIECES_PER_WORD = 1.3  # word pieces per whitespace word of English news, about


def bert_base(num_labels: int = 3) -> Any | None:
    """The random BERT-base token classifier in eval mode (None without torch/transformers).

    Sets torch to one thread and seed 0.
    """
    try:
        import torch
        from transformers import BertConfig, BertForTokenClassification
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(0)
    config = BertConfig(num_labels=num_labels)  # BertConfig() defaults are BERT-base
    return BertForTokenClassification(config).eval()


def estimated_pieces(text: str) -> int:
    """Word pieces in ``text``, estimated from its word count."""
    return int(len(text.split()) * PIECES_PER_WORD)


def windows(pieces: int, size: int = WINDOW) -> list[int]:
    """The lengths of the ``size``-token windows that cover ``pieces`` tokens."""
    return [min(size, pieces - i) for i in range(0, pieces, size)]


def run_windows(model: Any, lengths: list[int]) -> None:
    """One forward pass per window, random ids, no gradients."""
    import torch

    vocab = int(model.config.vocab_size)
    with torch.no_grad():
        for length in lengths:
            ids = torch.randint(1000, vocab, (1, length))
            model(input_ids=ids)
