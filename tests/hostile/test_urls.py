"""Hostile URLs: one parser decides what is a URL, and the web app never reads a local path.

Issue 14, defect 1: ``HTTP://../../etc/os-release`` was opened as a local path
when a folder ``HTTP:`` existed in the working directory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsift.ingest import read_path, read_url
from newsift.ingest.fetch import is_web_url, url_scheme


@pytest.mark.parametrize(
    ("text", "scheme", "web"),
    [
        ("http://example.org/a", "http", True),
        ("HTTP://example.org/a", "http", True),
        ("hTtPs://example.org/a", "https", True),
        ("HTTP://../../../../etc/os-release", "http", True),
        ("ftp://example.org/a", "ftp", False),
        ("file:///etc/passwd", "file", False),
        ("FILE:///etc/passwd", "file", False),
        ("http:relative", "http", False),
        ("C:/Users/page.html", "c", False),
        ("page.html", None, False),
        ("./HTTP:/x", None, False),
        ("", None, False),
    ],
)
def test_one_parser_decides_what_a_url_is(text: str, scheme: str | None, web: bool) -> None:
    assert url_scheme(text) == scheme
    assert is_web_url(text) is web


def test_mixed_case_url_is_fetched_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "HTTP:").mkdir()
    (tmp_path / "HTTP:" / "secret.txt").write_text("Secret\n\nThe secret text of a local file.\n")
    loaded = list(read_path("HTTP:/secret.txt"))  # a local path: no '//' after the scheme
    assert loaded[0].document is not None  # an ordinary relative path still reads
    # with '//' it is a URL: fetched through the guard (here refused: no such host), never opened
    (outcome,) = read_path("HTTP://../secret.txt")
    assert outcome.document is None
    assert outcome.error is not None
    assert outcome.error.code.startswith("input.fetch")


@pytest.mark.parametrize(
    "text",
    ["/etc/os-release", "../../etc/os-release", "file:///etc/os-release", "HTTP:/etc/os-release"],
)
def test_read_url_never_opens_a_local_path(text: str) -> None:
    outcome = read_url(text)
    assert outcome.document is None
    assert outcome.error is not None
    assert outcome.error.code.startswith("input.fetch")
