"""The web app (``newsift serve``): a browser UI and a REST API around one pipeline.

Needs the ``serve`` extra (FastAPI, uvicorn, python-multipart)::

    from newsift.server import Settings, create_app
    app = create_app(settings=Settings(api_key="..."))
"""

from __future__ import annotations

from newsift.server.app import create_app
from newsift.server.settings import Settings

__all__ = ["Settings", "create_app"]
