"""Analyzers registered under versioned names (``structure.v1``).

Built-in analyzers register themselves when their module is imported; the
registry imports those modules on first use, so ``import newsift`` stays fast.
Third-party analyzers plug in through the ``newsift.analyzers`` entry-point
group: each entry point names a module or class that calls :func:`register`.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, TypeVar

from newsift.errors import ConfigError, UnknownAnalyzer

if TYPE_CHECKING:
    from newsift.pipeline import Analyzer

BUILTIN_MODULES = (
    "newsift.structure.analyzer",
    "newsift.attribution.analyzer",
    "newsift.attribution.flags",
    "newsift.claims.analyzer",
    "newsift.persuasion.analyzer",
    "newsift.comments.analyzer",
)
ENTRY_POINT_GROUP = "newsift.analyzers"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.v[0-9]+$")

_REGISTRY: dict[str, type[Any]] = {}
_loaded = False

T = TypeVar("T")


def register(cls: type[T]) -> type[T]:
    """Class decorator: make an analyzer available under its ``name``."""
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ConfigError(f"{cls.__name__}.name must look like 'area.thing.v1', got {name!r}")
    for attr in ("requires", "assigns"):
        if not isinstance(getattr(cls, attr, None), frozenset):
            raise ConfigError(f"{cls.__name__}.{attr} must be a frozenset")
    existing = _REGISTRY.get(name)
    if existing is not None and existing is not cls:
        raise ConfigError(f"two analyzers registered as {name!r}")
    _REGISTRY[name] = cls
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        ep.load()


def names() -> list[str]:
    """Every registered analyzer name, sorted."""
    _load()
    return sorted(_REGISTRY)


def get(name: str) -> type[Analyzer]:
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, _REGISTRY, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownAnalyzer(f"no analyzer named {name!r}{hint}") from None


def create(name: str, **params: Any) -> Analyzer:
    """Build the analyzer registered as ``name`` with ``params`` as its fields."""
    factory: Callable[..., Analyzer] = get(name)
    try:
        return factory(**params)
    except TypeError as exc:
        raise ConfigError(f"bad parameters for {name}: {exc}") from exc
