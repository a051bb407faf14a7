"""``newsift comments score``: offensiveness of standalone comments from the command line."""

from __future__ import annotations

import argparse

from newsift.clitools import EXIT_SOME_FAILED, EXIT_USAGE, Commands, error, write_scored_lines
from newsift.encoders import ENCODER_CHOICES


def add_commands(commands: Commands) -> None:
    comments = commands.add_parser("comments", help="offensive comments")
    comment_commands = comments.add_subparsers(
        dest="comments_command", required=True, metavar="COMMAND"
    )
    score = comment_commands.add_parser(
        "score", help="score comments (one per line, or JSON Lines with text) as JSON Lines"
    )
    score.add_argument("path", metavar="FILE", help="comments to score; - reads stdin")
    score.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    score.add_argument(
        "--backend",
        metavar="DIR",
        help="score with a local Detoxify / Hugging Face checkpoint (needs the hf extra)",
    )
    score.add_argument(
        "--encoder",
        choices=ENCODER_CHOICES,
        default="auto",
        help="use the model with MiniLM vectors (default %(default)s: when installed)",
    )
    score.set_defaults(handler=cmd_comments_score)


def cmd_comments_score(args: argparse.Namespace) -> int:
    from newsift.comments.scoring import load_scorer, read_comments, score_comments
    from newsift.errors import ModelError

    try:
        model, threats = load_scorer(args.encoder)
    except ModelError as exc:
        error(str(exc))
        return EXIT_SOME_FAILED
    external = None
    if args.backend is not None:
        from newsift.backends.hf import EXTRA_HINT, hf_available
        from newsift.comments.backend import HFToxicity

        if not hf_available():  # a missing extra is a usage error, like a command's extra
            error(f"newsift comments score --backend: {EXTRA_HINT}")
            return EXIT_USAGE
        try:
            external = HFToxicity.load(args.backend)
        except ModelError as exc:
            error(str(exc))
            return EXIT_SOME_FAILED
    return write_scored_lines(
        args.path,
        args.out,
        lambda lines: score_comments(read_comments(lines), model, external, threats),
    )
