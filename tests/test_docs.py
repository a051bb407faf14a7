"""Documentation stays complete: a test fails when an option or field is undocumented."""

from __future__ import annotations

import argparse

import pytest

from newsift.cli import build_parser
from newsift.document import REGION_KINDS, Meta
from tests.conftest import ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
SCHEMA_DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_and_option_is_documented(command: str) -> None:
    assert f"newsift {command}" in CLI_DOC
    for action in _subcommands()[command]._actions:
        for flag in action.option_strings:
            if flag not in {"-h", "--help"}:
                assert f"`{flag}" in CLI_DOC, f"{command} {flag} is not in docs/cli.md"


@pytest.mark.parametrize("name", list(Meta.__dataclass_fields__))
def test_every_meta_field_is_documented(name: str) -> None:
    assert f"| `{name}` |" in SCHEMA_DOC


@pytest.mark.parametrize("kind", REGION_KINDS)
def test_every_region_kind_is_documented(kind: str) -> None:
    assert f"`{kind}`" in SCHEMA_DOC


def test_default_pipeline_is_documented() -> None:
    from newsift.pipeline import DEFAULT_PIPELINE

    assert ",".join(DEFAULT_PIPELINE) in CLI_DOC
