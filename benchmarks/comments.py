"""Comment toxicity: the shipped model on the held-out parts of the comment corpora.

    python benchmarks/comments.py

Data: ../shared/data/comments. Each corpus is split by the SHA-256 of the
comment text (``training.comments_data.part``); the ``test`` part (20 %) is
never seen in training or tuning, and every figure below is on it
(``--part validation`` prints the same tables on the tune part, where the heads
were calibrated, to compare changes without reading the test part):
OLID levels A/B/C (tweets, macro-F1 at the model's own thresholds), UCC
attributes (``ucc/val.csv``, AUC), SOCC toxicity >= 2 (AUC of the
``offensive`` score), SemEval-2021 Toxic Spans (``tsd_train.csv``, mean
per-post character F1). Anchors are published figures on the official test
sets (OLID paper and OffensEval 2019; UCC authors' BERT; SemEval-2021 best),
so they locate the model; they are not a like-for-like comparison. Also:
speed and even-handedness (party and politician names swapped in comments
written for this benchmark: mean change of the offensive score).

Both shipped models are measured: ``toxicity-v1`` (n-grams) and, when the
minilm extra is installed, ``toxicity-minilm-v2`` (n-grams joined by the logits of
the fine-tuned encoder ``toxicity-finetuned-v1.onnx``; the held-out comments'
encoder outputs are cached on disk by the file's hash, its speed is measured by
encoding ``SPEED_SAMPLE`` comments afresh). Issue 19's OLID A row (floor 0.80,
goal 0.83) is printed under each table.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

# training/ and tests/ live at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsift.comments.model import TARGETS, ToxicityModel, dense_encoder, wants_encoder
from newsift.eval.metrics import char_f1, macro_f1, macro_f1_at_threshold, roc_auc
from training import comments_data as data


class HasText(Protocol):
    @property
    def text(self) -> str: ...


T = TypeVar("T", bound=HasText)

OLID_ANCHORS = {"A": 0.829, "B": 0.755, "C": 0.660}  # OffensEval 2019 best, macro-F1
UCC_ANCHORS = {
    "hostile": 0.84, "antagonize": 0.82, "dismissive": 0.82, "condescending": 0.78,
    "generalisation": 0.74, "sarcastic": 0.64, "unhealthy": 0.69,
}  # fmt: skip
SPANS_ANCHOR = 0.7083
SPEED_SAMPLE = 200  # comments encoded afresh to time the MiniLM model
#: floors on the held-out test part, quoted by the README; the quality gate holds the dev
#: figures to the floors of newsift.eval.floors (tests/eval/test_gates.py)
FLOORS = {"OLID A macro-F1": 0.75, "UCC hostile AUC": 0.74, "SOCC toxicity>=2 AUC": 0.65}
ISSUE_19_OLID_A = (0.80, 0.83)  # issue 19's floor and goal for OLID A macro-F1

#: (comment template, pairs of names swapped into {a}); written for this benchmark
SWAP_TEMPLATES = (
    "The {a} have no idea how to run this province.",
    "Typical {a}, always blaming someone else for their own mess.",
    "I voted for the {a} last time and I regret it.",
    "These {a} clowns should resign, every last one of them.",
    "The {a} proposal on hospital funding deserves a fair hearing.",
    "Anyone who still supports the {a} is an idiot.",
    "Say what you like about the {a}, at least they showed up to the debate.",
    "{b} lied again today and nobody in the press called it out.",
    "{b} gave a thoughtful speech about rural health care.",
    "{b} is a disgrace and should be run out of office.",
)
SWAP_GROUPS = (("Liberals", "Conservatives"), ("Democrats", "Republicans"), ("NDP", "Tories"))
SWAP_PEOPLE = (("Trudeau", "Poilievre"), ("Biden", "Trump"), ("Harris", "DeSantis"))
#: politicians the feature folding does not list: the model sees their real names
SWAP_UNLISTED = (("Newsom", "Abbott"), ("Whitmer", "Youngkin"), ("Eby", "Legault"))


#: the part measured: ``test`` (held out, the default) or ``validation`` (the tune part the
#: heads were calibrated on, for choosing changes without reading the test part)
PART = "test"


def test_part(rows: Sequence[T]) -> list[T]:
    """The rows of the measured part (:data:`PART`)."""
    return [row for row in rows if data.part(row.text) == PART]


def row(metric: str, ours: float, anchor: float | None) -> None:
    anchor_text = f"{anchor:.3f}" if anchor is not None else "-"
    ratio = f"{ours / anchor:.2f}" if anchor else "-"
    print(f"| {metric:34s} | {ours:6.3f} | {anchor_text:>6s} | {ratio:>5s} |")


def bootstrap_interval(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """95 % percentile interval of the AUC over resamples of the comments (fixed seed)."""
    rng = np.random.default_rng(0)
    values = []
    for _ in range(BOOTSTRAP_ROUNDS):
        pick = rng.integers(0, len(gold), len(gold))
        if gold[pick].any() and not gold[pick].all():
            values.append(roc_auc(scores[pick], gold[pick]))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def evenhandedness(
    model: ToxicityModel, pairs: Sequence[tuple[str, str]]
) -> tuple[float, float, int]:
    """Mean absolute and mean signed change of the offensive score when names are swapped."""
    column = model.column("offensive")
    firsts, seconds = [], []
    for template in SWAP_TEMPLATES:
        for a, b in pairs:
            if ("{a}" in template) == ((a, b) in SWAP_GROUPS):
                firsts.append(template.format(a=a, b=a))
                seconds.append(template.format(a=b, b=b))
    first = model.probabilities(firsts)[:, column]
    second = model.probabilities(seconds)[:, column]
    return float(np.mean(np.abs(first - second))), float(np.mean(first - second)), len(firsts)


def measure(model: ToxicityModel) -> dict[str, float]:
    """Print the table of ``model`` on the held-out parts; return the floored figures."""
    print(f"### {model.name}")
    print()
    part = "held-out test part" if PART == "test" else f"{PART} part"
    print(f"| {'metric (' + part + ')':34s} |   ours | anchor | ratio |")
    print("|------------------------------------|--------|--------|-------|")
    figures: dict[str, float] = {}

    tweets = test_part(data.olid())
    p = model.probabilities([t.text for t in tweets])
    gold_a = np.array([t.a == "OFF" for t in tweets])
    figures["OLID A macro-F1"] = macro_f1_at_threshold(
        p[:, model.column("offensive")], gold_a, model.threshold("offensive")
    )
    row(f"OLID A macro-F1 (n={len(tweets)})", figures["OLID A macro-F1"], OLID_ANCHORS["A"])
    level_b = [i for i, t in enumerate(tweets) if t.b is not None]
    gold_b = np.array([tweets[i].b == "TIN" for i in level_b])
    value = macro_f1_at_threshold(
        p[level_b, model.column("targeted")], gold_b, model.threshold("targeted")
    )
    row(f"OLID B macro-F1 (n={len(level_b)})", value, OLID_ANCHORS["B"])
    level_c = [i for i, t in enumerate(tweets) if t.c is not None]
    columns = [model.column(f"target_{t}") for t in TARGETS]
    codes = ("IND", "GRP", "OTH")
    predicted = [codes[int(np.argmax(p[i, columns]))] for i in level_c]
    value = macro_f1(predicted, [str(tweets[i].c) for i in level_c], codes)
    row(f"OLID C macro-F1 (n={len(level_c)})", value, OLID_ANCHORS["C"])

    comments = test_part(data.ucc())
    p = model.probabilities([c.text for c in comments])
    for attribute, anchor in UCC_ANCHORS.items():
        gold = np.array([c.labels[attribute] for c in comments])
        value = roc_auc(p[:, model.column(f"ucc_{attribute}")], gold)
        figures[f"UCC {attribute} AUC"] = value
        row(f"UCC {attribute} AUC ({int(gold.sum())}+/{len(gold)})", value, anchor)
    gold = np.array([c.labels["hostile"] for c in comments])
    value = roc_auc(p[:, model.column("offensive")], gold)
    row("UCC hostile AUC, offensive score", value, UCC_ANCHORS["hostile"])

    socc = test_part(data.socc())
    p = model.probabilities([c.text for c in socc])
    gold = np.array([c.labels["toxic"] for c in socc])
    figures["SOCC toxicity>=2 AUC"] = roc_auc(p[:, model.column("offensive")], gold)
    socc_interval = bootstrap_interval(p[:, model.column("offensive")], gold)
    row(
        f"SOCC toxicity>=2 AUC ({int(gold.sum())}+/{len(gold)})",
        figures["SOCC toxicity>=2 AUC"],
        None,
    )

    posts = test_part(data.semeval_spans())
    scores = [
        char_f1({i for s in model.spans(post.text) for i in range(s.start, s.end)}, post.offsets)
        for post in posts
    ]
    row(f"Toxic Spans char F1 (n={len(posts)})", float(np.mean(scores)), SPANS_ANCHOR)

    texts = [c.text for c in comments] + [c.text for c in socc]
    if model.dense is not None:  # time a fresh encoder on a sample, not the cache
        texts = texts[:SPEED_SAMPLE]
        model = replace(model, encoder=dense_encoder(model.encoder_file))
    start = time.process_time()
    model.probabilities(texts)
    scoring = time.process_time() - start
    start = time.process_time()
    for text in texts:
        model.spans(text)
    tagging = time.process_time() - start
    listed = evenhandedness(model, SWAP_GROUPS + SWAP_PEOPLE)
    unlisted = evenhandedness(model, SWAP_UNLISTED)
    print()
    print(
        f"speed: {len(texts) / max(scoring, 1e-9):,.0f} comments per CPU-second (scores), "
        f"{len(texts) / max(scoring + tagging, 1e-9):,.0f} with spans "
        f"({len(texts)} news comments)"
    )
    for label, (mean_abs, mean_signed, count) in (
        ("parties and listed politicians", listed),
        ("politicians not in the folding list", unlisted),
    ):
        print(
            f"even-handedness, {label}: mean |change| of the offensive score {mean_abs:.3f}, "
            f"mean signed change {mean_signed:+.3f} over {count} swapped pairs (goal < 0.02)"
        )
    print(
        f"SOCC {PART} part: 95 % bootstrap interval of the AUC "
        f"{socc_interval[0]:.3f} to {socc_interval[1]:.3f} ({BOOTSTRAP_ROUNDS} resamples)"
    )
    for name, floor in FLOORS.items():
        status = "ok" if figures[name] >= floor else "BELOW FLOOR"
        print(f"floor {name} >= {floor:.2f}: {figures[name]:.3f} {status}")
    print()
    floor, goal = ISSUE_19_OLID_A
    value = figures["OLID A macro-F1"]
    status = "goal met" if value >= goal else "floor met" if value >= floor else "BELOW FLOOR"
    print("| issue 19 task | ours | floor | goal | best published |")
    print("|---|---|---|---|---|")
    print(f"| OLID A macro-F1 ({model.name}) | {value:.3f} | {floor:.2f} | {goal:.2f} | 0.829 |")
    print(f"issue 19, OLID A: {status}")
    print()
    return figures


BOOTSTRAP_ROUNDS = 2000


def main(argv: list[str] | None = None) -> int:
    global PART
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part",
        choices=("test", "validation"),
        default="test",
        help="validation: the tune part, to compare changes without reading the test part",
    )
    PART = parser.parse_args(argv).part
    if not (data.DATA / "olid").is_dir():
        print(f"comment corpora not found at {data.DATA}", file=sys.stderr)
        return 1
    models = [ToxicityModel.load(encoder="none")]
    if wants_encoder("auto"):
        from newsift.comments.vectors import with_cached_encoder

        models.append(with_cached_encoder(ToxicityModel.load(encoder="minilm")))
    else:
        print("(minilm extra not installed: toxicity-minilm-v2 not measured)")
    for model in models:
        measure(model)
    print(
        "other anchors: OLID paper (Zampieri et al. 2019) level A SVM 0.69, CNN 0.80; "
        "level B SVM 0.69, CNN 0.69; level C SVM 0.45, CNN 0.47"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
