"""Cost against length: a 16,000-word page against a 4,000-word page of the same text.

    python benchmarks/scaling.py [--rounds N] [--profile] [--paragraphs 3000]

The pages are real paragraphs repeated: the body of the bundled sample
(``src/newsift/samples/sample-dump.txt``) and, when ``../shared/data`` is there,
a few PolNeAR dev articles. Every repetition gets its own people: the names
spaCy's NER finds in the paragraphs are replaced by invented ones (a different
set per repetition, the surname alone with its full name), so sources and
coreference meet as many people as a long page of new text would. The
4,000-word page is the start of the 16,000-word one.

Each page goes through the default pipeline as the CLI builds it (MiniLM on
when the ``minilm`` extra is there), models loaded first, one BLAS thread;
the two sizes are interleaved over ``--rounds`` and the median CPU-s (process
time) of each is kept. Printed: CPU-s per size and per analyzer, the ratio
16k/4k against the goal (at most 4.4: near linear), and the CPU-s of the
3,000-paragraph page of ``benchmarks/long_threads.py`` against its 30 s limit.
``--profile`` adds the functions whose own time grows most from 4k to 16k
(cProfile, one run each). Speed is never a unit test; this is where it is checked.
The growth itself is also tested, as a count: ``tests/test_scaling_equivalence.py``
runs the attribution, flags, persuasion and ``link_quotes`` code on these two
pages (the sample's paragraphs only) and asserts that the lines of Python each
module runs grow at most 4.4x.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"
POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
ARTICLES = (  # PolNeAR dev articles with many speakers, in this order
    "nyt_2016-09-08_obama-on-climate-change-the-tren.txt",
    "wash-post_2016-09-08_virginian-could-make-history-aga.txt",
)
GOAL_RATIO = 4.4
LIMIT_S = 30.0

sys.path.insert(0, str(ROOT / "benchmarks"))
import long_threads  # noqa: E402  (the 3,000-paragraph page and the invented names)

sys.path.pop(0)


def sample_body() -> list[str]:
    """The body paragraphs of the bundled sample: after the byline, before the bio line."""
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n")]
    start = next(i for i, b in enumerate(blocks) if re.search(r"(^|\n)by ", b)) + 1
    end = next(i for i, b in enumerate(blocks) if b.startswith("Mara Lindgren writes"))
    return blocks[start:end]


def base_paragraphs() -> list[str]:
    """The paragraphs one repetition holds (sample body, then the PolNeAR articles)."""
    paragraphs = sample_body()
    for name in ARTICLES:
        path = POLNEAR / name
        if path.is_file():
            blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")]
            paragraphs += [b for b in blocks[1:] if len(b.split()) >= 8]  # no headline
    return paragraphs


def people(paragraphs: list[str]) -> list[str]:
    """The person names spaCy finds, full names first (longest first)."""
    from newsift.attribution.nlp import load_english

    nlp = load_english()
    found: set[str] = set()
    for doc in nlp.pipe(paragraphs):
        for entity in doc.ents:
            name = entity.text.strip()
            if entity.label_ == "PERSON" and re.fullmatch(
                r"[A-Z][\w.'’-]*( [A-Z][\w.'’-]*)*", name
            ):
                name = re.sub(r"['’]s$", "", name)
                found.add(name)
                found.add(name.split()[-1])  # the surname alone
    return sorted(found, key=lambda n: (-len(n), n))


def renamer(names: list[str], repetition: int) -> re.Pattern[str] | None:
    """Nothing for the first repetition; then a pattern over the names to replace."""
    if not names or repetition == 0:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def invented(name: str, repetition: int) -> str:
    """The name standing for ``name`` in ``repetition``: same surname, same new surname."""
    parts = name.split()
    surname = parts[-1]
    code = sum(ord(c) for c in surname) + 7 * repetition
    last = long_threads.LAST[code % len(long_threads.LAST)] + (
        "" if repetition < len(long_threads.LAST) else str(repetition)
    )
    if len(parts) == 1:
        return last
    first = long_threads.FIRST[(sum(ord(c) for c in parts[0]) + 3 * repetition) % 50]
    return f"{first} {last}"


def body(words: int, paragraphs: list[str], names: list[str]) -> list[str]:
    """Repetitions of ``paragraphs`` (renamed each time) up to ``words`` words."""
    out: list[str] = []
    count = repetition = 0
    while count < words:
        pattern = renamer(names, repetition)
        for paragraph in paragraphs:
            text = (
                pattern.sub(lambda m, r=repetition: invented(m.group(1), r), paragraph)
                if pattern
                else paragraph
            )
            out.append(text)
            count += len(text.split())
            if count >= words:
                break
        repetition += 1
    return out


def page(words: int, paragraphs: list[str], names: list[str]) -> str:
    """A dump page: the sample's headline, dateline and byline, ``words`` words of body."""
    head = SAMPLE.read_text(encoding="utf-8").split("\n\n")[:2]  # headline; dateline and byline
    bio = "Mara Lindgren writes about health care and rural communities."
    return "\n\n".join([*head, *body(words, paragraphs, names), bio]) + "\n"


