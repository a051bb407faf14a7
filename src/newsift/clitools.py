"""What every ``newsift`` subcommand module shares: exit codes, usage errors, I/O.

A feature package adds its commands in its own ``cli.py`` with a function
``add_commands(commands)`` (``commands`` is the top-level subparsers object);
:mod:`newsift.cli` lists those modules in ``COMMAND_MODULES``. Each handler
takes the parsed ``argparse.Namespace`` and returns an exit code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeAlias

from newsift.errors import ConfigError
from newsift.pipeline import read_config, with_params

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

#: The object ``ArgumentParser.add_subparsers`` returns.
Commands: TypeAlias = "argparse._SubParsersAction[Any]"


class UsageError(Exception):
    """Bad arguments: exit 2."""


def open_input(path: str) -> IO[str]:
    """``-`` is stdin; any other path is opened as UTF-8 with bad bytes replaced."""
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8", errors="replace")


def open_output(path: str | None) -> IO[str]:
    """``None`` is stdout; any other path is opened for writing as UTF-8."""
    if path is None:
        return sys.stdout
    return open(path, "w", encoding="utf-8")


def close_unless_std(stream: IO[str]) -> None:
    if stream not in (sys.stdin, sys.stdout, sys.stderr):
        stream.close()


def error(message: str) -> None:
    """Print one ``newsift: error: ...`` line to stderr (invisible characters escaped)."""
    print(f"newsift: error: {printable(message)}", file=sys.stderr)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control, bidirectional-override, zero-width
    and other invisible format characters (and lone surrogates) as ``\\u202e`` escapes."""
    return _UNPRINTABLE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Not shown raw: control characters but tab (Cc), format characters (Cf: bidirectional
# overrides and isolates, zero-width ones, soft hyphen, BOM), lone surrogates (Cs), and
# the line and paragraph separators.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def write_scored_lines(
    path: str, out_path: str | None, score: Callable[[Iterator[str]], Iterable[dict[str, Any]]]
) -> int:
    """Read ``path`` (``-``: stdin), write ``score``'s rows as JSON Lines; exit 1 if any failed.

    ``score`` gets the input lines and yields one row per non-blank line
    (see :mod:`newsift.textlines`); a row with ``error`` counts as failed.
    """
    try:
        source = open_input(path)
    except OSError as exc:
        error(f"{path}: {exc.strerror or exc}")
        return EXIT_SOME_FAILED
    try:
        out = open_output(out_path)
    except OSError as exc:
        close_unless_std(source)
        error(f"{out_path}: {exc.strerror or exc}")
        return EXIT_SOME_FAILED
    failed = False
    try:
        for row in score(iter(source)):
            failed = failed or "error" in row
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        close_unless_std(source)
        close_unless_std(out)
    return EXIT_SOME_FAILED if failed else EXIT_OK


#: the analyzer ``--match-index`` gives its fact-check index to
CLAIMS_ANALYZER = "claims.checkworthy.v1"


def pipeline_option(option: str | None, match_index: str | None) -> list[str | dict[str, Any]]:
    """The configuration that ``--pipeline`` (names, a preset or ``@FILE.json``) and
    ``--match-index`` ask for; the same for ``analyze``, ``batch`` and ``serve``."""
    try:
        config = read_config(option)
    except ConfigError as exc:
        raise UsageError(f"--pipeline: {exc}") from exc
    if not match_index:
        return config
    try:
        return with_params(config, CLAIMS_ANALYZER, {"match_index": match_index})
    except ConfigError:
        raise UsageError(f"--match-index needs {CLAIMS_ANALYZER} in the pipeline") from None


def add_pipeline_options(parser: argparse.ArgumentParser, default: str) -> None:
    """``--pipeline`` and ``--match-index``, worded alike for every command that takes them."""
    parser.add_argument(
        "--pipeline",
        metavar="A,B|@FILE.json",
        help="analyzer names or a preset (fast), comma-separated, or @FILE.json: a JSON list "
        f'of names and {{"name": ..., "params": {{...}}}} entries (default: {default})',
    )
    parser.add_argument(
        "--match-index",
        metavar="INDEX",
        help="look check-worthy claims up in this fact-check index (from 'claims index')",
    )
