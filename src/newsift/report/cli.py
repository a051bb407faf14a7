"""``newsift report FILE.json``: the HTML or Markdown report of analysed documents."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsift.clitools import EXIT_OK, EXIT_SOME_FAILED, Commands, UsageError, error


def add_commands(commands: Commands) -> None:
    report = commands.add_parser(
        "report", help="an HTML or Markdown report of documents from 'newsift analyze'"
    )
    report.add_argument("path", metavar="FILE", help="JSON or JSON Lines documents; - reads stdin")
    report.add_argument(
        "--format", choices=("html", "md"), default="html", help="html (default) or md"
    )
    report.add_argument(
        "--out",
        metavar="FILE|DIR",
        help="write here (default stdout); several documents need a folder (ending in /)",
    )
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from newsift.report import FORMATS, ReportError, render

    try:
        text = sys.stdin.read() if args.path == "-" else Path(args.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        error(f"{args.path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
        return EXIT_SOME_FAILED
    items = list(_documents(text))
    if not items:
        error(f"{args.path}: no documents in the file")
        return EXIT_SOME_FAILED
    folder = _folder(args.out)
    if len(items) > 1 and folder is None:
        raise UsageError(
            f"{args.path} holds {len(items)} documents; give --out a folder (ending in /) "
            "to get one report each"
        )
    failed = False
    names: set[str] = set()
    for label, data in items:
        if isinstance(data, Exception):
            error(f"{args.path}: {label}: {data}")
            failed = True
            continue
        try:
            page = render(data, args.format)
        except ReportError as exc:
            error(f"{args.path}: {label}: {exc}")
            failed = True
            continue
        if folder is not None:
            name = report_file_name(data, FORMATS[args.format], names)
            (folder / name).write_text(page, encoding="utf-8")
        elif args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(page, encoding="utf-8")
        else:
            sys.stdout.write(page)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _documents(text: str) -> Iterator[tuple[str, Any]]:
    """(label, dict or the error) for one JSON object or each JSON Lines line."""
    stripped = text.strip()
    if not stripped:
        return
    try:
        yield "document", json.loads(stripped)
        return
    except json.JSONDecodeError:
        pass
    except RecursionError:
        yield "document", ValueError("JSON nested too deeply")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}", ValueError(f"not JSON: {exc.msg}")
        except RecursionError:
            yield f"line {number}", ValueError("JSON nested too deeply")


def _folder(out: str | None) -> Path | None:
    if out is None:
        return None
    target = Path(out)
    if out.endswith(("/", "\\")) or target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return target
    return None


def report_file_name(data: Any, suffix: str, taken: set[str]) -> str:
    """A safe, unique file name from the document's id (``page.txt`` -> ``page.txt.html``)."""
    raw = data.get("id") if isinstance(data, dict) else None
    stem = re.sub(r"[^\w.-]+", "_", Path(str(raw or "doc")).name)[:120].strip("._") or "doc"
    name, n = f"{stem}{suffix}", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name
