"""``newsift corpus analyze|report|export|synthetic``: cross-document forensics, no analysis."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsift.clitools import EXIT_OK, EXIT_SOME_FAILED, Commands, UsageError


def add_commands(commands: Commands) -> None:
    corpus = commands.add_parser("corpus", help="near-duplicates, expert ledger, outlet profiles")
    sub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="COMMAND")
    analyze = sub.add_parser("analyze", help="analyse a 'newsift batch' output folder")
    analyze.add_argument("out_dir", metavar="OUT_DIR", help="a folder made by 'newsift batch'")
    analyze.add_argument(
        "--threshold",
        type=float,
        default=0.6,
        metavar="J",
        help="near-duplicate Jaccard threshold (default %(default)s)",
    )
    analyze.set_defaults(handler=cmd_corpus_analyze)
    report = sub.add_parser("report", help="write an HTML dashboard of an analysed folder")
    report.add_argument("out_dir", metavar="OUT_DIR", help="a folder 'corpus analyze' ran on")
    report.add_argument(
        "--out", metavar="FILE.html", help="where to write (default OUT_DIR/corpus/report.html)"
    )
    report.set_defaults(handler=cmd_corpus_report)
    export = sub.add_parser(
        "export", help="write the corpus tables to one SQLite file (for Datasette, sqlite3)"
    )
    export.add_argument("out_dir", metavar="OUT_DIR", help="a folder 'corpus analyze' ran on")
    export.add_argument(
        "--sqlite", required=True, metavar="FILE", help="the SQLite file to write (replaced)"
    )
    export.set_defaults(handler=cmd_corpus_export)
    synthetic = sub.add_parser("synthetic", help="write a seeded synthetic news network")
    synthetic.add_argument("--out", required=True, metavar="FILE.jsonl", help="articles here")
    synthetic.add_argument(
        "--docs",
        type=int,
        default=200,
        metavar="N",
        help="about how many articles (default %(default)s)",
    )
    synthetic.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synthetic.set_defaults(handler=cmd_corpus_synthetic)


def cmd_corpus_analyze(args: argparse.Namespace) -> int:
    from newsift.corpus.analyze import analyze_corpus

    if not 0 < args.threshold <= 1:
        raise UsageError("--threshold must be in (0, 1]")
    try:
        result = analyze_corpus(args.out_dir, threshold=args.threshold)
    except (FileNotFoundError, json.JSONDecodeError, KeyError) as exc:
        print(f"newsift: error: {args.out_dir}: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(json.dumps(result["summary"], ensure_ascii=False))
    return EXIT_OK


def cmd_corpus_report(args: argparse.Namespace) -> int:
    from newsift.corpus.analyze import load_result
    from newsift.corpus.report import render_report

    try:
        result = load_result(args.out_dir)
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        print(f"newsift: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    target = Path(args.out) if args.out else Path(args.out_dir) / "corpus" / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        render_report(result, f"newsift corpus report: {args.out_dir}"), encoding="utf-8"
    )
    print(f"newsift: wrote {target}", file=sys.stderr)
    return EXIT_OK


def cmd_corpus_export(args: argparse.Namespace) -> int:
    import sqlite3

    from newsift.corpus.export import export_sqlite

    try:
        counts = export_sqlite(args.out_dir, args.sqlite)
    except (FileNotFoundError, json.JSONDecodeError, sqlite3.Error, OSError) as exc:
        print(f"newsift: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    rows = ", ".join(f"{name} {count}" for name, count in counts.items())
    print(f"newsift: wrote {args.sqlite} ({rows} rows)", file=sys.stderr)
    return EXIT_OK


def cmd_corpus_synthetic(args: argparse.Namespace) -> int:
    from newsift.corpus.synthetic import generate, write_jsonl

    if args.docs < 1:
        raise UsageError("--docs must be at least 1")
    corpus = generate(args.docs, seed=args.seed)
    path = write_jsonl(corpus, Path(args.out))
    truth = path.with_suffix(".truth.json")
    truth.write_text(json.dumps(corpus.truth(), indent=1), encoding="utf-8")
    print(
        f"newsift: wrote {len(corpus.records)} articles to {path}, truth to {truth}",
        file=sys.stderr,
    )
    return EXIT_OK
