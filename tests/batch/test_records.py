"""Batch inputs become records; a damaged file fails alone, with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsift.batch.records import BatchRecord, iter_records, shard_of
from tests.batch.conftest import write_csv, write_jsonl, write_parquet, write_warc


@pytest.mark.parametrize(
    ("make", "ok_ids", "failed", "reason"),
    [
        (lambda p: write_jsonl(p / "a.jsonl", 3, bad_line=True), ["j0", "j1", "j2"], 1,
         "must be a JSON object"),
        (lambda p: write_csv(p / "a.csv", broken=True), ["c1", "c2"], 1, "CSV error"),
        (lambda p: write_csv(p / "a.csv", broken=False), ["c1", "c2"], 0, ""),
        (lambda p: write_parquet(p / "a.parquet", corrupt=True), [], 1, "cannot read Parquet"),
        (lambda p: write_parquet(p / "a.parquet", corrupt=False), ["p1", "p2"], 0, ""),
        (lambda p: write_warc(p / "a.warc", truncated=True), ["urn:uuid:w0", "urn:uuid:w1"], 1,
         "ends inside this record"),
        (lambda p: write_warc(p / "a.warc", truncated=False),
         ["urn:uuid:w0", "urn:uuid:w1", "urn:uuid:w2"], 0, ""),
    ],
)  # fmt: skip
def test_each_reader_keeps_good_records_and_fails_the_damage(
    tmp_path: Path, make: object, ok_ids: list[str], failed: int, reason: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    records = list(iter_records([path]))
    assert [r.id for r in records if r.error is None] == ok_ids
    errors = [r for r in records if r.error is not None]
    assert len(errors) == failed
    assert all(reason in (r.error or "") for r in errors)


def test_a_folder_reads_pages_of_any_kind_and_nested_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text("A headline\n\nSome body text.\n", encoding="utf-8")
    (tmp_path / "sub" / "two.html").write_text("<html><p>Hi there</p></html>", encoding="utf-8")
    write_jsonl(tmp_path / "sub" / "more.jsonl", 2)
    records = list(iter_records([tmp_path]))
    assert sorted(r.id for r in records) == sorted(
        [str(tmp_path / "one.txt"), str(tmp_path / "sub" / "two.html"), "j0", "j1"]
    )
    assert {r.kind for r in records if r.id.endswith((".txt", ".html"))} == {"file"}


def test_missing_input_and_repeated_ids(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", 2)
    records = list(iter_records([path, path, tmp_path / "nope.jsonl"]))
    assert [r.id for r in records] == ["j0", "j1", "j0~2", "j1~2", str(tmp_path / "nope.jsonl")]
    assert records[-1].error == "no such file or folder"


def test_shards_are_stable_and_in_range() -> None:
    ids = [f"id-{n}" for n in range(500)]
    shards = [shard_of(i, 7) for i in ids]
    assert shards == [shard_of(i, 7) for i in ids]
    assert set(shards) == set(range(7))
    assert shard_of("doc-1", 16) == 1  # pinned: a change would reshuffle existing outputs


def test_record_round_trips_through_a_dict() -> None:
    record = BatchRecord("x", b"payload", "html", "https://a.example/", "2025-01-01", "utf-8")
    assert BatchRecord.from_dict(record.to_dict()) == record
