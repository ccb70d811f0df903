"""Where each stage spends its time: a cProfile table per stage, on a warm or a cold pass.

    python bench/profile_stages.py [--dir ../shared/eval/dev ...] [--stages actors,times] [--top 15] [--cold]

Models load first; `--cold` profiles the first pass over the articles (the word layer's
memo cold, as a fresh process meets new articles), else a second pass (warm, as a long
corpus run sees them). Prints, per stage, its ms per article under the profiler and the
functions with the most time of their own. A flame graph of a whole benchmark run comes from
py-spy (`pip install py-spy`):

    py-spy record --rate 100 -o bench/profiles/pipeline-dev.svg -- python bench/bench_pipeline.py --repeat 2
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
from pathlib import Path

from bench_pipeline import read_items, run_stage
from lagebild.pipeline import Pipeline


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", action="append", help="a folder of .txt articles (repeatable; default the dev articles)")
    ap.add_argument("--stages", default=None, help="comma-separated stage names (default all)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--cold", action="store_true", help="profile the first pass instead of a warm one")
    args = ap.parse_args()
    items = read_items(args.dir or [str(here.parent / "shared" / "eval" / "dev")])
    pipe = Pipeline()
    wanted = set(args.stages.split(",")) if args.stages else {n for n, _ in pipe.stages}
    list(pipe.analyze_many(["Der Bundestag hat am Montag in Berlin über den Haushalt abgestimmt."]))
    if not args.cold:
        list(pipe.analyze_many([i["text"] for i in items]))
    docs = [pipe.make_document(i["text"], i["published"], id=i["id"]) for i in items]
    for name, stage in pipe.stages:
        profile = cProfile.Profile() if name in wanted else None
        if profile:
            profile.enable()
        run_stage(stage, docs)
        if profile:
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out)
            print(f"===== {name}: {stats.total_tt * 1000 / len(docs):.1f} ms per article under the profiler "
                  f"({'cold' if args.cold else 'warm'}, {len(docs)} articles)")
            stats.sort_stats("tottime").print_stats(args.top)
            # paths relative to the repository and to site-packages, so that tables compare across machines
            print(re.sub(r"\S*/site-packages/", "", out.getvalue().replace(f"{here}/", "")).strip() + "\n")


if __name__ == "__main__":
    main()
