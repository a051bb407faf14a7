"""``newsift serve``: the web app on uvicorn. Imports FastAPI only when run.

Importing this module checks, without importing them, that the ``serve``
extra's packages are installed, and raises ``ModuleNotFoundError`` naming the
first one missing: ``newsift.cli`` then gives ``serve`` a command that says
which extra to install.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from newsift.clitools import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Commands,
    UsageError,
    add_pipeline_options,
    pipeline_option,
)

API_KEY_ENV = "NEWSIFT_API_KEY"

#: What the web app imports when it runs (the ``serve`` extra).
NEEDED = ("fastapi", "starlette", "uvicorn")


def _missing(names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that cannot be imported, found without importing any."""
    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None


if (_absent := _missing(NEEDED)) is not None:
    raise ModuleNotFoundError(f"No module named {_absent!r}", name=_absent)


def add_commands(commands: Commands) -> None:
    serve = commands.add_parser("serve", help="the web app: browser UI and REST API")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    serve.add_argument(
        "--api-key",
        metavar="KEY",
        help=f"require this key on analyse requests (default: env {API_KEY_ENV}, else none)",
    )
    serve.add_argument(
        "--allow-urls", action="store_true", help="let users give a URL to fetch (guarded)"
    )
    serve.add_argument(
        "--max-upload-mb",
        type=float,
        default=10.0,
        metavar="MB",
        help="largest request body or upload (default %(default)s)",
    )
    serve.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="CPU seconds one request's analysis may use, waiting not counted (wall-clock "
        "seconds with --isolation thread); a hang without CPU ends at 4x, at least 60 s "
        "(default %(default)s)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="analyses run at once (default %(default)s)",
    )
    serve.add_argument(
        "--spare-workers",
        type=int,
        default=1,
        metavar="N",
        help="with process isolation, warm worker processes kept beyond --workers, so a "
        "worker killed at the time limit does not shrink the pool (default %(default)s)",
    )
    serve.add_argument(
        "--max-requests",
        type=int,
        default=64,
        metavar="N",
        help="requests handled at once; more get 503 with Retry-After (default %(default)s)",
    )
    add_pipeline_options(serve, "analyze's")
    serve.add_argument(
        "--isolation",
        choices=("process", "thread"),
        default="process",
        help="run analyses in worker processes killed at the time limit (default), or in "
        "threads of the server process (less memory; an overrun keeps its thread)",
    )
    serve.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from newsift.server import Settings, create_app
        from newsift.server.settings import is_loopback
    except ImportError as exc:
        print(
            f"newsift: error: the web app needs the serve extra ({exc.name} is missing): "
            "pip install 'newsift[serve]'",
            file=sys.stderr,
        )
        return EXIT_SOME_FAILED
    from newsift.errors import ConfigError
    from newsift.pipeline import Pipeline

    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    key = args.api_key if args.api_key is not None else os.environ.get(API_KEY_ENV) or None
    try:
        settings = Settings(
            api_key=key,
            allow_urls=args.allow_urls,
            max_upload_bytes=int(args.max_upload_mb * 1_000_000),
            time_limit_s=args.time_limit,
            workers=args.workers,
            isolation=args.isolation,
            spare_workers=args.spare_workers,
            max_requests=args.max_requests,
            max_buffered_bytes=max(100_000_000, 4 * int(args.max_upload_mb * 1_000_000)),
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    try:
        pipeline = Pipeline.from_config(pipeline_option(args.pipeline, args.match_index))
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    if not is_loopback(args.host) and key is None:
        print(
            f"newsift: warning: serving on {args.host} without an API key: anyone who can "
            f"reach this address can use it (set --api-key or {API_KEY_ENV})",
            file=sys.stderr,
        )
    if args.allow_urls:
        print(
            "newsift: URL fetching is on (public addresses only, through the guarded fetcher)",
            file=sys.stderr,
        )
    app = create_app(pipeline, settings)
    print(f"newsift: serving on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        server_header=False,
        # a backstop for open connections (idle keep-alive ones included); the app's own
        # --max-requests answers first, in JSON
        limit_concurrency=2 * settings.max_requests,
    )
    return EXIT_OK
