"""The MiniLM content tagger's run time (:mod:`newsift.attribution.span_encoder`).

Its input must fence the cue and the rules' content where they are, map every
spaCy token to its first word piece, refuse windows too long; its decoding must
never open a segment on white space; a missing or altered model is one
ModelError; ``spans`` takes only the models there are, and "encoder" is the CRF
where onnxruntime is missing.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from newsift.attribution.span_encoder import (
    MAX_PIECES,
    MODEL_FILE,
    EncoderSpanModel,
    tagger_input,
    token_emissions,
    trimmed,
)
from newsift.attribution.spans import LABELS, SpanModel, Window
from newsift.document import Span
from newsift.encoders.minilm import minilm_available, models_dir
from newsift.errors import ConfigError, ModelError

needs_minilm = pytest.mark.skipif(
    not minilm_available(), reason="the minilm extra is not installed"
)


@pytest.fixture(scope="module")
def tokenizer() -> object:
    tokenizers = pytest.importorskip("tokenizers", reason="the minilm extra is not installed")
    loaded = tokenizers.Tokenizer.from_file(str(models_dir() / "minilm-l6-tokenizer.json"))
    loaded.no_padding()
    loaded.no_truncation()
    return loaded


_BLANK: list[object] = []


def _window(text: str, offset: int = 0) -> Window:
    """The whole text as one window, cut by spaCy's English tokenizer (no model)."""
    if not _BLANK:
        _BLANK.append(pytest.importorskip("spacy").blank("en"))
    sdoc = _BLANK[0](text)  # type: ignore[operator]
    return Window(sdoc, 0, len(sdoc), offset)


def _speech(text: str, cue: str, content: str, offset: int = 0) -> SimpleNamespace:
    lo = text.index(cue)
    start = text.index(content)
    return SimpleNamespace(
        cue=Span(offset + lo, offset + lo + len(cue)),
        content=Span(offset + start, offset + start + len(content)),
    )


@pytest.mark.parametrize(
    ("text", "cue", "content", "pieces"),
    [
        (
            "He said the plan failed.",
            "said",
            "the plan failed",
            "[CLS] he [unused0] said [unused1] [unused2] the plan failed [unused3] . [SEP]",
        ),
        (
            '"We won," she said.',
            "said",
            '"We won,"',
            '[CLS] [unused2] " we won , " [unused3] she [unused0] said [unused1] . [SEP]',
        ),
        (
            "Taxes, he argued, must rise.",
            "argued",
            "Taxes, he argued, must rise",
            "[CLS] [unused2] taxes , he [unused0] argued [unused1] , must rise [unused3] . [SEP]",
        ),
        (
            "Officials told reporters: nothing.",
            "told",
            "nothing.",
            "[CLS] officials [unused0] told [unused1] reporters : [unused2] nothing . [unused3] [SEP]",
        ),
        (
            "Smith acknowledged wrongdoing",
            "acknowledged",
            "wrongdoing",
            "[CLS] smith [unused0] acknowledged [unused1] [unused2] wrong ##do ##ing [unused3] [SEP]",
        ),
    ],
)
@pytest.mark.parametrize("offset", [0, 37])
def test_markers_fence_cue_and_content(
    tokenizer: object, text: str, cue: str, content: str, pieces: str, offset: int
) -> None:
    found = tagger_input(tokenizer, _speech(text, cue, content, offset), _window(text, offset))
    assert found is not None
    assert " ".join(tokenizer.id_to_token(i) for i in found.ids) == pieces  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # token -> its first piece (its own text, lower-cased); "" for none (white space)
        ("He said yes.", ["he", "said", "yes", "."]),
        ("He said  yes.", ["he", "said", "", "yes", "."]),
        ("Wrongdoing, said Oh.", ["wrong", ",", "said", "oh", "."]),
    ],
)
def test_each_token_reads_its_first_piece(
    tokenizer: object, text: str, expected: list[str]
) -> None:
    found = tagger_input(tokenizer, _speech(text, "said", text[-4:-1]), _window(text))
    assert found is not None
    got = [tokenizer.id_to_token(found.ids[h]) if h >= 0 else "" for h in found.heads]  # type: ignore[attr-defined]
    assert got == expected


def test_a_window_too_long_keeps_the_rules_content(tokenizer: object) -> None:
    text = "He said " + "very " * MAX_PIECES + "long."
    assert tagger_input(tokenizer, _speech(text, "said", "very"), _window(text)) is None


