from __future__ import annotations

import pytest

from newsift.document import Document


@pytest.fixture(scope="session")
def analyse() -> object:
    """A function: text -> analysed Document (skips without spaCy and its English pipeline).

    The rules as found, with the confidence model's threshold but without the
    display policy (``confidence.DisplayPolicy``), which :func:`analyse_displayed`
    adds: the tables here test what the rules read, one sentence at a time.
    """
    pytest.importorskip("spacy", reason="attribution needs spaCy 3.8 (pip install spacy)")
    from newsift.attribution.nlp import load_english
    from newsift.errors import ConfigError

    try:
        load_english()
    except ConfigError as exc:
        pytest.skip(f"English spaCy pipeline not installed: {exc}")
    import newsift
    import newsift.attribution.analyzer  # registers attribution.quotes.v1

    pipeline = newsift.Pipeline.from_config(  # the rules' finds; display: analyse_displayed
        [
            {"name": "structure.v1", "params": {"line_model": False}},
            {"name": "attribution.quotes.v1", "params": {"display_policy": False}},
        ]
    )

    def run(text: str, kind: str = "text") -> Document:
        return pipeline(newsift.load(text, kind=kind))

    return run


@pytest.fixture(scope="session")
def analyse_displayed(analyse: object) -> object:
    """A function: text -> Document analysed with the default pipeline (display policy on)."""
    import newsift

    pipeline = newsift.Pipeline.from_config(
        [{"name": "structure.v1", "params": {"line_model": False}}, "attribution.quotes.v1"]
    )

    def run(text: str, kind: str = "text") -> Document:
        return pipeline(newsift.load(text, kind=kind))

    return run
