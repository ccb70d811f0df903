"""Speed of the encoder and of the NER stage: sentences/s and words/s at batch 1 and
32, fp32 vs bf16 layers vs int8 dynamic quantisation (attention linears only, or all
linear layers but the FFN output), and peak memory (each configuration runs in its own
process so that its peak is its own). Batch 32 twice: 32 sentences per call in arrival
order, and all sentences in one call, which the encoder sorts by length into batches of 32
(what `analyze_many` does with the sentences of 16 documents). bf16 is only fast on CPUs
with native bf16 (AVX512-BF16 or AMX; `lagebild.encoder.encoder.native_bf16`).

    python bench/bench_encoder.py [--threads 2] [--sentences 320] [--json out.json]

Sentences: the held-out GermEval slice (real German sentences; see
lagebild/training/ner/train-ner.yaml), or the dev articles' text when the data is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time


def sentences(n: int) -> list[str]:
    try:
        import yaml
        from pathlib import Path
        from lagebild.training.ner.germeval import read_germeval
        from lagebild.training.ner.train import CONFIG, split
        cfg = yaml.safe_load(open(CONFIG, encoding="utf-8"))
        d = Path(cfg["data"]["dir"])
        sents = [s for f in cfg["data"]["files"] for s in read_germeval(d / f)]
        _, _, held = split(sents, cfg["data"]["split_seed"], cfg["data"]["held_out"], cfg["data"]["dev"])
        texts = [s.text for s in held]
    except OSError:
        from pathlib import Path
        from lagebild.pipeline import Pipeline
        p = Pipeline(until="sentences")
        texts = []
        for f in sorted(Path("/work/shared/eval/dev").glob("*.txt")):
            doc = p.analyze(f.read_text(encoding="utf-8"))
            texts += [doc.text[s.start:s.end] for s in doc.sentences]
    return (texts * (1 + n // max(1, len(texts))))[:n]


# variants: the encoder's precision, and for int8 the linear layers of each block that get
# int8 dynamic quantisation
VARIANTS = {"fp32": ("fp32", None), "bf16": ("bf16", None),
            "int8 attention": ("fp32", ("q", "k", "v", "ao")), "int8 all-but-fo": ("fp32", ("q", "k", "v", "ao", "fi"))}


def one(config: dict) -> dict:
    """Run one configuration in this process."""
    import resource
    import torch
    torch.set_num_threads(config["threads"])
    from lagebild.encoder import Encoder
    from lagebild.entities import tag_texts
    t0 = time.perf_counter()
    precision, int8 = VARIANTS[config["variant"]]
    enc = Encoder(precision=precision)
    if int8:
        enc.quantize(int8)
    load_s = time.perf_counter() - t0
    texts = sentences(config["n"])
    words = sum(len(t.split()) for t in texts)
    bs = config["batch"]
    enc.encode(texts[:bs])                      # warm-up
    fn = (lambda chunk: enc.encode(chunk, batch_size=bs)) if config["what"] == "encoder" else \
         (lambda chunk: tag_texts(chunk, enc, batch_size=bs))
    # handed over `bs` at a time in arrival order (each batch pads to its longest
    # sentence), or all at once as a batch run of documents does: the encoder sorts them by
    # length into batches of `bs`, which pad little
    step = len(texts) if config.get("sorted") else bs
    t0 = time.perf_counter()
    for i in range(0, len(texts), step):
        fn(texts[i:i + step])
    dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {**config, "sentences_per_s": round(len(texts) / dt, 1), "words_per_s": round(words / dt),
            "seconds": round(dt, 2), "load_s": round(load_s, 2), "peak_rss_mb": round(peak_mb)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sentences", type=int, default=320, help="sentences per batch-32 run")
    ap.add_argument("--only", choices=("encoder", "ner"), help="bench one of the two")
    ap.add_argument("--json")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(json.loads(args.one))))
        return 0
    rows = []
    for what in ([args.only] if args.only else ["encoder", "ner"]):
        for variant in VARIANTS:
            for batch, sort in ((1, False), (32, False), (32, True)):
                cfg = {"what": what, "variant": variant, "batch": batch, "sorted": sort, "threads": args.threads,
                       "n": args.sentences if batch > 1 else max(32, args.sentences // 4)}
                out = subprocess.run([sys.executable, __file__, "--one", json.dumps(cfg)],
                                     capture_output=True, text=True, check=True)
                row = json.loads(out.stdout.strip().splitlines()[-1])
                rows.append(row)
                print(f"{what:8s} {variant:15s} batch {batch:2d}{' sorted' if sort else '       '}: "
                      f"{row['sentences_per_s']:7.1f} sent/s {row['words_per_s']:7d} words/s  "
                      f"peak {row['peak_rss_mb']} MB  (load {row['load_s']} s)", flush=True)
    from lagebild.encoder.encoder import native_bf16
    print(f"load average: {os.getloadavg()}; native bf16: {native_bf16()}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
