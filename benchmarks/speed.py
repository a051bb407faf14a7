"""Speed as issue 18 defines it: newsift's default pipeline against a BERT-base model.

    python benchmarks/speed.py [--rounds N] [--no-cold] [--no-scaling] [--no-comments]
                               [--no-anchor] [--no-install] [--no-fast] [--cold-rounds N]
                               [--fast-rounds N]
                               [--comment-sizes 20,200,2000,5000] [--scaling-rounds N]

The article: about 1,000 words of body and 20 comments in the layout of the
bundled sample (``src/newsift/samples/sample-dump.txt``). The body is the
sample's own body, then whole paragraphs of PolNeAR dev news articles (in
file-name order) from ``../shared/data`` when that folder is there, else the
sample's body again; the comments are the seeded invented comments of
``benchmarks/long_threads.py``. The 4,000- and 16,000-word pages continue the
same body (the 4,000-word page is the start of the 16,000-word one).

Everything runs in this one process on one thread (OMP, OpenBLAS and MKL
at 1, set before any import; torch at 1 when the anchor is built). Printed:

1. CPU-s per article (process time, medians over ``--rounds`` interleaved
   rounds) of the default pipeline as ``make demo`` installs it (the
   ``newsift.Pipeline`` the CLI builds, MiniLM on when the ``minilm`` extra is
   there; models loaded first; the page's loading counted in), of the same
   pipeline with the encoder off, and of a BERT-base-shaped token classifier
   (``benchmarks/anchors.py``) over the article's tokens (body and comments,
   counted with the BERT uncased word-piece vocabulary when the MiniLM
   tokenizer is installed, else estimated), in 512-token windows. The ratio
   anchor / ours against the goal (at least 10x).
2. CPU ms per analyzer (the same rounds).
3. Cold start: ``newsift analyze`` of the sample in a fresh process, CPU-s
   (user + system) and peak RSS, read from the child's rusage (``os.wait4``,
   the per-child form of ``getrusage(RUSAGE_CHILDREN)``); once as shipped and
   once with torch imported first (what thinc did before newsift kept torch
   out), for the before/after.
4. Scaling: 1k/4k/16k-word pages with 20 comments, the CPU ratio 16k/4k
   against the goal (at most 4.4).
5. Comments: the 1,000-word article with 20/200/2,000/5,000 comments.
6. Install size of what ``make demo`` installs (``newsift[minilm]`` and
   everything it requires, read from the installed distributions' metadata,
   plus newsift's own files, models included), whether the torch family
   (torch, transformers, sentence-transformers) is in it (goal: not), and the
   size of this whole environment.
7. Fast mode: articles per CPU-second of the ``fast`` preset over the
   different articles of ``benchmarks/fast_mode.py`` (goal: at least 100).

Torch is used here only as the reference; newsift itself never imports it.
Speed is never a unit test: this is where it is measured.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402  (after the thread settings, before numpy loads)
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import anchors  # noqa: E402
import long_threads  # noqa: E402
import newsift  # noqa: E402
from newsift.document import Document  # noqa: E402
from newsift.errors import ModelError  # noqa: E402
from newsift.pipeline import DEFAULT_PIPELINE, Pipeline, run_analyzer  # noqa: E402
from newsift.text.ngrams import forget_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newsift" / "samples" / "sample-dump.txt"
POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
BIO = "Mara Lindgren writes about health care and rural communities."
GOAL_RATIO = 10.0
GOAL_SCALING = 4.4
GOAL_COLD_S, GOAL_COLD_MIB = 2.0, 400.0
REFERENCE_DATE = "2025-06-01"
KINDS = ("body", "comment")
#: What the minilm extra pulls that the run time never imports (see docs/speed.md).
TORCH_FAMILY = frozenset({"torch", "transformers", "sentence-transformers"})


# pages -------------------------------------------------------------------------
def body_source() -> tuple[list[str], str]:
    """Paragraphs to draw bodies from, and where they come from."""
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n")]
    byline = next(i for i, b in enumerate(blocks) if f"\n{b}".count("\nby "))
    bio = next(i for i, b in enumerate(blocks) if b.startswith(BIO.split(" writes")[0]))
    paragraphs = blocks[byline + 1 : bio]
    if not POLNEAR.is_dir():
        return paragraphs, "the sample's body, repeated"
    for path in sorted(POLNEAR.glob("*.txt")):
        news = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")][1:]
        paragraphs += [b for b in news if len(b.split()) >= 8]  # whole paragraphs only
    return paragraphs, "the sample's body, then PolNeAR dev articles"


def body(words: int, source: list[str]) -> list[str]:
    """Whole paragraphs of ``source`` (cycled if short) until ``words`` words."""
    out: list[str] = []
    count = 0
    while count < words:
        paragraph = source[len(out) % len(source)]
        out.append(paragraph)
        count += len(paragraph.split())
    return out


def page(words: int, comments: int, source: list[str]) -> str:
    """A dump page: the sample's header, ``words`` words of body, ``comments`` comments."""
    generated = long_threads.page(comments, paragraphs=0)
    head, bio, tail = generated.partition(BIO)
    return head + "\n\n".join(body(words, source)) + "\n\n" + bio + tail


