"""The adapter for a user's Hugging Face token-classification checkpoint (the hf extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsift
import newsift.persuasion.analyzer  # noqa: F401  (registers persuasion.techniques.v1)
from newsift.document import Span
from newsift.errors import ModelError
from newsift.persuasion.analyzer import QuoteSpan, find_techniques_hf
from newsift.persuasion.hf import HFTechniqueTagger, label_map
from newsift.persuasion.labels import TECHNIQUES


@pytest.mark.parametrize(
    ("label", "technique"),
    [
        ("O", None),
        ("B-Loaded_Language", "Loaded_Language"),
        ("I-Loaded_Language", "Loaded_Language"),
        ("Name_Calling,Labeling", "Name_Calling,Labeling"),
        ("B-Name_Calling-Labeling", "Name_Calling,Labeling"),
        ("Labeling", "Name_Calling,Labeling"),
        ("I-Straw_Men", "Whataboutism,Straw_Men,Red_Herring"),
        ("Red_Herring", "Whataboutism,Straw_Men,Red_Herring"),
        ("Reductio_ad_hitlerum", "Bandwagon,Reductio_ad_hitlerum"),
        ("False_Dilemma-No_Choice", "Black-and-White_Fallacy"),
        ("appeal to fear-prejudice", "Appeal_to_fear-prejudice"),
        ("S-Slogans", "Slogans"),
    ],
)
def test_label_map(label: str, technique: str | None) -> None:
    assert label_map([label, "B-Doubt"])[label] == technique


@pytest.mark.parametrize("labels", [["O", "B-Sarcasm"], ["O"], ["LABEL_0", "LABEL_1"]])
def test_label_map_refuses(labels: list[str]) -> None:
    with pytest.raises(ModelError):
        label_map(labels)


LABELS = ["O", "B-Loaded_Language", "I-Loaded_Language", "B-Doubt", "I-Doubt"]


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch", reason="the HF adapter needs the hf extra")
    from newsift.backends.hf import tiny_bert_checkpoint

    return tiny_bert_checkpoint(tmp_path_factory.mktemp("ptc-bert"), LABELS, task="token")


def test_tagger_spans_from_tiny_checkpoint(checkpoint: Path) -> None:
    tagger = HFTechniqueTagger.load(checkpoint)
    text = "the shocking crisis was a disaster . they said the report was corrupt ."
    ranges = [Span(0, 35), Span(36, len(text))]
    spans = tagger.tag(text, ranges)
    assert spans, "a random model tags something in 14 tokens with 5 labels"
    for s in spans:
        assert s.label in TECHNIQUES
        assert 0.0 <= s.score <= 1.0
        assert any(r.start <= s.start < s.end <= r.end for r in ranges)
    assert tagger.tag(text, []) == []


def test_find_techniques_hf_keeps_quotes_attributed(checkpoint: Path) -> None:
    tagger = HFTechniqueTagger.load(checkpoint)
    text = "the shocking crisis was a disaster . they said the report was corrupt ."
    whole = QuoteSpan("q1", 0, len(text), "src-1")
    found = find_techniques_hf(tagger, text, [Span(0, 35), Span(36, len(text))], [whole])
    assert all(t.quote == "q1" and t.speaker == "src-1" for t in found)
    assert all(
        text[t.span.start : t.span.end].strip() == text[t.span.start : t.span.end] for t in found
    )


def test_analyzer_with_checkpoint(checkpoint: Path) -> None:
    pytest.importorskip("spacy")
    import newsift.attribution.analyzer

    pipeline = newsift.Pipeline.from_config(
        [
            "structure.v1",
            "attribution.quotes.v1",
            {"name": "persuasion.techniques.v1", "params": {"checkpoint": str(checkpoint)}},
        ]
    )
    doc = pipeline(
        newsift.load("Crisis\n\nthe shocking crisis was a disaster for all people.\n", kind="text")
    )
    assert all(t.label in TECHNIQUES for t in doc.layers["techniques"])


def test_missing_checkpoint_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="the HF adapter needs the hf extra")
    with pytest.raises(ModelError, match="not a checkpoint folder"):
        HFTechniqueTagger.load(tmp_path / "nowhere")
