"""Where the training scripts find the repository, the shared data and the model folder.

The runtime package never looks outside itself; the trainers and benchmarks do, from a
checkout laid out as ``<parent>/main`` (this repository) beside ``<parent>/shared``
(the public data sets, see ``../shared/data/*/PROVENANCE.md``). One place names that
layout, so a trainer moved or renamed does not change the folders it reads or writes.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root (the folder holding ``src/``, ``training/`` and ``benchmarks/``).
ROOT = Path(__file__).resolve().parents[1]
#: The shared folder beside the repository; most trainers take ``--shared`` to override it.
SHARED = ROOT.parent / "shared"
#: The public data sets inside :data:`SHARED`.
SHARED_DATA = SHARED / "data"
#: The package's model folder, where ``make models`` writes what the wheel ships.
MODELS = ROOT / "src" / "newsift" / "models"
#: Hand-labelled pages kept in the repository for the benchmarks.
BENCHMARK_DATA = ROOT / "benchmarks" / "data"
