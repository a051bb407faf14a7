"""Fast mode (issue 18 item 6): articles per CPU-second of the ``fast`` pipeline preset.

    python benchmarks/fast_mode.py [--rounds N]

The articles are built the way ``benchmarks/speed.py`` builds its one (1,000
words of body and 20 comments, ``speed.page``), but ``--articles`` different
ones (8 by default): article ``k`` takes its body paragraphs from the source
rotated by ``k`` eighths and its comments (names, texts, threads) from
``long_threads.page`` with seed ``14 + k``; article 0 is speed.py's own. The
rounds go through the articles in turn, so no round sees the page the round
before it saw (per-page work such as a names regex is not hidden). One thread
(OMP, OpenBLAS and MKL at 1, set before NumPy loads), process time, the page's
loading (``newsift.load``) counted in, models loaded and one warm-up pass
over the articles first; the median over ``--rounds`` rounds. Printed: the
rate with the n-gram bucket memos warm (as over a long run of pages) and
cold (every memo emptied before each round: no help from earlier pages),
CPU-ms per analyzer (warm, medians), the goal (at least 100
articles/s/core) and the ratio to it.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402  (after the thread settings, before numpy loads)
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsift  # noqa: E402
from newsift.pipeline import Pipeline, fast_pipeline, run_analyzer  # noqa: E402
from newsift.text.ngrams import forget_all  # noqa: E402

GOAL = 100.0  # articles per CPU-second, one core
REFERENCE_DATE = "2025-06-01"


def articles(count: int = 8, words: int = 1000, comments: int = 20) -> list[str]:
    """``count`` different articles built like speed.py's (the first is speed.py's own)."""
    import long_threads
    import speed

    source, _ = speed.body_source()
    out = []
    for k in range(count):
        shift = k * len(source) // count
        rotated = source[shift:] + source[:shift]
        generated = long_threads.page(comments, paragraphs=0, seed=14 + k)
        head, bio, tail = generated.partition(speed.BIO)
        out.append(head + "\n\n".join(speed.body(words, rotated)) + "\n\n" + bio + tail)
    return out


def _one(built: Pipeline, text: str, cold: bool, parts: dict[str, list[float]]) -> float:
    if cold:
        forget_all()
    start = time.process_time()
    doc = newsift.load(text, kind="dump", id="fast", reference_date=REFERENCE_DATE)
    parts.setdefault("load", []).append(time.process_time() - start)
    for analyzer in built.analyzers:
        began = time.process_time()
        run_analyzer(analyzer, doc)
        parts.setdefault(analyzer.name, []).append(time.process_time() - began)
    return time.process_time() - start


def fast_mode_timing(
    texts: str | Sequence[str], rounds: int, *, cold: bool = False
) -> tuple[float, dict[str, float]]:
    """Articles per CPU-second of the fast preset and CPU-ms per part (medians of ``rounds``).

    ``texts`` (one article or several) are taken in turn, one per round.
    Loading the page is counted in; the models load (and one pass over the
    articles warms up) before the clock starts. ``cold`` empties the n-gram
    memos before each round.
    """
    pages = [texts] if isinstance(texts, str) else list(texts)
    built = fast_pipeline(time_limit_s=None)
    built.setup()
    for text in pages:
        _one(built, text, cold, {})
    parts: dict[str, list[float]] = {}
    seconds = statistics.median(
        _one(built, pages[i % len(pages)], cold, parts) for i in range(max(rounds, 1))
    )
    return 1.0 / seconds, {k: 1000 * statistics.median(v) for k, v in parts.items()}


def fast_mode_rate(texts: str | Sequence[str], rounds: int, *, cold: bool = False) -> float:
    """Articles per CPU-second of the fast preset on ``texts`` (one or several articles)."""
    return fast_mode_timing(texts, rounds, cold=cold)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--articles", type=int, default=8)
    args = parser.parse_args(argv)
    texts = articles(args.articles)
    print(f"Fast mode ({', '.join(fast_pipeline().names)}), one thread, process time,")
    print(
        f"median of {args.rounds} rounds over {len(texts)} different 1,000-word articles "
        "with 20 comments (built like speed.py's), page loading counted in"
    )
    for label, cold in (("memos warm", False), ("memos cold", True)):
        rate, parts = fast_mode_timing(texts, args.rounds, cold=cold)
        verdict = "meets" if rate >= GOAL else "BELOW"
        print(
            f"   {label}: {rate:6.1f} articles/s/core ({1000 / rate:5.1f} ms each), "
            f"goal >= {GOAL:.0f}: {rate / GOAL:4.2f}x, {verdict}"
        )
        if not cold:
            print("      CPU-ms: " + ", ".join(f"{k} {v:.1f}" for k, v in parts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
