"""Throughput of the whole pipeline on the dev articles: articles/s and words/s.

    python bench/bench_pipeline.py [--dir ../shared/eval/dev] [--repeat 3] [--until STAGE]

Models load once before timing (that cost is printed separately). A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from lagebild.pipeline import Pipeline


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(here.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--until", default=None)
    args = ap.parse_args()
    files = sorted(Path(args.dir).glob("*.txt"))
    items = []
    for f in files:
        m = re.search(r"(\d{4}-\d{2}-\d{2})", f.name)
        items.append({"text": f.read_text("utf-8"), "published": m and m.group(1), "id": f.stem})
    words = sum(len(i["text"].split()) for i in items)

    t0 = time.perf_counter()
    pipe = Pipeline(until=args.until)
    list(pipe.analyze_many(items[:1]))          # warm-up: loads every model and table
    load = time.perf_counter() - t0

    per_stage = {name: 0.0 for name, _ in pipe.stages}
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        docs = [pipe.make_document(i["text"], i["published"], id=i["id"]) for i in items]
        for name, stage in pipe.stages:
            s = time.perf_counter()
            many = getattr(stage, "many", None)
            if many:
                many(docs)
            else:
                for d in docs:
                    stage(d)
            per_stage[name] += (time.perf_counter() - s) / args.repeat
        best = min(best, time.perf_counter() - t)
    print(f"{len(items)} articles, {words} words; stages: {', '.join(n for n, _ in pipe.stages)}")
    from lagebild.encoder.encoder import default_precision
    print(f"first load + one article: {load:.2f} s; encoder precision {default_precision()} "
          f"(LAGEBILD_PRECISION=fp32|bf16|int8 to choose)")
    print(f"throughput (best of {args.repeat}): {len(items) / best:.1f} articles/s, {words / best:,.0f} words/s")
    for name, secs in per_stage.items():
        print(f"  {name:10} {secs * 1000 / len(items):8.1f} ms/article")
    if args.until in (None, "entities") or "entities" in per_stage:
        encoder = encoder_alone(docs, args.repeat)
        print(f"encoder alone on the same sentences (best of {args.repeat}): {encoder * 1000 / len(items):.1f} "
              f"ms/article; the pipeline costs {best / encoder:.2f} times its encoder pass")


def encoder_alone(docs, repeat: int) -> float:
    """Seconds (best of `repeat`) of one shared-encoder pass over the sentences the pipeline
    encodes (`encoded_sentences`), in one call as `analyze_many` makes it."""
    from lagebild.encoder import encoded_sentences, get_encoder
    encoder = get_encoder()
    texts = [d.text[s.start:s.end] for d in docs for s in encoded_sentences(d)]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        encoder.encode(texts)
        best = min(best, time.perf_counter() - t)
    return best


if __name__ == "__main__":
    main()
