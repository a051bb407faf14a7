"""Fast mode (issue 18 item 6): articles per CPU-second of the ``fast`` pipeline preset.

    python benchmarks/fast_mode.py [--repeats N] [--articles N] [--warm-articles N]

The articles are built the way ``benchmarks/speed.py`` builds its one (1,000
words of body and 20 comments, ``speed.page``), each different: article ``k``
takes its body paragraphs from the source rotated by ``k`` parts in
``--warm-articles + --articles`` and its comments (names, texts, threads) from
``long_threads.page`` with seed ``14 + k``; article 0 is speed.py's own. One
thread (OMP, OpenBLAS and MKL at 1, set before NumPy loads), process time, the
page's loading (``newsift.load``) counted in, models loaded first. Printed, as
medians over every timed article of ``--repeats`` passes:

- **steady**, the figure for the goal: as a long run meets pages. Each pass
  empties every memo and cache, runs the ``--warm-articles`` (never timed), so
  the word and n-gram memos hold a vocabulary, then times each of the other
  ``--articles`` once: no timed page was seen before in its pass, so no cache
  keyed by a line, sentence or paragraph (``newsift.text.ngrams.forget_texts``)
  helps it;
- **cold**: every memo and cache emptied before each timed article (no help
  from any earlier page);

and CPU-ms per analyzer (steady, medians), the goal (at least 100
articles/s/core) and the ratio to it. (Before session 11 this benchmark timed
8 articles again and again, so per-paragraph and per-line caches answered
from the earlier rounds: those figures, 82.5 warm and 71.8 cold, were too
high.)

    python benchmarks/fast_mode.py --check-identical REVISION

checks that speed work changed no output: the ``fast`` preset and the default
pipeline (as the CLI builds it) over the articles above, the bundled sample,
the structure dev pages and threads of the comment functional cases (dev half),
as JSON, from this tree and from a worktree of ``REVISION`` given this tree's
model files (so a model refitted meanwhile does not count as a difference);
each tree runs in its own process. Exit status 1 when any document differs.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402  (after the thread settings, before numpy loads)
import json  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsift  # noqa: E402
from newsift.pipeline import Pipeline, default_pipeline, fast_pipeline, run_analyzer  # noqa: E402
from newsift.text.ngrams import forget_all  # noqa: E402

GOAL = 100.0  # articles per CPU-second, one core
REFERENCE_DATE = "2025-06-01"
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"
STRUCTURE_DEV = ROOT / "benchmarks" / "data" / "structure" / "dev"
MODELS = Path("src") / "newsift" / "models"


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


def _one(built: Pipeline, text: str, parts: dict[str, list[float]]) -> float:
    start = time.process_time()
    doc = newsift.load(text, kind="dump", id="fast", reference_date=REFERENCE_DATE)
    parts.setdefault("load", []).append(time.process_time() - start)
    for analyzer in built.analyzers:
        began = time.process_time()
        run_analyzer(analyzer, doc)
        parts.setdefault(analyzer.name, []).append(time.process_time() - began)
    return time.process_time() - start


def fast_mode_timing(
    timed: Sequence[str], warm: Sequence[str], repeats: int, *, cold: bool = False
) -> tuple[float, dict[str, float]]:
    """Articles per CPU-second of the fast preset over ``timed`` and CPU-ms per part
    (medians over every timed article of ``repeats`` passes; see the module docstring).

    Each pass empties every memo and cache; then ``cold`` empties them again before
    each timed article, while otherwise the ``warm`` articles run first (untimed).
    """
    built = fast_pipeline(time_limit_s=None)
    built.setup()
    _one(built, warm[0] if warm else timed[0], {})  # anything loaded on first use
    seconds: list[float] = []
    parts: dict[str, list[float]] = {}
    for _ in range(max(repeats, 1)):
        forget_all()
        if not cold:
            for text in warm:
                _one(built, text, {})
        for text in timed:
            if cold:
                forget_all()
            seconds.append(_one(built, text, parts))
    rate = 1.0 / statistics.median(seconds)
    return rate, {k: 1000 * statistics.median(v) for k, v in parts.items()}


def fast_mode_rate(repeats: int, timed: int = 24, warm: int = 24) -> float:
    """The steady articles per CPU-second of the fast preset (``timed`` articles, memos
    warmed on ``warm`` others, ``repeats`` passes)."""
    texts = articles(warm + timed)
    return fast_mode_timing(texts[warm:], texts[:warm], repeats)[0]


def identity_pages(count: int = 8) -> list[tuple[str, str]]:
    """(label, text) of every page the identity check reads: the benchmark's articles,
    the bundled sample, the structure dev pages and threads of the comment functional
    cases (dev half: threats, coded jibes, spelling variants, counter-speech ...)."""
    pages = [(f"article-{k}", text) for k, text in enumerate(articles(count))]
    pages.append(("sample", SAMPLE.read_text(encoding="utf-8")))
    pages += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(STRUCTURE_DEV.glob("*.txt"))]
    return pages + functional_threads()


def functional_threads(per_page: int = 60) -> list[tuple[str, str]]:
    """Pages whose comments are the functional test cases' dev half, ``per_page`` each,
    under a short body, in the layout of ``long_threads.page``."""
    import long_threads

    sys.path.insert(0, str(ROOT))
    from tests.comments.functional.cases import cases

    texts = [case.text for case in cases("dev")]
    head = long_threads.page(0, paragraphs=3, seed=5)
    pages = []
    for first in range(0, len(texts), per_page):
        lines = [head]
        for k, text in enumerate(texts[first : first + per_page]):
            author = f"Reader {first + k}"
            lines += [author, author, f"{k % 50 + 2} minutes ago", "", text, "", "Reply", ""]
        pages.append((f"functional-{first // per_page}", "\n".join(lines)))
    return pages


def dump_outputs(out: Path) -> None:
    """Write one line per (pipeline, page): the label and the document's JSON, as the CLI
    writes it (``ensure_ascii=False``), from whichever ``newsift`` this process imports."""
    built = {
        "fast": fast_pipeline(time_limit_s=None),
        "default": default_pipeline(time_limit_s=None),
    }
    with out.open("w", encoding="utf-8") as handle:
        for name, pipeline in built.items():
            for label, text in identity_pages():
                doc = newsift.load(text, kind="dump", id=label, reference_date=REFERENCE_DATE)
                payload = json.dumps(pipeline(doc).to_dict(), ensure_ascii=False)
                handle.write(json.dumps([f"{name}/{label}", payload]) + "\n")


def _dump_from(source: Path, out: Path) -> list[tuple[str, str]]:
    """:func:`dump_outputs` run in a child process importing ``newsift`` from ``source``."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    code = (
        "import sys, newsift; from pathlib import Path; "
        f"assert Path(newsift.__file__).is_relative_to({str(source)!r}), newsift.__file__; "
        f"sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import fast_mode; fast_mode.dump_outputs(Path({str(out)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
    lines = out.read_text(encoding="utf-8").splitlines()
    return [(str(label), str(payload)) for label, payload in map(json.loads, lines)]


