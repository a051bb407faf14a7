"""A test-only analyzer that takes its time on marked pages.

Imported by the web app's worker processes through ``Settings.imports``. On a
page containing ``PAUSE-SECONDS=N`` it sleeps N seconds, using no CPU (as an
analysis does while the machine is busy with other work); on ``SPIN-SECONDS=N``
it burns N seconds of CPU with the timer signals blocked (like a C loop the
in-process limit cannot break). Any other page passes through untouched.
"""

from __future__ import annotations

import re
import signal
import time
from typing import ClassVar

from newsift.document import Document
from newsift.registry import register

PAUSE = re.compile(r"PAUSE-SECONDS=([0-9.]+)")
SPIN = re.compile(r"SPIN-SECONDS=([0-9.]+)")


@register
class Pause:
    """Sleep on marked pages (tests only)."""

    name: ClassVar[str] = "testing.pause.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def setup(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        pause = PAUSE.search(doc.text)
        if pause:
            time.sleep(float(pause.group(1)))
        spin = SPIN.search(doc.text)
        if spin:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})
            until = time.process_time() + float(spin.group(1))
            while time.process_time() < until:
                pass
        return doc
