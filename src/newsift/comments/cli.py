"""``newsift comments score``: offensiveness of standalone comments from the command line."""

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
    from newsift.comments.model import ToxicityModel
    from newsift.comments.scoring import read_comments, score_comments
    from newsift.errors import ModelError

    try:
        model = ToxicityModel.load(encoder=args.encoder)
    except ModelError as exc:
        error(str(exc))
        return EXIT_SOME_FAILED
    external = None
    if args.backend is not None:
        from newsift.comments.backend import HFToxicity

        try:
            external = HFToxicity.load(args.backend)
        except ModelError as exc:
            error(str(exc))
            return EXIT_SOME_FAILED
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
        for row in score_comments(read_comments(source), model, external):
            failed = failed or "error" in row
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        close_unless_std(source)
        close_unless_std(out)
    return EXIT_SOME_FAILED if failed else EXIT_OK