def check_identical(revision: str) -> int:
    """0 when this tree and ``revision`` (with this tree's model files) write the same JSON."""
    with tempfile.TemporaryDirectory(prefix="fast-identical-") as folder:
        tree = Path(folder) / "reference"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision],
            cwd=ROOT,
            check=True,
        )
        try:
            for model in (ROOT / MODELS).iterdir():
                if model.is_file():
                    shutil.copy2(model, tree / MODELS / model.name)
            before = _dump_from(tree / "src", Path(folder) / "before.jsonl")
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True
            )
        after = _dump_from(ROOT / "src", Path(folder) / "after.jsonl")
    differing = [a for (a, x), (b, y) in zip(before, after, strict=True) if a != b or x != y]
    print(f"{len(after)} documents (fast and default pipelines), {revision} against this tree:")
    print(f"   {len(after) - len(differing)} identical, {len(differing)} differ")
    for label in differing:
        print(f"   differs: {label}")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--articles", type=int, default=24, help="timed articles")
    parser.add_argument("--warm-articles", type=int, default=24)
    parser.add_argument(
        "--check-identical",
        metavar="REVISION",
        help="compare this tree's JSON with REVISION's (see the module docstring) and stop",
    )
    args = parser.parse_args(argv)
    if args.check_identical:
        return check_identical(args.check_identical)
    texts = articles(args.warm_articles + args.articles)
    timed, warm = texts[args.warm_articles :], texts[: args.warm_articles]
    print(f"Fast mode ({', '.join(fast_pipeline().names)}), one thread, process time,")
    print(
        f"median over {len(timed)} different 1,000-word articles with 20 comments (built like "
        f"speed.py's) x {args.repeats} passes, page loading counted in"
    )
    for label, cold in (
        (f"steady (memos warmed on {len(warm)} other articles, no timed page seen before)", False),
        ("cold (every memo and cache emptied before each article)", True),
    ):
        rate, parts = fast_mode_timing(timed, warm, args.repeats, cold=cold)
        verdict = "meets" if rate >= GOAL else "BELOW"
        print(f"   {label}:")
        print(
            f"      {rate:6.1f} articles/s/core ({1000 / rate:5.1f} ms each), "
            f"goal >= {GOAL:.0f}: {rate / GOAL:4.2f}x, {verdict}"
        )
        if not cold:
            print("      CPU-ms: " + ", ".join(f"{k} {v:.1f}" for k, v in parts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
