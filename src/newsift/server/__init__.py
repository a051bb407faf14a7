"""The web app (``newsift serve``): a browser UI and a REST API around one pipeline.

Needs the ``serve`` extra (FastAPI, uvicorn, python-multipart)::

    from newsift.server import Settings, create_app
    app = create_app(settings=Settings(api_key="..."))

The two names are imported on first use (PEP 562), so that importing a
submodule, as ``newsift``'s command-line parser does with
``newsift.server.cli``, does not import FastAPI (about 0.4 CPU-s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsift.server.app import create_app
    from newsift.server.settings import Settings

__all__ = ["Settings", "create_app"]

_HOMES = {"create_app": "newsift.server.app", "Settings": "newsift.server.settings"}


def __getattr__(name: str) -> Any:
    """Import ``create_app`` or ``Settings`` from its module when first asked for."""
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