# timing ------------------------------------------------------------------------
def pipeline(encoder: str = "auto") -> Pipeline:
    """The CLI's default pipeline (``encoder`` for claims and comments), models loaded."""
    config: list[str | dict[str, Any]] = list(DEFAULT_PIPELINE)
    if encoder != "auto":
        for i, name in enumerate(config):
            if name in ("claims.checkworthy.v1", "comments.toxicity.v1"):
                config[i] = {"name": name, "params": {"encoder": encoder}}
    built = Pipeline.from_config(config, time_limit_s=None)
    built.setup()
    return built


def run_page(built: Pipeline, text: str) -> tuple[dict[str, float], Document]:
    """CPU-s of loading the page and of each analyzer, and the analysed page; one run."""
    start = time.process_time()
    doc = newsift.load(text, kind="dump", id="speed", reference_date=REFERENCE_DATE)
    cpu = {"load": time.process_time() - start}
    for analyzer in built.analyzers:
        start = time.process_time()
        run_analyzer(analyzer, doc)
        cpu[analyzer.name] = time.process_time() - start
    return cpu, doc


def article_tokens(text: str) -> dict[str, int]:
    """Word pieces of the page's body and of its comments (BERT uncased vocabulary if installed)."""
    built = Pipeline.from_config([DEFAULT_PIPELINE[0]])
    doc = built(newsift.load(text, kind="dump", id="tokens", reference_date=REFERENCE_DATE))
    parts = {kind: [doc.text[r.start : r.end] for r in doc.regions_of(kind)] for kind in KINDS}
    try:
        from tokenizers import Tokenizer

        from newsift.encoders.minilm import TOKENIZER_FILE, models_dir

        tokenizer = Tokenizer.from_file(str(models_dir() / TOKENIZER_FILE))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return {  # less [CLS] and [SEP]: a window adds its own
            kind: sum(len(e.ids) - 2 for e in tokenizer.encode_batch(texts))
            for kind, texts in parts.items()
        }
    except (ImportError, ModelError):
        return {kind: sum(map(anchors.estimated_pieces, texts)) for kind, texts in parts.items()}


