from __future__ import annotations

from typing import ClassVar

import pytest

from newsift import registry
from newsift.errors import ConfigError, UnknownAnalyzer
from newsift.testing import check_analyzer


@pytest.mark.parametrize("name", registry.names())
def test_every_registered_analyzer_keeps_the_contract(name: str) -> None:
    check_analyzer(name)


def test_builtins_are_registered() -> None:
    assert "structure.v1" in registry.names()


@pytest.mark.parametrize(
    "name", ["Structure", "structure", "structure.v", "a..b.v1", "structure.v1.x"]
)
def test_names_must_be_versioned(name: str) -> None:
    class Bad:
        requires: ClassVar[frozenset[str]] = frozenset()
        assigns: ClassVar[frozenset[str]] = frozenset()

    Bad.name = name  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match="must look like"):
        registry.register(Bad)


def test_duplicate_names_are_refused() -> None:
    class Copy:
        name: ClassVar[str] = "structure.v1"
        requires: ClassVar[frozenset[str]] = frozenset()
        assigns: ClassVar[frozenset[str]] = frozenset()

    with pytest.raises(ConfigError, match="two analyzers"):
        registry.register(Copy)


def test_unknown_names_suggest() -> None:
    with pytest.raises(UnknownAnalyzer, match=r"did you mean 'structure\.v1'"):
        registry.get("structure.v9")
