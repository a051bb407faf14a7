"""``training.checkworthy``: how ``examples`` uses the stricter-agreement labels
(2.5xNCS), and ``average``, the weight average of fine-tuned runs.

Only the fitting debates may change: a tuning or validation sentence keeps its
crowdsourced label and appears once whatever the strict file says about it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

pytest.importorskip("torch")  # training.checkworthy imports the fine-tuning harness

from training.checkworthy import HEAD, average, examples
from training.finetune import FineTuned, Network, load_bert, load_tokenizer

from tests.training.tiny import tiny_config

FIT, TUNE, VALIDATION = "1960-09-26.txt", "2008-10-07.txt", "1960-10-13.txt"

#: sentence id, debate, crowdsourced verdict, strict label (None: not in the file)
ROWS = (
    (1, FIT, 1, 1),  # confirmed positive
    (2, FIT, -1, 0),  # confirmed negative
    (3, FIT, 1, 0),  # contradicted
    (4, FIT, 0, None),  # absent
    (5, FIT, 1, None),  # absent positive
    (6, TUNE, 1, 0),  # contradicted, but tuning
    (7, VALIDATION, -1, 1),  # contradicted, but validation
    (8, TUNE, 1, 1),  # confirmed, but tuning
)

#: mode -> (copies of each fitting sentence 1..5, in order)
CASES = {
    "crowd": (1, 1, 1, 1, 1),
    "weighted": (2, 2, 0, 1, 1),
    "strict": (1, 1, 0, 0, 0),
}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "crowdsourced.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Sentence_id", "Text", "File_id", "Verdict"])
        for sentence_id, debate, verdict, _ in ROWS:
            writer.writerow([sentence_id, f"sentence {sentence_id}", debate, verdict])
    strict = tmp_path / "2.5xNCS.json"
    items = [
        {"sentence_id": i, "label": label, "text": f"sentence {i}"}
        for i, _, _, label in ROWS
        if label is not None
    ]
    strict.write_text(json.dumps(items), encoding="utf-8")
    return data, strict


@pytest.mark.parametrize(("mode", "copies"), sorted(CASES.items()))
def test_fitting_sentences_follow_the_mode(
    files: tuple[Path, Path], mode: str, copies: tuple[int, ...]
) -> None:
    fit, tune, validation = examples(files[0], labels=mode, strict=files[1])
    texts = [text for text, _ in fit]
    assert [texts.count(f"sentence {i}") for i in range(1, 6)] == list(copies)
    # labels stay the crowdsourced ones (a contradicted sentence is dropped, not flipped)
    verdicts = {f"sentence {i}": int(v == 1) for i, _, v, _ in ROWS}
    assert all(labels[HEAD.name] == verdicts[text] for text, labels in fit)
    # tuning and validation: every sentence once, crowdsourced label
    assert [(t, lab[HEAD.name]) for t, lab in tune] == [
        ("sentence 6", 1),
        ("sentence 8", 1),
    ]
    assert [(t, lab[HEAD.name]) for t, lab in validation] == [("sentence 7", 0)]


def _random(seed: int) -> FineTuned:
    import torch

    torch.manual_seed(seed)
    network = Network(load_bert(tiny_config()), [HEAD]).eval()
    return FineTuned(network, (HEAD,), load_tokenizer(16), 16)


@pytest.mark.parametrize(
    "key",
    [
        "heads.weight",
        "heads.bias",
        "bert.embeddings.word_embeddings.weight",
        "bert.encoder.layer.1.attention.self.query.weight",
        "bert.encoder.layer.0.output.dense.weight",
    ],
)
def test_average_is_the_mean_of_the_weights(key: str) -> None:
    import torch

    runs = [_random(seed) for seed in (1, 2, 3)]
    before = [run.network.state_dict()[key].clone() for run in runs]
    assert not torch.equal(before[0], before[1])  # the runs differ
    mean = average(runs).network.state_dict()
    assert torch.allclose(mean[key], torch.stack(before).mean(0), atol=1e-7)
    for name, value in mean.items():  # integer buffers (position ids) stay as they were
        assert value.is_floating_point() or torch.equal(value, runs[1].network.state_dict()[name])