def interleaved(jobs: dict[str, Callable[[], dict[str, float]]], rounds: int) -> dict[str, Any]:
    """Run each job once per round, in turn; per job, the median of each timed part."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, job in jobs.items():
            runs[name].append(job())
    return {
        name: {part: statistics.median(r[part] for r in got) for part in got[0]}
        for name, got in runs.items()
    }


def anchor_job(model: Any, tokens: int) -> Callable[[], dict[str, float]]:
    lengths = anchors.windows(tokens)

    def job() -> dict[str, float]:
        start = time.process_time()
        anchors.run_windows(model, lengths)
        return {"total": time.process_time() - start}

    return job


def pipeline_job(built: Pipeline, text: str) -> Callable[[], dict[str, float]]:
    def job() -> dict[str, float]:
        forget_texts()  # no line, sentence or paragraph cache left from the round before
        cpu, _ = run_page(built, text)
        return {**cpu, "total": sum(cpu.values())}

    return job


# sections ----------------------------------------------------------------------
def headline(rounds: int, source: list[str], use_anchor: bool) -> None:
    text = page(1000, 20, source)
    tokens = article_tokens(text)
    on, off = pipeline(), pipeline("none")
    jobs = {"ours": pipeline_job(on, text), "ours, encoder off": pipeline_job(off, text)}
    model = anchors.bert_base() if use_anchor else None
    if model is not None:
        jobs["BERT-base"] = anchor_job(model, tokens["body"] + tokens["comment"])
        jobs["BERT-base, body only"] = anchor_job(model, tokens["body"])
    for job in jobs.values():
        job()  # warm up: first-call caches
    got = interleaved(jobs, rounds)
    print(
        f"\n1. Per article: 1,000 words and 20 comments, {tokens['body']} + {tokens['comment']} "
        f"word pieces (body + comments), {len(anchors.windows(sum(tokens.values())))} windows"
    )
    print(f"   CPU-s, one thread, median of {rounds} interleaved rounds")
    for name, figures in got.items():
        print(f"   {name:<22} {figures['total']:8.3f}")
    if model is None:
        print("   BERT-base: not measured (needs torch and transformers, the hf extra)")
    for anchor in ("BERT-base", "BERT-base, body only") if model is not None else ():
        for name in ("ours", "ours, encoder off"):
            ratio = got[anchor]["total"] / got[name]["total"]
            verdict = "meets" if ratio >= GOAL_RATIO else "BELOW"
            goal = f"{verdict} the goal >= {GOAL_RATIO:.0f}x"
            print(f"   {anchor + ' / ' + name:<45} {ratio:5.1f}x  {goal}")
    print("\n2. Per analyzer, CPU ms (encoder on | off)")
    on_ms, off_ms = got["ours"], got["ours, encoder off"]
    for part in on_ms:
        if part != "total":
            print(f"   {part:<26} {1000 * on_ms[part]:8.1f} | {1000 * off_ms[part]:8.1f}")


def child_usage(command: list[str]) -> tuple[float, float]:
    """CPU-s (user + system) and peak RSS MiB of one child process run to the end."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"cold start failed: {error[-1000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compile_package() -> None:
    """Write the package's bytecode first, as ``pip install`` does for a user.

    A checkout run with ``PYTHONDONTWRITEBYTECODE`` set (as some CI and sandbox
    environments do) would otherwise compile dozens of modules from source in every
    cold start: about 0.15 to 0.5 CPU-s that an installed package never pays.
    """
    package = Path(newsift.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def cold_start(rounds: int) -> None:
    """``newsift analyze`` of the sample in fresh processes, as shipped and with torch first."""
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "sample.json")
        # the command's own entry point, as the ``newsift`` script runs it (``main`` alone
        # is what a library caller gets: no end-of-process settling, newsift.lifetime)
        argv = ["newsift", "analyze", str(SAMPLE), "--out", out]
        call = f"import sys; sys.argv = {argv!r}; from newsift.cli import entry; entry()"
        commands = {"as shipped": [sys.executable, "-m", "newsift", *argv[1:]]}
        if _has("torch"):
            commands["torch imported first"] = [sys.executable, "-c", "import torch; " + call]
        got: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                got[name].append(child_usage(command))
    print(
        f"\n3. Cold start: newsift analyze of the sample in a fresh process (median of {rounds}; "
        "the package's bytecode compiled first, as an install has it)"
    )
    for name, runs in got.items():
        cpu = statistics.median(r[0] for r in runs)
        mib = statistics.median(r[1] for r in runs)
        print(f"   {name:<22} {cpu:6.2f} CPU-s  peak {mib:6.0f} MiB")
    print(f"   goal: <= {GOAL_COLD_S:.0f} CPU-s and <= {GOAL_COLD_MIB:.0f} MiB")


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def scaling(rounds: int, source: list[str]) -> None:
    built = pipeline()
    sizes = (1000, 4000, 16000)
    jobs = {f"{n:,} words": pipeline_job(built, page(n, 20, source)) for n in sizes}
    got = interleaved(jobs, rounds)
    print(f"\n4. Scaling, 20 comments, CPU-s, median of {rounds} interleaved rounds")
    print(f"   {'':<26} {'1k':>7} {'4k':>7} {'16k':>7} {'16k/4k':>7}")
    for part in got["1,000 words"]:
        row = [got[f"{n:,} words"][part] for n in sizes]
        growth = row[2] / max(row[1], 1e-6)
        print(f"   {part:<26} {row[0]:7.3f} {row[1]:7.3f} {row[2]:7.3f} {growth:7.2f}")
    ratio = got["16,000 words"]["total"] / got["4,000 words"]["total"]
    verdict = "meets" if ratio <= GOAL_SCALING else "ABOVE"
    print(f"   16k / 4k: {ratio:.2f}  {verdict} the goal <= {GOAL_SCALING}")


def comment_counts(sizes: list[int], source: list[str]) -> None:
    built = pipeline()
    print("\n5. Comments: the 1,000-word article, one run each")
    for n in sizes:
        cpu, doc = run_page(built, page(1000, n, source))
        total = sum(cpu.values())
        thread = doc.layers.get("thread") or []
        without = getattr(thread[0], "without_encoder", 0) if thread else 0
        print(
            f"   {n:>6,} comments {total:8.2f} CPU-s (comments.toxicity.v1 "
            f"{cpu['comments.toxicity.v1']:.2f}; {1000 * total / n:.1f} ms per comment overall; "
            f"{without} scored without the encoder)",
            flush=True,
        )


def _distribution_sizes() -> dict[str, float]:
    """MiB of each installed distribution's files, by normalised name."""
    from importlib.metadata import distributions

    sizes: dict[str, float] = {}
    for dist in distributions():
        total = 0
        for file in dist.files or ():
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
        sizes[_normalised(dist.metadata["Name"])] = total / 2**20
    return sizes


def _normalised(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def requirement_closure(root: str, extras: set[str]) -> set[str]:
    """The distributions ``pip install 'root[extras]'`` needs, read from installed metadata."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset(extras))]
    while todo:
        name, wanted = todo.pop()
        key = _normalised(name)
        if key in seen and not wanted:
            continue
        seen.add(key)
        try:
            listed = requires(name) or []
        except PackageNotFoundError:
            continue
        for line in listed:
            requirement = Requirement(line)
            marker = requirement.marker
            environments = [{"extra": extra} for extra in wanted] or [{"extra": ""}]
            if marker is None or any(marker.evaluate(env) for env in environments):
                todo.append((requirement.name, frozenset(requirement.extras)))
    return seen


def fast_mode(rounds: int) -> None:
    """Articles per CPU-second of the ``fast`` preset (benchmarks/fast_mode.py)."""
    import fast_mode as fast

    rate = fast.fast_mode_rate(rounds)
    verdict = "meets" if rate >= fast.GOAL else "BELOW"
    print(
        "\n7. Fast mode (pipeline preset 'fast'): 24 different 1,000-word articles with 20 "
        f"comments, none seen before, memos warmed on 24 others, {rounds} passes (steady)"
    )
    print(
        f"   {rate:.1f} articles per CPU-second, one core; {verdict} the goal >= {fast.GOAL:.0f} "
        f"(ratio {rate / fast.GOAL:.2f})"
    )


def install_size() -> None:
    """MiB of what ``make demo`` installs (newsift[minilm] and what it needs) and of this venv."""
    sizes = _distribution_sizes()
    demo = requirement_closure("newsift", {"minilm"})
    package = sum(f.stat().st_size for f in Path(newsift.__file__).parent.rglob("*") if f.is_file())
    demo_mib = sum(sizes.get(name, 0.0) for name in demo if name != "newsift") + package / 2**20
    in_demo = sorted(TORCH_FAMILY & demo)
    print("\n6. Install size")
    print(
        f"   make demo (newsift[minilm], {len(demo)} distributions, newsift itself "
        f"{package / 2**20:.0f} MiB): {demo_mib:.0f} MiB; torch family in it: "
        f"{', '.join(in_demo) if in_demo else 'none'}  (goal: no torch)"
    )
    largest = sorted(((n, sizes.get(n, 0.0)) for n in demo), key=lambda item: -item[1])[:6]
    print("   largest: " + ", ".join(f"{n} {size:.0f}" for n, size in largest))
    torch_family = {n: sizes.get(n, 0.0) for n in sorted(TORCH_FAMILY)}
    print(
        f"   this environment (make test adds every extra): {sum(sizes.values()):.0f} MiB, ", end=""
    )
    print("torch family " + ", ".join(f"{n} {size:.0f}" for n, size in torch_family.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--cold-rounds", type=int, default=3, help="cold starts of each kind")
    parser.add_argument("--scaling-rounds", type=int, default=1, help="rounds of 1k/4k/16k")
    parser.add_argument("--comment-sizes", default="20,200,2000,5000", help="comma-separated")
    parser.add_argument("--no-anchor", action="store_true", help="skip BERT-base")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold starts")
    parser.add_argument("--no-scaling", action="store_true", help="skip 1k/4k/16k")
    parser.add_argument("--no-comments", action="store_true", help="skip the comment counts")
    parser.add_argument("--no-install", action="store_true", help="skip the install size")
    parser.add_argument("--no-fast", action="store_true", help="skip the fast mode")
    parser.add_argument(
        "--fast-rounds",
        type=int,
        default=3,
        help="passes of the fast mode (benchmarks/fast_mode.py --repeats)",
    )
    args = parser.parse_args(argv)
    source, origin = body_source()
    from newsift.encoders import choose_encoder

    encoder = "minilm" if choose_encoder("auto") is not None else "none"
    print(f"speed.py: body from {origin}; encoder {encoder}; load {os.getloadavg()[0]:.2f}")
    if not args.no_cold:
        cold_start(args.cold_rounds)  # first: before this process grows
    headline(args.rounds, source, not args.no_anchor)
    if not args.no_scaling:
        scaling(args.scaling_rounds, source)
    if not args.no_comments:
        comment_counts([int(s) for s in args.comment_sizes.split(",") if s], source)
    if not args.no_install:
        install_size()
    if not args.no_fast:
        fast_mode(args.fast_rounds)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
