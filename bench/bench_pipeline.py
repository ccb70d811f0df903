"""Throughput of the whole pipeline on the dev articles: articles/s and words/s.

    python bench/bench_pipeline.py [--dir ../shared/eval/dev] [--repeat 3] [--until STAGE]

Models load once before timing (that cost is printed separately). The first pass meets the
word layer's memo of word analyses cold, as a fresh process on new articles does; later passes
find it warm, as a long corpus run does: both are printed. A benchmark, not a test.
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
    # loads every model and table, on a sentence of its own so that the first pass meets
    # the articles' words unseen
    list(pipe.analyze_many(["Der Bundestag hat am Montag in Berlin über den Haushalt abgestimmt."]))
    load = time.perf_counter() - t0

    passes = [one_pass(pipe, items) for _ in range(max(2, args.repeat))]
    cold, warm = passes[0], min(passes[1:], key=lambda p: p[0])
    print(f"{len(items)} articles, {words} words; stages: {', '.join(n for n, _ in pipe.stages)}")
    from lagebild.encoder.encoder import default_precision
    print(f"first load (and one sentence): {load:.2f} s; encoder precision {default_precision()} "
          f"(LAGEBILD_PRECISION=fp32|bf16|int8 to choose)")
    print(f"throughput: {len(items) / warm[0]:.1f} articles/s, {words / warm[0]:,.0f} words/s (best of "
          f"{len(passes) - 1} passes after the first); first pass, the word layer's memo cold: "
          f"{len(items) / cold[0]:.1f} articles/s")
    print(f"  {'ms/article':10} {'warm':>8} {'cold':>8}")
    for name in warm[1]:
        print(f"  {name:10} {warm[1][name] * 1000 / len(items):8.1f} {cold[1][name] * 1000 / len(items):8.1f}")
    if "entities" in warm[1]:
        encoder = encoder_alone(cold[2], len(passes) - 1)
        print(f"encoder alone on the same sentences (best of {len(passes) - 1}): {encoder * 1000 / len(items):.1f} "
              f"ms/article; the pipeline costs {warm[0] / encoder:.2f} times its encoder pass "
              f"({cold[0] / encoder:.2f} on the first pass)")


def one_pass(pipe, items) -> tuple[float, dict[str, float], list]:
    """Seconds of one pass over the items, seconds per stage, and the documents."""
    per_stage = {}
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
        per_stage[name] = time.perf_counter() - s
    return time.perf_counter() - t, per_stage, docs


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
