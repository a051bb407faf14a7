"""``newsift batch``: many inputs to Parquet shards, resumable; no analysis here."""

from __future__ import annotations

import argparse
import codecs
import sys

from newsift.clitools import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    Commands,
    UsageError,
    add_pipeline_options,
    pipeline_option,
)
from newsift.errors import ConfigError
from newsift.limits import Limits
from newsift.pipeline import DEFAULT_PIPELINE


def add_commands(commands: Commands) -> None:
    batch = commands.add_parser(
        "batch", help="analyse many inputs into resumable Parquet shards and a DuckDB file"
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="JSON Lines, CSV, Parquet, WARC files or folders of pages",
    )
    batch.add_argument("--out", required=True, metavar="DIR", help="output folder")
    batch.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes or Ray actors (default %(default)s)",
    )
    batch.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local processes or Ray Data (default %(default)s)",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: completed shards are kept",
    )
    batch.add_argument(
        "--shards",
        type=int,
        default=16,
        metavar="N",
        help="fixed number of shards ids are hashed into (default %(default)s)",
    )
    add_pipeline_options(batch, ",".join(DEFAULT_PIPELINE))
    batch.add_argument(
        "--item-time-limit",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="CPU seconds one item may use before its worker is killed (a wall-clock "
        "backstop of 4x, at least 60 s, catches hangs); 0 for none (default %(default)s)",
    )
    batch.add_argument(
        "--item-memory-mb",
        type=int,
        default=2048,
        metavar="N",
        help="kill a worker whose memory passes this; 0 for none (default %(default)s)",
    )
    batch.add_argument(
        "--max-bytes",
        type=int,
        default=Limits().max_bytes,
        metavar="N",
        help="largest input file or record (default %(default)s)",
    )
    batch.add_argument(
        "--encoding",
        help="decode CSV files and page files with this encoding (default: UTF-8 or BOM)",
    )
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress bar or totals")
    batch.set_defaults(handler=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    from newsift.batch.run import BatchLimits, run_batch
    from newsift.batch.store import OutputBusy

    config = pipeline_option(args.pipeline, args.match_index)
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"--encoding {args.encoding!r} is not a known encoding") from None
    try:
        limits = BatchLimits(
            input=Limits(
                max_bytes=args.max_bytes, time_per_document_s=args.item_time_limit or None
            ),
            time_per_item_s=args.item_time_limit or None,
            memory_mb=args.item_memory_mb or None,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    try:
        report = run_batch(
            args.inputs,
            args.out,
            workers=args.workers,
            engine=args.engine,
            resume=args.resume,
            shards=args.shards,
            pipeline=config,
            limits=limits,
            progress=not args.quiet,
            encoding=args.encoding,
        )
    except OutputBusy as exc:
        print(f"newsift: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    except (RuntimeError, OSError) as exc:  # workers that cannot start, a full disk
        print(f"newsift: error: {exc}; run again with --resume", file=sys.stderr)
        return EXIT_SOME_FAILED
    counts = report.counts
    if not args.quiet:
        print(
            f"newsift: {report.records} inputs in {report.seconds:.1f} s: {counts['ok']} ok, "
            f"{counts['skipped']} skipped, {counts['failed']} failed; "
            f"{report.retried} retried after a worker died; "
            f"{report.shards_written} shards written, {report.shards_before} kept; "
            f"query {args.out}/corpus.duckdb",
            file=sys.stderr,
        )
    return EXIT_SOME_FAILED if counts["failed"] else EXIT_OK
