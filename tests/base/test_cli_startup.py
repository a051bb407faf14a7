"""The CLI starts light: a command module is imported only when its command runs.

``newsift --help`` lists every command without importing them, a command's own
parser is built when it runs, and ``newsift analyze`` never imports the web app,
the corpus tools or torch. Runs in the base venv (``make base``) and the test venv.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import newsift
from newsift.cli import COMMAND_HELP, COMMAND_MODULES, EXTRA_OF_MODULE, build_parser, main

SAMPLE = Path(newsift.__file__).parent / "samples" / "sample-dump.txt"
BUILT_IN = ("analyze", "show", "analyzers", "schema")
#: Imported by none of ``--help``, ``--version``, ``show`` and ``analyze``.
HEAVY = ("fastapi", "uvicorn", "starlette", "pyarrow", "duckdb", "ray", "torch", "transformers")
#: Imported on first use only: warcio (with fsspec and asyncio) by the first WARC read.
LAZY = ("warcio", "fsspec")
HEAVY_OURS = ("newsift.server", "newsift.batch", "newsift.corpus", "newsift.report.cli")


def _commands(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Each command of ``parser`` and its line in ``--help``."""
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help or "" for choice in action._choices_actions}


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] in EXTRA_OF_MODULE:
            return False
        raise
    return True


def test_help_lists_every_command_without_importing_them() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsift", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    listed = [line.split()[0] for line in lines if line.startswith("    ") and line[4] != " "]
    assert sorted(listed) == sorted([*BUILT_IN, *(command for _, command in COMMAND_MODULES)])
    for _, command in COMMAND_MODULES:
        assert COMMAND_HELP[command].split()[0] in result.stdout


@pytest.mark.parametrize(("module", "command"), COMMAND_MODULES)
def test_the_stub_says_what_the_module_says(module: str, command: str) -> None:
    if not _importable(module):
        pytest.skip(f"{module} needs an extra that is not installed")
    assert _commands(build_parser(load=()))[command] == COMMAND_HELP[command]
    assert _commands(build_parser(load=(command,)))[command] == COMMAND_HELP[command]
    assert _commands(build_parser())[command] == COMMAND_HELP[command]


@pytest.mark.parametrize(("module", "command"), COMMAND_MODULES)
def test_a_command_runs_with_its_own_parser(
    module: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not _importable(module):
        pytest.skip(f"{module} needs an extra that is not installed")
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: newsift {command} ")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["claims", "score"], "usage: newsift claims score"),  # a module command's own usage
        (["claims", "bogus"], "usage: newsift claims"),
        (["analyze", "x", "--bogus"], "unrecognized arguments: --bogus"),
        (["bogus"], "invalid choice: 'bogus'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if argv[:1] == ["claims"] and not _importable("newsift.claims.cli"):
        pytest.skip("newsift.claims.cli not importable here")
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert expected in capsys.readouterr().err


def test_starting_and_analysing_import_no_extra(tmp_path: Path) -> None:
    """In a fresh process: importing newsift.cli, --help, show and analyze of the sample."""
    out = tmp_path / "sample.json"
    script = f"""
import contextlib, io, sys
HEAVY = {(*HEAVY, *LAZY, *HEAVY_OURS)!r}
def loaded():
    return sorted(n for n in HEAVY if n in sys.modules)
from newsift.cli import main
print("import", loaded())
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(["--help"])
print("help", loaded())
assert main(["analyze", {str(SAMPLE)!r}, "--out", {str(out)!r}]) == 0
print("analyze", loaded())
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["show", {str(out)!r}]) == 0
print("show", loaded())
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines() == ["import []", "help []", "analyze []", "show []"]
