"""Throughput of the whole pipeline, and its cost as a multiple of its own encoder pass.

    python bench/bench_pipeline.py [--dir ../shared/eval/dev ...] [--repeat 3] [--group 2] [--until STAGE]

Models load once before timing (that cost is printed separately). The first pass meets the
word layer's memo of word analyses cold, as a fresh process on new articles does; later passes
find it warm, as a long corpus run does: both are printed.

The ratio is measured paired: the articles go through the pipeline a few at a time
(`--group`), and right after each group the encoder alone encodes the same sentences in one
call, as `analyze_many` makes it. A machine whose speed drifts (other tenants, clock
changes) then slows both sides of a pair alike, so the ratio holds where the articles/s do
not; the spread of the groups' ratios is printed with it. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from lagebild.pipeline import Pipeline


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", action="append", help="a folder of .txt articles (repeatable; default the dev articles)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--group", type=int, default=2, help="articles per pipeline call, each followed by its encoder pass")
    ap.add_argument("--until", default=None)
    args = ap.parse_args()
    items = read_items(args.dir or [str(here.parent / "shared" / "eval" / "dev")])
    words = sum(len(i["text"].split()) for i in items)

    t0 = time.perf_counter()
    pipe = Pipeline(until=args.until)
    # loads every model and table, on a sentence of its own so that the first pass meets
    # the articles' words unseen
    list(pipe.analyze_many(["Der Bundestag hat am Montag in Berlin über den Haushalt abgestimmt."]))
    load = time.perf_counter() - t0
    paired = "entities" in [n for n, _ in pipe.stages]

    passes = [paired_pass(pipe, items, args.group, paired) for _ in range(max(2, args.repeat))]
    cold, warm = passes[0], min(passes[1:], key=lambda p: p["seconds"])
    from lagebild.encoder.encoder import default_precision
    print(f"{len(items)} articles, {words} words; stages: {', '.join(n for n, _ in pipe.stages)}")
    print(f"first load (and one sentence): {load:.2f} s; encoder precision {default_precision()} "
          f"(LAGEBILD_PRECISION=fp32|bf16|int8 to choose)")
    print(f"throughput: {len(items) / warm['seconds']:.1f} articles/s, {words / warm['seconds']:,.0f} words/s (best "
          f"of {len(passes) - 1} passes after the first); first pass, the word layer's memo cold: "
          f"{len(items) / cold['seconds']:.1f} articles/s")
    print(f"  {'ms/article':10} {'warm':>8} {'cold':>8}")
    for name in warm["stages"]:
        print(f"  {name:10} {warm['stages'][name] * 1000 / len(items):8.1f} {cold['stages'][name] * 1000 / len(items):8.1f}")
    if paired:
        print(f"  {'(encoder)':10} {warm['encoder'] * 1000 / len(items):8.1f} {cold['encoder'] * 1000 / len(items):8.1f}"
              "   the encoder alone on the same sentences, right after each group")
        for label, p in [("first pass", cold)] + [(f"pass {k}", p) for k, p in enumerate(passes[1:], 2)]:
            q = p["group_ratios"]
            quartiles = statistics.quantiles(q, n=4) if len(q) > 1 else [q[0]] * 3
            print(f"the pipeline costs {p['seconds'] / p['encoder']:.2f} times its encoder pass ({label}; "
                  f"groups of {args.group}: median {quartiles[1]:.2f}, quartiles {quartiles[0]:.2f} to {quartiles[2]:.2f})")


def read_items(dirs: list[str]) -> list[dict]:
    items = []
    for d in dirs:
        for f in sorted(Path(d).glob("*.txt")):
            m = re.search(r"(\d{4}-\d{2}-\d{2})", f.name)
            items.append({"text": f.read_text("utf-8"), "published": m and m.group(1), "id": f.stem})
    return items


def paired_pass(pipe, items, group: int, paired: bool) -> dict:
    """One pass over the items, `group` at a time, each group's pipeline call followed by the
    encoder alone on its sentences: seconds in all, per stage, of the encoder, and each
    group's ratio."""
    out = {"seconds": 0.0, "encoder": 0.0, "stages": {}, "group_ratios": []}
    for k in range(0, len(items), group):
        seconds, stages, docs = one_pass(pipe, items[k:k + group])
        out["seconds"] += seconds
        for name, s in stages.items():
            out["stages"][name] = out["stages"].get(name, 0.0) + s
        if paired:
            encoder = encoder_alone(docs)
            out["encoder"] += encoder
            out["group_ratios"].append(seconds / encoder)
    return out


def one_pass(pipe, items) -> tuple[float, dict[str, float], list]:
    """Seconds of one pass over the items, seconds per stage, and the documents."""
    per_stage = {}
    t = time.perf_counter()
    docs = [pipe.make_document(i["text"], i["published"], id=i["id"]) for i in items]
    for name, stage in pipe.stages:
        s = time.perf_counter()
        run_stage(stage, docs)
        per_stage[name] = time.perf_counter() - s
    return time.perf_counter() - t, per_stage, docs


def run_stage(stage, docs) -> None:
    """One stage over the documents: in one batch where it has one (`many`), else one by one."""
    many = getattr(stage, "many", None)
    if many:
        many(docs)
    else:
        for d in docs:
            stage(d)


def encoder_alone(docs) -> float:
    """Seconds of one shared-encoder pass over the sentences the pipeline encodes
    (`encoded_sentences`), in one call as `analyze_many` makes it."""
    from lagebild.encoder import encoded_sentences, get_encoder
    texts = [d.text[s.start:s.end] for d in docs for s in encoded_sentences(d)]
    t = time.perf_counter()
    get_encoder().encode(texts)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