class Timed:
    """The default pipeline with each analyzer's CPU-s recorded per call."""

    def __init__(self) -> None:
        import newsift

        self.pipeline = newsift.Pipeline.from_config(newsift.DEFAULT_PIPELINE)
        self.pipeline.setup()

    def __call__(self, text: str, label: str) -> tuple[float, dict[str, float]]:
        import newsift
        from newsift.pipeline import run_analyzer

        doc = newsift.load(text, kind="dump", id=label, reference_date="2025-06-01")
        parts: dict[str, float] = {}
        for analyzer in self.pipeline.analyzers:
            start = time.process_time()
            doc = run_analyzer(analyzer, doc)
            parts[analyzer.name] = time.process_time() - start
        return sum(parts.values()), parts


def profile(timed: Timed, pages: dict[str, str], top: int) -> None:
    """cProfile each page once; print the functions whose own time grows most."""
    stats: dict[str, dict[str, float]] = {}
    for label, text in pages.items():
        profiler = cProfile.Profile()
        profiler.enable()
        timed(text, label)
        profiler.disable()
        raw = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        stats[label] = {
            f"{Path(f).name}:{line}:{func}": tt for (f, line, func), (_, _, tt, _, _) in raw.items()
        }
    small, large = stats["4k"], stats["16k"]
    rows = sorted(
        ((large[k] - 4 * small.get(k, 0.0), k) for k in large if large[k] > 0.05),
        reverse=True,
    )
    print(f"\nfunctions by excess own time at 16k over 4x their 4k time (top {top}):")
    print(f"{'excess s':>9} {'4k s':>8} {'16k s':>8} {'ratio':>6}  function")
    for excess, key in rows[:top]:
        ratio = large[key] / small[key] if small.get(key) else float("inf")
        print(f"{excess:9.3f} {small.get(key, 0.0):8.3f} {large[key]:8.3f} {ratio:6.1f}  {key}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument("--profile", action="store_true", help="list superlinear functions")
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    parser.add_argument("--paragraphs", type=int, default=3000, help="long page (0: skip)")
    parser.add_argument("--write", help="write the pages to this folder instead of timing them")
    args = parser.parse_args(argv)

    paragraphs = base_paragraphs()
    names = people(paragraphs)
    pages = {"4k": page(4000, paragraphs, names), "16k": page(16000, paragraphs, names)}
    if args.write:
        os.makedirs(args.write, exist_ok=True)
        extra = {"3000-paragraphs": long_threads.page(20, args.paragraphs)}
        for label, text in {**pages, **extra}.items():
            Path(args.write, f"{label}.txt").write_text(text, encoding="utf-8")
        return 0

    from newsift.encoders import choose_encoder

    print(f"encoder: {'minilm' if choose_encoder('auto') is not None else 'none'}; ", end="")
    print(f"{len(paragraphs)} paragraphs per repetition, {len(names)} names renamed")
    timed = Timed()
    timed(pages["4k"], "warm-up")
    totals: dict[str, list[float]] = {label: [] for label in pages}
    parts: dict[str, list[dict[str, float]]] = {label: [] for label in pages}
    for _ in range(args.rounds):
        for label, text in pages.items():
            cpu, split = timed(text, label)
            totals[label].append(cpu)
            parts[label].append(split)
    median = {label: statistics.median(values) for label, values in totals.items()}
    print(f"{'analyzer':28} {'4k CPU-s':>9} {'16k CPU-s':>10} {'ratio':>6}")
    for name in parts["4k"][0]:
        small = statistics.median(p[name] for p in parts["4k"])
        large = statistics.median(p[name] for p in parts["16k"])
        print(f"{name:28} {small:9.3f} {large:10.3f} {large / small:6.2f}")
    ratio = median["16k"] / median["4k"]
    verdict = "ok" if ratio <= GOAL_RATIO else "OVER GOAL"
    print(
        f"{'whole pipeline':28} {median['4k']:9.3f} {median['16k']:10.3f} {ratio:6.2f}  "
        f"goal <= {GOAL_RATIO} ({verdict}; medians of {args.rounds})"
    )
    worst = 0.0
    if args.paragraphs:
        long_page = long_threads.page(20, args.paragraphs)
        cpu, split = timed(long_page, f"{args.paragraphs}-paragraphs")
        worst = cpu
        slowest = ", ".join(f"{k} {v:.1f}" for k, v in sorted(split.items(), key=lambda x: -x[1]))
        print(
            f"{args.paragraphs}-paragraph page: {cpu:.2f} CPU-s against the {LIMIT_S:.0f} s limit "
            f"({slowest})"
        )
    if args.profile:
        profile(timed, pages, args.top)
    return 0 if ratio <= GOAL_RATIO and worst < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
