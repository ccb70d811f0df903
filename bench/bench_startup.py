"""Start-up of `lagebild analyze`: where the first article's seconds go, part by part.

    python bench/bench_startup.py [--repeat 3] [--until STAGE] [ARTICLE]

Each repetition is a fresh Python process (a cold start with the operating system's file
cache warm, as a second `lagebild analyze` meets it). It times importing lagebild, importing
torch, then every stage on the article twice: the first call loads what the stage needs
(models, tables) and runs, the second only runs, so their difference is the stage's loading.
Prints the median of the repetitions and the process's peak RSS. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

ONE_RUN = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import lagebild
from lagebild.pipeline import Pipeline, stage_named
parts = {"import lagebild": time.perf_counter() - t0}
until = sys.argv[2] or None
t = time.perf_counter()
pipe = Pipeline(until=until)
if any(name == "entities" for name, _ in pipe.stages):
    import torch  # noqa: F401  (the encoder's stages need it; the others never import it)
parts["import torch"] = time.perf_counter() - t
text = open(sys.argv[1], encoding="utf-8").read()
docs = [pipe.make_document(text, "2020-01-01") for _ in range(2)]
for name, stage in pipe.stages:
    for k, doc in enumerate(docs):
        t = time.perf_counter()
        stage(doc)
        doc.done.update(stage_named(name).writes)
        parts[f"{name} {'first' if k == 0 else 'again'}"] = time.perf_counter() - t
parts["total"] = time.perf_counter() - t0
parts["peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(parts))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", nargs="?", default=str(sorted((HERE / "examples").glob("*.txt"))[0]))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--until", default="")
    args = ap.parse_args()
    runs = []
    for _ in range(args.repeat):
        done = subprocess.run([sys.executable, "-c", ONE_RUN, args.article, args.until], capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"{Path(args.article).name}, median of {args.repeat} fresh processes"
          + (f", until {args.until}" if args.until else ""))
    stages = [key[:-6] for key in median if key.endswith(" first")]
    print(f"  {'import lagebild':24} {median['import lagebild']:6.2f} s")
    print(f"  {'import torch':24} {median['import torch']:6.2f} s")
    for name in stages:
        first, again = median[f"{name} first"], median[f"{name} again"]
        print(f"  {name:24} {first:6.2f} s first call ({first - again:5.2f} s of it loading), {again:5.2f} s again")
    print(f"  {'total (both calls)':24} {median['total']:6.2f} s; peak RSS {median['peak RSS MB']:.0f} MB")


if __name__ == "__main__":
    main()
