"""Memory over a long run: does a worker's RSS stay flat as documents go through it?

    python bench/bench_memory.py [--passes 3] [--batch 16] [--every 100]

Runs `analyze_many` over the 420 articles of ../shared/data/plover-events-de (train and
dev, rebuilt as text the way `lagebild evaluate events-corpus` reads them) several times in
one process, printing the RSS every `--every` documents and at the end of each pass. The
first pass fills the per-process caches (the tagger's memo of word analyses, the gazetteer
lookups); a pass over the same articles after it must not grow: growth there is a leak.
A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    """The process's resident set now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from lagebild import analyze_many
    from lagebild.events.corpus import read_articles
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=HERE.parent / "shared" / "data" / "plover-events-de")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--every", type=int, default=100)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    articles = [a for name in ("train.jsonl", "dev.jsonl") for a in read_articles(args.data / name)]
    items = [{"text": a.text, "published": a.published, "id": a.id} for a in articles[:args.limit or None]]
    print(f"{len(items)} articles, {sum(len(i['text'].split()) for i in items):,} words; "
          f"RSS before loading {rss_mb():.0f} MB", flush=True)
    list(analyze_many(items[:1]))
    print(f"models loaded: RSS {rss_mb():.0f} MB", flush=True)
    done, t0 = 0, time.perf_counter()
    for p in range(1, args.passes + 1):
        for _ in analyze_many(items, batch_size=args.batch):
            done += 1
            if done % args.every == 0:
                print(f"  {done:6} documents, {time.perf_counter() - t0:6.0f} s: RSS {rss_mb():.0f} MB", flush=True)
        print(f"pass {p}: RSS {rss_mb():.0f} MB, peak {peak_mb():.0f} MB", flush=True)


if __name__ == "__main__":
    main()
