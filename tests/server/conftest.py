"""Shared pieces of the web app tests: one app per module, a slow analyzer for the limits."""

from __future__ import annotations

import time
from typing import ClassVar

import pytest

from newsift.document import Document
from tests.conftest import ROOT

pytest.importorskip("fastapi", reason="the web app tests need the serve extra")

SAMPLE_TEXT = (ROOT / "src" / "newsift" / "samples" / "sample-dump.txt").read_text(encoding="utf-8")


class SlowAnalyzer:
    """Sleeps, to run past a time limit; writes nothing."""

    name: ClassVar[str] = "test.slow.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def setup(self) -> None:
        return None

    def __call__(self, doc: Document) -> Document:
        time.sleep(self.seconds)
        return doc
