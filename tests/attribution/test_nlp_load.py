"""How newsift loads spaCy: without its command line, without senter, a faster attribute_ruler.

None of these may change an annotation: :class:`~newsift.attribution.nlp.RulerMatch`
must return what spaCy's Matcher returns for the same ruler, rule by rule.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from newsift.attribution.nlp import _IN, _NOT_IN, _REGEX, _token_test

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(analyse: object) -> Language:  # analyse: skips without spaCy and its pipeline
    from newsift.attribution.nlp import load_english

    return load_english()


# (Matcher token pattern, the tests it becomes; None: not read, the Matcher stays)
TOKEN_TESTS: list[tuple[dict[str, Any], Any]] = [
    ({"TAG": "NN"}, ((0, _IN, frozenset({"NN"})),)),
    ({"lower": "she"}, ((1, _IN, frozenset({"she"})),)),
    ({"TEXT": "US"}, ((4, _IN, frozenset({"US"})),)),
    ({"ORTH": "US"}, ((4, _IN, frozenset({"US"})),)),
    ({"DEP": {"IN": ["aux", "auxpass"]}}, ((2, _IN, frozenset({"aux", "auxpass"})),)),
    ({"TAG": {"NOT_IN": ["TO", ""]}}, ((0, _NOT_IN, frozenset({"TO", ""})),)),
    ({"IS_SPACE": True}, ((3, _IN, frozenset({True})),)),
    ({"LOWER": {"REGEX": "^y'?$"}}, ((1, _REGEX, re.compile("^y'?$")),)),
    (
        {"TAG": "MD", "LOWER": {"IN": ["can", "will"]}},
        ((0, _IN, frozenset({"MD"})), (1, _IN, frozenset({"can", "will"}))),
    ),
    ({"LEMMA": "be"}, None),  # a field it does not read
    ({"TAG": "NN", "OP": "+"}, None),  # an operator
    ({"LOWER": {"FUZZY": "said"}}, None),
    ({"IS_SPACE": {"REGEX": "x"}}, None),  # a regex on a flag
    ({"IS_SPACE": "yes"}, None),  # a string for a flag
    ({"TAG": True}, None),  # a flag for a string
    ({"TAG": {"IN": "NN"}}, None),  # IN takes a list
    ({"LENGTH": 3}, None),
]


@pytest.mark.parametrize(("spec", "expected"), TOKEN_TESTS)
def test_token_patterns_read_or_left_to_the_matcher(spec: dict[str, Any], expected: Any) -> None:
    assert _token_test(spec) == expected


# Sentences touching the ruler's exceptions: pronouns, modals, "ain't", "y'all",
# "nothin'", "that" as a relative, auxiliaries, white space tokens, "but" as an adverb.
SENTENCES = [
    "She said the budget would pass, but he told reporters it ain't over.",
    "Y'all know nothin' about it, the mayor said.  Then she left.",
    "The report, which officials say that they wrote themselves, was released on Monday.",
    "I'd have thought so; anyone could.\n\nIt is what it is, and we're done with it.",
    "“We will not be silenced,” Min-Jae Oh told The Times on Friday.",
    "Everyone knows something is wrong, but nobody has said anything.",
    "   ",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_ruler_matches_what_spacys_matcher_matches(nlp: Language, text: str) -> None:
    from spacy.pipeline import AttributeRuler

    from newsift.attribution.nlp import RulerMatch

    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    assert isinstance(ruler.match, RulerMatch)  # the shipped model's patterns are all read
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(text)
    spacy_matches = sorted(set(AttributeRuler.match(ruler, doc)))
    assert ruler.match(doc) == spacy_matches


def test_annotations_equal_spacys_own_ruler(nlp: Language) -> None:
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)

    def annotations() -> list[list[tuple[str, ...]]]:
        return [
            [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]
            for doc in nlp.pipe(SENTENCES)
        ]

    fast = annotations()
    del ruler.match  # back to AttributeRuler.match (spaCy's Matcher)
    try:
        assert annotations() == fast
    finally:
        from newsift.attribution.nlp import fast_attribute_ruler

        assert fast_attribute_ruler(nlp)


def test_a_pattern_it_cannot_read_keeps_the_matcher(nlp: Language) -> None:
    import spacy
    from spacy.pipeline import AttributeRuler

    from newsift.attribution.nlp import fast_attribute_ruler

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "said"}]], {"LEMMA": "say"})
    assert fast_attribute_ruler(blank)
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "NOUN"})
    del ruler.match
    assert not fast_attribute_ruler(blank)
    assert "match" not in vars(ruler)
    assert not fast_attribute_ruler(spacy.blank("en"))  # no attribute_ruler at all


def test_senter_is_not_loaded(nlp: Language) -> None:
    assert "senter" not in nlp.component_names
    # newsift's two components run first: names merged, then the shared sentence starts
    # set before the parser reads them
    assert nlp.pipe_names == [
        "newsift_hyphenated_names",
        "newsift_sentence_starts",
        "tok2vec",
        "tagger",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
    ]


@pytest.mark.parametrize("component", ["tok2vec", "parser", "ner"])
def test_layers_multiply_with_numpy_not_blis(nlp: Language, component: str) -> None:
    from thinc.api import NumpyOps

    ops = nlp.get_pipe(component).model.ops  # type: ignore[attr-defined]
    assert isinstance(ops, NumpyOps) and not ops.use_blis


def test_the_parse_runs_on_one_blas_thread() -> None:
    from threadpoolctl import threadpool_info

    from newsift.attribution.nlp import one_blas_thread

    with one_blas_thread():
        inside = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert inside and set(inside) == {1}


LOAD_WITHOUT_CLI = """
import json, sys
from newsift.attribution.nlp import load_english
load_english()
before = sorted(n for n in ("spacy.cli", "spacy.cli.info", "typer", "weasel", "httpx")
                if n in sys.modules)
import spacy
stand_in = hasattr(spacy, "cli")
import spacy.cli
real = spacy.cli.info.__module__
info = spacy.info(silent=True)
print(json.dumps({"before": before, "stand_in": stand_in, "real": real,
                  "version": info["spacy_version"]}))
"""


def test_spacy_loads_without_its_command_line_which_still_imports(nlp: Language) -> None:
    from newsift.attribution.nlp import spacy_version

    out = subprocess.run(
        [sys.executable, "-c", LOAD_WITHOUT_CLI], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == (
        '{"before": [], "stand_in": false, "real": "spacy.cli.info", '
        f'"version": "{spacy_version()}"}}'
    )
