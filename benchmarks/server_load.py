"""Load on loopback: a bounded client sends analyse requests to a real ``newsift serve``.

    python benchmarks/server_load.py [--requests 200] [--concurrency 16] [--workers 2]
                                     [--isolation process|thread]

The defaults are the load goal of issue 14 (defect 4): 200 requests at
concurrency 16 on 2 workers, default pipeline, worker-process isolation (with
its warm spare), and 0 errors other than documented 503s. Starts the web app
(uvicorn) on 127.0.0.1 on a free port in this process, posts the bundled
sample page to ``POST /api/analyze`` from ``--concurrency`` client threads,
and prints the count of each status, latency p50/p95/max, requests per
second, errors (any status but 200 and 503; goal 0) and the memory (resident
set) of this process and of the worker processes before and after, whose
growth would show a leak. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from newsift import sample_path
from newsift.pipeline import default_pipeline
from newsift.server import Settings, create_app


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process (default this one: server and client), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def workers_mb(app: object) -> float:
    """Resident memory of the server's worker processes (0 with thread isolation)."""
    engine = app.state.engine  # type: ignore[attr-defined]
    pids = engine.worker_pids() if hasattr(engine, "worker_pids") else []
    return sum(rss_mb(pid) for pid in pids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--isolation", choices=("thread", "process"), default="process")
    args = parser.parse_args()
    began = time.perf_counter()
    settings = Settings(
        workers=args.workers, max_queue=max(16, args.concurrency), isolation=args.isolation
    )
    app = create_app(default_pipeline(time_limit_s=None), settings)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # with process isolation: every worker has loaded its models
        time.sleep(0.05)
    print(f"server ready in {time.perf_counter() - began:.1f} s", flush=True)
    url = f"http://127.0.0.1:{port}/api/analyze"
    body = {"text": sample_path().read_text(encoding="utf-8")}
    with httpx.Client(timeout=120) as client:
        for _ in range(3):  # warm up: first-call caches
            client.post(url, json=body).raise_for_status()
        before, workers_before = rss_mb(), workers_mb(app)

        def one(_: int) -> tuple[float, int]:
            start = time.perf_counter()
            status = client.post(url, json=body).status_code
            return time.perf_counter() - start, status

        started = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(one, range(args.requests)))
        wall = time.perf_counter() - started
        after, workers_after = rss_mb(), workers_mb(app)
    server.should_exit = True
    thread.join(timeout=10)
    latencies = sorted(t for t, _ in results)
    statuses = Counter(status for _, status in results)
    errors = sum(n for status, n in statuses.items() if status not in {200, 503})
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"{args.requests} requests, concurrency {args.concurrency}, server workers {args.workers}"
        f" ({args.isolation} isolation)"
    )
    print("statuses " + ", ".join(f"{n} x {s}" for s, n in sorted(statuses.items())))
    print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms  "
          f"p95 {p95 * 1000:.0f} ms  max {latencies[-1] * 1000:.0f} ms")  # fmt: skip
    print(f"throughput {args.requests / wall:.1f} requests/s over {wall:.1f} s")
    print(f"errors {errors} (statuses other than 200 and 503; goal 0)")
    print(f"memory (RSS) {before:.0f} MB -> {after:.0f} MB (growth {after - before:+.0f} MB)")
    if args.isolation == "process":
        print(
            f"worker processes (RSS) {workers_before:.0f} MB -> {workers_after:.0f} MB "
            f"(growth {workers_after - workers_before:+.0f} MB)"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
