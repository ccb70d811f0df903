"""`lagebild train quotes`: train the learned quote tagger (lagebild/quotes/tagger.py) on GermEval 2023
SpkAtt task 2 (German Wikinews, 2023 format: Sentences with Tokens, Annotations with
"sentence:token" refs).

The 700 training articles are split once (seed 7) into 630 for training and 70 for
tuning (early stopping, the tagger's confidence threshold). The task's dev set (150
articles, the same as the 2024 release's dev) is never used here: it is what `lagebild
evaluate spkatt` reports. The encoder is the shared one (`lagebild.encoder`, with the
shipped fine-tuned layers) and stays fixed: its states are computed once and cached in
memory, so that only the small tagger is trained (minutes on 2 cores).

    lagebild train quotes [--data DIR] [--epochs 40] [--seed 1] [--features FILE] [--out PATH]

Writes lagebild/quotes/model/quote-tagger.pt (fp16) and metrics.json beside it. Retrain
after the encoder's tuned layers change.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Optional

import torch
import torch.nn.functional as F

from ...quotes.spkatt import from_2023
from ...quotes.tagger import (FRAME_TAGS, INPUTS, MODEL_PATH, QUOTE_TAGS, QUOTE_TYPES, ROLE_TAGS, QuoteTagger, article_input,
                        piece_starts, rule_flags)

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "spkatt2023-task2-news-de" / "train"
TYPE_OF = {"Direct": "direct", "Indirect": "indirect", "FreeIndirect": "free_indirect",
           "IndirectFreeIndirect": "indirect_free_indirect", "Reported": "reported"}
ROLE_OF = {"cue": "cue", "speaker": "speaker", "addressee": "addressee"}


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def read_article(path: Path) -> dict:
    """Text, sentence spans, token spans and gold tags per token of one 2023-format file."""
    data = json.loads(path.read_text("utf-8"))
    doc = from_2023(data)
    tokens = [(t["charBegin"], t["charEnd"]) for t in doc["tokens"]]
    sents, i = [], 0
    for s in data["Sentences"]:
        n = len(s["Tokens"])
        if n:
            sents.append((tokens[i][0], tokens[i + n - 1][1], list(range(i, i + n))))
        i += n
    n = len(tokens)
    qtag, rtag, ftag = ["O"] * n, ["O"] * n, ["O"] * n
    for a in doc["annotations"]:
        if a.get("isNested"):
            continue        # the tagger marks top-level quotes only
        qtype = TYPE_OF.get(a.get("type") or "")
        if qtype:
            _mark(qtag, a["quote"]["tokenIds"], qtype)
        for role in ("cue", "speaker", "addressee"):
            _mark(rtag, a[role]["tokenIds"], role)
        _mark(ftag, a["frame"]["tokenIds"], "frame")
    return {"name": path.name, "text": doc["originalText"], "tokens": tokens, "sentences": sents,
            "tags": (qtag, rtag, ftag)}


def _mark(tags: list[str], ids: list[int], label: str) -> None:
    """B- on the first token of each run of consecutive ids, I- on the rest; a token that
    already has a tag keeps it."""
    prev = None
    for i in sorted(set(ids)):
        if tags[i] == "O":
            tags[i] = ("I-" if prev == i - 1 else "B-") + label
        prev = i


def piece_labels(art: dict, encoded: list) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Gold tag ids per piece of the article (the pieces of all sentences in order): a
    piece takes its token's tag, B- only on the token's first piece."""
    qs, rs, fs = [], [], []
    qtag, rtag, ftag = art["tags"]
    for (a, b, ids), e in zip(art["sentences"], encoded):
        k = 0
        for p_start, p_end in zip(e.starts, e.ends):
            pos = a + p_start
            while k + 1 < len(ids) and art["tokens"][ids[k]][1] <= pos:
                k += 1
            tok = ids[k]
            ts = art["tokens"][tok]
            inside = ts[0] <= pos < ts[1] and p_end > p_start
            first = inside and pos == ts[0]
            for tags, table, out in ((qtag, QUOTE_TAGS, qs), (rtag, ROLE_TAGS, rs), (ftag, FRAME_TAGS, fs)):
                t = tags[tok] if inside else "O"
                if t.startswith("B-") and not first:
                    t = "I-" + t[2:]
                out.append(table.index(t) if inside else -100)
    return torch.tensor(qs), torch.tensor(rs), torch.tensor(fs)


