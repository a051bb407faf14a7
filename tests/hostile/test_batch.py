"""Hostile inputs to ``newsift batch``: each ends with one clear outcome row, and the other
inputs of the same run complete (issue 14, defects 2 and 10).

One batch runs over a folder holding every case below beside good pages; each row
of ``CASES`` then checks one input's outcome. The lock, ``--resume`` and
``--encoding`` checks run the CLI on that folder.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsift.batch import store
from newsift.batch.run import run_batch
from newsift.cli import main
from newsift.unicode import SURROGATES_CODE
from tests.support.chaos import PAGE

PIPELINE = ["structure.v1"]
GOOD = ("good-json", "good-csv-1", "good-csv-2", "page.txt")


@dataclass(frozen=True)
class Case:
    name: str
    id: str  # the id its outcome row has; "IN/" stands for the input folder
    status: str
    code: str | None
    reason: str | None  # a regular expression the reason must match (None: no reason)


CASES = [
    # ids and texts holding lone surrogates: repaired, said so, analysed
    Case("surrogate id", "a\ufffd", "ok", SURROGATES_CODE, r"in id \(U\+D800\)"),
    Case("two ids alike once repaired", "x\ufffd", "ok", SURROGATES_CODE, r"id \(U\+D801\)"),
    Case("... the second", "x\ufffd~2", "ok", SURROGATES_CODE, r"id \(U\+DFFF\)"),
    Case("surrogate in text", "t1", "ok", SURROGATES_CODE, r"in text \(U\+DC80\)"),
    Case(
        "surrogate id, bad record",
        "b\ufffd",
        "failed",
        "input.bad_record",
        r"no 'text' string .*\(lone surrogates replaced with U\+FFFD in id",
    ),
    Case("file name not UTF-8", "IN/name-\ufffd.txt", "ok", SURROGATES_CODE, r"id \(U\+DCFF\)"),
    # held: odd but valid ids pass through unchanged
    Case("right-to-left override in id", "rtl\u202eevil", "ok", None, None),
    Case("NUL in id", "nul\x00id", "ok", None, None),
    # folder entries that are not files
    Case("broken symlink", "IN/broken.txt", "failed", "input", r"^a broken symbolic link \(to "),
    Case("symlink loop", "IN/loop.txt", "failed", "input", r"^a broken symbolic link"),
    Case("symlink to a folder", "IN/dirlink", "failed", "input", r"links to folders are not"),
    Case("FIFO", "IN/fifo", "failed", "input", r"^not a regular file"),
    # CSV bytes that are not UTF-8: refused like every other reader, one row alone
    Case(
        "CSV row not UTF-8",
        "IN/rows.csv#2",
        "failed",
        "input.decode",
        r"^column 'text': not valid utf-8: byte 0xe9 at offset 7; pass --encoding",
    ),
]


def _jsonl(*objects: str) -> str:
    return "".join(line + "\n" for line in objects)


def build_folder(folder: Path) -> None:
    folder.mkdir()
    body = json.dumps(PAGE.format(n=1))
    (folder / "ids.jsonl").write_text(
        _jsonl(
            f'{{"id": "a\\ud800", "text": {body}}}',
            f'{{"id": "x\\ud801", "text": {body}}}',
            f'{{"id": "x\\udfff", "text": {body}}}',
            '{"id": "t1", "text": "Budget \\udc80 passes\\n\\nThe council approved it."}',
            '{"id": "b\\ud800", "html": 42}',
            f'{{"id": "rtl\\u202eevil", "text": {body}}}',
            f'{{"id": "nul\\u0000id", "text": {body}}}',
            f'{{"id": "good-json", "text": {body}}}',
        ),
        encoding="utf-8",
    )
    page = PAGE.format(n=2).encode("utf-8")
    (folder / "rows.csv").write_bytes(
        b"id,text\n"
        b'good-csv-1,"' + page + b'"\n'
        b'bad-csv,"Budget \xe9 passes\n\nThe council approved it."\n'
        b'good-csv-2,"' + page + b'"\n'
    )
    (folder / "page.txt").write_bytes(page)
    os.symlink(folder / "nowhere.txt", folder / "broken.txt")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_bytes(page)
    os.symlink(folder / "sub", folder / "dirlink")
    os.mkfifo(folder / "fifo")
    with open(os.path.join(os.fsencode(folder), b"name-\xff.txt"), "wb") as stream:
        stream.write(page)


def _id(case: Case, folder: Path) -> str:
    return case.id.replace("IN/", f"{folder}/")


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("hostile-batch")
    folder, out = root / "in", root / "out"
    build_folder(folder)
    run_batch([folder], out, shards=3, pipeline=PIPELINE)  # raised before: lone surrogate
    rows: list[dict[str, Any]] = store.read_table(out, "outcomes").to_pylist()
    assert max(Counter(row["id"] for row in rows).values()) == 1  # one row per id
    return folder, out, {row["id"]: row for row in rows}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_hostile_input_has_one_clear_outcome(
    ran: tuple[Path, Path, dict[str, dict[str, Any]]], case: Case
) -> None:
    folder, _, rows = ran
    row = rows[_id(case, folder)]
    assert (row["status"], row["code"]) == (case.status, case.code), row
    if case.reason is None:
        assert row["reason"] is None
    else:
        assert re.search(case.reason, row["reason"]), row["reason"]


def test_the_other_inputs_of_the_run_complete(
    ran: tuple[Path, Path, dict[str, dict[str, Any]]],
) -> None:
    folder, out, rows = ran
    good = [g if g.startswith("good") else f"{folder}/{g}" for g in GOOD]
    good.append(f"{folder}/sub/inner.txt")
    assert all(rows[g]["status"] == "ok" for g in good)
    assert len(rows) == len(CASES) + len(good)  # every input, and nothing else
    documents = store.read_table(out, "documents").to_pylist()
    assert len(documents) == sum(row["status"] == "ok" for row in rows.values())


def test_resume_after_a_surrogate_id_works(
    ran: tuple[Path, Path, dict[str, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out, rows = ran
    manifest = store.read_manifest(out)
    assert manifest is not None
    victim = next(iter(manifest["completed"].values()))["files"]["outcomes"]["path"]
    (out / victim).unlink()  # one shard lost: --resume redoes it
    args = ["batch", str(folder), "--out", str(out), "--shards", "3", "-q", "--resume"]
    assert main([*args, "--pipeline", ",".join(PIPELINE)]) == 1  # some inputs failed
    assert "Traceback" not in capsys.readouterr().err
    again = {row["id"]: row for row in store.read_table(out, "outcomes").to_pylist()}
    assert {k: v["status"] for k, v in again.items()} == {k: v["status"] for k, v in rows.items()}


def test_a_second_coordinator_on_the_folder_is_refused_and_changes_nothing(
    ran: tuple[Path, Path, dict[str, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out, _ = ran
    before = {p: p.read_bytes() for p in out.rglob("*.parquet")}
    before[out / store.MANIFEST] = (out / store.MANIFEST).read_bytes()
    args = ["batch", str(folder), "--out", str(out), "--shards", "3", "-q", "--resume"]
    with store.locked(out):  # the first coordinator, still running
        code = main([*args, "--pipeline", ",".join(PIPELINE)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"in use by another newsift batch run (process {os.getpid()})" in err
    assert {p: p.read_bytes() for p in before} == before
    assert not (out / "spool").exists() or not any((out / "spool").iterdir())
    with pytest.raises(store.OutputBusy), store.locked(out), store.locked(out):
        pass


def test_csv_in_another_encoding_needs_encoding(tmp_path: Path) -> None:
    source = tmp_path / "latin.csv"
    source.write_bytes(b'id,text\nl1,"Caf\xe9 budget passes\n\nThe council approved it."\n')
    run_batch([source], tmp_path / "strict", shards=1, pipeline=PIPELINE)
    strict = store.read_table(tmp_path / "strict", "outcomes").to_pylist()
    assert [(r["id"], r["status"], r["code"]) for r in strict] == [
        (f"{source}#1", "failed", "input.decode")
    ]
    run_batch([source], tmp_path / "latin", shards=1, pipeline=PIPELINE, encoding="latin-1")
    rows = store.read_table(tmp_path / "latin", "outcomes").to_pylist()
    assert [(r["id"], r["status"]) for r in rows] == [("l1", "ok")]
    documents = store.read_table(tmp_path / "latin", "documents").to_pylist()
    assert json.loads(documents[0]["json"])["text"].startswith("Café budget")
    assert main(["batch", str(source), "--out", str(tmp_path / "x"), "--encoding", "nope"]) == 2


def test_csv_cut_off_in_a_wide_encoding_fails_the_rest_not_the_run(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    text = 'id,text\nw1,"Budget passes\n\nThe council approved it."\n'
    source.write_bytes(text.encode("utf-16-le") + b"\xff\xfe\x00")  # an odd byte at the end
    run_batch([source], tmp_path / "out", shards=1, pipeline=PIPELINE, encoding="utf-16-le")
    rows = {r["id"]: r for r in store.read_table(tmp_path / "out", "outcomes").to_pylist()}
    assert rows["w1"]["status"] == "ok"
    cut = rows[f"{source}#2"]
    assert (cut["status"], cut["code"]) == ("failed", "input.decode")
    assert "not valid utf-16-le after row 1" in cut["reason"]
