"""Store an ONNX model as onnxruntime's optimised graph, so loading it costs less.

    python -m training.onnx_graph FILE [FILE ...]

onnxruntime rewrites every graph it loads (attention, GELU and layer-norm
fusions; int8 matrix products fused with their quantisation) before the first
run, in every process that loads it: a MiniLM-sized int8 session took 0.095
CPU-s in a fresh process, and a one-page ``newsift analyze`` opens two.
:func:`optimise_for_runtime` does the rewriting once,
here, at onnxruntime's *extended* level (graph fusions that hold on any CPU;
the *all* level adds layout changes tied to the machine, which we leave to the
run time), and writes the result. Loading that file again, at the run time's
default level, finds nothing left to fuse: the session started in 0.060 CPU-s
(about two thirds; six fresh processes each, session 12) and gives the same
numbers (checked by ``main`` on word-piece ids of several lengths; session 12
measured identical pipeline JSON on 84 documents).

Every export goes through it (:func:`training.encoder._quantise`), so ``make
models`` writes optimised files; ``main`` rewrites files already shipped and
prints each new SHA-256 for the module that checks it.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

#: word-piece lengths the equality check runs (a [CLS] .. [SEP] row of each)
CHECK_LENGTHS = (3, 17, 64, 200)


def _session(path: Path, level: str, save_to: Path | None = None) -> Any:
    import onnxruntime  # type: ignore[import-untyped]

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.graph_optimization_level = getattr(onnxruntime.GraphOptimizationLevel, level)
    if save_to is not None:
        options.optimized_model_filepath = str(save_to)
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def optimise_for_runtime(source: Path, target: Path) -> None:
    """Write ``source`` to ``target`` (may be the same file) as onnxruntime's
    extended-level optimised graph."""
    with tempfile.TemporaryDirectory() as scratch:
        optimised = Path(scratch) / "optimised.onnx"
        _session(source, "ORT_ENABLE_EXTENDED", save_to=optimised)
        shutil.move(optimised, target)


def largest_difference(
    first: Path,
    second: Path,
    lengths: tuple[int, ...] = CHECK_LENGTHS,
    vocabulary: tuple[int, int] = (1000, 29000),
) -> float:
    """The largest absolute difference between the two models' outputs over rows of
    ``lengths`` word pieces (ids drawn from ``vocabulary``, between [CLS] and [SEP]),
    each run alone, at the run time's default level."""
    sessions = [_session(path, "ORT_ENABLE_ALL") for path in (first, second)]
    rng = np.random.default_rng(12)
    worst = 0.0
    for length in lengths:
        ids = rng.integers(*vocabulary, size=(1, length), dtype=np.int64)
        ids[0, 0], ids[0, -1] = 101, 102
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        outputs = [session.run(None, feeds) for session in sessions]
        for a, b in zip(*outputs, strict=True):
            worst = max(worst, float(np.max(np.abs(np.asarray(a) - np.asarray(b)))))
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    for path in args.files:
        with tempfile.TemporaryDirectory() as scratch:
            before = Path(scratch) / "before.onnx"
            shutil.copyfile(path, before)
            optimise_for_runtime(before, path)
            difference = largest_difference(before, path)
        if difference > 0.0:
            shutil.copyfile(before, path)
            raise SystemExit(f"{path}: outputs moved by {difference:g}; left as it was")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(f"{path.name}: sha256 {digest} (outputs unchanged)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
