"""Fast mode (issue 18 item 6): articles per CPU-second of the ``fast`` pipeline preset.

    python benchmarks/fast_mode.py [--rounds N]

The article is the one ``benchmarks/speed.py`` builds (1,000 words of body and
20 comments, ``speed.page``). One thread (OMP, OpenBLAS and MKL at 1, set
before NumPy loads), process time, the page's loading (``newsift.load``)
counted in, models loaded and one warm-up run first; the median over
``--rounds`` rounds. Printed: the rate with the n-gram bucket memos warm (as
over a long run of pages, though here every page is the same one) and cold
(every memo emptied before each round: no help from earlier pages), the goal
(at least 100 articles/s/core) and the ratio to it.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402  (after the thread settings, before numpy loads)
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsift  # noqa: E402
from newsift.pipeline import Pipeline, fast_pipeline  # noqa: E402
from newsift.text.ngrams import forget_all  # noqa: E402

GOAL = 100.0  # articles per CPU-second, one core
REFERENCE_DATE = "2025-06-01"


def _article() -> str:
    """speed.py's 1,000-word article with 20 comments."""
    import speed

    source, _ = speed.body_source()
    return speed.page(1000, 20, source)


def _one(built: Pipeline, text: str, cold: bool) -> float:
    if cold:
        forget_all()
    start = time.process_time()
    built(newsift.load(text, kind="dump", id="fast", reference_date=REFERENCE_DATE))
    return time.process_time() - start


def fast_mode_rate(article_text: str, rounds: int, *, cold: bool = False) -> float:
    """Articles per CPU-second of the fast preset on ``article_text`` (median of ``rounds``).

    Loading the page is counted in; the models load (and one run warms up)
    before the clock starts. ``cold`` empties the n-gram memos before each round.
    """
    built = fast_pipeline(time_limit_s=None)
    built.setup()
    _one(built, article_text, cold)
    seconds = statistics.median(_one(built, article_text, cold) for _ in range(max(rounds, 1)))
    return 1.0 / seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    text = _article()
    print(f"Fast mode ({', '.join(fast_pipeline().names)}), one thread, process time,")
    print(f"median of {args.rounds} rounds, page loading counted in, speed.py's 1,000-word article")
    for label, cold in (("memos warm", False), ("memos cold", True)):
        rate = fast_mode_rate(text, args.rounds, cold=cold)
        verdict = "meets" if rate >= GOAL else "BELOW"
        print(
            f"   {label}: {rate:6.1f} articles/s/core ({1000 / rate:5.1f} ms each), "
            f"goal >= {GOAL:.0f}: {rate / GOAL:4.2f}x, {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
