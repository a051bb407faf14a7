"""run_batch: exactly one outcome per id, atomic shards, resume, limits from outside."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from newsift.batch import store
from newsift.batch.records import iter_records
from newsift.batch.run import BatchLimits, run_batch
from newsift.errors import ConfigError
from tests.batch.conftest import PAGE, bad_inputs, write_jsonl
from tests.support.chaos import compare, run_trial

FAST = ["structure.v1"]


def outcomes(out: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = store.read_table(out, "outcomes").to_pylist()
    return rows


def test_bad_inputs_fail_alone_and_every_id_has_one_row(tmp_path: Path) -> None:
    inputs = bad_inputs(tmp_path / "in")
    report = run_batch(inputs, tmp_path / "out", workers=2, shards=3, pipeline=FAST)
    rows = outcomes(tmp_path / "out")
    ids = [r.id for r in iter_records(inputs)]
    assert sorted(str(r["id"]) for r in rows) == sorted(ids)
    assert max(Counter(str(r["id"]) for r in rows).values()) == 1
    failed = {str(r["id"]): str(r["reason"]) for r in rows if r["status"] == "failed"}
    assert len(failed) == 4 and report.counts == {"ok": 8, "skipped": 0, "failed": 4}
    reasons = " | ".join(failed.values())
    for expected in ("JSON object", "CSV error", "Parquet", "ends inside this record"):
        assert expected in reasons
    with duckdb.connect(str(tmp_path / "out" / store.DATABASE), read_only=True) as db:
        assert db.sql("select count(*) from outcomes").fetchone() == (12,)
        assert db.sql("select count(*) from documents where headline is not null").fetchone()[0]


def test_manifest_lists_every_shard_with_counts_and_hashes(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 6)
    run_batch([path], tmp_path / "out", shards=4, pipeline=FAST)
    manifest = store.read_manifest(tmp_path / "out")
    assert manifest is not None and sorted(manifest["completed"]) == ["0", "1", "2", "3"]
    assert sum(e["rows"]["outcomes"] for e in manifest["completed"].values()) == 6
    assert store.verified_shards(tmp_path / "out", manifest) == {0, 1, 2, 3}
    assert not list((tmp_path / "out").rglob("*.tmp")) and not (tmp_path / "out/spool").exists()


def test_resume_redoes_only_missing_or_damaged_shards(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 12)
    clean, out = tmp_path / "clean", tmp_path / "out"
    run_batch([path], clean, shards=4, pipeline=FAST)
    run_batch([path], out, shards=4, pipeline=FAST)
    manifest = store.read_manifest(out)
    assert manifest is not None
    del manifest["completed"]["1"]  # as if the coordinator died before recording shard 1
    store.write_manifest(out, manifest)
    damaged = out / manifest["completed"]["2"]["files"]["documents"]["path"]
    damaged.write_bytes(damaged.read_bytes()[:-5])  # a torn write the hash catches
    report = run_batch([path], out, shards=4, pipeline=FAST, resume=True)
    assert (report.shards_before, report.shards_written) == (2, 2)
    assert compare(clean, out) == {"duplicates": 0, "lost": 0, "extra": 0, "mismatched": 0}


def test_an_existing_folder_needs_resume_and_the_same_settings(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 2)
    run_batch([path], tmp_path / "out", shards=2, pipeline=FAST)
    with pytest.raises(ConfigError, match="--resume"):
        run_batch([path], tmp_path / "out", shards=2, pipeline=FAST)
    with pytest.raises(ConfigError, match="shards differ"):
        run_batch([path], tmp_path / "out", shards=3, pipeline=FAST, resume=True)
    with pytest.raises(ConfigError, match="no analyzer"):
        run_batch([path], tmp_path / "new", pipeline=["nope.v1"])


def test_poisonous_items_fail_alone_by_limits_enforced_from_outside(tmp_path: Path) -> None:
    pages = [{"id": f"ok{n}", "text": PAGE.format(n=n)} for n in range(4)]
    for marker in ("HANG", "SPIN", "CRASH", "MEMORY"):
        pages.append({"id": marker.lower(), "text": PAGE.format(n=f"POISON-{marker}")})
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in pages) + "\n", encoding="utf-8")
    # CPU time is the limit; the hang uses none, so the wall-clock backstop ends it. The
    # backstop leaves the spin room to use its 2 CPU-s on a machine loaded 6x its cores
    limits = BatchLimits(time_per_item_s=2.0, memory_mb=450, wall_per_item_s=12.0)
    report = run_batch([path], tmp_path / "out", workers=2, shards=2, limits=limits,
                       pipeline=["structure.v1", "testing.poison.v1"],
                       imports=["tests.batch.poison"])  # fmt: skip
    rows = {str(r["id"]): r for r in outcomes(tmp_path / "out")}
    assert len(rows) == 8
    assert all(rows[f"ok{n}"]["status"] == "ok" for n in range(4))
    assert "wall-clock backstop: ran for more than 12 s" in str(rows["hang"]["reason"])
    assert "time limit: took more than 2 CPU-s" in str(rows["spin"]["reason"])
    assert "worker died" in str(rows["crash"]["reason"])
    assert "memory limit" in str(rows["memory"]["reason"])
    assert report.pool is not None and report.pool.retried == 1  # the crash, retried once


@pytest.mark.parametrize(("kind", "seed"), [("coordinator", 1), ("worker", 2)])
def test_chaos_kill_then_resume_loses_and_doubles_nothing(
    tmp_path: Path, kind: str, seed: int
) -> None:
    # enough pages that the run is still going when the seeded kill comes (the workers got
    # faster in session 12, and 40 pages could finish before a kill 0.17 s after shard 2)
    path = write_jsonl(tmp_path / "a.jsonl", 400)
    clean = tmp_path / "clean"
    run_batch([path], clean, workers=2, shards=8, pipeline=FAST)
    options = ("--workers", "2", "--pipeline", "structure.v1")
    trial = run_trial(kind, [str(path)], clean, tmp_path / "out", seed, 8, options)
    assert trial.killed  # the kill came while the run was going
    assert (trial.duplicates, trial.lost, trial.extra, trial.mismatched) == (0, 0, 0, 0)


def test_an_output_folder_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", 3)
    run_batch([tmp_path], tmp_path / "out", shards=2, pipeline=FAST)
    report = run_batch([tmp_path], tmp_path / "out", shards=2, pipeline=FAST, resume=True)
    assert (report.shards_before, report.records) == (2, 0)
    assert sorted(str(r["id"]) for r in outcomes(tmp_path / "out")) == ["j0", "j1", "j2"]
