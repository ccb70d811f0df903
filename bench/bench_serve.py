"""A bounded load test of `lagebild serve` on localhost: N POST /analyze requests from C
concurrent clients, and the list endpoints; reports p50/p95/max latency, throughput and errors.

    python bench/bench_serve.py [--requests 500] [--clients 8] [--store lagebild.db]

The articles are the repo's eval articles (eval/heldout, eval/dev2, eval/dev3), sent in
turn. The server runs in its own process, as a user starts it. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parents[1]


def articles() -> list[str]:
    files = sorted(p for d in ("eval/heldout", "eval/dev2", "eval/dev3") for p in (HERE / d).glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def start_server(store: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "serve", "--store", store, "--port", str(port)],
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def load(url: str, path: str, bodies: list, clients: int) -> tuple[list[float], int, float]:
    """Send every body (None: a GET) with `clients` threads; latencies in seconds, errors, wall time."""
    def one(body):
        start = time.perf_counter()
        try:
            with httpx.Client(timeout=600) as client:
                r = client.post(url + path, json=body) if body is not None else client.get(url + path)
            ok = r.status_code == 200
        except httpx.HTTPError:
            ok = False
        return time.perf_counter() - start, ok
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, bodies))
    return [t for t, _ in results], sum(not ok for _, ok in results), time.perf_counter() - start


def report(name: str, latencies: list[float], errors: int, wall: float) -> None:
    q = statistics.quantiles(latencies, n=100)
    print(f"{name:34} {len(latencies):4} requests  {errors} errors  {len(latencies) / wall:6.2f} req/s  "
          f"p50 {q[49] * 1000:7.0f} ms  p95 {q[94] * 1000:7.0f} ms  max {max(latencies) * 1000:7.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--store", help="a store to serve (default: a new one, filled by the first requests' articles)")
    args = ap.parse_args()
    store = args.store or str(Path(tempfile.mkdtemp()) / "bench.db")
    texts = articles()
    proc, url = start_server(store)
    try:
        words = sum(len(t.split()) for t in texts) / len(texts)
        print(f"{len(texts)} articles of {words:.0f} words on average, {args.clients} clients")
        httpx.post(url + "/analyze", json={"text": texts[0]}, timeout=600)        # warm-up: the model loads once
        for text in texts:                                                       # a store for the list endpoints
            httpx.post(url + "/documents", json={"text": text}, timeout=600)
        bodies = [{"text": texts[i % len(texts)]} for i in range(args.requests)]
        report("POST /analyze", *load(url, "/analyze", bodies, args.clients))
        for path in ("/events?limit=50", "/events?q=Regierung&sort=confidence", "/actors?sort=events",
                     "/quotes?limit=100", "/ui/events"):
            report(f"GET {path}", *load(url, path, [None] * 200, args.clients))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
