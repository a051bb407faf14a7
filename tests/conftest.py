from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"

needs_shared = pytest.mark.skipif(
    not (SHARED / "examples").is_dir(),
    reason=f"shared data not found at {SHARED} (present in CI; clone beside ../shared)",
)
