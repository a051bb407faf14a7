"""Analyzers registered under versioned names (``structure.v1``).

Built-in analyzers register themselves when their module is imported; the
registry imports those modules on first use, so ``import newsift`` stays fast.
Third-party analyzers plug in through the ``newsift.analyzers`` entry-point
group: each entry point names a module or class that calls :func:`register`.

An analyzer's parameters are its constructor's keyword arguments. A pipeline
configuration carries them as JSON (:func:`plain_params`), so that server and
batch workers in other processes, and Ray actors on other machines, build the
very analyzers the command line asked for.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import math
import os
import re
from collections.abc import Callable, Mapping
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


def plain_params(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` of analyzer ``name`` as plain JSON values, copied; paths become strings.

    Raises :class:`ConfigError` naming the parameter when a value has no JSON form
    (a set, an object, NaN): a pipeline configuration must cross process and machine
    boundaries, so the mistake is reported where the pipeline is built, not in a
    worker.
    """
    return {str(key): _plain(name, str(key), value) for key, value in _keyed(name, "", params)}


def params_of(analyzer: Any) -> dict[str, Any] | None:
    """The parameters a dataclass analyzer holds that differ from its defaults (as
    :func:`plain_params`); ``None`` for an analyzer that is not a dataclass, which
    cannot say what it was built with."""
    if not dataclasses.is_dataclass(analyzer) or isinstance(analyzer, type):
        return None
    params: dict[str, Any] = {}
    for spec in dataclasses.fields(analyzer):
        if not spec.init:
            continue
        value = getattr(analyzer, spec.name)
        if spec.default is not dataclasses.MISSING:
            default = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            default = spec.default_factory()
        else:
            params[spec.name] = value  # a required parameter: always said
            continue
        if type(value) is not type(default) or not _same(value, default):
            params[spec.name] = value
    return plain_params(getattr(analyzer, "name", type(analyzer).__name__), params)


def _same(value: Any, default: Any) -> bool:
    """``value == default``, False where the comparison has no single answer (arrays)."""
    try:
        return bool(value == default)
    except (TypeError, ValueError):
        return False


def _keyed(name: str, where: str, mapping: Mapping[Any, Any]) -> list[tuple[str, Any]]:
    for key in mapping:
        if not isinstance(key, str):
            raise ConfigError(f"{name}: keys of {where or 'params'} must be strings, got {key!r}")
    return list(mapping.items())


def _plain(name: str, where: str, value: Any) -> Any:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, list | tuple):
        return [_plain(name, f"{where}[{i}]", item) for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        return {k: _plain(name, f"{where}.{k}", v) for k, v in _keyed(name, where, value)}
    raise ConfigError(
        f"{name}: parameter {where!r} is {value!r:.60} ({type(value).__name__}), which a "
        "pipeline configuration cannot carry: give JSON values (strings, numbers, booleans, "
        "null, lists, objects; paths as strings)"
    )
