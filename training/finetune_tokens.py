"""Fine-tune all-MiniLM-L6-v2 as a token tagger of quote contents; ship int8 ONNX.

    python -m training.finetune_tokens [--shared ../shared] [--out PATH] [--limit N]
        [--epochs N] [--lr X] [--batch N] [--seed N] [--threads N]
        [--checkpoint PATH] [--from-checkpoint PATH] [--no-check]

(``--out`` defaults to src/newsift/models/attribution-spans-encoder-v1.onnx.)

Data as :mod:`training.spans` (the CRF it may replace): PolNeAR v1.0.0 ``train``,
first annotator file per article, every fifth article held out (dev is never
read here); each rule-found speech whose cue overlaps exactly one gold cue and
whose gold contents lie in its window is one example: the window's word pieces
with the cue and the rules' content fenced by reserved pieces
(:func:`newsift.attribution.span_encoder.tagger_input`, the run time's own
function), and the O/B/I tag of each spaCy token on its first piece (other
pieces carry no loss).

The network is the sentence encoder's BERT with one linear layer over every
last hidden state (3 logits per piece), trained with AdamW, linear warm-up and
decay, in length buckets (the harness of :mod:`training.finetune`: its weights
loader, tokenizer, batches and schedule), seeded (batch order, dropout) and run
on a fixed thread count as that harness is. It is exported with inputs
``input_ids``/``attention_mask`` and output ``logits`` (batch, pieces, 3), its
matrix products quantised to int8 per output channel as
:func:`training.finetune.export_int8` does, and checked against torch.
The held-out figures compare the rules, the shipped CRF and the int8 tagger with
the analyzer's own PolNeAR scoring.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn

from newsift.attribution.analyzer import analyse
from newsift.attribution.nlp import load_english
from newsift.attribution.span_encoder import MODEL_FILE, EncoderSpanModel, tagger_input
from newsift.attribution.spans import LABELS, load_span_model
from training.finetune import (
    CLIP_NORM,
    WEIGHT_DECAY,
    _length_batches,
    _pad,
    _schedule,
    load_bert,
    load_tokenizer,
    write_int8_onnx,
)
from training.paths import MODELS, SHARED
from training.spans import (
    Gold,
    article_blocks,
    evaluate,
    gold_relations,
    gold_tags,
    report,
    split_train,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from newsift.attribution.marks import QuotedSpan
    from newsift.attribution.quotes import Speech

IGNORE = -100  # pieces with no loss: markers, specials, non-first pieces
LOG_EVERY = 50


@dataclass(frozen=True, slots=True)
class Example:
    """Word-piece ids and a label per piece (``IGNORE`` where none)."""

    ids: list[int]
    labels: list[int]


class TokenNetwork(nn.Module):
    """BERT and one linear layer over each last hidden state: a logit per label and piece
    (``labels``: O/B/I for quote contents; other taggers give their own count)."""

    def __init__(self, bert: Any, labels: int = len(LABELS)) -> None:
        super().__init__()
        self.bert = bert
        self.tagger = nn.Linear(bert.config.hidden_size, labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        out: torch.Tensor = self.tagger(hidden)
        return out


def piece_labels(heads: Sequence[int], tags: Sequence[str], size: int) -> list[int]:
    """Each token's tag on its first piece; every other piece ``IGNORE``."""
    labels = [IGNORE] * size
    for head, tag in zip(heads, tags, strict=True):
        if head >= 0:
            labels[head] = LABELS.index(tag)
    return labels


def collect(
    nlp: Language, tokenizer: Any, articles: Sequence[tuple[str, Path, Path]]
) -> list[Example]:
    """One example per rule speech that a gold relation fits (see the module's description)."""
    out: list[Example] = []
    for name, text_path, ann_path in articles:
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        gold = gold_relations(ann_path.read_text(encoding="utf-8"), text)

        def grab(speeches: list[Speech], quoted: Sequence[QuotedSpan], gold: Gold = gold) -> None:
            del quoted
            for speech in speeches:
                found = gold_tags(speech, gold)
                if found is None:
                    continue
                where, tags = found
                item = tagger_input(tokenizer, speech, where)
                if item is not None:
                    out.append(Example(item.ids, piece_labels(item.heads, tags, len(item.ids))))

        analyse(nlp, text, blocks, refine=grab)
    return out