def prepare(files: list[Path], encoder) -> list[dict]:
    """Encoder states (the slow part, cacheable with --features) and gold tags per piece."""
    out = []
    t0 = time.time()
    for n, f in enumerate(files):
        art = read_article(f)
        texts = [art["text"][a:b] for a, b, _ in art["sentences"]]
        enc = encoder.encode(texts)
        art["x"] = article_input([e.states.to(torch.float16) for e in enc])[:, :385].to(torch.float16)
        art["y"] = piece_labels(art, enc)
        out.append(art)
        if (n + 1) % 50 == 0:
            log(f"encoded {n + 1}/{len(files)} articles ({time.time() - t0:.0f}s)")
    return out


def add_rule_flags(arts: list[dict], tokenizer) -> None:
    """The rules' quotes of each article (on the pipeline's own sentences and tokens, as at
    run time) as flags per piece."""
    from ...document import Document
    from ...segment import add_sentences
    from ...quotes.rules import Extractor
    for art in arts:
        doc = Document.new(art["text"])
        add_sentences(doc)
        found = Extractor(doc.text, [(s.start, s.end) for s in doc.sentences], doc.tokens).run() \
            if doc.sentences else []
        toks = tokenizer.tokenize_many([art["text"][a:b] for a, b, _ in art["sentences"]])
        starts = piece_starts(toks, [a for a, _, _ in art["sentences"]])
        art["r"] = rule_flags(found, starts).to(torch.float16)


def batch(arts: list[dict], drop_flags: float = 0.0, rng: Optional[random.Random] = None):
    """Padded inputs and labels; with `drop_flags`, that share of articles comes without
    the rules' flags, so that the tagger also learns to find quotes on its own."""
    lengths = torch.tensor([a["x"].shape[0] for a in arts])
    T = int(lengths.max())
    x = torch.zeros(len(arts), T, INPUTS)
    ys = [torch.full((len(arts), T), -100, dtype=torch.long) for _ in range(3)]
    for i, a in enumerate(arts):
        n = a["x"].shape[0]
        flags = a["r"].float()
        if drop_flags and rng is not None and rng.random() < drop_flags:
            flags = torch.zeros_like(flags)
        x[i, :n] = torch.cat([a["x"].float(), flags], dim=1)
        for y, gold in zip(ys, a["y"]):
            y[i, :n] = gold
    return x, lengths, ys


