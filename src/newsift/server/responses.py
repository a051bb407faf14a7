"""How the web app writes JSON: error bodies that are safe to show, documents that always encode.

Every error the web app sends is ``{"error": MESSAGE, "code": CODE}``.
:func:`clean_message` makes MESSAGE one line that is safe to print anywhere:
characters that are not printable (controls, line breaks, right-to-left and
other direction overrides, zero-width characters, lone surrogates) are shown
as ``\\u202e``-style escapes instead of acting on the text around them, and a
long message is cut. :class:`SafeJSONResponse` encodes any content as UTF-8:
a lone surrogate (which UTF-8 cannot hold; JSON input can smuggle one in as
``"\\ud800"``) becomes U+FFFD, one character for one, so every stand-off
offset into the text still holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import JSONResponse

MAX_MESSAGE_CHARS = 1000
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_message(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``message`` on one line, non-printable characters escaped, at most ``limit`` characters."""
    if not message.isprintable():
        message = "".join(ch if ch.isprintable() else _escape(ch) for ch in message)
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return message


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\r":
        return "\\r"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate in ``text``, None when it is valid Unicode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def scrub_surrogates(value: Any) -> Any:
    """``value`` (JSON-like) with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, Mapping):
        return {scrub_surrogates(k): scrub_surrogates(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [scrub_surrogates(v) for v in value]
    return value


class SafeJSONResponse(JSONResponse):
    """A JSON response that always encodes: lone surrogates become U+FFFD (see module)."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return super().render(scrub_surrogates(content))


def error_body(message: str, code: str) -> bytes:
    """The JSON body of an error: ``{"error": ..., "code": ...}``, message cleaned."""
    text = json.dumps({"error": clean_message(message), "code": code}, ensure_ascii=False)
    return text.encode("utf-8")


def error_response(
    status: int, message: str, code: str, headers: Mapping[str, str] | None = None
) -> SafeJSONResponse:
    """An error as a response (inside the app; :class:`~newsift.server.security.Guard` adds
    the security headers)."""
    return SafeJSONResponse(
        {"error": clean_message(message), "code": code}, status, dict(headers or {})
    )
