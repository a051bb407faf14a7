"""The optional checkpoint backend, exercised offline on a tiny random BERT built here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsift.comments.analyzer import ToxicityAnalyzer
from newsift.comments.backend import HFToxicity, label_mapping
from newsift.document import Document, Region, Span
from newsift.errors import ModelError

hf = pytest.importorskip("newsift.backends.hf")
needs_hf = pytest.mark.skipif(not hf.hf_available(), reason="the hf extra is not installed")

DETOXIFY_LABELS = ["toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (
            DETOXIFY_LABELS,
            {
                "offensive": "toxicity",
                "insult": "insult",
                "identity_attack": "identity_attack",
                "threat": "threat",
                "profanity": "obscene",
            },
        ),
        (["toxic", "identity_hate"], {"offensive": "toxic", "identity_attack": "identity_hate"}),
        (["NOT", "OFF"], {"offensive": "OFF"}),
        (["positive", "negative"], {}),
    ],
)
def test_label_mapping(labels: list[str], expected: dict[str, str]) -> None:
    assert label_mapping(labels) == expected


@pytest.fixture(scope="module")
def detoxify_like(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("detoxify")
    return Path(hf.tiny_bert_checkpoint(folder, DETOXIFY_LABELS, task="text", multi_label=True))


@needs_hf
def test_analyzer_takes_scores_from_the_checkpoint(detoxify_like: Path) -> None:
    text = "the government is corrupt\n\n"
    doc = Document(text, layers={"regions": [Region("c1", "comment", 0, 25, [Span(0, 25)])]})
    analyzer = ToxicityAnalyzer(backend=str(detoxify_like))
    [item] = analyzer(doc).layers["toxicity"]
    [expected] = HFToxicity.load(detoxify_like).scores(["the government is corrupt"])
    assert set(expected) == set(item.scores)
    for name, value in expected.items():
        assert item.scores[name] == pytest.approx(value, abs=1e-4)
    assert item.offensive is (item.scores["offensive"] >= 0.5)


@needs_hf
def test_checkpoint_without_an_offensive_label_is_refused(tmp_path: Path) -> None:
    folder = hf.tiny_bert_checkpoint(tmp_path / "sentiment", ["positive", "negative"])
    with pytest.raises(ModelError, match="no label for 'offensive'"):
        HFToxicity.load(folder)


@needs_hf
def test_cli_backend(
    detoxify_like: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsift.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("the police report was shocking\n"))
    assert main(["comments", "score", "-", "--backend", str(detoxify_like)]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(row["scores"]) == {"offensive", "insult", "identity_attack", "threat", "profanity"}


def test_cli_backend_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsift.cli import main

    assert main(["comments", "score", "-", "--backend", str(tmp_path / "nope")]) == 1
    assert "newsift: error:" in capsys.readouterr().err
