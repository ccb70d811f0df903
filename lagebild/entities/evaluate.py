"""`lagebild evaluate ner [--precision fp32|bf16|int8] [--data-dir DIR]`: exact-span P/R/F1 per type of the
shipped NER model on the held-out GermEval slice defined in lagebild/training/ner/train-ner.yaml
(the sentences training never saw)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..datafiles import read_yaml
from ..settings import settings


def main(argv=None) -> int:
    from ..encoder import Encoder
    from ..training.ner.germeval import read_germeval
    from ..training.ner.train import CONFIG, evaluate_pipeline, split
    from .ner import load_head
    ap = argparse.ArgumentParser(prog="lagebild evaluate ner")
    ap.add_argument("--config", default=str(CONFIG))
    ap.add_argument("--data-dir")
    ap.add_argument("--precision", choices=("fp32", "bf16", "int8"), default="fp32",
                    help="the encoder's layers: fp32, bfloat16, or int8 attention projections")
    ap.add_argument("--int8", action="store_true", help="the same as --precision int8")
    args = ap.parse_args(argv)
    cfg = read_yaml(args.config)
    data_dir = Path(args.data_dir or settings().ner_data or cfg["data"]["dir"])
    sentences = [s for f in cfg["data"]["files"] for s in read_germeval(data_dir / f)]
    _, _, held = split(sentences, cfg["data"]["split_seed"], cfg["data"]["held_out"], cfg["data"]["dev"])
    res = evaluate_pipeline(Encoder(precision="int8" if args.int8 else args.precision), load_head(), held)
    print(json.dumps(res, indent=1))
    return 0