@pytest.mark.parametrize(
    ("logits", "heads", "best"),
    [
        ([[2.0, 0.0, 0.0], [0.0, 3.0, 0.0]], [0, 1], ["O", "B"]),
        ([[0.0, 5.0, 0.0], [0.0, 0.0, 5.0]], [0, -1, 1], ["B", "I-or-O", "I"]),
        ([[0.0, 0.0, 1.0]], [-1, 0], ["I-or-O", "I"]),
    ],
)
def test_emissions_are_log_probabilities_and_white_space_opens_nothing(
    logits: list[list[float]], heads: list[int], best: list[str]
) -> None:
    out = token_emissions(np.array(logits, dtype=np.float32), heads)
    assert out.shape == (len(heads), len(LABELS))
    for row, head, label in zip(out, heads, best, strict=True):
        if head >= 0:
            assert np.exp(row).sum() == pytest.approx(1.0)
            assert LABELS[int(row.argmax())] == label
        else:
            assert row[LABELS.index("B")] < -1000 and row[LABELS.index("O")] == 0.0


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        ("He said  yes .", [(2, 4)], [(3, 4)]),  # a leading white-space token goes
        ("He said yes  .", [(2, 4)], [(2, 3)]),  # and a trailing one
        ("He said  .", [(2, 3)], []),  # a segment of white space only is no segment
        ("He said yes .", [(0, 1), (2, 4)], [(0, 1), (2, 4)]),
    ],
)
def test_segments_lose_white_space_at_their_edges(
    text: str, found: list[tuple[int, int]], expected: list[tuple[int, int]]
) -> None:
    assert trimmed(_window(text), found) == expected


def test_a_missing_or_altered_model_is_one_model_error(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime", reason="the minilm extra is not installed")
    with pytest.raises(ModelError, match="no"):
        EncoderSpanModel.load(tmp_path / MODEL_FILE)
    altered = tmp_path / MODEL_FILE
    altered.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="hash differs"):
        EncoderSpanModel.load(altered, expected_sha256="0" * 64)
    with pytest.raises(ModelError, match="damaged"):
        EncoderSpanModel.load(altered, expected_sha256=None)


def test_spans_takes_only_known_models() -> None:
    from newsift.attribution.analyzer import QuoteAnalyzer

    with pytest.raises(ConfigError, match="crf, encoder"):
        QuoteAnalyzer(spans="bert")


def test_without_onnxruntime_the_encoder_is_the_crf(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsift.attribution import analyzer

    monkeypatch.setattr(analyzer, "onnx_available", lambda: False)
    assert isinstance(analyzer.load_spans("encoder"), SpanModel)


@pytest.fixture(scope="module")
def analyse_encoder(analyse: object) -> object:
    """text -> the contents of its quotes, with spans="encoder" (the shipped model)."""
    import newsift

    pipeline = newsift.Pipeline.from_config(
        [
            {"name": "structure.v1", "params": {"line_model": False}},
            {
                "name": "attribution.quotes.v1",
                "params": {"spans": "encoder", "display_policy": False},
            },
        ]
    )

    def run(text: str) -> list[str]:
        doc = pipeline(newsift.load(text, kind="text"))
        return [doc.text[q.content.start : q.content.end] for q in doc.layers["quotes"]]

    return run


@needs_minilm
@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("The mayor said the bridge would reopen in May.", ["the bridge would reopen in May"]),
        (
            "“We will not close the clinic,” the minister said on Tuesday.",
            ["“We will not close the clinic,”"],
        ),
        (
            "Lena Moss, a spokeswoman for Open Roads, said the fee was unfair and would be "
            "challenged in court.",
            ["the fee was unfair and would be challenged in court"],
        ),
        (
            "Officials told reporters that the vote would be delayed, a move that angered "
            "the opposition.",
            ["that the vote would be delayed"],
        ),
        (
            "The council, its chairman said, will vote on the budget next week.",
            ["The council, its chairman said, will vote on the budget next week"],
        ),
        (
            "“The harbour is safe,” said Anna Berg. “But the fees must fall.”",
            ["“The harbour is safe,”", "“But the fees must fall.”"],
        ),
        (  # the CRF keeps the narrator's participle clause; the tagger ends the claim
            "The senator argued that the tax cut would pay for itself, citing a study by a "
            "think tank.",
            ["that the tax cut would pay for itself"],
        ),
    ],
)
def test_the_shipped_tagger_draws_contents(
    analyse_encoder: object, text: str, contents: list[str]
) -> None:
    assert analyse_encoder(text) == contents  # type: ignore[operator]
