"""The learned cue tagger (:mod:`newsift.attribution.cue_tagger`).

Forward-backward marginals must equal those of a brute-force sum over every
labelling; a saved tagger loads back the same and a damaged one is one
ModelError; the shipped model adds statements for cues outside the rules'
lexicon in sentences written here (invented names), leaves the rules' own
cues and sentences without attribution alone, and abstains under its threshold.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from newsift.attribution.cue_tagger import (
    CueTagger,
    load_cue_tagger,
    marginals,
    save_cue_tagger,
)
from newsift.attribution.spans import LABELS, SpanModel
from newsift.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

    from newsift.attribution.quotes import Speech


def _score(labels: tuple[int, ...], emissions: np.ndarray, transitions: np.ndarray) -> float:
    total = sum(float(emissions[i, label]) for i, label in enumerate(labels))
    total += sum(float(transitions[a, b]) for a, b in itertools.pairwise(labels))
    return total


@pytest.mark.parametrize("seed", range(12))
def test_marginals_match_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    emissions = rng.normal(size=(n, len(LABELS)))
    transitions = rng.normal(size=(len(LABELS), len(LABELS)))
    expected = np.zeros((n, len(LABELS)))
    for labels in itertools.product(range(len(LABELS)), repeat=n):
        weight = np.exp(_score(labels, emissions, transitions))
        for i, label in enumerate(labels):
            expected[i, label] += weight
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(marginals(emissions, transitions), expected, rtol=1e-9)


def _small_tagger(threshold: float) -> CueTagger:
    rng = np.random.default_rng(1)
    names = ["bias", "l=hope", "lex=belief"]
    crf = SpanModel(
        {name: i for i, name in enumerate(names)},
        rng.normal(size=(3, 3)).astype(np.float32).astype(np.float64),
        rng.normal(size=(3, 3)).astype(np.float32).astype(np.float64),
    )
    return CueTagger(crf, frozenset({"hope", "believe"}), threshold)


def test_saved_tagger_loads_back(tmp_path: Path) -> None:
    tagger = _small_tagger(0.75)
    path = tmp_path / "cues.npz"
    save_cue_tagger(tagger, path)
    loaded = load_cue_tagger(path)
    assert loaded.crf.index == tagger.crf.index
    assert loaded.lemmas == tagger.lemmas
    assert loaded.threshold == pytest.approx(0.75)
    np.testing.assert_array_equal(loaded.crf.weights, tagger.crf.weights)


@pytest.mark.parametrize("threshold", [-0.5, 1.5])
def test_threshold_out_of_range_is_damage(tmp_path: Path, threshold: float) -> None:
    path = tmp_path / "cues.npz"
    save_cue_tagger(_small_tagger(threshold), path)
    with pytest.raises(ModelError):
        load_cue_tagger(path)


def test_damaged_file_is_model_error(tmp_path: Path) -> None:
    path = tmp_path / "cues.npz"
    np.savez_compressed(path, version=np.array(1), labels=np.array(LABELS))
    with pytest.raises(ModelError):
        load_cue_tagger(path)


def test_shipped_tagger_loads() -> None:
    tagger = load_cue_tagger()
    assert 0.0 < tagger.threshold < 1.0
    assert {"believe", "hope"} <= tagger.lemmas
    assert tagger.crf.weights.shape == (len(tagger.crf.index), len(LABELS))


@pytest.fixture(scope="module")
def nlp() -> Language:
    pytest.importorskip("spacy", reason="the cue tagger reads a spaCy parse")
    from newsift.attribution.nlp import load_english
    from newsift.errors import ConfigError

    try:
        return load_english()
    except ConfigError as exc:
        pytest.skip(f"English spaCy pipeline not installed: {exc}")


def _added(nlp: Language, text: str, threshold: float | None = None) -> list[Speech]:
    from newsift.attribution.quotes import find_speech

    tagger = load_cue_tagger()
    if threshold is not None:
        tagger = CueTagger(tagger.crf, tagger.lemmas, threshold)
    sdoc = nlp(text)
    rule = find_speech(sdoc, 0, 0, [])
    return tagger(sdoc, 0, 0, [], rule)


def _parts(text: str, speech: Speech) -> tuple[str, str, str]:
    assert speech.speaker is not None and speech.content is not None
    return (
        text[speech.cue.start : speech.cue.end],
        text[speech.speaker.start : speech.speaker.end],
        text[speech.content.start : speech.content.end],
    )


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "Senator Marla Quibbet believes that the tax plan will fail in the spring.",
            "believes",
            "Senator Marla Quibbet",
            "that the tax plan will fail in the spring",
        ),
        (
            "Governor Tomas Vrenk hopes to sign the water bill before the summer recess.",
            "hopes",
            "Governor Tomas Vrenk",
            "to sign the water bill before the summer recess",
        ),
        (
            "Mayor Edda Pollik thinks the council should vote on the budget this week.",
            "thinks",
            "Mayor Edda Pollik",
            "the council should vote on the budget this week",
        ),
    ],
)
def test_tags_cues_the_rules_miss(
    nlp: Language, text: str, cue: str, source: str, content: str
) -> None:
    added = _added(nlp, text)
    assert [_parts(text, s) for s in added] == [(cue, source, content)]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge opened in 1932 and carries four lanes of traffic across the river.",
        "Senator Marla Quibbet said that the tax plan would fail in the spring.",  # rules' cue
        "Rain fell on the harbour all morning, and the ferries stayed in port.",
    ],
)
def test_abstains_without_a_missed_cue(nlp: Language, text: str) -> None:
    assert _added(nlp, text) == []


def test_abstains_under_its_threshold(nlp: Language) -> None:
    text = "Senator Marla Quibbet believes that the tax plan will fail in the spring."
    assert _added(nlp, text, threshold=1.0) == []


@pytest.mark.parametrize(
    ("params", "cues"),
    [
        ({}, []),
        ({"cue_model": True}, ["believes"]),
        ({"cue_model": True, "cue_threshold": 1.0}, []),
    ],
)
def test_analyzer_runs_it_only_when_asked(
    analyse: object, params: dict[str, object], cues: list[str]
) -> None:
    import newsift

    text = "Senator Marla Quibbet believes that the tax plan will fail in the spring.\n"
    config: list[object] = [
        {"name": "structure.v1", "params": {"line_model": False}},
        {"name": "attribution.quotes.v1", "params": params},
    ]
    doc = newsift.Pipeline.from_config(config)(newsift.load(text, kind="text"))
    assert [text[q.cue.start : q.cue.end] for q in doc.layers["quotes"]] == cues
