"""The page-level audit truth (benchmarks/data/audit) parses and points at real files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRUTH = ROOT / "benchmarks" / "data" / "audit"
DATA = ROOT.parent / "shared" / "data"
KINDS = {"person", "organization", "group", "document", "anonymous", "unattributed"}
FLAGS = {
    "no_institution", "former_or_advisory_only", "implausible_timeline", "only_to_author",
    "anonymous_majority",
}  # fmt: skip
FILES = sorted(TRUTH.glob("*/*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_split_sizes() -> None:
    splits = [p.parent.name for p in FILES]
    assert splits.count("dev") >= 10 and splits.count("test") >= 20
    assert set(splits) == {"dev", "test"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_truth_file_is_well_formed(path: Path) -> None:
    truth = _load(path)
    assert truth["split"] == path.parent.name
    assert truth["guideline"] in {"1.0", "1.1"}
    assert path.stem in truth["page"]
    names: set[str] = set()
    for source in truth["sources"]:
        assert source["kind"] in KINDS
        assert set(source.get("kind_alternatives", [])) <= KINDS
        assert isinstance(source["to_author"], bool) and isinstance(source["anonymous"], bool)
        names.update([source["name"], *source["alternatives"]])
    # a page with no source at all (a first-person review) is kept as a negative page
    assert truth["quotes"] or not truth["sources"], "a page with sources has quotes"
    for quote in truth["quotes"]:
        assert quote["text"].strip()
        for speaker in [quote["speaker"], *quote["alternatives"]]:
            assert speaker is None or speaker in names
    for flag in truth["flags"]:
        assert flag["kind"] in FLAGS
        assert flag["source"] is None or flag["source"] in names


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_truth_file_points_at_its_page(path: Path) -> None:
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    truth = _load(path)
    page = DATA / truth["page"]
    assert page.is_file()
    assert hashlib.sha256(page.read_bytes()).hexdigest() == truth["sha256"]