def tag_f1(model: QuoteTagger, arts: list[dict]) -> dict:
    """Piece-level F1 of the non-O tags per layer (quote type included), on gold pieces."""
    model.eval()
    counts = {k: [0, 0, 0] for k in ("quote", "role", "frame")}
    with torch.inference_mode():
        for i in range(0, len(arts), 8):
            x, lengths, ys = batch(arts[i:i + 8])
            outs = model(x, lengths)
            for key, logits, y in zip(counts, outs, ys):
                pred = logits.argmax(-1)
                mask = y != -100
                p, g = pred[mask], y[mask]
                # a piece counts as right when its label (type, role) matches, B/I aside
                same = ((p + 1) // 2 == (g + 1) // 2)
                counts[key][0] += int(((p > 0) & (g > 0) & same).sum())
                counts[key][1] += int((p > 0).sum())
                counts[key][2] += int((g > 0).sum())
    out = {}
    for key, (tp, np_, ng) in counts.items():
        pr, rc = tp / max(1, np_), tp / max(1, ng)
        out[key] = round(2 * pr * rc / (pr + rc) if pr + rc else 0.0, 4)
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train quotes", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--patience", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16, help="articles per step")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--drop-flags", type=float, default=0.0,
                    help="share of training articles shown without the rules' flags")
    ap.add_argument("--tune", type=int, default=70, help="articles held back for tuning")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (a quick check)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--features", type=Path, help="cache the encoded articles in this file (re-runs skip the encoder)")
    args = ap.parse_args(argv)

    torch.manual_seed(args.seed)
    files = sorted(args.data.glob("*.json"))
    if not files:
        print(f"train quotes: no *.json in {args.data}", file=sys.stderr)
        return 1
    random.Random(7).shuffle(files)
    if args.limit:
        files = files[:args.limit]
    tune_files, train_files = files[:args.tune], files[args.tune:]
    started = time.time()
    if args.features and args.features.exists():
        cached = torch.load(args.features, weights_only=False)
        arts = [cached[f.name] for f in files]
    else:
        from ...encoder import get_encoder
        arts = prepare(files, get_encoder("fp32"))   # train on the reference states
        if args.features:
            torch.save({a["name"]: a for a in arts}, args.features)
    t0 = time.time()
    from ...encoder.tokenizer import tokenizer_for
    from ...encoder.weights import cache_folder
    add_rule_flags(arts, tokenizer_for(cache_folder()))
    log(f"rules run on {len(arts)} articles in {time.time() - t0:.0f}s")
    tune, train = arts[:len(tune_files)], arts[len(tune_files):]
    log(f"articles: train {len(train)}, tune {len(tune)}; encoded in {time.time() - started:.0f}s")

    config = {"inputs": INPUTS, "size": 128, "dropout": 0.3, "dilations": [1, 2, 4, 8, 16, 32]}
    model = QuoteTagger(**config)
    allx = torch.cat([a["x"].float() for a in train])
    model.mean[:384].copy_(allx[:, :384].mean(0))
    model.std[:384].copy_(allx[:, :384].std(0).clamp_min(1e-3))     # flags stay 0/1
    del allx
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    rng = random.Random(args.seed)
    best, best_state, bad, history = -1.0, None, 0, []
    for epoch in range(args.epochs):
        model.train()
        # batches of similar length (less padding), in random order
        order = sorted(range(len(train)), key=lambda j: train[j]["x"].shape[0] * (1 + 0.2 * rng.random()))
        batches = [order[i:i + args.batch] for i in range(0, len(order), args.batch)]
        rng.shuffle(batches)
        total = 0.0
        for b in batches:
            x, lengths, (yq, yr, yf) = batch([train[j] for j in b], args.drop_flags, rng)
            q, r, f = model(x, lengths)
            loss = (F.cross_entropy(q.reshape(-1, q.shape[-1]), yq.reshape(-1), ignore_index=-100)
                    + F.cross_entropy(r.reshape(-1, r.shape[-1]), yr.reshape(-1), ignore_index=-100)
                    + 0.5 * F.cross_entropy(f.reshape(-1, f.shape[-1]), yf.reshape(-1), ignore_index=-100))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total += float(loss.detach())
        scores = tag_f1(model, tune)
        score = scores["quote"] + 0.5 * scores["role"]
        history.append({"epoch": epoch + 1, "loss": round(total, 2), **scores})
        log(f"epoch {epoch + 1} loss {total:.2f} tune F1 {scores}")
        if score > best:
            best, bad = score, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= args.patience:
                log("early stop")
                break
    model.load_state_dict(best_state)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"config": config, "quote_tags": list(QUOTE_TAGS), "role_tags": list(ROLE_TAGS),
                "frame_tags": list(FRAME_TAGS), "state": {k: v.to(torch.float16) for k, v in best_state.items()}},
               args.out)
    metrics = {"tune_articles": [f.name for f in tune_files], "train_articles": len(train),
               "best": round(best, 4), "history": history, "minutes": round((time.time() - started) / 60, 1),
               "types": list(QUOTE_TYPES)}
    (args.out.parent / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False), "utf-8")
    log(f"wrote {args.out} (best tune score {best:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
