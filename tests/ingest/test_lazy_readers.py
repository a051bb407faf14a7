"""The HTML and WARC readers load on first use: a dump or text page never imports them.

Each check runs in a fresh interpreter (another test may already have imported lxml).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: modules that only the HTML, WARC or charset-guessing paths need
LAZY = ("lxml", "charset_normalizer", "newsift.ingest.html", "newsift.ingest.warc")

SCRIPT = """
import json, sys
import newsift
kind, data = sys.argv[1], sys.argv[2]
source = data.encode() if kind == "html" else data  # bytes: the HTML reader
doc = newsift.load(source, kind=kind, id="t")
print(json.dumps({{"text": doc.text, "loaded": [m for m in {lazy!r} if m in sys.modules]}}))
"""


def _load(kind: str, data: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(lazy=LAZY), kind, data],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    got: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return got


@pytest.mark.parametrize(
    ("kind", "data", "loaded", "text"),
    [
        ("text", "A plain sentence.", [], "A plain sentence."),
        ("dump", "Title\n\nBody text here.", [], None),
        (
            "html",
            "<html><body><article><p>Hello there, reader.</p></article></body></html>",
            ["lxml", "newsift.ingest.html"],
            "Hello there, reader.",
        ),
    ],
)
def test_readers_load_only_when_used(
    kind: str, data: str, loaded: list[str], text: str | None
) -> None:
    got = _load(kind, data)
    imported = got["loaded"]
    assert isinstance(imported, list)
    assert [m for m in loaded if m not in imported] == []
    if not loaded:
        assert imported == []
    if text is not None:
        assert got["text"] == text
