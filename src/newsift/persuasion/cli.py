"""``newsift techniques score``: persuasion-technique spans from the command line."""

from __future__ import annotations

import argparse
import json

from newsift.clitools import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Commands,
    close_unless_std,
    error,
    open_input,
    open_output,
)


def add_commands(commands: Commands) -> None:
    techniques = commands.add_parser("techniques", help="persuasion techniques")
    subcommands = techniques.add_subparsers(
        dest="techniques_command", required=True, metavar="COMMAND"
    )
    score = subcommands.add_parser(
        "score", help="tag texts (one per line, or JSON Lines with text) as JSON Lines"
    )
    score.add_argument("path", metavar="FILE", help="texts to tag; - reads stdin")
    score.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    score.set_defaults(handler=cmd_techniques_score)


def cmd_techniques_score(args: argparse.Namespace) -> int:
    from newsift.persuasion.model import SpanTagger, TechniqueClassifier
    from newsift.persuasion.scoring import read_texts, tag_texts

    try:
        source = open_input(args.path)
    except OSError as exc:
        error(f"{args.path}: {exc.strerror or exc}")
        return EXIT_SOME_FAILED
    try:
        out = open_output(args.out)
    except OSError as exc:
        close_unless_std(source)
        error(f"{args.out}: {exc.strerror or exc}")
        return EXIT_SOME_FAILED
    failed = False
    try:
        rows = tag_texts(read_texts(source), SpanTagger.load(), TechniqueClassifier.load())
        for row in rows:
            failed = failed or "error" in row
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        close_unless_std(source)
        close_unless_std(out)
    return EXIT_SOME_FAILED if failed else EXIT_OK
