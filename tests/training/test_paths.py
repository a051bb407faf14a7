"""Where the trainers read and write: the same folders as before they left the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from training.paths import BENCHMARK_DATA, MODELS, ROOT, SHARED, SHARED_DATA

import newsift
from training import claims, claims_pages, comments_data, leaders, persuasion_data, toxicity

PACKAGE = Path(newsift.__file__).resolve().parent


def test_the_root_is_the_checkout_that_holds_the_package() -> None:
    assert PACKAGE == ROOT / "src" / "newsift"
    assert MODELS == PACKAGE / "models" and (MODELS / "claims-v1.npz").is_file()
    assert ROOT.parent / "shared" / "data" == SHARED_DATA and SHARED_DATA.parent == SHARED
    assert BENCHMARK_DATA == ROOT / "benchmarks" / "data"


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (claims.DATA, SHARED_DATA / "claims" / "claimbuster" / "crowdsourced.csv"),
        (claims.OUT, PACKAGE / "models" / "claims-v1.npz"),
        (claims_pages.PAGES, BENCHMARK_DATA / "claims_pages"),
        (claims_pages.GROUND_TRUTH, SHARED_DATA / "extraction" / "zyte_aeb" / "ground-truth.json"),
        (comments_data.DATA, SHARED_DATA / "comments"),
        (persuasion_data.DATA, SHARED_DATA / "propaganda"),
        (toxicity.FUNCTIONAL_CASES, ROOT / "tests" / "comments" / "functional" / "cases.py"),
        (leaders.OUT, PACKAGE / "attribution" / "data" / "leaders.tsv"),
    ],
)
def test_each_trainer_reads_and_writes_where_it_did(found: Path, expected: Path) -> None:
    assert found == expected


def test_the_files_in_the_repository_are_there() -> None:
    """The ones inside the checkout (the shared data may be absent: its tests skip)."""
    assert toxicity.FUNCTIONAL_CASES.is_file()
    assert claims_pages.PAGES.is_dir()
    assert leaders.OUT.is_file()
