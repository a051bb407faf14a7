"""``newsift techniques score``: persuasion-technique spans from the command line."""

from __future__ import annotations

import argparse

from newsift.clitools import Commands, write_scored_lines


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

    tagger, classifier = SpanTagger.load(), TechniqueClassifier.load()
    return write_scored_lines(
        args.path, args.out, lambda lines: tag_texts(read_texts(lines), tagger, classifier)
    )
