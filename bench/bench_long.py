"""How analysis time grows with an article's length: the dev articles joined into one
text of 1, 4 and 8 copies. Linear stages give times in proportion to the length; a
stage that rescans the article per sentence or mention shows up as a growing ratio.

    python bench/bench_long.py [--dir ../shared/eval/dev] [--copies 1 4 8]

A benchmark, not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import lagebild


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(here.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 8])
    args = ap.parse_args()
    joined = "\n\n".join(p.read_text("utf-8") for p in sorted(Path(args.dir).glob("*.txt")))
    lagebild.analyze(joined[:2000], published="2020-01-01")          # models loaded before timing
    first = None
    for n in args.copies:
        text = "\n\n".join([joined] * n)
        start = time.perf_counter()
        lagebild.analyze(text, published="2020-01-01")
        took = time.perf_counter() - start
        first = first or took / n
        print(f"{n:>3} copies, {len(text):>9,} characters: {took:7.1f} s  ({took / n / first:.2f} × the time per copy of the first)")


if __name__ == "__main__":
    main()
