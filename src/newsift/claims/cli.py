"""``newsift claims score|index|match``: check-worthy claims from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsift.clitools import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Commands,
    UsageError,
    write_scored_lines,
)
from newsift.encoders import ENCODER_CHOICES, choose_encoder
from newsift.errors import InputError, ModelError

#: ``claims index --format`` choices (newsift.claims.claimreview.FORMATS, not imported
#: here so that the CLI starts without loading the readers)
ARCHIVE_FORMATS = ("auto", "json", "jsonl", "html", "warc")


def add_commands(commands: Commands) -> None:
    claims = commands.add_parser("claims", help="check-worthy claims")
    claim_commands = claims.add_subparsers(dest="claims_command", required=True, metavar="COMMAND")
    score = claim_commands.add_parser(
        "score", help="score sentences (one per line, or JSON Lines with text) as JSON Lines"
    )
    score.add_argument("path", metavar="FILE", help="sentences to score; - reads stdin")
    score.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    score.add_argument(
        "--encoder",
        choices=ENCODER_CHOICES,
        default="auto",
        help="use the model with MiniLM vectors (default %(default)s: when installed)",
    )
    score.set_defaults(handler=cmd_claims_score)
    index = claim_commands.add_parser(
        "index",
        help="build a fact-check index from ClaimReview JSON-LD, JSON Lines, HTML pages or WARC",
    )
    index.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="fact-checks: ClaimReview JSON or JSON Lines, fact-check pages (HTML), WARC files",
    )
    index.add_argument(
        "--format",
        choices=ARCHIVE_FORMATS,
        default="auto",
        help="what the files are (default %(default)s: sniffed from each file's first bytes)",
    )
    index.add_argument(
        "--out", metavar="INDEX", required=True, help="where to write the index (.npz)"
    )
    index.add_argument(
        "--encoder",
        choices=ENCODER_CHOICES,
        default="auto",
        help="also store MiniLM vectors for fused search (default %(default)s: when installed)",
    )
    index.set_defaults(handler=cmd_claims_index)
    match = claim_commands.add_parser("match", help="find past fact-checks of claims in an index")
    match.add_argument(
        "claims", nargs="+", metavar="CLAIM", help="claim texts; - reads one per line"
    )
    match.add_argument(
        "--index", metavar="INDEX", required=True, help="an index from 'claims index'"
    )
    match.add_argument("-k", type=int, default=5, help="matches per claim (default %(default)s)")
    match.add_argument(
        "--floor",
        type=float,
        metavar="P",
        help="show matches whose probability is at least P (default: the calibrated floor)",
    )
    match.add_argument(
        "--encoder",
        choices=ENCODER_CHOICES,
        default="auto",
        help="fuse MiniLM similarity when the index has vectors (default %(default)s)",
    )
    match.set_defaults(handler=cmd_claims_match)


def cmd_claims_score(args: argparse.Namespace) -> int:
    from newsift.claims.analyzer import load_scorers
    from newsift.claims.scoring import read_sentences, score_sentences

    model, _ = load_scorers(args.encoder)  # the fine-tuned model on every sentence, no gate
    return write_scored_lines(
        args.path, args.out, lambda lines: score_sentences(read_sentences(lines), model)
    )


def cmd_claims_index(args: argparse.Namespace) -> int:
    from newsift.claims.claimreview import read_archive
    from newsift.claims.matching import build_index

    try:
        archive = read_archive([Path(p) for p in args.paths], fmt=args.format)
    except InputError as exc:
        print(f"newsift: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    skipped = sum(archive.skipped.values())
    if skipped:
        print(f"newsift: skipped {skipped:,}: {archive.summary()}", file=sys.stderr)
    if not archive.records:
        print("newsift: error: no fact-checks to index", file=sys.stderr)
        return EXIT_SOME_FAILED
    try:
        encoder = choose_encoder(args.encoder)
    except ModelError as exc:
        print(f"newsift: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    try:
        build_index(archive.records, encoder=encoder).save(Path(args.out))
    except OSError as exc:
        print(f"newsift: error: {args.out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(f"newsift: indexed {len(archive.records):,} fact-checks into {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_claims_match(args: argparse.Namespace) -> int:
    from newsift.claims.matching import MatchIndex, match_rows

    if args.k < 1:
        raise UsageError("-k must be at least 1")
    floor = args.floor
    if floor is not None and not 0.0 <= floor <= 1.0:
        raise UsageError("--floor must be a probability in [0, 1]")
    try:
        index = MatchIndex.load(Path(args.index), encoder=choose_encoder(args.encoder))
    except ModelError as exc:
        print(f"newsift: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except (OSError, ValueError) as exc:
        print(f"newsift: error: {args.index}: cannot read the index: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    queries = (
        [line.strip() for line in sys.stdin if line.strip()]
        if args.claims == ["-"]
        else args.claims
    )
    for query in queries:
        matches = match_rows(index, query, k=args.k, floor=floor)
        print(json.dumps({"claim": query, "matches": matches}, ensure_ascii=False))
    return EXIT_OK
