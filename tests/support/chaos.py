"""Chaos trials for the batch runner: kill it at random points, resume, compare with a clean run.

Used by ``benchmarks/batch.py`` and the tests. A trial runs ``newsift batch``
as a subprocess and, once a seeded random number of shards is complete plus a
random fraction of a second, sends SIGKILL either to the coordinator (then runs
``--resume``) or to one worker process (the run goes on by itself).
:func:`compare` then checks the output against a clean run's: no id twice, no
id lost, the same outcome and the same document for every id.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as _pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.batch import store

pq: Any = _pq  # pyarrow.parquet has no type hints


@dataclass(frozen=True, slots=True)
class TrialResult:
    kind: str  # "coordinator" or "worker"
    seed: int
    after_shards: int  # the kill came once this many shards were complete ...
    extra_s: float  # ... and this many seconds later
    killed: bool  # False when the run ended before the kill came
    duplicates: int
    lost: int
    extra: int
    mismatched: int
    kept_shards: int  # shards complete at the kill, kept by --resume
    wall_s: float  # all runs of the trial together


def batch_command(inputs: list[str], out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "newsift", "batch", *inputs, "--out", str(out), "-q", *options]


def kill_at(command: list[str], target: str, after_shards: int, extra_s: float, out: Path) -> bool:
    """Run ``command``; once ``after_shards`` shards are in the manifest and ``extra_s`` more
    seconds have passed, SIGKILL the coordinator or one worker (``target``). Waits for the
    command to end when a worker was killed. True if the kill landed while it ran."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None and _completed(out) < after_shards:
            time.sleep(0.02)
        deadline = time.monotonic() + extra_s
        while process.poll() is None:
            if time.monotonic() < deadline:
                time.sleep(0.01)
                continue
            if target == "coordinator":
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            workers = worker_pids(process.pid)
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.02)  # workers still starting
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _completed(out: Path) -> int:
    try:
        manifest = store.read_manifest(out)
    except (OSError, ValueError):
        return 0
    return len(manifest.get("completed", {})) if manifest else 0


def worker_pids(parent: int) -> list[int]:
    """Child processes of ``parent`` that are multiprocessing workers (not the resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return sorted(found)


def compare(clean: Path, other: Path) -> dict[str, int]:
    """Duplicates, lost and extra ids, and ids whose outcome or document differ."""
    rows = _rows(other)
    counts = Counter(row["id"] for row in rows["outcomes"])
    reference = _rows(clean)
    want = {row["id"]: row for row in reference["outcomes"]}
    got = {row["id"]: row for row in rows["outcomes"]}
    docs_want = {row["id"]: row["json"] for row in reference["documents"]}
    docs_got = {row["id"]: row["json"] for row in rows["documents"]}
    mismatched = sum(
        1
        for key in want.keys() & got.keys()
        if want[key] != got[key] or docs_want.get(key) != docs_got.get(key)
    )
    return {
        "duplicates": sum(n - 1 for n in counts.values() if n > 1),
        "lost": len(want.keys() - got.keys()),
        "extra": len(got.keys() - want.keys()),
        "mismatched": mismatched,
    }


def run_trial(
    kind: str,
    inputs: list[str],
    clean: Path,
    out: Path,
    seed: int,
    shards: int,
    options: tuple[str, ...] = (),
) -> TrialResult:
    """One seeded trial: kill after a random number of shards plus a random fraction of a
    second, resume if the coordinator died, compare with ``clean``."""
    import random

    rng = random.Random(seed)
    after, extra = rng.randrange(shards), round(rng.uniform(0.0, 0.3), 3)
    command = batch_command(inputs, out, "--shards", str(shards), *options)
    started = time.perf_counter()
    killed = kill_at(command, kind, after, extra, out)
    kept = _completed(out) if kind == "coordinator" else 0
    if kind == "coordinator":
        subprocess.run([*command, "--resume"], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # fmt: skip
    wall = time.perf_counter() - started
    return TrialResult(kind, seed, after, extra, killed, kept_shards=kept,
                       wall_s=round(wall, 2), **compare(clean, out))  # fmt: skip


def _rows(out: Path) -> dict[str, list[dict[str, Any]]]:
    outcomes = store.read_table(out, "outcomes").drop_columns(["seconds"]).to_pylist()
    documents = store.read_table(out, "documents").select(["id", "json"]).to_pylist()
    return {"outcomes": outcomes, "documents": documents}


# Damaged inputs ----------------------------------------------------------------
PAGE = "Headline {n}\n\nPosted on Tuesday, March 4, 2025\nby Jonas Ebner\n\nBody text {n} here.\n"
HTML = "<html><head><title>T{n}</title></head><body><h1>T{n}</h1><p>Body {n}.</p></body></html>"


def write_jsonl(path: Path, count: int, prefix: str = "j", bad_line: bool = False) -> Path:
    lines = [json.dumps({"id": f"{prefix}{n}", "text": PAGE.format(n=n)}) for n in range(count)]
    if bad_line:
        lines.insert(1, "[1, 2, 3]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_csv(path: Path, broken: bool) -> Path:
    rows = ["id,text", 'c1,"A page, one"', 'c2,"A page, two"']
    if broken:
        rows.append('c3,"never closed')
        rows.append("c4,lost")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_parquet(path: Path, corrupt: bool) -> Path:
    table = pa.table({"id": ["p1", "p2"], "html": [HTML.format(n=1), HTML.format(n=2)]})
    pq.write_table(table, path)
    if corrupt:
        data = path.read_bytes()
        path.write_bytes(data[:-12] + b"\0" * 12)  # footer length and magic destroyed
    return path


def warc_bytes(count: int) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n in range(count):
        body = HTML.format(n=n).encode()
        head = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://w.example/{n}", "response", payload=io.BytesIO(body), length=len(body),
            http_headers=head,
        )  # fmt: skip
        record.rec_headers.replace_header("WARC-Record-ID", f"<urn:uuid:w{n}>")
        writer.write_record(record)
    return out.getvalue()


def write_warc(path: Path, truncated: bool) -> Path:
    data = warc_bytes(3)
    path.write_bytes(data[: len(data) - 40] if truncated else data)
    return path


def bad_inputs(folder: Path) -> list[Path]:
    """One damaged file of each kind (with good records beside the damage)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_jsonl(folder / "good.jsonl", 4, bad_line=True),
        write_csv(folder / "broken.csv", broken=True),
        write_parquet(folder / "corrupt.parquet", corrupt=True),
        write_warc(folder / "cut.warc", truncated=True),
    ]
