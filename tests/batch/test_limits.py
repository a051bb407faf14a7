"""The per-document guard (CPU time, wall-clock backstop, resident memory) and the runner's
one outcome per input, lone surrogates included (issue 14, defects 2, 5 and 11)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from newsift import limits
from newsift.cli import main
from newsift.document import Document, Meta
from newsift.errors import DecodeError, LimitExceeded
from newsift.ingest import Loaded
from newsift.limits import Limits, cap_memory, resident_mb, time_limit, wall_backstop
from newsift.pipeline import Pipeline
from newsift.runner import run
from newsift.unicode import SURROGATES_CODE, clean_text

REPRO = '{"id":"a\\ud800","text":"Budget passes\\n\\nThe council approved it."}\n'


@pytest.fixture(autouse=True)
def _no_memory_cap() -> Iterator[None]:
    """``cap_memory`` is process-wide: never leave one behind for other tests."""
    yield
    cap_memory(None)


def _spin(cpu_seconds: float) -> None:
    started = time.process_time()
    while time.process_time() - started < cpu_seconds:
        pass


@dataclass
class Hog:
    """An analyzer that, on a page holding ``HOG``, holds 300 MB and burns CPU."""

    name: ClassVar[str] = "test.hog.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def setup(self) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        if "HOG" in doc.text:
            ballast = b"x" * (300 << 20)
            _spin(5.0)  # the guard samples memory as CPU time passes; it ends this
            del ballast
        return doc


# CPU time, not wall-clock time ------------------------------------------------
def test_the_time_limit_counts_cpu_time_and_says_so() -> None:
    cpu = r"took more than 0\.2 CPU-s \(CPU time limit\)"
    with pytest.raises(LimitExceeded, match=cpu), time_limit(0.2, "analysing x"):
        _spin(10.0)


def test_waiting_uses_no_cpu_time_so_only_the_backstop_ends_it() -> None:
    with time_limit(0.05, "analysing y", wall_seconds=30):
        time.sleep(0.3)  # six times the CPU limit in wall-clock time: still fine
    wall = r"more than 0\.2 s of wall-clock time \(wall-clock backstop"
    with pytest.raises(LimitExceeded, match=wall), time_limit(30, "analysing z", wall_seconds=0.2):
        time.sleep(5)


def test_the_backstop_is_generous() -> None:
    assert wall_backstop(30) == 120 and wall_backstop(1) == 60


# resident memory, not address space ------------------------------------------
def test_a_document_past_the_memory_cap_fails_alone() -> None:
    resident = resident_mb()
    assert resident is not None
    cap_memory(int(resident) + 150)
    pipeline = Pipeline([Hog()], time_limit_s=30)
    items = [Loaded(n, document=Document(t, id=n)) for n, t in (("hog", "HOG"), ("ok", "fine"))]
    got = {o.id: o for o in run(pipeline, items)}
    assert got["hog"].status == "failed" and got["hog"].code == LimitExceeded.code
    assert "over the" in str(got["hog"].reason) and "(memory limit)" in str(got["hog"].reason)
    assert got["ok"].status == "ok"


def test_a_cap_that_cannot_work_is_refused_up_front() -> None:
    with pytest.raises(ValueError, match="already uses"):
        cap_memory(limits.MEMORY_FLOOR_MB)  # the test process alone is over 64 MB
    with pytest.raises(ValueError, match="floor"):
        cap_memory(10)
    with pytest.raises(ValueError, match="at least 64"):
        Limits(max_memory_mb=10)
    assert Limits(max_memory_mb=0).max_memory_mb == 0  # 0: no cap


def test_analyze_with_a_memory_cap_reads_a_small_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Budget passes\n\nThe council approved it.\n" * 80, encoding="utf-8")
    resident = resident_mb()
    assert resident is not None
    cap = str(int(resident) + 300)  # an address-space cap this size fails every document
    args = ["analyze", str(page), "--pipeline", "structure.v1", "-q", "--max-memory-mb", cap]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["id"] == str(page)
    assert main([*args[:-1], "64"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already uses" in err and "Traceback" not in err


# lone surrogates: one outcome each, and the run goes on ---------------------------
def test_the_runner_repairs_lone_surrogates_and_says_so() -> None:
    doc = Document("Budget \udc80 passes", id="d\ud800", meta=Meta(headline="H\udfff"))
    error = DecodeError("bad name \udcff")
    items = [
        Loaded("d\ud800", document=doc),
        Loaded("e\udcff", error=error),
        Loaded("f", document=Document("fine", id="f")),
    ]
    got = list(run(Pipeline([]), items))
    assert [o.id for o in got] == ["d\ufffd", "e\ufffd", "f"]
    assert [o.status for o in got] == ["ok", "failed", "ok"]
    assert got[0].code == SURROGATES_CODE
    assert "id (U+D800), text (U+DC80), meta.headline" in str(got[0].reason)
    assert got[1].code == DecodeError.code and "U+DCFF" in str(got[1].reason)
    assert got[2].reason is None and got[2].code is None
    for outcome in got:
        json.dumps(outcome.to_dict(), ensure_ascii=False).encode("utf-8")
        if outcome.document is not None:
            json.dumps(outcome.document.to_dict(), ensure_ascii=False).encode("utf-8")
    assert got[0].document is not None and len(got[0].document.text) == len(doc.text)


def test_a_reader_out_of_memory_is_an_outcome_not_a_traceback() -> None:
    def items() -> Iterator[Loaded]:
        yield Loaded("a", document=Document("fine", id="a"))
        raise MemoryError

    got = list(run(Pipeline([]), items()))
    assert [(o.id, o.status) for o in got] == [("a", "ok"), ("(input)", "failed")]
    assert "out of memory" in str(got[1].reason)


def test_analyze_gives_a_surrogate_id_one_outcome_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "s.jsonl"
    source.write_text(REPRO + REPRO.replace("a\\ud800", "b"), encoding="utf-8")
    rows = tmp_path / "outcomes.jsonl"
    args = ["analyze", str(source), "--pipeline", "structure.v1", "-q", "--outcomes", str(rows)]
    assert main(args) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in docs] == ["a\ufffd", "b"]
    outcomes = [json.loads(line) for line in rows.read_text(encoding="utf-8").splitlines()]
    assert [(o["id"], o["status"], o["code"]) for o in outcomes] == [
        ("a\ufffd", "ok", SURROGATES_CODE),
        ("b", "ok", None),
    ]


def test_clean_text_keeps_length_and_valid_pairs() -> None:
    assert clean_text("a\ud83d\ude00") == ("a\ufffd\ufffd", True)  # a pair of lone halves
    assert clean_text("a😀") == ("a😀", False)
    assert clean_text("") == ("", False)
