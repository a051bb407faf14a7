"""A test-only analyzer that misbehaves on marked pages, to check limits enforced from outside.

Imported by batch workers through ``run_batch(imports=("tests.batch.poison",))``.
On a page containing ``POISON-HANG`` it blocks SIGALRM and sleeps (a hang the
in-process time limit cannot break, like a C loop, and one that uses no CPU);
``POISON-SPIN`` blocks the timer signals and burns CPU (an endless loop in C
code); ``POISON-CRASH`` kills its
own process with SIGSEGV (a crashing parser); ``POISON-MEMORY`` fills 600 MB.
Any other page passes through untouched, so it keeps the analyzer contract.
"""

from __future__ import annotations

import os
import signal
import time
from typing import ClassVar

from newsift.document import Document
from newsift.registry import register


@register
class Poison:
    """Misbehave on marked pages (tests only)."""

    name: ClassVar[str] = "testing.poison.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def setup(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        if "POISON-HANG" in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(600)
        if "POISON-SPIN" in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})
            started = time.process_time()
            while time.process_time() - started < 600:
                pass
        if "POISON-CRASH" in doc.text:
            os.kill(os.getpid(), signal.SIGSEGV)
        if "POISON-MEMORY" in doc.text:
            ballast = b"x" * (600 << 20)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(600)
            del ballast
        return doc
