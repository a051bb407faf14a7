"""A test-only analyzer that sleeps on marked pages: requests that queue behind each other.

Imported by the web app's worker processes through ``Settings.imports``. On a
page containing ``PAUSE-SECONDS=N`` it sleeps N seconds (without blocking
signals: an ordinary slow analysis); any other page passes through untouched.
"""

from __future__ import annotations

import re
import time
from typing import ClassVar

from newsift.document import Document
from newsift.registry import register

MARK = re.compile(r"PAUSE-SECONDS=([0-9.]+)")


@register
class Pause:
    """Sleep on marked pages (tests only)."""

    name: ClassVar[str] = "testing.pause.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def setup(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        found = MARK.search(doc.text)
        if found:
            time.sleep(float(found.group(1)))
        return doc
