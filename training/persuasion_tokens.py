"""Fine-tune all-MiniLM-L6-v2 as a tagger of persuasion-technique spans; ship int8 ONNX.

    python -m training.persuasion_tokens [--data DIR] [--out PATH] [--limit N]
        [--epochs N] [--lr X] [--batch N] [--seed N] [--threads N]
        [--checkpoint PATH] [--from-checkpoint PATH] [--linear] [--scored PATH --cascade]

(``--out`` defaults to src/newsift/models/techniques-spans-encoder-v1.onnx.)

Data as :mod:`training.persuasion` (the linear tagger it may replace): PTC v2
``internal_train`` (``internal_dev`` is never read here), split by
:func:`training.persuasion.is_tuning` into a fitting part (three quarters) and a
tuning quarter. Each line of a fitting article is one sentence; its tokens are
word-pieced and windowed by the run time's own function
(:func:`newsift.persuasion.span_encoder.sentence_windows`), and every piece is
labelled ``I`` when its token overlaps a gold SI span, ``O`` otherwise ([CLS] and
[SEP] carry no loss). Names are read as written here (the epoch is chosen that
way too); the run time folds party and politician names to one placeholder
(``fold_names``), and the decoding is chosen on the int8 model as the run time
reads (names folded).

The network is the sentence encoder's BERT with one linear layer over every last
hidden state (2 logits per piece), trained by :func:`training.finetune_tokens.train`
(AdamW, linear warm-up and decay, length buckets, seeded, one thread). After each
epoch the tuning quarter's SI F1 (best decoding of the grid below) is measured and
the best epoch's weights are kept. They are exported as int8 ONNX
(:func:`training.finetune.write_int8_onnx`), and the decoding settings
(threshold, peak, gap of :func:`newsift.persuasion.model.decode`) are chosen on the
tuning quarter from the int8 model's own probabilities; the figures to copy into
:mod:`newsift.persuasion.span_encoder` (hash, settings) are printed. ``--linear``
also fits the linear tagger on the fitting part (C as shipped) and prints its
tuning figures, the bar the encoder must beat. ``--scored PATH`` skips training
and scores an exported model; with ``--linear --cascade`` it also measures a
cascade on the tuning quarter: the encoder reads only the sentences where the
linear tagger's highest token probability reaches a gate (the others get no span),
for each gate of :data:`GATES`: SI F1 and the share of sentences encoded.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from numpy.typing import NDArray

from newsift.eval.persuasion import PRF
from newsift.persuasion.model import SpanTagger
from newsift.persuasion.span_encoder import (
    LABELS,
    MODEL_FILE,
    EncoderSpanTagger,
    Window,
    piece_probabilities,
    sentence_windows,
    token_probabilities,
)
from training.finetune import _pad, load_tokenizer, write_int8_onnx
from training.finetune_tokens import (
    IGNORE,
    Example,
    TokenNetwork,
    load_checkpoint,
    save_checkpoint,
    train,
)
from training.paths import MODELS
from training.persuasion import Prepared, fit_tagger, is_tuning, prepare, tagger_score
from training.persuasion_data import DATA, load_articles

#: (threshold, peak, max_gap) settings of the decoding tried on the tuning quarter
DECODINGS = tuple(
    (low, high, gap)
    for gap in (1, 3, 5, 8)
    for low in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
    for high in (0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)
    if high >= low
)
#: gates of the cascade tried on the tuning quarter (linear tagger's max token probability)
GATES = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
#: the shipped linear tagger's C (techniques-v1.md), for ``--linear``
LINEAR_C = 0.1

Probabilities = dict[str, list[NDArray[np.float64]]]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def examples(tokenizer: object, items: Sequence[Prepared]) -> list[Example]:
    """One example per window of every sentence (see the module's description)."""
    out: list[Example] = []
    for item in items:
        inside = np.zeros(len(item.article.text) + 1, dtype=bool)
        for a, b in item.article.si_spans:
            inside[a:b] = True
        for sentence in item.sentences:
            gold = [int(inside[t.start : t.end].any()) for t in sentence.tokens]
            for window in sentence_windows(tokenizer, sentence, fold_names=False):
                labels = [IGNORE if w < 0 else gold[w] for w in window.tokens]
                out.append(Example(window.ids, labels))
    return out


@torch.no_grad()
def torch_probabilities(
    network: TokenNetwork, tokenizer: object, items: Sequence[Prepared], batch: int = 64
) -> Probabilities:
    """Per article and sentence, each token's probability from the torch network."""
    windows: list[tuple[str, int, Window]] = []
    for item in items:
        for k, sentence in enumerate(item.sentences):
            windows.extend(
                (item.article.id, k, w)
                for w in sentence_windows(tokenizer, sentence, fold_names=False)
            )
    order = sorted(range(len(windows)), key=lambda i: len(windows[i][2].ids))
    piece_probs: list[NDArray[np.float64]] = [np.zeros(0)] * len(windows)
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        ids, mask = _pad([windows[i][2].ids for i in rows])
        logits = network(ids, mask).numpy()
        for r, i in enumerate(rows):
            piece_probs[i] = piece_probabilities(logits[r, : len(windows[i][2].ids)])
    grouped: dict[tuple[str, int], list[int]] = {}
    for i, (name, k, _) in enumerate(windows):
        grouped.setdefault((name, k), []).append(i)
    out: Probabilities = {}
    for item in items:
        out[item.article.id] = [
            token_probabilities(
                len(sentence.tokens),
                [windows[i][2] for i in grouped.get((item.article.id, k), [])],
                [piece_probs[i] for i in grouped.get((item.article.id, k), [])],
            )
            for k, sentence in enumerate(item.sentences)
        ]
    return out


def best_decoding(
    items: Sequence[Prepared], probabilities: Probabilities
) -> tuple[tuple[float, float, int], PRF]:
    """The decoding settings of :data:`DECODINGS` with the best SI F1 on ``items``."""
    scored = []
    for threshold, peak, gap in DECODINGS:
        settings = SpanTagger(np.zeros(0, dtype=np.float32), 0.0, threshold, peak, gap)
        scored.append(((threshold, peak, gap), tagger_score(settings, items, probabilities)))
    return max(scored, key=lambda pair: pair[1].f1)


def cascade(items: Sequence[Prepared], linear: Probabilities, encoder: Probabilities) -> None:
    """SI F1 on ``items`` when the encoder reads only the sentences the linear tagger's
    highest token probability sends it (``GATES``); the others get no span."""
    sentences = sum(len(item.sentences) for item in items)
    for gate in GATES:
        gated: Probabilities = {}
        sent = 0
        for item in items:
            rows = []
            for low, high in zip(linear[item.article.id], encoder[item.article.id], strict=True):
                send = low.size > 0 and float(low.max()) >= gate
                sent += send
                rows.append(high if send else np.zeros_like(high))
            gated[item.article.id] = rows
        settings, figures = best_decoding(items, gated)
        print(
            describe(
                f"cascade gate {gate} ({100 * sent / sentences:.0f}% encoded)", settings, figures
            )
        )


def describe(name: str, settings: tuple[float, float, int], figures: PRF) -> str:
    threshold, peak, gap = settings
    return (
        f"{name}: threshold {threshold} peak {peak} gap {gap}: SI F1 {figures.f1:.4f} "
        f"(P {figures.precision:.4f} R {figures.recall:.4f}, {figures.predicted} spans)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODELS / MODEL_FILE)
    parser.add_argument("--limit", type=int, default=0, help="only the first N fitting articles")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--checkpoint", type=Path, help="also save the best torch weights here")
    parser.add_argument("--from-checkpoint", type=Path, help="export these weights, no training")
    parser.add_argument("--linear", action="store_true", help="also score the linear tagger")
    parser.add_argument("--scored", type=Path, help="score this exported model, no training")
    parser.add_argument("--cascade", action="store_true", help="with --linear: gate the encoder")
    args = parser.parse_args(argv)
    started = time.time()
    torch.set_num_threads(args.threads)
    articles = [a for a in load_articles(args.data) if a.subset == "internal_train"]
    fit_part = prepare([a for a in articles if not is_tuning(a.id)])
    tune_part = prepare([a for a in articles if is_tuning(a.id)])
    if args.limit:
        fit_part = fit_part[: args.limit]
        tune_part = tune_part[: max(args.limit // 3, 1)]
    tokenizer = load_tokenizer(10_000)
    tokenizer.no_truncation()
    fit_examples = examples(tokenizer, fit_part)
    inside = sum(label == 1 for e in fit_examples for label in e.labels)
    labelled = sum(label != IGNORE for e in fit_examples for label in e.labels)
    log(
        f"fitting part: {len(fit_part)} articles, {len(fit_examples)} windows, "
        f"{labelled} pieces ({100 * inside / max(labelled, 1):.1f}% inside a span); "
        f"tuning quarter: {len(tune_part)} articles"
    )
    linear_probabilities: Probabilities = {}
    if args.linear:
        linear = fit_tagger(fit_part, LINEAR_C)
        linear_probabilities = {
            item.article.id: linear.token_probabilities(item.sentences, item.context)
            for item in tune_part
        }
        settings, figures = best_decoding(tune_part, linear_probabilities)
        print(describe(f"linear tagger (C={LINEAR_C}), tuning quarter", settings, figures))
    if args.scored:
        model = EncoderSpanTagger.load(args.scored, expected_sha256=None)
        ours = {
            item.article.id: model.token_probabilities(item.sentences, item.context)
            for item in tune_part
        }
        settings, figures = best_decoding(tune_part, ours)
        print(describe(f"encoder {args.scored.name}, tuning quarter", settings, figures))
        if args.cascade and linear_probabilities:
            cascade(tune_part, linear_probabilities, ours)
        return 0
    if args.from_checkpoint:
        network = load_checkpoint(args.from_checkpoint, labels=len(LABELS))
    else:
        best: dict[str, object] = {"f1": -1.0}

        def after_epoch(epoch: int, network: TokenNetwork) -> None:
            cpu = time.process_time()
            probabilities = torch_probabilities(network, tokenizer, tune_part)
            settings, figures = best_decoding(tune_part, probabilities)
            log(
                describe(f"epoch {epoch}, torch, tuning quarter", settings, figures)
                + f" [{time.process_time() - cpu:.0f} CPU-s]"
            )
            if figures.f1 > float(str(best["f1"])):
                best.update(
                    f1=figures.f1,
                    epoch=epoch,
                    state={k: v.detach().clone() for k, v in network.state_dict().items()},
                )

        cpu0 = time.process_time()
        network = train(
            fit_examples,
            epochs=args.epochs,
            lr=args.lr,
            batch=args.batch,
            seed=args.seed,
            threads=args.threads,
            labels=len(LABELS),
            after_epoch=after_epoch,
        )
        print(
            f"trained {args.epochs} epochs: {time.process_time() - cpu0:.0f} CPU-s, "
            f"{time.time() - started:.0f} s wall; best epoch {best['epoch']}"
        )
        state = best["state"]
        assert isinstance(state, dict)
        network.load_state_dict(state)
        network.eval()
        if args.checkpoint:
            save_checkpoint(network, args.checkpoint)
    write_int8_onnx(network, args.out, {"logits": {0: "batch", 1: "tokens"}}, example_batch=1)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes), SHA-256 {digest}")
    model = EncoderSpanTagger.load(args.out, expected_sha256=None)
    cpu = time.process_time()
    ours = {
        item.article.id: model.token_probabilities(item.sentences, item.context)
        for item in tune_part
    }
    onnx_cpu = time.process_time() - cpu
    words = sum(len(item.article.text.split()) for item in tune_part)
    model.fold_names = False  # as torch reads them, to compare like with like
    as_written = {
        item.article.id: model.token_probabilities(item.sentences, item.context)
        for item in tune_part
    }
    reference = torch_probabilities(network, tokenizer, tune_part)
    flat_ours = np.concatenate([p for v in as_written.values() for p in v])
    flat_ref = np.concatenate([p for v in reference.values() for p in v])
    print(
        f"int8 vs torch on the tuning quarter's {flat_ours.size} tokens: max probability "
        f"difference {np.max(np.abs(flat_ours - flat_ref)):.4f}, same side of 0.5 on "
        f"{100 * np.mean((flat_ours >= 0.5) == (flat_ref >= 0.5)):.2f}%"
    )
    print(describe("encoder (int8, names as written)", *best_decoding(tune_part, as_written)))
    print(f"int8 run time: {1000 * onnx_cpu / max(words, 1) * 1000:.0f} CPU-ms per 1,000 words")
    settings, figures = best_decoding(tune_part, ours)
    print(describe("encoder (int8, names folded: the run time), tuning quarter", settings, figures))
    print(f"copy into span_encoder.py: MODEL_SHA256 = {digest!r}, THRESHOLD, PEAK, MAX_GAP = ")
    print(f"    {settings[0]}, {settings[1]}, {settings[2]}")
    print(f"{time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