def train(
    examples: Sequence[Example],
    *,
    epochs: int,
    lr: float,
    batch: int,
    seed: int,
    threads: int,
    base: Any = None,
    labels: int = len(LABELS),
    after_epoch: Callable[[int, TokenNetwork], None] | None = None,
) -> TokenNetwork:
    """Fine-tune ``base`` (None: all-MiniLM-L6-v2) on ``examples``, seeded by ``seed``;
    ``after_epoch(epoch, network)`` is called after each epoch (network in eval mode,
    back in training mode afterwards), e.g. to score a held-out part."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    order_rng = random.Random(seed)
    network = TokenNetwork(load_bert(base), labels)
    plain = ("bias", "LayerNorm")
    named = list(network.named_parameters())
    optimiser = torch.optim.AdamW(
        [
            {
                "params": [p for n, p in named if not any(k in n for k in plain)],
                "weight_decay": WEIGHT_DECAY,
            },
            {"params": [p for n, p in named if any(k in n for k in plain)], "weight_decay": 0.0},
        ],
        lr=lr,
    )
    ids = [e.ids for e in examples]
    total = max(epochs * ((len(ids) + batch - 1) // batch), 1)
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
    network.train()
    step = 0
    running = 0.0
    cpu0, wall0 = time.process_time(), time.time()
    for epoch in range(epochs):
        for rows in _length_batches(ids, batch, order_rng):
            for group in optimiser.param_groups:
                group["lr"] = lr * _schedule(step, total)
            input_ids, mask = _pad([ids[i] for i in rows])
            gold = torch.full(input_ids.shape, IGNORE, dtype=torch.long)
            for r, i in enumerate(rows):
                gold[r, : len(examples[i].labels)] = torch.tensor(examples[i].labels)
            logits = network(input_ids, mask)
            loss = loss_fn(logits.reshape(-1, labels), gold.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), CLIP_NORM)
            optimiser.step()
            running += float(loss.detach())
            step += 1
            if step % LOG_EVERY == 0:
                print(
                    f"epoch {epoch + 1} step {step}/{total} loss {running / LOG_EVERY:.4f} "
                    f"cpu {time.process_time() - cpu0:.0f}s wall {time.time() - wall0:.0f}s",
                    file=sys.stderr,
                    flush=True,
                )
                running = 0.0
        if after_epoch is not None:
            with torch.no_grad():
                after_epoch(epoch + 1, network.eval())
            network.train()
    print(f"trained {step} steps: cpu {time.process_time() - cpu0:.0f}s", file=sys.stderr)
    return network.eval()


def export(network: TokenNetwork, path: Path, check: Sequence[Example]) -> float:
    """Write ``network`` as int8 ONNX at ``path``; the share of checked tokens whose
    arg-max label is torch's."""
    write_int8_onnx(network, path, {"logits": {0: "batch", 1: "tokens"}}, example_batch=1)
    model = EncoderSpanModel.load(path, expected_sha256=None)
    same = counted = 0
    with torch.no_grad():
        for item in check:
            ids = torch.tensor([item.ids])
            reference = network(ids, torch.ones_like(ids))[0].numpy().argmax(1)
            ours = model.piece_logits(item.ids).argmax(1)
            keep = np.array(item.labels) != IGNORE
            same += int(np.sum(reference[keep] == ours[keep]))
            counted += int(keep.sum())
    return same / max(counted, 1)


def save_checkpoint(network: TokenNetwork, path: Path) -> None:
    from safetensors.torch import save_file

    save_file({k: v.contiguous() for k, v in network.state_dict().items()}, str(path))


def load_checkpoint(path: Path, labels: int = len(LABELS)) -> TokenNetwork:
    from safetensors.torch import load_file

    network = TokenNetwork(load_bert(), labels)
    network.load_state_dict(load_file(str(path)))
    return network.eval()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=MODELS / MODEL_FILE)
    parser.add_argument("--limit", type=int, default=0, help="only the first N train articles")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--checkpoint", type=Path, help="also save the torch weights here")
    parser.add_argument("--from-checkpoint", type=Path, help="export these weights, no training")
    parser.add_argument("--no-check", action="store_true", help="skip the held-out figures")
    args = parser.parse_args(argv)
    started = time.time()
    torch.set_num_threads(args.threads)
    fit_articles, check_articles = split_train(args.shared, args.limit)
    nlp = load_english()
    tokenizer = load_tokenizer(10_000)
    tokenizer.no_truncation()
    examples = collect(nlp, tokenizer, fit_articles)
    print(f"{len(fit_articles)} articles, {len(examples)} windows", file=sys.stderr)
    if args.from_checkpoint:
        network = load_checkpoint(args.from_checkpoint)
    else:
        network = train(
            examples,
            epochs=args.epochs,
            lr=args.lr,
            batch=args.batch,
            seed=args.seed,
            threads=args.threads,
        )
        if args.checkpoint:
            save_checkpoint(network, args.checkpoint)
    agreement = export(network, args.out, examples[:200])
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes), SHA-256 {digest}")
    print(f"int8 vs torch: same arg-max label on {100 * agreement:.2f}% of 200 windows' tokens")
    if not args.no_check:
        model = EncoderSpanModel.load(args.out, expected_sha256=None)
        print(f"held-out train part: {len(check_articles)} articles")
        report("rules", evaluate(nlp, check_articles))
        report("rules+crf", evaluate(nlp, check_articles, load_span_model().refine))
        report("rules+encoder", evaluate(nlp, check_articles, model.refine))
    print(f"{time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
