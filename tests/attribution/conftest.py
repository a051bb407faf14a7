from __future__ import annotations

import pytest

from newsift.document import Document


@pytest.fixture(scope="session")
def analyse() -> object:
    """A function: text -> analysed Document (skips without spaCy and its English pipeline)."""
    pytest.importorskip("spacy", reason="attribution needs spaCy 3.8 (pip install spacy)")
    from newsift.attribution.nlp import load_english
    from newsift.errors import ConfigError

    try:
        load_english()
    except ConfigError as exc:
        pytest.skip(f"English spaCy pipeline not installed: {exc}")
    import newsift
    import newsift.attribution.analyzer  # registers attribution.quotes.v1

    pipeline = newsift.Pipeline.from_config(
        [{"name": "structure.v1", "params": {"line_model": False}}, "attribution.quotes.v1"]
    )

    def run(text: str, kind: str = "text") -> Document:
        return pipeline(newsift.load(text, kind=kind))

    return run
